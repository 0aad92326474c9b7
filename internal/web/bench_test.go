// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
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

// fill stores n generated public events spread over the year after now.
func fill(b *testing.B, a *app, n int) { fillOver(b, a, n, 365) }

// fillOver stores n generated public events spread over days days.
func fillOver(b *testing.B, a *app, n, days int) {
	b.Helper()
	orgs, err := directory.NewService(a.db).Organisations(context.Background())
	if err != nil || len(orgs) == 0 {
		b.Fatal("no organisations", err)
	}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	for i := 0; i < n; i++ {
		start := now.Add(time.Duration(i%days)*24*time.Hour + time.Duration(i%9+8)*time.Hour)
		e := calendar.Event{
			Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated meeting %d on labour exploitation", i),
				Description: "An agenda of a few lines.\n\nWith a second paragraph."}},
			Start: start, End: start.Add(2 * time.Hour), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Topics: []calendar.Topic{calendar.Topics[i%len(calendar.Topics)]}, Organisers: []directory.Organisation{orgs[i%len(orgs)]},
		}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWith10000Events measures the pages and feeds people hit most,
// with 10,000 events stored (SQLite unless NORDCAL_TEST_POSTGRES is set).
func BenchmarkWith10000Events(b *testing.B) {
	a := newAppOn(b, storetest.Open(b))
	fill(b, a, 10000)
	serve := func(b *testing.B, target string, hdr ...string) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			u := target
			if strings.HasSuffix(u, "uncached=") {
				// a parameter pages ignore, new each time: a cache miss,
				// so the page is rendered (and compressed for the cache)
				n++
				u += strconv.Itoa(n)
			}
			req := httptest.NewRequest(http.MethodGet, u, nil)
			for i := 0; i+1 < len(hdr); i += 2 {
				req.Header.Set(hdr[i], hdr[i+1])
			}
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK && rec.Code != http.StatusNotModified {
				b.Fatalf("%s: %d", target, rec.Code)
			}
		}
	}
	warm := httptest.NewRecorder()
	a.srv.ServeHTTP(warm, httptest.NewRequest(http.MethodGet, "/feeds/events.ics?lang=en", nil))
	etag := warm.Header().Get("ETag")
	// Pages come from the page cache while nothing changes; "-render" is
	// the first request after a change.
	// the "-render" one is the first request after a change. Browsers ask
	// for gzip.
	gz := []string{"Accept-Encoding", "gzip"}
	b.Run("list-page", func(b *testing.B) { serve(b, "/en/events", gz...) })
	b.Run("list-page-render", func(b *testing.B) { serve(b, "/en/events?uncached=", gz...) })
	b.Run("list-page-filtered-render", func(b *testing.B) {
		serve(b, "/en/events?category=conference&topic=labour&q=meeting&uncached=", gz...)
	})
	b.Run("month-page", func(b *testing.B) { serve(b, "/en/calendar/2027/03", gz...) })
	b.Run("month-page-render", func(b *testing.B) { serve(b, "/en/calendar/2027/03?uncached=", gz...) })
	b.Run("year-page", func(b *testing.B) { serve(b, "/en/year/2027", gz...) })
	b.Run("year-page-render", func(b *testing.B) { serve(b, "/en/year/2027?uncached=", gz...) })
	b.Run("feed-cached", func(b *testing.B) { serve(b, "/feeds/events.ics?lang=en") })
	b.Run("feed-304", func(b *testing.B) { serve(b, "/feeds/events.ics?lang=en", "If-None-Match", etag) })
	b.Run("feed-filtered-cached", func(b *testing.B) { serve(b, "/feeds/events.ics?lang=fi&country=NO&category=conference") })
	// What a filtered feed costs after a change: the query and the render.
	b.Run("feed-filtered-render", func(b *testing.B) {
		f := calendar.Filter{Countries: []directory.Country{"NO"}, Categories: []calendar.Category{calendar.Conference}}
		cal := feed.Calendar{Name: "Nordic calendar", Lang: lang.FI, Zone: "Europe/Copenhagen", OrganizerEmail: "calendar@example.org",
			EventURL: func(e calendar.Event) string { return fmt.Sprintf("https://example.org/fi/events/%d", e.ID) }}
		b.ReportAllocs()
		for b.Loop() {
			evs, _, err := a.cal.Feed(context.Background(), f)
			if err != nil || len(evs) == 0 {
				b.Fatal(err, len(evs))
			}
			if err := feed.Write(io.Discard, cal, evs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("api-page", func(b *testing.B) { serve(b, "/api/v1/events?per_page=50") })
}

// BenchmarkClashCheck100000 runs the clash check of the registration form
// against 100,000 stored events spread over ten years (about 27 a day,
// some thirty times the real calendar's density), with holidays and
// alternatives.
func BenchmarkClashCheck100000(b *testing.B) {
	a := newAppOn(b, storetest.Open(b))
	fillOver(b, a, 100000, 3650)
	org := a.ev["Oslo seminar"].Organisers[0]
	candidate := calendar.Event{AllDay: true, StartDate: calendar.Date{Year: 2028, Month: 3, Day: 7},
		EndDate: calendar.Date{Year: 2028, Month: 3, Day: 8}, Zone: "Europe/Oslo", Country: "NO", City: "Oslo",
		Category: calendar.Conference, Topics: []calendar.Topic{calendar.Labour}, Organisers: []directory.Organisation{org}}
	b.Run("service", func(b *testing.B) {
		b.ReportAllocs()
		var lat latencies
		for b.Loop() {
			t0 := time.Now()
			r, err := a.cal.Clashes(context.Background(), candidate)
			lat = append(lat, time.Since(t0))
			if err != nil || len(r.Clashes) == 0 {
				b.Fatal(err, len(r.Clashes))
			}
		}
		lat.report(b)
	})
	b.Run("api", func(b *testing.B) {
		b.ReportAllocs()
		var lat latencies
		for b.Loop() {
			t0 := time.Now()
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/clashes?start=2028-03-07&end=2028-03-08&country=NO&category=conference&topic=labour", nil))
			lat = append(lat, time.Since(t0))
			if rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
		lat.report(b)
	})
}

// latencies are the durations of a benchmark's iterations.
type latencies []time.Duration

// report adds the median and 90th percentile to the benchmark's line: the
// clash check's target is a median, and the mean hides how often the
// machine was busy elsewhere.
func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2].Microseconds()), "p50-us")
	b.ReportMetric(float64(l[len(l)*9/10].Microseconds()), "p90-us")
}
