// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// This file reads a VTIMEZONE the way a calendar program does, without any
// help from the code under test: each STANDARD/DAYLIGHT observance starts
// at DTSTART (local time on the clock before it) and recurs by its RRULE;
// the offset at an instant is the TZOFFSETTO of the latest onset.

type rrule struct {
	month     time.Month
	weekday   time.Weekday
	nth       int   // 0: every matching weekday (filtered by monthDays)
	monthDays []int // BYMONTHDAY
	until     time.Time
}

type observance struct {
	daylight bool
	start    time.Time // local wall clock, as UTC digits
	from, to int
	name     string
	rule     *rrule
}

type vtz struct {
	tzid  string
	obs   []observance
	years map[int][]onset // onsets per year, filled as needed
}

var weekdays = map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}

func parseOffset(t testing.TB, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		t.Fatalf("bad UTC offset %q", s)
	}
	n := func(i int) int {
		v, err := strconv.Atoi(s[i : i+2])
		if err != nil {
			t.Fatalf("bad UTC offset %q", s)
		}
		return v
	}
	sec := n(1)*3600 + n(3)*60
	if len(s) == 7 {
		sec += n(5)
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec
}

// parseRRule understands what a VTIMEZONE needs and fails on anything else,
// so that a generator change that emits other rule parts is noticed.
func parseRRule(t testing.TB, s string) *rrule {
	t.Helper()
	r := &rrule{}
	if !strings.HasPrefix(s, "FREQ=YEARLY;") {
		t.Fatalf("RRULE %q does not start with FREQ=YEARLY", s)
	}
	for _, part := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "FREQ":
		case "BYMONTH":
			m, err := strconv.Atoi(v)
			if err != nil || m < 1 || m > 12 {
				t.Fatalf("RRULE %q: BYMONTH", s)
			}
			r.month = time.Month(m)
		case "BYDAY":
			wd, ok := weekdays[v[len(v)-2:]]
			if !ok {
				t.Fatalf("RRULE %q: BYDAY", s)
			}
			r.weekday = wd
			if n := v[:len(v)-2]; n != "" {
				nth, err := strconv.Atoi(n)
				if err != nil || nth == 0 || nth < -5 || nth > 5 {
					t.Fatalf("RRULE %q: BYDAY ordinal", s)
				}
				r.nth = nth
			}
		case "BYMONTHDAY":
			for _, d := range strings.Split(v, ",") {
				n, err := strconv.Atoi(d)
				if err != nil || n < 1 || n > 31 {
					t.Fatalf("RRULE %q: BYMONTHDAY", s)
				}
				r.monthDays = append(r.monthDays, n)
			}
		case "UNTIL":
			u, err := time.Parse("20060102T150405Z", v)
			if err != nil {
				t.Fatalf("RRULE %q: UNTIL must be UTC date-time", s)
			}
			r.until = u
		default:
			t.Fatalf("RRULE %q: unexpected part %s", s, k)
		}
	}
	if r.month == 0 || (r.nth == 0 && len(r.monthDays) == 0) {
		t.Fatalf("RRULE %q is incomplete", s)
	}
	return r
}

func readVTimezone(t testing.TB, tz *ics.VTimezone) vtz {
	t.Helper()
	z := vtz{tzid: value(tz, ics.ComponentPropertyTzid), years: map[int][]onset{}}
	for _, c := range tz.Components {
		var cb *ics.ComponentBase
		o := observance{}
		switch c := c.(type) {
		case *ics.Standard:
			cb = &c.ComponentBase
		case *ics.Daylight:
			cb, o.daylight = &c.ComponentBase, true
		default:
			t.Fatalf("VTIMEZONE %s holds a %T", z.tzid, c)
		}
		for _, prop := range []ics.ComponentProperty{ics.ComponentPropertyDtStart, "TZOFFSETFROM", "TZOFFSETTO"} {
			if len(cb.GetProperties(prop)) != 1 {
				t.Fatalf("VTIMEZONE %s observance has %d %s", z.tzid, len(cb.GetProperties(prop)), prop)
			}
		}
		start, err := time.Parse("20060102T150405", value(cb, ics.ComponentPropertyDtStart))
		if err != nil {
			t.Fatalf("VTIMEZONE %s: DTSTART must be local DATE-TIME: %v", z.tzid, err)
		}
		o.start = start
		o.from = parseOffset(t, value(cb, "TZOFFSETFROM"))
		o.to = parseOffset(t, value(cb, "TZOFFSETTO"))
		o.name = value(cb, "TZNAME")
		switch rr := cb.GetProperties(ics.ComponentPropertyRrule); len(rr) {
		case 0:
		case 1:
			o.rule = parseRRule(t, rr[0].Value)
		default:
			t.Fatalf("VTIMEZONE %s observance has several RRULEs", z.tzid)
		}
		if cb.HasProperty(ics.ComponentPropertyRdate) {
			t.Fatalf("VTIMEZONE %s: RDATE is not expected", z.tzid)
		}
		z.obs = append(z.obs, o)
	}
	if len(z.obs) == 0 {
		t.Fatalf("VTIMEZONE %s has no observances", z.tzid)
	}
	return z
}

