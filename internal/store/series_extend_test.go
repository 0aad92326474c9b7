// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// lastSeriesDate returns how many dates of series id are listed until
// 2031 and the start of the last.
func lastSeriesDate(t *testing.T, f *fixture, id int64) (int, time.Time) {
	t.Helper()
	evs, err := f.db.ListEvents(context.Background(), calendar.Query{
		Filter:   calendar.Filter{From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2031, Month: 12, Day: 31}},
		Statuses: calendar.Statuses})
	if err != nil {
		t.Fatal(err)
	}
	n, last := 0, time.Time{}
	for _, e := range evs {
		if e.SeriesID == id {
			n++
			if e.Start.After(last) {
				last = e.Start
			}
		}
	}
	return n, last
}

// TestExtendSeriesFollowsTheClock: an open-ended series is written up to
// now+SeriesHorizon; a year later ExtendSeries (run daily by the server)
// writes the dates of the year that came into reach, and leaves a series
// with an end as it was.
func TestExtendSeriesFollowsTheClock(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	f.db.SetNow(func() time.Time { return clock })

	open := monthlySeries(f)
	open.Repeat.Rule = "FREQ=MONTHLY;BYDAY=1TU"
	bounded := monthlySeries(f)
	for _, e := range []*calendar.Event{&open, &bounded} {
		if err := f.cal.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// January 2027 to November 2028: 23 first Tuesdays before 1 December 2028.
	if n, last := lastSeriesDate(t, f, open.ID); n != 23 || last.Format("2006-01-02") != "2028-11-07" {
		t.Fatalf("before: %d dates, the last %s; want 23, 2028-11-07", n, last.Format("2006-01-02"))
	}

	clock = clock.AddDate(1, 0, 0)
	n, err := f.db.ExtendSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("ExtendSeries wrote %d series, want the one open-ended", n)
	}
	if n, last := lastSeriesDate(t, f, open.ID); n != 35 || last.Format("2006-01-02") != "2029-11-06" {
		t.Errorf("after a year: %d dates, the last %s; want 35, 2029-11-06", n, last.Format("2006-01-02"))
	}
	horizon := clock.Add(calendar.SeriesHorizon)
	if _, l := lastSeriesDate(t, f, open.ID); !l.Before(horizon) || l.AddDate(0, 0, 35).Before(horizon) {
		t.Errorf("last date %s is not the last before now+horizon %s", l, horizon)
	}
	if n, _ := lastSeriesDate(t, f, bounded.ID); n != 12 {
		t.Errorf("the series with an end has %d dates, want 12", n)
	}
}
