// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/web"
)

const importICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:seminar-1@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\n" +
	"DTEND;VALUE=DATE:20270312\r\nSUMMARY:Työperäinen ihmiskauppa\r\nLOCATION:Tampere-talo\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:webinar-2@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Helsinki:20270315T130000\r\n" +
	"DTEND;TZID=Europe/Helsinki:20270315T143000\r\nSUMMARY:Webinaari\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// postFile sends a multipart form with an optional calendar file.
func postFile(t *testing.T, b *browser, path string, fields url.Values, file string) (*http.Response, *goquery.Document) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if file != "" {
		fw, _ := w.CreateFormFile("file", "events.ics")
		_, _ = fw.Write([]byte(file))
	}
	_ = w.Close()
	res, err := b.c.Post(b.base+path, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	return res, doc
}

func importFields(a *app, b *browser, path string) url.Values {
	return url.Values{"_csrf": {b.token(path)}, "organiser": {strconv.FormatInt(a.ev["Helsinki conference"].Organisers[0].ID, 10)},
		"category": {"seminar"}, "attendance": {"onsite"}, "audience": {"open"}, "country": {"FI"}, "city": {"Tampere"},
		"text_lang": {"fi"}, "submitter_name": {"Liisa Laine"}, "submitter_email": {"liisa@example.org"}}
}

func TestPublicImportCreatesPendingSubmissionsAndUpdatesByUID(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), importICS)
	if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 2 {
		t.Fatalf("import: %d %q %q", res.StatusCode, texts(doc, ".import-problems li"), texts(doc, ".error-summary"))
	}
	if doc.Find(".imported code.secret").Length() != 2 {
		t.Error("manage links not shown")
	}
	pending, _ := a.cal.Pending(context.Background())
	if len(pending) != 2 {
		t.Fatalf("pending = %d", len(pending))
	}
	if n, err := a.cal.PendingCount(context.Background()); n != 2 || err != nil {
		t.Errorf("the dashboard's count = %d (%v), want 2", n, err)
	}
	for _, p := range pending {
		e := p.Event
		if e.OriginalLang != "fi" || e.Category != calendar.Seminar || len(e.Organisers) != 1 {
			t.Errorf("defaults not applied: %+v", e)
		}
		if e.UID == "seminar-1@example.org" && (!e.AllDay || e.EndDate.String() != "2027-03-11" || e.Venue != "Tampere-talo") {
			t.Errorf("all-day import: %v %v %q", e.StartDate, e.EndDate, e.Venue)
		}
	}
	// The same file again: known UIDs are refused for organisers (UIDs are
	// public; a typed address proves nothing), nothing is stored.
	moved := strings.Replace(importICS, "20270310", "20270317", 1)
	moved = strings.Replace(moved, "20270312", "20270319", 1)
	res, doc = postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), moved)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(doc.Find(".import-problems").Text(), "UID") {
		t.Errorf("known UID from an organiser: %d %q", res.StatusCode, texts(doc, ".import-problems li"))
	}
	// The secretariat's import of the same file moves the seminar and keeps
	// what the file cannot carry (organiser, category, other languages).
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	fields := importFields(a, sec, "/admin/import")
	fields.Set("category", "conference")
	res, doc = postFile(t, sec, "/admin/import", fields, moved)
	if res.StatusCode != http.StatusOK || !strings.Contains(doc.Text(), "updated") {
		t.Fatalf("secretariat re-import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	pending, _ = a.cal.Pending(context.Background())
	if len(pending) != 2 {
		t.Fatalf("re-import duplicated: %d pending", len(pending))
	}
	for _, p := range pending {
		if p.Event.UID == "seminar-1@example.org" && (p.Event.StartDate.String() != "2027-03-17" || p.Event.Category != calendar.Seminar) {
			t.Errorf("update by UID: start %s, category %s", p.Event.StartDate, p.Event.Category)
		}
	}
}

func TestImportRefusesBadFilesWholly(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	tests := []struct {
		name, file, want string
	}{
		{"no summary", strings.Replace(importICS, "SUMMARY:Webinaari\r\n", "", 1), "Line 12"},
		{"unknown zone", strings.ReplaceAll(importICS, "TZID=Europe/Helsinki", "TZID=Middle Earth"), "Middle Earth"},
		{"not a calendar", "hello\r\n", "1"},
		{"end before start", strings.Replace(importICS, "20270315T143000", "20270315T100000", 1), "Line 16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, doc := postFile(t, b, "/en/events/import", importFields(a, b, "/en/events/import"), tt.file)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			if msg := doc.Find("#file-error").Text(); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not name %q", msg, tt.want)
			}
			if v, _ := doc.Find("#file").Attr("aria-describedby"); v != "file-error" {
				t.Errorf("the file field is not described by its error: %q", v)
			}
			if pending, _ := a.cal.Pending(context.Background()); len(pending) != 0 {
				t.Errorf("half-imported: %d pending", len(pending))
			}
		})
	}
	res, doc := postFile(t, b, "/en/events/import", importFields(a, b, "/en/events/import"), "")
	if res.StatusCode != http.StatusBadRequest || doc.Find(".error-summary").Length() == 0 {
		t.Errorf("no file and no URL: %d", res.StatusCode)
	}
}

