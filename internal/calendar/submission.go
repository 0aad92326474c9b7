// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// Submission is how an event entered the calendar through the public form
// or an import: who sent it (never published), the organisation they
// proposed, the warnings they saw, and the secretariat's decision.
type Submission struct {
	ID      int64
	EventID int64
	// Hold is a "save the date": dates, title and organiser only; it is
	// published as tentative.
	Hold bool
	// Lang is the submitter's language, for the manage page and mails.
	Lang           lang.Code
	SubmitterName  string
	SubmitterEmail string
	// Addr is the network the submission was sent from (an IPv4 address,
	// or the /64 of an IPv6 one), for the per-address cap on pending
	// submissions only: never shown, and cleared once the event has left
	// moderation.
	Addr string
	// TokenHash is the SHA-256 of the manage link's token; the token itself
	// is shown once and never stored.
	TokenHash   string
	ProposedOrg ProposedOrganisation
	// Warnings are the clash warnings shown when the event was submitted.
	Warnings []Warning
	// Reason is the secretariat's reason for a rejection.
	Reason string
	// MergedInto is the event this submission was found to duplicate.
	MergedInto int64
	// Withdrawn is set when the submitter cancelled before moderation.
	Withdrawn bool
	// CancelledBy says who cancelled the published event: CancelledBySubmitter
	// or CancelledBySecretariat; empty while it is not cancelled.
	CancelledBy string
	DecidedBy   string
	DecidedAt   time.Time
	CreatedAt   time.Time
	// EditDay is the UTC day of the last change made with the manage link,
	// and Edits how many were made that day (see MaxEditsPerDay).
	EditDay Date
	Edits   int
}

// ProposedOrganisation is a new organiser the submitter could not find in
// the list; the secretariat confirms it with the event.
type ProposedOrganisation struct {
	Name    string
	Country directory.Country
	Website string
}

// IsZero reports whether no organisation was proposed.
func (p ProposedOrganisation) IsZero() bool { return p == ProposedOrganisation{} }

// Warning is one stored clash warning: a message ID with its values, the
// level, and the other event when there is one.
type Warning struct {
	Level   string `json:"level"`
	Kind    string `json:"kind"` // event, holiday or protected
	EventID int64  `json:"event_id,omitempty"`
	Title   string `json:"title,omitempty"`
	// TitleLang is the language the title is in.
	TitleLang string         `json:"title_lang,omitempty"`
	First     string         `json:"first"`
	Last      string         `json:"last"`
	NameID    string         `json:"name_id,omitempty"`
	Country   string         `json:"country,omitempty"`
	Reasons   []StoredReason `json:"reasons,omitempty"`
}

// StoredReason is a Reason as kept with a submission.
type StoredReason struct {
	ID   string         `json:"id"`
	Args map[string]any `json:"args,omitempty"`
}

// Warnings turns the report into the list stored with a submission, in
// the order of Findings.
func (r ClashReport) Warnings(l lang.Code) []Warning {
	var out []Warning
	for _, f := range r.Findings() {
		p, c, h := f.Protected, f.Clash, f.Holiday
		switch {
		case p != nil:
			name, nl := p.Date.Name(l)
			out = append(out, Warning{Level: High.String(), Kind: "protected", Title: name, TitleLang: string(nl),
				First: p.First.String(), Last: p.Last.String()})
		case c != nil:
			title, tl := c.Event.Title(l)
			w := Warning{Level: c.Level.String(), Kind: "event", EventID: c.Other.ID, Title: title, TitleLang: string(tl),
				First: c.Other.FirstDay.String(), Last: c.Other.LastDay.String()}
			for _, rs := range c.Reasons {
				w.Reasons = append(w.Reasons, StoredReason(rs))
			}
			out = append(out, w)
		case h != nil:
			out = append(out, Warning{Level: h.Level.String(), Kind: "holiday", NameID: h.NameID, Country: string(h.Country),
				First: h.Date.String(), Last: h.Date.String()})
		}
	}
	return out
}

