// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
	"github.com/nordcal/nordcal/internal/notify"
)

// forwardNotices is the calendar's notifier in web tests: it passes
// notices to the Mailer a test sets, and drops them before.
type forwardNotices struct {
	mu sync.Mutex
	to calendar.Notifier
}

func (f *forwardNotices) Notify(ctx context.Context, n calendar.Notice) {
	f.mu.Lock()
	to := f.to
	f.mu.Unlock()
	if to != nil {
		to.Notify(ctx, n)
	}
}

// withNotices gives a the real mail queue, sending to srv, and the
// notices around it, as cmd/nordcal wires them.
func withNotices(t *testing.T, a *app, srv *mailtest.Server) *notify.Mailer {
	t.Helper()
	q := mail.NewQueue(a.db.MailQueue(), srv.Sender(nil), mail.Options{Poll: 50 * time.Millisecond, Backoff: 50 * time.Millisecond,
		Domain: "nordcal.example.org"})
	base, _ := url.Parse("https://nordcal.example.org")
	m := &notify.Mailer{Bundle: a.bundle, Outbox: q, BaseURL: base, Staff: a.db.Notify(10), Links: a.cal,
		Now: func() time.Time { return now }, ICS: a.srv.EventsICS}
	a.srv.Mail, a.srv.Notify, a.srv.MailStats = q, m, a.db.MailQueue().Stats
	a.srv.Subscriptions = &notify.Subscriptions{Mailer: m, Store: a.db.Subscriptions(), Feed: a.cal, ICS: a.srv.EventsICS,
		DailyCap: 10, Zone: mustZone(t, "Europe/Copenhagen")}
	a.notices.mu.Lock()
	a.notices.to = m
	a.notices.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { q.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return m
}

// mailsTo waits for the queue to drain and returns the parsed mails to
// addr, in order.
func mailsTo(t *testing.T, a *app, srv *mailtest.Server, addr string) []mailtest.Parsed {
	t.Helper()
	queueDrained(t, a.db)
	var out []mailtest.Parsed
	for _, m := range srv.Messages() {
		if len(m.To) == 1 && strings.EqualFold(m.To[0], addr) {
			out = append(out, m.Parse(t))
		}
	}
	return out
}

// registerIn registers an event through the public form in language l.
func registerIn(t *testing.T, a *app, b *browser, l lang.Code, title, email string) calendar.Event {
	t.Helper()
	form := registration(a, b)
	form.Del("title_en")
	form.Del("description_en")
	form.Set("title_"+string(l), title)
	form.Set("original_lang", string(l))
	form.Set("submitter_email", email)
	form.Set("_csrf", b.token("/"+string(l)+"/events/new"))
	res, doc := b.post("/"+string(l)+"/events/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
	}
	pending, err := a.cal.Pending(context.Background())
	if err != nil || len(pending) == 0 {
		t.Fatal(pending, err)
	}
	return pending[len(pending)-1].Event
}

// htmlWords is the text of a mail's HTML part, white space folded.
func htmlWords(t *testing.T, p mailtest.Parsed) (string, *goquery.Document) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(p.HTML))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(doc.Find("body").Text()), " "), doc
}

