// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/config"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/fetch"
)

const sourceICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:abc123@google.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20270310T080000Z\r\n" +
	"DTEND:20270310T100000Z\r\nSUMMARY:Nordic webinar on labour exploitation\r\n" +
	"DESCRIPTION:Join us<br>Registration: <a href=\"https://ngo.example/reg\">here</a>\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:def456@google.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270412\r\n" +
	"DTEND;VALUE=DATE:20270413\r\nSUMMARY:Network meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// partnerServer serves a calendar over real HTTPS; the app's fetcher is
// built from the configuration that allows it (NORDCAL_FETCH_ALLOW) and
// trusts its certificate from a PEM file (NORDCAL_FETCH_CA).
type partnerServer struct {
	*httptest.Server
	mu   sync.Mutex
	body string
}

func newPartnerServer(t *testing.T, a *app) *partnerServer {
	p := &partnerServer{body: sourceICS}
	p.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		_, _ = w.Write([]byte(p.body))
	}))
	t.Cleanup(p.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NORDCAL_FETCH_ALLOW": "127.0.0.1", "NORDCAL_FETCH_CA": ca}
	cfg, err := config.Load(nil, func(k string) string { return env[k] }, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.srv.Sync.Fetcher = fetch.New(cfg.FetchOptions())
	return p
}

func TestPartnerCalendarsInTheSecretariatArea(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	partner := newPartnerServer(t, a)
	org, err := a.db.OrganisationBySlug(context.Background(), "om-fi")
	if err != nil {
		t.Fatal(err)
	}
	admin := a.browser(t, ts)
	admin.login("admin@example.org", testPassword)
	form := url.Values{"name": {"NGO calendar"}, "url": {"webcal" + strings.TrimPrefix(partner.URL, "https") + "/basic.ics"},
		"text_lang": {"en"}, "trust": {"review"}, "auto_cancel": {"0"}, "organiser": {strconv.FormatInt(org.ID, 10)},
		"category": {"seminar"}, "attendance": {"online"}, "audience": {"open"}, "country": {"FI"}, "zone": {"Europe/Helsinki"}}

	t.Run("bad input is shown next to its field", func(t *testing.T) {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("url", "http://ngo.example/cal.ics")
		bad.Set("name", "")
		bad.Set("_csrf", admin.token("/admin/sources/new"))
		res, doc := admin.post("/admin/sources", bad)
		if res.StatusCode != http.StatusBadRequest || doc.Find("#url-error").Length() != 1 || doc.Find("#name-error").Length() != 1 {
			t.Fatalf("bad input: %d %q", res.StatusCode, texts(doc, ".field-error, .error-summary"))
		}
		if v, _ := doc.Find("#url").Attr("value"); v != "http://ngo.example/cal.ics" {
			t.Errorf("input not kept: %q", v)
		}
	})

	form.Set("_csrf", admin.token("/admin/sources/new"))
	res, _ := admin.post("/admin/sources", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add source: %d", res.StatusCode)
	}
	srcs, err := a.srv.Sources.Sources(context.Background())
	if err != nil || len(srcs) != 1 || !strings.HasPrefix(srcs[0].URL, "https://127.0.0.1:") {
		t.Fatalf("sources: %+v %v", srcs, err)
	}
	id := strconv.FormatInt(srcs[0].ID, 10)

	res, _ = admin.post("/admin/sources/"+id+"/sync", url.Values{"_csrf": {admin.token("/admin/sources")}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sync now: %d", res.StatusCode)
	}
	_, doc := admin.get("/admin/sources")
	if got := doc.Find(".source-counts").Text(); !strings.Contains(got, "2 seen, 2 new") {
		t.Errorf("health: %q", got)
	}
	_, doc = admin.get("/admin/moderation")
	if n := doc.Find("table.data tbody tr").Length(); n != 2 {
		t.Errorf("review queue: %d rows", n)
	}

	// A broken file: the events stay, the error is said in words.
	partner.mu.Lock()
	partner.body = "<!doctype html><title>Sign in</title>"
	partner.mu.Unlock()
	admin.post("/admin/sources/"+id+"/sync", url.Values{"_csrf": {admin.token("/admin/sources")}})
	_, doc = admin.get("/admin/sources")
	if got := doc.Find(".source-error").Text(); !strings.Contains(got, "not with a usable calendar file") || !strings.Contains(got, "Line 1") {
		t.Errorf("error in words: %q", got)
	}
	if doc.Find(".source-failing").Length() != 1 {
		t.Error("the source is not marked failing")
	}
	pending, _ := a.cal.Pending(context.Background())
	if len(pending) != 2 {
		t.Errorf("a broken file changed the events: %d pending", len(pending))
	}

	t.Run("editors see, admins change", func(t *testing.T) {
		editor := a.browser(t, ts)
		editor.login("editor@example.org", testPassword)
		res, doc := editor.get("/admin/sources")
		if res.StatusCode != http.StatusOK || doc.Find(".source").Length() != 1 || doc.Find("form[action$='/sync']").Length() != 0 {
			t.Errorf("editor's list: %d, %d forms", res.StatusCode, doc.Find("form").Length())
		}
		res, _ = editor.post("/admin/sources/"+id+"/pause", url.Values{"_csrf": {editor.token("/admin/sources")}, "paused": {"true"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("editor pausing: %d", res.StatusCode)
		}
	})

	t.Run("removing asks what to do with the events", func(t *testing.T) {
		_, doc := admin.get("/admin/sources/" + id + "/remove")
		if doc.Find("input[name=events]").Length() != 2 {
			t.Fatal("no choice offered")
		}
		v := strconv.Itoa(srcs[0].Version)
		res, doc := admin.post("/admin/sources/"+id+"/remove", url.Values{"_csrf": {admin.token("/admin/sources")}, "version": {v}})
		if res.StatusCode != http.StatusBadRequest || doc.Find(".error-summary").Length() != 1 {
			t.Errorf("no choice: %d", res.StatusCode)
		}
		s, _, _ := a.srv.Sources.Source(context.Background(), srcs[0].ID)
		res, _ = admin.post("/admin/sources/"+id+"/remove", url.Values{"_csrf": {admin.token("/admin/sources")},
			"version": {strconv.Itoa(s.Version)}, "events": {calendar.RemoveCancel}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if pending, _ := a.cal.Pending(context.Background()); len(pending) != 0 {
			t.Errorf("%d events still waiting after removing with cancel", len(pending))
		}
	})
}

var secretariatActor = audit.Actor{ID: 1, Email: "admin@example.org"}

// What a sync asks (a change of a published event under review, a serious
// clash it created) is in the review queue and on the dashboard, and the
// secretariat answers it there.
func TestSyncQuestionsInTheReviewQueue(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	partner := newPartnerServer(t, a)
	ctx := context.Background()
	org, err := a.db.OrganisationBySlug(ctx, "om-fi")
	if err != nil {
		t.Fatal(err)
	}
	src := calendar.Source{Name: "Partner NGO", URL: partner.URL + "/cal.ics", Trust: calendar.TrustReview,
		Defaults: calendar.Event{Organisers: []directory.Organisation{{ID: org.ID}}, Category: calendar.Conference, Country: "FI", City: "Helsinki",
			Attendance: calendar.OnSite, Audience: calendar.Open, Zone: "Europe/Helsinki", OriginalLang: "en"}}
	if err := a.srv.Sources.SaveSource(ctx, secretariatActor, &src); err != nil {
		t.Fatal(err)
	}
	one := func(start string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:conf@partner.example\r\n" +
			"DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:" + start + "\r\nSUMMARY:Partner summit\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	partner.mu.Lock()
	partner.body = one("20261124")
	partner.mu.Unlock()
	if _, err := a.srv.Sync.Sync(ctx, src.ID, true); err != nil {
		t.Fatal(err)
	}
	pending, _ := a.cal.Pending(ctx)
	if len(pending) != 1 {
		t.Fatalf("%d pending", len(pending))
	}
	e := pending[0].Event
	if err := a.cal.Approve(ctx, secretariatActor, calendar.Moderation{EventID: e.ID, Version: e.Version}); err != nil {
		t.Fatal(err)
	}
	// The partner moves its summit onto the fixture conference's day.
	partner.mu.Lock()
	partner.body = one("20261126")
	partner.mu.Unlock()
	if _, err := a.srv.Sync.Sync(ctx, src.ID, true); err != nil {
		t.Fatal(err)
	}

	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	_, doc := sec.get("/admin/moderation")
	q := doc.Find(".synced .synced-change")
	if q.Length() != 1 || !strings.Contains(q.Text(), "Partner NGO") || q.Find("table tbody tr").Length() == 0 {
		t.Fatalf("review queue: %q", doc.Find(".synced").Text())
	}
	if ev, _ := a.cal.EventAny(ctx, e.ID); ev.StartDate.Day != 24 {
		t.Fatal("the change under review was applied")
	}
	form := url.Values{"_csrf": {sec.token("/admin/moderation")}, "back": {"/admin/moderation"}, "decision": {calendar.DecideApply}}
	form.Set("version", q.Find("input[name=version]").First().AttrOr("value", ""))
	res, _ := sec.post(q.Find("form").First().AttrOr("action", ""), form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/moderation" {
		t.Fatalf("apply: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	ev, _ := a.cal.EventAny(ctx, e.ID)
	if ev.StartDate.Day != 26 || ev.Sequence == 0 {
		t.Errorf("applied: %v seq %d", ev.StartDate, ev.Sequence)
	}
	// The applied move lands on the fixture conference: the dashboard says so.
	_, doc = sec.get("/admin/")
	if got := doc.Find(".synced-clashes li").Text(); !strings.Contains(got, "Partner NGO moved Partner summit by 2 days; it now clashes with") {
		t.Errorf("dashboard: %q", got)
	}
}

// What the operator allows for the secretariat (NORDCAL_FETCH_ALLOW,
// NORDCAL_FETCH_CA) is never reachable through the public import form.
func TestPublicImportIgnoresTheFetchAllowList(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	partner := newPartnerServer(t, a)
	a.srv.Fetcher = a.srv.Sync.Fetcher
	b := a.browser(t, ts)
	fields := importFields(a, b, "/fi/events/import")
	fields.Set("url", partner.URL+"/cal.ics")
	res, doc := postFile(t, b, "/fi/events/import", fields, "")
	if res.StatusCode != http.StatusBadRequest || doc.Find(".imported li").Length() != 0 {
		t.Fatalf("public import from an allowed private address: %d", res.StatusCode)
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	fields = importFields(a, sec, "/admin/import")
	fields.Set("url", partner.URL+"/cal.ics")
	if res, doc := postFile(t, sec, "/admin/import", fields, ""); res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 2 {
		t.Errorf("secretariat import from the allowed address: %d", res.StatusCode)
	}
}
