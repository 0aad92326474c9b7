// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// BenchmarkAdminLists10000 measures the secretariat's list of every event
// with 10,000 events of every status stored over three years around now,
// and the moderation queue with 1,050 submissions waiting (SQLite unless
// NORDCAL_TEST_POSTGRES is set). Every request is rendered: admin pages
// are never cached.
func BenchmarkAdminLists10000(b *testing.B) {
	a, ts, _, _ := newAdminApp(b)
	ctx := context.Background()
	orgs, err := directory.NewService(a.db).Organisations(ctx)
	if err != nil || len(orgs) == 0 {
		b.Fatal("no organisations", err)
	}
	statuses := []calendar.Status{calendar.Published, calendar.Published, calendar.Published, calendar.Published,
		calendar.Published, calendar.Tentative, calendar.Cancelled, calendar.Pending, calendar.Rejected, calendar.Published}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	event := func(i int) calendar.Event {
		start := now.Add(time.Duration(i%1095-365)*24*time.Hour + time.Duration(i%9+8)*time.Hour)
		return calendar.Event{
			Status: statuses[i%len(statuses)], OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated meeting %d on labour exploitation", i)}},
			Start: start, End: start.Add(2 * time.Hour), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Topics: []calendar.Topic{calendar.Topics[i%len(calendar.Topics)]}, Organisers: []directory.Organisation{orgs[i%len(orgs)]},
		}
	}
	for i := range 10000 {
		e := event(i)
		if err := a.cal.Create(ctx, &e); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 1050 {
		e := event(i)
		e.Status, e.UID = calendar.Pending, fmt.Sprintf("pending-%d@test.example.org", i)
		sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Sender", SubmitterEmail: fmt.Sprintf("s%d@example.org", i),
			TokenHash: fmt.Sprintf("%064d", i), Warnings: []calendar.Warning{{Level: "medium", Kind: "event", First: "2027-01-01", Last: "2027-01-01"}}}
		if err := a.db.SaveEvents(ctx, calendar.EventChange{Event: &e, Submission: &sub,
			Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventSubmit, RecordType: "event"}}); err != nil {
			b.Fatal(err)
		}
	}
	sec := a.browser(b, ts)
	sec.login("editor@example.org", testPassword)
	cookie := "__Host-nordcal_session=" + sec.sessionCookie()
	serve := func(b *testing.B, target string) {
		b.ReportAllocs()
		var lat latencies
		size := 0
		for b.Loop() {
			t0 := time.Now()
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Cookie", cookie)
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, req)
			lat = append(lat, time.Since(t0))
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d", target, rec.Code)
			}
			size = rec.Body.Len()
		}
		lat.report(b)
		b.ReportMetric(float64(size)/1000, "kB")
	}
	b.Run("events", func(b *testing.B) { serve(b, "/admin/events") })
	b.Run("events-by-start", func(b *testing.B) { serve(b, "/admin/events?sort=start&from=2026-11-23") })
	// By title, one page holds events from all over the three years.
	b.Run("events-by-title", func(b *testing.B) { serve(b, "/admin/events?sort=title") })
	b.Run("events-search", func(b *testing.B) { serve(b, "/admin/events?q=labour+meeting+12&status=pending,published") })
	b.Run("events-withdrawn-or-declined", func(b *testing.B) { serve(b, "/admin/events?status=withdrawn,rejected") })
	b.Run("events-page-200", func(b *testing.B) { serve(b, "/admin/events?sort=start&page=200") })
	b.Run("moderation", func(b *testing.B) { serve(b, "/admin/moderation") })
	b.Run("moderation-page-21", func(b *testing.B) { serve(b, "/admin/moderation?page=21") })
}
