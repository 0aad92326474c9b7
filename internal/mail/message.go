// SPDX-License-Identifier: AGPL-3.0-or-later

package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"html/template"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Attachment is a file sent with a message, such as an event's .ics.
type Attachment struct {
	// Name is the file name the recipient sees.
	Name string `json:"name"`
	// ContentType is the full type, e.g. "text/calendar; charset=utf-8; method=PUBLISH".
	ContentType string `json:"type"`
	Data        []byte `json:"data"`
}

// extraHeader lists the header fields a message may add; anything else
// would let a caller override the ones this package writes.
var extraHeader = map[string]bool{"List-Unsubscribe": true, "List-Unsubscribe-Post": true, "List-Id": true}

// NewMessageID returns a fresh Message-ID (without angle brackets) under
// the domain of from.
func NewMessageID(from string) string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b) + "@" + domainOf(from)
}

// ThreadID is the Message-ID every mail about one subject (an event)
// refers to in References and In-Reply-To, so that mail programs thread
// them: key@domain, e.g. "event-12@calendar.example.org".
func ThreadID(key, domain string) string {
	return key + "@" + domain
}

func domainOf(addr string) string {
	if i := strings.LastIndex(addr, "@"); i >= 0 && i < len(addr)-1 {
		return strings.Trim(addr[i+1:], "> ")
	}
	return "nordcal.invalid"
}

// build writes m as an RFC 5322 message from from: multipart/alternative
// with a plain-text part and an HTML part made from the same text, inside
// multipart/mixed when there are attachments. Header values never carry CR
// or LF (ASVS 5.2.3); the subject is encoded for non-ASCII letters.
func build(from string, m Message, now time.Time) ([]byte, error) {
	if err := checkHeaders(from, m.To, m.Subject); err != nil {
		return nil, err
	}
	for k, v := range m.Headers {
		if !extraHeader[k] || strings.ContainsAny(v, "\r\n") {
			return nil, ErrHeader
		}
	}
	for _, id := range []string{m.MessageID, m.Thread} {
		if strings.ContainsAny(id, "\r\n<> ") {
			return nil, ErrHeader
		}
	}
	id := m.MessageID
	if id == "" {
		id = NewMessageID(from)
	}
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", from)
	h("To", m.To)
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", now.UTC().Format(time.RFC1123Z))
	h("Message-ID", "<"+id+">")
	if m.Thread != "" {
		h("References", "<"+m.Thread+">")
		h("In-Reply-To", "<"+m.Thread+">")
	}
	if m.Lang != "" && !strings.ContainsAny(m.Lang, "\r\n") {
		h("Content-Language", m.Lang)
	}
	h("Auto-Submitted", "auto-generated")
	h("X-Auto-Response-Suppress", "All")
	keys := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h(k, m.Headers[k])
	}
	h("MIME-Version", "1.0")

	alt, altType, err := alternative(m)
	if err != nil {
		return nil, err
	}
	if len(m.Attachments) == 0 {
		h("Content-Type", altType)
		b.WriteString("\r\n")
		b.Write(alt)
		return b.Bytes(), nil
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h("Content-Type", `multipart/mixed; boundary="`+mw.Boundary()+`"`)
	b.WriteString("\r\n")
	pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {altType}})
	if err != nil {
		return nil, err
	}
	if _, err := pw.Write(alt); err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		name := mime.QEncoding.Encode("utf-8", strings.Map(func(r rune) rune {
			if r < 0x20 || r == '"' || r == '\\' || r == '/' || r == 0x7f {
				return '_'
			}
			return r
		}, a.Name))
		ct := a.ContentType
		if ct == "" || strings.ContainsAny(ct, "\r\n") {
			ct = "application/octet-stream"
		}
		aw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {ct + `; name="` + name + `"`},
			"Content-Disposition":       {`attachment; filename="` + name + `"`},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			_, _ = aw.Write([]byte(enc[:76] + "\r\n"))
			enc = enc[76:]
		}
		_, _ = aw.Write([]byte(enc + "\r\n"))
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// alternative is the text/plain and text/html pair of m, quoted-printable,
// and its Content-Type.
func alternative(m Message) ([]byte, string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	text := strings.ReplaceAll(m.Body, "\r\n", "\n")
	page, err := HTML(m.Lang, m.Subject, text)
	if err != nil {
		return nil, "", err
	}
	// The plain text goes as it is (8bit, as readable in the raw mail as
	// in a mail program; its lines are short), the HTML quoted-printable.
	w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}, "Content-Transfer-Encoding": {"8bit"}})
	if err != nil {
		return nil, "", err
	}
	if _, err := w.Write([]byte(strings.ReplaceAll(text, "\n", "\r\n") + "\r\n")); err != nil {
		return nil, "", err
	}
	for _, p := range []struct{ typ, content string }{{"text/html; charset=utf-8", page}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {p.typ}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, "", err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(strings.ReplaceAll(p.content, "\n", "\r\n"))); err != nil {
			return nil, "", err
		}
		if err := qp.Close(); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return body.Bytes(), `multipart/alternative; boundary="` + mw.Boundary() + `"`, nil
}

var htmlPage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{.Title}}</title></head>
<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff; max-width: 40em; margin: 0 auto; padding: 1em;">
{{range .Paragraphs}}<p>{{range $i, $line := .}}{{if $i}}<br>
{{end}}{{range $line}}{{if .URL}}<a href="{{.URL}}" style="color: #0b4f8a;">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end}}</p>
{{end}}</body>
</html>
`))

// segment is a run of text or a link inside one line.
type segment struct {
	Text string
	URL  string
}

var htmlLink = regexp.MustCompile(`https://[^\s<>"]+`)

// HTML is the HTML alternative of a plain-text body: one paragraph per
// blank-line separated block, line breaks kept, https links made links.
// Everything is escaped by html/template, so the text cannot add markup.
// lang is the BCP 47 tag of the text (nb for Norwegian).
func HTML(lang, title, text string) (string, error) {
	if lang == "" {
		lang = "en"
	}
	var paras [][][]segment
	for _, block := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if strings.TrimSpace(block) == "" {
			continue
		}
		var lines [][]segment
		for _, line := range strings.Split(block, "\n") {
			var segs []segment
			rest := line
			for _, loc := range htmlLink.FindAllStringIndex(line, -1) {
				off := len(line) - len(rest)
				segs = append(segs, segment{Text: rest[:loc[0]-off]})
				u := line[loc[0]:loc[1]]
				segs = append(segs, segment{Text: u, URL: u})
				rest = line[loc[1]:]
			}
			segs = append(segs, segment{Text: rest})
			lines = append(lines, segs)
		}
		paras = append(paras, lines)
	}
	var b strings.Builder
	err := htmlPage.Execute(&b, map[string]any{"Lang": lang, "Title": title, "Paragraphs": paras})
	return b.String(), err
}
