// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zone rules must not depend on the host having zoneinfo

	ics "github.com/arran4/golang-ical"
)

// VTimezone returns the VTIMEZONE component for loc, as CRLF-terminated
// lines, describing the rules in force in refYear. Its TZID is loc.String(),
// the name the zone was loaded by: Europe/Stockholm stays Europe/Stockholm
// even though tzdata links it to Europe/Berlin.
//
// The rules come from Go's tzdata (Time.ZoneBounds). A zone that changes
// offset in refYear by rules that hold for other years too gets one
// STANDARD and one DAYLIGHT observance starting in 1970 with a yearly
// RRULE, the form every client understands; a zone without changes gets a
// single STANDARD; a year of one-off changes gets one observance per change.
// Write uses the same generator but covers every year its events touch.
func VTimezone(loc *time.Location, refYear int) string {
	var b strings.Builder
	// Writing to a strings.Builder cannot fail.
	_ = buildVTimezone(loc, refYear, refYear).SerializeTo(&b, serialization())
	return b.String()
}

// serialization is how every component is written: CRLF, folded at 75 octets.
func serialization() *ics.SerializationConfiguration {
	return &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
}

// transition is one change of a zone's offset, abbreviation or DST flag.
type transition struct {
	at       time.Time // the instant, UTC
	from, to int       // UTC offsets in seconds before and after
	name     string    // abbreviation after
	dst      bool      // daylight time after
}

// wall is the local clock time at which the transition happens, read on the
// clock before it: the DTSTART of an observance.
func (t transition) wall() time.Time { return t.at.In(time.FixedZone("", t.from)) }

// transitionsIn lists loc's transitions during year (by local calendar).
func transitionsIn(loc *time.Location, year int) []transition {
	var out []transition
	stop := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(stop) || !end.After(t) {
			return out
		}
		before := end.Add(-time.Nanosecond)
		oldName, from := before.Zone()
		name, to := end.Zone()
		if from != to || oldName != name || before.IsDST() != end.IsDST() {
			out = append(out, transition{at: end.UTC(), from: from, to: to, name: name, dst: end.IsDST()})
		}
		t = end
	}
}

// signature is what must stay the same for two years to share yearly rules:
// per transition its month, weekday, clock time, offsets, name and flag,
// but not its day of the month.
func signature(trs []transition) string {
	var b strings.Builder
	for _, t := range trs {
		w := t.wall()
		fmt.Fprintf(&b, "%d/%d/%s/%d/%d/%s/%t;", w.Month(), w.Weekday(), w.Format("150405"), t.from, t.to, t.name, t.dst)
	}
	return b.String()
}

// yearlyRule is "the nth (or last) weekday of a month", or, for rules such
// as America/Nuuk's since 2024 (01:00 UTC on the last Sunday of March, which
// is 23:00 on the Saturday before on the local clock), "the weekday that
// falls in a seven-day window of the month".
type yearlyRule struct {
	month   time.Month
	weekday time.Weekday
	nth     int // 1…4, -1 for the last, 0 for the window
	first   int // first day of the window when nth == 0
}

var icalDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func weekdayOf(year int, m time.Month, day int) time.Weekday {
	return time.Date(year, m, day, 0, 0, 0, 0, time.UTC).Weekday()
}

// day returns the day of the month the rule picks in year.
func (r yearlyRule) day(year int) int {
	shift := func(from int) int { return from + (int(r.weekday)-int(weekdayOf(year, r.month, from))+7)%7 }
	switch {
	case r.nth > 0:
		return shift(1 + (r.nth-1)*7)
	case r.nth < 0:
		last := daysIn(r.month, year)
		return last - (int(weekdayOf(year, r.month, last))-int(r.weekday)+7)%7
	default:
		return shift(r.first)
	}
}

