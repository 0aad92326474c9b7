// SPDX-License-Identifier: AGPL-3.0-or-later

// Package mail sends nordcal's e-mails (manage links, decisions on
// submissions, the secretariat's notices) through an SMTP server, or writes them to the log when none is set up.
// Mails go out through a persistent queue (see Queue), never straight from
// a request.
package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Sender sends one message.
type Sender interface {
	// Send delivers m; ErrHeader when a header value is unsafe.
	Send(ctx context.Context, m Message) error
}

// ErrHeader is returned for a recipient or subject that would inject headers.
var ErrHeader = errors.New("mail: line break or invalid address in a header value")

// ErrNoSTARTTLS is returned when a server on a port other than 465 does not
// offer STARTTLS and plaintext is not allowed: manage links are bearer
// tokens and must not cross the network in the clear.
var ErrNoSTARTTLS = errors.New("mail: the SMTP server offers no STARTTLS and plaintext is not allowed")

// checkHeaders refuses header values that would inject headers or
// recipients (ASVS 5.2.3).
func checkHeaders(from, to, subject string) error {
	for _, v := range []string{from, to, subject} {
		if strings.ContainsAny(v, "\r\n") {
			return ErrHeader
		}
	}
	if strings.ContainsAny(to, " <>,;\"") || !strings.Contains(to, "@") {
		return ErrHeader
	}
	return nil
}

// SMTP sends through a submission server with STARTTLS (or implicit TLS on
// port 465) and optional PLAIN authentication. Each Send is one connection
// carrying one message; the queue's few workers bound how many are open.
type SMTP struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
	Timeout  time.Duration
	// AllowPlaintext sends without TLS when a server on a port other than
	// 465 offers no STARTTLS; without it such a server gets ErrNoSTARTTLS.
	AllowPlaintext bool
	// RootCAs verifies the server's certificate; nil uses the system pool.
	RootCAs *x509.CertPool
}

func (s SMTP) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12, RootCAs: s.RootCAs}
}

// Send delivers one message.
func (s SMTP) Send(ctx context.Context, m Message) error {
	to := m.To
	msg, err := build(s.From, m, time.Now())
	if err != nil {
		return err
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(s.Host, fmt.Sprint(s.Port))
	d := net.Dialer{}
	var conn net.Conn
	if s.Port == 465 {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: s.tlsConfig()}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if s.Port != 465 {
		ok, _ := c.Extension("STARTTLS")
		switch {
		case ok:
			if err := c.StartTLS(s.tlsConfig()); err != nil {
				return err
			}
		case !s.AllowPlaintext:
			_ = c.Quit()
			return ErrNoSTARTTLS
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// Log writes messages to the log instead of sending them, for installations
// without SMTP. Links in a mail are bearer secrets (manage links), so the
// log shows each one redacted, never the body: the organiser reads the
// full link on the confirmation page.
type Log struct {
	Logger *slog.Logger
	From   string
}

// Send logs the message's recipient, subject and redacted links.
func (l Log) Send(_ context.Context, m Message) error {
	if _, err := build(l.From, m, time.Now()); err != nil {
		return err
	}
	l.Logger.Info("mail not sent (no SMTP configured)", "to", m.To, "subject", m.Subject, "links", RedactLinks(m.Body),
		"attachments", len(m.Attachments))
	return nil
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// RedactLinks returns the links in body with the last path segment (where
// a manage link keeps its token), the query and the fragment replaced:
// "https://host/fi/manage/[redacted]".
func RedactLinks(body string) []string {
	var out []string
	for _, raw := range linkPattern.FindAllString(body, -1) {
		u, err := url.Parse(raw)
		if err != nil {
			out = append(out, "[redacted]")
			continue
		}
		path := strings.TrimRight(u.Path, "/")
		if i := strings.LastIndex(path, "/"); i >= 0 && i < len(path)-1 {
			path = path[:i+1] + "[redacted]"
		}
		out = append(out, u.Scheme+"://"+u.Host+path)
	}
	return out
}
