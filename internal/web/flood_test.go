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

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/web"
)

// oneEventICS is a calendar file of one event with its own UID.
func oneEventICS(i int) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
		fmt.Sprintf("BEGIN:VEVENT\r\nUID:flood-%d@example.org\r\nDTSTAMP:20261101T000000Z\r\n", i) +
		fmt.Sprintf("DTSTART;VALUE=DATE:202704%02d\r\nDTEND;VALUE=DATE:202704%02d\r\n", 1+i%28, 2+i%28) +
		fmt.Sprintf("SUMMARY:Flood %d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", i)
}

// eventsICS is a calendar file of n events, UIDs from first on.
func eventsICS(first, n int) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n")
	for i := first; i < first+n; i++ {
		ev := oneEventICS(i)
		b.WriteString(ev[strings.Index(ev, "BEGIN:VEVENT"):strings.Index(ev, "END:VCALENDAR")])
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// TestOneCapPerSubmitterAcrossFormAndImport: an import is held to the
// form's cap of pending submissions per e-mail address and per address,
// and a file that would go over it stores nothing.
func TestOneCapPerSubmitterAcrossFormAndImport(t *testing.T) {
	ctx := context.Background()
	t.Run("a file over the per-sender cap", func(t *testing.T) {
		a, ts, _, _ := newAdminApp(t)
		b := a.browser(t, ts)
		res, doc := postFile(t, b, "/en/events/import", importFields(a, b, "/en/events/import"), eventsICS(0, calendar.MaxPendingPerEmail+1))
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(doc.Find(".error-summary").Text(), "this e-mail address") {
			t.Errorf("import of %d events: %d %q", calendar.MaxPendingPerEmail+1, res.StatusCode, texts(doc, ".error-summary"))
		}
		if n, _ := a.cal.PendingCount(ctx); n != 0 {
			t.Errorf("a refused import stored %d events", n)
		}
	})
	t.Run("imports and registrations share the cap", func(t *testing.T) {
		a, ts, _, _ := newAdminApp(t)
		b := a.browser(t, ts)
		fields := importFields(a, b, "/en/events/import")
		fields.Set("submitter_email", "kari@example.org")
		if res, doc := postFile(t, b, "/en/events/import", fields, eventsICS(0, calendar.MaxPendingPerEmail)); res.StatusCode != http.StatusOK {
			t.Fatalf("import: %d %q", res.StatusCode, texts(doc, ".error-summary, .import-problems li"))
		}
		res, _ := b.post("/en/events/new", registration(a, b))
		if res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("registration after an import that used the cap: %d", res.StatusCode)
		}
	})
	t.Run("one address under several e-mail addresses", func(t *testing.T) {
		a, ts, _, _ := newAdminApp(t)
		b := a.browser(t, ts)
		next := 0
		for i, n := range []int{calendar.MaxPendingPerEmail, calendar.MaxPendingPerAddress - calendar.MaxPendingPerEmail, 1} {
			fields := importFields(a, b, "/fi/events/import")
			fields.Set("submitter_email", fmt.Sprintf("sender%d@example.org", i))
			res, doc := postFile(t, b, "/fi/events/import", fields, eventsICS(next, n))
			next += n
			want := http.StatusOK
			if next > calendar.MaxPendingPerAddress {
				want = http.StatusTooManyRequests
			}
			if res.StatusCode != want {
				t.Fatalf("import %d: %d, want %d %q", i, res.StatusCode, want, texts(doc, ".error-summary"))
			}
			if want != http.StatusOK && !strings.Contains(doc.Find(".error-summary").Text(), "verkostasi") {
				t.Errorf("per-address refusal in Finnish: %q", texts(doc, ".error-summary"))
			}
		}
	})
}

// ceilingApp is a.srv rebuilt around a calendar service whose ceiling on
// pending submissions is n.
func ceilingApp(t *testing.T, n int) (*app, *httptest.Server) {
	a := newApp(t)
	cal := calendar.NewService(a.db, a.db, "test.example.org", func() time.Time { return now },
		calendar.WithHolidays(&holiday.Nordic{}), calendar.WithPendingCeiling(n))
	base, _ := url.Parse("https://nordcal.example.org")
	srv, err := web.New(web.Deps{Calendar: cal, Directory: directory.NewService(a.db), Bundle: a.bundle, BaseURL: base,
		DefaultLang: lang.EN, DefaultZone: mustZone(t, "Europe/Copenhagen"), ContactEmail: "calendar@example.org",
		Ping: a.db.Ping, Auth: a.authSvc, Audit: a.db, Sessions: a.db.Sessions()})
	if err != nil {
		t.Fatal(err)
	}
	a.srv, a.cal = srv, cal
	if err := a.authSvc.Create(context.Background(), audit.CLI, &auth.User{Email: "editor@example.org", Name: "Eero Editor",
		Role: auth.Editor}, testPassword); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(a.srv)
	t.Cleanup(ts.Close)
	return a, ts
}

