// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// registration is a complete, valid registration form: a conference in
// Oslo on 12–13 January 2027, overlapping the fixture "Oslo seminar".
func registration(a *app, b *browser) url.Values {
	return url.Values{
		"_csrf":            {b.token("/en/events/new")},
		"title_en":         {"Nordic labour trafficking conference"},
		"description_en":   {"Two days on labour exploitation."},
		"category":         {"conference"},
		"all_day":          {"on"},
		"start_date":       {"2027-01-12"},
		"end_date":         {"2027-01-13"},
		"attendance":       {"onsite"},
		"city":             {"Oslo"},
		"country":          {"NO"},
		"audience":         {"open"},
		"organiser":        {strconv.FormatInt(a.ev["Oslo seminar"].Organisers[0].ID, 10)},
		"topics":           {"labour"},
		"submitter_name":   {"Kari Nordmann"},
		"submitter_email":  {"kari@example.org"},
		"action":           {"submit"},
		"registration_url": {"https://example.org/reg"},
	}
}

func feedEvents(t *testing.T, b *browser) map[string]*ics.VEvent {
	t.Helper()
	res, err := b.c.Get(b.base + "/feeds/events.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	_, evs := parseFeed(t, readAll(t, res.Body))
	return evs
}

// TestRegistrationFlow follows one event from the public form through
// moderation into the feed, then an edit and a cancellation by its organiser.
func TestRegistrationFlow(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)

	// 1. The clash check before submitting shows the overlapping seminar.
	form := registration(a, org)
	form.Set("action", "check")
	res, doc := org.post("/en/events/new", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("check: %d", res.StatusCode)
	}
	warnings := texts(doc, "#clash-report .warning")
	if len(warnings) == 0 || !strings.Contains(strings.Join(warnings, " "), "Oslo seminar") {
		t.Fatalf("clash report does not name the Oslo seminar: %q", warnings)
	}
	if v, _ := doc.Find("#title_en").Attr("value"); v != "Nordic labour trafficking conference" {
		t.Errorf("check lost the title: %q", v)
	}
	// Levels and categories read in lower case inside sentences.
	if summary := doc.Find("#clash-report p strong").Parent().Text(); !strings.Contains(summary, "Most serious: serious.") &&
		!strings.Contains(summary, "Most serious: moderate.") && !strings.Contains(summary, "Most serious: minor.") {
		t.Errorf("worst level in running text: %q", summary)
	}

	// 2. Submitting stores a pending event and shows the manage link.
	form.Set("action", "submit")
	res, _ = org.post("/en/events/new", form)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "/en/manage/") {
		t.Fatalf("submit: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	manage := strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1")
	_, doc = org.get(res.Header.Get("Location"))
	if link := doc.Find("#manage-link").Text(); !strings.HasSuffix(link, manage) {
		t.Errorf("confirmation shows %q, want the manage link %s", link, manage)
	}
	if st := doc.Find(".state").Text(); st != "Waiting for review" {
		t.Errorf("state = %q", st)
	}
	pending, err := a.cal.Pending(context.Background())
	if err != nil || len(pending) != 1 {
		t.Fatalf("queue: %v %v", pending, err)
	}
	ev, sub := pending[0].Event, pending[0].Submission
	if ev.Status != calendar.Pending || sub.SubmitterEmail != "kari@example.org" || len(sub.Warnings) == 0 {
		t.Fatalf("stored: status %s, email %q, %d warnings", ev.Status, sub.SubmitterEmail, len(sub.Warnings))
	}
	// Pending: not on public pages, feeds or the API.
	if _, ok := feedEvents(t, org)[ev.UID]; ok {
		t.Error("pending event in the feed")
	}
	if r, _ := org.get("/en/events/" + strconv.FormatInt(ev.ID, 10)); r.StatusCode != http.StatusNotFound {
		t.Errorf("pending event page: %d", r.StatusCode)
	}
	if r, _ := org.get("/api/v1/events?q=labour+trafficking+conference"); r.StatusCode != http.StatusOK {
		t.Errorf("api: %d", r.StatusCode)
	}

	// 3. The secretariat sees it in the queue and approves it.
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	_, doc = sec.get("/admin/moderation")
	if !strings.Contains(doc.Find("table.data").Text(), "Nordic labour trafficking conference") {
		t.Fatal("queue does not list the submission")
	}
	path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
	_, doc = sec.get(path)
	if !strings.Contains(doc.Find(".admin-event").Text(), "kari@example.org") {
		t.Error("moderator does not see the submitter")
	}
	res, _ = sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(ev.Version)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	fe := feedEvents(t, org)[ev.UID]
	if fe == nil || prop(fe, ics.ComponentPropertyStatus) != "CONFIRMED" {
		t.Fatalf("approved event not confirmed in the feed: %v", fe)
	}
	seq0 := prop(fe, ics.ComponentPropertySequence)
	// The submitter's contact never reaches the feed.
	if strings.Contains(prop(fe, ics.ComponentPropertyOrganizer)+prop(fe, ics.ComponentPropertyDescription), "kari@example.org") {
		t.Error("submitter e-mail in the feed")
	}

	// 4. The organiser moves it by a day with the manage link: SEQUENCE rises.
	_, doc = org.get(manage)
	version, _ := doc.Find("input[name=version]").Attr("value")
	edit := registration(a, org)
	edit.Set("_csrf", org.token(manage))
	edit.Set("version", version)
	edit.Set("start_date", "2027-01-13")
	edit.Set("end_date", "2027-01-14")
	res, doc = org.post(manage, edit)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	fe = feedEvents(t, org)[ev.UID]
	if seq := prop(fe, ics.ComponentPropertySequence); seq == seq0 || seq == "" {
		t.Errorf("SEQUENCE %q after the edit, was %q", seq, seq0)
	}
	if d := prop(fe, ics.ComponentPropertyDtStart); d != "20270113" {
		t.Errorf("DTSTART after edit = %q", d)
	}

	// A stale version is refused, not lost.
	edit.Set("_csrf", org.token(manage))
	res, doc = org.post(manage, edit)
	if res.StatusCode != http.StatusConflict {
		t.Errorf("stale edit: %d", res.StatusCode)
	}

	// 5. The organiser cancels: unconfirmed, nothing happens; confirmed,
	// the event stays in the feed as CANCELLED.
	res, doc = org.post(manage+"/cancel", url.Values{"_csrf": {org.token(manage)}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#confirm_cancel-error").Length() != 1 {
		t.Errorf("unconfirmed cancel: %d", res.StatusCode)
	}
	if fe = feedEvents(t, org)[ev.UID]; prop(fe, ics.ComponentPropertyStatus) == "CANCELLED" {
		t.Fatal("an unconfirmed cancel cancelled the event")
	}
	res, _ = org.post(manage+"/cancel", url.Values{"_csrf": {org.token(manage)}, "confirm_cancel": {"on"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", res.StatusCode)
	}
	fe = feedEvents(t, org)[ev.UID]
	if fe == nil || prop(fe, ics.ComponentPropertyStatus) != "CANCELLED" {
		t.Fatalf("cancelled event: %v", fe)
	}
	_, doc = org.get("/en/events/" + strconv.FormatInt(ev.ID, 10))
	if !strings.Contains(doc.Text(), "Cancelled") {
		t.Error("event page does not say cancelled")
	}
	// Every step is in the audit trail.
	adm := a.browser(t, ts)
	adm.login("admin@example.org", testPassword)
	_, doc = adm.get("/admin/audit?type=event")
	for _, action := range []string{"Event registered", "Event approved", "Event changed", "Event cancelled"} {
		if !strings.Contains(doc.Text(), action) {
			t.Errorf("audit trail lacks %q", action)
		}
	}
}

func TestRegistrationValidationKeepsInput(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	tests := []struct {
		name  string
		edit  func(url.Values)
		field string
	}{
		{"no title", func(v url.Values) { v.Del("title_en") }, "title_en"},
		{"end before start", func(v url.Values) { v.Set("end_date", "2027-01-10") }, "end"},
		{"malformed date", func(v url.Values) { v.Set("start_date", "12.1.2027") }, "start"},
		{"timed without times", func(v url.Values) { v.Del("all_day") }, "start"},
		{"javascript URL", func(v url.Values) { v.Set("registration_url", "javascript:alert(1)") }, "registration_url"},
		{"bad e-mail", func(v url.Values) { v.Set("submitter_email", "kari at example") }, "submitter_email"},
		{"no organiser", func(v url.Values) { v.Del("organiser") }, "organiser"},
		{"unknown zone", func(v url.Values) {
			v.Del("all_day")
			v.Set("start_time", "09:00")
			v.Set("end_time", "10:00")
			v.Set("zone", "Mars/Olympus")
		}, "zone"},
		{"huge title", func(v url.Values) { v.Set("title_en", strings.Repeat("x", 5000)) }, "title_en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := registration(a, b)
			tt.edit(form)
			res, doc := b.post("/en/events/new", form)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			if doc.Find("#"+tt.field+"-error").Length() != 1 {
				t.Errorf("no message next to %s; errors: %q", tt.field, texts(doc, ".field-error"))
			}
			if v, _ := doc.Find("#submitter_name").Attr("value"); v != "Kari Nordmann" {
				t.Errorf("form lost the name: %q", v)
			}
			pending, _ := a.cal.Pending(context.Background())
			if len(pending) != 0 {
				t.Errorf("an invalid submission was stored")
			}
		})
	}
}

func TestRegistrationAbuseGuards(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	t.Run("honeypot", func(t *testing.T) {
		form := registration(a, b)
		form.Set("homepage", "http://spam.example")
		res, doc := b.post("/en/events/new", form)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(doc.Text(), "visible fields") {
			t.Errorf("honeypot: %d", res.StatusCode)
		}
	})
	t.Run("pending cap per e-mail", func(t *testing.T) {
		var last *http.Response
		for i := 0; i <= calendar.MaxPendingPerEmail; i++ {
			form := registration(a, b)
			form.Set("submitter_email", "busy@example.org")
			last, _ = b.post("/en/events/new", form)
		}
		if last.StatusCode != http.StatusTooManyRequests {
			t.Errorf("submission over the cap: %d", last.StatusCode)
		}
	})
}

func TestHoldBecomesTentativeAndCanBeConfirmed(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	form := url.Values{"_csrf": {org.token("/fi/events/new")}, "hold": {"on"}, "title_fi": {"Pohjoismainen verkostotapaaminen"},
		"category": {"meeting"}, "all_day": {"on"}, "start_date": {"2027-09-14"}, "end_date": {"2027-09-15"},
		"organiser":      {strconv.FormatInt(a.ev["Oslo seminar"].Organisers[0].ID, 10)},
		"submitter_name": {"Matti Mäkelä"}, "submitter_email": {"matti@example.org"}, "action": {"submit"}}
	res, doc := org.post("/fi/events/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("hold: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	manage := strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1")
	pending, _ := a.cal.Pending(context.Background())
	ev := pending[0].Event
	if err := a.cal.Approve(context.Background(), actorForTest, calendar.Moderation{EventID: ev.ID, Version: ev.Version}); err != nil {
		t.Fatal(err)
	}
	fe := feedEvents(t, org)[ev.UID]
	if prop(fe, ics.ComponentPropertyStatus) != "TENTATIVE" {
		t.Fatalf("hold in feed: %q", prop(fe, ics.ComponentPropertyStatus))
	}
	_, doc = org.get(manage)
	version, _ := doc.Find("input[name=version]").Attr("value")
	form.Set("_csrf", org.token(manage))
	form.Set("version", version)
	form.Set("confirm", "on")
	form.Set("city", "Reykjavík")
	form.Set("country", "IS")
	if res, doc := org.post(manage, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	if s := prop(feedEvents(t, org)[ev.UID], ics.ComponentPropertyStatus); s != "CONFIRMED" {
		t.Errorf("confirmed hold: %q", s)
	}
}

func TestRejectAndMerge(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	submit := func(title string) (calendar.Event, string) {
		form := registration(a, org)
		form.Set("title_en", title)
		res, _ := org.post("/en/events/new", form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit %s: %d", title, res.StatusCode)
		}
		pending, _ := a.cal.Pending(context.Background())
		return pending[len(pending)-1].Event, strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1")
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	rej, rejLink := submit("Spam event")
	path := "/admin/events/" + strconv.FormatInt(rej.ID, 10)
	res, doc := sec.post(path+"/reject", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(rej.Version)}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#reason-error").Length() != 1 {
		t.Errorf("reject without reason: %d", res.StatusCode)
	}
	res, _ = sec.post(path+"/reject", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(rej.Version)},
		"reason": {"Not related to trafficking."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", res.StatusCode)
	}
	_, doc = org.get(rejLink)
	// A rejected registration shows the reason and can be corrected and
	// sent again (TestResubmitAfterRejection), but not cancelled.
	if !strings.Contains(doc.Text(), "Not related to trafficking.") ||
		!strings.Contains(doc.Find("form.event-form button[type=submit]").Text(), "Send for review again") ||
		doc.Find(`form[action$="/cancel"]`).Length() != 0 {
		t.Error("rejected submission: reason missing, no resubmission offered, or cancellable")
	}
	dup, dupLink := submit("Oslo seminar again")
	path = "/admin/events/" + strconv.FormatInt(dup.ID, 10)
	res, _ = sec.post(path+"/merge", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(dup.Version)},
		"merge_into": {strconv.FormatInt(a.ev["Oslo seminar"].ID, 10)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	_, doc = org.get(dupLink)
	if href, _ := doc.Find(".manage a[href^='/en/events/']").Attr("href"); href != "/en/events/"+strconv.FormatInt(a.ev["Oslo seminar"].ID, 10) {
		t.Errorf("merged submission points to %q", href)
	}
	// Deciding twice is refused.
	res, _ = sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(dup.Version + 1)}})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("second decision: %d", res.StatusCode)
	}
}

func TestClashAPI(t *testing.T) {
	a := newApp(t)
	tests := []struct {
		name   string
		query  string
		status int
		check  func(t *testing.T, r map[string]any)
	}{
		{"Oslo seminar overlaps and 17 May is Norway's national day", "start=2027-01-13&end=2027-01-13&country=NO&category=seminar&lang=en", 200,
			func(t *testing.T, r map[string]any) {
				ws := r["warnings"].([]any)
				if len(ws) == 0 || ws[0].(map[string]any)["title"] != "Oslo seminar" {
					t.Errorf("warnings = %v", ws)
				}
			}},
		{"Constitution Day", "start=2027-05-17&country=NO&lang=no", 200, func(t *testing.T, r map[string]any) {
			// 17 May 2027 is also Whit Monday.
			ws := r["warnings"].([]any)
			if len(ws) != 2 || ws[0].(map[string]any)["kind"] != "holiday" || ws[0].(map[string]any)["level"] != "high" ||
				ws[0].(map[string]any)["title"] != "Grunnlovsdagen" {
				t.Errorf("warnings = %v", ws)
			}
			if len(r["alternatives"].([]any)) == 0 {
				t.Error("no alternatives")
			}
		}},
		{"Midsummer Eve is a day off in Sweden, not a public holiday", "start=2027-06-25&country=SE&lang=sv", 200, func(t *testing.T, r map[string]any) {
			var reasons []string
			for _, w := range r["warnings"].([]any) {
				if w.(map[string]any)["kind"] == "holiday" {
					for _, x := range w.(map[string]any)["reasons"].([]any) {
						reasons = append(reasons, x.(string))
					}
				}
			}
			if !slices.Contains(reasons, "Ledig dag i Sverige: ingen allmän helgdag, men kontoren brukar vara stängda") {
				t.Errorf("reasons = %q", reasons)
			}
			for _, x := range reasons {
				if strings.Contains(x, "Helgdag") {
					t.Errorf("a day off must not be called a public holiday: %q", x)
				}
			}
		}},
		{"timed in a zone", "start=2026-11-26T10:00&end=2026-11-26T12:00&zone=Europe/Helsinki&country=FI", 200, func(t *testing.T, r map[string]any) {
			if len(r["warnings"].([]any)) == 0 {
				t.Error("no clash with the Helsinki conference")
			}
		}},
		{"pending events are counted but not named", "start=2026-11-26&country=SE", 200, func(t *testing.T, r map[string]any) {
			for _, w := range r["warnings"].([]any) {
				if w.(map[string]any)["title"] == "Pending submission" {
					t.Error("pending title leaked")
				}
			}
		}},
		{"missing start", "country=NO", 400, nil},
		{"bad date", "start=2027-02-30", 400, nil},
		{"end before start", "start=2027-02-03&end=2027-02-01", 400, nil},
		{"unknown network", "start=2027-02-03&network=nope", 400, nil},
		{"unknown zone", "start=2027-02-03T10:00&end=2027-02-03T11:00&zone=Nowhere/Else", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.get(t, "/api/v1/clashes?"+tt.query, tt.status)
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, body)
			}
		})
	}
}

