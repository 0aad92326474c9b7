// SPDX-License-Identifier: AGPL-3.0-or-later

// Package feed writes the calendar's iCalendar (RFC 5545) subscription
// feeds: pure functions from domain values to bytes, built with golang-ical.
//
// Everything a subscriber's program reads is decided here: which properties
// an event carries, how its times are written (dates for whole-day events,
// local time with a generated VTIMEZONE for timed ones) and how text is
// cleaned so that no field can break out of its line. The package has no
// user-visible strings of its own; the web layer passes them in Strings.
package feed

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// ProdID identifies nordcal as the program that wrote a feed.
const ProdID = "-//nordcal//nordcal 1.0//EN"

// Strings are the localised words a feed needs; the web layer fills them
// from the locale files. The feed package itself has no user-visible strings.
type Strings struct {
	// CancelledPrefix is put before the SUMMARY of cancelled events, e.g.
	// "Cancelled: ", because Outlook ignores STATUS.
	CancelledPrefix string
	// Online labels the online link in LOCATION ("Online: <url>"), in
	// DESCRIPTION and on CONFERENCE.
	Online string
	// Organisers, Registration, Deadline and MoreInfo label the lines of
	// DESCRIPTION; MoreInfo comes before the event page URL.
	Organisers   string
	Registration string
	Deadline     string
	MoreInfo     string
	// Category, Topic and Country hold the localised names used in
	// CATEGORIES and LOCATION; a missing entry shows the code.
	Category map[calendar.Category]string
	Topic    map[calendar.Topic]string
	Country  map[directory.Country]string
	// FormatDate writes the registration deadline; nil writes YYYY-MM-DD.
	FormatDate func(calendar.Date) string
}

// LocalizedStrings fills Strings through t, which returns the text of a
// locale message ID: the one place that names the messages a feed uses.
// formatDate writes the registration deadline.
func LocalizedStrings(t func(id string) string, formatDate func(calendar.Date) string) Strings {
	s := Strings{
		CancelledPrefix: t("feed.cancelled_prefix"),
		Online:          t("attendance.online"),
		Organisers:      t("event.organisers"),
		Registration:    t("event.registration"),
		Deadline:        t("event.deadline"),
		MoreInfo:        t("feed.more_info"),
		Category:        make(map[calendar.Category]string, len(calendar.Categories)),
		Topic:           make(map[calendar.Topic]string, len(calendar.Topics)),
		Country:         make(map[directory.Country]string, len(directory.Countries)),
		FormatDate:      formatDate,
	}
	for _, k := range calendar.Categories {
		s.Category[k] = t("category." + string(k))
	}
	for _, k := range calendar.Topics {
		s.Topic[k] = t("topic." + string(k))
	}
	for _, k := range directory.Countries {
		s.Country[k.Code] = t("country." + string(k.Code))
	}
	return s
}

// Calendar describes one feed.
type Calendar struct {
	// Name is the feed's NAME and X-WR-CALNAME, already localised and
	// including the filter description.
	Name string
	// Description is the VCALENDAR's DESCRIPTION and X-WR-CALDESC; empty
	// leaves both out.
	Description string
	// URL is the feed's web page (VCALENDAR URL).
	URL string
	// Lang picks the language of titles, descriptions and organiser names,
	// with the fallback of calendar.Event.Title.
	Lang lang.Code
	// Zone is written as X-WR-TIMEZONE (e.g. Europe/Copenhagen). Event times
	// never depend on it: they carry their own zone.
	Zone string
	// EventURL returns our public page for an event; nil leaves event URLs out.
	EventURL func(calendar.Event) string
	// OrganisationURL returns our public page for an organisation, the
	// ALTREP of its CONTACT; nil, or an organisation without an ID, leaves
	// ALTREP out.
	OrganisationURL func(directory.Organisation) string
	// OrganizerEmail is the ORGANIZER address of events without a
	// ContactEmail.
	OrganizerEmail string
	Strings        Strings
}

