// SPDX-License-Identifier: AGPL-3.0-or-later

// Package icsimport reads iCalendar (.ics) files, as Outlook, Google
// Calendar, Thunderbird and Apple Calendar export them, into calendar event
// drafts that organisers and the secretariat can review and import.
//
// Parse is a pure function of its input and options: it writes nothing,
// keeps nothing between calls and does not panic. What it returns are drafts:
// only the fields an .ics file can fill are set, and the caller completes
// them (organisers, category, attendance…), sets the status it wants (a
// public upload starts as pending) and validates them with
// calendar.Event.Validate.
//
// What it does with the parts of RFC 5545 that need a decision:
//
//   - Times with a TZID use that zone. Windows zone names (Outlook) map to
//     IANA zones after CLDR, preferring Options.Zone when it is one of the
//     Windows zone's territories. A TZID that is neither is accepted only
//     when the file has a VTIMEZONE for it whose TZID contains an IANA name
//     ("/mozilla.org/20050126_1/Europe/Helsinki") or that has an
//     X-LIC-LOCATION; the VTIMEZONE's own rules are not read. Otherwise the
//     TZID is an error, unless Options.UnknownZonesAsZone is set. Times
//     with a Z, or a TZID that only means UTC, and floating times
//     (Options.Zone) are converted to UTC instants; the event's Zone is
//     DTSTART's IANA zone, else Options.Zone.
//   - An all-day event's DTEND is exclusive, so EndDate is the day before
//     it. Without DTEND or DURATION an all-day event lasts one day and a
//     timed one an hour (RFC 5545 would make it an instant, which nordcal
//     cannot show); an end equal to the start is read the same way. Events
//     Outlook marks X-MICROSOFT-CDO-ALLDAYEVENT:TRUE that run from
//     midnight to midnight are all-day events.
//   - A recurring event (RRULE, RDATE) stays one series: one Item whose
//     Event has the first date (DTSTART), the file's UID and Repeat: the
//     RRULE as it came (upper case, repeated list values left out), RDATE
//     and EXDATE as wall-clock times in DTSTART's zone (a series whose
//     DTSTART is in UTC repeats in UTC and gets the zone UTC). A series
//     with RDATEs and no RRULE gets the rule "DTSTART once"
//     (FREQ=DAILY;COUNT=1). Before anything is expanded, the rule's work
//     is estimated and bounded (rules repeating hourly or more often, and
//     values rrule-go would crash on, are refused); then its dates come
//     from calendar.Event.Occurrences, nordcal's one expansion: at most
//     Options.MaxOccurrences of them may start between Options.Now minus
//     30 days and Options.Now plus two years, ten times MaxEvents in all
//     the file's series, and a series with none there is left out. A rule
//     that gives no date but DTSTART makes a single event. A VEVENT with
//     the same UID and a RECURRENCE-ID naming one of the series' dates in
//     that window is an override: an Item whose Event has the series'
//     UID, RecurrenceKey (calendar.RecurrenceKey of the original start)
//     and Overridden set, taking from the series what it does not set
//     itself (title, description, location, URL, length); the newest one
//     of each date counts, and one with STATUS:CANCELLED has Status
//     Cancelled. RANGE=THISANDFUTURE is treated as a single override. An
//     override of a date the series does not have, and overrides whose
//     series is not in the file, are single events with the UID
//     "<UID>/<YYYYMMDD>" (the day of the original start; with the time
//     for a second one on the same day).
//   - Events that do not recur are returned whatever their date.
//   - An event without UID gets "import-" and a hash of its DTSTART and
//     SUMMARY, the same each time the file is imported. Two events with the
//     same UID and no RECURRENCE-ID refuse the file (MsgDuplicateUID): which
//     of them is the event cannot be told. Two events without UID, with the
//     same start and title, are taken for one: the one with the higher
//     SEQUENCE is kept, then the later LAST-MODIFIED (or DTSTAMP), then the
//     later in the file.
//   - With Options.Own, what nordcal's own feeds write around an event's
//     data is recognised and not read as the event's own (see
//     feed.Recogniser): the cancelled prefix of the title, the facts after
//     the description, the place joined in LOCATION and the event page in
//     URL. This holds for a calendar program's copy of a subscribed feed
//     too: the recognition goes by the text, not by PRODID.
//   - Titles, descriptions and locations are unescaped, stripped of control
//     characters and cut at a word to calendar.MaxTitle,
//     calendar.MaxDescription and calendar.MaxShort characters, marked
//     with "…".
package icsimport

