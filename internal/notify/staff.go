// SPDX-License-Identifier: AGPL-3.0-or-later

package notify

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
)

// Mode is how a secretariat account hears of new registrations.
type Mode string

// Modes. Accounts that never chose get None.
const (
	Immediate Mode = "immediate"
	Daily     Mode = "daily"
	None      Mode = "none"
)

// Modes lists the modes in the order they are offered.
var Modes = []Mode{Immediate, Daily, None}

// ParseMode returns the mode named s; false for anything else.
func ParseMode(s string) (Mode, bool) {
	for _, m := range Modes {
		if string(m) == s {
			return m, true
		}
	}
	return "", false
}

// Settings are one account's notification choices.
type Settings struct {
	UserID      int64
	Email, Name string
	Mode        Mode
	// Lang is the language of the pages the account saved its choice in:
	// its mails are in it.
	Lang lang.Code
}

// Store keeps the accounts' choices and the marks that make a mail go out
// once however many instances run.
type Store interface {
	// NotifySettings returns the account's settings; an account that never
	// chose has Mode None and Lang "". NotFound for an unknown account.
	NotifySettings(ctx context.Context, userID int64) (Settings, error)
	// SaveNotifySettings stores the account's mode and language.
	SaveNotifySettings(ctx context.Context, userID int64, mode Mode, l lang.Code) error
	// NotifyRecipients lists the enabled accounts whose mode is one of modes.
	NotifyRecipients(ctx context.Context, modes ...Mode) ([]Settings, error)
	// Mark returns the value of the named mark, 0 when it was never set.
	Mark(ctx context.Context, key string) (int64, error)
	// MoveMark sets the mark key from prev to next and queues msgs (under
	// the per-recipient cap, see mail.Store) in one transaction. It
	// reports false, and queues nothing, when the mark no longer holds
	// prev: another instance moved it first. A message over the cap is
	// left out; the rest are queued.
	MoveMark(ctx context.Context, key string, prev, next int64, msgs []mail.Message, now time.Time) (bool, error)
}

// Calendar is what the secretariat's mails read about the queue.
type Calendar interface {
	Pending(ctx context.Context) ([]calendar.PendingItem, error)
	PendingCount(ctx context.Context) (int, error)
	PendingCeiling() int
	Now() time.Time
}

// CeilingShare is the share of the pending ceiling (in percent) at which
// the secretariat is told that the queue is nearly full.
const CeilingShare = 80

// DigestHour is the hour of the day (in the default zone) from which the
// daily digest goes out.
const DigestHour = 7

// maxListed caps the events listed in one secretariat mail.
const maxListed = 30

func errorsIsCap(err error) bool { return errors.Is(err, mail.ErrDailyCap) }

// submitted tells the accounts that want it at once of new registrations:
// one mail per submission act, listing its events.
func (m *Mailer) submitted(ctx context.Context, n calendar.Notice) {
	if m.Staff == nil || len(n.Events) == 0 {
		return
	}
	to, err := m.Staff.NotifyRecipients(ctx, Immediate)
	if err != nil {
		m.log().Error("notify: list recipients", "error", err.Error())
		return
	}
	for _, r := range to {
		l := m.Bundle.For(langOr(string(r.Lang)))
		var b body
		b.add(l.T("notify.greeting", "Name", mail.HeaderText(r.Name, lineText)),
			l.N("notify.staff.submitted.lead", len(n.Events)))
		m.listEvents(l, &b, n.Events)
		b.add(l.T("notify.staff.queue_link", "URL", m.url("/admin/moderation")), m.why(l), l.T("notify.signature"))
		title, _ := n.Events[0].Title(l.Lang)
		msg := mail.Message{To: r.Email, Lang: l.Lang.Tag(), Staff: true, Body: b.String(),
			Subject: l.N("notify.staff.submitted.subject", len(n.Events), "Title", mail.HeaderText(title, subjectTitle))}
		m.enqueue(ctx, msg, "user", r.UserID, "notice", "submitted")
	}
}

// listEvents adds one paragraph per event (at most maxListed) with the
// link to its review page.
func (m *Mailer) listEvents(l *i18n.Localizer, b *body, evs []calendar.Event) {
	for i, e := range evs {
		if i == maxListed {
			b.add(l.N("notify.staff.more", len(evs)-maxListed))
			break
		}
		b.add(m.eventBlock(l, e) + "\n" + m.url("/admin/events/"+strconv.FormatInt(e.ID, 10)))
	}
}

// why says why a secretariat account gets the mail and where to change it.
func (m *Mailer) why(l *i18n.Localizer) string {
	return l.T("notify.staff.why", "URL", m.url("/admin/settings"))
}

// Background sends the secretariat's digests and ceiling warnings, and
// the e-mail subscriptions' digests and change notices.
type Background struct {
	Mailer   *Mailer
	Calendar Calendar
	// Subscriptions, when set, are checked with everything else.
	Subscriptions *Subscriptions
	// Zone is where a day begins for the digest.
	Zone *time.Location
}

