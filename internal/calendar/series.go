// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/nordcal/nordcal/internal/apperr"
)

// Series
//
// A series is one event that repeats: its Repeat holds the RFC 5545 rule
// (RRULE), extra dates (RDATE) and excluded dates (EXDATE). It is stored as
// one master record, which feeds write as one VEVENT with the rule, and,
// written in the same transaction by the store, one record per occurrence
// within the horizon, which pages, filters, the clash check and the API's
// date ranges read like any other event. An occurrence changed on its own
// (moved, another venue, cancelled) is an override: Overridden is set, it
// keeps its own fields when the series is saved again, and feeds write it as
// a VEVENT with the master's UID and its RECURRENCE-ID.
//
// The rule is expanded in the series' wall clock (the event's zone), so a
// 10:00 Oslo meeting stays at 10:00 across daylight saving time; the one
// expansion is Event.Occurrences.

// Repeat is how a series repeats. The zero Repeat is a single event.
type Repeat struct {
	// Rule is the RRULE value without its name ("FREQ=MONTHLY;BYDAY=1TU;COUNT=12").
	Rule string
	// RDates and ExDates are extra and excluded starts, as wall-clock
	// times in the event's zone carried in time.UTC (dates at midnight for
	// whole-day series).
	RDates  []time.Time
	ExDates []time.Time
}

// Equal reports whether r and o repeat alike.
func (r Repeat) Equal(o Repeat) bool {
	return r.Rule == o.Rule && slices.EqualFunc(r.RDates, o.RDates, time.Time.Equal) &&
		slices.EqualFunc(r.ExDates, o.ExDates, time.Time.Equal)
}

// JoinKeys writes dates as recurrence keys separated by commas, as the
// store and the audit trail keep them.
func JoinKeys(ts []time.Time, allDay bool) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = RecurrenceKey(t, allDay)
	}
	return strings.Join(s, ",")
}

// SplitKeys reads what JoinKeys wrote; unreadable parts are left out.
func SplitKeys(s string) []time.Time {
	if s == "" {
		return nil
	}
	var out []time.Time
	for _, k := range strings.Split(s, ",") {
		if t, ok := ParseRecurrenceKey(k); ok {
			out = append(out, t)
		}
	}
	return out
}

// IsZero reports whether r is no repetition.
func (r Repeat) IsZero() bool { return r.Rule == "" }

// Series limits.
const (
	// MaxOccurrences is the most occurrences a series may have (a weekly
	// meeting over five years).
	MaxOccurrences = 260
	// MaxSeriesYears bounds how far after its first date a series may end.
	MaxSeriesYears = 5
	// SeriesHorizon is how far ahead an open-ended series is shown and
	// checked: its occurrences up to two years from now.
	SeriesHorizon = 2 * 365 * 24 * time.Hour
)

// IsSeries reports whether e is the master record of a series.
func (e Event) IsSeries() bool { return !e.Repeat.IsZero() }

// IsOccurrence reports whether e is one date of a series.
func (e Event) IsOccurrence() bool { return e.SeriesID != 0 }

// PageID is the ID of the record whose page shows e: the series for an
// occurrence.
func (e Event) PageID() int64 {
	if e.SeriesID != 0 {
		return e.SeriesID
	}
	return e.ID
}

// OpenEnded reports whether the series has neither COUNT nor UNTIL.
func (e Event) OpenEnded() bool {
	if e.Repeat.IsZero() {
		return false
	}
	opt, err := rrule.StrToROption(e.Repeat.Rule)
	return err == nil && opt.Count == 0 && opt.Until.IsZero()
}

// Occurrence is one date of a series.
type Occurrence struct {
	// Key is the original wall-clock start (in time.UTC), which names the
	// occurrence (RECURRENCE-ID) even when an override moves it.
	Key time.Time
	// Start and End are the instants; StartDate and EndDate the days of a
	// whole-day series.
	Start, End         time.Time
	StartDate, EndDate Date
}

// RecurrenceKey formats an occurrence key as stored and as RECURRENCE-ID's
// value: 20270202T100000, or 20270202 for whole days.
func RecurrenceKey(key time.Time, allDay bool) string {
	if allDay {
		return key.Format("20060102")
	}
	return key.Format("20060102T150405")
}

