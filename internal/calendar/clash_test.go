// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// allDay returns the facets of a whole-day event in zone.
func allDay(id int64, first, last string, cat calendar.Category, country directory.Country) calendar.Facets {
	e := calendar.Event{ID: id, AllDay: true, StartDate: day(first), EndDate: day(last), Zone: country.Zone(), Country: country,
		Category: cat, Status: calendar.Published, Texts: map[lang.Code]calendar.Text{}}
	e.Start = e.StartDate.In(e.Location()).UTC()
	e.End = e.EndDate.AddDays(1).In(e.Location()).UTC()
	return calendar.FacetsOf(e)
}

// timed returns the facets of a timed event given in local time of zone.
func timed(id int64, start, end, zone string, cat calendar.Category, country directory.Country) calendar.Facets {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	s, _ := time.ParseInLocation("2006-01-02 15:04", start, loc)
	en, _ := time.ParseInLocation("2006-01-02 15:04", end, loc)
	e := calendar.Event{ID: id, Start: s.UTC(), End: en.UTC(), Zone: zone, Country: country, Category: cat, Status: calendar.Published}
	return calendar.FacetsOf(e)
}

func reasonIDs(c calendar.Clash) []string {
	var out []string
	for _, r := range c.Reasons {
		out = append(out, r.ID)
	}
	return out
}

func TestCompare(t *testing.T) {
	rules := calendar.DefaultClashRules
	tests := []struct {
		name      string
		a, b      calendar.Facets
		clash     bool
		level     calendar.Level
		reasonsIn []string
	}{
		{"two conferences on overlapping days in the same country are high",
			allDay(0, "2027-02-02", "2027-02-03", calendar.Conference, "DK"), allDay(1, "2027-02-03", "2027-02-04", calendar.Conference, "DK"),
			true, calendar.High, []string{"clash.reason.overlap", "clash.reason.same_category", "clash.reason.same_country"}},
		{"Copenhagen and Stockholm conferences overlapping one day are medium",
			allDay(0, "2027-02-02", "2027-02-03", calendar.Conference, "DK"), allDay(1, "2027-02-03", "2027-02-04", calendar.Conference, "SE"),
			true, calendar.High, []string{"clash.reason.overlap", "clash.reason.same_category"}},
		{"a conference ending the day before another starts is near (travel day)",
			allDay(0, "2027-02-01", "2027-02-02", calendar.Conference, "DK"), allDay(1, "2027-02-03", "2027-02-04", calendar.Seminar, "SE"),
			true, calendar.Low, []string{"clash.reason.near"}},
		{"seminars a day apart do not clash: no travel gap for small events",
			allDay(0, "2027-02-01", "2027-02-02", calendar.Seminar, "DK"), allDay(1, "2027-02-03", "2027-02-04", calendar.Seminar, "SE"),
			false, 0, nil},
		{"conferences two days apart do not clash with a one-day gap",
			allDay(0, "2027-02-01", "2027-02-01", calendar.Conference, "DK"), allDay(1, "2027-02-03", "2027-02-03", calendar.Conference, "SE"),
			false, 0, nil},
		{"timed events touching at the edge do not overlap but share the day",
			timed(0, "2027-03-10 09:00", "2027-03-10 12:00", "Europe/Oslo", calendar.Meeting, "NO"),
			timed(1, "2027-03-10 12:00", "2027-03-10 15:00", "Europe/Oslo", calendar.Meeting, "NO"),
			true, calendar.Medium, []string{"clash.reason.same_day", "clash.reason.same_category", "clash.reason.same_country"}},
		{"one minute of overlap is an overlap",
			timed(0, "2027-03-10 09:00", "2027-03-10 12:01", "Europe/Oslo", calendar.Meeting, "NO"),
			timed(1, "2027-03-10 12:00", "2027-03-10 15:00", "Europe/Oslo", calendar.Meeting, "NO"),
			true, calendar.High, []string{"clash.reason.overlap"}},
		{"time zones: 23:00-01:00 in Helsinki overlaps 22:30-23:30 Stockholm time",
			timed(0, "2027-03-10 23:00", "2027-03-11 01:00", "Europe/Helsinki", calendar.Meeting, "FI"),
			timed(1, "2027-03-10 22:30", "2027-03-10 23:30", "Europe/Stockholm", calendar.Seminar, "SE"),
			true, calendar.Medium, []string{"clash.reason.overlap"}},
		{"time zones: a Reykjavik evening and a Helsinki morning on different local days, no conference, do not clash",
			timed(0, "2027-03-10 18:00", "2027-03-10 20:00", "Atlantic/Reykjavik", calendar.Meeting, "IS"),
			timed(1, "2027-03-11 08:00", "2027-03-11 10:00", "Europe/Helsinki", calendar.Meeting, "FI"),
			false, 0, nil},
		{"multi-day: a week-long training contains a one-day seminar",
			allDay(0, "2027-05-03", "2027-05-07", calendar.Training, "FI"), allDay(1, "2027-05-05", "2027-05-05", calendar.Seminar, "FI"),
			true, calendar.Medium, []string{"clash.reason.overlap", "clash.reason.same_country"}},
		{"an event never clashes with itself",
			allDay(7, "2027-05-03", "2027-05-07", calendar.Training, "FI"), allDay(7, "2027-05-03", "2027-05-07", calendar.Training, "FI"),
			false, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := calendar.Compare(tt.a, tt.b, rules)
			if ok != tt.clash {
				t.Fatalf("clash = %v, want %v (%+v)", ok, tt.clash, c)
			}
			if !ok {
				return
			}
			if c.Level != tt.level {
				t.Errorf("level = %v (score %d, %v), want %v", c.Level, c.Score, reasonIDs(c), tt.level)
			}
			for _, r := range tt.reasonsIn {
				if !slices.Contains(reasonIDs(c), r) {
					t.Errorf("reasons %v lack %s", reasonIDs(c), r)
				}
			}
		})
	}
}

