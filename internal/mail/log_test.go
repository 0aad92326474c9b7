// SPDX-License-Identifier: AGPL-3.0-or-later

package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/mail"
)

// Without SMTP the mail is logged; its manage links are bearer tokens and
// must not be in the log, only their redacted form.
func TestLogSenderRedactsLinks(t *testing.T) {
	const token = "q9Zx4vJbW2mN8sT1kLr0pYcHdE5uGfA7iOeX3wQnVbM"
	var buf bytes.Buffer
	l := mail.Log{Logger: slog.New(slog.NewJSONHandler(&buf, nil)), From: "calendar@example.org"}
	body := "Hei Liisa,\n\nlinkki:\nhttps://nordcal.example.org/fi/manage/" + token + "\n\nToinen: https://nordcal.example.org/fi/manage/" +
		token + "x?t=" + token + "#" + token + "\n"
	if err := l.Send(context.Background(), mail.Message{To: "liisa@example.org", Subject: "Tapahtumailmoituksesi", Body: body}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, token) {
		t.Fatalf("the log holds the token: %s", out)
	}
	if !strings.Contains(out, "https://nordcal.example.org/fi/manage/[redacted]") {
		t.Errorf("the redacted link is missing: %s", out)
	}
	if strings.Contains(out, "Hei Liisa") {
		t.Errorf("the body is logged: %s", out)
	}
}

func TestRedactLinks(t *testing.T) {
	got := mail.RedactLinks("a https://h.example/en/manage/SECRET b http://h.example/x/?q=SECRET c https://h.example/")
	want := []string{"https://h.example/en/manage/[redacted]", "http://h.example/[redacted]", "https://h.example"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("RedactLinks = %q, want %q", got, want)
	}
}
