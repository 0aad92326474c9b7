// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCachedAnswersCarryTheSecurityHeaders: answers from the feed and page
// caches, 200s with and without gzip and 304s, carry exactly the security
// headers of a rendered page, and each its own request ID.
func TestCachedAnswersCarryTheSecurityHeaders(t *testing.T) {
	a := newApp(t)
	want := map[string]string{
		"X-Content-Type-Options":    "nosniff",
		"X-Frame-Options":           "DENY",
		"Referrer-Policy":           "strict-origin-when-cross-origin",
		"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
		"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
			"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
	}
	ids := map[string]bool{}
	check := func(t *testing.T, h http.Header) {
		t.Helper()
		for name, v := range want {
			if got := h.Values(name); len(got) != 1 || got[0] != v {
				t.Errorf("%s: %q, want %q", name, got, v)
			}
		}
		if _, ok := h["X-Xss-Protection"]; ok {
			t.Error("the obsolete X-XSS-Protection is sent")
		}
		id := h.Get("X-Request-Id")
		if id == "" || ids[id] {
			t.Errorf("request id %q missing or repeated", id)
		}
		ids[id] = true
	}
	for _, target := range []string{"/feeds/events.ics?lang=en", "/feeds/events.atom?lang=fi", "/en/events", "/fi/calendar/2026/12"} {
		t.Run(target, func(t *testing.T) {
			first := a.get(t, target, http.StatusOK, "Accept-Encoding", "gzip")
			check(t, first.Header())
			for _, enc := range []string{"gzip", ""} {
				rec := a.get(t, target, http.StatusOK, "Accept-Encoding", enc)
				check(t, rec.Header())
				if enc == "" && rec.Header().Get("Content-Encoding") != "" {
					t.Error("identity asked, gzip sent")
				}
				if v := rec.Header().Values("Vary"); len(v) == 0 || !strings.Contains(strings.Join(v, ","), "Accept-Encoding") {
					t.Errorf("Vary %q", v)
				}
				rec = a.get(t, target, http.StatusNotModified, "Accept-Encoding", enc, "If-None-Match", rec.Header().Get("ETag"))
				check(t, rec.Header())
				if rec.Header().Get("Content-Type") != "" || rec.Body.Len() != 0 {
					t.Errorf("304 with Content-Type %q and %d bytes", rec.Header().Get("Content-Type"), rec.Body.Len())
				}
			}
		})
	}
}

// TestFeedSpellingsShareOneEntry: a feed asked for with its parameters in
// another order, or nb for no, is the same bytes as the canonical URL the
// subscribe page gives, before and after the canonical one is cached; a
// bad query is still refused after a good one was cached.
func TestFeedSpellingsShareOneEntry(t *testing.T) {
	a := newApp(t)
	canonical := "/feeds/events.ics?category=conference&country=FI&lang=no"
	other := "/feeds/events.ics?lang=nb&country=fi&category=conference"
	before := a.get(t, other, http.StatusOK).Body.String()
	c := a.get(t, canonical, http.StatusOK)
	if c.Body.String() != before {
		t.Error("the other spelling gave other bytes")
	}
	if again := a.get(t, other, http.StatusOK).Body.String(); again != before {
		t.Error("the other spelling changed once the canonical feed was cached")
	}
	if !strings.Contains(before, "Ihmiskaupan uudet muodot") && !strings.Contains(before, "Helsinki conference") {
		t.Errorf("the filtered feed lacks the Helsinki conference:\n%s", before)
	}
	a.get(t, "/feeds/events.ics?category=party&lang=no", http.StatusBadRequest)
}

// TestFeedErrorsInTheReadersLanguage: feeds resolve the reader's language
// only for an error page, which is still in it and is not offered as the
// feed's file.
func TestFeedErrorsInTheReadersLanguage(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/feeds/events.ics?country=XX", http.StatusBadRequest, "Accept-Language", "sv-SE,sv;q=0.9")
	if !strings.Contains(rec.Body.String(), `lang="sv"`) {
		t.Errorf("the error page is not in Swedish:\n%s", truncate(rec.Body.String()))
	}
	if d := rec.Header().Get("Content-Disposition"); d != "" {
		t.Errorf("the error page is offered as a file: %q", d)
	}
	ok := a.get(t, "/feeds/events.ics?lang=fi", http.StatusOK, "Accept-Language", "sv")
	if !strings.Contains(ok.Body.String(), "Ihmiskaupan") {
		t.Errorf("the Finnish feed is not in Finnish")
	}
	if d := ok.Header().Get("Content-Disposition"); d != `inline; filename="nordcal.ics"` {
		t.Errorf("Content-Disposition %q", d)
	}
}