// The submitter hears of each decision once, in the language they
// registered in, with the event's time in its own zone, threaded with the
// registration mail; the HTML part says the same as the text.
func TestSubmitterHearsOfEachDecisionInTheirLanguage(t *testing.T) {
	decisions := []struct {
		name    string
		decide  func(t *testing.T, sec *browser, path string, ev calendar.Event, a *app)
		subject string
		want    func(l lang.Code, a *app) []string
	}{
		{"approved", func(t *testing.T, sec *browser, path string, ev calendar.Event, _ *app) {
			post(t, sec, path+"/approve", url.Values{"version": {strconv.Itoa(ev.Version)}})
		}, "notify.approved.subject", func(l lang.Code, a *app) []string {
			return []string{"/" + string(l) + "/events/", "/feeds/events.ics?lang=" + string(l) + "&organiser="}
		}},
		{"rejected with a reason", func(t *testing.T, sec *browser, path string, ev calendar.Event, _ *app) {
			post(t, sec, path+"/reject", url.Values{"version": {strconv.Itoa(ev.Version)}, "reason": {"Paikka puuttuu <b>vielä</b>."}})
		}, "notify.rejected.subject", func(l lang.Code, a *app) []string {
			return []string{"Paikka puuttuu <b>vielä</b>.", "https://nordcal.example.org/" + string(l) + "/manage"}
		}},
		{"marked as a duplicate", func(t *testing.T, sec *browser, path string, ev calendar.Event, a *app) {
			post(t, sec, path+"/merge", url.Values{"version": {strconv.Itoa(ev.Version)},
				"merge_into": {strconv.FormatInt(a.ev["Oslo seminar"].ID, 10)}})
		}, "notify.merged.subject", func(l lang.Code, a *app) []string {
			return []string{"/" + string(l) + "/events/" + strconv.FormatInt(a.ev["Oslo seminar"].ID, 10)}
		}},
	}
	for _, l := range []lang.Code{lang.FI, lang.SV} {
		for _, d := range decisions {
			t.Run(string(l)+"/"+d.name, func(t *testing.T) {
				a, ts, _, _ := newAdminApp(t)
				srv := mailtest.Start(t, mailtest.Options{})
				withNotices(t, a, srv)
				org := a.browser(t, ts)
				email := "kari." + string(l) + "@example.org"
				ev := registerIn(t, a, org, l, "Työperäinen ihmiskauppa", email)
				sec := a.browser(t, ts)
				sec.login("editor@example.org", testPassword)
				d.decide(t, sec, "/admin/events/"+strconv.FormatInt(ev.ID, 10), ev, a)
				got := mailsTo(t, a, srv, email)
				if len(got) != 2 {
					t.Fatalf("%d mails, want the registration and one notice", len(got))
				}
				receipt, m := got[0], got[1]
				loc := a.bundle.For(l)
				if want := loc.T(d.subject, "Title", "Työperäinen ihmiskauppa"); m.Subject != want {
					t.Errorf("subject %q, want %q", m.Subject, want)
				}
				if m.Header.Get("Content-Language") != l.Tag() || m.Header.Get("Auto-Submitted") != "auto-generated" {
					t.Errorf("headers %v", m.Header)
				}
				thread := "<event-" + strconv.FormatInt(ev.ID, 10) + "@nordcal.example.org>"
				if m.Header.Get("References") != thread || receipt.Header.Get("References") != thread ||
					m.Header.Get("Message-ID") == receipt.Header.Get("Message-ID") {
					t.Errorf("not threaded: %q / %q", m.Header.Get("References"), receipt.Header.Get("References"))
				}
				// 12–13 January 2027 in Oslo is an all-day event: the days in words.
				when := loc.DateRange(calendar.Date{Year: 2027, Month: 1, Day: 12}, calendar.Date{Year: 2027, Month: 1, Day: 13})
				for _, w := range append(d.want(l, a), loc.T("notify.greeting", "Name", "Kari Nordmann"), when, loc.T("notify.signature")) {
					if !strings.Contains(m.Text, w) {
						t.Errorf("text lacks %q:\n%s", w, m.Text)
					}
				}
				words, doc := htmlWords(t, m)
				if words != strings.Join(strings.Fields(m.Text), " ") {
					t.Errorf("the HTML part says something else:\n%s\n%s", words, m.Text)
				}
				if doc.Find("html").AttrOr("lang", "") != l.Tag() || doc.Find("b").Length() != 0 {
					t.Errorf("HTML: %s", m.HTML)
				}
				// A published event comes with its calendar entry, as the feed has it.
				if d.name == "approved" {
					if len(m.Attachments) != 1 || !strings.Contains(string(m.Attachments[0].Data), "UID:"+ev.UID) ||
						!strings.Contains(string(m.Attachments[0].Data), "METHOD:PUBLISH") {
						t.Errorf("approval attachments: %+v", m.Attachments)
					}
				} else if len(m.Attachments) != 0 {
					t.Errorf("%d attachments for an event that is not public", len(m.Attachments))
				}
			})
		}
	}
}

