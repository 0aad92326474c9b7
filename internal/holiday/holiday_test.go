// SPDX-License-Identifier: AGPL-3.0-or-later

package holiday_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
)

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func year(y int) (calendar.Date, calendar.Date) {
	return calendar.Date{Year: y, Month: time.January, Day: 1}, calendar.Date{Year: y, Month: time.December, Day: 31}
}

// brief renders holidays as "2026-06-19 holiday.midsummer_eve unofficial".
func brief(hs []calendar.Holiday) []string {
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		s := h.Date.String() + " " + h.NameID
		if !h.Official {
			s += " unofficial"
		}
		out = append(out, s)
	}
	return out
}

func TestBetweenKnownDates(t *testing.T) {
	tests := []struct {
		name     string
		country  directory.Country
		date     string
		nameID   string
		official bool
	}{
		{"norway constitution day 2026", "NO", "2026-05-17", "holiday.no_constitution_day", true},
		{"norway constitution day 2027", "NO", "2027-05-17", "holiday.no_constitution_day", true},
		{"sweden national day 2026", "SE", "2026-06-06", "holiday.se_national_day", true},
		{"sweden midsummer eve is de facto", "SE", "2026-06-19", "holiday.midsummer_eve", false},
		{"sweden midsummer eve 2027", "SE", "2027-06-25", "holiday.midsummer_eve", false},
		{"sweden midsummer day", "SE", "2026-06-20", "holiday.midsummer_day", true},
		{"sweden christmas eve is de facto", "SE", "2026-12-24", "holiday.christmas_eve", false},
		{"sweden all saints on saturday", "SE", "2027-11-06", "holiday.all_saints_day", true},
		{"finland midsummer eve is public per library", "FI", "2026-06-19", "holiday.midsummer_eve", true},
		{"finland midsummer eve 2027", "FI", "2027-06-25", "holiday.midsummer_eve", true},
		{"finland easter sunday", "FI", "2026-04-05", "holiday.easter_sunday", true},
		{"finland whit sunday", "FI", "2027-05-16", "holiday.whit_sunday", true},
		{"finland all saints 2026", "FI", "2026-10-31", "holiday.all_saints_day", true},
		{"finland independence day", "FI", "2026-12-06", "holiday.fi_independence_day", true},
		{"finland christmas eve is de facto", "FI", "2027-12-24", "holiday.christmas_eve", false},
		{"denmark constitution day", "DK", "2026-06-05", "holiday.dk_constitution_day", true},
		{"denmark great prayer day before abolition", "DK", "2023-05-05", "holiday.dk_great_prayer_day", true},
		{"denmark ascension 2026", "DK", "2026-05-14", "holiday.ascension_day", true},
		{"aland autonomy day 2026", "AX", "2026-06-09", "holiday.ax_autonomy_day", true},
		{"aland autonomy day 2027", "AX", "2027-06-09", "holiday.ax_autonomy_day", true},
		{"aland has the finnish days", "AX", "2026-12-06", "holiday.fi_independence_day", true},
		{"faroe olavsoka", "FO", "2026-07-29", "holiday.fo_olavsoka", true},
		{"faroe olavsoka eve is custom", "FO", "2026-07-28", "holiday.fo_olavsoka_eve", false},
		{"faroe flag day", "FO", "2027-04-25", "holiday.fo_flag_day", true},
		{"faroe has the danish days", "FO", "2026-06-05", "holiday.dk_constitution_day", true},
		{"greenland national day", "GL", "2026-06-21", "holiday.gl_national_day", true},
		{"greenland has the danish days", "GL", "2027-12-26", "holiday.boxing_day", true},
		{"iceland first day of summer 2026", "IS", "2026-04-23", "holiday.is_first_day_of_summer", true},
		{"iceland first day of summer 2027", "IS", "2027-04-22", "holiday.is_first_day_of_summer", true},
		{"iceland national day", "IS", "2026-06-17", "holiday.is_national_day", true},
		{"iceland commerce day", "IS", "2026-08-03", "holiday.is_commerce_day", true},
		{"iceland new years eve is de facto", "IS", "2026-12-31", "holiday.new_years_eve", false},
	}
	for _, c := range withCalendar {
		tests = append(tests, struct {
			name     string
			country  directory.Country
			date     string
			nameID   string
			official bool
		}{"easter monday 2027 in " + string(c), c, "2027-03-29", "holiday.easter_monday", true})
	}
	h := holiday.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := day(tt.date)
			got := h.Between(tt.country, d, d)
			want := calendar.Holiday{Date: d, Country: tt.country, NameID: tt.nameID, Official: tt.official}
			if !slices.Contains(got, want) {
				t.Errorf("Between(%s, %s) = %v, want it to contain %+v", tt.country, d, got, want)
			}
		})
	}
}

