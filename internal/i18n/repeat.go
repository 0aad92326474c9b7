// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// Repeat describes a series rule in running text, the way l's language
// says it: "every month on the first Tuesday, 12 times", "joka kuukauden
// ensimmäinen tiistai, 12 kertaa". first is the series' first date: a rule
// that names no day falls on its weekday, day of the month or date.
func (l *Localizer) Repeat(r calendar.Rule, first calendar.Date) string {
	n := max(r.Interval, 1)
	var s string
	switch r.Freq {
	case calendar.Weekly:
		days := slices.Clone(r.Weekdays)
		if len(days) == 0 {
			days = []time.Weekday{first.Weekday()}
		}
		slices.SortFunc(days, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
		days = slices.Compact(days)
		names := make([]string, len(days))
		for i, d := range days {
			names[i] = l.T("repeat.weekly_day." + weekdayNum(d))
		}
		s = l.N("repeat.weekly", n, "Days", l.andList(names))
	case calendar.Monthly:
		switch {
		case r.Nth != 0:
			nth := "last"
			if r.Nth > 0 {
				nth = strconv.Itoa(r.Nth)
			}
			s = l.N("repeat.monthly_nth", n, "Nth", l.T("repeat.nth."+nth),
				"Weekday", l.T("repeat.nth_day."+weekdayNum(r.NthWeekday)))
		default:
			day := r.MonthDay
			if day == 0 {
				day = first.Day
			}
			s = l.N("repeat.monthly_day", n, "Day", day)
		}
	case calendar.Yearly:
		s = l.N("repeat.yearly", n, "Date", l.T("format.day_month", l.dateData(first)...))
	default:
		return ""
	}
	switch {
	case r.Count > 0:
		s = l.T("repeat.with_end", "Rule", s, "End", l.N("repeat.count", r.Count))
	case !r.Until.IsZero():
		s = l.T("repeat.with_end", "Rule", s, "End", l.T("repeat.until", "Date", l.TextDate(r.Until)))
	}
	return s
}

// andList joins items as running text: "Monday, Wednesday and Friday".
func (l *Localizer) andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return l.T("repeat.list_and", "List", strings.Join(items[:len(items)-1], ", "), "Last", items[len(items)-1])
}

func weekdayNum(d time.Weekday) string { return strconv.Itoa(int(d)) }