// onset is one moment an observance takes effect.
type onset struct {
	at  time.Time
	obs observance
}

// onsets lists the instants at which o takes effect during year.
func (o observance) onsets(year int) []time.Time {
	first := o.start.Add(-time.Duration(o.from) * time.Second)
	if o.rule == nil {
		if o.start.Year() == year {
			return []time.Time{first}
		}
		return nil
	}
	r := o.rule
	var days []int
	last := time.Date(year, r.month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	for d := 1; d <= last; d++ {
		if time.Date(year, r.month, d, 0, 0, 0, 0, time.UTC).Weekday() == r.weekday {
			days = append(days, d)
		}
	}
	switch {
	case r.nth > 0 && r.nth <= len(days):
		days = days[r.nth-1 : r.nth]
	case r.nth < 0 && -r.nth <= len(days):
		days = days[len(days)+r.nth : len(days)+r.nth+1]
	case r.nth != 0:
		days = nil
	}
	if len(r.monthDays) > 0 {
		days = slices.DeleteFunc(days, func(d int) bool { return !slices.Contains(r.monthDays, d) })
	}
	var out []time.Time
	for _, d := range days {
		at := time.Date(year, r.month, d, o.start.Hour(), o.start.Minute(), o.start.Second(), 0, time.UTC).
			Add(-time.Duration(o.from) * time.Second)
		if at.Before(first) || (!r.until.IsZero() && at.After(r.until)) {
			continue
		}
		out = append(out, at)
	}
	return out
}

// onsetsIn lists every onset in the years from first to last, in order.
func (z vtz) onsetsIn(first, last int) []onset {
	var out []onset
	for y := first; y <= last; y++ {
		in, ok := z.years[y]
		if !ok {
			for _, o := range z.obs {
				for _, at := range o.onsets(y) {
					in = append(in, onset{at, o})
				}
			}
			slices.SortFunc(in, func(a, b onset) int { return a.at.Compare(b.at) })
			z.years[y] = in
		}
		out = append(out, in...)
	}
	return out
}

// offsetAt is the UTC offset in seconds the VTIMEZONE gives at instant u.
func (z vtz) offsetAt(u time.Time) int {
	var latest *onset
	for _, o := range z.onsetsIn(u.Year()-1, u.Year()) {
		if !o.at.After(u) {
			latest = &o
		}
	}
	if latest == nil {
		// Before every onset: the clock before the earliest observance.
		for y := u.Year() - 2; y >= 1900; y-- {
			if in := z.onsetsIn(y, y); len(in) > 0 {
				return in[len(in)-1].obs.to
			}
		}
		return z.obs[0].from
	}
	return latest.obs.to
}

// toUTC reads a local clock time as RFC 5545 §3.3.5 says: of the instants
// that show this clock time, the first.
func (z vtz) toUTC(wall time.Time) time.Time {
	offsets := map[int]bool{}
	for _, o := range z.obs {
		offsets[o.from], offsets[o.to] = true, true
	}
	var best time.Time
	for off := range offsets {
		u := wall.Add(-time.Duration(off) * time.Second)
		if z.offsetAt(u) == off && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if best.IsZero() {
		// A clock time skipped by a change: read with the offset before it.
		best = wall.Add(-time.Duration(z.offsetAt(wall.Add(-24*time.Hour))) * time.Second)
	}
	return best
}