// recur writes the rule as an RRULE value.
func (r yearlyRule) recur() string {
	var b strings.Builder
	b.WriteString("FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(r.month)))
	switch {
	case r.nth != 0:
		b.WriteString(";BYDAY=" + strconv.Itoa(r.nth) + icalDays[r.weekday])
	default:
		days := make([]string, 7)
		for i := range days {
			days[i] = strconv.Itoa(r.first + i)
		}
		b.WriteString(";BYDAY=" + icalDays[r.weekday] + ";BYMONTHDAY=" + strings.Join(days, ","))
	}
	return b.String()
}

// deriveRule finds the simplest yearly rule that gives the observed day of
// the month in every year (days maps year → day). The years are a run with
// one signature, so month and weekday are the same in all of them.
func deriveRule(month time.Month, weekday time.Weekday, days map[int]int) (yearlyRule, bool) {
	years := make([]int, 0, len(days))
	for y := range days {
		years = append(years, y)
	}
	slices.Sort(years)
	fits := func(r yearlyRule) bool {
		for _, y := range years {
			if r.day(y) != days[y] {
				return false
			}
		}
		return true
	}
	if r := (yearlyRule{month: month, weekday: weekday, nth: -1}); fits(r) {
		return r, true
	}
	if n := (days[years[0]]-1)/7 + 1; n <= 4 {
		if r := (yearlyRule{month: month, weekday: weekday, nth: n}); fits(r) {
			return r, true
		}
	}
	lo, hi, minDays := 32, 0, 31
	for _, y := range years {
		lo, hi, minDays = min(lo, days[y]), max(hi, days[y]), min(minDays, daysIn(month, y))
	}
	for first := lo; first >= max(1, hi-6); first-- {
		if first+6 > minDays {
			continue
		}
		if r := (yearlyRule{month: month, weekday: weekday, first: first}); fits(r) {
			return r, true
		}
	}
	return yearlyRule{}, false
}

// observance is one STANDARD or DAYLIGHT sub-component.
type observance struct {
	dst      bool
	start    time.Time // local clock time, read in the zone's offset before
	from, to int
	name     string
	rrule    string
}

func (o observance) component() ics.Component {
	var cb ics.ComponentBase
	cb.AddProperty(ics.ComponentPropertyDtStart, o.start.Format("20060102T150405"))
	if o.rrule != "" {
		cb.AddProperty(ics.ComponentPropertyRrule, o.rrule)
	}
	cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.from))
	cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.to))
	if name := cleanLine(o.name); name != "" {
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	}
	if o.dst {
		return &ics.Daylight{ComponentBase: cb}
	}
	return &ics.Standard{ComponentBase: cb}
}

// utcOffset formats seconds east of UTC as ±hhmm, or ±hhmmss when needed.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// epoch is where the first observances start: early enough that every time
// a feed can hold falls under one, as in the VTIMEZONEs other programs write.
const epoch = 1970

// ruleSpan is how far a run of years with the same rules is followed beyond
// the years asked for, to tell "last Sunday" from "fourth Sunday": every
// weekday falls on every day of the month within 28 years.
const ruleSpan = 28

// buildVTimezone returns a VTIMEZONE for loc that is right for every year
// from first to last.
func buildVTimezone(loc *time.Location, first, last int) *ics.VTimezone {
	return vtimezone(loc.String(), observances(loc, first, last))
}

func vtimezone(tzid string, obs []observance) *ics.VTimezone {
	tz := ics.NewTimezone(tzid)
	for _, o := range obs {
		tz.Components = append(tz.Components, o.component())
	}
	return tz
}

// observanceCache remembers the observances of zones loaded by name:
// deriving them walks up to 57 years of transitions, and a server writes the
// same few zones all day. Write uses it only for locations it loaded with
// time.LoadLocation, so the name stands for the rules.
var observanceCache = struct {
	sync.Mutex
	m map[observanceKey][]observance
}{m: map[observanceKey][]observance{}}

type observanceKey struct {
	zone        string
	first, last int
}