// ParseRecurrenceKey reads a key written by RecurrenceKey.
func ParseRecurrenceKey(s string) (time.Time, bool) {
	for _, layout := range []string{"20060102T150405", "20060102"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil && len(s) == len(layout) {
			return t, true
		}
	}
	return time.Time{}, false
}

// wallStart is e's first start as wall clock in its zone, carried in UTC.
func (e Event) wallStart() time.Time {
	if e.AllDay {
		return e.StartDate.In(time.UTC)
	}
	t := e.Start.In(e.Location())
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// ruleOption parses e's rule into rrule-go options in the wall clock, with
// DTSTART set. A timed UNTIL is an instant (RFC 5545 wants it in UTC); it is
// moved into the wall clock so that it compares with the wall-clock starts.
func (e Event) ruleOption() (*rrule.ROption, error) {
	opt, err := rrule.StrToROption(e.Repeat.Rule)
	if err != nil {
		return nil, err
	}
	opt.Dtstart = e.wallStart()
	switch v := untilValue(e.Repeat.Rule); {
	case v == "":
	case len(v) == 8:
		// A date UNTIL includes its whole day.
		d, err := time.ParseInLocation("20060102", v, time.UTC)
		if err != nil {
			return nil, err
		}
		opt.Until = d.Add(24*time.Hour - time.Second)
	case strings.HasSuffix(strings.ToUpper(v), "Z"):
		t, err := time.Parse("20060102T150405Z", strings.ToUpper(v))
		if err != nil {
			return nil, err
		}
		t = t.In(e.Location())
		opt.Until = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	default:
		t, err := time.ParseInLocation("20060102T150405", v, time.UTC)
		if err != nil {
			return nil, err
		}
		opt.Until = t
	}
	return opt, nil
}

func untilValue(rule string) string {
	for _, part := range strings.Split(rule, ";") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.EqualFold(k, "UNTIL") {
			return v
		}
	}
	return ""
}

// Occurrences lists e's occurrences that start before to and end after
// from (both instants), at most max+1 of them so that a caller can tell
// there are more than max. DTSTART is always the first occurrence, as RFC
// 5545 and calendar programs have it; excluded dates are left out and
// extra dates added. A single event has itself as its one occurrence.
func (e Event) Occurrences(from, to time.Time, max int) ([]Occurrence, error) {
	if e.Repeat.IsZero() {
		if e.End.After(from) && e.Start.Before(to) {
			return []Occurrence{e.occurrenceAt(e.wallStart())}, nil
		}
		return nil, nil
	}
	opt, err := e.ruleOption()
	if err != nil {
		return nil, err
	}
	switch opt.Freq {
	case rrule.DAILY, rrule.WEEKLY, rrule.MONTHLY, rrule.YEARLY:
	default:
		return nil, fmt.Errorf("calendar: a series repeats at most daily")
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, err
	}
	set := &rrule.Set{}
	set.RRule(r)
	set.RDate(opt.Dtstart)
	for _, d := range e.Repeat.RDates {
		set.RDate(d)
	}
	for _, d := range e.Repeat.ExDates {
		set.ExDate(d)
	}
	// The wall clock of an instant differs from UTC by less than a day,
	// and an occurrence lasts at most MaxSpan: a day either side of the
	// window in wall-clock terms is enough to find every candidate.
	length := e.End.Sub(e.Start)
	lo := from.Add(-length - 24*time.Hour)
	hi := to.Add(24 * time.Hour)
	var out []Occurrence
	next := set.Iterator()
	for {
		w, ok := next()
		if !ok || w.After(hi) {
			break
		}
		if w.Before(lo) {
			continue
		}
		o := e.occurrenceAt(w)
		if !o.End.After(from) || !o.Start.Before(to) {
			continue
		}
		out = append(out, o)
		if len(out) > max {
			break
		}
	}
	return out, nil
}

// occurrenceAt is the occurrence of e starting at wall-clock w.
func (e Event) occurrenceAt(w time.Time) Occurrence {
	o := Occurrence{Key: w}
	if e.AllDay {
		o.StartDate = DateOf(w)
		o.EndDate = o.StartDate.AddDays(e.StartDate.DaysUntil(e.EndDate))
		loc := e.Location()
		o.Start = o.StartDate.In(loc).UTC()
		o.End = o.EndDate.AddDays(1).In(loc).UTC()
		return o
	}
	o.Start = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, e.Location()).UTC()
	o.End = o.Start.Add(e.End.Sub(e.Start))
	return o
}

