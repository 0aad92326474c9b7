// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestEarlyErrorsCarryTheSecurityHeaders: the answers given before any
// handler runs (a body over the limit, an over-long query, an unknown
// route) are pages too and carry the same headers as every other answer,
// in the reader's language.
func TestEarlyErrorsCarryTheSecurityHeaders(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct {
		name   string
		req    *http.Request
		status int
		lang   string
	}{
		{"a body over 1 MB", httptest.NewRequest(http.MethodPost, "/fi/events/new",
			strings.NewReader("title_en="+strings.Repeat("a", 2<<20))), http.StatusRequestEntityTooLarge, "fi"},
		{"a query string over the limit", httptest.NewRequest(http.MethodGet, "/sv/events?q="+strings.Repeat("a", 5000), nil),
			http.StatusBadRequest, "sv"},
		{"an unknown page", httptest.NewRequest(http.MethodGet, "/da/no-such-page", nil), http.StatusNotFound, "da"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, tc.req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			h := rec.Header()
			for name, want := range map[string]string{
				"X-Content-Type-Options":    "nosniff",
				"X-Frame-Options":           "DENY",
				"Referrer-Policy":           "strict-origin-when-cross-origin",
				"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
			} {
				if got := h.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("Content-Security-Policy: %q", csp)
			}
			if h.Get("X-Request-Id") == "" {
				t.Error("no request id")
			}
			doc, err := goquery.NewDocumentFromReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if l, _ := doc.Find("html").Attr("lang"); l != tc.lang {
				t.Errorf("page language %q, want %q", l, tc.lang)
			}
		})
	}
}
