// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// The zones of the countries nordcal knows (directory.Countries).
var nordicZones = []string{
	"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Atlantic/Reykjavik",
	"Europe/Mariehamn", "Atlantic/Faroe", "America/Nuuk", "Europe/Tallinn", "Europe/Riga", "Europe/Vilnius",
	"Europe/Warsaw", "Europe/Berlin",
}

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// parseVTimezoneText reads the text VTimezone returns.
func parseVTimezoneText(t testing.TB, text string) vtz {
	t.Helper()
	checkLines(t, []byte(text))
	body := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n" + text + "END:VCALENDAR\r\n"
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("VTIMEZONE does not parse: %v\n%s", err, text)
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 || len(cal.Components) != 1 {
		t.Fatalf("want exactly one VTIMEZONE, got %d components", len(cal.Components))
	}
	return readVTimezone(t, tzs[0])
}

// compareWithGo checks the VTIMEZONE against Go's tzdata for the whole of
// year: every six hours, and a second, a minute and an hour either side of
// every real transition; and that every local time Go shows reads back as
// the same instant, except the second pass through a repeated hour.
func compareWithGo(t *testing.T, z vtz, loc *time.Location, year int) {
	t.Helper()
	instants := []time.Time{}
	for u := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); u.Year() == year; u = u.Add(6 * time.Hour) {
		instants = append(instants, u)
	}
	for u := time.Date(year, 1, 1, 0, 0, 0, 0, loc); ; {
		_, end := u.ZoneBounds()
		if end.IsZero() || end.Year() > year {
			break
		}
		for _, d := range []time.Duration{-time.Hour, -time.Minute, -time.Second, 0, time.Second, time.Minute, time.Hour, 24 * time.Hour, -24 * time.Hour} {
			instants = append(instants, end.Add(d))
		}
		u = end
	}
	for _, u := range instants {
		_, want := u.In(loc).Zone()
		if got := z.offsetAt(u); got != want {
			t.Errorf("%s at %s: VTIMEZONE gives offset %+d s, Go gives %+d s", z.tzid, u.UTC().Format(time.RFC3339), got, want)
			continue
		}
		w := u.In(loc)
		wall := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
		if back := z.toUTC(wall); !back.Equal(u) {
			// Only allowed for the second occurrence of a repeated clock time.
			if !back.Before(u) || back.In(loc).Format(time.DateTime) != w.Format(time.DateTime) {
				t.Errorf("%s: local %s (Go: %s) reads back as %s", z.tzid, wall.Format(time.DateTime), u.UTC(), back.UTC())
			}
		}
	}
}

func TestVTimezoneAgreesWithGo(t *testing.T) {
	for _, name := range nordicZones {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			loc := loadZone(t, name)
			for year := 2024; year <= 2032; year++ {
				z := parseVTimezoneText(t, feed.VTimezone(loc, year))
				if z.tzid != name {
					t.Fatalf("TZID %q, want %q", z.tzid, name)
				}
				compareWithGo(t, z, loc, year)
				compareWithGo(t, z, loc, year+1) // rules of one year also hold the next
			}
		})
	}
}