// A timed event's notice names the zone it is in, and a change by the
// secretariat says in words what changed; a cancellation says so. Saving
// the same again sends nothing more.
func TestSubmitterHearsOfSecretariatChangesAndCancellation(t *testing.T) {
	for _, l := range []lang.Code{lang.DA, lang.NO} {
		t.Run(string(l), func(t *testing.T) {
			a, ts, _, _ := newAdminApp(t)
			srv := mailtest.Start(t, mailtest.Options{})
			withNotices(t, a, srv)
			org := a.browser(t, ts)
			email := "mette." + string(l) + "@example.org"
			ev := registerIn(t, a, org, l, "Menneskehandel og arbejde", email)
			sec := a.browser(t, ts)
			sec.login("editor@example.org", testPassword)
			path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
			post(t, sec, path+"/approve", url.Values{"version": {strconv.Itoa(ev.Version)}})

			_, doc := sec.get(path)
			form := formFields(doc, "form.event-form")
			form.Set("venue", "Oslo rådhus")
			form.Del("all_day")
			form.Set("start_date", "2027-01-12")
			form.Set("start_time", "09:00")
			form.Set("end_date", "2027-01-12")
			form.Set("end_time", "16:00")
			form.Set("zone", "Europe/Oslo")
			if res, doc := sec.post(path, form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
			}
			// The same form again changes nothing and tells nobody.
			_, doc = sec.get(path)
			if res, _ := sec.post(path, formFields(doc, "form.event-form")); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("second save: %d", res.StatusCode)
			}
			_, doc = sec.get(path)
			version := doc.Find(`form[action$="/cancel"] input[name=version]`).AttrOr("value", "")
			post(t, sec, path+"/cancel", url.Values{"version": {version}, "confirm_cancel": {"on"}})

			got := mailsTo(t, a, srv, email)
			if len(got) != 4 {
				t.Fatalf("%d mails, want registration, approval, change, cancellation", len(got))
			}
			loc := a.bundle.For(l)
			changed := got[2]
			if want := loc.T("notify.changed.subject", "Title", "Menneskehandel og arbejde"); changed.Subject != want {
				t.Errorf("subject %q, want %q", changed.Subject, want)
			}
			fields := loc.T("notify.changed.fields", "Fields", notify.ChangedFields(loc, []string{"start", "end", "all_day", "venue"}))
			zone := loc.ZoneLabel(mustZone(t, "Europe/Oslo"), time.Date(2027, 1, 12, 8, 0, 0, 0, time.UTC))
			for _, w := range []string{fields, "Oslo rådhus", zone, loc.Time(time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC))} {
				if !strings.Contains(changed.Text, w) {
					t.Errorf("change notice lacks %q:\n%s", w, changed.Text)
				}
			}
			if !strings.Contains(fields, i18nLower(loc.T("field.venue"))) || !strings.Contains(fields, i18nLower(loc.T("field.start"))) {
				t.Errorf("changed fields not named: %q", fields)
			}
			if want := loc.T("notify.cancelled.subject", "Title", "Menneskehandel og arbejde"); got[3].Subject != want {
				t.Errorf("cancellation subject %q, want %q", got[3].Subject, want)
			}
			if !strings.Contains(got[3].Text, loc.T("notify.cancelled.hint")) {
				t.Errorf("cancellation text:\n%s", got[3].Text)
			}
		})
	}
}

func i18nLower(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// post sends a secretariat form with its CSRF token and wants a redirect.
func post(t *testing.T, b *browser, path string, form url.Values) {
	t.Helper()
	page := path
	if i := strings.LastIndex(path, "/"); i > len("/admin/events") {
		page = path[:i]
	}
	form.Set("_csrf", b.token(page))
	if res, doc := b.post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s: %d %q", path, res.StatusCode, texts(doc, ".error-summary, .field-error, .lead"))
	}
}
