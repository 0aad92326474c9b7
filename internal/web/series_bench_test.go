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

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// fillSeries stores n generated series starting within four weeks of now,
// each over two years: the even ones weekly (104 dates), the odd ones
// monthly on the same day of the month (24 dates).
func fillSeries(b *testing.B, a *app, n int) {
	b.Helper()
	orgs, err := directory.NewService(a.db).Organisations(context.Background())
	if err != nil || len(orgs) == 0 {
		b.Fatal("no organisations", err)
	}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	days := [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
	for i := 0; i < n; i++ {
		loc := mustZone(b, zones[i%len(zones)])
		d := now.In(loc).AddDate(0, 0, 1+i%28)
		start := time.Date(d.Year(), d.Month(), min(d.Day(), 28), 8+i%9, 0, 0, 0, loc)
		rule := "FREQ=WEEKLY;BYDAY=" + days[start.Weekday()] + ";COUNT=104"
		if i%2 == 1 {
			rule = "FREQ=MONTHLY;BYMONTHDAY=" + strconv.Itoa(start.Day()) + ";COUNT=24"
		}
		e := calendar.Event{
			Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated series %d on victim assistance", i),
				Description: "A standing agenda.\n\nWith a second paragraph."}},
			Start: start, End: start.Add(90 * time.Minute), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Topics: []calendar.Topic{calendar.Topics[i%len(calendar.Topics)]}, Organisers: []directory.Organisation{orgs[i%len(orgs)]},
			Repeat: calendar.Repeat{Rule: rule},
		}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeriesPages compares the month page and the feed with 10,000
// single events ("single") and with 10,000 events of which 500 are series
// over two years, half weekly and half monthly ("series": 9,500 single
// events and 32,000 dates).
func BenchmarkSeriesPages(b *testing.B) {
	for _, set := range []struct {
		name   string
		series int
	}{{"single", 0}, {"series", 500}} {
		b.Run(set.name, func(b *testing.B) {
			a := newAppOn(b, storetest.Open(b))
			fill(b, a, 10000-set.series)
			fillSeries(b, a, set.series)
			get := func(b *testing.B, target string) {
				// Once before timing, so that a cached page is in the cache.
				a.srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, target, nil))
				b.ReportAllocs()
				n := 0
				for b.Loop() {
					u := target
					if strings.HasSuffix(u, "uncached=") {
						n++
						u += strconv.Itoa(n)
					}
					req := httptest.NewRequest(http.MethodGet, u, nil)
					req.Header.Set("Accept-Encoding", "gzip")
					rec := httptest.NewRecorder()
					a.srv.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", u, rec.Code)
					}
				}
			}
			b.Run("month-page", func(b *testing.B) { get(b, "/en/calendar/2027/03") })
			b.Run("month-page-render", func(b *testing.B) { get(b, "/en/calendar/2027/03?uncached=") })
			b.Run("feed-cached", func(b *testing.B) { get(b, "/feeds/events.ics?lang=en") })
			// What the feed costs after a change: the query and the render.
			b.Run("feed-render", func(b *testing.B) {
				cal := feed.Calendar{Name: "Nordic calendar", Lang: lang.EN, Zone: "Europe/Copenhagen", OrganizerEmail: "calendar@example.org",
					EventURL: func(e calendar.Event) string { return fmt.Sprintf("https://example.org/en/events/%d", e.PageID()) }}
				b.ReportAllocs()
				for b.Loop() {
					evs, _, _, err := a.cal.CalendarFeed(context.Background(), calendar.Filter{})
					if err != nil || len(evs) == 0 {
						b.Fatal(err, len(evs))
					}
					if err := feed.Write(io.Discard, cal, evs); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkSeriesClashCheck100000 runs the clash check against 100,000
// stored events over ten years of which 1,000 are series (64,000 dates in
// the next two years): for one event, as BenchmarkClashCheck100000, and
// for a monthly series of 24 dates, each date within the horizon checked
// (and, as most clash, the same rule on nine other days).
func BenchmarkSeriesClashCheck100000(b *testing.B) {
	a := newAppOn(b, storetest.Open(b))
	fillOver(b, a, 99000, 3650)
	fillSeries(b, a, 1000)
	org := a.ev["Oslo seminar"].Organisers[0]
	oslo := mustZone(b, "Europe/Oslo")
	single := calendar.Event{AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 3, Day: 9},
		EndDate: calendar.Date{Year: 2027, Month: 3, Day: 10}, Zone: "Europe/Oslo", Country: "NO", City: "Oslo",
		Category: calendar.Conference, Topics: []calendar.Topic{calendar.Labour}, Organisers: []directory.Organisation{org}}
	start := time.Date(2027, 1, 5, 10, 0, 0, 0, oslo)
	series := calendar.Event{Start: start, End: start.Add(90 * time.Minute), Zone: "Europe/Oslo", Country: "NO", City: "Oslo",
		Category: calendar.Meeting, Topics: []calendar.Topic{calendar.Victims}, Organisers: []directory.Organisation{org},
		Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=24"}}
	for _, c := range []struct {
		name string
		e    calendar.Event
	}{{"event", single}, {"series-24-dates", series}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var lat latencies
			for b.Loop() {
				t0 := time.Now()
				r, err := a.cal.Clashes(context.Background(), c.e)
				lat = append(lat, time.Since(t0))
				// The 24th date lies beyond now+SeriesHorizon: 23 are checked.
				if err != nil || len(r.Clashes) == 0 || c.e.IsSeries() && (r.Series == nil || r.Series.Total != 23) {
					b.Fatal(err, len(r.Clashes), r.Series)
				}
			}
			lat.report(b)
		})
	}
}
