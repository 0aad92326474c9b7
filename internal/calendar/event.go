// SPDX-License-Identifier: AGPL-3.0-or-later

// Package calendar is the shared calendar's domain: events, their life
// cycle, the filters people browse and subscribe with, and the service that
// applies the rules. It imports no web or database framework.
package calendar

import (
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/text"
)

// Status is where an event stands in its life cycle.
type Status string

// Event statuses. Published, tentative and cancelled events are public;
// pending and rejected ones are seen only by the secretariat.
const (
	Published Status = "published"
	Tentative Status = "tentative"
	Cancelled Status = "cancelled"
	Pending   Status = "pending"
	Rejected  Status = "rejected"
)

// Statuses lists every status.
var Statuses = []Status{Published, Tentative, Cancelled, Pending, Rejected}

// PublicStatuses are the statuses shown on public pages, feeds and the API.
var PublicStatuses = []Status{Published, Tentative, Cancelled}

// Attendance says how people take part.
type Attendance string

// Attendance modes.
const (
	OnSite Attendance = "onsite"
	Online Attendance = "online"
	Hybrid Attendance = "hybrid"
)

// Attendances lists the attendance modes.
var Attendances = []Attendance{OnSite, Online, Hybrid}

// Category is the kind of event.
type Category string

// Event categories.
const (
	Conference  Category = "conference"
	Seminar     Category = "seminar"
	Meeting     Category = "meeting"
	Steering    Category = "steering"
	Ministerial Category = "ministerial"
	Training    Category = "training"
	Campaign    Category = "campaign"
	Deadline    Category = "deadline"
)

// Categories lists the categories in display order.
var Categories = []Category{Conference, Seminar, Meeting, Steering, Ministerial, Training, Campaign, Deadline}

// Topic is a subject area of anti-trafficking work.
type Topic string

// Topics.
const (
	Prevention   Topic = "prevention"
	Victims      Topic = "victims"
	Prosecution  Topic = "prosecution"
	Labour       Topic = "labour"
	Sexual       Topic = "sexual"
	Children     Topic = "children"
	ResearchData Topic = "research"
	Legislation  Topic = "legislation"
)

// Topics lists the topics in display order.
var Topics = []Topic{Prevention, Victims, Prosecution, Labour, Sexual, Children, ResearchData, Legislation}

// Audience says who may attend.
type Audience string

// Audiences.
const (
	Open       Audience = "open"
	Invitation Audience = "invitation"
	Internal   Audience = "network"
)

// Audiences lists the audiences.
var Audiences = []Audience{Open, Invitation, Internal}

// EventLanguages are the languages an event may be held in: the five of the
// interface plus the others heard at Nordic and Baltic meetings.
var EventLanguages = []string{"en", "fi", "sv", "da", "no", "is", "et", "lv", "lt", "ru", "de", "pl", "fo", "kl", "se"}

// Text is an event's title and description in one language.
type Text struct {
	Title       string
	Description string
}

