// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// TestCachedPagesAnswerConditionally: the calendar's public pages carry a
// strong ETag, come compressed to clients that ask, answer If-None-Match
// with 304 while nothing changed, and show a change at once.
func TestCachedPagesAnswerConditionally(t *testing.T) {
	a := newApp(t)
	for _, path := range []string{"/en/", "/en/events", "/en/calendar/2026/11", "/en/year/2026"} {
		t.Run(path, func(t *testing.T) {
			first := a.get(t, path, http.StatusOK, "Accept-Encoding", "gzip")
			etag := first.Header().Get("ETag")
			if etag == "" || first.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("ETag %q, Content-Encoding %q", etag, first.Header().Get("Content-Encoding"))
			}
			if rec := a.do(t, http.MethodGet, path, "Accept-Encoding", "gzip", "If-None-Match", etag); rec.Code != http.StatusNotModified {
				t.Errorf("unchanged page: %d, want 304", rec.Code)
			}
			plain := a.get(t, path, http.StatusOK)
			if plain.Header().Get("Content-Encoding") != "" || !strings.Contains(plain.Body.String(), "<html") {
				t.Errorf("a client without gzip must get plain HTML")
			}
			if rec := a.do(t, http.MethodHead, path); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
				t.Errorf("HEAD: %d with %d bytes", rec.Code, rec.Body.Len())
			}
		})
	}

	etag := a.get(t, "/en/calendar/2026/11", http.StatusOK, "Accept-Encoding", "gzip").Header().Get("ETag")
	e := a.ev["Helsinki conference"]
	e.Texts[lang.EN] = calendar.Text{Title: "Renamed conference"}
	if err := a.cal.Edit(context.Background(), audit.CLI, &e); err != nil {
		t.Fatal(err)
	}
	rec := a.do(t, http.MethodGet, "/en/calendar/2026/11", "If-None-Match", etag)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Renamed conference") {
		t.Errorf("after a change: %d, shows it: %v", rec.Code, strings.Contains(rec.Body.String(), "Renamed conference"))
	}
	// Each language is its own page.
	if doc := a.page(t, "/fi/calendar/2026/11", http.StatusOK); doc.Find("html").AttrOr("lang", "") != "fi" {
		t.Errorf("the Finnish month page came from another language's cache")
	}
}

// TestClientGoneIsNotAServerError: a request whose client has left is
// answered 499 (as proxies log it), not 500, whatever it was waiting for.
func TestClientGoneIsNotAServerError(t *testing.T) {
	a := newApp(t)
	for _, path := range []string{"/en/events", "/feeds/events.ics", "/api/v1/events"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, req)
		if rec.Code != 499 {
			t.Errorf("%s with the client gone: %d, want 499", path, rec.Code)
		}
	}
}