// Limits of the public form.
const (
	MaxSubmitterName = 200
	// MaxPendingPerEmail caps the submissions awaiting moderation from one
	// e-mail address, so one sender cannot flood the queue, whether by the
	// form, by imports or both.
	MaxPendingPerEmail = 10
	// MaxPendingPerAddress caps those sent from one network address under
	// any e-mail addresses: twice the per-sender cap, for colleagues behind
	// one office gateway.
	MaxPendingPerAddress = 2 * MaxPendingPerEmail
	// MaxEditsPerDay caps the changes made with one manage link in a UTC
	// day (edits, cancellations, reinstatements): each may raise SEQUENCE
	// and reach every subscribed calendar.
	MaxEditsPerDay = 10
)

// Validate checks the submitter's part of a submission.
func (s *Submission) Validate() error {
	f := apperr.Fields{}
	s.SubmitterName = strings.TrimSpace(s.SubmitterName)
	s.SubmitterEmail = strings.TrimSpace(s.SubmitterEmail)
	if s.SubmitterName == "" {
		f.Add("submitter_name", "validation.required")
	} else if len([]rune(s.SubmitterName)) > MaxSubmitterName || hasControl(s.SubmitterName, false) {
		f.Add("submitter_name", "validation.text")
	}
	if s.SubmitterEmail == "" {
		f.Add("submitter_email", "validation.required")
	} else if !ValidEmail(s.SubmitterEmail) {
		f.Add("submitter_email", "validation.email")
	}
	if _, ok := lang.Parse(string(s.Lang)); !ok {
		s.Lang = lang.EN
	}
	if !s.ProposedOrg.IsZero() {
		p := &s.ProposedOrg
		p.Name, p.Website = strings.TrimSpace(p.Name), strings.TrimSpace(p.Website)
		if p.Name == "" {
			f.Add("org_name", "validation.required")
		} else if len([]rune(p.Name)) > MaxShort || hasControl(p.Name, false) {
			f.Add("org_name", "validation.text")
		}
		if _, ok := directory.ParseCountry(string(p.Country)); !ok {
			f.Add("org_country", "validation.country.unknown")
		}
		if p.Website != "" && !directory.ValidWebURL(p.Website) {
			f.Add("org_website", "validation.url")
		}
	}
	return f.Err("validation.failed")
}

// Who cancelled an event.
const (
	CancelledBySubmitter   = "submitter"
	CancelledBySecretariat = "secretariat"
)

// Moderation states shown to submitters and the secretariat.
const (
	StatePending   = "pending"
	StatePublished = "published"
	StateRejected  = "rejected"
	StateMerged    = "merged"
	StateWithdrawn = "withdrawn"
	StateCancelled = "cancelled"
)

// State names where a submission stands, combining the event's status and
// the decision.
func (s Submission) State(e Event) string {
	switch {
	case s.Withdrawn:
		return StateWithdrawn
	case s.MergedInto != 0:
		return StateMerged
	case e.Status == Rejected:
		return StateRejected
	case e.Status == Cancelled:
		return StateCancelled
	case e.Status == Pending:
		return StatePending
	default:
		return StatePublished
	}
}

// FacetQuery selects events for the clash check: those with one of
// Statuses that touch the days First..Last. When Category or Networks are
// set it selects the days taken by the events among them that share the
// category or one of the networks, which is all that finding free dates
// needs: one Facets per distinct category, first and last day and (for
// networks) Networks, with only those fields filled and ID zero. The event
// Exclude (the candidate itself, when stored) is left out of those.
type FacetQuery struct {
	First, Last Date
	Statuses    []Status
	Category    Category
	Networks    []int64
	Exclude     int64
	// ExcludeSeries, when set, leaves the dates of that series out of the
	// days taken too: a series is no obstacle to its own dates.
	ExcludeSeries int64
}