// Instance returns occurrence o of series e as an event of its own: the
// series' fields at o's time, named by o's key.
func (e Event) Instance(o Occurrence) Event {
	x := e
	x.Repeat = Repeat{}
	x.SeriesID, x.RecurrenceKey, x.Overridden = e.ID, RecurrenceKey(o.Key, e.AllDay), false
	x.ID = 0
	x.Start, x.End, x.StartDate, x.EndDate = o.Start, o.End, o.StartDate, o.EndDate
	return x
}

// SeriesEnd returns the end of e's schedule that the store materialises:
// for a bounded series every occurrence (at most MaxOccurrences), for an
// open-ended one those that start before now+SeriesHorizon.
func (e Event) SeriesEnd(now time.Time) time.Time {
	if e.OpenEnded() {
		return now.Add(SeriesHorizon)
	}
	return e.Start.AddDate(MaxSeriesYears, 0, 1)
}

// validateRepeat checks a series' rule: rrule-go reads it, it repeats at
// most daily, it ends (by COUNT or UNTIL) unless open-ended series are
// allowed, and it has at most MaxOccurrences within MaxSeriesYears.
func (e *Event) validateRepeat(f apperr.Fields, openEnded bool) {
	if e.Repeat.IsZero() {
		return
	}
	if e.SeriesID != 0 {
		f.Add("repeat", "validation.repeat.rule")
		return
	}
	opt, err := e.ruleOption()
	if err != nil || opt.Interval > 12 || opt.Interval < 0 {
		f.Add("repeat", "validation.repeat.rule")
		return
	}
	switch opt.Freq {
	case rrule.DAILY, rrule.WEEKLY, rrule.MONTHLY, rrule.YEARLY:
	default:
		f.Add("repeat", "validation.repeat.rule")
		return
	}
	if opt.Count == 0 && opt.Until.IsZero() && !openEnded {
		f.Add("repeat_end", "validation.repeat.end_required")
		return
	}
	if !opt.Until.IsZero() {
		if opt.Until.Before(opt.Dtstart) {
			f.Add("repeat_until", "validation.repeat.until_before_start")
			return
		}
		if opt.Until.After(opt.Dtstart.AddDate(MaxSeriesYears, 0, 1)) {
			f.Add("repeat_until", "validation.repeat.too_long")
			return
		}
	}
	if opt.Count > MaxOccurrences {
		f.Add("repeat_count", "validation.repeat.too_many")
		return
	}
	end := e.Start.AddDate(MaxSeriesYears, 0, 1)
	if e.OpenEnded() {
		end = e.Start.Add(SeriesHorizon)
	}
	occ, err := e.Occurrences(e.Start, end, MaxOccurrences)
	switch {
	case err != nil:
		f.Add("repeat", "validation.repeat.rule")
	case len(occ) > MaxOccurrences:
		f.Add("repeat", "validation.repeat.too_many")
	}
}

// Rule is a series rule of the kinds the forms offer: every N weeks on some
// weekdays, every N months on a day of the month or on the n-th (or last)
// weekday, every N years; ending after Count times, on Until, or (for the
// secretariat) never. Other rules, from imported calendars, are kept as
// they came and shown as they are.
type Rule struct {
	Freq     Frequency
	Interval int
	// Weekdays are the days of a weekly rule.
	Weekdays []time.Weekday
	// MonthDay (1–31) or Nth (1–4, or -1 for the last) with NthWeekday
	// say which day of the month a monthly rule falls on.
	MonthDay   int
	Nth        int
	NthWeekday time.Weekday
	Count      int
	Until      Date
}

// Frequency is how often a Rule repeats.
type Frequency string

// Frequencies the forms offer.
const (
	Weekly  Frequency = "weekly"
	Monthly Frequency = "monthly"
	Yearly  Frequency = "yearly"
)

// Frequencies lists the frequencies in the forms' order.
var Frequencies = []Frequency{Weekly, Monthly, Yearly}

