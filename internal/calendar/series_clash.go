// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// SeriesClashes is the clash check of every date of a series within the
// horizon: which of them clash, and, when most do, a rule on another day
// that clashes less.
type SeriesClashes struct {
	// Total is how many dates were checked.
	Total int
	// Clashing are the dates with a warning of at least Medium level, in
	// order.
	Clashing []SeriesDate
	// Horizon is the last day checked of an open-ended series; zero for
	// a series with an end.
	Horizon Date
	// Suggestion is set when more than half of the dates clash and the
	// same rule on another weekday or week of the month has fewer dates
	// with a serious clash (see seriesClashes).
	Suggestion *RuleSuggestion
}

// SeriesDate is one date of a series and the worst warning on it.
type SeriesDate struct {
	// Key names the date (RecurrenceKey).
	Key   string
	Start time.Time
	First Date
	Level Level
}

// RuleSuggestion is the same series on another day.
type RuleSuggestion struct {
	Rule Rule
	// RRule is Rule written for the series.
	RRule string
	// First is the first date under the suggested rule.
	First Date
	// Clashing of Total dates would have a serious clash.
	Clashing, Total int
}

// Worst returns the highest level on any date, 0 when none clashes.
func (s *SeriesClashes) Worst() Level {
	var w Level
	if s != nil {
		for _, d := range s.Clashing {
			w = max(w, d.Level)
		}
	}
	return w
}

// seriesClashLevel is the level from which a date of a series counts as
// clashing: a Low warning (another event the same day elsewhere, a
// holiday of a neighbour) is on almost every date of a long series and
// says nothing about the choice of day.
const seriesClashLevel = Medium

// ValidateRepeat adds to f what is wrong with e's rule (see Validate);
// openEnded allows a series without an end. The clash API checks a rule
// with it before it expands the series.
func (e *Event) ValidateRepeat(f apperr.Fields, openEnded bool) { e.validateRepeat(f, openEnded) }

// sameSeries reports whether a and b are dates of one series.
func sameSeries(a, b *Facets) bool { return a.SeriesID != 0 && a.SeriesID == b.SeriesID }

// seriesClashes checks every date of series e (candidate facets c) that
// starts from today up to the end of the series, at most SeriesHorizon
// ahead. The events around the dates are read once (see facetsAround) and
// each date is then evaluated in memory.
func (s *Service) seriesClashes(ctx context.Context, e Event, c Facets, protected []ProtectedDate) (*SeriesClashes, error) {
	if !e.IsSeries() {
		return nil, nil
	}
	now := s.now()
	from := e.Start
	if today := DateOf(now.UTC()).In(e.Location()); from.Before(today) {
		from = today
	}
	dates, err := seriesDates(e, from, now)
	if err != nil || len(dates) < 2 {
		// A rule that does not expand was refused by validation already;
		// a single date is the main report.
		return nil, nil
	}
	others, err := s.facetsAround(ctx, dates)
	if err != nil {
		return nil, err
	}
	ev := seriesEvaluator{c: c, others: others, hol: s.holidays, protected: protected, rules: s.rules,
		countries: c.HolidayCountries()}
	out := &SeriesClashes{Total: len(dates)}
	if e.OpenEnded() {
		out.Horizon = DateOf(now.Add(SeriesHorizon).In(e.Location()))
	}
	for _, d := range dates {
		if lv := ev.level(d); lv >= seriesClashLevel {
			out.Clashing = append(out.Clashing, SeriesDate{Key: RecurrenceKey(d.key, e.AllDay), Start: d.Start,
				First: d.FirstDay, Level: lv})
		}
	}
	if 2*len(out.Clashing) <= out.Total {
		return out, nil
	}
	// Most dates clash: the same rule on other days. As for the free dates
	// of one event (Alternatives), what counts there is a serious clash: a
	// decided event of the same category or network (with the travel gap
	// around conferences), an official holiday or a protected date; the
	// light query of those spans covers every day the other rules could
	// fall on, which reading whole events would not afford.
	var vs []ruleVariant
	var vds [][]seriesDate
	last := dates[len(dates)-1].LastDay
	for _, v := range ruleVariants(e) {
		if vd, err := seriesDates(v.event, v.event.Start, now); err == nil && len(vd) > 0 {
			vs, vds = append(vs, v), append(vds, vd)
			if l := vd[len(vd)-1].LastDay; l.After(last) {
				last = l
			}
		}
	}
	if len(vs) == 0 {
		return out, nil
	}
	reach := max(s.rules.GapDays, 0)
	spans, err := s.store.ClashFacets(ctx, FacetQuery{First: dates[0].FirstDay.AddDays(-reach), Last: last.AddDays(reach),
		Statuses: decidedClashStatuses, Category: c.Category, Networks: c.Networks, Exclude: c.ID, ExcludeSeries: c.SeriesID})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(spans, func(a, b Facets) int { return -a.FirstDay.DaysUntil(b.FirstDay) })
	ev.others = spans
	count := func(ds []seriesDate) int {
		n := 0
		for _, d := range ds {
			if ev.serious(d) {
				n++
			}
		}
		return n
	}
	best := count(dates)
	for i, v := range vs {
		if n := count(vds[i]); n < best {
			best = n
			out.Suggestion = &RuleSuggestion{Rule: v.rule, RRule: v.event.Repeat.Rule, First: vds[i][0].FirstDay,
				Clashing: n, Total: len(vds[i])}
		}
	}
	return out, nil
}