// Run checks every minute until ctx ends.
func (g *Background) Run(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		if err := g.Due(ctx, false); err != nil && ctx.Err() == nil {
			g.Mailer.log().Error("notify: digests and ceiling", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Due queues the digests that are due and, on crossing, the ceiling
// warning. force sends today's digest even before DigestHour (for
// "nordcal mail send-due" run from cron at another hour). Each mail is
// queued once however many instances call Due: a mark moved in the same
// transaction decides which.
func (g *Background) Due(ctx context.Context, force bool) error {
	if g.Mailer.Staff == nil {
		return nil
	}
	if err := g.ceiling(ctx); err != nil {
		return err
	}
	if err := g.digests(ctx, force); err != nil {
		return err
	}
	if g.Subscriptions != nil {
		return g.Subscriptions.Due(ctx)
	}
	return nil
}

// Marks: the time of an account's last digest (unix milliseconds), and
// whether the queue is above the share of the ceiling (1) or not (0).
func digestMark(userID int64) string { return "digest:" + strconv.FormatInt(userID, 10) }

const ceilingMark = "ceiling"

// dayNumber counts days in zone, so that "a new day" is one comparison.
func dayNumber(t time.Time, zone *time.Location) int64 {
	y, mo, d := t.In(zone).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func (g *Background) digests(ctx context.Context, force bool) error {
	now := g.Calendar.Now()
	zone := g.Zone
	if zone == nil {
		zone = time.UTC
	}
	if !force && now.In(zone).Hour() < DigestHour {
		return nil
	}
	to, err := g.Mailer.Staff.NotifyRecipients(ctx, Daily)
	if err != nil || len(to) == 0 {
		return err
	}
	today := dayNumber(now, zone)
	var items []calendar.PendingItem
	loaded := false
	for _, r := range to {
		last, err := g.Mailer.Staff.Mark(ctx, digestMark(r.UserID))
		if err != nil {
			return err
		}
		if last > 0 && dayNumber(time.UnixMilli(last), zone) >= today {
			continue
		}
		if !loaded {
			if items, err = g.Calendar.Pending(ctx); err != nil {
				return err
			}
			loaded = true
		}
		// New since the last digest (a first digest: the last day).
		since := now.Add(-24 * time.Hour)
		if last > 0 {
			since = time.UnixMilli(last)
		}
		var fresh []calendar.Event
		for _, it := range items {
			if it.Submission.CreatedAt.After(since) {
				fresh = append(fresh, it.Event)
			}
		}
		var msgs []mail.Message
		if len(fresh) > 0 {
			msgs = append(msgs, g.digestMail(r, fresh, len(items)))
		}
		if _, err := g.Mailer.moveMark(ctx, digestMark(r.UserID), last, now.UnixMilli(), msgs, g.Mailer.now()); err != nil {
			return err
		}
	}
	return nil
}

func (g *Background) digestMail(r Settings, fresh []calendar.Event, pending int) mail.Message {
	m := g.Mailer
	l := m.Bundle.For(langOr(string(r.Lang)))
	var b body
	b.add(l.T("notify.greeting", "Name", mail.HeaderText(r.Name, lineText)), l.N("notify.staff.digest.lead", len(fresh)))
	m.listEvents(l, &b, fresh)
	b.add(l.N("notify.staff.digest.queue", pending, "URL", m.url("/admin/moderation")), m.why(l), l.T("notify.signature"))
	return mail.Message{To: r.Email, Lang: l.Lang.Tag(), Staff: true, Body: b.String(),
		Subject: l.N("notify.staff.digest.subject", len(fresh))}
}

// ceiling tells every account that wants mail, once per crossing, that
// the pending registrations reached CeilingShare of the ceiling; the mark
// is cleared when they fall below it again.
func (g *Background) ceiling(ctx context.Context) error {
	n, err := g.Calendar.PendingCount(ctx)
	if err != nil {
		return err
	}
	ceil := g.Calendar.PendingCeiling()
	above := int64(0)
	if n*100 >= ceil*CeilingShare {
		above = 1
	}
	was, err := g.Mailer.Staff.Mark(ctx, ceilingMark)
	if err != nil || was == above {
		return err
	}
	var msgs []mail.Message
	if above == 1 {
		to, err := g.Mailer.Staff.NotifyRecipients(ctx, Immediate, Daily)
		if err != nil {
			return err
		}
		m := g.Mailer
		for _, r := range to {
			l := m.Bundle.For(langOr(string(r.Lang)))
			var b body
			b.add(l.T("notify.greeting", "Name", mail.HeaderText(r.Name, lineText)),
				l.T("notify.staff.ceiling.body", "Count", l.Number(n), "Ceiling", l.Number(ceil), "Percent", n*100/ceil),
				l.T("notify.staff.queue_link", "URL", m.url("/admin/moderation")), m.why(l), l.T("notify.signature"))
			msgs = append(msgs, mail.Message{To: r.Email, Lang: l.Lang.Tag(), Staff: true, Body: b.String(),
				Subject: l.T("notify.staff.ceiling.subject")})
		}
	}
	_, err = g.Mailer.moveMark(ctx, ceilingMark, was, above, msgs, g.Mailer.now())
	return err
}

// Settings returns the account's settings (see Store.NotifySettings).
func (m *Mailer) Settings(ctx context.Context, userID int64) (Settings, error) {
	return m.Staff.NotifySettings(ctx, userID)
}

// SaveSettings stores the account's choice; an unknown mode is Invalid
// with a field message for "mode".
func (m *Mailer) SaveSettings(ctx context.Context, userID int64, mode string, l lang.Code) error {
	md, ok := ParseMode(mode)
	if !ok {
		return apperr.Fields{"mode": "admin.settings.mode_invalid"}.Err("validation.failed")
	}
	return m.Staff.SaveNotifySettings(ctx, userID, md, l)
}
