// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// TestFindingsMostSeriousFirst checks the one order of a report's
// warnings, which the form, the API and the stored warnings share: by
// level, most serious first; within a level protected dates, events and
// holidays, each in its own list's order.
func TestFindingsMostSeriousFirst(t *testing.T) {
	event := func(id int64, lv calendar.Level) calendar.Clash {
		return calendar.Clash{Other: calendar.Facets{ID: id}, Level: lv}
	}
	holiday := func(name string, lv calendar.Level) calendar.HolidayClash {
		return calendar.HolidayClash{Holiday: calendar.Holiday{Date: day("2027-08-02"), Country: "IS", NameID: name}, Level: lv}
	}
	protected := func(name string) calendar.ProtectedClash {
		return calendar.ProtectedClash{Date: calendar.ProtectedDate{Names: lang.Texts{lang.EN: name}},
			First: day("2027-08-02"), Last: day("2027-08-02")}
	}
	tests := []struct {
		name   string
		report calendar.ClashReport
		want   []string
	}{
		{"a serious holiday comes before a moderate and a minor event (Iceland, 2 August 2027)",
			calendar.ClashReport{Clashes: []calendar.Clash{event(1, calendar.Medium), event(2, calendar.Low)},
				Holidays: []calendar.HolidayClash{holiday("commerce", calendar.High)}},
			[]string{"holiday commerce high", "event 1 medium", "event 2 low"}},
		{"a minor holiday comes after a moderate event",
			calendar.ClashReport{Clashes: []calendar.Clash{event(1, calendar.Medium)},
				Holidays: []calendar.HolidayClash{holiday("eve", calendar.Low)}},
			[]string{"event 1 medium", "holiday eve low"}},
		{"within a level: protected dates, then events, then holidays",
			calendar.ClashReport{Clashes: []calendar.Clash{event(1, calendar.High), event(2, calendar.Low)},
				Holidays:  []calendar.HolidayClash{holiday("national", calendar.High), holiday("eve", calendar.Low)},
				Protected: []calendar.ProtectedClash{protected("session")}},
			[]string{"protected session high", "event 1 high", "holiday national high", "event 2 low", "holiday eve low"}},
		{"each list keeps its own order within a level",
			calendar.ClashReport{Clashes: []calendar.Clash{event(3, calendar.Medium), event(1, calendar.Medium), event(2, calendar.Medium)},
				Holidays:  []calendar.HolidayClash{holiday("b", calendar.Medium), holiday("a", calendar.Medium)},
				Protected: []calendar.ProtectedClash{protected("b"), protected("a")}},
			[]string{"protected b high", "protected a high", "event 3 medium", "event 1 medium", "event 2 medium",
				"holiday b medium", "holiday a medium"}},
		{"an empty report", calendar.ClashReport{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range tt.report.Findings() {
				switch {
				case f.Protected != nil:
					got = append(got, fmt.Sprintf("protected %s %s", f.Protected.Date.Names[lang.EN], f.Level))
				case f.Clash != nil:
					got = append(got, fmt.Sprintf("event %d %s", f.Clash.Other.ID, f.Level))
				case f.Holiday != nil:
					got = append(got, fmt.Sprintf("holiday %s %s", f.Holiday.NameID, f.Level))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings\n %q\nwant\n %q", got, tt.want)
			}
			// The warnings kept with a submission follow the same order.
			var stored []string
			for _, w := range tt.report.Warnings(lang.EN) {
				switch w.Kind {
				case "protected":
					stored = append(stored, fmt.Sprintf("protected %s %s", w.Title, w.Level))
				case "event":
					stored = append(stored, fmt.Sprintf("event %d %s", w.EventID, w.Level))
				case "holiday":
					stored = append(stored, fmt.Sprintf("holiday %s %s", w.NameID, w.Level))
				}
			}
			if !slices.Equal(stored, tt.want) {
				t.Errorf("stored warnings\n %q\nwant\n %q", stored, tt.want)
			}
		})
	}
}
