// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzQueryParameters sends arbitrary query strings to every route that
// reads parameters: the answer is a page or a 400, never a server error.
func FuzzQueryParameters(f *testing.F) {
	for _, s := range []string{
		"", "country=FI,SE&category=conference", "from=2026-02-30", "q=%00%ff", "page=-1", "lang=nb",
		"country=%E2%80%A8", "to=9999-12-31&from=0001-01-01", "organiser=a--b", "q=%25_%5C", "per_page=0",
		"country=fi&country=FI&country=", ";;;&&&===", "q=" + string(make([]byte, 300)),
	} {
		f.Add(s)
	}
	a := newApp(f)
	paths := []string{"/en/events", "/fi/calendar/2026/11", "/sv/year/2027", "/da/subscribe", "/feeds/events.ics", "/api/v1/events"}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, p := range paths {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawQuery = p, raw
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
				t.Fatalf("GET %s?%s: status %d", p, raw, rec.Code)
			}
		}
	})
}
