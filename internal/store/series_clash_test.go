// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// addNetworkMeetings stores a one-hour meeting of the coordinators'
// network at 10:30 Oslo time on each of days.
func addNetworkMeetings(t *testing.T, f *fixture, days ...string) {
	t.Helper()
	oslo, _ := time.LoadLocation("Europe/Oslo")
	for _, d := range days {
		day, err := calendar.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(day.Year, day.Month, day.Day, 10, 30, 0, 0, oslo)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Network meeting " + d}},
			Start: start, End: start.Add(time.Hour), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Internal,
			Organisers: []directory.Organisation{{ID: f.jd.ID}}, Networks: []directory.Network{{ID: f.coord.ID}}}
		if err := f.cal.Create(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
}

func clashingKeys(r calendar.ClashReport) []string {
	if r.Series == nil {
		return nil
	}
	var out []string
	for _, d := range r.Series.Clashing {
		out = append(out, d.Key)
	}
	return out
}

func TestSeriesClashNamesTheClashingDates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	addNetworkMeetings(t, f, "2027-02-02", "2027-05-04", "2027-07-06", "2027-07-07")
	want := []string{"20270202T100000", "20270504T100000", "20270706T100000"}

	e := monthlySeries(f)
	r, err := f.cal.Clashes(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if r.Series == nil || r.Series.Total != 12 {
		t.Fatalf("series part %+v, want 12 dates checked", r.Series)
	}
	if got := clashingKeys(r); !slices.Equal(got, want) {
		t.Errorf("clashing dates %v, want %v", got, want)
	}
	for _, d := range r.Series.Clashing {
		if d.Level != calendar.High {
			t.Errorf("%s: level %v, want high", d.Key, d.Level)
		}
	}
	if r.Series.Suggestion != nil {
		t.Errorf("suggestion %+v for 3 of 12 clashing dates", r.Series.Suggestion)
	}

	// Stored and checked again: its own dates are no clash, neither for the
	// first date nor for the others.
	if err := f.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	stored, err := f.db.EventByID(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err = f.cal.Clashes(ctx, stored)
	if err != nil {
		t.Fatal(err)
	}
	if got := clashingKeys(r); !slices.Equal(got, want) {
		t.Errorf("stored series: clashing dates %v, want %v", got, want)
	}
	for _, c := range r.Clashes {
		if c.Other.SeriesID == e.ID {
			t.Errorf("stored series clashes with its own date %d", c.Other.ID)
		}
	}
	// One of its dates, edited on its own, does not clash with the others.
	occ, err := f.db.Occurrence(ctx, e.ID, "20270302T100000")
	if err != nil {
		t.Fatal(err)
	}
	r, err = f.cal.Clashes(ctx, occ)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Clashes) != 0 || r.Series != nil {
		t.Errorf("a date of the series: %d clashes, series part %+v", len(r.Clashes), r.Series)
	}
}

func TestSeriesClashSuggestsAnotherDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	addNetworkMeetings(t, f, "2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01",
		"2027-08-03", "2027-09-07")
	r, err := f.cal.Clashes(ctx, monthlySeries(f))
	if err != nil {
		t.Fatal(err)
	}
	if r.Series == nil || len(r.Series.Clashing) != 8 {
		t.Fatalf("series part %+v, want 8 clashing dates", r.Series)
	}
	s := r.Series.Suggestion
	if s == nil {
		t.Fatal("no suggestion for 8 of 12 clashing dates")
	}
	if s.Clashing != 0 || s.Total != 12 {
		t.Errorf("suggestion clashes on %d of %d dates, want 0 of 12", s.Clashing, s.Total)
	}
	if s.Rule.Freq != calendar.Monthly || s.Rule.Nth == 1 && s.Rule.NthWeekday == time.Tuesday || s.Rule.Count != 12 {
		t.Errorf("suggested rule %+v", s.Rule)
	}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	if got, ok := calendar.ParseRule(s.RRule, oslo); !ok || got.Nth != s.Rule.Nth || got.NthWeekday != s.Rule.NthWeekday {
		t.Errorf("RRULE %q does not read back as %+v", s.RRule, s.Rule)
	}
	// On or after the series' first date, at most a month later.
	first := calendar.Date{Year: 2027, Month: 1, Day: 5}
	if s.First.Weekday() != s.Rule.NthWeekday || s.First.Before(first) || first.DaysUntil(s.First) > 35 {
		t.Errorf("suggestion starts %s", s.First)
	}
}

