// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	netmail "net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
	"github.com/nordcal/nordcal/internal/store"
)

// withMailQueue gives a the real mail queue on its database, sending
// through s, and runs its workers until the test ends.
func withMailQueue(t *testing.T, a *app, s mail.Sender, o mail.Options) {
	t.Helper()
	o.Poll, o.Backoff = 50*time.Millisecond, 50*time.Millisecond
	q := mail.NewQueue(a.db.MailQueue(), s, o)
	a.srv.Mail = q
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { q.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// queueDrained waits until no queued mail is pending.
func queueDrained(t *testing.T, db *store.DB) []store.MailRow {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		rows, err := db.MailQueue().MailRows(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pending := 0
		for _, r := range rows {
			if r.Status == "pending" {
				pending++
			}
		}
		if pending == 0 {
			return rows
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mails still pending", pending)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// icsEvents is a calendar file of n events.
func icsEvents(n int, title func(i int) string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n")
	for i := range n {
		day := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:bulk-%d@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:%s\r\n"+
			"DTEND;VALUE=DATE:%s\r\nSUMMARY:%s\r\nEND:VEVENT\r\n", i, day.Format("20060102"), day.AddDate(0, 0, 1).Format("20060102"), title(i))
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

var manageLinkRE = regexp.MustCompile(`https://nordcal\.example\.org/fi/manage/[A-Za-z0-9_-]{43}`)

func subjectOf(t *testing.T, data string) string {
	t.Helper()
	m, err := netmail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// One import is one submission act: one mail listing every manage link,
// over one SMTP connection, however many events the file holds (here as
// many as one sender may have pending, calendar.MaxPendingPerEmail).
func TestImportSendsOneMailListingEveryManageLink(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withMailQueue(t, a, srv.Sender(nil), mail.Options{})
	b := a.browser(t, ts)
	n := calendar.MaxPendingPerEmail
	file := icsEvents(n, func(i int) string { return fmt.Sprintf("Koulutus %d", i+1) })
	res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), file)
	if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != n {
		t.Fatalf("import: %d, %d imported %q", res.StatusCode, doc.Find(".imported li").Length(), texts(doc, ".import-problems li, .error-summary"))
	}
	onPage := map[string]bool{}
	for _, l := range texts(doc, ".imported code.secret") {
		onPage[l] = true
	}
	queueDrained(t, a.db)
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails for one import, want 1", len(msgs))
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("%d SMTP connections for one import, want 1", n)
	}
	t.Logf("one %d-event import: %d mail, %d SMTP connection", n, len(msgs), srv.Connections())
	m := msgs[0]
	if len(m.To) != 1 || m.To[0] != "liisa@example.org" {
		t.Errorf("recipients %v", m.To)
	}
	links := map[string]bool{}
	for _, l := range manageLinkRE.FindAllString(m.Data, -1) {
		links[l] = true
	}
	if len(links) != n {
		t.Fatalf("the mail lists %d distinct manage links, want %d", len(links), n)
	}
	for l := range links {
		if !onPage[l] {
			t.Fatalf("mailed link %s is not on the confirmation page", l)
		}
	}
	if got, want := subjectOf(t, m.Data), a.bundle.For("fi").N("mail.imported.subject", n); got != want {
		t.Errorf("subject %q, want %q", got, want)
	}
}

// The subject is a fixed localized text with at most a short, cleaned
// title: the submitter's text cannot make it say something else.
func TestManageMailSubjectIsFixedWithAShortCleanTitle(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withMailQueue(t, a, srv.Sender(nil), mail.Options{})
	b := a.browser(t, ts)
	// (Direction controls are refused in titles before they get here; the
	// mail layer strips them too, see mail.TestHeaderText.)
	title := "Voitit palkinnon! Kirjaudu heti osoitteessa https://evil.example ja anna pankkitunnuksesi " + strings.Repeat("x", 100)
	res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), icsEvents(1, func(int) string { return title }))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	queueDrained(t, a.db)
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails", len(msgs))
	}
	got := subjectOf(t, msgs[0].Data)
	want := a.bundle.For("fi").T("mail.submitted.subject", "Title", mail.HeaderText(title, 60))
	if got != want || strings.ContainsRune(got, '\u202e') || strings.Contains(got, strings.Repeat("x", 10)) {
		t.Errorf("subject %q, want %q", got, want)
	}
	if len(manageLinkRE.FindAllString(msgs[0].Data, -1)) != 1 {
		t.Error("the manage link is not in the mail")
	}
}

// One address gets at most the daily cap of mails, whatever is submitted
// in its name; the submissions themselves still succeed.
func TestManageMailsAreCappedPerRecipient(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withMailQueue(t, a, srv.Sender(nil), mail.Options{DailyCap: 2})
	b := a.browser(t, ts)
	for i := range 3 {
		file := icsEvents(2, func(j int) string { return fmt.Sprintf("Erä %d/%d", i, j) })
		file = strings.ReplaceAll(file, "UID:bulk-", fmt.Sprintf("UID:cap-%d-", i))
		res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), file)
		if res.StatusCode != http.StatusOK || doc.Find(".imported code.secret").Length() != 2 {
			t.Fatalf("import %d: %d %q", i+1, res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
		}
	}
	queueDrained(t, a.db)
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("%d mails to one address, want the cap of 2", n)
	}
}

// syncBuffer is a log destination shared by request handlers and workers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Without SMTP the mail is logged with its link redacted; the organiser
// has the link from the confirmation page.
func TestWithoutSMTPTheLogHoldsNoManageToken(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	a.srv.Log = log
	withMailQueue(t, a, mail.Log{Logger: log, From: "calendar@example.org"}, mail.Options{Log: log})
	org := a.browser(t, ts)
	r := register(t, a, org, ts, registration(a, org))
	token := r.manage[strings.LastIndex(r.manage, "/")+1:]
	if len(token) != 43 {
		t.Fatalf("no token in the confirmation redirect %q", r.manage)
	}
	if res, _ := org.get(r.manage + "?submitted=1"); res.StatusCode != http.StatusOK {
		t.Fatalf("confirmation page: %d", res.StatusCode)
	}
	queueDrained(t, a.db)
	out := buf.String()
	if !strings.Contains(out, "mail not sent (no SMTP configured)") || !strings.Contains(out, "/manage/[redacted]") {
		t.Fatalf("no redacted mail line in the log:\n%s", out)
	}
	if strings.Contains(out, token) {
		t.Errorf("the log holds the manage token:\n%s", out)
	}
}
