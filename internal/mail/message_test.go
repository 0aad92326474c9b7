// SPDX-License-Identifier: AGPL-3.0-or-later

package mail_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

// A mail reaches a real SMTP server as mail should be: plain text and an
// HTML alternative of the same words, Message-ID, Date, Auto-Submitted,
// threading headers, the permitted extra headers and attachments.
func TestMessageIsMultipartWithHeadersAndAttachments(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	ics := []byte("BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n")
	tests := []struct {
		name  string
		m     mail.Message
		types []string
	}{
		{"text and HTML", mail.Message{To: "anna@example.org", Subject: "Tapahtumasi on julkaistu", Lang: "fi",
			Body:   "Hei Anna,\n\ntapahtuma <b>Ihmiskauppa</b> & muut on julkaistu:\nhttps://cal.example.org/fi/events/7\n\nPohjoismainen kalenteri",
			Thread: "event-7@example.org", MessageID: "abc123@example.org"},
			[]string{"multipart/alternative", "text/plain", "text/html"}},
		{"with an attachment and list headers", mail.Message{To: "bo@example.org", Subject: "Ändrat evenemang", Lang: "sv",
			Body: "Hej,\n\nevenemanget har ändrats.", Headers: map[string]string{"List-Unsubscribe": "<https://cal.example.org/u/x>",
				"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
			Attachments: []mail.Attachment{{Name: "event.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: ics}}},
			[]string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"}},
	}
	s := srv.Sender(nil)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Send(context.Background(), tt.m); err != nil {
				t.Fatal(err)
			}
			if !srv.Wait(5*time.Second, func(_, _ int, m []mailtest.Message) bool { return len(m) == i+1 }) {
				t.Fatal("mail did not arrive")
			}
			p := srv.Messages()[i].Parse(t)
			if strings.Join(p.Types, " ") != strings.Join(tt.types, " ") {
				t.Errorf("parts %v, want %v", p.Types, tt.types)
			}
			if p.Subject != tt.m.Subject || p.Header.Get("Auto-Submitted") != "auto-generated" || p.Header.Get("Date") == "" ||
				p.Header.Get("From") != "calendar@example.org" || p.Header.Get("Content-Language") != tt.m.Lang {
				t.Errorf("headers %v", p.Header)
			}
			if id := p.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || (tt.m.MessageID != "" && id != "<"+tt.m.MessageID+">") {
				t.Errorf("Message-ID %q", id)
			}
			if tt.m.Thread != "" && (p.Header.Get("References") != "<"+tt.m.Thread+">" || p.Header.Get("In-Reply-To") != "<"+tt.m.Thread+">") {
				t.Errorf("thread headers %q %q", p.Header.Get("References"), p.Header.Get("In-Reply-To"))
			}
			for k, v := range tt.m.Headers {
				if p.Header.Get(k) != v {
					t.Errorf("%s: %q, want %q", k, p.Header.Get(k), v)
				}
			}
			if strings.TrimSpace(p.Text) != tt.m.Body {
				t.Errorf("text part %q", p.Text)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(p.HTML))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Find("html").AttrOr("lang", "") != tt.m.Lang || doc.Find("title").Text() != tt.m.Subject {
				t.Errorf("html lang/title: %q", p.HTML)
			}
			if doc.Find("b, script").Length() != 0 {
				t.Errorf("text became markup: %s", p.HTML)
			}
			if got := strings.Join(strings.Fields(doc.Find("body").Text()), " "); got != strings.Join(strings.Fields(tt.m.Body), " ") {
				t.Errorf("HTML words %q differ from the text %q", got, tt.m.Body)
			}
			if strings.Contains(tt.m.Body, "https://") && doc.Find(`a[href="https://cal.example.org/fi/events/7"]`).Length() != 1 {
				t.Errorf("link not a link: %s", p.HTML)
			}
			if len(p.Attachments) != len(tt.m.Attachments) {
				t.Fatalf("attachments %+v", p.Attachments)
			}
			for j, a := range p.Attachments {
				if a.Name != tt.m.Attachments[j].Name || string(a.Data) != string(ics) || !strings.HasPrefix(a.ContentType, "text/calendar") {
					t.Errorf("attachment %+v", a)
				}
			}
		})
	}
}

// Only the list headers may be added, and none may carry a line break.
func TestMessageRefusesOtherExtraHeaders(t *testing.T) {
	l := mail.Log{Logger: discard(), From: "calendar@example.org"}
	for _, h := range []map[string]string{{"Bcc": "x@example.com"}, {"List-Unsubscribe": "<https://x>\r\nBcc: x@example.com"}} {
		if err := l.Send(context.Background(), mail.Message{To: "anna@example.org", Subject: "s", Body: "b", Headers: h}); err == nil {
			t.Errorf("headers %q accepted", h)
		}
	}
	if err := l.Send(context.Background(), mail.Message{To: "anna@example.org", Subject: "s", Body: "b", Thread: "a>\r\nBcc: x"}); err == nil {
		t.Error("a thread id with a line break accepted")
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