func TestBetweenAbsentDays(t *testing.T) {
	tests := []struct {
		name    string
		country directory.Country
		date    string
	}{
		{"store bededag abolished in denmark 2026", "DK", "2026-05-01"},
		{"store bededag abolished in denmark 2027", "DK", "2027-04-23"},
		{"no aland autonomy day in mainland finland", "FI", "2026-06-09"},
		{"no greenland national day in denmark", "DK", "2026-06-21"},
		{"sweden has no epiphany on 7 january", "SE", "2026-01-07"},
		{"plain sunday", "NO", "2026-03-01"},
	}
	h := holiday.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := day(tt.date)
			if got := h.Between(tt.country, d, d); len(got) != 0 {
				t.Errorf("Between(%s, %s) = %v, want none", tt.country, d, brief(got))
			}
		})
	}
	t.Run("store bededag in no later year", func(t *testing.T) {
		for y := 2024; y <= 2040; y++ {
			first, last := year(y)
			for _, c := range []directory.Country{"DK", "FO", "GL"} {
				for _, got := range h.Between(c, first, last) {
					if got.NameID == "holiday.dk_great_prayer_day" {
						t.Errorf("%s %d: %v", c, y, got)
					}
				}
			}
		}
	})
}

func TestBetweenWholeYearCounts(t *testing.T) {
	tests := []struct {
		country directory.Country
		year    int
		want    int
	}{
		{"DK", 2023, 10}, // with Store bededag
		{"DK", 2026, 9},
		{"FI", 2026, 15},
		{"IS", 2026, 14},
		{"NO", 2026, 10},
		{"SE", 2026, 14},
		{"AX", 2026, 16},
		{"FO", 2026, 12},
		{"GL", 2026, 10},
		{"SE", 2027, 14},
	}
	h := holiday.New()
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.country, tt.year), func(t *testing.T) {
			first, last := year(tt.year)
			if got := h.Between(tt.country, first, last); len(got) != tt.want {
				t.Errorf("got %d holidays, want %d:\n%s", len(got), tt.want, strings.Join(brief(got), "\n"))
			}
		})
	}
}

