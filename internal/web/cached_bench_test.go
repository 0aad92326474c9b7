// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkCachedAnswers measures the fixed cost of the answers that
// calendar clients and browsers get most, all from the caches: the feed
// with and without gzip, its 304, and the month and list pages. It
// reports allocations per request; it asserts no timing.
func BenchmarkCachedAnswers(b *testing.B) {
	a := newApp(b)
	get := func(target string, hdr ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, req)
		return rec
	}
	const feedURL = "/feeds/events.ics?lang=en"
	etag := get(feedURL, "Accept-Encoding", "gzip").Header().Get("ETag")
	for _, bc := range []struct {
		name, target string
		hdr          []string
		want         int
	}{
		{"feed-200-gzip", feedURL, []string{"Accept-Encoding", "gzip"}, http.StatusOK},
		{"feed-200-identity", feedURL, nil, http.StatusOK},
		{"feed-304", feedURL, []string{"Accept-Encoding", "gzip", "If-None-Match", etag}, http.StatusNotModified},
		{"month-page", "/en/calendar/2026/12", []string{"Accept-Encoding", "gzip", "Accept-Language", "fi-FI,fi;q=0.9,en;q=0.8"}, http.StatusOK},
		{"list-page", "/en/events", []string{"Accept-Encoding", "gzip"}, http.StatusOK},
	} {
		get(bc.target, bc.hdr...) // fill the cache
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := get(bc.target, bc.hdr...); rec.Code != bc.want {
					b.Fatalf("%s: %d", bc.target, rec.Code)
				}
			}
		})
	}
}
