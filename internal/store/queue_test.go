// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestPendingSubmissionsPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var want []int64
	for i := range 5 {
		e := calendar.Event{Status: calendar.Pending, UID: fmt.Sprintf("page-%d@example.org", i), OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Queued %d", i)}},
			Start: now.Add(96 * time.Hour), End: now.Add(97 * time.Hour), Zone: "Europe/Helsinki", City: "Oulu", Country: "FI",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open}
		sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Q", SubmitterEmail: "q@example.org", TokenHash: fmt.Sprintf("%064d", i)}
		if err := f.db.SaveEvents(ctx, calendar.EventChange{Event: &e, Submission: &sub,
			Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventSubmit, RecordType: "event"}}); err != nil {
			t.Fatal(err)
		}
		want = append(want, sub.ID)
	}
	for _, tt := range []struct{ limit, offset, from, to int }{{0, 0, 0, 5}, {2, 0, 0, 2}, {2, 2, 2, 4}, {2, 4, 4, 5}, {2, 6, 5, 5}} {
		subs, err := f.db.PendingSubmissions(ctx, tt.limit, tt.offset)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, s := range subs {
			got = append(got, s.ID)
		}
		if !slices.Equal(got, want[tt.from:tt.to]) {
			t.Errorf("limit %d offset %d: %v, want %v", tt.limit, tt.offset, got, want[tt.from:tt.to])
		}
	}
}