func TestBetweenSpanAcrossNewYear(t *testing.T) {
	got := brief(holiday.New().Between("SE", day("2026-12-20"), day("2027-01-10")))
	want := []string{
		"2026-12-24 holiday.christmas_eve unofficial",
		"2026-12-25 holiday.christmas_day",
		"2026-12-26 holiday.boxing_day",
		"2026-12-31 holiday.new_years_eve unofficial",
		"2027-01-01 holiday.new_years_day",
		"2027-01-06 holiday.epiphany",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBetweenCountriesWithoutCalendar(t *testing.T) {
	first, last := day("2026-01-01"), day("2027-12-31")
	for _, c := range []directory.Country{"EE", "LV", "LT", "PL", "DE", "INT", "", "XX", "dk"} {
		t.Run("country "+string(c), func(t *testing.T) {
			if got := holiday.New().Between(c, first, last); got != nil {
				t.Errorf("Between(%q) = %v, want nil", c, brief(got))
			}
		})
	}
}

func TestBetweenOrdering(t *testing.T) {
	h := holiday.New()
	t.Run("same day ordered by NameID", func(t *testing.T) {
		// Whit Monday fell on Constitution Day in 2017, Ascension on May Day in 2008.
		for _, tt := range []struct {
			country directory.Country
			date    string
			want    []string
		}{
			{"DK", "2017-06-05", []string{"2017-06-05 holiday.dk_constitution_day", "2017-06-05 holiday.whit_monday"}},
			{"FI", "2008-05-01", []string{"2008-05-01 holiday.ascension_day", "2008-05-01 holiday.may_day"}},
		} {
			d := day(tt.date)
			if got := brief(h.Between(tt.country, d, d)); !slices.Equal(got, tt.want) {
				t.Errorf("%s %s: got %v, want %v", tt.country, d, got, tt.want)
			}
		}
	})
	t.Run("every country over several years", func(t *testing.T) {
		for _, c := range withCalendar {
			got := h.Between(c, day("2024-06-01"), day("2027-05-31"))
			sorted := slices.IsSortedFunc(got, func(a, b calendar.Holiday) int {
				if a.Date != b.Date {
					if a.Date.Before(b.Date) {
						return -1
					}
					return 1
				}
				return strings.Compare(a.NameID, b.NameID)
			})
			if !sorted {
				t.Errorf("%s: not ordered by date then NameID:\n%s", c, strings.Join(brief(got), "\n"))
			}
			for _, x := range got {
				if x.Country != c {
					t.Errorf("%s: holiday %v carries country %s", c, x, x.Country)
				}
			}
		}
	})
}

func TestBetweenSpanLimits(t *testing.T) {
	h := holiday.New()
	t.Run("absurd span is clamped to MaxSpanYears", func(t *testing.T) {
		got := h.Between("NO", day("2026-01-01"), calendar.Date{Year: 9999, Month: time.December, Day: 31})
		if len(got) != 10*holiday.MaxSpanYears+1 {
			t.Fatalf("got %d holidays, want %d", len(got), 10*holiday.MaxSpanYears+1)
		}
		if last := got[len(got)-1]; last.Date != day("2029-01-01") || last.NameID != "holiday.new_years_day" {
			t.Errorf("last holiday = %v, want New Year's Day 2029", last)
		}
	})
	t.Run("last before first", func(t *testing.T) {
		if got := h.Between("NO", day("2026-12-31"), day("2026-01-01")); got != nil {
			t.Errorf("got %v, want nil", brief(got))
		}
	})
	t.Run("year outside the cached range", func(t *testing.T) {
		first, last := year(2500)
		if got := h.Between("SE", first, last); len(got) != 14 {
			t.Errorf("got %d holidays in 2500, want 14", len(got))
		}
	})
}

func TestBetweenResultIsCallersOwn(t *testing.T) {
	h := holiday.New()
	d := day("2026-05-17")
	got := h.Between("NO", d, d)
	got[0].NameID = "scribbled"
	_ = append(got[:0], calendar.Holiday{NameID: "overwritten"})
	if again := h.Between("NO", d, d); len(again) != 1 || again[0].NameID != "holiday.no_constitution_day" {
		t.Errorf("cache was changed through a result: %v", again)
	}
}

func TestZeroValueAndConcurrentUse(t *testing.T) {
	var h holiday.Nordic
	want := brief(holiday.New().Between("FI", day("2020-01-01"), day("2022-12-31")))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			y := 2020 + i%3
			h.Between(withCalendar[i%len(withCalendar)], calendar.Date{Year: y, Month: 1, Day: 1}, calendar.Date{Year: y, Month: 12, Day: 31})
			if got := brief(h.Between("FI", day("2020-01-01"), day("2022-12-31"))); !slices.Equal(got, want) {
				t.Errorf("goroutine %d: got %v, want %v", i, got, want)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkBetween measures the clash check's use: one event's days looked
// up in all eight countries with a calendar, warm cache.
func BenchmarkBetween(b *testing.B) {
	h := holiday.New()
	spans := []struct {
		name        string
		first, last calendar.Date
	}{
		{"one day without holidays", day("2026-09-15"), day("2026-09-15")},
		{"one day with holidays", day("2026-12-25"), day("2026-12-25")},
		{"three days", day("2026-06-04"), day("2026-06-06")},
		{"across new year", day("2026-12-20"), day("2027-01-10")},
	}
	for _, s := range spans {
		for _, c := range withCalendar {
			h.Between(c, s.first, s.last) // warm the cache
		}
		b.Run(s.name+" x8 countries", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, c := range withCalendar {
					h.Between(c, s.first, s.last)
				}
			}
		})
	}
}
