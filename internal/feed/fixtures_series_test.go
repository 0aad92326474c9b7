// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// seriesEvents are the golden series: a monthly Oslo meeting on the first
// Tuesday at 10:00 across the spring DST change, with one date moved and
// one cancelled on their own and one excluded; a whole-day yearly day; and
// a fortnightly Monday and Wednesday call in Helsinki.
func seriesEvents() []calendar.Event {
	wall := func(y int, m time.Month, d, hh int) time.Time { return time.Date(y, m, d, hh, 0, 0, 0, time.UTC) }
	monthly := timed(base(301, "Coordinators' network: monthly online meeting"), "Europe/Oslo",
		at("Europe/Oslo", 2027, 2, 2, 10, 0), 90*time.Minute)
	monthly.Attendance, monthly.OnlineURL = calendar.Online, "https://meet.example.org/j/301"
	monthly.Sequence = 1
	monthly.Repeat = calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", ExDates: []time.Time{wall(2027, 6, 1, 10)}}

	moved := monthly.Instance(calendar.Occurrence{Key: wall(2027, 3, 2, 10),
		Start: at("Europe/Oslo", 2027, 3, 3, 13, 0), End: at("Europe/Oslo", 2027, 3, 3, 14, 30)})
	moved.ID, moved.Overridden, moved.Sequence = 302, true, 2
	moved.UpdatedAt = stamp.Add(time.Hour)

	cancelled := monthly.Instance(calendar.Occurrence{Key: wall(2027, 4, 6, 10),
		Start: at("Europe/Oslo", 2027, 4, 6, 10, 0), End: at("Europe/Oslo", 2027, 4, 6, 11, 30)})
	cancelled.ID, cancelled.Overridden, cancelled.Sequence = 303, true, 2
	cancelled.Status = calendar.Cancelled
	cancelled.UpdatedAt = stamp.Add(2 * time.Hour)

	yearly := allDay(base(311, "European Anti-Trafficking Day"), "Europe/Copenhagen", day(2026, 10, 18), day(2026, 10, 18))
	yearly.Repeat = calendar.Repeat{Rule: "FREQ=YEARLY;COUNT=3"}

	weekly := timed(base(321, "Helpline case review"), "Europe/Helsinki", at("Europe/Helsinki", 2027, 3, 15, 8, 30), time.Hour)
	weekly.Repeat = calendar.Repeat{Rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270430T215959Z",
		RDates: []time.Time{time.Date(2027, 5, 3, 8, 30, 0, 0, time.UTC)}}
	return []calendar.Event{cancelled, weekly, monthly, yearly, moved}
}