// Write serialises events as one VCALENDAR to w. It is byte-stable:
// identical input gives identical bytes, whatever the order of events.
//
// Only public events (published, tentative, cancelled) are written; others
// are left out. Events are ordered by start and UID, each zone used gets
// one VTIMEZONE before the events, and every text is cleaned of control
// characters first. Every organiser gets a CONTACT, in order; ORGANIZER
// names the first. METHOD:PUBLISH is written when every event has an
// ORGANIZER address (RFC 5546 requires one), and left out otherwise.
//
// Write returns an error when an event has no UID or two events share one,
// and when w fails.
func Write(w io.Writer, c Calendar, events []calendar.Event) error {
	// The sort moves small keys, not Events of several hundred bytes. The
	// position in events, as the last key, makes the order total: the
	// order of a stable sort, at the cost of an unstable one.
	keys := make([]sortKey, 0, len(events))
	for i := range events {
		if e := &events[i]; e.IsPublic() {
			keys = append(keys, sortKey{start: sortStart(e), uid: e.UID, i: i})
		}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.uid, b.uid), cmp.Compare(a.i, b.i))
	})

	b := newBuilder(c)
	entries := make([]entry, len(keys))
	seen := make(map[string]bool, len(entries))
	years := map[string][2]int{}
	locs := map[string]*time.Location{}
	seriesZones := map[string]*time.Location{} // by UID
	publish := true
	for i := range entries {
		x := &entries[i]
		x.e = &events[keys[i].i]
		x.uid = cleanLine(x.e.UID)
		if x.uid == "" {
			return fmt.Errorf("feed: event %d has no UID", x.e.ID)
		}
		if id := identity(x); seen[id] {
			return fmt.Errorf("feed: two events have the UID %q", x.uid)
		} else {
			seen[id] = true
		}
		if b.organizerEmail(x.e) == "" {
			publish = false
		}
		// The caller's functions are called here, on the caller's
		// goroutine, and not while the events are written in parallel.
		if c.EventURL != nil {
			x.page = c.EventURL(*x.e)
		}
		if c.OrganisationURL != nil {
			for _, o := range x.e.Organisers {
				if _, ok := b.orgPages[o.ID]; !ok && o.ID != 0 {
					b.orgPages[o.ID] = cleanURL(c.OrganisationURL(o))
				}
			}
		}
		if d := x.e.RegistrationDeadline; !d.IsZero() && c.Strings.FormatDate != nil {
			x.deadline = c.Strings.FormatDate(d)
		}
		x.t = b.timingOf(x.e)
		end := x.t.end
		if x.e.IsSeries() {
			x.t = b.seriesTiming(x.e, x.t)
			end = seriesLast(x.e)
			seriesZones[x.uid] = x.t.loc
		}
		if x.t.loc == nil {
			continue
		}
		name := x.t.loc.String()
		first, last := x.t.start.In(x.t.loc).Year(), end.In(x.t.loc).Year()
		if y, ok := years[name]; ok {
			first, last = min(first, y[0]), max(last, y[1])
		}
		years[name] = [2]int{first, last}
		locs[name] = x.t.loc
	}

	// An override's RECURRENCE-ID is written in its series' zone.
	for i := range entries {
		if x := &entries[i]; isOverride(x.e) && !x.e.AllDay {
			if loc, ok := seriesZones[x.uid]; ok {
				x.seriesLoc = loc
			} else {
				x.seriesLoc = b.eventZone(x.e.Zone)
			}
		}
	}

	cal := ics.NewCalendar()
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	if publish {
		cal.SetMethod(ics.MethodPublish)
	}
	if name := cleanLine(c.Name); name != "" {
		cal.SetName(name) // NAME and X-WR-CALNAME
	}
	if desc := cleanText(c.Description); desc != "" {
		cal.SetDescription(desc)
		cal.SetXWRCalDesc(desc)
	}
	if loc := b.eventZone(c.Zone); loc != nil || utcZones[c.Zone] {
		cal.SetXWRTimezone(c.Zone)
	}
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	if u := cleanURL(c.URL); u != "" {
		cal.SetUrl(u)
	}

	names := make([]string, 0, len(locs))
	for name := range locs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		cal.AddVTimezone(vtimezone(name, observancesCached(locs[name], years[name][0], years[name][1])))
	}
	// The VEVENTs come last, each built as it is written.
	cal.Components = append(cal.Components, &eventStream{b: b, entries: entries})

	// golang-ical writes every line with its own small Write and ignores
	// the errors of some of them; bufio turns that into few large writes
	// and keeps the first error for Flush.
	bw := bufio.NewWriterSize(w, 32<<10)
	if err := cal.SerializeTo(bw, serialization()); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}

