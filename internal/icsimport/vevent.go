// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// vevent is one VEVENT as read, before recurrences are expanded and
// overrides applied. The has* fields tell an override which properties it
// sets itself and which it takes from the series.
type vevent struct {
	line  int
	order int
	uid   string
	// ownUID: the UID is the file's, not one made up for an event without.
	ownUID bool

	hasRID bool
	rid    dtValue

	start dtValue
	span  span
	// hasSpan: the event gives its own DTEND or DURATION.
	hasSpan bool

	title, desc, venue, url             string
	hasTitle, hasDesc, hasVenue, hasURL bool
	lang                                lang.Code
	// address, city and country are set only when LOCATION is read back
	// from a nordcal feed; hasVenue covers them.
	address, city string
	country       directory.Country

	status calendar.Status
	seq    int
	stamp  time.Time

	rrule   *prop
	rdates  []dtValue
	exdates []dtValue
}

// span is how long an event lasts, applied to each occurrence's start.
type span struct {
	allDay bool
	// days: for all-day events the number of days (at least one); for timed
	// events whole days added to the wall-clock start.
	days int
	// exact is the rest of a timed event's length.
	exact time.Duration
}

// Defaults for events without an end. RFC 5545 gives a DATE-TIME event
// without DTEND or DURATION no length at all; nordcal needs an end after the
// start, and an hour is what calendar programs suggest for a new meeting.
const defaultLength = time.Hour

// label names an event in messages: its title, else its UID.
func (v *vevent) label() string {
	if v.title != "" {
		return v.title
	}
	return cutRunes(v.uid, 80)
}

// readVEvent reads c. Errors name the property at fault, or BEGIN:VEVENT
// when something the event needs is missing.
func (ps *parser) readVEvent(c *component, order int, defLang lang.Code) (*vevent, error) {
	v := &vevent{line: c.line, order: order, lang: defLang, status: calendar.Published}

	if p, ok := c.first("SUMMARY"); ok {
		v.title = cleanLine(unescapeText(p.value))
		if l, ok := langParam(p.params["LANGUAGE"]); ok {
			v.lang = l
		}
	}
	if p, ok := c.first("DESCRIPTION"); ok {
		v.desc, v.hasDesc = cleanText(htmlText(unescapeText(p.value))), true
	}
	if p, ok := c.first("LOCATION"); ok {
		v.venue, v.hasVenue = cleanLine(unescapeText(p.value)), true
	}
	if p, ok := c.first("URL"); ok {
		v.hasURL = true
		if u := strings.TrimSpace(p.value); directory.ValidWebURL(u) && cleanLine(u) == u {
			v.url = u
		}
	}
	if p, ok := c.first("STATUS"); ok {
		switch strings.ToUpper(strings.TrimSpace(p.value)) {
		case "CANCELLED":
			v.status = calendar.Cancelled
		case "TENTATIVE":
			v.status = calendar.Tentative
		}
	}
	// The generated text comes off before the texts are cut to size, so
	// that a long title keeps its end and the facts do not crowd out the
	// description.
	ps.ownText(v)
	v.title = cutRunes(v.title, calendar.MaxTitle)
	v.hasTitle = v.title != ""
	v.desc = cutRunes(v.desc, calendar.MaxDescription)
	for _, s := range []*string{&v.venue, &v.address, &v.city} {
		*s = cutRunes(*s, calendar.MaxShort)
	}
	rid, hasRID := c.first("RECURRENCE-ID")
	if !v.hasTitle && !hasRID {
		return nil, lineErr(c.line, MsgMissingSummary)
	}
	if p, ok := c.first("SEQUENCE"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(p.value)); err == nil && n > 0 {
			v.seq = min(n, 1_000_000)
		}
	}
	for _, name := range []string{"DTSTAMP", "LAST-MODIFIED"} {
		if p, ok := c.first(name); ok {
			if t, ok := parseDT(strings.TrimSpace(p.value), false); ok && !t.date {
				v.stamp = t.wall
			}
		}
	}

	if hasRID {
		r, err := ps.dateTime(rid)
		if err != nil {
			return nil, err
		}
		v.rid, v.hasRID = r, true
	}

	dtstart, ok := c.first("DTSTART")
	switch {
	case ok:
		s, err := ps.dateTime(dtstart)
		if err != nil {
			return nil, err
		}
		v.start = s
	case v.hasRID:
		// An override without DTSTART keeps the occurrence's own time.
		v.start = v.rid
	default:
		return nil, lineErr(c.line, MsgMissingStart, "Title", v.label())
	}

	uid := ""
	if p, ok := c.first("UID"); ok {
		uid = cleanLine(unescapeText(p.value))
	}
	v.ownUID = uid != ""
	switch {
	case uid == "":
		// No UID: one that stays the same when the same file is imported
		// again, from what identifies the event to a person.
		summary, _ := c.first("SUMMARY")
		uid = "import-" + hash(dtstart.params["TZID"]+"\x00"+dtstart.value+"\x00"+summary.value)
	case len(uid) > 255:
		uid = "import-" + hash(uid)
	}
	v.uid = uid

	_, hasEnd := c.first("DTEND")
	_, hasDuration := c.first("DURATION")
	sp, err := ps.readSpan(c, v)
	if err != nil {
		return nil, err
	}
	v.span, v.hasSpan = sp, hasEnd || hasDuration
	if allDayFlag(c) {
		ps.asAllDay(v)
	}

	rrules := c.all("RRULE")
	if len(rrules) > 1 {
		return nil, lineErr(rrules[1].line, MsgRRule, "Title", v.label())
	}
	if len(rrules) == 1 {
		v.rrule = &rrules[0]
	}
	for _, p := range c.all("RDATE") {
		ds, err := ps.dateTimes(p)
		if err != nil {
			return nil, err
		}
		v.rdates = append(v.rdates, ds...)
	}
	for _, p := range c.all("EXDATE") {
		ds, err := ps.dateTimes(p)
		if err != nil {
			return nil, err
		}
		v.exdates = append(v.exdates, ds...)
	}
	if len(v.rdates)+len(v.exdates) > 5000 {
		return nil, lineErr(c.line, MsgTooComplex, "Title", v.label())
	}
	return v, nil
}