func TestCompareWeighsNetworksTopicsAndCity(t *testing.T) {
	base := allDay(0, "2027-04-06", "2027-04-06", calendar.Meeting, "FI")
	other := allDay(1, "2027-04-06", "2027-04-06", calendar.Seminar, "SE")
	plain, _ := calendar.Compare(base, other, calendar.DefaultClashRules)
	withNet := base
	withNet.Networks = []int64{3}
	other.Networks = []int64{3, 4}
	net, _ := calendar.Compare(withNet, other, calendar.DefaultClashRules)
	if net.Score <= plain.Score || !slices.Contains(reasonIDs(net), "clash.reason.same_network") {
		t.Errorf("shared network did not weigh up: %d vs %d %v", net.Score, plain.Score, reasonIDs(net))
	}
	withNet.Topics, other.Topics = []calendar.Topic{calendar.Labour, calendar.Victims}, []calendar.Topic{calendar.Labour}
	withNet.City, other.City = "Turku", "turku "
	full, _ := calendar.Compare(withNet, other, calendar.DefaultClashRules)
	if full.Score <= net.Score || full.Level != calendar.High {
		t.Errorf("topics and city: score %d level %v %v", full.Score, full.Level, reasonIDs(full))
	}
}

// fakeHolidays is a fixed holiday list per country.
type fakeHolidays map[directory.Country][]calendar.Holiday

func (f fakeHolidays) Between(c directory.Country, first, last calendar.Date) []calendar.Holiday {
	var out []calendar.Holiday
	for _, h := range f[c] {
		if !h.Date.Before(first) && !h.Date.After(last) {
			out = append(out, h)
		}
	}
	return out
}

var testHolidays = fakeHolidays{
	"NO": {{Date: day("2027-05-17"), Country: "NO", NameID: "holiday.no_constitution_day", Official: true}},
	"SE": {{Date: day("2027-06-06"), Country: "SE", NameID: "holiday.se_national_day", Official: true},
		{Date: day("2027-06-25"), Country: "SE", NameID: "holiday.midsummer_eve", Official: false}},
	"FI": {{Date: day("2027-12-06"), Country: "FI", NameID: "holiday.fi_independence_day", Official: true}},
}

