// SPDX-License-Identifier: AGPL-3.0-or-later

// Package notify composes the workflow mails: what the people involved in
// an event hear about it, in their language. The submitter hears of the
// secretariat's decisions and changes; the secretariat of new
// registrations (at once or in a daily digest) and of a nearly full
// moderation queue; anyone who lost their manage links can ask for new
// ones. Mails go through the persistent queue (mail.Outbox).
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
)

// Lengths of user text in mails: a short title in the subject, one line
// per title or place in the body.
const (
	subjectTitle = 60
	lineText     = 120
)

// Outbox is the mail queue as the notices use it (*mail.Queue).
type Outbox interface {
	mail.Outbox
	// Prepare checks a message and gives it its Message-ID, for one queued
	// by Store.MoveMark.
	Prepare(m mail.Message) (mail.Message, error)
	// Wake tells the workers that mail was queued.
	Wake()
}

// Mailer turns calendar notices into mails; it implements calendar.Notifier.
type Mailer struct {
	Bundle  *i18n.Bundle
	Outbox  Outbox
	BaseURL *url.URL
	// Staff finds the secretariat accounts that want mail; nil sends the
	// secretariat nothing.
	Staff Store
	// Links renews lost manage links; nil turns SendLinks off.
	Links LinkRenewer
	// ICS writes events as the feeds do, for the .ics attached to the
	// submitter's notices of a public event; nil attaches nothing.
	ICS func(l lang.Code, evs []calendar.Event) ([]byte, error)
	Log *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

var _ calendar.Notifier = (*Mailer)(nil)

// Notify queues the mails n calls for. The change is saved already, so a
// mail that cannot be queued is logged (without the address), not
// returned.
func (m *Mailer) Notify(ctx context.Context, n calendar.Notice) {
	if n.Kind == calendar.NoticeSubmitted {
		m.submitted(ctx, n)
		return
	}
	if n.Submission.SubmitterEmail == "" {
		return
	}
	msg, ok := m.submitterMail(n)
	if !ok {
		return
	}
	m.enqueue(ctx, msg, "event", n.Event.ID, "notice", n.Kind)
}

// enqueue queues msg and logs a failure with the given context.
func (m *Mailer) enqueue(ctx context.Context, msg mail.Message, kv ...any) {
	err := m.Outbox.Enqueue(ctx, msg)
	if err == nil {
		return
	}
	if errorsIsCap(err) {
		m.log().Warn("notice not queued: the recipient's daily cap is reached", kv...)
		return
	}
	m.log().Error("notice not queued", append(kv, "error", err.Error())...)
}

// moveMark prepares msgs and queues them with the mark's move (see
// Store.MoveMark); a message that does not pass is logged and left out.
func (m *Mailer) moveMark(ctx context.Context, key string, prev, next int64, msgs []mail.Message, now time.Time) (bool, error) {
	ready := make([]mail.Message, 0, len(msgs))
	for _, msg := range msgs {
		p, err := m.Outbox.Prepare(msg)
		if err != nil {
			m.log().Error("notice not queued", "mark", key, "error", err.Error())
			continue
		}
		ready = append(ready, p)
	}
	moved, err := m.Staff.MoveMark(ctx, key, prev, next, ready, now)
	if moved && len(ready) > 0 {
		m.Outbox.Wake()
	}
	return moved, err
}

func (m *Mailer) log() *slog.Logger {
	if m.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return m.Log
}

// body collects the paragraphs of a mail.
type body []string

func (b *body) add(p ...string) {
	for _, s := range p {
		if s = strings.TrimSpace(s); s != "" {
			*b = append(*b, s)
		}
	}
}

func (b body) String() string { return strings.Join(b, "\n\n") + "\n" }

// submitterMail is the mail telling the submitter of n, in their language.
func (m *Mailer) submitterMail(n calendar.Notice) (mail.Message, bool) {
	sub, e := n.Submission, n.Event
	l := m.Bundle.For(sub.Lang)
	title, _ := e.Title(sub.Lang)
	subjectKey := "notify." + n.Kind + ".subject"
	var b body
	b.add(l.T("notify.greeting", "Name", mail.HeaderText(sub.SubmitterName, lineText)))
	eventURL := m.url("/" + string(sub.Lang) + "/events/" + fmt.Sprint(e.ID))
	switch n.Kind {
	case calendar.NoticeApproved:
		if e.Status == calendar.Tentative {
			b.add(l.T("notify.approved.lead_hold"), m.eventBlock(l, e), l.T("notify.event_link", "URL", eventURL),
				l.T("notify.approved.confirm_hold"))
		} else {
			b.add(l.T("notify.approved.lead"), m.eventBlock(l, e), l.T("notify.event_link", "URL", eventURL))
		}
		b.add(m.feedLink(l, e))
	case calendar.NoticeRejected:
		b.add(l.T("notify.rejected.lead"), m.eventBlock(l, e), l.T("notify.reason", "Reason", sub.Reason),
			l.T("notify.rejected.resend", "URL", m.url("/"+string(sub.Lang)+"/manage")))
	case calendar.NoticeMerged:
		dup, _ := n.Duplicate.Title(sub.Lang)
		b.add(l.T("notify.merged.lead"), m.eventBlock(l, e), l.T("notify.merged.duplicate", "Title", mail.HeaderText(dup, lineText),
			"URL", m.url("/"+string(sub.Lang)+"/events/"+fmt.Sprint(n.Duplicate.ID))))
	case calendar.NoticeHoldConfirmed:
		b.add(l.T("notify.hold_confirmed.lead"), m.eventBlock(l, e), l.T("notify.event_link", "URL", eventURL))
	case calendar.NoticeChanged:
		if len(n.Changed) == 0 {
			return mail.Message{}, false
		}
		b.add(l.T("notify.changed.lead"), l.T("notify.changed.fields", "Fields", ChangedFields(l, n.Changed)),
			m.eventBlock(l, e), l.T("notify.event_link", "URL", eventURL), l.T("notify.changed.hint"))
	case calendar.NoticeCancelled:
		b.add(l.T("notify.cancelled.lead"), m.eventBlock(l, e), l.T("notify.cancelled.hint"))
	default:
		return mail.Message{}, false
	}
	b.add(l.T("notify.signature"))
	msg := mail.Message{To: sub.SubmitterEmail, Lang: sub.Lang.Tag(),
		Subject: l.T(subjectKey, "Title", mail.HeaderText(title, subjectTitle)), Body: b.String(),
		Thread: m.thread(e.ID)}
	// A public event comes with its calendar entry, as the feeds write it.
	if m.ICS != nil && e.IsPublic() {
		if data, err := m.ICS(sub.Lang, []calendar.Event{e}); err == nil {
			msg.Attachments = []mail.Attachment{{Name: "event.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: data}}
		} else {
			m.log().Error("notice: calendar entry", "event", e.ID, "error", err.Error())
		}
	}
	return msg, true
}

// eventBlock names the event: title, when (in its own zone, the zone
// named) and where.
func (m *Mailer) eventBlock(l *i18n.Localizer, e calendar.Event) string {
	title, _ := e.Title(l.Lang)
	lines := []string{mail.HeaderText(title, lineText), l.EventWhen(e)}
	var place []string
	for _, s := range []string{e.Venue, e.City} {
		if s != "" {
			place = append(place, mail.HeaderText(s, lineText))
		}
	}
	if e.Country != "" {
		place = append(place, l.T("country."+string(e.Country)))
	}
	if len(place) > 0 {
		lines = append(lines, strings.Join(place, ", "))
	}
	return strings.Join(lines, "\n")
}

// feedLink points the submitter to the calendar feed of their event's
// first organiser, for their own calendar app.
func (m *Mailer) feedLink(l *i18n.Localizer, e calendar.Event) string {
	if len(e.Organisers) == 0 {
		return ""
	}
	o := e.Organisers[0]
	name, _ := o.Name(l.Lang)
	q := url.Values{"organiser": {o.Slug}, "lang": {string(l.Lang)}}
	return l.T("notify.approved.feed", "Organiser", mail.HeaderText(name, lineText), "URL", m.url("/feeds/events.ics?"+q.Encode()),
		"Help", m.url("/"+string(l.Lang)+"/subscribe"))
}

// url is path (with its query) under the base URL.
func (m *Mailer) url(path string) string {
	u := *m.BaseURL
	p, q, _ := strings.Cut(path, "?")
	u.Path = strings.TrimSuffix(u.Path, "/") + p
	u.RawQuery = q
	return u.String()
}

// thread is the Message-ID that the mails about one event refer to.
func (m *Mailer) thread(eventID int64) string {
	return mail.ThreadID(fmt.Sprintf("event-%d", eventID), m.BaseURL.Hostname())
}

// ChangedFields names changed audit fields in words, each once, in the
// order of the form: "start, end, venue, title (Swedish)".
func ChangedFields(l *i18n.Localizer, fields []string) string {
	order := []string{"title", "description", "start", "end", "all_day", "zone", "venue", "address", "city", "country",
		"attendance", "online_url", "category", "topics", "audience", "languages", "registration_url",
		"registration_deadline", "contact_email", "public_url", "organisers", "networks", "status"}
	rank := func(f string) int {
		base, _, _ := strings.Cut(f, "_")
		if base != "title" && base != "description" {
			base = f
		}
		if i := slices.Index(order, base); i >= 0 {
			return i
		}
		return len(order)
	}
	fs := slices.Clone(fields)
	slices.SortStableFunc(fs, func(a, b string) int { return rank(a) - rank(b) })
	var out []string
	for _, f := range fs {
		if f == "all_day" { // to a submitter, a change to whole days is a new start
			f = "start"
		}
		label, ok := l.FieldName(f)
		if !ok {
			continue
		}
		label = i18n.Lower(label)
		if !slices.Contains(out, label) {
			out = append(out, label)
		}
	}
	return strings.Join(out, ", ")
}

// langOr is l when it is one of ours, else English.
func langOr(l string) lang.Code {
	if c, ok := lang.Parse(l); ok {
		return c
	}
	return lang.EN
}
