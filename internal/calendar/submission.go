// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
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
	DecidedBy string
	DecidedAt time.Time
	CreatedAt time.Time
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
	// address, so one sender cannot flood the queue.
	MaxPendingPerEmail = 10
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

// EventChange is one change to an event saved with its audit entry in one
// transaction: an organiser's edit, a moderation decision, an import.
type EventChange struct {
	// Event is the new state. For an existing event its Version must be the
	// stored one, or the change is a Conflict.
	Event *Event
	// Submission, when set, is stored with the event (created with a new
	// event, updated with an existing one).
	Submission *Submission
	// NewOrganiser, when set, is created and becomes the event's first
	// organiser (the secretariat confirming a proposed organisation).
	NewOrganiser *directory.Organisation
	Audit        audit.Entry
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
}

// SubmissionStore persists submissions and what the clash check reads.
type SubmissionStore interface {
	// SaveEvent applies ch in one transaction: creates the event when its ID
	// is 0, else updates it when the stored version matches (Conflict
	// "error.conflict.version" otherwise, NotFound when missing); sets ID,
	// Version and timestamps on ch.Event and ch.Submission.
	SaveEvent(ctx context.Context, ch EventChange) error
	// SaveEvents applies every change as SaveEvent does, all in one
	// transaction: when one fails, none is stored.
	SaveEvents(ctx context.Context, chs []EventChange) error
	// SubmissionByTokenHash returns NotFound when no submission has hash.
	SubmissionByTokenHash(ctx context.Context, hash string) (Submission, error)
	// SubmissionByEvent returns NotFound when the event has no submission.
	SubmissionByEvent(ctx context.Context, eventID int64) (Submission, error)
	// PendingSubmissions returns the submissions whose events await
	// moderation, oldest first.
	PendingSubmissions(ctx context.Context) ([]Submission, error)
	// CountPending counts pending submissions; when email is not "", only
	// those from email (case-insensitive).
	CountPending(ctx context.Context, email string) (int, error)
	// ClashFacets returns the facets of the events q selects.
	ClashFacets(ctx context.Context, q FacetQuery) ([]Facets, error)
	// EventsByID returns the events with ids, in no particular order;
	// missing ones are left out.
	EventsByID(ctx context.Context, ids []int64) ([]Event, error)
	// EventSummaries returns the events with ids with what names and dates
	// them in a list: ID, status, original language, titles, all-day flag,
	// times, days and zone. Descriptions, places, links and the other fields
	// are left empty; missing events are left out.
	EventSummaries(ctx context.Context, ids []int64) ([]Event, error)
	// ResolveLinks fills e's organisers and networks from their IDs; an
	// unknown ID is Invalid.
	ResolveLinks(ctx context.Context, e *Event) error
	// EventByUID returns NotFound when no event has uid.
	EventByUID(ctx context.Context, uid string) (Event, error)
	// ProtectedDates returns every protected date ordered by first day.
	ProtectedDates(ctx context.Context) ([]ProtectedDate, error)
	// SaveProtectedDate creates (ID 0) or updates p with a version check,
	// with its audit entry; DeleteProtectedDate removes it with its entry.
	SaveProtectedDate(ctx context.Context, p *ProtectedDate, e audit.Entry) error
	DeleteProtectedDate(ctx context.Context, id int64, e audit.Entry) error
}
