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

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
	"github.com/nordcal/nordcal/internal/notify"
)

// chooseNotifications saves an account's choice on the settings page in l.
func chooseNotifications(t *testing.T, b *browser, l lang.Code, mode string) {
	t.Helper()
	path := "/admin/settings?lang=" + string(l)
	res, doc := b.post(path, url.Values{"_csrf": {b.token(path)}, "mode": {mode}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
	}
}

// smallCeiling is the calendar as the background sees it, with a ceiling
// of its own and a clock that can move.
type smallCeiling struct {
	*calendar.Service
	ceiling int
	mu      sync.Mutex
	at      time.Time
}

func (c *smallCeiling) PendingCeiling() int { return c.ceiling }
func (c *smallCeiling) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}
func (c *smallCeiling) set(t time.Time) {
	c.mu.Lock()
	c.at = t
	c.mu.Unlock()
}

// The settings page stores each account's choice; bad input is answered
// on the form.
func TestNotificationSettingsPage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withNotices(t, a, srv)
	ed := a.browser(t, ts)
	ed.login("editor@example.org", testPassword)
	_, doc := ed.get("/admin/settings?lang=fi")
	if doc.Find(`input[type=radio][name=mode]`).Length() != 3 || doc.Find(`#mode-none[checked]`).Length() != 1 ||
		doc.Find("fieldset legend").Text() != a.bundle.For(lang.FI).T("admin.settings.mode") {
		t.Fatalf("settings form: %q", texts(doc, "main"))
	}
	chooseNotifications(t, ed, lang.FI, "daily")
	_, doc = ed.get("/admin/settings?lang=fi")
	if doc.Find(`#mode-daily[checked]`).Length() != 1 || !strings.Contains(doc.Find("main").Text(), a.bundle.For(lang.FI).T("admin.settings.saved")) {
		t.Errorf("choice not kept or not confirmed: %q", texts(doc, "main"))
	}
	_, doc = ed.get("/admin/?lang=fi")
	if !strings.Contains(doc.Find("main").Text(), a.bundle.For(lang.FI).T("admin.settings.mode.daily")) {
		t.Errorf("dashboard does not show the choice")
	}
	for _, bad := range []string{"", "hourly", "immediate\r\n"} {
		path := "/admin/settings?lang=en"
		res, doc := ed.post(path, url.Values{"_csrf": {ed.token(path)}, "mode": {bad}})
		if res.StatusCode != http.StatusBadRequest || doc.Find("#mode-error").Text() != a.bundle.For(lang.EN).T("admin.settings.mode_invalid") {
			t.Errorf("mode %q: %d %q", bad, res.StatusCode, texts(doc, ".field-error"))
		}
	}
	if res, _ := ed.post("/admin/settings", url.Values{"mode": {"none"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("without a CSRF token: %d", res.StatusCode)
	}
}

// The secretariat hears of new registrations as each account chose: a
// mail per registration (or import) at once, a daily digest once a day,
// or nothing; in the language the account chose in; and once, when the
// queue nears its ceiling. Two instances on one database send each once.
func TestSecretariatImmediateDigestAndCeilingMails(t *testing.T) {
	a, ts, admin, editor := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	m := withNotices(t, a, srv)
	ad, ed := a.browser(t, ts), a.browser(t, ts)
	ad.login(admin.Email, testPassword)
	ed.login(editor.Email, testPassword)
	chooseNotifications(t, ed, lang.SV, "immediate")
	chooseNotifications(t, ad, lang.FI, "daily")

	org := a.browser(t, ts)
	ev := registerIn(t, a, org, lang.EN, "Seminar on victim support", "kari@example.org")
	imm := mailsTo(t, a, srv, editor.Email)
	if len(imm) != 1 {
		t.Fatalf("%d immediate mails to the editor", len(imm))
	}
	sv := a.bundle.For(lang.SV)
	if want := sv.N("notify.staff.submitted.subject", 1, "Title", "Seminar on victim support"); imm[0].Subject != want {
		t.Errorf("immediate subject %q, want %q", imm[0].Subject, want)
	}
	for _, w := range []string{sv.N("notify.staff.submitted.lead", 1), "https://nordcal.example.org/admin/events/",
		"https://nordcal.example.org/admin/settings", sv.T("notify.greeting", "Name", editor.Name)} {
		if !strings.Contains(imm[0].Text, w) {
			t.Errorf("immediate mail lacks %q:\n%s", w, imm[0].Text)
		}
	}
	if n := len(mailsTo(t, a, srv, admin.Email)); n != 0 {
		t.Errorf("the daily account got %d mails at once", n)
	}

	// An import of three events is one mail.
	file := icsEvents(3, func(i int) string { return []string{"Yksi", "Kaksi", "Kolme"}[i] })
	if res, doc := postFile(t, org, "/fi/events/import", importFields(a, org, "/fi/events/import"), file); res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	imm = mailsTo(t, a, srv, editor.Email)
	if len(imm) != 2 || imm[1].Subject != sv.N("notify.staff.submitted.subject", 3, "Title", "Yksi") ||
		strings.Count(imm[1].Text, "/admin/events/") != 3 {
		t.Fatalf("import: %d mails, last %q", len(imm), imm[len(imm)-1].Subject)
	}

	// The digest: two instances run the background at once ("nordcal mail
	// send-due" forces it whatever the hour); one digest goes out, in
	// Finnish, listing all four. (Submissions carry the store's real clock.)
	zone := mustZone(t, "Europe/Copenhagen")
	cal := &smallCeiling{Service: a.cal, ceiling: 500}
	t0 := time.Now().In(zone).Add(time.Minute)
	cal.set(t0)
	other := *m
	bgs := []*notify.Background{{Mailer: m, Calendar: cal, Zone: zone}, {Mailer: &other, Calendar: cal, Zone: zone}}
	var wg sync.WaitGroup
	for _, bg := range bgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := bg.Due(context.Background(), true); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	dig := mailsTo(t, a, srv, admin.Email)
	fi := a.bundle.For(lang.FI)
	if len(dig) != 1 || dig[0].Subject != fi.N("notify.staff.digest.subject", 4) ||
		strings.Count(dig[0].Text, "/admin/events/") != 4 || !strings.Contains(dig[0].Text, fi.N("notify.staff.digest.queue", 4, "URL", "https://nordcal.example.org/admin/moderation")) {
		t.Fatalf("digest: %d mails %+v", len(dig), dig)
	}
	// Later the same day: nothing; the next morning only what is new.
	cal.set(t0.Add(time.Second))
	_ = bgs[0].Due(context.Background(), true)
	if n := len(mailsTo(t, a, srv, admin.Email)); n != 1 {
		t.Errorf("%d digests on one day", n)
	}
	y, mo, d := t0.AddDate(0, 0, 1).Date()
	cal.set(time.Date(y, mo, d, 7, 5, 0, 0, zone))
	_ = bgs[1].Due(context.Background(), false)
	if n := len(mailsTo(t, a, srv, admin.Email)); n != 1 {
		t.Errorf("a digest with nothing new was sent (%d)", n)
	}
	_ = ev

	// The ceiling: at 80 % of a ceiling of 5, everyone who wants mail hears
	// once, however often and by however many instances it is checked.
	cal.ceiling = 5
	for range 3 {
		for _, bg := range bgs {
			if err := bg.Due(context.Background(), false); err != nil {
				t.Fatal(err)
			}
		}
	}
	count := func(addr, subject string) int {
		n := 0
		for _, p := range mailsTo(t, a, srv, addr) {
			if p.Subject == subject {
				n++
			}
		}
		return n
	}
	if count(editor.Email, sv.T("notify.staff.ceiling.subject")) != 1 || count(admin.Email, fi.T("notify.staff.ceiling.subject")) != 1 {
		t.Errorf("ceiling warnings: editor %d, admin %d, want one each", count(editor.Email, sv.T("notify.staff.ceiling.subject")),
			count(admin.Email, fi.T("notify.staff.ceiling.subject")))
	}
	// Below the share again, then above: a new crossing, a new warning.
	cal.ceiling = 100
	_ = bgs[0].Due(context.Background(), false)
	cal.ceiling = 5
	_ = bgs[1].Due(context.Background(), false)
	if n := count(editor.Email, sv.T("notify.staff.ceiling.subject")); n != 2 {
		t.Errorf("%d ceiling warnings after a second crossing, want 2", n)
	}
	for _, p := range mailsTo(t, a, srv, editor.Email) {
		if p.Subject == sv.T("notify.staff.ceiling.subject") && !strings.Contains(p.Text, sv.T("notify.staff.ceiling.body", "Count", "4", "Ceiling", "5", "Percent", 80)) {
			t.Errorf("ceiling mail:\n%s", p.Text)
		}
	}
}

// Two queues on one database (two instances) deliver each mail once.
func TestTwoQueueInstancesSendEachNoticeOnce(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withNotices(t, a, srv)
	second := mail.NewQueue(a.db.MailQueue(), srv.Sender(nil), mail.Options{Workers: 3, Poll: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { second.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	org := a.browser(t, ts)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	var evs []calendar.Event
	for i, addr := range []string{"a@example.org", "b@example.org", "c@example.org", "d@example.org"} {
		evs = append(evs, registerIn(t, a, org, lang.EN, "Event "+string(rune('A'+i)), addr))
	}
	for _, ev := range evs {
		post(t, sec, "/admin/events/"+itoa(ev.ID)+"/approve", url.Values{"version": {itoa(int64(ev.Version))}})
	}
	queueDrained(t, a.db)
	seen := map[string]int{}
	for _, m := range srv.Messages() {
		seen[m.Parse(t).Header.Get("Message-ID")]++
	}
	if len(seen) != 8 {
		t.Errorf("%d distinct mails, want 8 (a receipt and an approval each)", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The dashboard shows the mail queue: what waits, what failed and the last
// error, in the reader's language.
func TestDashboardShowsTheMailQueue(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{Fail: 1000})
	withNotices(t, a, srv)
	ed := a.browser(t, ts)
	ed.login("editor@example.org", testPassword)
	_, doc := ed.get("/admin/?lang=fi")
	fi := a.bundle.For(lang.FI)
	if got := doc.Find(".mail-queue .mail-waiting").Text(); got != fi.T("admin.home.mail.none") {
		t.Errorf("empty queue: %q", got)
	}
	ctx := context.Background()
	for _, to := range []string{"a@example.org", "b@example.org"} {
		if err := a.db.MailQueue().EnqueueMail(ctx, mail.Message{To: to, Subject: "s", Body: "b"}, 10, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	// One mail is given up at once (a 5xx-like final failure), the other
	// waits for its retry after the server's 451.
	o, _, _ := a.db.MailQueue().ClaimMail(ctx, time.Now(), time.Minute)
	if err := a.db.MailQueue().MailFailed(ctx, o, "550 5.1.1 no such user", time.Time{}, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for srv.Refused() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	for _, l := range []lang.Code{lang.FI, lang.EN} {
		_, doc = ed.get("/admin/?lang=" + string(l))
		loc := a.bundle.For(l)
		if got, want := doc.Find(".mail-queue .mail-waiting").Text(), loc.N("admin.home.mail.waiting", 1)+" "+loc.N("admin.home.mail.retrying", 1); got != want {
			t.Errorf("%s waiting: %q, want %q", l, got, want)
		}
		if got := doc.Find(".mail-queue .mail-failed").Text(); got != loc.N("admin.home.mail.failed", 1) {
			t.Errorf("%s failed: %q", l, got)
		}
		if got := doc.Find(".mail-queue .mail-error code").Text(); !strings.Contains(got, "451") {
			t.Errorf("%s last error: %q", l, got)
		}
	}
}
