// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// The window of the occurrence lists that .ci/icalcheck compares with
// what five other parsers expand the series feed to (check.sh).
var (
	listFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	listTo   = time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)
)

// occurrenceList is nordcal's own expansion of the series among evs, as
// the lines "UID START [CANCELLED]" sorted: each date by
// calendar.Event.Occurrences from listFrom to listTo, at its override's
// start when it has one; START is an instant in UTC (20270202T090000Z) or
// a day (20261018) for whole-day series. The first line names the window
// for check.sh: "# window FROM TO".
func occurrenceList(t *testing.T, evs []calendar.Event) []byte {
	t.Helper()
	overrides := map[string]calendar.Event{}
	for _, e := range evs {
		if e.IsOccurrence() {
			overrides[e.UID+"|"+e.RecurrenceKey] = e
		}
	}
	var lines []string
	for _, e := range evs {
		if !e.IsSeries() || !e.IsPublic() {
			continue
		}
		occ, err := e.Occurrences(listFrom, listTo, 10_000)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range occ {
			x := e.Instance(o)
			if ov, ok := overrides[e.UID+"|"+x.RecurrenceKey]; ok {
				x = ov
			}
			start := x.Start.UTC().Format("20060102T150405Z")
			if x.AllDay {
				start = x.StartDate.In(time.UTC).Format("20060102")
			}
			line := e.UID + " " + start
			if x.Status == calendar.Cancelled {
				line += " CANCELLED"
			}
			lines = append(lines, line)
		}
	}
	slices.Sort(lines)
	header := "# window " + listFrom.Format("20060102T150405Z") + " " + listTo.Format("20060102T150405Z")
	return []byte(header + "\n" + strings.Join(lines, "\n") + "\n")
}

// TestSeriesOccurrenceList writes (with -update) and checks the list of
// the series feed's dates beside it, testdata/series.occurrences, which
// check.sh compares with each parser's expansion of testdata/series.ics.
// The list is checked here against dates worked out by hand.
func TestSeriesOccurrenceList(t *testing.T) {
	got := occurrenceList(t, seriesEvents())
	want := strings.Join([]string{
		"# window 20260101T000000Z 20290101T000000Z",
		"evt-301@nordcal.example.org 20270202T090000Z", // 10:00 Oslo

		"evt-301@nordcal.example.org 20270303T120000Z", // moved to Wednesday 13:00
		"evt-301@nordcal.example.org 20270406T080000Z CANCELLED",
		"evt-301@nordcal.example.org 20270504T080000Z", // 10:00 Oslo in summer time
		"evt-301@nordcal.example.org 20270706T080000Z", // 1 June is an EXDATE
		"evt-311@nordcal.example.org 20261018",
		"evt-311@nordcal.example.org 20271018",
		"evt-311@nordcal.example.org 20281018",
		// Fortnightly Monday and Wednesday 08:30 Helsinki (06:30 UTC in
		// winter, 05:30 from 28 March), plus the RDATE of 3 May.
		"evt-321@nordcal.example.org 20270315T063000Z",
		"evt-321@nordcal.example.org 20270317T063000Z",
		"evt-321@nordcal.example.org 20270329T053000Z",
		"evt-321@nordcal.example.org 20270331T053000Z",
		"evt-321@nordcal.example.org 20270412T053000Z",
		"evt-321@nordcal.example.org 20270414T053000Z",
		"evt-321@nordcal.example.org 20270426T053000Z",
		"evt-321@nordcal.example.org 20270428T053000Z",
		"evt-321@nordcal.example.org 20270503T053000Z",
	}, "\n") + "\n"
	if string(got) != want {
		t.Errorf("occurrences:\n%s\nwant:\n%s", got, want)
	}
	checkGolden(t, "series.occurrences", got)
}
