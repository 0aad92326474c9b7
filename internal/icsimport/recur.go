// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"fmt"
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
const (
	maxSteps   = 500_000
	maxPeriods = 10_000_000
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

// newFrame sets up the frame for a series starting at start whose
// occurrences are wanted up to the year hiYear.
func newFrame(start dtValue, loc *time.Location, loYear, hiYear int) frame {
	return frame{allDay: start.date, loc: loc, shift: yearShift(loYear, hiYear)}
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
