// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Bounds on the work rrule-go may do for one file. maxSteps counts the
// occurrences it generates, including those before the window that have to
// be stepped through. maxPeriods counts the days, weeks, months or years
// its rules may have to look at: a rule that matches nothing still steps
// through every period up to the year 9999, and that work yields no
// occurrence to count. Both are far above what real calendars need (a daily
// meeting since 2000 is about 10,000 steps and 20,000 periods).
//
// maxPerPeriod bounds the candidates rrule-go builds for one period: the
// days of the period times the times of day its BYHOUR, BYMINUTE and
// BYSECOND lists multiply out to. rrule-go builds them all before it hands
// out the first, so a rule over it is refused from its estimate alone (a
// yearly rule at every hour of the day is 8,784).
const (
	maxSteps     = 500_000
	maxPeriods   = 10_000_000
	maxPerPeriod = 10_000
)

// frame is where one series' recurrence arithmetic happens: on wall-clock
// times in the series' zone (so a weekly 10:00 meeting stays at 10:00 across
// a change to summer time), written as UTC times so that rrule-go does no
// zone conversion of its own.
//
// The times handed to rrule-go are also moved forward by shift years. An
// rrule-go iterator whose rule matches nothing (BYMONTH=2;BYMONTHDAY=30)
// steps through every day up to the year 9999 before it gives up; moving the
// window close to that year bounds the wasted work. shift keeps every year
// involved the same length and starting on the same weekday, so the rule
// picks the same days.
type frame struct {
	allDay bool
	loc    *time.Location
	shift  int
}

// wall returns the wall-clock time of v in the frame, unshifted. Dates in
// a timed series take the series' time of day; times in a series of dates
// take their day.
func (f frame) wall(v dtValue, start dtValue, def *time.Location) time.Time {
	var w time.Time
	switch {
	case v.date:
		w = v.wall
		if !f.allDay {
			h, m, s := start.wall.Clock()
			w = w.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
		}
	case v.loc == nil:
		w = v.wall
	default:
		w = asWall(v.in(def).In(f.loc))
	}
	if f.allDay {
		w = time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
	}
	return w
}

// instantWall returns the frame's wall clock at instant t.
func (f frame) instantWall(t time.Time) time.Time { return asWall(t.In(f.loc)) }

func (f frame) float(w time.Time) time.Time   { return addYears(w, f.shift) }
func (f frame) unfloat(w time.Time) time.Time { return addYears(w, -f.shift) }

// asWall writes t's calendar fields as a UTC time.
func asWall(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, 0, time.UTC)
}

func addYears(w time.Time, n int) time.Time {
	if n == 0 {
		return w
	}
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	return time.Date(y+n, m, d, h, mi, s, 0, time.UTC)
}

// wallKey identifies an occurrence by its original wall-clock start.
func wallKey(w time.Time) string { return w.Format("20060102T150405") }