// Event is one entry in the shared calendar.
type Event struct {
	ID  int64
	UID string
	// Status is the life-cycle state; Sequence rises whenever time, place or
	// status changes so that subscribed calendars take the change.
	Status   Status
	Sequence int
	// Version rises with every stored change; edits carry the version they
	// started from so that concurrent edits are refused, not lost.
	Version int

	// Texts holds the title and description per language; OriginalLang is
	// the language the organiser wrote in.
	Texts        map[lang.Code]Text
	OriginalLang lang.Code

	// AllDay events run from StartDate to EndDate inclusive in Zone.
	// Timed events run from Start to End (UTC instants) and are shown in Zone.
	// For all-day events Start and End are derived: midnight in Zone at the
	// start of StartDate and after EndDate.
	AllDay    bool
	StartDate Date
	EndDate   Date
	Start     time.Time
	End       time.Time
	Zone      string

	Venue      string
	Address    string
	City       string
	Country    directory.Country
	Attendance Attendance
	OnlineURL  string

	Category  Category
	Topics    []Topic
	Audience  Audience
	Languages []string

	RegistrationURL      string
	RegistrationDeadline Date
	ContactEmail         string
	PublicURL            string

	Organisers []directory.Organisation
	Networks   []directory.Network

	// Repeat makes the event a series (see series.go). SeriesID, set on
	// one date of a series, is the series' ID; RecurrenceKey names the
	// date (RecurrenceKey) and Overridden says it was changed on its own.
	Repeat        Repeat
	SeriesID      int64
	RecurrenceKey string
	Overridden    bool

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Title returns the title in l, falling back to the original language; the
// code says which language the title is in.
func (e Event) Title(l lang.Code) (string, lang.Code) {
	return lang.Choose(l, e.OriginalLang, func(c lang.Code) string { return e.Texts[c].Title })
}

// Description returns the description in l with the same fallback as Title.
func (e Event) Description(l lang.Code) (string, lang.Code) {
	return lang.Choose(l, e.OriginalLang, func(c lang.Code) string { return e.Texts[c].Description })
}

// Location returns the event's time zone. Validate guarantees it loads.
func (e Event) Location() *time.Location {
	loc, err := LoadZone(e.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Days returns the first and last local day of the event in its own zone.
func (e Event) Days() (first, last Date) {
	if e.AllDay {
		return e.StartDate, e.EndDate
	}
	loc := e.Location()
	first = DateOf(e.Start.In(loc))
	// An event ending exactly at midnight does not occupy the next day.
	last = DateOf(e.End.Add(-time.Nanosecond).In(loc))
	if last.Before(first) {
		last = first
	}
	return first, last
}

// IsPublic reports whether the event may appear on public pages and feeds.
func (e Event) IsPublic() bool { return slices.Contains(PublicStatuses, e.Status) }

// normalise trims text fields and derives the instants of whole-day events.
func (e *Event) normalise() {
	for l, t := range e.Texts {
		t.Title = strings.TrimSpace(t.Title)
		// Browsers send a textarea's line breaks as CRLF: stored as LF, a
		// description saved again unchanged stays unchanged.
		t.Description = strings.TrimSpace(lineBreaks.Replace(t.Description))
		if t.Title == "" && t.Description == "" {
			delete(e.Texts, l)
			continue
		}
		e.Texts[l] = t
	}
	for _, s := range []*string{&e.Venue, &e.Address, &e.City, &e.OnlineURL, &e.RegistrationURL, &e.ContactEmail, &e.PublicURL, &e.Zone} {
		*s = strings.TrimSpace(*s)
	}
	if e.AllDay {
		loc := e.Location()
		e.Start = e.StartDate.In(loc).UTC()
		e.End = e.EndDate.AddDays(1).In(loc).UTC()
	} else {
		e.Start = e.Start.UTC().Truncate(time.Second)
		e.End = e.End.UTC().Truncate(time.Second)
	}
	slices.Sort(e.Topics)
	e.Topics = slices.Compact(e.Topics)
	slices.Sort(e.Languages)
	e.Languages = slices.Compact(e.Languages)
}

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// Limits on stored text, in characters.
const (
	MaxTitle       = 200
	MaxDescription = 10000
	MaxShort       = 200
	MaxURL         = 2000
	// MaxSpan is the longest an event may run.
	MaxSpan = 60 * 24 * time.Hour
)

// Validate checks every field and returns an apperr Invalid error that names
// each bad field with a message ID. It normalises e first.
// The secretariat may enter open-ended series.
func (e *Event) Validate() error {
	return e.validate(validation{organiser: true, place: true, openEnded: true})
}

// validation says which requirements apply: a submission may propose a new
// organiser instead of picking one, and a "save the date" hold has no place yet.
type validation struct {
	organiser bool
	place     bool
	// openEnded allows a series without COUNT or UNTIL.
	openEnded bool
}

func (e *Event) validate(v validation) error {
	f := apperr.Fields{}
	if _, err := LoadZone(e.Zone); err != nil {
		f.Add("zone", "validation.zone")
	}
	e.normalise()
	if !slices.Contains(Statuses, e.Status) {
		f.Add("status", "validation.choice")
	}
	if _, ok := lang.Parse(string(e.OriginalLang)); !ok {
		f.Add("original_lang", "validation.lang.unknown")
	} else if strings.TrimSpace(e.Texts[e.OriginalLang].Title) == "" {
		f.Add("title_"+string(e.OriginalLang), "validation.required")
	}
	for l, t := range e.Texts {
		if _, ok := lang.Parse(string(l)); !ok {
			f.Add("original_lang", "validation.lang.unknown")
			continue
		}
		if t.Title == "" {
			f.Add("title_"+string(l), "validation.required")
		}
		checkText(f, "title_"+string(l), t.Title, MaxTitle, false)
		checkText(f, "description_"+string(l), t.Description, MaxDescription, true)
	}
	if e.AllDay {
		if e.StartDate.IsZero() {
			f.Add("start", "validation.required")
		}
		if e.EndDate.IsZero() {
			f.Add("end", "validation.required")
		} else if e.EndDate.Before(e.StartDate) {
			f.Add("end", "validation.end_before_start")
		}
	} else {
		if e.Start.IsZero() {
			f.Add("start", "validation.required")
		}
		if e.End.IsZero() {
			f.Add("end", "validation.required")
		} else if !e.End.After(e.Start) {
			f.Add("end", "validation.end_before_start")
		}
	}
	if e.End.Sub(e.Start) > MaxSpan {
		f.Add("end", "validation.too_long_span")
	}
	if y := e.Start.Year(); y < 2000 || y > 2100 {
		f.Add("start", "validation.date_range")
	}
	if d := e.RegistrationDeadline; !d.IsZero() {
		if _, last := e.Days(); d.Year < 2000 || last.Before(d) {
			f.Add("registration_deadline", "validation.deadline")
		}
	}
	for field, v := range map[string]string{"venue": e.Venue, "address": e.Address, "city": e.City} {
		checkText(f, field, v, MaxShort, false)
	}
	if e.Country != "" {
		if _, ok := directory.ParseCountry(string(e.Country)); !ok {
			f.Add("country", "validation.country.unknown")
		}
	}
	if !slices.Contains(Attendances, e.Attendance) {
		f.Add("attendance", "validation.choice")
	}
	if v.place && e.Attendance == OnSite && e.City == "" && e.Venue == "" && e.Status != Tentative {
		f.Add("city", "validation.required")
	}
	if !slices.Contains(Categories, e.Category) {
		f.Add("category", "validation.choice")
	}
	for _, t := range e.Topics {
		if !slices.Contains(Topics, t) {
			f.Add("topics", "validation.choice")
		}
	}
	if !slices.Contains(Audiences, e.Audience) {
		f.Add("audience", "validation.choice")
	}
	for _, l := range e.Languages {
		if !slices.Contains(EventLanguages, l) {
			f.Add("languages", "validation.choice")
		}
	}
	for field, v := range map[string]string{"online_url": e.OnlineURL, "registration_url": e.RegistrationURL, "public_url": e.PublicURL} {
		if v != "" && !directory.ValidWebURL(v) {
			f.Add(field, "validation.url")
		}
	}
	if e.ContactEmail != "" && !ValidEmail(e.ContactEmail) {
		f.Add("contact_email", "validation.email")
	}
	if v.organiser && len(e.Organisers) == 0 {
		f.Add("organisers", "validation.organiser_required")
	}
	if len(f) == 0 {
		e.validateRepeat(f, v.openEnded)
	}
	return f.Err("validation.failed")
}

// ValidEmail reports whether s is a plain e-mail address (no display name,
// no query or other mailto: parts); see text.ValidEmail.
func ValidEmail(s string) bool { return text.ValidEmail(s) }

// hasControl reports what text.Line (or, for multi-line text, text.Block)
// refuses: control characters, invalid UTF-8 and, in one-line text,
// invisible and text-direction characters.
func hasControl(s string, multiline bool) bool { return textFault(s, multiline) != "" }

// textFault returns the message ID of what s may not hold, or "".
func textFault(s string, multiline bool) string {
	if multiline {
		return text.Block(s)
	}
	return text.Line(s)
}

// checkText adds to f the first fault of a text field: the characters it
// holds (MsgControl or MsgInvisible, so that a person told about invisible
// characters knows what to look for), then its length.
func checkText(f apperr.Fields, field, s string, max int, multiline bool) {
	if msg := textFault(s, multiline); msg != "" {
		f.Add(field, msg)
	} else if len([]rune(s)) > max {
		f.Add(field, "validation.text")
	}
}

// changesSchedule reports whether b differs from a in time, place or status:
// the changes that subscribed calendars must take, so SEQUENCE rises.
func changesSchedule(a, b Event) bool {
	return a.Status != b.Status || a.AllDay != b.AllDay || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) ||
		a.Zone != b.Zone || a.Venue != b.Venue || a.Address != b.Address || a.City != b.City ||
		a.Country != b.Country || a.Attendance != b.Attendance || a.OnlineURL != b.OnlineURL || !a.Repeat.Equal(b.Repeat)
}

// SearchText is what a free-text query matches: every title and
// description, the place and the organisers' names and abbreviations,
// folded with lang.Fold so that case and accents do not matter.
func (e Event) SearchText() string {
	var b strings.Builder
	add := func(s string) {
		if s != "" {
			b.WriteString(lang.Fold(s))
			b.WriteByte(' ')
		}
	}
	for _, l := range lang.All {
		add(e.Texts[l].Title)
		add(e.Texts[l].Description)
	}
	add(e.Venue)
	add(e.Address)
	add(e.City)
	for _, o := range e.Organisers {
		add(o.Abbreviation)
		for _, l := range lang.All {
			add(o.Names[l])
		}
	}
	return b.String()
}

// QueryTerms splits a free-text query into folded words; an event matches
// when its SearchText contains every word.
func QueryTerms(q string) []string {
	words := strings.Fields(lang.Fold(q))
	if len(words) > 10 {
		words = words[:10]
	}
	return words
}