import (
	"io"
	"sort"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// Defaults for the zero values of Options' limits.
const (
	DefaultMaxEvents      = 200
	DefaultMaxOccurrences = 100
)

// Options says how to read a file.
type Options struct {
	// Lang is the language the texts are taken to be in; a LANGUAGE
	// parameter on SUMMARY naming one of the five languages overrides it.
	// An empty or unknown Lang is English.
	Lang lang.Code
	// Zone is the IANA zone for floating times and the Zone given to
	// events whose times are in UTC; empty means "UTC". A zone that does
	// not load is an error (MsgUnknownZone, Line 0).
	Zone string
	// Now is the clock recurrences are expanded around; zero means
	// time.Now(). Tests and repeatable imports set it.
	Now time.Time
	// MaxEvents is the most drafts Parse returns (DefaultMaxEvents when
	// zero), a series and each of its overrides one draft each; more is
	// MsgTooManyEvents. A file may also hold at most ten times as many
	// VEVENTs, and its series ten times as many dates in the window.
	MaxEvents int
	// MaxOccurrences is the most occurrences one recurring event may have
	// in the window (DefaultMaxOccurrences when zero); more is
	// MsgTooManyOccurrences, naming the event and its RRULE line.
	MaxOccurrences int
	// UnknownZonesAsZone reads times whose TZID cannot be resolved as times
	// in Zone instead of failing with MsgUnknownZone. The import form sets
	// it when the uploader, told the zone is unknown, has chosen one.
	UnknownZonesAsZone bool
	// Own, when set, recognises the text nordcal's own feeds write around
	// an event's data, in the languages it was made with, so that a feed,
	// or a calendar program's copy of one, is read back into the events'
	// own titles, descriptions and places. nil reads every file as it is.
	Own *feed.Recogniser
}

// Item is one event read from the file.
type Item struct {
	// Line is the line of the BEGIN:VEVENT the event comes from (of the
	// override, for a replaced occurrence).
	Line int
	// Event is the draft: UID, Texts[OriginalLang] (title and
	// description), OriginalLang, AllDay with StartDate and EndDate (and
	// Start and End derived from them as Validate would) or Start and End
	// in UTC, Zone, Venue (with Options.Own, an event of a nordcal feed
	// also gets Address, City and Country from its LOCATION), PublicURL
	// (http and https only), Status (Published, Tentative or Cancelled)
	// and Sequence; a series also has Repeat, and an override of one of
	// its dates the series' UID, RecurrenceKey and Overridden. Nothing
	// else is set.
	Event calendar.Event
}

// Parse reads an iCalendar file and returns its events as drafts, sorted by
// start. The error, if any, is an *Error whose message ID and line tell the
// uploader what to fix. The caller limits how many bytes r may give.
func Parse(r io.Reader, opt Options) ([]Item, error) {
	x, err := newImporter(opt)
	if err != nil {
		return nil, err
	}
	cals, err := readCalendars(r)
	if err != nil {
		return nil, err
	}
	return x.run(cals)
}

// importer holds one Parse call's state.
type importer struct {
	parser
	opt      Options
	from, to time.Time // the window occurrences must start in
	steps    int       // rrule-go occurrences generated so far
	// estimated sums the steps the rules read so far may take (estimate).
	estimated int
	periods   int // periods rrule-go's rules may scan, estimated
	dates     int // dates of the series read so far, in the window
}

func newImporter(opt Options) (*importer, error) {
	if opt.MaxEvents <= 0 {
		opt.MaxEvents = DefaultMaxEvents
	}
	if opt.MaxOccurrences <= 0 {
		opt.MaxOccurrences = DefaultMaxOccurrences
	}
	if l, _, ok := lang.Resolve(string(opt.Lang)); ok {
		opt.Lang = l
	} else {
		opt.Lang = lang.EN
	}
	if opt.Zone == "" {
		opt.Zone = "UTC"
	}
	def, err := calendar.LoadZone(opt.Zone)
	if err != nil {
		return nil, lineErr(0, MsgUnknownZone, "TZID", opt.Zone)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	ps := parser{def: def, own: opt.Own}
	if opt.UnknownZonesAsZone {
		ps.fallback = &zone{name: opt.Zone, loc: def, utc: utcNames[opt.Zone]}
	}
	return &importer{
		parser: ps,
		opt:    opt,
		from:   opt.Now.AddDate(0, 0, -30),
		to:     opt.Now.AddDate(2, 0, 0),
	}, nil
}

func (x *importer) run(cals []*component) ([]Item, error) {
	x.zones = newZones(cals, x.opt.Zone)
	var comps []*component
	for _, cal := range cals {
		for _, c := range cal.children {
			if c.name == "VEVENT" {
				comps = append(comps, c)
			}
		}
	}
	if len(comps) == 0 {
		return nil, fileErr(MsgNoEvents)
	}
	if len(comps) > 10*x.opt.MaxEvents {
		return nil, fileErr(MsgTooManyEvents, "Max", x.opt.MaxEvents)
	}

	masters := map[string]*vevent{}
	overrides := map[string][]*vevent{}
	var order, orphanOrder []string
	for i, c := range comps {
		v, err := x.readVEvent(c, i, x.opt.Lang)
		if err != nil {
			return nil, err
		}
		if v.hasRID {
			if _, ok := overrides[v.uid]; !ok {
				orphanOrder = append(orphanOrder, v.uid)
			}
			overrides[v.uid] = append(overrides[v.uid], v)
			continue
		}
		if cur, ok := masters[v.uid]; ok {
			if v.ownUID {
				return nil, lineErr(v.line, MsgDuplicateUID, "First", cur.line, "UID", cutRunes(v.uid, 80))
			}
			if newer(cur, v) {
				masters[v.uid] = v
			}
			continue
		}
		masters[v.uid] = v
		order = append(order, v.uid)
	}
	series := 0
	for _, m := range masters {
		if m.recurring() {
			series++
		}
	}
	if series > x.opt.MaxEvents {
		return nil, fileErr(MsgTooManyEvents, "Max", x.opt.MaxEvents)
	}

	var items []Item
	for _, uid := range order {
		its, err := x.series(masters[uid], overrides[uid])
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
		if len(items) > x.opt.MaxEvents {
			return nil, fileErr(MsgTooManyEvents, "Max", x.opt.MaxEvents)
		}
	}
	for _, uid := range orphanOrder {
		if _, ok := masters[uid]; ok {
			continue
		}
		its, err := x.orphans(uid, overrides[uid])
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
		if len(items) > x.opt.MaxEvents {
			return nil, fileErr(MsgTooManyEvents, "Max", x.opt.MaxEvents)
		}
	}
	if len(items) == 0 {
		return nil, fileErr(MsgNoEventsInRange)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Event, items[j].Event
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.UID < b.UID
	})
	return items, nil
}

func (v *vevent) recurring() bool { return v.rrule != nil || len(v.rdates) > 0 }

// newer reports whether b supersedes a, two versions of one event.
func newer(a, b *vevent) bool {
	if a.seq != b.seq {
		return b.seq > a.seq
	}
	if !a.stamp.Equal(b.stamp) {
		return b.stamp.After(a.stamp)
	}
	return b.order > a.order
}