func observancesCached(loc *time.Location, first, last int) []observance {
	key := observanceKey{loc.String(), first, last}
	observanceCache.Lock()
	obs, ok := observanceCache.m[key]
	observanceCache.Unlock()
	if ok {
		return obs
	}
	obs = observances(loc, first, last)
	observanceCache.Lock()
	if len(observanceCache.m) >= 1000 {
		clear(observanceCache.m)
	}
	observanceCache.m[key] = obs
	observanceCache.Unlock()
	return obs
}

// observances derives the STANDARD and DAYLIGHT observances of loc for the
// years from first to last.
//
// The years are grouped into segments that share one set of yearly rules.
// The last segment, the one in force, gets observances that recur by RRULE
// with no end. Any earlier segment (Greenland before its 2023 change, say)
// gets one observance per change and year instead of rules ended by UNTIL:
// the years are few, and python-icalendar 4 cannot read a VTIMEZONE RRULE
// with an UNTIL although RFC 5545 requires that form. The first segment
// also covers the time before first: its recurring observances start in
// 1970, as other programs' VTIMEZONEs do, or an observance from 1970 holds
// the offset in force at the start of first.
func observances(loc *time.Location, first, last int) []observance {
	trs := map[int][]transition{}
	sig := func(y int) string {
		if _, ok := trs[y]; !ok {
			trs[y] = transitionsIn(loc, y)
		}
		return signature(trs[y])
	}
	type segment struct{ from, to int }
	var segs []segment
	for y := first; y <= last; y++ {
		if cur := sig(y); len(segs) > 0 && cur == sig(segs[len(segs)-1].to) {
			segs[len(segs)-1].to = y
		} else {
			segs = append(segs, segment{y, y})
		}
	}
	base := min(epoch, first)
	var obs []observance
	for k, s := range segs {
		lead, current := k == 0, k == len(segs)-1
		ts := trs[s.from]
		if current && len(ts) > 0 {
			if rules, ok := yearlyRules(sig, trs, s.from, s.to); ok {
				for i, t := range ts {
					o := observance{dst: t.dst, start: t.wall(), from: t.from, to: t.to, name: t.name, rrule: rules[i].recur()}
					if lead {
						w := o.start
						o.start = time.Date(base, rules[i].month, rules[i].day(base), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
					}
					obs = append(obs, o)
				}
				continue
			}
		}
		if lead {
			at := time.Date(s.from, 1, 1, 0, 0, 0, 0, loc)
			name, off := at.Zone()
			obs = append(obs, observance{dst: at.IsDST(), start: time.Date(base, 1, 1, 0, 0, 0, 0, time.UTC),
				from: off, to: off, name: name})
		}
		for y := s.from; y <= s.to; y++ {
			for _, t := range trs[y] {
				obs = append(obs, observance{dst: t.dst, start: t.wall(), from: t.from, to: t.to, name: t.name})
			}
		}
	}
	return obs
}

// yearlyRules derives one rule per transition of the segment from…to, from
// the run of years around it that share its signature (followed up to
// ruleSpan years either way, to tell "last Sunday" from "fourth Sunday").
// It fails for a segment that stands alone (one-off changes) or whose
// changes follow no weekday rule.
func yearlyRules(sig func(int) string, trs map[int][]transition, from, to int) ([]yearlyRule, bool) {
	runFrom, runTo := from, to
	for runFrom > max(epoch, from-ruleSpan) && sig(runFrom-1) == sig(from) {
		runFrom--
	}
	for runTo < to+ruleSpan && sig(runTo+1) == sig(from) {
		runTo++
	}
	if runTo == runFrom {
		return nil, false
	}
	ts := trs[from]
	rules := make([]yearlyRule, len(ts))
	for i, t := range ts {
		days := map[int]int{}
		for y := runFrom; y <= runTo; y++ {
			days[y] = trs[y][i].wall().Day()
		}
		w := t.wall()
		r, ok := deriveRule(w.Month(), w.Weekday(), days)
		if !ok {
			return nil, false
		}
		rules[i] = r
	}
	return rules, true
}
