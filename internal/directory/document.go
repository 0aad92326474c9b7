// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"bytes"
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
	Strategy    DocType = "strategy"
	ActionPlan  DocType = "action_plan"
	Report      DocType = "report"
	Study       DocType = "study"
	Tool        DocType = "tool"
	Guidance    DocType = "guidance"
	Legislation DocType = "legislation"
	Minutes     DocType = "minutes"
)

// DocTypes lists the document types in display order.
var DocTypes = []DocType{Strategy, ActionPlan, Report, Study, Tool, Guidance, Legislation, Minutes}

// Valid reports whether t is a known document type.
func (t DocType) Valid() bool { return slices.Contains(DocTypes, t) }

// DocumentTopics are the topics a document may have: the calendar's topic
// list (calendar.Topics; a test in the calendar package keeps them equal,
// since the calendar imports this package and not the other way round).
var DocumentTopics = []string{"prevention", "victims", "prosecution", "labour", "sexual", "children", "research", "legislation"}

// DocStatus says whether a document is in the public library.
type DocStatus string

// Document statuses: an archived document is kept (its file and its
// attachments to past events stay) but leaves the library and searches.
const (
	DocActive   DocStatus = "active"
	DocArchived DocStatus = "archived"
)

// DefaultMaxFileBytes is the default size limit of an uploaded PDF.
const DefaultMaxFileBytes = 20 << 20

// DocumentFile is an uploaded PDF. Content is loaded only to serve or
// store the file; lists carry the rest.
type DocumentFile struct {
	Name    string
	Size    int64
	SHA256  string
	Content []byte
}

