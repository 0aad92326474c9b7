// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// manyEvents mixes the fixture shapes (all-day conferences, hybrid timed
// events in several zones, cancelled ones) into n events.
func manyEvents(n int) []calendar.Event {
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Atlantic/Reykjavik"}
	out := make([]calendar.Event, 0, n)
	for i := 0; i < n; i++ {
		var e calendar.Event
		switch i % 3 {
		case 0:
			e = conferenceEvent()
			e = allDay(e, zones[i%len(zones)], day(2026, 12, 1).AddDays(i%400), day(2026, 12, 3).AddDays(i%400))
		case 1:
			e = hybridEvent()
			e = timed(e, zones[i%len(zones)], at("Europe/Helsinki", 2026, 12, 15, 10, 0).Add(time.Duration(i)*time.Hour), 3*time.Hour)
		default:
			e = cancelledEvent()
		}
		e.ID, e.UID = int64(1000+i), fmt.Sprintf("bench-%d@nordcal.example.org", i)
		out = append(out, e)
	}
	return out
}

// BenchmarkWrite measures a cold render of a whole feed.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		evs := manyEvents(n)
		cal := testCalendar(lang.FI)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := feed.Write(io.Discard, cal, evs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