// TestImportRefusesDuplicateUIDs: two events with one UID refuse the whole
// file, and the message, next to the file field in the reader's language,
// names both lines.
func TestImportRefusesDuplicateUIDs(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	// Both events get the seminar's UID: lines 4 and 12.
	file := strings.Replace(importICS, "UID:webinar-2@example.org", "UID:seminar-1@example.org", 1)
	for _, tt := range []struct {
		lang, want string
	}{
		{"en", "Lines 4 and 12: two events in the file have the same identifier (UID seminar-1@example.org)"},
		{"fi", "Rivit 4 ja 12: tiedostossa on kaksi tapahtumaa, joilla on sama tunniste (UID seminar-1@example.org)"},
		{"sv", "Raderna 4 och 12: två evenemang i filen har samma id (UID seminar-1@example.org)"},
		{"da", "Linjerne 4 og 12: To arrangementer i filen har samme id (UID seminar-1@example.org)"},
		{"no", "Linjene 4 og 12: To arrangementer i filen har samme identifikator (UID seminar-1@example.org)"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			path := "/" + tt.lang + "/events/import"
			res, doc := postFile(t, b, path, importFields(a, b, path), file)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			if msg := doc.Find("#file-error").Text(); !strings.HasPrefix(msg, tt.want) {
				t.Errorf("message %q, want it to start with %q", msg, tt.want)
			}
			if pending, _ := a.cal.Pending(context.Background()); len(pending) != 0 {
				t.Errorf("half-imported: %d pending", len(pending))
			}
		})
	}
	t.Run("an override of an occurrence is not a duplicate", func(t *testing.T) {
		series := strings.Replace(importICS, "DTEND;TZID=Europe/Helsinki:20270315T143000\r\n",
			"DTEND;TZID=Europe/Helsinki:20270315T143000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n", 1)
		series = strings.Replace(series, "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:webinar-2@example.org\r\n"+
			"RECURRENCE-ID;TZID=Europe/Helsinki:20270322T130000\r\nDTSTART;TZID=Europe/Helsinki:20270323T130000\r\n"+
			"DTEND;TZID=Europe/Helsinki:20270323T143000\r\nSUMMARY:Webinaari (siirretty)\r\nEND:VEVENT\r\nEND:VCALENDAR", 1)
		res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), series)
		// The series is one event with one manage link; its moved date
		// is an override of it.
		if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 2 {
			t.Fatalf("series with an override: %d %q %q", res.StatusCode, texts(doc, "#file-error"), texts(doc, ".imported li"))
		}
		e, err := a.db.EventByUID(context.Background(), "webinar-2@example.org")
		if err != nil || e.Repeat.Rule != "FREQ=WEEKLY;COUNT=3" {
			t.Fatalf("series %+v %v", e.Repeat, err)
		}
		ovs, err := a.db.Overrides(context.Background(), []int64{e.ID})
		if err != nil || len(ovs) != 1 || ovs[0].RecurrenceKey != "20270322T130000" || ovs[0].Texts[lang.FI].Title != "Webinaari (siirretty)" {
			t.Errorf("overrides %+v %v", ovs, err)
		}
	})
}

