// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// TestDemoSeries: the coordinators' monthly meeting, the quarterly
// steering group and the task force are series (one record each); the
// coordinators' meeting is on the first Tuesday at 10:00 Copenhagen time
// but for one date moved to the Wednesday and one cancelled, and no date
// of any series falls on a holiday or in a quiet period.
func TestDemoSeries(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC),
		time.Date(2027, time.June, 1, 12, 0, 0, 0, time.UTC),
	} {
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t)
			cal := calendar.NewService(db, db, "demo.example.org", func() time.Time { return now })
			if err := Load(ctx, directory.NewService(db), cal, now); err != nil {
				t.Fatal(err)
			}
			dates, err := db.ListEvents(ctx, calendar.Query{Statuses: calendar.Statuses})
			if err != nil {
				t.Fatal(err)
			}
			bySeries := map[int64][]calendar.Event{}
			for _, d := range dates {
				if d.SeriesID != 0 {
					bySeries[d.SeriesID] = append(bySeries[d.SeriesID], d)
				}
			}
			rules := map[string]string{}
			for id, ds := range bySeries {
				s, err := db.EventByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				title, _ := s.Title(lang.EN)
				if title == "" {
					title, _ = s.Title(s.OriginalLang)
				}
				rules[title] = s.Repeat.Rule
				for _, d := range ds {
					if day, _ := d.Days(); !workingDays(day, 1) {
						t.Errorf("%s: a date on %s, not a working day", title, day)
					}
				}
				if !strings.HasPrefix(title, "Nordic Working Group of National Coordinators") {
					continue
				}
				cph, _ := time.LoadLocation("Europe/Copenhagen")
				var moved, cancelled, regular int
				for _, d := range ds {
					local := d.Start.In(cph)
					switch {
					case d.Status == calendar.Cancelled && d.Overridden:
						cancelled++
					case d.Overridden && local.Weekday() != time.Tuesday:
						moved++
					case !d.Overridden && local.Weekday() == time.Tuesday && local.Day() <= 7 && local.Hour() == 10:
						regular++
					default:
						t.Errorf("unexpected date %s (%s, overridden %v)", local, d.Status, d.Overridden)
					}
				}
				if moved != 1 || cancelled != 1 || regular < 7 {
					t.Errorf("coordinators' meeting: %d moved, %d cancelled, %d on the first Tuesday at 10:00", moved, cancelled, regular)
				}
			}
			want := map[string]string{
				"Nordic Working Group of National Coordinators – online meeting":           "FREQ=MONTHLY;BYDAY=1TU;COUNT=12",
				"Ihmiskaupan vastaisen toimintaohjelman toimeenpanon ohjausryhmä – kokous": "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH;COUNT=4",
				"Nordic-Baltic Hub – task force on joint inspections, check-in":            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=4",
			}
			if len(rules) != len(want) {
				t.Errorf("series %v, want %v", rules, want)
			}
			for title, rule := range want {
				if rules[title] != rule {
					t.Errorf("%s: rule %q, want %q", title, rules[title], rule)
				}
			}
		})
	}
}