// yearShift returns how many years to move the years lo…hi forward so that
// they end shortly before rrule-go's last year, 9999, and every year from
// lo-1 to hi+1 keeps its length and the weekday it starts on. A multiple of
// 400 years always does, so the search is short.
func yearShift(lo, hi int) int {
	for s := 9990 - hi; s > 0; s-- {
		if jan1(lo-1+s) != jan1(lo-1) {
			continue
		}
		same := true
		for y := lo - 1; y <= hi+1 && same; y++ {
			same = isLeap(y) == isLeap(y+s)
		}
		if same {
			return s
		}
	}
	return 0
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func jan1(y int) time.Weekday { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Weekday() }

// expandSeries lists the occurrences of m that start in [from, to] (wall
// clock in the frame). DTSTART is always an occurrence, as RFC 5545 and
// calendar programs have it even when the rule would not produce it.
func (x *importer) expandSeries(m *vevent, f frame, from, to time.Time) (starts []time.Time, err error) {
	line := m.line
	if m.rrule != nil {
		line = m.rrule.line
	}
	startWall := f.wall(m.start, m.start, x.def)

	set := &rrule.Set{}
	if m.rrule != nil {
		opt, msg := parseRRule(m.rrule.value, f, startWall)
		if msg != "" {
			return nil, lineErr(line, msg, "Title", m.label())
		}
		// rrule-go indexes slices with rule values it does not check in
		// every combination; a rule that trips it is an unreadable rule.
		defer func() {
			if recover() != nil {
				starts, err = nil, lineErr(line, MsgRRule, "Title", m.label())
			}
		}()
		// The work is bounded before rrule-go starts on it (NewRRule already
		// builds the times of day): the candidates of one period, and the
		// occurrences to step through up to the end of the window,
		// estimated from the product of the BY* lists.
		perPeriod, steps := estimate(opt, f.float(to))
		x.estimated += steps
		if perPeriod > maxPerPeriod || x.estimated > maxSteps {
			return nil, lineErr(line, MsgTooComplex, "Title", m.label())
		}
		r, rerr := rrule.NewRRule(*opt)
		if rerr != nil {
			return nil, lineErr(line, MsgRRule, "Title", m.label())
		}
		x.periods += periods(opt)
		if x.periods > maxPeriods {
			return nil, lineErr(line, MsgTooComplex, "Title", m.label())
		}
		set.RRule(r)
	}
	set.RDate(f.float(startWall))
	for _, d := range m.rdates {
		set.RDate(f.float(f.wall(d, m.start, x.def)))
	}
	for _, d := range m.exdates {
		set.ExDate(f.float(f.wall(d, m.start, x.def)))
	}
	next := set.Iterator()
	fromF, toF := f.float(from), f.float(to)
	for {
		if x.steps >= maxSteps {
			return nil, lineErr(line, MsgTooComplex, "Title", m.label())
		}
		x.steps++
		t, ok := next()
		if !ok || t.After(toF) {
			break
		}
		if t.Before(fromF) {
			continue
		}
		starts = append(starts, f.unfloat(t))
		if len(starts) > x.opt.MaxOccurrences {
			return nil, lineErr(line, MsgTooManyOccurrences, "Title", m.label(), "Max", x.opt.MaxOccurrences)
		}
	}
	return starts, nil
}

// parseRRule turns an RRULE value into rrule-go options in the frame. It
// returns a message ID when the rule cannot be used: rrule-go's parser
// refuses it, it repeats more than once a day (no calendar program offers
// that for events, and it would take long to expand), or it uses values
// rrule-go does not guard against.
func parseRRule(value string, f frame, startWall time.Time) (*rrule.ROption, string) {
	var parts []string
	until := ""
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(value)), ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || v == "" {
			return nil, MsgRRule
		}
		switch k {
		case "UNTIL":
			until = v
			continue
		case "BYEASTER":
			// Not RFC 5545, and rrule-go does not bound its offsets.
			return nil, MsgRRule
		case "FREQ":
			switch v {
			case "HOURLY", "MINUTELY", "SECONDLY":
				return nil, MsgRRuleFrequency
			}
		}
		parts = append(parts, k+"="+v)
	}
	if len(parts) == 0 || len(parts) > 20 {
		return nil, MsgRRule
	}
	opt, err := rrule.StrToROption(strings.Join(parts, ";"))
	if err != nil {
		return nil, MsgRRule
	}
	if opt.Interval < 0 || opt.Interval > 1000 || opt.Count < 0 {
		return nil, MsgRRule
	}
	// A value repeated in a BY* list selects nothing more, but rrule-go
	// multiplies it out (and counts its duplicates against COUNT).
	for _, list := range []*[]int{&opt.Bymonth, &opt.Bymonthday, &opt.Byyearday, &opt.Byweekno, &opt.Byhour, &opt.Byminute,
		&opt.Bysecond, &opt.Bysetpos} {
		slices.Sort(*list)
		*list = slices.Compact(*list)
	}
	slices.SortFunc(opt.Byweekday, func(a, b rrule.Weekday) int {
		return cmp.Or(cmp.Compare(a.Day(), b.Day()), cmp.Compare(a.N(), b.N()))
	})
	opt.Byweekday = slices.Compact(opt.Byweekday)
	// rrule-go reads outside its masks for BYDAY=-53MO and the like in a
	// month; RFC 5545 limits those to ±5 anyway (a month has five weeks).
	nLimit := 53
	if opt.Freq == rrule.MONTHLY || opt.Freq == rrule.YEARLY && len(opt.Bymonth) > 0 {
		nLimit = 5
	}
	for _, wd := range opt.Byweekday {
		if n := wd.N(); n > nLimit || n < -nLimit {
			return nil, MsgRRule
		}
	}
	// rrule-go's BYSETPOS handling is quadratic; calendar programs write
	// one position ("the last working day").
	if len(opt.Bysetpos) > 8 {
		return nil, MsgRRule
	}
	for _, list := range [][]int{opt.Bymonth, opt.Bymonthday, opt.Byyearday, opt.Byweekno, opt.Byhour, opt.Byminute, opt.Bysecond} {
		if len(list) > 400 {
			return nil, MsgRRule
		}
	}
	opt.Dtstart = f.float(startWall)
	if until != "" {
		w, ok := parseUntil(until, f)
		if !ok {
			return nil, MsgRRule
		}
		if !w.IsZero() {
			opt.Until = f.float(w)
		}
	}
	return opt, ""
}