// TestVTimezoneTransitions checks 2026, 2027 and 2029 against facts written
// down by hand, not taken from Go: the EU changes clocks at 01:00 UTC on the
// last Sundays of March and October (Greenland follows since 2024), Iceland
// keeps GMT all year. 2029 is in because 31 March 2029 is a Saturday: Nuuk's
// change, at 23:00 local on the Saturday before the last Sunday, falls on
// 24 March, not on the last Saturday.
func TestVTimezoneTransitions(t *testing.T) {
	type zoneFacts struct{ std, dst int } // hours east of UTC; dst == std means no DST
	facts := map[string]zoneFacts{
		"Europe/Helsinki": {2, 3}, "Europe/Mariehamn": {2, 3}, "Europe/Tallinn": {2, 3}, "Europe/Riga": {2, 3}, "Europe/Vilnius": {2, 3},
		"Europe/Stockholm": {1, 2}, "Europe/Oslo": {1, 2}, "Europe/Copenhagen": {1, 2}, "Europe/Warsaw": {1, 2}, "Europe/Berlin": {1, 2},
		"Atlantic/Faroe": {0, 1}, "America/Nuuk": {-2, -1}, "Atlantic/Reykjavik": {0, 0},
	}
	eu := map[int][2]time.Time{
		2026: {time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)},
		2027: {time.Date(2027, 3, 28, 1, 0, 0, 0, time.UTC), time.Date(2027, 10, 31, 1, 0, 0, 0, time.UTC)},
		2029: {time.Date(2029, 3, 25, 1, 0, 0, 0, time.UTC), time.Date(2029, 10, 28, 1, 0, 0, 0, time.UTC)},
	}
	for _, name := range nordicZones {
		f, ok := facts[name]
		if !ok {
			t.Fatalf("no facts for %s", name)
		}
		for _, year := range []int{2026, 2027, 2029} {
			z := parseVTimezoneText(t, feed.VTimezone(loadZone(t, name), year))
			got := z.onsetsIn(year, year)
			if f.std == f.dst {
				if len(got) != 0 {
					t.Errorf("%s %d: %d changes, want none", name, year, len(got))
				}
				for _, u := range []time.Time{time.Date(year, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(year, 7, 15, 12, 0, 0, 0, time.UTC)} {
					if off := z.offsetAt(u); off != f.std*3600 {
						t.Errorf("%s %s: offset %d s, want %d h", name, u, off, f.std)
					}
				}
				continue
			}
			if len(got) != 2 {
				t.Errorf("%s %d: %d changes, want 2", name, year, len(got))
				continue
			}
			want := eu[year]
			if !got[0].at.Equal(want[0]) || !got[0].obs.daylight || got[0].obs.from != f.std*3600 || got[0].obs.to != f.dst*3600 {
				t.Errorf("%s %d: spring change %s %+v, want %s from %d h to %d h (DAYLIGHT)", name, year, got[0].at, got[0].obs, want[0], f.std, f.dst)
			}
			if !got[1].at.Equal(want[1]) || got[1].obs.daylight || got[1].obs.from != f.dst*3600 || got[1].obs.to != f.std*3600 {
				t.Errorf("%s %d: autumn change %s %+v, want %s from %d h to %d h (STANDARD)", name, year, got[1].at, got[1].obs, want[1], f.dst, f.std)
			}
			for _, c := range []struct {
				at  time.Time
				off int
			}{
				{time.Date(year, 1, 15, 12, 0, 0, 0, time.UTC), f.std},
				{want[0].Add(-time.Second), f.std}, {want[0], f.dst},
				{time.Date(year, 7, 15, 12, 0, 0, 0, time.UTC), f.dst},
				{want[1].Add(-time.Second), f.dst}, {want[1], f.std},
				{time.Date(year, 12, 15, 12, 0, 0, 0, time.UTC), f.std},
			} {
				if off := z.offsetAt(c.at); off != c.off*3600 {
					t.Errorf("%s %s: offset %d s, want %d h", name, c.at.Format(time.RFC3339), off, c.off)
				}
			}
		}
	}
}

func TestVTimezoneKeepsTheZoneName(t *testing.T) {
	// tzdata makes Stockholm a link to Berlin and Reykjavik one to Abidjan;
	// the TZID must still be the name events use.
	for _, name := range []string{"Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Atlantic/Reykjavik", "Europe/Mariehamn"} {
		text := feed.VTimezone(loadZone(t, name), 2026)
		if !strings.HasPrefix(text, "BEGIN:VTIMEZONE\r\nTZID:"+name+"\r\n") {
			t.Errorf("VTIMEZONE for %s starts %q", name, text[:min(len(text), 60)])
		}
		if strings.Contains(text, "Berlin") || strings.Contains(text, "Abidjan") {
			t.Errorf("VTIMEZONE for %s names another zone:\n%s", name, text)
		}
	}
}

func TestVTimezoneWithoutDaylightTime(t *testing.T) {
	text := feed.VTimezone(loadZone(t, "Atlantic/Reykjavik"), 2026)
	if strings.Count(text, "BEGIN:STANDARD") != 1 || strings.Contains(text, "DAYLIGHT") || strings.Contains(text, "RRULE") {
		t.Errorf("Reykjavik should be one STANDARD without rules:\n%s", text)
	}
}

// TestWriteCoversEveryYearOfItsEvents writes Nuuk events before and after
// Greenland's 2023 change in one feed: the one VTIMEZONE must be right for
// both, and for the years between.
func TestWriteCoversEveryYearOfItsEvents(t *testing.T) {
	loc := loadZone(t, "America/Nuuk")
	evs := nuukEvents()
	var buf bytes.Buffer
	if err := feed.Write(&buf, testCalendar(lang.EN), evs); err != nil {
		t.Fatal(err)
	}
	p := parse(t, buf.Bytes())
	if len(p.zones) != 1 || p.zones["America/Nuuk"] == nil {
		t.Fatalf("want one VTIMEZONE for America/Nuuk, got %v", p.zones)
	}
	z := readVTimezone(t, p.zones["America/Nuuk"])
	for year := 2022; year <= 2026; year++ {
		compareWithGo(t, z, loc, year)
	}
	checkTimes(t, p, evs)
}