// sortKey orders the public events.
type sortKey struct {
	start time.Time // sortStart(e)
	uid   string    // e.UID
	i     int       // e's position in the events given to Write
}

// entry is a public event on its way into the feed.
type entry struct {
	e   *calendar.Event
	uid string // cleaned
	// What the caller's EventURL and FormatDate return for e, not cleaned.
	page, deadline string
	t              timing
	// seriesLoc is the zone of an override's RECURRENCE-ID: that of its
	// series' DTSTART (nil for UTC).
	seriesLoc *time.Location
}

// sortStart is the instant an event is ordered by.
func sortStart(e *calendar.Event) time.Time {
	if e.AllDay && e.Start.IsZero() {
		return e.StartDate.In(e.Location())
	}
	return e.Start
}

// utcZones are the zone names whose times are written as UTC (…Z) with no
// VTIMEZONE.
var utcZones = map[string]bool{
	"UTC": true, "Etc/UTC": true, "Etc/UCT": true, "UCT": true,
	"Etc/Universal": true, "Universal": true, "Etc/Zulu": true, "Zulu": true,
}

// timing is how an event's times are written.
type timing struct {
	allDay           bool
	startDay, endDay calendar.Date // inclusive, whole-day events
	start, end       time.Time     // timed events, whole seconds
	// loc is the zone of DTSTART/DTEND (TZID plus VTIMEZONE); nil writes UTC.
	loc *time.Location
}

func (b *builder) timingOf(e *calendar.Event) timing {
	if e.AllDay {
		first, last := e.StartDate, e.EndDate
		if first.IsZero() {
			first = calendar.DateOf(e.Start.In(e.Location()))
		}
		if last.IsZero() || last.Before(first) {
			last = first
		}
		return timing{allDay: true, startDay: first, endDay: last}
	}
	t := timing{start: e.Start.Truncate(time.Second), end: e.End.Truncate(time.Second)}
	if loc := b.eventZone(e.Zone); loc != nil && representable(t.start, loc) && representable(t.end, loc) {
		t.loc = loc
	}
	return t
}

// eventZone returns the location to write an event's local times in, or
// nil for UTC: for UTC itself, and for a zone that does not load or whose
// name could not be written unchanged as a TZID parameter.
func eventZone(zone string) *time.Location {
	if zone == "" || utcZones[zone] || cleanParam(zone) != zone {
		return nil
	}
	loc, err := calendar.LoadZone(zone)
	if err != nil || loc == time.UTC || loc == time.Local || loc.String() != zone {
		return nil
	}
	return loc
}

// representable reports whether t can be written as local time in loc with
// a TZID and be read back as t by every client. A clock time that occurs
// twice (the hour repeated when daylight time ends) cannot: RFC 5545 reads
// it as the first occurrence, but ical.js (Thunderbird) reads the second.
// Events that start or end in that hour are written in UTC instead.
func representable(t time.Time, loc *time.Location) bool {
	w := t.In(loc)
	year, month, day := w.Date()
	hour, minute, sec := w.Clock()
	// The clock time read with the offset in force two days before and
	// after: if that is another instant which loc shows with the same
	// clock time, the clock time is ambiguous. Comparing fields rather
	// than formatted strings saves four allocations per time.
	wall := time.Date(year, month, day, hour, minute, sec, 0, time.UTC)
	for _, probe := range [...]time.Time{t.Add(-48 * time.Hour), t.Add(48 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		c := wall.Add(-time.Duration(off) * time.Second)
		if c.Equal(t) {
			continue
		}
		cl := c.In(loc)
		y, m, d := cl.Date()
		hh, mm, ss := cl.Clock()
		if y == year && m == month && d == day && hh == hour && mm == minute && ss == sec {
			return false
		}
	}
	return true
}