func TestEvaluateHolidaysPerCountry(t *testing.T) {
	rules := calendar.DefaultClashRules
	tests := []struct {
		name   string
		event  calendar.Facets
		want   []string
		levels []calendar.Level
	}{
		{"Oslo seminar on 17 May meets Norway's Constitution Day, high in the host country",
			allDay(0, "2027-05-17", "2027-05-17", calendar.Seminar, "NO"), []string{"holiday.no_constitution_day"}, []calendar.Level{calendar.High}},
		{"a Danish event on 17 May does not concern Norway",
			allDay(0, "2027-05-17", "2027-05-17", calendar.Seminar, "DK"), nil, nil},
		{"a network meeting concerns every Nordic country",
			func() calendar.Facets {
				f := allDay(0, "2027-05-17", "2027-05-17", calendar.Meeting, "DK")
				f.Networks = []int64{1}
				return f
			}(), []string{"holiday.no_constitution_day"}, []calendar.Level{calendar.Medium}},
		{"Swedish Midsummer Eve is a de facto day off: low",
			allDay(0, "2027-06-24", "2027-06-25", calendar.Seminar, "SE"), []string{"holiday.midsummer_eve"}, []calendar.Level{calendar.Low}},
		{"an organiser's country counts too",
			func() calendar.Facets {
				f := allDay(0, "2027-12-06", "2027-12-06", calendar.Seminar, "SE")
				f.OrganiserCountries = []directory.Country{"FI"}
				return f
			}(), []string{"holiday.fi_independence_day"}, []calendar.Level{calendar.Medium}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := calendar.Evaluate(tt.event, nil, testHolidays, nil, rules)
			var got []string
			var levels []calendar.Level
			for _, h := range r.Holidays {
				got = append(got, h.NameID)
				levels = append(levels, h.Level)
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(levels, tt.levels) {
				t.Errorf("holidays %v %v, want %v %v", got, levels, tt.want, tt.levels)
			}
		})
	}
}

func TestEvaluateProtectedDates(t *testing.T) {
	protected := []calendar.ProtectedDate{
		{ID: 1, Names: lang.Texts{lang.EN: "EU Anti-Trafficking Day"}, First: day("2000-10-18"), Last: day("2000-10-18"), Yearly: true},
		{ID: 2, Names: lang.Texts{lang.EN: "Nordic Council session"}, First: day("2027-10-26"), Last: day("2027-10-28")},
		{ID: 3, Names: lang.Texts{lang.EN: "Year end"}, First: day("2000-12-30"), Last: day("2001-01-02"), Yearly: true},
	}
	tests := []struct {
		name  string
		event calendar.Facets
		want  []int64
	}{
		{"18 October recurs every year", allDay(0, "2028-10-17", "2028-10-18", calendar.Seminar, "FI"), []int64{1}},
		{"the session week touched on its last day", allDay(0, "2027-10-28", "2027-10-29", calendar.Seminar, "FI"), []int64{2}},
		{"the day after the session week is free", allDay(0, "2027-10-29", "2027-10-29", calendar.Seminar, "FI"), nil},
		{"a yearly span across New Year", allDay(0, "2027-01-01", "2027-01-01", calendar.Seminar, "FI"), []int64{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := calendar.Evaluate(tt.event, nil, nil, protected, calendar.DefaultClashRules)
			var got []int64
			for _, p := range r.Protected {
				got = append(got, p.Date.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("protected %v, want %v", got, tt.want)
			}
			if len(tt.want) > 0 && r.Worst() != calendar.High {
				t.Errorf("worst = %v, want high", r.Worst())
			}
		})
	}
}

func TestEvaluateOrdersAndSuggestsAlternatives(t *testing.T) {
	// Tuesday-Wednesday conference in Copenhagen; Stockholm holds one on
	// Wednesday-Thursday and a meeting sits on the Tuesday.
	c := allDay(0, "2027-02-02", "2027-02-03", calendar.Conference, "DK")
	others := []calendar.Facets{
		allDay(2, "2027-02-02", "2027-02-02", calendar.Meeting, "NO"),
		allDay(1, "2027-02-03", "2027-02-04", calendar.Conference, "SE"),
		allDay(3, "2027-02-09", "2027-02-10", calendar.Conference, "FI"),
	}
	r := calendar.Evaluate(c, others, nil, nil, calendar.DefaultClashRules)
	if len(r.Clashes) != 2 || r.Clashes[0].Other.ID != 1 || r.Clashes[1].Other.ID != 2 {
		t.Fatalf("clashes not worst first: %+v", r.Clashes)
	}
	if len(r.Alternatives) != 3 {
		t.Fatalf("alternatives = %+v", r.Alternatives)
	}
	for _, a := range r.Alternatives {
		if a.First.DaysUntil(a.Last) != 1 {
			t.Errorf("alternative %v–%v is not two days long", a.First, a.Last)
		}
		if wd := a.First.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("alternative starts on a weekend: %v", a.First)
		}
		moved := c
		moved.FirstDay, moved.LastDay = a.First, a.Last
		moved.Start, moved.End = c.Start.AddDate(0, 0, a.Shift), c.End.AddDate(0, 0, a.Shift)
		for _, o := range others {
			if o.Category == calendar.Conference {
				if _, ok := calendar.Compare(moved, o, calendar.DefaultClashRules); ok {
					t.Errorf("alternative %v–%v still clashes with conference %d", a.First, a.Last, o.ID)
				}
			}
		}
	}
	// Nearest first: the first suggestion is the closest free span.
	if abs(r.Alternatives[0].Shift) > abs(r.Alternatives[1].Shift) {
		t.Errorf("alternatives not nearest first: %+v", r.Alternatives)
	}
}

