// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
)

// TestFeedItemsListASeriesOnce: the feed's list names each series once, by
// its first (or, newest first, last) matching date, among single events,
// and counts it once; filters match per date.
func TestFeedItemsListASeriesOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := monthlySeries(f) // twelve dates in 2027
	if err := f.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	all := calendar.Query{}
	ids, err := f.db.FeedItems(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	singles, err := f.db.CountEvents(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if n := slices.Index(ids, e.ID); n < 0 || slices.Contains(ids[n+1:], e.ID) {
		t.Fatalf("series %d listed %v", e.ID, ids)
	}
	if len(ids) != singles-12+1 {
		t.Errorf("%d items, want %d events and dates less the series' 11 other dates", len(ids), singles)
	}
	if n, err := f.db.CountFeedItems(ctx, all); err != nil || n != len(ids) {
		t.Errorf("CountFeedItems = %d (%v), want %d", n, err, len(ids))
	}
	// The order is that of the first listed date of each (ListEvents
	// sorts by start, then ID); newest first, that of the last.
	evs, err := f.db.ListEvents(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	var first, last []int64
	for _, x := range evs {
		if id := x.PageID(); !slices.Contains(first, id) {
			first = append(first, id)
		}
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if id := evs[i].PageID(); !slices.Contains(last, id) {
			last = append(last, id)
		}
	}
	if !slices.Equal(ids, first) {
		t.Errorf("by first date: %v, want %v", ids, first)
	}
	desc, err := f.db.FeedItems(ctx, calendar.Query{Sort: calendar.Sort{Key: calendar.SortStartDesc}, Limit: 3})
	if err != nil || !slices.Equal(desc, last[:3]) {
		t.Errorf("newest first, three: %v (%v), want %v", desc, err, last[:3])
	}
	if last[0] != e.ID {
		t.Errorf("the series' last date (December 2027) is not the newest: %v", last)
	}
	// A filter on dates: only June 2027, still the series once.
	june := calendar.Query{Filter: calendar.Filter{From: calendar.Date{Year: 2027, Month: 6, Day: 1}, To: calendar.Date{Year: 2027, Month: 6, Day: 30}}}
	if ids, err := f.db.FeedItems(ctx, june); err != nil || !slices.Equal(ids, []int64{e.ID}) {
		t.Errorf("June 2027: %v (%v), want the series", ids, err)
	}
}