// DayCodes are RFC 5545's weekday codes, indexed by time.Weekday.
var DayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// String writes r as an RRULE value. A timed series' UNTIL is the end of
// the day in the series' zone, as an instant in UTC (RFC 5545 3.3.10).
func (r Rule) String(allDay bool, loc *time.Location) string {
	parts := []string{"FREQ=" + strings.ToUpper(string(r.Freq))}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	switch r.Freq {
	case Weekly:
		days := slices.Clone(r.Weekdays)
		// Monday first, as ISO weeks and Nordic calendars have it.
		slices.SortFunc(days, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
		days = slices.Compact(days)
		if len(days) > 0 {
			codes := make([]string, len(days))
			for i, d := range days {
				codes[i] = DayCodes[d]
			}
			parts = append(parts, "BYDAY="+strings.Join(codes, ","))
		}
	case Monthly:
		if r.Nth != 0 {
			parts = append(parts, "BYDAY="+strconv.Itoa(r.Nth)+DayCodes[r.NthWeekday])
		} else if r.MonthDay != 0 {
			parts = append(parts, "BYMONTHDAY="+strconv.Itoa(r.MonthDay))
		}
	}
	switch {
	case r.Count > 0:
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	case !r.Until.IsZero() && allDay:
		parts = append(parts, "UNTIL="+strings.ReplaceAll(r.Until.String(), "-", ""))
	case !r.Until.IsZero():
		end := r.Until.AddDays(1).In(loc).Add(-time.Second).UTC()
		parts = append(parts, "UNTIL="+end.Format("20060102T150405Z"))
	}
	return strings.Join(parts, ";")
}

// ParseRule reads an RRULE value into a Rule; ok is false when the rule is
// not one of the kinds the forms offer.
func ParseRule(s string, loc *time.Location) (r Rule, ok bool) {
	if s == "" {
		return Rule{}, false
	}
	r.Interval = 1
	for _, part := range strings.Split(s, ";") {
		k, v, found := strings.Cut(part, "=")
		if !found {
			return Rule{}, false
		}
		switch strings.ToUpper(k) {
		case "FREQ":
			r.Freq = Frequency(strings.ToLower(v))
			if !slices.Contains(Frequencies, r.Freq) {
				return Rule{}, false
			}
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return Rule{}, false
			}
			r.Interval = n
		case "COUNT":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return Rule{}, false
			}
			r.Count = n
		case "UNTIL":
			d, ok := parseUntilDate(v, loc)
			if !ok {
				return Rule{}, false
			}
			r.Until = d
		case "BYMONTHDAY":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 31 {
				return Rule{}, false
			}
			r.MonthDay = n
		case "BYDAY":
			for _, c := range strings.Split(v, ",") {
				c = strings.ToUpper(c)
				if len(c) < 2 {
					return Rule{}, false
				}
				day := slices.Index(DayCodes[:], c[len(c)-2:])
				if day < 0 {
					return Rule{}, false
				}
				if n := c[:len(c)-2]; n != "" {
					nth, err := strconv.Atoi(n)
					if err != nil || !(nth >= 1 && nth <= 4 || nth == -1) || r.Nth != 0 {
						return Rule{}, false
					}
					r.Nth, r.NthWeekday = nth, time.Weekday(day)
					continue
				}
				r.Weekdays = append(r.Weekdays, time.Weekday(day))
			}
		case "WKST":
		default:
			return Rule{}, false
		}
	}
	switch {
	case r.Freq == "":
		return Rule{}, false
	case r.Freq == Weekly && (r.Nth != 0 || r.MonthDay != 0):
		return Rule{}, false
	case r.Freq == Monthly && (len(r.Weekdays) > 0 || r.Nth != 0 && r.MonthDay != 0):
		return Rule{}, false
	case r.Freq == Yearly && (len(r.Weekdays) > 0 || r.Nth != 0 || r.MonthDay != 0):
		return Rule{}, false
	}
	return r, true
}

// parseUntilDate reads an UNTIL value as the day it ends on in loc.
func parseUntilDate(v string, loc *time.Location) (Date, bool) {
	if t, err := time.Parse("20060102T150405Z", v); err == nil {
		return DateOf(t.In(loc)), true
	}
	if t, err := time.ParseInLocation("20060102T150405", v, loc); err == nil {
		return DateOf(t), true
	}
	if t, err := time.ParseInLocation("20060102", v, time.UTC); err == nil && len(v) == 8 {
		return DateOf(t), true
	}
	return Date{}, false
}
