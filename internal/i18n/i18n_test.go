// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n_test

import (
	"fmt"
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
	// The short month name shows only through the dates that use it.
	for _, l := range []lang.Code{lang.EN, lang.SV} {
		loc := b.For(l)
		for m := time.January; m <= time.December; m++ {
			got := loc.Date(calendar.Date{Year: 2025, Month: m, Day: 3})
			if want := "3 " + loc.T(fmt.Sprintf("month.short.%d", m)) + " 2025"; got != want {
				t.Errorf("%s date in month %d: %q, want %q", l, m, got, want)
			}
		}
	}
}
