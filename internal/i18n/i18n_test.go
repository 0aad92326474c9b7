// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/locales"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		header string
		want   lang.Code
	}{
		{"fi-FI,fi;q=0.9,en-US;q=0.8", lang.FI},
		{"sv-SE", lang.SV},
		{"sv-FI", lang.SV},
		{"da", lang.DA},
		{"nb-NO", lang.NO},
		{"nb", lang.NO},
		{"nn-NO,nn;q=0.9", lang.NO},
		{"no", lang.NO},
		{"en-GB", lang.EN},
		{"de-DE,fr;q=0.5", lang.DA}, // unknown: the fallback passed in
		{"", lang.DA},
		{";;;", lang.DA},
	}
	for _, tt := range tests {
		if got := i18n.Match(tt.header, lang.DA); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestFromPath(t *testing.T) {
	tests := []struct {
		path      string
		code      lang.Code
		alias, ok bool
	}{
		{"/fi/events", lang.FI, false, true},
		{"/no", lang.NO, false, true},
		{"/nb/events/1", lang.NO, true, true},
		{"/nn/", lang.NO, true, true},
		{"/SV/events", lang.SV, true, true},
		{"/feeds/events.ics", "", false, false},
		{"/", "", false, false},
	}
	for _, tt := range tests {
		code, alias, ok := i18n.FromPath(tt.path)
		if code != tt.code || alias != tt.alias || ok != tt.ok {
			t.Errorf("FromPath(%q) = %q %v %v, want %q %v %v", tt.path, code, alias, ok, tt.code, tt.alias, tt.ok)
		}
	}
}

func TestWeeksDatesAndTimes(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	d := calendar.Date{Year: 2025, Month: 11, Day: 26}
	weeks := map[lang.Code]string{lang.FI: "viikko 48", lang.SV: "vecka 48", lang.DA: "uge 48", lang.NO: "uke 48", lang.EN: "week 48"}
	for l, want := range weeks {
		if got := b.For(l).Week(d); got != want {
			t.Errorf("%s week: %q, want %q", l, got, want)
		}
	}
	for _, l := range []lang.Code{lang.FI, lang.DA, lang.NO} {
		if got := b.For(l).Date(d); got != "26.11.2025" {
			t.Errorf("%s date: %q, want 26.11.2025", l, got)
		}
	}
	at := time.Date(2025, 11, 26, 19, 30, 0, 0, time.UTC)
	for _, l := range lang.All {
		got := b.For(l).Time(at)
		if got != "19.30" && got != "19:30" {
			t.Errorf("%s time: %q, want a 24-hour clock", l, got)
		}
		if n := b.For(l).N("events.count", 1); n == b.For(l).N("events.count", 2) {
			t.Errorf("%s: singular and plural of events.count are the same (%q)", l, n)
		}
	}
	if got := b.For(lang.EN).LongDate(d); got != "Wednesday 26 November 2025" {
		t.Errorf("en long date %q", got)
	}
}

// TestNamesMatchMessages checks the month and weekday names kept by each
// Localizer against the messages they were read from.
func TestNamesMatchMessages(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lang.All {
		loc := b.For(l)
		for m := time.January; m <= time.December; m++ {
			if got, want := loc.MonthName(m), loc.T(fmt.Sprintf("month.%d", m)); got != want {
				t.Errorf("%s month %d: %q, want %q", l, m, got, want)
			}
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			if got, want := loc.WeekdayName(d), loc.T(fmt.Sprintf("weekday.%d", d)); got != want {
				t.Errorf("%s weekday %d: %q, want %q", l, d, got, want)
			}
			if got, want := loc.WeekdayShort(d), loc.T(fmt.Sprintf("weekday.short.%d", d)); got != want {
				t.Errorf("%s short weekday %d: %q, want %q", l, d, got, want)
			}
		}
	}
	// The short month name shows only through the dates that use it
	// (Swedish writes the month in full: "18 oktober 2027").
	for _, l := range []lang.Code{lang.EN} {
		loc := b.For(l)
		for m := time.January; m <= time.December; m++ {
			got := loc.Date(calendar.Date{Year: 2025, Month: m, Day: 3})
			if want := "3 " + loc.T(fmt.Sprintf("month.short.%d", m)) + " 2025"; got != want {
				t.Errorf("%s date in month %d: %q, want %q", l, m, got, want)
			}
		}
	}
}

// TestDateRange: a span names its shared month and year once, the way each
// language writes it in running text, across month and year boundaries.
func TestDateRange(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	d := func(y, m, day int) calendar.Date { return calendar.Date{Year: y, Month: time.Month(m), Day: day} }
	same, month, year, one := [2]calendar.Date{d(2027, 2, 16), d(2027, 2, 17)},
		[2]calendar.Date{d(2027, 1, 30), d(2027, 2, 2)}, [2]calendar.Date{d(2026, 12, 30), d(2027, 1, 2)},
		[2]calendar.Date{d(2027, 10, 18), d(2027, 10, 18)}
	tests := []struct {
		l    lang.Code
		span [2]calendar.Date
		want string
	}{
		{lang.FI, same, "16.–17.2.2027"},
		{lang.FI, month, "30.1.–2.2.2027"},
		{lang.FI, year, "30.12.2026–2.1.2027"},
		{lang.FI, one, "18.10.2027"},
		{lang.SV, same, "16–17 februari 2027"},
		{lang.SV, month, "30 januari – 2 februari 2027"},
		{lang.SV, year, "30 december 2026 – 2 januari 2027"},
		{lang.SV, one, "18 oktober 2027"},
		{lang.DA, same, "16.–17. februar 2027"},
		{lang.DA, month, "30. januar – 2. februar 2027"},
		{lang.DA, year, "30. december 2026 – 2. januar 2027"},
		{lang.DA, one, "18. oktober 2027"},
		{lang.NO, same, "16.–17. februar 2027"},
		{lang.NO, month, "30. januar – 2. februar 2027"},
		{lang.NO, year, "30. desember 2026 – 2. januar 2027"},
		{lang.EN, same, "16–17 February 2027"},
		{lang.EN, month, "30 January – 2 February 2027"},
		{lang.EN, year, "30 December 2026 – 2 January 2027"},
		{lang.EN, one, "18 October 2027"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %v", tt.l, tt.span), func(t *testing.T) {
			if got := b.For(tt.l).DateRange(tt.span[0], tt.span[1]); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHeadingsStartWithACapital: month names are lower case in running
// text in four of the languages, but a heading or column header starts with
// a capital.
func TestHeadingsStartWithACapital(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	months := map[lang.Code]string{lang.FI: "Joulukuu 2026", lang.SV: "December 2026", lang.DA: "December 2026", lang.NO: "Desember 2026", lang.EN: "December 2026"}
	weeks := map[lang.Code]string{lang.DA: "Uge", lang.NO: "Uke"}
	for l, want := range months {
		if got := b.For(l).MonthYear(2026, time.December); got != want {
			t.Errorf("%s month heading %q, want %q", l, got, want)
		}
		if got := b.For(l).MonthName(time.December); l != lang.EN && got == want[:len(got)] {
			t.Errorf("%s: the month in running text must stay lower case, got %q", l, got)
		}
	}
	for l, want := range weeks {
		if got := b.For(l).Heading("month.week_abbr"); got != want {
			t.Errorf("%s week column %q, want %q", l, got, want)
		}
	}
	for in, want := range map[string]string{"": "", "ätt": "Ätt", "Åland": "Åland", "øst": "Øst", "1. maj": "1. maj"} {
		if got := i18n.Capital(in); got != want {
			t.Errorf("Capital(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSortFollowsEachAlphabet: Å Ä Ö after Z in Swedish and Finnish, Æ Ø Å
// after Z in Danish and Norwegian, Å with A in English; case is ignored.
func TestSortFollowsEachAlphabet(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		l    lang.Code
		in   []string
		want []string
	}{
		{lang.SV, []string{"Örebro kommun", "Ålands landskapsregering", "Zonta", "Ähtäri", "aino"}, []string{"aino", "Zonta", "Ålands landskapsregering", "Ähtäri", "Örebro kommun"}},
		{lang.FI, []string{"Örebro kommun", "Ålands landskapsregering", "Zonta", "Ähtäri", "aino"}, []string{"aino", "Zonta", "Ålands landskapsregering", "Ähtäri", "Örebro kommun"}},
		{lang.DA, []string{"Ålands landskapsregering", "Østjysk Politi", "Zonta", "Ældresagen", "aino"}, []string{"aino", "Zonta", "Ældresagen", "Østjysk Politi", "Ålands landskapsregering"}},
		{lang.NO, []string{"Ålands landskapsregering", "Østfold politidistrikt", "Zonta", "Ærlig", "aino"}, []string{"aino", "Zonta", "Ærlig", "Østfold politidistrikt", "Ålands landskapsregering"}},
		{lang.EN, []string{"Zonta", "Ålands landskapsregering", "aino", "Bergen"}, []string{"aino", "Ålands landskapsregering", "Bergen", "Zonta"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.l), func(t *testing.T) {
			got := slices.Clone(tt.in)
			i18n.Sort(b.For(tt.l), got, func(s string) string { return s })
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNumberAndCountsFollowEachLanguage(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		l          lang.Code
		n          int
		want, some string
	}{
		{lang.FI, 75000, "75\u00a0000", "1\u00a0050 tapahtumaa"},
		{lang.SV, 75000, "75\u00a0000", "1\u00a0050 evenemang"},
		{lang.NO, 75000, "75\u00a0000", "1\u00a0050 arrangementer"},
		{lang.DA, 75000, "75.000", "1.050 arrangementer"},
		{lang.EN, 75000, "75,000", "1,050 events"},
		{lang.FI, 200, "200", ""},
	}
	for _, tt := range tests {
		if got := b.For(tt.l).Number(tt.n); got != tt.want {
			t.Errorf("%s Number(%d) = %q, want %q", tt.l, tt.n, got, tt.want)
		}
		if got := b.For(tt.l).N("events.count", 1050); tt.some != "" && got != tt.some {
			t.Errorf("%s events.count 1050 = %q, want %q", tt.l, got, tt.some)
		}
	}
}

func TestLowerKeepsAbbreviations(t *testing.T) {
	for in, want := range map[string]string{"Serious": "serious", "Vakava": "vakava", "Ålands": "ålands", "EU meeting": "EU meeting", "NGO": "NGO", "": "", "x": "x"} {
		if got := i18n.Lower(in); got != want {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextDate(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	d := calendar.Date{Year: 2026, Month: 12, Day: 3}
	for l, want := range map[lang.Code]string{lang.FI: "3.12.2026", lang.SV: "3 december 2026", lang.DA: "3. december 2026",
		lang.NO: "3. desember 2026", lang.EN: "3 December 2026"} {
		if got := b.For(l).TextDate(d); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}

func TestFieldName(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	sv := b.For(lang.SV)
	for field, want := range map[string]string{
		"title_fi": sv.T("field.title") + " (" + sv.LangName("fi") + ")", "venue": sv.T("field.venue"),
		"registration_deadline": sv.T("form.registration_deadline"), "description_en": sv.T("field.description") + " (" + sv.LangName("en") + ")",
	} {
		if got, ok := sv.FieldName(field); !ok || got != want {
			t.Errorf("FieldName(%q) = %q, %v; want %q", field, got, ok, want)
		}
	}
	for _, field := range []string{"password", "bogus_fi"} {
		if got, ok := sv.FieldName(field); ok {
			t.Errorf("FieldName(%q) = %q, want unknown", field, got)
		}
	}
}