// TestClashPairsGroupSeries: the secretariat's report has one row per
// series and what it collides with, listing the days, instead of one per
// date.
func TestClashPairsGroupSeries(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	monthly := monthlySeries(f)
	if err := f.cal.Create(ctx, &monthly); err != nil {
		t.Fatal(err)
	}
	// A task force of the same network half an hour later on the first
	// Tuesday of six months.
	task := monthlySeries(f)
	task.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: "Task force"}}
	task.Start, task.End = task.Start.Add(30*time.Minute), task.End.Add(30*time.Minute)
	task.Repeat.Rule = "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
	if err := f.cal.Create(ctx, &task); err != nil {
		t.Fatal(err)
	}
	addNetworkMeetings(t, f, "2027-03-02")
	pairs, err := f.cal.ClashPairs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		a, b  string
		dates []string
	}
	var got []row
	for _, p := range pairs {
		if p.A.ID != monthly.ID && p.A.ID != task.ID {
			if p.B.ID == monthly.ID || p.B.ID == task.ID || len(p.Dates) > 0 {
				t.Errorf("series not first in its row: %d–%d", p.A.ID, p.B.ID)
			}
			continue
		}
		r := row{a: titles([]calendar.Event{p.A})[0], b: titles([]calendar.Event{p.B})[0]}
		for _, d := range p.Dates {
			r.dates = append(r.dates, d.String())
		}
		if !p.A.IsSeries() {
			t.Errorf("row %v: A is not the series record", r)
		}
		got = append(got, r)
	}
	slices.SortFunc(got, func(x, y row) int {
		if x.a != y.a {
			return strings.Compare(x.a, y.a)
		}
		return strings.Compare(x.b, y.b)
	})
	want := []row{
		{"Coordinators' monthly call", "Network meeting 2027-03-02", []string{"2027-03-02"}},
		{"Coordinators' monthly call", "Task force", []string{"2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01"}},
		{"Task force", "Network meeting 2027-03-02", []string{"2027-03-02"}},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	for i := range want {
		if got[i].a != want[i].a || got[i].b != want[i].b || !slices.Equal(got[i].dates, want[i].dates) {
			t.Errorf("row %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestClashFacetsExcludeSeries: the days taken, as the free-date search
// reads them, leave out the dates of the series being checked only when
// asked, and the full query names each date's series.
func TestClashFacetsExcludeSeries(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := monthlySeries(f)
	if err := f.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	feb := calendar.Date{Year: 2027, Month: 2, Day: 2}
	q := calendar.FacetQuery{First: feb, Last: feb, Statuses: calendar.ClashStatuses}
	all, err := f.db.ClashFacets(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].SeriesID != e.ID || all[0].ID == e.ID {
		t.Fatalf("facets of 2 February %+v, want the series' date with SeriesID %d", all, e.ID)
	}
	for _, tc := range []struct {
		name string
		q    calendar.FacetQuery
		want int
	}{
		{"by category", calendar.FacetQuery{Category: calendar.Meeting}, 1},
		{"by category, the series left out", calendar.FacetQuery{Category: calendar.Meeting, ExcludeSeries: e.ID}, 0},
		{"by network", calendar.FacetQuery{Networks: []int64{f.coord.ID}}, 1},
		{"by network, the series left out", calendar.FacetQuery{Networks: []int64{f.coord.ID}, ExcludeSeries: e.ID}, 0},
		{"another series left out", calendar.FacetQuery{Category: calendar.Meeting, ExcludeSeries: e.ID + 1000}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.First, tc.q.Last, tc.q.Statuses = feb, feb, calendar.ClashStatuses
			got, err := f.db.ClashFacets(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("%d spans, want %d: %+v", len(got), tc.want, got)
			}
		})
	}
}
