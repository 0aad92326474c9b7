// SPDX-License-Identifier: AGPL-3.0-or-later

// Package mailtest runs a real SMTP server (Debian's python3-aiosmtpd) for
// a test and records what reaches it: connections and messages.
package mailtest

import (
	"bufio"
	"bytes"
	"crypto/x509"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/mail"
)

//go:embed smtpd.py
var script []byte

// Message is one mail the server accepted.
type Message struct {
	From string
	To   []string
	// Data is the message as sent: headers and body, CRLF line ends.
	Data string
	// TLS reports whether it came over STARTTLS.
	TLS bool
}

// Server is a running test SMTP server on 127.0.0.1.
type Server struct {
	Port int

	mu       sync.Mutex
	changed  *sync.Cond
	conns    int
	refused  int
	messages []Message
}

// Options change how the server behaves.
type Options struct {
	// Port to listen on; 0 picks a free one.
	Port int
	// Fail answers the first Fail messages with 451 (try again later).
	Fail int
	// CertFile and KeyFile (PEM) make the server offer STARTTLS.
	CertFile, KeyFile string
}

// python finds an interpreter with aiosmtpd: Debian's first, because a
// python3 on PATH (pyenv, venv) may not see Debian's packages.
func python() (string, bool) {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import aiosmtpd").Run() == nil {
			return p, true
		}
	}
	return "", false
}

// Start runs a server for t and stops it when t ends. Without
// python3-aiosmtpd the test is skipped, except under CI (CI set), where
// it fails.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	py, ok := python()
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)")
		}
		t.Skip("python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)")
	}
	path := filepath.Join(t.TempDir(), "smtpd.py")
	if err := os.WriteFile(path, script, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{path, "--port", strconv.Itoa(o.Port), "--fail", strconv.Itoa(o.Fail)}
	if o.CertFile != "" {
		args = append(args, "--cert", o.CertFile, "--key", o.KeyFile)
	}
	cmd := exec.Command(py, args...)
	// The server's own log is shown only when the test fails: a refused
	// handshake, which some tests want, prints a traceback.
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &Server{}
	s.changed = sync.NewCond(&s.mu)
	ready := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var ev struct {
				Event    string   `json:"event"`
				Port     int      `json:"port"`
				MailFrom string   `json:"mail_from"`
				Rcpt     []string `json:"rcpt"`
				Data     string   `json:"data"`
				TLS      bool     `json:"tls"`
			}
			if json.Unmarshal(sc.Bytes(), &ev) != nil {
				continue
			}
			s.mu.Lock()
			switch ev.Event {
			case "ready":
				ready <- ev.Port
			case "connect":
				s.conns++
			case "refused":
				s.refused++
			case "message":
				s.messages = append(s.messages, Message{From: ev.MailFrom, To: ev.Rcpt, Data: ev.Data, TLS: ev.TLS})
			}
			s.changed.Broadcast()
			s.mu.Unlock()
		}
		close(ready)
	}()
	stop := func() {
		_ = stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	select {
	case port, ok := <-ready:
		if !ok {
			stop()
			t.Fatal("test SMTP server did not start")
		}
		s.Port = port
	case <-time.After(20 * time.Second):
		stop()
		t.Fatal("test SMTP server did not start within 20s")
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("test SMTP server log:\n%s", stderr.String())
		}
	})
	return s
}

// Sender returns an SMTP sender for the server; plaintext is allowed
// unless roots is given (the server's CA, for STARTTLS).
func (s *Server) Sender(roots *x509.CertPool) mail.SMTP {
	return mail.SMTP{Host: "127.0.0.1", Port: s.Port, From: "calendar@example.org", Timeout: 10 * time.Second,
		AllowPlaintext: roots == nil, RootCAs: roots}
}

// Connections is the number of SMTP connections opened so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Refused is the number of messages answered with 451 so far.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// Messages returns the accepted messages so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Wait blocks until cond holds for the server's state or timeout passes,
// and reports whether it held.
func (s *Server) Wait(timeout time.Duration, cond func(conns, refused int, msgs []Message) bool) bool {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.changed.Broadcast()
		s.mu.Unlock()
	})
	defer timer.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for !cond(s.conns, s.refused, s.messages) {
		if !time.Now().Before(deadline) {
			return false
		}
		s.changed.Wait()
	}
	return true
}

// Parsed is a received message taken apart: its headers, decoded, and its
// plain-text, HTML and attached parts.
type Parsed struct {
	Header      netmail.Header
	Subject     string
	Text, HTML  string
	Attachments []mail.Attachment
	// Types lists the content types of the parts in order, containers
	// included ("multipart/mixed", "multipart/alternative", "text/plain" …).
	Types []string
}

// Parse takes m apart; a message that does not parse fails t.
func (m Message) Parse(t testing.TB) Parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		t.Fatalf("parse mail: %v", err)
	}
	var p Parsed
	p.Header = msg.Header
	if p.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	if err := p.walk(textproto.MIMEHeader(msg.Header), msg.Body); err != nil {
		t.Fatalf("parse mail body: %v\n%s", err, m.Data)
	}
	return p
}

func (p *Parsed) walk(h textproto.MIMEHeader, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return err
	}
	p.Types = append(p.Types, mt)
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := p.walk(part.Header, part); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if _, disp, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp["filename"] != "" {
		name, _ := new(mime.WordDecoder).DecodeHeader(disp["filename"])
		p.Attachments = append(p.Attachments, mail.Attachment{Name: name, ContentType: h.Get("Content-Type"), Data: data})
		return nil
	}
	switch mt {
	case "text/plain":
		p.Text = strings.ReplaceAll(string(data), "\r\n", "\n")
	case "text/html":
		p.HTML = strings.ReplaceAll(string(data), "\r\n", "\n")
	}
	return nil
}