// Document is a key document in the library: a strategy, action plan,
// report, study or law, linked where it is published or uploaded as a PDF.
type Document struct {
	ID int64
	// Titles and Summaries hold the texts per interface language;
	// OriginalLang says which one is the document's own.
	Titles       lang.Texts
	Summaries    lang.Texts
	OriginalLang lang.Code
	// Title is the title in OriginalLang, kept by Validate (lists, search
	// and older callers that know one title).
	Title string
	// Languages are the languages the document is available in
	// (SpokenLanguages codes); Lang is the first of them.
	Languages []string
	Lang      string
	// URL is the https address where the document is published; File the
	// uploaded PDF instead. Exactly one of the two is set.
	URL            string
	File           *DocumentFile
	Country        Country
	OrganisationID *int64
	NetworkID      *int64
	Type           DocType
	Topics         []string
	// Date is the day of publication (UTC midnight).
	Date      time.Time
	Status    DocStatus
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Active reports whether d is in the public library.
func (d Document) Active() bool { return d.Status == "" || d.Status == DocActive }

// TitleIn returns the title in l, falling back to the original.
func (d Document) TitleIn(l lang.Code) (string, lang.Code) { return d.Titles.Get(l, d.OriginalLang) }

// SummaryIn returns the summary in l with the same fallback as TitleIn.
func (d Document) SummaryIn(l lang.Code) (string, lang.Code) {
	return d.Summaries.Get(l, d.OriginalLang)
}

// SearchText is the folded text a search matches: every title and summary.
func (d Document) SearchText() string {
	var b strings.Builder
	for _, l := range lang.All {
		b.WriteString(d.Titles[l] + " " + d.Summaries[l] + " ")
	}
	if len(d.Titles) == 0 {
		b.WriteString(d.Title)
	}
	return lang.Fold(strings.TrimSpace(b.String()))
}

// normalize fills the multi-language fields from the single ones (Title,
// Lang) when only those are given, trims the texts and sets Title and Lang
// from the multi-language ones.
func (d *Document) normalize() {
	if d.OriginalLang == "" {
		if l, ok := lang.Parse(d.Lang); ok {
			d.OriginalLang = l
		} else {
			d.OriginalLang = lang.EN
		}
	}
	if d.Titles == nil {
		d.Titles = lang.Texts{}
	}
	if d.Summaries == nil {
		d.Summaries = lang.Texts{}
	}
	if d.Titles[d.OriginalLang] == "" && d.Title != "" {
		d.Titles[d.OriginalLang] = d.Title
	}
	if len(d.Languages) == 0 && d.Lang != "" {
		d.Languages = []string{d.Lang}
	}
	for _, m := range []lang.Texts{d.Titles, d.Summaries} {
		for l, t := range m {
			if t = strings.TrimSpace(t); t == "" {
				delete(m, l)
			} else {
				m[l] = t
			}
		}
	}
	d.Title = d.Titles[d.OriginalLang]
	d.Lang = ""
	if len(d.Languages) > 0 {
		d.Lang = d.Languages[0]
	}
	if d.Status == "" {
		d.Status = DocActive
	}
	d.URL = strings.TrimSpace(d.URL)
	slices.Sort(d.Topics)
	d.Topics = slices.Compact(d.Topics)
}

// pdfMagic starts every PDF file (ISO 32000-1, 7.5.2).
const pdfMagic = "%PDF-"

// IsPDF reports whether content starts like a PDF file.
func IsPDF(content []byte) bool { return bytes.HasPrefix(content, []byte(pdfMagic)) }

// Validate checks d's fields and returns an apperr Invalid error with
// per-field message IDs. It does not check the file's size, which is the
// service's setting (Service.MaxFileBytes).
func (d *Document) Validate() error {
	d.normalize()
	f := apperr.Fields{}
	if _, ok := lang.Parse(string(d.OriginalLang)); !ok {
		f.Add("original_lang", "validation.lang.unknown")
	}
	if d.Title == "" {
		f.Add("title", "validation.required")
	}
	for l, t := range d.Titles {
		if _, ok := lang.Parse(string(l)); !ok {
			f.Add("title", "validation.lang.unknown")
		} else if len([]rune(t)) > 300 {
			f.Add("title", "validation.too_long")
		} else if msg := textFault(t, false); msg != "" {
			f.Add("title", msg)
		}
	}
	for l, t := range d.Summaries {
		if _, ok := lang.Parse(string(l)); !ok {
			f.Add("summary", "validation.lang.unknown")
		} else if len([]rune(t)) > 3000 {
			f.Add("summary", "validation.too_long")
		} else if msg := textFault(t, true); msg != "" {
			f.Add("summary", msg)
		}
	}
	switch {
	case d.URL != "" && d.File != nil:
		f.Add("source", "directory.doc.link_or_file")
	case d.URL == "" && d.File == nil:
		f.Add("source", "directory.doc.link_or_file")
	case d.URL != "":
		if u, err := url.Parse(d.URL); err != nil || u.Scheme != "https" || u.Host == "" || !ValidWebURL(d.URL) {
			f.Add("url", "validation.https")
		}
	case d.File.Content != nil && !IsPDF(d.File.Content):
		f.Add("file", "validation.pdf")
	}
	if len(d.Languages) == 0 {
		f.Add("languages", "validation.required")
	}
	for _, l := range d.Languages {
		if !slices.Contains(SpokenLanguages, l) {
			f.Add("languages", "validation.choice")
		}
	}
	for _, t := range d.Topics {
		if !slices.Contains(DocumentTopics, t) {
			f.Add("topics", "validation.choice")
		}
	}
	if !validCountry(d.Country) {
		f.Add("country", "validation.country.unknown")
	}
	if !d.Type.Valid() {
		f.Add("type", "validation.choice")
	}
	if d.Status != DocActive && d.Status != DocArchived {
		f.Add("status", "validation.choice")
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

// DocumentQuery selects documents; zero fields select everything that is
// active (Archived also selects the archived ones).
type DocumentQuery struct {
	Country        Country
	Type           DocType
	Lang           string
	OrganisationID int64
	NetworkID      int64
	Topic          string
	Year           int
	Query          string
	// Archived includes archived documents (the secretariat's list).
	Archived bool
	// Limit (0: no limit) and Offset select a window of the result.
	Limit, Offset int
}

// MemberRole is the part a member plays in a network.
type MemberRole string

// Member roles.
const (
	Chair     MemberRole = "chair"
	ViceChair MemberRole = "vice_chair"
	Secretary MemberRole = "secretary"
	MemberOf  MemberRole = "member"
	Deputy    MemberRole = "deputy"
	Observer  MemberRole = "observer"
)

// MemberRoles lists the member roles in display order (a roster is sorted
// by it).
var MemberRoles = []MemberRole{Chair, ViceChair, Secretary, MemberOf, Deputy, Observer}

// Valid reports whether r is a known member role.
func (r MemberRole) Valid() bool { return slices.Contains(MemberRoles, r) }

// Member is an organisation's or a person's place in a network: exactly
// one of OrganisationID and PersonID is set. From and To are the first and
// last day of the membership (UTC midnight); zero means open.
type Member struct {
	ID             int64
	NetworkID      int64
	OrganisationID *int64
	PersonID       *int64
	Role           MemberRole
	From, To       time.Time
}

// Ended reports whether the membership has ended on day: its end date is
// day or earlier (ending a membership today takes it off the roster now).
func (m Member) Ended(day time.Time) bool { return !m.To.IsZero() && !m.To.After(dayOf(day)) }

// Validate checks m and returns an apperr Invalid error with per-field message IDs.
func (m *Member) Validate() error {
	f := apperr.Fields{}
	if (m.OrganisationID == nil) == (m.PersonID == nil) {
		f.Add("member", "validation.one_of")
	}
	if !m.Role.Valid() {
		f.Add("role", "validation.choice")
	}
	m.From, m.To = dayOf(m.From), dayOf(m.To)
	if !m.From.IsZero() && !m.To.IsZero() && m.To.Before(m.From) {
		f.Add("to", "validation.date_order")
	}
	return f.Err("validation.failed")
}
