// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestCORSOnlyOnReadOnlyInterfaces: feeds and the JSON API can be read by
// scripts on any site (no credentials); pages, forms, the secretariat area
// and single-event files stay same-origin.
func TestCORSOnlyOnReadOnlyInterfaces(t *testing.T) {
	a := newApp(t)
	origin := []string{"Origin", "https://partner.example.net"}
	for _, tc := range []struct {
		name, method, path string
		hdr                []string
		status             int
		open               bool
	}{
		{"iCal feed", http.MethodGet, "/feeds/events.ics", nil, http.StatusOK, true},
		{"iCal feed, HEAD", http.MethodHead, "/feeds/events.ics?lang=fi", nil, http.StatusOK, true},
		{"Atom feed", http.MethodGet, "/feeds/events.atom", nil, http.StatusOK, true},
		{"event API", http.MethodGet, "/api/v1/events?country=FI", nil, http.StatusOK, true},
		{"event API, bad filter", http.MethodGet, "/api/v1/events?country=XX", nil, http.StatusBadRequest, true},
		{"directory API", http.MethodGet, "/api/v1/organisations", nil, http.StatusOK, true},
		{"OpenAPI document", http.MethodGet, "/api/v1/openapi.json", nil, http.StatusOK, true},
		{"event API, conditional", http.MethodGet, "/api/v1/events", []string{"If-None-Match", `"x"`}, http.StatusOK, true},
		{"event list page", http.MethodGet, "/en/events", nil, http.StatusOK, false},
		{"subscribe page", http.MethodGet, "/en/subscribe", nil, http.StatusOK, false},
		{"registration form", http.MethodGet, "/en/events/new", nil, http.StatusOK, false},
		{"registration post", http.MethodPost, "/en/events/new", nil, http.StatusForbidden, false},
		{"one event's .ics", http.MethodGet, "/events/" + strconv.FormatInt(a.ev["Oslo seminar"].ID, 10) + ".ics", nil, http.StatusOK, false},
		{"sign-in page", http.MethodGet, "/admin/login", nil, http.StatusOK, false},
		{"health check", http.MethodGet, "/healthz", nil, http.StatusOK, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := a.do(t, tc.method, tc.path, append(append([]string{}, origin...), tc.hdr...)...)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			got := rec.Header().Get("Access-Control-Allow-Origin")
			if tc.open && got != "*" {
				t.Errorf("Access-Control-Allow-Origin %q, want *", got)
			}
			if !tc.open && got != "" {
				t.Errorf("Access-Control-Allow-Origin %q on a same-origin route", got)
			}
			if c := rec.Header().Get("Access-Control-Allow-Credentials"); c != "" {
				t.Errorf("Access-Control-Allow-Credentials %q", c)
			}
			if tc.open && !strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "ETag") {
				t.Errorf("ETag not exposed: %q", rec.Header().Get("Access-Control-Expose-Headers"))
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("security headers missing")
			}
		})
	}
}

// TestCORSPreflight: a browser's preflight for a cross-site GET with
// conditional headers is answered 204 with GET and HEAD; pages and forms
// answer no preflight with CORS headers.
func TestCORSPreflight(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct {
		name, path, method string
		open               bool
	}{
		{"feed", "/feeds/events.ics", "GET", true},
		{"Atom feed", "/feeds/events.atom", "GET", true},
		{"event API", "/api/v1/events", "GET", true},
		{"clash API, HEAD", "/api/v1/clashes", "HEAD", true},
		{"event API, asking for POST", "/api/v1/events", "POST", true},
		{"registration form", "/en/events/new", "POST", false},
		{"sign-in", "/admin/login", "POST", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := a.do(t, http.MethodOptions, tc.path, "Origin", "https://partner.example.net",
				"Access-Control-Request-Method", tc.method, "Access-Control-Request-Headers", "if-none-match")
			h := rec.Header()
			if !tc.open {
				if h.Get("Access-Control-Allow-Origin") != "" || h.Get("Access-Control-Allow-Methods") != "" {
					t.Errorf("CORS headers on a same-origin route: %v", h)
				}
				return
			}
			if rec.Code != http.StatusNoContent {
				t.Fatalf("status %d, want 204", rec.Code)
			}
			if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Methods") != "GET, HEAD" {
				t.Errorf("preflight headers %v", h)
			}
			if !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "if-none-match") {
				t.Errorf("Access-Control-Allow-Headers %q", h.Get("Access-Control-Allow-Headers"))
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("security headers missing")
			}
		})
	}
}