// TestEvaluateKeepsTheWorstClashes checks the order (score, then start,
// then ID) and the cap on many clashes that tie on score and start.
func TestEvaluateKeepsTheWorstClashes(t *testing.T) {
	c := timed(0, "2027-02-02 09:00", "2027-02-03 17:00", "Europe/Oslo", calendar.Conference, "NO")
	cats := []calendar.Category{calendar.Conference, calendar.Meeting, calendar.Seminar}
	countries := []directory.Country{"NO", "SE"}
	var others []calendar.Facets
	for i := range 60 {
		// IDs out of order, starts shared by several events.
		id := int64((i*37)%60 + 1)
		start := []string{"2027-02-01 10:00", "2027-02-02 10:00", "2027-02-02 12:00", "2027-02-03 10:00", "2027-02-04 10:00"}[i%5]
		end := start[:11] + "18:00"
		others = append(others, timed(id, start, end, "Europe/Oslo", cats[i%3], countries[i%2]))
	}
	rules := calendar.DefaultClashRules
	var all []calendar.Clash
	for _, o := range others {
		if cl, ok := calendar.Compare(c, o, rules); ok {
			all = append(all, cl)
		}
	}
	if len(all) <= rules.MaxClashes {
		t.Fatalf("only %d clashes; the cap is not tested", len(all))
	}
	slices.SortStableFunc(all, func(a, b calendar.Clash) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		if !a.Other.Start.Equal(b.Other.Start) {
			return a.Other.Start.Compare(b.Other.Start)
		}
		return int(a.Other.ID - b.Other.ID)
	})
	r := calendar.Evaluate(c, others, nil, nil, rules)
	if len(r.Clashes) != rules.MaxClashes {
		t.Fatalf("%d clashes, want the cap %d", len(r.Clashes), rules.MaxClashes)
	}
	for i, cl := range r.Clashes {
		if want := all[i]; !reflect.DeepEqual(cl, want) {
			t.Errorf("clash %d: event %d score %d %v, want event %d score %d %v", i, cl.Other.ID, cl.Score, reasonIDs(cl),
				want.Other.ID, want.Score, reasonIDs(want))
		}
	}
	if r := calendar.Evaluate(c, nil, nil, nil, rules); r.Clashes != nil {
		t.Errorf("no others: clashes %+v, want nil", r.Clashes)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestDaysUntilMatchesTime(t *testing.T) {
	base := calendar.Date{Year: 1999, Month: 12, Day: 25}
	for _, n := range []int{0, 1, 6, 7, 59, 60, 365, 366, 1461, 36524, 146097, -1, -60, -400} {
		d := base.AddDays(n)
		if got := base.DaysUntil(d); got != n {
			t.Errorf("DaysUntil(%s) = %d, want %d", d, got, n)
		}
		if (n < 0) != d.Before(base) || (n > 0) != base.Before(d) {
			t.Errorf("Before disagrees for %s and %s", base, d)
		}
	}
}
