// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"sort"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/icsimport"
)

// dates expands Parse's items into one item per date, as the store would
// list them: each date of a series that starts between now minus 30 days
// and now plus two years (the window of Parse's bounds) by the calendar's
// expansion, with the UID "<UID>/<YYYYMMDD>" (and the time for a second
// date on one day), replaced by its override when the file has one. Single
// events are kept as they are. The result is sorted by start, then UID.
func dates(t *testing.T, items []icsimport.Item, now time.Time) []icsimport.Item {
	t.Helper()
	if now.IsZero() {
		now = defaultNow
	}
	overrides := map[string]icsimport.Item{}
	for _, it := range items {
		if it.Event.RecurrenceKey != "" {
			if !it.Event.Overridden || it.Event.IsSeries() {
				t.Errorf("override %s %s: Overridden %v, Repeat %+v", it.Event.UID, it.Event.RecurrenceKey, it.Event.Overridden, it.Event.Repeat)
			}
			overrides[it.Event.UID+"|"+it.Event.RecurrenceKey] = it
		}
	}
	var out []icsimport.Item
	used := 0
	for _, it := range items {
		e := it.Event
		switch {
		case e.RecurrenceKey != "":
			continue
		case !e.IsSeries():
			out = append(out, it)
			continue
		}
		occ, err := e.Occurrences(now.AddDate(0, 0, -30).Add(-e.End.Sub(e.Start)), now.AddDate(2, 0, 1), 10_000)
		if err != nil {
			t.Fatalf("%s: %v", e.UID, err)
		}
		seen := map[string]bool{}
		for _, o := range occ {
			if o.Start.Before(now.AddDate(0, 0, -30)) {
				continue
			}
			key := calendar.RecurrenceKey(o.Key, e.AllDay)
			uid := e.UID + "/" + o.Key.Format("20060102")
			if seen[uid] {
				uid = e.UID + "/" + o.Key.Format("20060102T150405")
			}
			seen[uid] = true
			x := icsimport.Item{Line: it.Line, Event: e.Instance(o)}
			if ov, ok := overrides[e.UID+"|"+key]; ok {
				x = ov
				used++
			}
			x.Event.UID, x.Event.ID, x.Event.SeriesID, x.Event.RecurrenceKey, x.Event.Overridden = uid, 0, 0, "", false
			out = append(out, x)
		}
	}
	if used != len(overrides) {
		t.Errorf("%d overrides of dates the series does not have", len(overrides)-used)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Event, out[j].Event
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.UID < b.UID
	})
	return out
}
