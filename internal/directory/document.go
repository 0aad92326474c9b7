// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
)

// DocType classifies a key document.
type DocType string

// Document types.
const (
	Strategy   DocType = "strategy"
	ActionPlan DocType = "action_plan"
	Report     DocType = "report"
	Minutes    DocType = "minutes"
	Convention DocType = "convention"
	Guidance   DocType = "guidance"
)

// DocTypes lists the document types in display order.
var DocTypes = []DocType{Strategy, ActionPlan, Report, Minutes, Convention, Guidance}

// Valid reports whether t is a known document type.
func (t DocType) Valid() bool { return slices.Contains(DocTypes, t) }

// Document is a key document in the library: a strategy, action plan,
// report or convention, linked where it is published.
type Document struct {
	ID    int64
	Title string
	// URL is the https address where the document is published.
	URL string
	// Lang is the document's language (a SpokenLanguages code).
	Lang           string
	Country        Country
	OrganisationID *int64
	NetworkID      *int64
	Type           DocType
	// Date is the day of publication (UTC midnight).
	Date      time.Time
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SearchText is the folded text a search matches.
func (d Document) SearchText() string { return lang.Fold(d.Title) }

// Validate checks d's fields and returns an apperr Invalid error with
// per-field message IDs.
func (d *Document) Validate() error {
	f := apperr.Fields{}
	d.Title = strings.TrimSpace(d.Title)
	if d.Title == "" {
		f.Add("title", "validation.required")
	} else if len([]rune(d.Title)) > 300 {
		f.Add("title", "validation.too_long")
	} else if msg := textFault(d.Title, false); msg != "" {
		f.Add("title", msg)
	}
	if u, err := url.Parse(d.URL); err != nil || u.Scheme != "https" || u.Host == "" || !ValidWebURL(d.URL) {
		f.Add("url", "validation.https")
	}
	if !slices.Contains(SpokenLanguages, d.Lang) {
		f.Add("lang", "validation.choice")
	}
	if !validCountry(d.Country) {
		f.Add("country", "validation.country.unknown")
	}
	if !d.Type.Valid() {
		f.Add("type", "validation.choice")
	}
	if d.OrganisationID != nil && d.NetworkID != nil {
		f.Add("organisation", "validation.one_of")
	}
	if d.Date.IsZero() {
		f.Add("date", "validation.required")
	}
	d.Date = dayOf(d.Date)
	return f.Err("validation.failed")
}

// DocumentQuery selects documents; zero fields select everything.
type DocumentQuery struct {
	Country        Country
	Type           DocType
	Lang           string
	OrganisationID int64
	NetworkID      int64
	Query          string
	// Limit (0: no limit) and Offset select a window of the result.
	Limit, Offset int
}

// MemberRole is the part a member plays in a network.
type MemberRole string

// Member roles.
const (
	Chair     MemberRole = "chair"
	Secretary MemberRole = "secretary"
	MemberOf  MemberRole = "member"
	Deputy    MemberRole = "deputy"
	Observer  MemberRole = "observer"
)

// MemberRoles lists the member roles in display order.
var MemberRoles = []MemberRole{Chair, Secretary, MemberOf, Deputy, Observer}

// Valid reports whether r is a known member role.
func (r MemberRole) Valid() bool { return slices.Contains(MemberRoles, r) }

// Member is an organisation's or a person's place in a network: exactly
// one of OrganisationID and PersonID is set.
type Member struct {
	ID             int64
	NetworkID      int64
	OrganisationID *int64
	PersonID       *int64
	Role           MemberRole
}

// Validate checks m and returns an apperr Invalid error with per-field message IDs.
func (m *Member) Validate() error {
	f := apperr.Fields{}
	if (m.OrganisationID == nil) == (m.PersonID == nil) {
		f.Add("member", "validation.one_of")
	}
	if !m.Role.Valid() {
		f.Add("role", "validation.choice")
	}
	return f.Err("validation.failed")
}