// ownText takes off what a nordcal feed writes around an event's own data
// (see feed.Recogniser), when the event is one of a feed's: when its
// description ends with the facts the feed adds. Then the facts come off
// the description, the cancelled prefix off the title (the prefix also
// makes the event cancelled, for programs that drop STATUS), LOCATION is
// read back into venue, address, city and country, and URL is left out
// when it is the event's page in the feed rather than a page of its own.
// The cancelled prefix also comes off the title of a cancelled event of
// any other file.
func (ps *parser) ownText(v *vevent) {
	r := ps.own
	if r == nil {
		return
	}
	text, page, own := r.Description(v.desc)
	if own {
		v.desc = text
		if v.url == page {
			v.url = ""
		}
	}
	if own || v.status == calendar.Cancelled {
		if title, ok := r.Title(v.title); ok {
			v.title, v.status = title, calendar.Cancelled
		}
	}
	if own && v.hasVenue {
		p := r.Location(v.venue)
		v.venue, v.address, v.city, v.country = p.Venue, p.Address, p.City, p.Country
	}
}

// readSpan works out the event's length from DTEND or DURATION (DTEND wins
// when both are given). An all-day DTEND is exclusive; an end equal to the
// start is taken as one day, or defaultLength for timed events.
func (ps *parser) readSpan(c *component, v *vevent) (span, error) {
	start := v.start
	if p, ok := c.first("DTEND"); ok {
		e, err := ps.dateTime(p)
		if err != nil {
			return span{}, err
		}
		if start.date {
			end := e.day()
			days := start.day().DaysUntil(end)
			if !e.date {
				// A timed end of an all-day event: the day it falls on, in
				// the event's zone, counts if any of it is used.
				w := e.in(ps.def).In(ps.eventLoc(start))
				end = calendar.DateOf(w)
				days = start.day().DaysUntil(end)
				if w.Hour() != 0 || w.Minute() != 0 || w.Second() != 0 {
					days++
				}
			}
			if days < 0 {
				return span{}, lineErr(p.line, MsgEndBeforeStart, "Title", v.label())
			}
			return span{allDay: true, days: max(days, 1)}, nil
		}
		s := start.in(ps.def)
		var t time.Time
		if e.date {
			t = e.day().In(s.Location())
		} else {
			t = e.in(ps.def)
		}
		d := t.Sub(s)
		if d < 0 {
			return span{}, lineErr(p.line, MsgEndBeforeStart, "Title", v.label())
		}
		if d == 0 {
			d = defaultLength
		}
		return span{exact: d}, nil
	}
	if p, ok := c.first("DURATION"); ok {
		d, ok := parseDuration(p.value)
		if !ok || d.days > 36600 {
			return span{}, lineErr(p.line, MsgBadDate, "Property", p.name)
		}
		if d.neg && (d.days > 0 || d.exact > 0) {
			return span{}, lineErr(p.line, MsgEndBeforeStart, "Title", v.label())
		}
		if start.date {
			days := d.days + int((d.exact+24*time.Hour-1)/(24*time.Hour))
			return span{allDay: true, days: max(days, 1)}, nil
		}
		if d.days == 0 && d.exact == 0 {
			d.exact = defaultLength
		}
		return span{days: d.days, exact: d.exact}, nil
	}
	if start.date {
		return span{allDay: true, days: 1}, nil
	}
	return span{exact: defaultLength}, nil
}

// allDayFlag reports Outlook's marker of an all-day event.
func allDayFlag(c *component) bool {
	for _, name := range []string{"X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT"} {
		if p, ok := c.first(name); ok && strings.EqualFold(strings.TrimSpace(p.value), "TRUE") {
			return true
		}
	}
	return false
}

// asAllDay turns an event Outlook marks as all-day but writes as times from
// midnight to midnight (as some Exchange versions do) into days. Events
// that do not run from midnight to midnight in their zone stay timed.
func (ps *parser) asAllDay(v *vevent) {
	if v.start.date || v.span.allDay || v.span.days != 0 {
		return
	}
	loc := ps.eventLoc(v.start)
	start := v.start.in(ps.def).In(loc)
	end := start.Add(v.span.exact).In(loc)
	midnight := func(t time.Time) bool { return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 }
	if !midnight(start) || !midnight(end) {
		return
	}
	first := calendar.DateOf(start)
	days := first.DaysUntil(calendar.DateOf(end))
	if days < 1 {
		return
	}
	v.start = dtValue{date: true, wall: first.In(time.UTC), zone: v.start.zone, line: v.start.line}
	v.span = span{allDay: true, days: days}
}

// eventLoc is the zone an event is shown in: its DTSTART's TZID, else the
// importer's zone.
func (ps *parser) eventLoc(start dtValue) *time.Location {
	if start.zone != "" {
		if z, ok := loadIANA(start.zone); ok {
			return z.loc
		}
	}
	return ps.def
}

// langParam reads a LANGUAGE parameter ("fi", "sv-FI", "nb-NO") when it is
// one of the five languages.
func langParam(s string) (lang.Code, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if c, _, ok := lang.Resolve(s); ok {
		return c, true
	}
	if i := strings.IndexAny(s, "-_"); i > 0 {
		if c, _, ok := lang.Resolve(s[:i]); ok {
			return c, true
		}
	}
	return "", false
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