// facetsAround reads the facets of the planned events around dates: one
// query per run of adjacent days within reach (the travel gap on either
// side). It returns the events ordered by first day, each once. Reading
// only around the dates keeps a two-year series from reading two years
// of events.
func (s *Service) facetsAround(ctx context.Context, dates []seriesDate) ([]Facets, error) {
	gap := max(s.rules.GapDays, 0)
	read := map[Date]bool{}
	var days []Date
	for _, d := range dates {
		for day := d.FirstDay.AddDays(-gap); !day.After(d.LastDay.AddDays(gap)); day = day.AddDays(1) {
			if !read[day] {
				read[day] = true
				days = append(days, day)
			}
		}
	}
	slices.SortFunc(days, func(a, b Date) int { return -a.DaysUntil(b) })
	days = slices.Compact(days)
	seen := map[int64]bool{}
	var out []Facets
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j].DaysUntil(days[j+1]) == 1 {
			j++
		}
		fs, err := s.store.ClashFacets(ctx, FacetQuery{First: days[i], Last: days[j], Statuses: ClashStatuses})
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if !seen[f.ID] {
				seen[f.ID] = true
				out = append(out, f)
			}
		}
		i = j + 1
	}
	slices.SortFunc(out, func(a, b Facets) int { return -a.FirstDay.DaysUntil(b.FirstDay) })
	return out, nil
}

// seriesDate is one date of a candidate series as facets.
type seriesDate struct {
	Facets
	key time.Time
}

// seriesDates returns e's dates from from up to the end of the series, at
// most SeriesHorizon after now and at most MaxOccurrences.
func seriesDates(e Event, from, now time.Time) ([]seriesDate, error) {
	end := e.SeriesEnd(now)
	if h := now.Add(SeriesHorizon); end.After(h) {
		end = h
	}
	occ, err := e.Occurrences(from, end, MaxOccurrences)
	if err != nil {
		return nil, err
	}
	if len(occ) > MaxOccurrences {
		occ = occ[:MaxOccurrences]
	}
	base := FacetsOf(e)
	out := make([]seriesDate, len(occ))
	for i, o := range occ {
		f := base
		f.Start, f.End = o.Start, o.End
		f.FirstDay, f.LastDay = e.Instance(o).Days()
		out[i] = seriesDate{Facets: f, key: o.Key}
	}
	return out, nil
}

// seriesEvaluator finds the worst warning on one date among others,
// ordered by first day.
type seriesEvaluator struct {
	c         Facets
	others    []Facets
	hol       Holidays
	protected []ProtectedDate
	rules     ClashRules
	countries []directory.Country
}

// level is the worst warning on date d: events as the clash check rates
// them (those awaiting moderation a level milder), holidays and protected
// dates.
func (ev *seriesEvaluator) level(d seriesDate) Level {
	gap := max(ev.rules.GapDays, 0)
	lo := d.FirstDay.AddDays(-int(MaxSpan/(24*time.Hour)) - 1 - gap)
	hi := d.LastDay.AddDays(gap)
	i, _ := slices.BinarySearchFunc(ev.others, lo, func(f Facets, t Date) int { return t.DaysUntil(f.FirstDay) })
	var w Level
	for ; i < len(ev.others) && !ev.others[i].FirstDay.After(hi); i++ {
		if cl, ok := compare(d.Facets, ev.others[i], ev.rules, false); ok {
			lv := cl.Level
			if ev.others[i].Status == Pending {
				lv = max(lv-1, Low)
			}
			w = max(w, lv)
		}
	}
	for _, h := range holidaysDuring(d.Facets, ev.countries, ev.hol, d.FirstDay, d.LastDay) {
		w = max(w, h.Level)
	}
	if len(protectedDuring(ev.protected, d.FirstDay, d.LastDay)) > 0 {
		w = High
	}
	return w
}

// serious reports whether date d touches a serious clash among ev.others
// (spans of the same category or network, ordered by first day), an
// official holiday or a protected date.
func (ev *seriesEvaluator) serious(d seriesDate) bool {
	gap := max(ev.rules.GapDays, 0)
	lo := d.FirstDay.AddDays(-int(MaxSpan/(24*time.Hour)) - 1 - gap)
	i, _ := slices.BinarySearchFunc(ev.others, lo, func(f Facets, t Date) int { return t.DaysUntil(f.FirstDay) })
	for ; i < len(ev.others) && !ev.others[i].FirstDay.After(d.LastDay.AddDays(gap)); i++ {
		o := &ev.others[i]
		g := 0
		if needsGap(d.Category, o.Category) {
			g = gap
		}
		if serious(d.Facets, *o) && !o.LastDay.AddDays(g).Before(d.FirstDay) && !d.LastDay.AddDays(g).Before(o.FirstDay) {
			return true
		}
	}
	for _, h := range holidaysDuring(d.Facets, ev.countries, ev.hol, d.FirstDay, d.LastDay) {
		if h.Holiday.Official {
			return true
		}
	}
	return len(protectedDuring(ev.protected, d.FirstDay, d.LastDay)) > 0
}

