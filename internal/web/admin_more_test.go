// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestSecurityPageOffersAScannableCode(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	b.login("editor@example.org", testPassword)
	_, doc := b.get("/admin/security")
	src := doc.Find("main img").AttrOr("src", "")
	if !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Errorf("QR image src %.40q, want an inline PNG", src)
	}
	if doc.Find("main img").AttrOr("alt", "") == "" || doc.Find("code.secret").Text() == "" {
		t.Errorf("the key must also be given as text, and the image described")
	}
}

func TestAuditTrailSpeaksTheReadersLanguage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	b.login("admin@example.org", testPassword)
	_, doc := b.get("/admin/audit?lang=fi")
	fi := a.bundle.For(lang.FI)
	text := doc.Find("table.data").Text()
	for _, want := range []string{fi.T("admin.field.role"), fi.T("role.editor"), fi.T("audit.action.user.create")} {
		if !strings.Contains(text, want) {
			t.Errorf("the Finnish audit trail lacks %q", want)
		}
	}
	if strings.Contains(text, "second_factor") {
		t.Errorf("raw field codes shown to the reader")
	}
}

// Without configured proxies, X-Forwarded-For is ignored: a client cannot
// escape the per-address sign-in limit by inventing addresses.
func TestForwardedForIsNotTrustedByDefault(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	tok := b.token("/admin/login")
	for i := 0; i <= auth.MaxAddressFailures; i++ {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/admin/login", strings.NewReader(url.Values{"_csrf": {tok},
			"email": {"nobody" + strings.Repeat("x", i) + "@example.org"}, "password": {"guess guess guess"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", "198.51.100."+strings.Repeat("1", 1+i%3))
		res, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if i == auth.MaxAddressFailures && res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("after %d failures from one client with forged X-Forwarded-For: %d, want 429", i, res.StatusCode)
		}
	}
}

// FuzzAdminForms posts arbitrary form bodies to the secretariat forms and
// arbitrary queries to the audit trail, signed in as an admin: the answer
// is never a server error.
func FuzzAdminForms(f *testing.F) {
	for _, s := range []string{"", "email=a%40b.c&password=x", "name=%00&role=admin&version=-1", "version=99999999999999999999",
		"current_password=&new_password=%ff&confirm_password=%ff", "code=%F0%9F%98%80", "role[]=x&email=" + strings.Repeat("a", 400),
		"from=2026-13-01&to=x&page=0&type=event&actor=%25"} {
		f.Add(s)
	}
	a, ts, _, _ := newAdminApp(f)
	b := a.browser(f, ts)
	b.login("admin@example.org", testPassword)
	tok := b.token("/admin/users")
	u, _ := url.Parse(ts.URL)
	cookies := b.c.Jar.Cookies(u)
	f.Fuzz(func(t *testing.T, body string) {
		for _, p := range []string{"/admin/login", "/admin/users", "/admin/users/2", "/admin/password", "/admin/security/totp", "/admin/security/totp/disable"} {
			req := httptest.NewRequest(http.MethodPost, p, strings.NewReader("_csrf="+url.QueryEscape(tok)+"&"+body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for _, c := range cookies {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			a.srv.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("POST %s %q: %d", p, body, rec.Code)
			}
		}
		req := httptest.NewRequest(http.MethodGet, "/admin/audit", nil)
		req.URL.RawQuery = body
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET audit %q: %d", body, rec.Code)
		}
	})
}

// TestEventAuditReadsInTheReadersLanguage: an event's recorded fields and
// coded values are named in the reader's language, times are in the
// reader's zone with the zone named, and the entry links to the event.
func TestEventAuditReadsInTheReadersLanguage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	om := a.ev["Helsinki conference"].Organisers[0]
	e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Audited seminar"}},
		Start: time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 2, 11, 0, 0, 0, time.UTC),
		Zone: "Europe/Oslo", City: "Tromsø", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Seminar,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: om.ID}}}
	if _, err := a.cal.Submit(context.Background(), &e, &calendar.Submission{Lang: lang.EN, SubmitterName: "S", SubmitterEmail: "s@example.org"}); err != nil {
		t.Fatal(err)
	}
	b := a.browser(t, ts)
	b.login("admin@example.org", testPassword)
	sv := a.bundle.For(lang.SV)
	_, doc := b.get("/admin/audit?type=event&lang=sv")
	var row *goquery.Selection
	doc.Find("table.data tbody tr").EachWithBreak(func(_ int, r *goquery.Selection) bool {
		if strings.Contains(r.Text(), "Audited seminar") {
			row = r
			return false
		}
		return true
	})
	if row == nil {
		t.Fatal("no audit row for the submission")
	}
	text := row.Text()
	for _, want := range []string{sv.T("field.category"), sv.T("category.seminar"), sv.T("field.country"), sv.T("country.NO"),
		sv.T("field.attendance"), sv.T("attendance.onsite"), sv.T("field.title") + " (" + sv.LangName("en") + ")",
		"10.00", "UTC+1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Swedish audit row lacks %q:\n%s", want, text)
		}
	}
	for _, raw := range []string{"onsite", "title_en", "2027-03-02T09:00Z"} {
		if strings.Contains(text, raw) {
			t.Errorf("raw value %q shown to the reader", raw)
		}
	}
	if href := row.Find("a").AttrOr("href", ""); href != fmt.Sprintf("/admin/events/%d", e.ID) {
		t.Errorf("record link %q", href)
	}
}
