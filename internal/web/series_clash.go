// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"strconv"
	"strings"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// SeriesClashView is the part of a clash report about every date of a
// series.
type SeriesClashView struct {
	Total int
	// Summary names the clashing dates ("3 of 12 dates clash: …") or says
	// that none does.
	Summary string
	Dates   []SeriesDateView
	// Horizon says how far an open-ended series was checked; empty for a
	// series with an end.
	Horizon string
	// Suggestion proposes another day; empty when none is better or most
	// dates are free.
	Suggestion     string
	SuggestedRule  string
	SuggestedFirst string
	SuggestedCount int
}

// SeriesDateView is one clashing date of a series.
type SeriesDateView struct {
	Key, Date, Label  string
	Level, LevelLabel string
}

// maxSummaryDates is how many dates the summary sentence names; the list
// has them all.
const maxSummaryDates = 12

// dateList names days for running text: at most maxSummaryDates, then
// how many more.
func dateList(l *i18n.Localizer, days []calendar.Date) string {
	names := make([]string, 0, min(len(days), maxSummaryDates+1))
	for i, d := range days {
		if i == maxSummaryDates {
			names = append(names, l.N("clash.series.more", len(days)-maxSummaryDates))
			break
		}
		names = append(names, l.Date(d))
	}
	return strings.Join(names, ", ")
}

// pairDates is the line of a row of the secretariat's clash report that
// stands for several dates of a series.
func pairDates(l *i18n.Localizer, days []calendar.Date) string {
	if len(days) == 0 {
		return ""
	}
	return l.N("clashes.series_dates", len(days), "Dates", dateList(l, days))
}

func seriesClashView(l *i18n.Localizer, s *calendar.SeriesClashes) *SeriesClashView {
	if s == nil {
		return nil
	}
	v := &SeriesClashView{Total: s.Total}
	days := make([]calendar.Date, len(s.Clashing))
	for i, d := range s.Clashing {
		days[i] = d.First
		v.Dates = append(v.Dates, SeriesDateView{Key: d.Key, Date: d.First.String(), Label: l.Date(d.First),
			Level: d.Level.String(), LevelLabel: l.T("clash.level." + d.Level.String())})
	}
	if len(s.Clashing) == 0 {
		v.Summary = l.N("clash.series.clear", s.Total)
	} else {
		v.Summary = l.N("clash.series.summary", len(s.Clashing), "Total", l.Number(s.Total), "Dates", dateList(l, days))
	}
	if !s.Horizon.IsZero() {
		v.Horizon = l.T("clash.series.until", "Date", l.Date(s.Horizon))
	}
	if g := s.Suggestion; g != nil {
		args := []any{"Rule", ruleText(l, g.Rule, g.RRule), "Date", l.Date(g.First), "Count", l.Number(g.Clashing), "Total", l.Number(g.Total)}
		if g.Clashing == 0 {
			v.Suggestion = l.T("clash.series.suggest_clear", args...)
		} else {
			v.Suggestion = l.T("clash.series.suggest", args...)
		}
		v.SuggestedRule, v.SuggestedFirst, v.SuggestedCount = g.RRule, g.First.String(), g.Clashing
	}
	return v
}

// ruleText describes the weekly and n-th weekday rules that the clash
// check suggests: "every month on the first Tuesday"; others as raw, the
// RRULE value.
func ruleText(l *i18n.Localizer, r calendar.Rule, raw string) string {
	interval := max(r.Interval, 1)
	switch {
	case r.Freq == calendar.Weekly && len(r.Weekdays) == 1:
		return l.N("clash.series.rule.weekly", interval, "Weekday", l.WeekdayName(r.Weekdays[0]))
	case r.Freq == calendar.Monthly && r.Nth != 0:
		nth := "last"
		if r.Nth > 0 {
			nth = strconv.Itoa(r.Nth)
		}
		return l.N("clash.series.rule.monthly", interval, "Nth", l.T("clash.series.nth."+nth),
			"Weekday", l.WeekdayName(r.NthWeekday))
	}
	return raw
}

type apiSeriesClashes struct {
	Total      int                `json:"total"`
	Summary    string             `json:"summary"`
	Horizon    string             `json:"checked_until,omitempty"`
	Clashing   []apiSeriesDate    `json:"clashing"`
	Suggestion *apiRuleSuggestion `json:"suggestion,omitempty"`
}

type apiSeriesDate struct {
	Key   string `json:"key"`
	Date  string `json:"date"`
	Label string `json:"label"`
	Level string `json:"level"`
}

type apiRuleSuggestion struct {
	Rule     string `json:"rrule"`
	First    string `json:"first"`
	Clashing int    `json:"clashing"`
	Total    int    `json:"total"`
	Text     string `json:"text"`
}

// apiSeries is the series part of /api/v1/clashes.
func apiSeries(s *calendar.SeriesClashes, v *SeriesClashView) *apiSeriesClashes {
	if s == nil || v == nil {
		return nil
	}
	out := &apiSeriesClashes{Total: s.Total, Summary: v.Summary, Clashing: []apiSeriesDate{}}
	if !s.Horizon.IsZero() {
		out.Horizon = s.Horizon.String()
	}
	for _, d := range v.Dates {
		out.Clashing = append(out.Clashing, apiSeriesDate{Key: d.Key, Date: d.Date, Label: d.Label, Level: d.Level})
	}
	if g := s.Suggestion; g != nil {
		out.Suggestion = &apiRuleSuggestion{Rule: g.RRule, First: g.First.String(), Clashing: g.Clashing, Total: g.Total,
			Text: v.Suggestion}
	}
	return out
}