// TestCeilingOnPendingSubmissions: above the configured ceiling new
// registrations wait with a message in the reader's language, and the
// secretariat's dashboard shows the ceiling and the count.
func TestCeilingOnPendingSubmissions(t *testing.T) {
	a, ts := ceilingApp(t, 2)
	b := a.browser(t, ts)
	for i := range 3 {
		form := registration(a, b)
		form.Set("submitter_email", fmt.Sprintf("c%d@example.org", i))
		res, doc := b.post("/en/events/new", form)
		if i < 2 && res.StatusCode != http.StatusSeeOther {
			t.Fatalf("registration %d: %d %q", i, res.StatusCode, texts(doc, ".error-summary"))
		}
		if i == 2 && (res.StatusCode != http.StatusTooManyRequests || !strings.Contains(doc.Find(".error-summary").Text(), "cannot be received just now")) {
			t.Errorf("registration over the ceiling: %d %q", res.StatusCode, texts(doc, ".error-summary"))
		}
	}
	sv := registration(a, b)
	sv.Set("_csrf", b.token("/sv/events/new"))
	sv.Set("submitter_email", "sv@example.org")
	if res, doc := b.post("/sv/events/new", sv); !strings.Contains(doc.Find(".error-summary").Text(), "kan inte tas emot just nu") {
		t.Errorf("Swedish refusal: %d %q", res.StatusCode, texts(doc, ".error-summary"))
	}
	if n, _ := a.cal.PendingCount(context.Background()); n != 2 {
		t.Errorf("pending %d, want 2", n)
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	_, doc := sec.get("/admin/?lang=en")
	if got := doc.Find(".pending-ceiling").Text(); !strings.Contains(got, "2 of at most 2") || !strings.Contains(got, "ceiling has been reached") {
		t.Errorf("dashboard: %q", got)
	}
}

// TestCheckActionDoesNotBypassTheLimit: "check" writes nothing only on the
// registration form; an import or a manage save that says action=check
// stores like any other and must count against the registration limit.
func TestCheckActionDoesNotBypassTheLimit(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	ctx := context.Background()
	before, _ := a.cal.PendingCount(ctx)
	limited := 0
	for i := range 30 {
		fields := importFields(a, b, "/en/events/import")
		fields.Set("action", "check")
		// A new address each time: only the per-address limit may stop them.
		fields.Set("submitter_email", fmt.Sprintf("flood%d@example.org", i))
		res, _ := postFile(t, b, "/en/events/import", fields, oneEventICS(i))
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	after, _ := a.cal.PendingCount(ctx)
	t.Logf("pending before %d, after 30 imports with action=check: %d (%d refused with 429)", before, after, limited)
	if after-before >= 30 || limited == 0 {
		t.Errorf("30 imports with action=check stored %d events, %d refused: the limiter was skipped", after-before, limited)
	}

	t.Run("checking dates on the registration form spends nothing of the registration limit", func(t *testing.T) {
		a, ts, _, _ := newAdminApp(t)
		c := a.browser(t, ts)
		for range 25 {
			form := registration(a, c)
			form.Set("action", "check")
			if res, _ := c.post("/en/events/new", form); res.StatusCode != http.StatusOK {
				t.Fatalf("check: %d", res.StatusCode)
			}
		}
		if n, _ := a.cal.PendingCount(ctx); n != 0 {
			t.Errorf("a check stored something: %d pending", n)
		}
		if res, doc := c.post("/en/events/new", registration(a, c)); res.StatusCode != http.StatusSeeOther {
			t.Errorf("submission after 25 checks: %d %q", res.StatusCode, texts(doc, ".error-summary"))
		}
	})
}

// TestPendingSubmissionsDoNotDrownTheClashCheck: a flood of registrations
// awaiting review on the same days, each a closer match than the
// published event, must not push the published one out of the public
// clash check: it comes first, each sender's pending events are one
// warning, at most three are listed and the rest are counted.
func TestPendingSubmissionsDoNotDrownTheClashCheck(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	ctx := context.Background()
	org := a.ev["Oslo seminar"].Organisers[0]
	submit := func(i int, email string) {
		t.Helper()
		e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Decoy %d", i)}},
			AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 1, Day: 12}, EndDate: calendar.Date{Year: 2027, Month: 1, Day: 13},
			Zone: "Europe/Oslo", Venue: "Hall", City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Conference,
			Audience: calendar.Open, Organisers: []directory.Organisation{{ID: org.ID}}, Topics: []calendar.Topic{calendar.Labour},
			Networks: a.ev["Oslo seminar"].Networks}
		sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Decoy", SubmitterEmail: email}
		if _, err := a.cal.Submit(ctx, &e, &sub); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, sender := range []string{"flood-a@example.org", "Flood-B@example.org"} {
		for range calendar.MaxPendingPerEmail {
			submit(n, sender)
			n++
		}
	}
	for i := range 6 {
		submit(n, fmt.Sprintf("single%d@example.org", i))
		n++
	}
	b := a.browser(t, ts)
	form := registration(a, b)
	form.Set("action", "check")
	res, doc := b.post("/en/events/new", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("check: %d", res.StatusCode)
	}
	items := doc.Find("#clash-report li.warning")
	first := items.First()
	if href, _ := first.Find("a").Attr("href"); href != fmt.Sprintf("/en/events/%d", a.ev["Oslo seminar"].ID) {
		t.Errorf("first warning %q (%s), want the published Oslo seminar", strings.TrimSpace(first.Text()), href)
	}
	var pending []string
	items.Each(func(_ int, s *goquery.Selection) {
		if s.Find("a").Length() == 0 && strings.Contains(s.Text(), "awaiting review") {
			pending = append(pending, strings.Join(strings.Fields(s.Find("span[lang]").Text()), " "))
		}
	})
	want := []string{"10 events awaiting review from one sender", "10 events awaiting review from one sender", "An event awaiting review"}
	if strings.Join(pending, "|") != strings.Join(want, "|") {
		t.Errorf("pending warnings %q, want %q", pending, want)
	}
	if got := strings.TrimSpace(doc.Find("#clash-report .more-pending").Text()); got != "And 5 more events awaiting review." {
		t.Errorf("more pending: %q", got)
	}
	for _, lv := range texts(doc, "#clash-report li.warning:not(:first-child) .level-badge") {
		if lv == "Serious" {
			t.Errorf("a pending event's warning is serious")
		}
	}
}

// TestManageLinkEditsAreLimited: 25 saves in a row with one manage link
// used to all go through, each raising SEQUENCE; now a few pass and the
// rest are refused with a message in the reader's language.
func TestManageLinkEditsAreLimited(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	r := register(t, a, org, ts, registration(a, org))
	saved, refused := 0, 0
	var msg string
	for i := range 25 {
		_, doc := org.get(r.manage)
		form := formFields(doc, "form.event-form")
		form.Set("title_en", fmt.Sprintf("Edit %d", i))
		form.Set("start_date", fmt.Sprintf("2027-02-%02d", 1+i))
		form.Set("end_date", fmt.Sprintf("2027-02-%02d", 1+i))
		res, doc := org.post(r.manage, form)
		switch res.StatusCode {
		case http.StatusSeeOther:
			saved++
		case http.StatusTooManyRequests:
			if refused++; refused == 1 {
				msg = strings.Join(strings.Fields(doc.Find("main").Text()), " ")
			}
		default:
			t.Fatalf("save %d: %d %q", i, res.StatusCode, texts(doc, ".error-summary, .field-error"))
		}
	}
	e, err := a.db.EventByID(context.Background(), r.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("25 saves: %d saved, %d refused, SEQUENCE %d → %d", saved, refused, r.ev.Sequence, e.Sequence)
	if saved > 5 || e.Sequence-r.ev.Sequence > 5 {
		t.Errorf("%d of 25 saves went through (SEQUENCE %d → %d)", saved, r.ev.Sequence, e.Sequence)
	}
	if refused > 0 && !strings.Contains(msg, "saved several times in a short while") {
		t.Errorf("refusal message: %q", msg)
	}
}

// TestManageLinkDailyCap: the daily cap is kept with the submission, so it
// holds across restarts and instances, where the in-memory limiter does not.
func TestManageLinkDailyCap(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	org := a.ev["Oslo seminar"].Organisers[0]
	e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Capped"}},
		AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 4, Day: 1}, EndDate: calendar.Date{Year: 2027, Month: 4, Day: 1},
		Zone: "Europe/Oslo", City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Meeting,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: org.ID}}}
	sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Cap", SubmitterEmail: "cap@example.org"}
	receipt, err := a.cal.Submit(ctx, &e, &sub)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(cal *calendar.Service, i int) error {
		_, cur, err := cal.ByToken(ctx, receipt.Token)
		if err != nil {
			t.Fatal(err)
		}
		next := cur
		next.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Capped %d", i)}}
		return cal.EditByToken(ctx, receipt.Token, &next, false)
	}
	for i := range calendar.MaxEditsPerDay {
		if err := edit(a.cal, i); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	err = edit(a.cal, 99)
	if ae, ok := err.(*apperr.Error); !ok || ae.Kind != apperr.RateLimited || ae.MsgID != "manage.edits_per_day" {
		t.Errorf("edit over the daily cap: %v", err)
	}
	if err := a.cal.CancelByToken(ctx, receipt.Token); err == nil {
		t.Error("a cancellation over the daily cap went through")
	}
	tomorrow := calendar.NewService(a.db, a.db, "test.example.org", func() time.Time { return now.Add(24 * time.Hour) })
	if err := edit(tomorrow, 100); err != nil {
		t.Errorf("edit the next day: %v", err)
	}
}
