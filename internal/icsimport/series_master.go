// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/nordcal/nordcal/internal/calendar"
)

// A recurring VEVENT becomes one series: one Item whose Event has the
// series' first date, the file's UID and Repeat (the RRULE as it came,
// RDATE and EXDATE as wall-clock times in the series' zone), and one Item
// per overridden date (a VEVENT with the same UID and a RECURRENCE-ID)
// whose Event has the series' UID, the date's RecurrenceKey and Overridden
// set. The work is bounded before anything is expanded (expandSeries,
// with estimate and the step and period budgets); the dates themselves
// are those of calendar.Event.Occurrences, the one expansion of nordcal.

// rdateOnlyRule is the RRULE of a series that has RDATEs but no RRULE:
// DTSTART once, which with the RDATEs is the file's set of dates (RFC 5545
// 3.8.5.2). nordcal keeps every series as a rule.
const rdateOnlyRule = "FREQ=DAILY;COUNT=1"

// seriesMaster returns the Item of recurring m, whose rule expandSeries
// has checked against the budgets. ok is false when
// the rule gives no date but DTSTART and there are no RDATEs: m is then
// one event. A rule that matches nothing would have the calendar step
// through every day to the year 9999 each time it expands it.
func (x *importer) seriesMaster(m *vevent, f frame, startWall time.Time) (Item, bool) {
	rdates := make([]time.Time, 0, len(m.rdates))
	for _, d := range m.rdates {
		rdates = append(rdates, f.wall(d, m.start, x.def))
	}
	rule := ""
	if m.rrule != nil {
		rule = normalRule(m.rrule.value)
		if !x.ruleMatches(m, f, startWall) {
			rule = ""
		}
	}
	if rule == "" {
		if len(rdates) == 0 {
			return Item{}, false
		}
		rule = rdateOnlyRule
	}
	exdates := make([]time.Time, 0, len(m.exdates))
	for _, d := range m.exdates {
		exdates = append(exdates, f.wall(d, m.start, x.def))
	}
	e := x.draft(m, m, m.uid)
	if !f.allDay && f.loc == time.UTC {
		// DTSTART in UTC repeats in UTC.
		e.Zone = "UTC"
	}
	x.setTimes(&e, f, startWall, m.span)
	e.Repeat = calendar.Repeat{Rule: rule, RDates: sortedDates(rdates), ExDates: sortedDates(exdates)}
	return Item{Line: m.line, Event: e}, true
}

func sortedDates(ts []time.Time) []time.Time {
	if len(ts) == 0 {
		return nil
	}
	slices.SortFunc(ts, time.Time.Compare)
	return slices.CompactFunc(ts, time.Time.Equal)
}

// withOverrides returns series it and the Items of its overrides: the
// newest VEVENT of each date of the series that starts in the window
// (fromW, toW: wall clock in the frame). An override of a date the series
// does not have is one event of its own, as an override without its
// series is.
func (x *importer) withOverrides(it Item, m *vevent, ovs []*vevent, f frame, fromW, toW time.Time) ([]Item, error) {
	master := it.Event
	line := m.line
	if m.rrule != nil {
		line = m.rrule.line
	}
	from := time.Date(fromW.Year(), fromW.Month(), fromW.Day(), fromW.Hour(), fromW.Minute(), fromW.Second(), 0, f.loc)
	to := time.Date(toW.Year(), toW.Month(), toW.Day(), toW.Hour(), toW.Minute(), toW.Second(), 0, f.loc)
	occ, err := master.Occurrences(from, to.Add(24*time.Hour), x.opt.MaxOccurrences)
	if err != nil {
		return nil, lineErr(line, MsgRRule, "Title", m.label())
	}
	if len(occ) > x.opt.MaxOccurrences {
		return nil, lineErr(line, MsgTooManyOccurrences, "Title", m.label(), "Max", x.opt.MaxOccurrences)
	}
	// The dates of all the file's series are bounded too, at ten times
	// MaxEvents: the store writes each of them.
	if x.dates += len(occ); x.dates > 10*x.opt.MaxEvents {
		return nil, fileErr(MsgTooManyEvents, "Max", x.opt.MaxEvents)
	}
	dates := make(map[string]bool, len(occ))
	for _, o := range occ {
		dates[calendar.RecurrenceKey(o.Key, master.AllDay)] = true
	}

	byKey := map[string]*vevent{}
	var keys []string
	for _, o := range ovs {
		w := f.wall(o.rid, m.start, x.def)
		if w.Before(fromW) || w.After(toW) {
			continue
		}
		k := calendar.RecurrenceKey(w, master.AllDay)
		cur, ok := byKey[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || newer(cur, o) {
			byKey[k] = o
		}
	}
	sort.Strings(keys)
	items := []Item{it}
	seen := map[string]bool{}
	for _, k := range keys {
		o := byKey[k]
		if !dates[k] {
			single, err := x.override(o, m, occurrenceUID(m.uid, f.wall(o.rid, m.start, x.def), seen))
			if err != nil {
				return nil, err
			}
			items = append(items, single)
			continue
		}
		ov, err := x.override(o, m, m.uid)
		if err != nil {
			return nil, err
		}
		ov.Event.RecurrenceKey, ov.Event.Overridden = k, true
		if ov.Event.Zone == "" || !f.allDay && f.loc == time.UTC {
			ov.Event.Zone = master.Zone
		}
		items = append(items, ov)
	}
	return items, nil
}

// normalRule is an RRULE value as it came, in upper case and with the
// repeated values of a list left out: they select nothing more, but
// rrule-go would count them against COUNT (parseRRule does the same).
func normalRule(value string) string {
	var parts []string
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(value)), ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		if strings.Contains(v, ",") {
			var seen []string
			for _, x := range strings.Split(v, ",") {
				if !slices.Contains(seen, x) {
					seen = append(seen, x)
				}
			}
			v = strings.Join(seen, ",")
		}
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ";")
}

// ruleMatches reports whether m's rule gives any start but DTSTART. It
// steps in the frame's shifted years, as expandSeries does, so that a rule
// that matches nothing stops at the year 9999 soon; at least nine years
// after the window are looked at.
func (x *importer) ruleMatches(m *vevent, f frame, startWall time.Time) (ok bool) {
	opt, msg := parseRRule(m.rrule.value, f, startWall)
	if msg != "" {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return false
	}
	next := r.Iterator()
	for x.steps < maxSteps {
		x.steps++
		t, more := next()
		if !more {
			return false
		}
		if !t.Equal(opt.Dtstart) {
			return true
		}
	}
	return false
}