// ruleVariant is series e on another day under rule.
type ruleVariant struct {
	rule  Rule
	event Event
}

// ruleVariants returns e's rule on each other weekday (Monday to Friday)
// for a weekly rule on one day or a monthly rule on the n-th weekday, and
// on each other week of the month for the latter; each starting on its
// first date on or after e's first date. Other rules have none.
func ruleVariants(e Event) []ruleVariant {
	loc := e.Location()
	r, ok := ParseRule(e.Repeat.Rule, loc)
	if !ok {
		return nil
	}
	first := FacetsOf(e).FirstDay
	var rules []Rule
	switch {
	case r.Freq == Weekly && len(r.Weekdays) == 1:
		for wd := time.Monday; wd <= time.Friday; wd++ {
			if wd != r.Weekdays[0] {
				v := r
				v.Weekdays = []time.Weekday{wd}
				rules = append(rules, v)
			}
		}
	case r.Freq == Monthly && r.Nth != 0:
		for wd := time.Monday; wd <= time.Friday; wd++ {
			if wd != r.NthWeekday {
				v := r
				v.NthWeekday = wd
				rules = append(rules, v)
			}
		}
		for _, n := range []int{1, 2, 3, 4, -1} {
			if n != r.Nth {
				v := r
				v.Nth = n
				rules = append(rules, v)
			}
		}
	}
	out := make([]ruleVariant, 0, len(rules))
	for _, v := range rules {
		var d Date
		if v.Freq == Weekly {
			d = first.AddDays((int(v.Weekdays[0]) - int(first.Weekday()) + 7) % 7)
		} else {
			d = NthWeekday(first.Year, time.Month(first.Month), v.Nth, v.NthWeekday)
			if d.Before(first) {
				m := time.Date(first.Year, time.Month(first.Month)+1, 1, 0, 0, 0, 0, time.UTC)
				d = NthWeekday(m.Year(), m.Month(), v.Nth, v.NthWeekday)
			}
		}
		x := e
		x.Repeat = Repeat{Rule: v.String(e.AllDay, loc)}
		shift := first.DaysUntil(d)
		if e.AllDay {
			x.StartDate, x.EndDate = e.StartDate.AddDays(shift), e.EndDate.AddDays(shift)
		}
		x.Start = e.Start.In(loc).AddDate(0, 0, shift).UTC()
		x.End = x.Start.Add(e.End.Sub(e.Start))
		out = append(out, ruleVariant{rule: v, event: x})
	}
	return out
}

// nthWeekday is the n-th (1–4, -1 the last) weekday wd of a month.
func NthWeekday(year int, month time.Month, n int, wd time.Weekday) Date {
	if n < 0 {
		last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		return DateOf(last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7)))
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return DateOf(first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1)))
}

// foundPair is a collision of events a and b (indexes into the facets of
// ClashPairs).
type foundPair struct {
	a, b  int
	clash Clash
}

// groupPairs makes the rows of the secretariat's clash report: a pair of
// single events is a row of its own; the collisions of a series' dates
// with one other event, or with the dates of one other series, are one row
// that names the series (by its ID) and lists the days, with the most
// serious collision.
func groupPairs(fs []Facets, found []foundPair) []ClashPair {
	side := func(f *Facets) int64 {
		if f.SeriesID != 0 {
			return f.SeriesID
		}
		return f.ID
	}
	type key struct{ a, b int64 }
	row := map[key]int{}
	var out []ClashPair
	for _, p := range found {
		a, b := &fs[p.a], &fs[p.b]
		if a.SeriesID == 0 && b.SeriesID == 0 {
			out = append(out, ClashPair{A: Event{ID: a.ID}, B: Event{ID: b.ID}, Clash: p.clash})
			continue
		}
		k := key{side(a), side(b)}
		if i, ok := row[k]; ok {
			out[i].Dates = append(out[i].Dates, a.FirstDay)
			if p.clash.Score > out[i].Clash.Score {
				out[i].Clash = p.clash
			}
			continue
		}
		row[k] = len(out)
		out = append(out, ClashPair{A: Event{ID: k.a}, B: Event{ID: k.b}, Clash: p.clash, Dates: []Date{a.FirstDay}})
	}
	for i := range out {
		d := out[i].Dates
		slices.SortFunc(d, func(x, y Date) int { return -x.DaysUntil(y) })
		out[i].Dates = slices.Compact(d)
	}
	return out
}
