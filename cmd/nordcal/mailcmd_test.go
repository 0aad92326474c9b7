// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
	"github.com/nordcal/nordcal/internal/notify"
	"github.com/nordcal/nordcal/internal/store"
)

// "nordcal mail test" sends at once to the configured server, in the
// language asked for; "nordcal mail send-due" queues a due digest and
// sends every queued mail, once however often it runs.
func TestMailCommand(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	dsn := "sqlite:" + t.TempDir() + "/nordcal.db"
	env := map[string]string{"NORDCAL_DB": dsn, "NORDCAL_SMTP_HOST": "127.0.0.1", "NORDCAL_SMTP_PORT": strconv.Itoa(srv.Port),
		"NORDCAL_SMTP_ALLOW_PLAINTEXT": "true", "NORDCAL_SMTP_FROM": "calendar@example.org", "NORDCAL_BASE_URL": "https://cal.example.org"}
	cli := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
		return out.String(), err
	}
	for _, l := range []lang.Code{lang.FI, lang.NO} {
		out, err := cli("mail", "test", "--to", "ops@example.org", "--lang", string(l))
		if err != nil || !strings.Contains(out, "accepted by 127.0.0.1") {
			t.Fatalf("mail test: %v %q", err, out)
		}
	}
	msgs := srv.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d test messages", len(msgs))
	}
	for i, want := range []string{"fi", "nb"} {
		p := msgs[i].Parse(t)
		if p.Header.Get("Content-Language") != want || p.HTML == "" || !strings.Contains(p.Text, "nordcal mail test") {
			t.Errorf("test message %d: %v %q", i, p.Header, p.Text)
		}
	}

	// A database with an account that wants a daily digest, one pending
	// registration and one queued mail.
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u := auth.User{Email: "aino@example.org", Name: "Aino", Role: auth.Editor}
	if err := auth.NewService(db, time.Now).Create(ctx, audit.CLI, &u, "pitkä ja hyvä salasana"); err != nil {
		t.Fatal(err)
	}
	if err := db.Notify(10).SaveNotifySettings(ctx, u.ID, notify.Daily, lang.SV); err != nil {
		t.Fatal(err)
	}
	org := directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö"}}
	if err := directory.NewService(db).CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	cal := calendar.NewService(db, db, "cal.example.org", time.Now)
	e := calendar.Event{OriginalLang: lang.FI, Texts: map[lang.Code]calendar.Text{lang.FI: {Title: "Verkostokokous"}},
		AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 3, Day: 2}, EndDate: calendar.Date{Year: 2027, Month: 3, Day: 2},
		Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI", Attendance: calendar.OnSite, Category: calendar.Meeting,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: org.ID}}}
	if _, err := cal.Submit(ctx, &e, &calendar.Submission{Lang: lang.FI, SubmitterName: "Liisa", SubmitterEmail: "liisa@example.org"}); err != nil {
		t.Fatal(err)
	}
	if err := db.MailQueue().EnqueueMail(ctx, mail.Message{To: "bo@example.org", Subject: "Hej", Body: "Köad."}, 10, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, err := cli("mail", "send-due")
	if err != nil || !strings.Contains(out, "sent 2, failed 0") {
		t.Fatalf("send-due: %v %q", err, out)
	}
	if out, err := cli("mail", "send-due"); err != nil || !strings.Contains(out, "sent 0, failed 0") {
		t.Errorf("second send-due: %v %q", err, out)
	}
	msgs = srv.Messages()
	if len(msgs) != 4 {
		t.Fatalf("%d messages in all, want 2 tests, the queued one and one digest", len(msgs))
	}
	var digest *mailtest.Parsed
	for _, m := range msgs[2:] {
		if m.To[0] == "aino@example.org" {
			p := m.Parse(t)
			digest = &p
		}
	}
	if digest == nil || !strings.Contains(digest.Text, "Verkostokokous") || digest.Header.Get("Content-Language") != "sv" ||
		!strings.Contains(digest.Text, "https://cal.example.org/admin/events/") {
		t.Errorf("digest: %+v", digest)
	}
}
