// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"slices"
	"sort"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// frameFor returns the frame an event's times are worked out in: the
// DTSTART's own zone (UTC for Z times), the importer's zone for floating
// times, and the event's zone for dates.
func (x *importer) frameFor(start dtValue) frame {
	f := frame{allDay: start.date, loc: start.loc}
	if start.date || f.loc == nil {
		f.loc = x.eventLoc(start)
	}
	return f
}

// series returns the drafts of master m and its overrides.
func (x *importer) series(m *vevent, ovs []*vevent) ([]Item, error) {
	f := x.frameFor(m.start)
	startWall := f.wall(m.start, m.start, x.def)
	var starts []time.Time
	fromW, toW := f.instantWall(x.from), f.instantWall(x.to)
	if f.allDay {
		fromW = time.Date(fromW.Year(), fromW.Month(), fromW.Day(), 0, 0, 0, 0, time.UTC)
	}
	recurring := m.recurring()
	if recurring {
		lo := startWall.Year()
		for _, d := range slices.Concat(m.rdates, m.exdates) {
			if y := d.wall.Year(); y < lo && y <= toW.Year() {
				lo = y
			}
		}
		f.shift = yearShift(lo, toW.Year())
		var err error
		if starts, err = x.expandSeries(m, f, fromW, toW); err != nil {
			return nil, err
		}
		if len(starts) == 0 {
			return nil, nil
		}
		if it, ok := x.seriesMaster(m, f, startWall); ok {
			return x.withOverrides(it, m, ovs, f, fromW, toW)
		}
		// The rule gives nothing but DTSTART: one event.
		recurring, starts = false, []time.Time{startWall}
	} else {
		starts = []time.Time{startWall}
	}

	// The newest override of each occurrence.
	byKey := map[string]*vevent{}
	var keys []string
	for _, o := range ovs {
		k := wallKey(f.wall(o.rid, m.start, x.def))
		cur, ok := byKey[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || newer(cur, o) {
			byKey[k] = o
		}
	}

	seen := map[string]bool{}
	used := map[string]bool{}
	items := make([]Item, 0, len(starts))
	for _, w := range starts {
		uid := m.uid
		if recurring {
			uid = occurrenceUID(m.uid, w, seen)
		}
		k := wallKey(w)
		if o, ok := byKey[k]; ok {
			used[k] = true
			it, err := x.override(o, m, uid)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
			continue
		}
		e := x.draft(m, m, uid)
		x.setTimes(&e, f, w, m.span)
		items = append(items, Item{Line: m.line, Event: e})
	}
	// Overrides of occurrences the rule does not give (moved or excluded
	// ones) still count when their original start is in the window.
	sort.Strings(keys)
	for _, k := range keys {
		if used[k] {
			continue
		}
		o := byKey[k]
		w := f.wall(o.rid, m.start, x.def)
		if recurring && (w.Before(fromW) || w.After(toW)) {
			continue
		}
		it, err := x.override(o, m, occurrenceUID(m.uid, w, seen))
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	if recurring && len(items) > x.opt.MaxOccurrences {
		line := m.line
		if m.rrule != nil {
			line = m.rrule.line
		}
		return nil, lineErr(line, MsgTooManyOccurrences, "Title", m.label(), "Max", x.opt.MaxOccurrences)
	}
	return items, nil
}

// orphans returns the drafts of overrides whose series is not in the file:
// single events, one per original start.
func (x *importer) orphans(uid string, ovs []*vevent) ([]Item, error) {
	byKey := map[string]*vevent{}
	var keys []string
	for _, o := range ovs {
		k := wallKey(x.frameFor(o.rid).wall(o.rid, o.rid, x.def))
		cur, ok := byKey[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || newer(cur, o) {
			byKey[k] = o
		}
	}
	seen := map[string]bool{}
	var items []Item
	for _, k := range keys {
		o := byKey[k]
		w := x.frameFor(o.rid).wall(o.rid, o.rid, x.def)
		it, err := x.override(o, nil, occurrenceUID(uid, w, seen))
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// override returns the draft of override o of series m (nil for an
// orphan), at its own start.
func (x *importer) override(o, m *vevent, uid string) (Item, error) {
	if !o.hasTitle && (m == nil || !m.hasTitle) {
		return Item{}, lineErr(o.line, MsgMissingSummary)
	}
	sp := o.span
	if !o.hasSpan && m != nil && m.start.date == o.start.date {
		sp = m.span
	}
	e := x.draft(o, m, uid)
	f := x.frameFor(o.start)
	x.setTimes(&e, f, f.wall(o.start, o.start, x.def), sp)
	return Item{Line: o.line, Event: e}, nil
}

// draft fills the fields of v that do not depend on the occurrence; what
// override v leaves out comes from its series m.
func (x *importer) draft(v, m *vevent, uid string) calendar.Event {
	title, desc, url, l := v.title, v.desc, v.url, v.lang
	place := v
	zone := v.start.zone
	if m != nil {
		if !v.hasTitle {
			title, l = m.title, m.lang
		}
		if !v.hasDesc {
			desc = m.desc
		}
		if !v.hasVenue {
			place = m
		}
		if !v.hasURL {
			url = m.url
		}
		if zone == "" {
			zone = m.start.zone
		}
	}
	if zone == "" {
		zone = x.opt.Zone
	}
	return calendar.Event{
		UID:          uid,
		Status:       v.status,
		Sequence:     v.seq,
		Texts:        map[lang.Code]calendar.Text{l: {Title: title, Description: desc}},
		OriginalLang: l,
		Zone:         zone,
		Venue:        place.venue,
		Address:      place.address,
		City:         place.city,
		Country:      place.country,
		PublicURL:    url,
	}
}

// setTimes places e at wall-clock start w in frame f for span sp.
func (x *importer) setTimes(e *calendar.Event, f frame, w time.Time, sp span) {
	if f.allDay {
		loc, err := calendar.LoadZone(e.Zone)
		if err != nil {
			loc = x.def
		}
		e.AllDay = true
		e.StartDate = calendar.DateOf(w)
		e.EndDate = e.StartDate.AddDays(max(sp.days, 1) - 1)
		e.Start = e.StartDate.In(loc).UTC()
		e.End = e.EndDate.AddDays(1).In(loc).UTC()
		return
	}
	y, mo, d := w.Date()
	h, mi, s := w.Clock()
	start := time.Date(y, mo, d, h, mi, s, 0, f.loc)
	end := start.AddDate(0, 0, sp.days).Add(sp.exact)
	if !end.After(start) {
		end = start.Add(defaultLength)
	}
	e.Start, e.End = start.UTC(), end.UTC()
}
