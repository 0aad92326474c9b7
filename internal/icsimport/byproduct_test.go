// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/icsimport"
)

func seq(from, to int) string {
	var s []string
	for i := from; i <= to; i++ {
		s = append(s, strconv.Itoa(i))
	}
	return strings.Join(s, ",")
}

// multiplied is a file whose one rule's BY* lists multiply out to every
// second of every day: 86,400 candidates a day for rrule-go to build.
var multiplied = vcal(event("UID:m", "SUMMARY:M", "DTSTART:20200101T000000Z",
	"RRULE:FREQ=DAILY;BYHOUR="+seq(0, 23)+";BYMINUTE="+seq(0, 59)+";BYSECOND="+seq(0, 59))...)

// TestMultipliedByListsAreRefusedBeforeExpanding: a rule whose BY* lists
// multiply out is refused from its estimate, before rrule-go builds a
// single candidate; it used to cost some 50 MB and 0.4 s each.
func TestMultipliedByListsAreRefusedBeforeExpanding(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := parse(t, multiplied, icsimport.Options{})
	runtime.ReadMemStats(&after)
	var ie *icsimport.Error
	if !errors.As(err, &ie) || ie.MsgID != icsimport.MsgTooComplex {
		t.Fatalf("got %v, want %s", err, icsimport.MsgTooComplex)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing the rule allocated %d KB: it was expanded first", got>>10)
	}
	// Repeated values multiply nothing: the same rule as a list of one.
	items := mustParse(t, vcal(event("UID:d", "SUMMARY:D", "DTSTART:20251201T090000Z",
		"RRULE:FREQ=WEEKLY;COUNT=3;BYHOUR=9,9,9,9,9,9,9,9,9,9;BYMINUTE=0,0,0,0,0,0,0,0,0,0;BYSECOND=0,0,0,0,0,0,0,0,0,0")...),
		icsimport.Options{})
	if len(items) != 3 {
		t.Errorf("repeated BY* values: %d occurrences, want 3", len(items))
	}
}

// TestEstimateLeavesRealCalendarsAlone: a hundred long-running series of
// the kinds calendar programs write (ended before the window, so that only
// the stepping through them counts) stay inside the estimated budget.
func TestEstimateLeavesRealCalendarsAlone(t *testing.T) {
	for _, tt := range []struct{ name, start, rule string }{
		{"yearly since 1990", "DTSTART;VALUE=DATE:19900612", "RRULE:FREQ=YEARLY;UNTIL=20250930"},
		{"weekdays since 2020", "DTSTART:20200106T080000Z", "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250930"},
		{"last working day of the month since 2000", "DTSTART:20000131T120000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20250930"},
		{"every hour of the working day since 2024", "DTSTART:20240101T080000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=8,9,10,11,12,13,14,15;UNTIL=20250930"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			for i := range 100 {
				lines = append(lines, event("UID:"+strconv.Itoa(i), "SUMMARY:S", tt.start, tt.rule)...)
			}
			lines = append(lines, event("UID:now", "SUMMARY:Now", "DTSTART:20251202T100000Z")...)
			if _, err := parse(t, vcal(lines...), icsimport.Options{}); err != nil {
				t.Errorf("100 series: %v", err)
			}
		})
	}
}

// BenchmarkMultipliedByLists measures the refusal of the rule above.
func BenchmarkMultipliedByLists(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, err := icsimport.Parse(strings.NewReader(multiplied), icsimport.Options{Now: now, Zone: "Europe/Helsinki"})
		if err == nil {
			b.Fatal("accepted")
		}
	}
}
