// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/demo"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// feedSizes fetches the unfiltered iCal and Atom feeds plain and gzipped
// and returns their sizes and the number of events.
func feedSizes(t *testing.T, a *app) (ics, icsGz, atom, atomGz, n int) {
	t.Helper()
	plain := a.get(t, "/feeds/events.ics?lang=en", http.StatusOK).Body.String()
	_, evs := parseFeed(t, plain)
	gz := a.get(t, "/feeds/events.ics?lang=en", http.StatusOK, "Accept-Encoding", "gzip")
	at := a.get(t, "/feeds/events.atom?lang=en", http.StatusOK)
	atGz := a.get(t, "/feeds/events.atom?lang=en", http.StatusOK, "Accept-Encoding", "gzip")
	return len(plain), gz.Body.Len(), at.Body.Len(), atGz.Body.Len(), len(evs)
}

// TestDemoFeedSize: the demo feed, real texts in five languages, stays
// well under 1 MB. Run with -v for the figures.
func TestDemoFeedSize(t *testing.T) {
	a, _ := demoApp(t)
	ics, icsGz, atom, atomGz, n := feedSizes(t, a)
	t.Logf("demo feed: %d events; iCal %d bytes (gzip %d), Atom %d bytes (gzip %d)", n, ics, icsGz, atom, atomGz)
	if ics > 512<<10 || atom > 512<<10 {
		t.Errorf("demo feeds of %d and %d bytes, want under 512 KiB", ics, atom)
	}
}

// TestLargeFeedSize fills the calendar with 10,000 events (the demo's, again
// and again, from a year back to two years ahead) and reports what the
// unfiltered feeds weigh: MaxFeedEvents caps them. Filling takes 10 s on
// SQLite, so it runs only when asked:
//
//	NORDCAL_FEED_SIZES=1 go test ./internal/web/ -run FeedSize -v
func TestLargeFeedSize(t *testing.T) {
	if os.Getenv("NORDCAL_FEED_SIZES") == "" {
		t.Skip("fills 10,000 events; set NORDCAL_FEED_SIZES=1 to measure")
	}
	db := storetest.Open(t)
	a := serve(t, db)
	ctx := context.Background()
	if err := demo.Load(ctx, directory.NewService(db), a.cal, now); err != nil {
		t.Fatal(err)
	}
	page, err := a.cal.List(ctx, calendar.Filter{From: calendar.Date{Year: 2000, Month: 1, Day: 1}}, 1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var models []calendar.Event
	for _, e := range page.Events {
		if e.Status == calendar.Published {
			models = append(models, e)
		}
	}
	const total = 10000
	span := 3 * 365 * 24 * time.Hour
	for i := page.Total; i < total; i++ {
		e := models[i%len(models)]
		shift := now.Add(-365*24*time.Hour + span*time.Duration(i)/total).Sub(e.Start).Truncate(24 * time.Hour)
		e.ID, e.UID, e.Version = 0, fmt.Sprintf("size-%d@test.example.org", i), 0
		e.RegistrationDeadline = calendar.Date{}
		e.Start, e.End = e.Start.Add(shift), e.End.Add(shift)
		if e.AllDay {
			days := int(shift / (24 * time.Hour))
			e.StartDate, e.EndDate = e.StartDate.AddDays(days), e.EndDate.AddDays(days)
		}
		if err := a.cal.Create(ctx, &e); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	ics, icsGz, atom, atomGz, n := feedSizes(t, a)
	t.Logf("%d events in the calendar: the feed holds %d; iCal %d bytes (gzip %d), Atom %d bytes (gzip %d)",
		total, n, ics, icsGz, atom, atomGz)
	if n > calendar.MaxFeedEvents {
		t.Errorf("feed holds %d events, over the cap of %d", n, calendar.MaxFeedEvents)
	}
}