// estimate bounds the work of rule opt before rrule-go does it: perPeriod
// is how many candidates it builds for one period (the period's days times
// the times of day the BYHOUR, BYMINUTE and BYSECOND lists multiply out
// to), and steps how many occurrences it may generate from DTSTART to the
// earlier of UNTIL and end (shifted, like opt), each a step to go through
// whether or not it falls in the window. The day lists that filter days
// (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY) scale steps by the
// largest share of days each can select; BYSETPOS and COUNT cap it.
func estimate(opt *rrule.ROption, end time.Time) (perPeriod, steps int) {
	times := max(len(opt.Byhour), 1) * max(len(opt.Byminute), 1) * max(len(opt.Bysecond), 1)
	days := map[rrule.Frequency]int{rrule.YEARLY: 366, rrule.MONTHLY: 31, rrule.WEEKLY: 7, rrule.DAILY: 1}[opt.Freq]
	days = max(days, 1)
	perPeriod = days * times
	if !opt.Until.IsZero() && opt.Until.Before(end) {
		end = opt.Until
	}
	span := max(end.Sub(opt.Dtstart).Hours()/24+1, 1)
	share := 1.0
	weekdays := map[int]bool{}
	for _, wd := range opt.Byweekday {
		weekdays[wd.Day()] = true
	}
	for _, s := range []struct{ n, of float64 }{{float64(len(opt.Bymonth)) * 31, 365}, {float64(len(opt.Byweekno)) * 7, 364},
		{float64(len(opt.Byyearday)), 365}, {float64(len(opt.Bymonthday)), 28}, {float64(len(weekdays)), 7}} {
		if s.n > 0 {
			share *= min(s.n/s.of, 1)
		}
	}
	// Periods in the span, counted short (a month of 28 days) so as not
	// to count too few.
	shortest := map[rrule.Frequency]float64{rrule.YEARLY: 365, rrule.MONTHLY: 28, rrule.WEEKLY: 7, rrule.DAILY: 1}[opt.Freq]
	inSpan := span/max(shortest, 1)/float64(max(opt.Interval, 1)) + 1
	n := span / float64(max(opt.Interval, 1)) * share * float64(times)
	if len(opt.Byweekno)+len(opt.Byyearday)+len(opt.Bymonthday)+len(opt.Byweekday) == 0 && opt.Freq != rrule.DAILY {
		// Without day lists rrule-go takes DTSTART's day: one a period,
		// or one in each BYMONTH of a year.
		n = inSpan * float64(max(len(opt.Bymonth), 1)*times)
	}
	if len(opt.Bysetpos) > 0 {
		n = min(n, inSpan*float64(len(opt.Bysetpos)))
	}
	// One period more: over a short span a share is no average.
	n += float64(perPeriod)
	if opt.Count > 0 {
		n = min(n, float64(opt.Count))
	}
	return perPeriod, int(min(n, 1<<40))
}

// periods is how many periods of its frequency rule may have to look at:
// from its (shifted) start to rrule-go's last year.
func periods(opt *rrule.ROption) int {
	perYear := map[rrule.Frequency]int{rrule.YEARLY: 1, rrule.MONTHLY: 12, rrule.WEEKLY: 53, rrule.DAILY: 366}[opt.Freq]
	n := (10_000 - opt.Dtstart.Year()) * perYear / max(opt.Interval, 1)
	return max(n, 1) * max(len(opt.Bysetpos), 1)
}

// parseUntil reads UNTIL as a wall-clock time in the frame. A date includes
// the whole day (RFC 5545: UNTIL is inclusive); a UTC time is converted to
// the series' zone. A zero time means "no end" (years past maxYear).
func parseUntil(s string, f frame) (time.Time, bool) {
	var w time.Time
	switch {
	case len(s) == 8:
		t, err := time.Parse("20060102", s)
		if err != nil || !allDigits(s) {
			return w, false
		}
		w = t.Add(24*time.Hour - time.Second)
	case len(s) == 15 || len(s) == 16 && s[15] == 'Z':
		t, err := time.Parse("20060102T150405", s[:15])
		if err != nil || !allDigits(s[:8]) {
			return w, false
		}
		w = t
		if len(s) == 16 && f.loc != nil {
			w = f.instantWall(t)
		}
	default:
		return w, false
	}
	if w.Year() > maxYear {
		return time.Time{}, true
	}
	if w.Year() < minYear {
		return w, false
	}
	return w, true
}

// occurrenceUID is the UID of one occurrence: the series' UID and the day
// of its original start. A second occurrence on the same day also gets the
// time, so UIDs stay unique.
func occurrenceUID(uid string, orig time.Time, seen map[string]bool) string {
	id := fmt.Sprintf("%s/%s", uid, orig.Format("20060102"))
	if seen[id] {
		id = fmt.Sprintf("%s/%s", uid, orig.Format("20060102T150405"))
	}
	seen[id] = true
	return id
}
