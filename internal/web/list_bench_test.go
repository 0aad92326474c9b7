// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// fillFast stores n generated public events, at most 30 a day, from half a
// year before now on, written 500 to a transaction (the calendar's Create
// writes one per transaction, too slow for 100,000).
func fillFast(b testing.TB, a *app, n int) {
	b.Helper()
	ctx := context.Background()
	orgs, err := directory.NewService(a.db).Organisations(ctx)
	if err != nil || len(orgs) == 0 {
		b.Fatal("no organisations", err)
	}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	days := max(365, n/30)
	chs := make([]calendar.EventChange, 0, 500)
	for i := range n {
		start := now.Add(time.Duration(i%days-180)*24*time.Hour + time.Duration(i%9+8)*time.Hour)
		e := calendar.Event{
			UID: fmt.Sprintf("fill-%d@test.example.org", i), Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated meeting %d on labour exploitation", i),
				Description: "An agenda of a few lines.\n\nWith a second paragraph."}},
			Start: start, End: start.Add(2 * time.Hour), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Topics: []calendar.Topic{calendar.Topics[i%len(calendar.Topics)]}, Organisers: []directory.Organisation{orgs[i%len(orgs)]},
			CreatedAt: now, UpdatedAt: now,
		}
		chs = append(chs, calendar.EventChange{Event: &e,
			Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventCreate, RecordType: "event"}})
		if len(chs) == cap(chs) || i == n-1 {
			if err := a.db.SaveEvents(ctx, chs...); err != nil {
				b.Fatal(err)
			}
			chs = chs[:0]
		}
	}
}

// BenchmarkListPageScale renders the public event list after a change (a
// page cache miss every time) with 1,000, 10,000 and 100,000 events
// stored: the first page, a page deep in the list, and a filtered first
// page. It reports; it asserts no timing. SQLite unless
// NORDCAL_TEST_POSTGRES is set.
func BenchmarkListPageScale(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			a := newAppOn(b, storetest.Open(b))
			fillFast(b, a, n)
			deep := listLinkAfter(b, a, "/en/events", 8)
			for _, bc := range []struct{ name, target string }{
				{"first", "/en/events"},
				{"deep", deep},
				{"filtered", "/en/events?category=conference&topic=labour"},
				{"home", "/en/"},
			} {
				b.Run("render-"+bc.name, func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						i++
						u := bc.target + sep(bc.target) + "uncached=" + strconv.Itoa(i)
						rec := httptest.NewRecorder()
						a.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d", u, rec.Code)
						}
					}
				})
			}
			// The whole feed: from the database and written (a cold
			// render), and from the cache through the server.
			cal := feed.Calendar{Name: "Nordic calendar", Lang: lang.EN, Zone: "Europe/Copenhagen", OrganizerEmail: "calendar@example.org",
				EventURL: func(e calendar.Event) string { return fmt.Sprintf("https://example.org/en/events/%d", e.ID) }}
			b.Run("feed-cold", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					evs, _, err := a.cal.Feed(context.Background(), calendar.Filter{})
					if err != nil || len(evs) == 0 {
						b.Fatal(err, len(evs))
					}
					if err := feed.Write(io.Discard, cal, evs); err != nil {
						b.Fatal(err)
					}
				}
			})
			for _, cached := range []string{"/feeds/events.ics?lang=en", "/en/events"} {
				warm := httptest.NewRequest(http.MethodGet, cached, nil)
				warm.Header.Set("Accept-Encoding", "gzip")
				a.srv.ServeHTTP(httptest.NewRecorder(), warm) // the render, before the clock starts
				b.Run("cached-"+strings.Trim(strings.SplitN(cached, "?", 2)[0], "/"), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, cached, nil)
						req.Header.Set("Accept-Encoding", "gzip")
						rec := httptest.NewRecorder()
						a.srv.ServeHTTP(rec, req)
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d", cached, rec.Code)
						}
					}
				})
			}
		})
	}
}

func sep(u string) string {
	for _, c := range u {
		if c == '?' {
			return "&"
		}
	}
	return "?"
}

// listLinkAfter follows the list's next link k times from start and
// returns where it leads.
func listLinkAfter(tb testing.TB, a *app, start string, k int) string {
	tb.Helper()
	u := start
	for range k {
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil || rec.Code != http.StatusOK {
			tb.Fatalf("%s: %d %v", u, rec.Code, err)
		}
		next, ok := doc.Find(`a[rel="next"]`).Attr("href")
		if !ok {
			tb.Fatalf("%s: no next link", u)
		}
		u = next
	}
	return u
}
