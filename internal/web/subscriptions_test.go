// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

var subscriptionLinkRE = regexp.MustCompile(`https://nordcal\.example\.org/(fi|sv|da|no|en)/subscriptions/[A-Za-z0-9_-]{43}`)

// clock is a test clock that can move.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// "Get these events by e-mail": double opt-in, a weekly digest of new
// matching events, one change notice with the .ics the feed has, one-click
// unsubscription; each mail in the subscriber's language.
func TestEmailSubscriptionFromOptInToUnsubscribe(t *testing.T) {
	for _, l := range []lang.Code{lang.FI, lang.SV} {
		t.Run(string(l), func(t *testing.T) {
			a, ts, _, _ := newAdminApp(t)
			srv := mailtest.Start(t, mailtest.Options{})
			m := withNotices(t, a, srv)
			clk := &clock{t: now}
			m.Now = clk.now
			subs := a.srv.Subscriptions
			loc := a.bundle.For(l)
			b := a.browser(t, ts)
			email := "nina." + string(l) + "@example.org"

			_, doc := b.get("/" + string(l) + "/subscribe?country=NO")
			href := doc.Find(".by-email a").AttrOr("href", "")
			if href != "/"+string(l)+"/subscribe/email?country=NO" {
				t.Fatalf("subscribe page offers %q", href)
			}
			_, doc = b.get(href)
			action := doc.Find("form[method=post]").AttrOr("action", "")
			res, _ := b.post(action, url.Values{"_csrf": {b.token(href)}, "email": {email}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("subscribe: %d", res.StatusCode)
			}
			_, doc = b.get(res.Header.Get("Location"))
			if !strings.Contains(doc.Find("main").Text(), loc.T("subscription.sent")) {
				t.Errorf("no confirmation notice")
			}
			got := mailsTo(t, a, srv, email)
			if len(got) != 1 || got[0].Subject != loc.T("subscription.mail.confirm.subject") {
				t.Fatalf("confirmation mail: %d", len(got))
			}
			if want := loc.T("subscription.mail.confirm.lead", "Summary", loc.T("country.NO")); !strings.Contains(got[0].Text, want) {
				t.Errorf("confirmation does not name the filter %q:\n%s", want, got[0].Text)
			}
			if s, _ := a.db.Subscriptions().SubscriptionsOf(context.Background(), email); len(s) != 1 || s[0].Filter != "country=NO" {
				t.Fatalf("stored %+v", s)
			}
			link := subscriptionLinkRE.FindString(got[0].Text)
			page := strings.TrimPrefix(link, "https://nordcal.example.org")
			if !strings.HasPrefix(page, "/"+string(l)+"/") {
				t.Fatalf("link %q", link)
			}
			// Nothing is sent before the confirmation.
			ev := registerIn(t, a, a.browser(t, ts), lang.EN, "Nordic police network meeting", "org@example.org")
			sec := a.browser(t, ts)
			sec.login("editor@example.org", testPassword)
			path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
			post(t, sec, path+"/approve", url.Values{"version": {strconv.Itoa(ev.Version)}})
			clk.set(now.AddDate(0, 0, 7))
			if err := subs.Due(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := len(mailsTo(t, a, srv, email)); n != 1 {
				t.Fatalf("%d mails before confirming", n)
			}

			// Confirm with the button on the private page (the link alone
			// changes nothing, for mail scanners that open links).
			clk.set(now)
			_, doc = b.get(page)
			if doc.Find(`form[action$="/confirm"]`).Length() != 1 {
				t.Fatalf("no confirm button: %q", texts(doc, "main"))
			}
			res, _ = b.post(page+"/confirm", url.Values{"_csrf": {b.token(page)}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("confirm: %d", res.StatusCode)
			}
			_, doc = b.get(page)
			if !strings.Contains(doc.Find("main").Text(), loc.T("subscription.state.active")) {
				t.Errorf("not active after confirming")
			}

			// A new matching event the next week: one digest, on Monday.
			ev2 := registerIn(t, a, a.browser(t, ts), lang.EN, "Oslo training on labour exploitation", "org2@example.org")
			path2 := "/admin/events/" + strconv.FormatInt(ev2.ID, 10)
			post(t, sec, path2+"/approve", url.Values{"version": {strconv.Itoa(ev2.Version)}})
			// and one in Finland, which the filter leaves out.
			fin := a.ev["Helsinki conference"]
			fin.ID, fin.UID, fin.Version = 0, "", 0
			fin.OriginalLang = lang.EN
			fin.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: "Helsinki seminar, not in Norway"}}
			if err := a.cal.Create(context.Background(), &fin); err != nil {
				t.Fatal(err)
			}
			clk.set(now.Add(3 * 24 * time.Hour)) // Thursday: no digest yet
			_ = subs.Due(context.Background())
			if n := len(mailsTo(t, a, srv, email)); n != 1 {
				t.Fatalf("%d mails in mid-week", n)
			}
			clk.set(now.AddDate(0, 0, 7))
			_ = subs.Due(context.Background())
			_ = subs.Due(context.Background())
			got = mailsTo(t, a, srv, email)
			if len(got) != 2 {
				t.Fatalf("%d mails after the week, want one digest", len(got))
			}
			dig := got[1]
			if dig.Subject != loc.N("subscription.mail.digest.subject", 1) || !strings.Contains(dig.Text, "Oslo training on labour exploitation") ||
				strings.Contains(dig.Text, "Nordic police network meeting") || strings.Contains(dig.Text, "not in Norway") {
				t.Errorf("digest %q:\n%s", dig.Subject, dig.Text)
			}
			oneClick := "<https://nordcal.example.org/" + string(l) + "/subscriptions/" + page[strings.LastIndex(page, "/")+1:] + "/unsubscribe/one-click>"
			if dig.Header.Get("List-Unsubscribe") != oneClick || dig.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
				t.Errorf("list headers %q %q", dig.Header.Get("List-Unsubscribe"), dig.Header.Get("List-Unsubscribe-Post"))
			}

			// Both events move: one change notice, with both in one .ics
			// as the feed has them.
			for _, p := range []string{path, path2} {
				_, doc = sec.get(p)
				form := formFields(doc, "form.event-form")
				form.Set("start_date", "2027-02-02")
				form.Set("end_date", "2027-02-03")
				if res, doc := sec.post(p, form); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("edit: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
				}
			}
			_ = subs.Due(context.Background())
			_ = subs.Due(context.Background())
			got = mailsTo(t, a, srv, email)
			if len(got) != 3 {
				t.Fatalf("%d mails after the changes, want one change notice", len(got))
			}
			ch := got[2]
			if ch.Subject != loc.N("subscription.mail.changed.subject", 2) || len(ch.Attachments) != 1 || ch.Attachments[0].Name != "events.ics" {
				t.Fatalf("change notice %q, %d attachments", ch.Subject, len(ch.Attachments))
			}
			cal, err := ics.ParseCalendar(strings.NewReader(string(ch.Attachments[0].Data)))
			if err != nil {
				t.Fatal(err)
			}
			if method := cal.CalendarProperties; !strings.Contains(string(ch.Attachments[0].Data), "METHOD:PUBLISH") {
				t.Errorf("no METHOD:PUBLISH: %v", method)
			}
			inFeed := feedEvents(t, b)
			if len(cal.Events()) != 2 {
				t.Fatalf("%d events in the .ics", len(cal.Events()))
			}
			for _, ve := range cal.Events() {
				fe := inFeed[ve.Id()]
				if fe == nil || prop(fe, ics.ComponentPropertySequence) != prop(ve, ics.ComponentPropertySequence) ||
					prop(ve, ics.ComponentPropertySequence) == "0" {
					t.Errorf("event %s: sequence %q, feed %v", ve.Id(), prop(ve, ics.ComponentPropertySequence), fe != nil)
				}
			}

			// One-click unsubscription, as a mail provider posts it.
			req, _ := http.NewRequest(http.MethodPost, ts.URL+strings.Trim(strings.TrimPrefix(oneClick, "<https://nordcal.example.org"), ">"),
				strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err = ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("one-click: %d", res.StatusCode)
			}
			if res, _ := b.get(page); res.StatusCode != http.StatusNotFound {
				t.Errorf("private page after unsubscribing: %d", res.StatusCode)
			}
			if left, _ := a.db.Subscriptions().SubscriptionsOf(context.Background(), email); len(left) != 0 {
				t.Errorf("%d subscriptions left", len(left))
			}
		})
	}
}

