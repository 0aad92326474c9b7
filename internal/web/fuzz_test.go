// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
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

// FuzzRegistrationForm posts arbitrary field values to the public form and
// the clash API: the answer is a page, a redirect or a 4xx, never a server
// error, and an invalid submission never leaves a record.
func FuzzRegistrationForm(f *testing.F) {
	f.Add("Konferens", "2027-02-03", "2027-02-04", "", "", "Europe/Stockholm", "SE", "conference", "a@example.org", "on")
	f.Add("x", "2027-02-30", "", "25:00", "", "Mars/Base", "XX", "party", "no mail", "")
	f.Add("\u2028", "0001-01-01", "9999-12-31", "00:00", "23:59", "", "", "", "", "on")
	f.Add("<script>", "2027-01-01T10:00", "2027-01-01T09:00", "9:5", "10:00", "UTC", "INT", "seminar", "a@b.c", "")
	a := newApp(f)
	req := httptest.NewRequest(http.MethodGet, "/en/events/new", nil)
	rec := httptest.NewRecorder()
	a.srv.ServeHTTP(rec, req)
	var cookie *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if strings.HasSuffix(c.Name, "nordcal_csrf") {
			cookie = c
		}
	}
	if cookie == nil {
		f.Fatal("no CSRF cookie")
	}
	n := 0
	f.Fuzz(func(t *testing.T, title, start, end, startTime, endTime, zone, country, category, email, allDay string) {
		n++
		form := url.Values{"_csrf": {cookie.Value}, "title_en": {title}, "start_date": {start}, "end_date": {end},
			"start_time": {startTime}, "end_time": {endTime}, "zone": {zone}, "country": {country}, "category": {category},
			"submitter_name": {"Fuzz"}, "submitter_email": {email}, "all_day": {allDay}, "city": {"Oslo"}, "action": {"submit"}}
		req := httptest.NewRequest(http.MethodPost, "/en/events/new", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(cookie)
		req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1234", n>>16&255, n>>8&255, n&255)
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST form: status %d", rec.Code)
		}
		if rec.Code != http.StatusSeeOther {
			if rec.Code != http.StatusBadRequest && rec.Code != http.StatusTooManyRequests {
				t.Fatalf("POST form: unexpected status %d", rec.Code)
			}
		}
		q := url.Values{"start": {start}, "end": {end}, "zone": {zone}, "country": {country}, "category": {category}}
		req = httptest.NewRequest(http.MethodGet, "/api/v1/clashes?"+q.Encode(), nil)
		rec = httptest.NewRecorder()
		a.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Fatalf("GET clashes?%s: status %d", q.Encode(), rec.Code)
		}
	})
}
