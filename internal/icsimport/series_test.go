// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/icsimport"
)

// TestSeriesStaysOneSeries: a recurring VEVENT is one item with its rule,
// excluded and extra dates, and each RECURRENCE-ID VEVENT an override of it.
func TestSeriesStaysOneSeries(t *testing.T) {
	wall := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name  string
		lines []string
		want  calendar.Repeat
		zone  string
		keys  []string
	}{
		{"timed, across DST, with a moved and a cancelled date", append(append(
			event("UID:nwg", "SUMMARY:Coordinators' meeting", "DTSTART;TZID=Europe/Oslo:20260203T100000", "DTEND;TZID=Europe/Oslo:20260203T113000",
				"RRULE:freq=monthly;byday=1TU;count=6", "EXDATE;TZID=Europe/Oslo:20260505T100000", "RDATE;TZID=Europe/Oslo:20260616T100000"),
			event("UID:nwg", "SUMMARY:Coordinators' meeting", "RECURRENCE-ID;TZID=Europe/Oslo:20260303T100000", "DTSTART;TZID=Europe/Oslo:20260304T130000", "SEQUENCE:1")...),
			event("UID:nwg", "SUMMARY:Coordinators' meeting", "STATUS:CANCELLED", "RECURRENCE-ID;TZID=Europe/Oslo:20260407T100000", "DTSTART;TZID=Europe/Oslo:20260407T100000", "SEQUENCE:1")...),
			calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", ExDates: []time.Time{wall(2026, 5, 5, 10)}, RDates: []time.Time{wall(2026, 6, 16, 10)}},
			"Europe/Oslo", []string{"20260303T100000", "20260407T100000"}},
		{"whole days", event("UID:day", "SUMMARY:Anti-Trafficking Day", "DTSTART;VALUE=DATE:20261018", "RRULE:FREQ=YEARLY;COUNT=3",
			"EXDATE;VALUE=DATE:20271018"),
			calendar.Repeat{Rule: "FREQ=YEARLY;COUNT=3", ExDates: []time.Time{wall(2027, 10, 18, 0)}}, "Europe/Helsinki", nil},
		{"RDATE only", event("UID:r", "SUMMARY:Sessions", "DTSTART;TZID=Europe/Helsinki:20251202T100000", "RDATE;TZID=Europe/Helsinki:20251209T100000"),
			calendar.Repeat{Rule: "FREQ=DAILY;COUNT=1", RDates: []time.Time{wall(2025, 12, 9, 10)}}, "Europe/Helsinki", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := mustParseItems(t, vcal(tc.lines...), icsimport.Options{})
			if len(items) != 1+len(tc.keys) {
				t.Fatalf("%d items, want the series and %d overrides: %+v", len(items), len(tc.keys), items)
			}
			var master *calendar.Event
			var keys []string
			for i := range items {
				e := &items[i].Event
				if e.IsSeries() {
					master = e
					continue
				}
				keys = append(keys, e.RecurrenceKey)
				if !e.Overridden || e.UID == "" {
					t.Errorf("override %+v", e)
				}
			}
			if master == nil {
				t.Fatal("no series")
			}
			if !master.Repeat.Equal(tc.want) {
				t.Errorf("Repeat %+v, want %+v", master.Repeat, tc.want)
			}
			if master.Zone != tc.zone {
				t.Errorf("zone %s, want %s", master.Zone, tc.zone)
			}
			for _, it := range items {
				if it.Event.UID != master.UID {
					t.Errorf("UID %s, want the series' %s", it.Event.UID, master.UID)
				}
			}
			if len(keys) != len(tc.keys) || len(keys) > 0 && (keys[0] != tc.keys[0] || keys[1] != tc.keys[1]) {
				t.Errorf("override keys %v, want %v", keys, tc.keys)
			}
		})
	}
}

// TestSeriesBeyondTheBoundsIsRefusedBeforeExpanding: a series with more
// dates in the window than MaxOccurrences is refused, and so is one whose
// rule would take too much work, before anything is stored.
func TestSeriesBeyondTheBoundsIsRefused(t *testing.T) {
	_, err := parse(t, vcal(event("UID:w", "SUMMARY:Weekly", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY")...), icsimport.Options{MaxOccurrences: 50})
	assertErr(t, nil, err, icsimport.MsgTooManyOccurrences, 8, map[string]any{"Max": 50})
	_, err = parse(t, vcal(event("UID:x", "SUMMARY:X", "DTSTART:19900101T000000Z",
		"RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55")...), icsimport.Options{})
	assertErr(t, nil, err, icsimport.MsgTooComplex, 8, nil)
}