// An unconfirmed subscription's link expires after 48 hours and the row
// is gone after a week; a second subscription to the same events tells the
// address so instead of adding one; the answer never says which happened.
func TestEmailSubscriptionExpiresAndDoesNotDuplicate(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	m := withNotices(t, a, srv)
	clk := &clock{t: now}
	m.Now = clk.now
	b := a.browser(t, ts)
	ask := func(email string) string {
		res, _ := b.post("/en/subscribe/email?category=conference", url.Values{"_csrf": {b.token("/en/subscribe/email")}, "email": {email}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("subscribe: %d", res.StatusCode)
		}
		return res.Header.Get("Location")
	}
	first := ask("olli@example.org")
	got := mailsTo(t, a, srv, "olli@example.org")
	page := strings.TrimPrefix(subscriptionLinkRE.FindString(got[0].Text), "https://nordcal.example.org")
	clk.set(now.Add(49 * time.Hour))
	if res, _ := b.get(page); res.StatusCode != http.StatusNotFound {
		t.Errorf("expired confirmation link: %d", res.StatusCode)
	}
	clk.set(now.Add(8 * 24 * time.Hour))
	if err := a.srv.Subscriptions.Due(context.Background()); err != nil {
		t.Fatal(err)
	}
	if left, _ := a.db.Subscriptions().SubscriptionsOf(context.Background(), "olli@example.org"); len(left) != 0 {
		t.Errorf("unconfirmed subscription kept after a week: %d", len(left))
	}
	// Confirmed, then asked again: a mail pointing to the existing one.
	clk.set(now)
	ask("olli@example.org")
	got = mailsTo(t, a, srv, "olli@example.org")
	page = strings.TrimPrefix(subscriptionLinkRE.FindString(got[1].Text), "https://nordcal.example.org")
	if res, _ := b.post(page+"/confirm", url.Values{"_csrf": {b.token(page)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	again := ask("OLLI@example.org")
	if again != first {
		t.Errorf("answers differ: %q %q", again, first)
	}
	got = mailsTo(t, a, srv, "olli@example.org")
	if len(got) != 3 || got[2].Subject != a.bundle.For(lang.EN).T("subscription.mail.already.subject") ||
		!strings.Contains(got[2].Text, page) {
		t.Fatalf("second request: %d mails", len(got))
	}
	if subs, _ := a.db.Subscriptions().SubscriptionsOf(context.Background(), "olli@example.org"); len(subs) != 1 {
		t.Errorf("%d subscriptions for one address and filter", len(subs))
	}
}

// TestWithoutSubscriptionsTheirRoutesAreNotFound: a server run without
// e-mail subscriptions or staff notices answers 404 on their routes and
// offers nothing on the subscribe page.
func TestWithoutSubscriptionsTheirRoutesAreNotFound(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/fi/subscribe/email", "/fi/subscribe/email/unsubscribed", "/fi/subscriptions/abc"} {
		a.get(t, p, http.StatusNotFound)
	}
	if rec := a.do(t, http.MethodPost, "/fi/subscriptions/abc/unsubscribe/one-click"); rec.Code != http.StatusNotFound {
		t.Errorf("one-click unsubscribe without subscriptions: %d, want 404", rec.Code)
	}
	if doc := a.page(t, "/fi/subscribe", http.StatusOK); doc.Find("p.by-email").Length() != 0 {
		t.Errorf("the subscribe page offers e-mail without subscriptions")
	}
}