var actorForTest = audit.Actor{ID: 1, Email: "admin@example.org"}

// TestEveryAPIRouteIsDocumented reads the route table, so that a new API
// route cannot ship without its entry in the OpenAPI document.
func TestEveryAPIRouteIsDocumented(t *testing.T) {
	a := newApp(t)
	var spec struct {
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(a.get(t, "/api/v1/openapi.json", http.StatusOK).Body.Bytes(), &spec); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range a.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method != http.MethodGet {
			continue
		}
		n++
		// echo's /events/:id is OpenAPI's /events/{id}.
		path := strings.TrimPrefix(r.Path, "/api/v1")
		for _, part := range strings.Split(path, "/") {
			if strings.HasPrefix(part, ":") {
				path = strings.Replace(path, part, "{"+part[1:]+"}", 1)
			}
		}
		if _, ok := spec.Paths[path]; !ok {
			t.Errorf("%s is not in openapi.json", r.Path)
		}
	}
	if n < 3 {
		t.Errorf("found only %d API routes", n)
	}
}

// TestConcurrentSubmissionsLoseNone sends many submissions at once (as a
// busy registration deadline would): every one is stored, none fails with
// "database is locked".
func TestConcurrentSubmissionsLoseNone(t *testing.T) {
	a := newApp(t)
	org := a.ev["Oslo seminar"].Organisers[0]
	const workers, each = 8, 6
	errs := make(chan error, workers*each)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Load %d-%d", w, i)}},
					AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 4, Day: 1 + i}, EndDate: calendar.Date{Year: 2027, Month: 4, Day: 1 + i},
					Zone: "Europe/Oslo", City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Meeting,
					Audience: calendar.Open, Organisers: []directory.Organisation{{ID: org.ID}}}
				sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Load", SubmitterEmail: fmt.Sprintf("w%d@example.org", w)}
				_, err := a.cal.Submit(context.Background(), &e, &sub)
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	pending, err := a.cal.Pending(context.Background())
	if err != nil || len(pending) != workers*each {
		t.Errorf("stored %d of %d submissions (%v)", len(pending), workers*each, err)
	}
}