// TestImportPageSaysWhatHappensToKnownEvents: an organiser is told that
// events already in the calendar are refused and changed with their manage
// link; the secretariat, that they are updated from the file.
func TestImportPageSaysWhatHappensToKnownEvents(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	for _, l := range lang.All {
		t.Run(string(l), func(t *testing.T) {
			loc := a.bundle.For(l)
			doc := a.page(t, "/"+string(l)+"/events/import", http.StatusOK)
			if got := strings.TrimSpace(doc.Find(".import-rules").Text()); got != loc.T("import.lead_public") {
				t.Errorf("public page: %q", got)
			}
			req, _ := http.NewRequest(http.MethodGet, sec.base+"/admin/import", nil)
			req.Header.Set("Accept-Language", string(l))
			res, err := sec.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			admin, err := goquery.NewDocumentFromReader(res.Body)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("secretariat page: %d %v", res.StatusCode, err)
			}
			if got := strings.TrimSpace(admin.Find(".import-rules").Text()); got != loc.T("import.lead_secretariat") {
				t.Errorf("secretariat page: %q", got)
			}
		})
	}
}

func TestSecretariatImportFromURL(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	calSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write([]byte(importICS))
	}))
	defer calSrv.Close()
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	fields := importFields(a, sec, "/admin/import")
	fields.Set("url", calSrv.URL+"/cal.ics")
	// The default client refuses a loopback address (no SSRF through import).
	res, doc := postFile(t, sec, "/admin/import", fields, "")
	if res.StatusCode != http.StatusBadRequest || doc.Find(".error-summary").Length() == 0 {
		t.Fatalf("loopback fetch: %d", res.StatusCode)
	}
	// Allowed by name, trusting the test server's certificate, as
	// NORDCAL_FETCH_ALLOW and NORDCAL_FETCH_CA would.
	allow, err := fetch.ParseAllow("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(calSrv.Certificate())
	a.srv.Fetcher = fetch.New(fetch.Options{Allow: allow, RootCAs: pool})
	fields.Set("_csrf", sec.token("/admin/import"))
	res, doc = postFile(t, sec, "/admin/import", fields, "")
	if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 2 {
		t.Fatalf("URL import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	pending, _ := a.cal.Pending(context.Background())
	if len(pending) != 2 || pending[0].Submission.SubmitterEmail != "editor@example.org" {
		t.Errorf("secretariat import: %d pending", len(pending))
	}
}

func TestImportRefusesNonPublicAddresses(t *testing.T) {
	for _, tt := range []struct {
		addr   string
		public bool
	}{
		{"93.184.216.34", true}, {"2a00:1450:4001:80b::200e", true},
		{"127.0.0.1", false}, {"10.1.2.3", false}, {"100.100.100.200", false}, {"169.254.169.254", false},
		{"0.1.2.3", false}, {"198.18.0.1", false}, {"::1", false}, {"::ffff:10.0.0.1", false}, {"64:ff9b::a00:1", false},
		{"fd00::1", false}, {"2002:a00:1::", false},
	} {
		if got := web.PublicAddr(netip.MustParseAddr(tt.addr)); got != tt.public {
			t.Errorf("%s: public = %v, want %v", tt.addr, got, tt.public)
		}
	}
}
