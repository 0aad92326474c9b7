// SPDX-License-Identifier: AGPL-3.0-or-later

package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

// Manage links are bearer tokens: a server that offers no STARTTLS gets
// nothing unless the operator allows plaintext.
func TestSMTPRefusesPlaintextUnlessAllowed(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	ctx := context.Background()

	strict := srv.Sender(nil)
	strict.AllowPlaintext = false
	if err := strict.Send(ctx, mail.Message{To: "anna@example.org", Subject: "Hei", Body: "https://x.example/fi/manage/secret"}); !errors.Is(err, mail.ErrNoSTARTTLS) {
		t.Fatalf("without STARTTLS and without the option: err = %v, want ErrNoSTARTTLS", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages reached a plaintext server", n)
	}

	allowed := srv.Sender(nil) // AllowPlaintext set
	if err := allowed.Send(ctx, mail.Message{To: "anna@example.org", Subject: "Hei", Body: "body"}); err != nil {
		t.Fatalf("with the option: %v", err)
	}
	if !srv.Wait(5*time.Second, func(_, _ int, m []mailtest.Message) bool { return len(m) == 1 }) {
		t.Fatal("plaintext mail with the option did not arrive")
	}
}

func TestSMTPUsesSTARTTLSWhenOffered(t *testing.T) {
	cert, key, roots := mailtest.Certificate(t)
	srv := mailtest.Start(t, mailtest.Options{CertFile: cert, KeyFile: key})
	s := srv.Sender(roots) // AllowPlaintext not set
	if err := s.Send(context.Background(), mail.Message{To: "anna@example.org", Subject: "Hei", Body: "Linkki: https://x.example/fi/manage/secret"}); err != nil {
		t.Fatalf("send over STARTTLS: %v", err)
	}
	if !srv.Wait(5*time.Second, func(_, _ int, m []mailtest.Message) bool { return len(m) == 1 }) {
		t.Fatal("mail did not arrive")
	}
	m := srv.Messages()[0]
	if !m.TLS || !strings.Contains(m.Data, "manage/secret") {
		t.Errorf("tls=%v data=%q", m.TLS, m.Data)
	}
	// A certificate the sender does not trust is refused, not ignored.
	untrusted := srv.Sender(nil)
	untrusted.AllowPlaintext = false
	if err := untrusted.Send(context.Background(), mail.Message{To: "anna@example.org", Subject: "Hei", Body: "x"}); err == nil {
		t.Error("an untrusted certificate was accepted")
	}
}