// TestClashAPIExcludedEventTakesNoDays checks that an event checked against
// the calendar (exclude, as when it is edited) does not rule out the days
// around itself for the free-date suggestions.
func TestClashAPIExcludedEventTakesNoDays(t *testing.T) {
	a := newApp(t)
	seminar := a.ev["Oslo seminar"]
	alternatives := func(exclude string) []calendar.Alternative {
		var body struct {
			Alternatives []struct{ First, Last string } `json:"alternatives"`
		}
		q := "/api/v1/clashes?start=2027-01-12&end=2027-01-14&country=NO&category=seminar&lang=en" + exclude
		if err := json.Unmarshal(a.get(t, q, http.StatusOK).Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		var out []calendar.Alternative
		for _, x := range body.Alternatives {
			first, err1 := calendar.ParseDate(x.First)
			last, err2 := calendar.ParseDate(x.Last)
			if err1 != nil || err2 != nil {
				t.Fatalf("alternative %+v", x)
			}
			out = append(out, calendar.Alternative{First: first, Last: last})
		}
		return out
	}
	overlaps := func(as []calendar.Alternative) bool {
		for _, x := range as {
			if !x.Last.Before(seminar.StartDate) && !seminar.EndDate.Before(x.First) {
				return true
			}
		}
		return false
	}
	if as := alternatives(""); len(as) == 0 || overlaps(as) {
		t.Errorf("another seminar's days are suggested: %+v", as)
	}
	if as := alternatives(fmt.Sprintf("&exclude=%d", seminar.ID)); !overlaps(as) {
		t.Errorf("the excluded seminar still rules out its own days: %+v", as)
	}
}

func TestClashAPIByIDs(t *testing.T) {
	a := newApp(t)
	net := a.ev["Oslo seminar"].Networks[0]
	q := fmt.Sprintf("start=2027-01-13&country=DK&category=meeting&network_id=%d&lang=en", net.ID)
	var body struct {
		Warnings []struct {
			Title   string   `json:"title"`
			Reasons []string `json:"reasons"`
		} `json:"warnings"`
	}
	if err := json.Unmarshal(a.get(t, "/api/v1/clashes?"+q, http.StatusOK).Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Warnings) == 0 || !strings.Contains(strings.Join(body.Warnings[0].Reasons, ","), "The same network") {
		t.Errorf("network by ID not weighed: %+v", body.Warnings)
	}
	a.get(t, "/api/v1/clashes?start=2027-01-13&network_id=999999", http.StatusBadRequest)
	a.get(t, "/api/v1/clashes?start=2027-01-13&organiser_id=x", http.StatusBadRequest)
}
