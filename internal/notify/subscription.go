// SPDX-License-Identifier: AGPL-3.0-or-later

package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
)

// Subscription is "get these events by e-mail": an address, the filters
// of the subscribe page, and what it was told so far.
type Subscription struct {
	ID    int64
	Email string
	Lang  lang.Code
	// Filter is the subscription's filter as a query string (Filter.Values).
	Filter string
	// Summary describes the filter in words in Lang, as the page did.
	Summary string
	// Token is the private link's secret; it also unsubscribes.
	Token     string
	Confirmed bool
	CreatedAt time.Time
	// DigestAt is when the last weekly digest was made (the confirmation
	// at first).
	DigestAt time.Time
	// Seen maps the events told so far to the SEQUENCE they were told at.
	Seen map[int64]int
	// Version moves with every mail sent.
	Version int
}

// SubscriptionStore keeps the subscriptions.
type SubscriptionStore interface {
	// CreateSubscription stores s (unconfirmed) and queues m in one
	// transaction, unless the address has MaxSubscriptions already: then
	// it stores nothing and returns RateLimited. It sets ID.
	CreateSubscription(ctx context.Context, s *Subscription, m mail.Message, maxPerDay int, now time.Time) error
	// SubscriptionByToken returns NotFound for an unknown token.
	SubscriptionByToken(ctx context.Context, token string) (Subscription, error)
	// SubscriptionsOf returns the address's subscriptions (case-insensitive).
	SubscriptionsOf(ctx context.Context, email string) ([]Subscription, error)
	// ConfirmedSubscriptions returns every confirmed subscription.
	ConfirmedSubscriptions(ctx context.Context) ([]Subscription, error)
	// AdvanceSubscription stores s's Seen, DigestAt and Confirmed and queues
	// msgs in one transaction, when the stored version is still s.Version
	// (then it moves it on); false when another instance advanced it first.
	AdvanceSubscription(ctx context.Context, s Subscription, msgs []mail.Message, maxPerDay int, now time.Time) (bool, error)
	// DeleteSubscription removes the subscription; deleting one that is gone
	// is no error.
	DeleteSubscription(ctx context.Context, id int64) error
	// PurgeUnconfirmed deletes the unconfirmed subscriptions created before
	// before, and returns how many.
	PurgeUnconfirmed(ctx context.Context, before time.Time) (int64, error)
}

// Limits of e-mail subscriptions.
const (
	// MaxSubscriptions is the most subscriptions one address may have.
	MaxSubscriptions = 10
	// ConfirmWithin is how long a confirmation link works.
	ConfirmWithin = 48 * time.Hour
	// KeepUnconfirmed is when an unconfirmed subscription is deleted.
	KeepUnconfirmed = 7 * 24 * time.Hour
	// DigestWeekday and DigestHour (in the default zone) start a new week
	// of the weekly digest.
	DigestWeekday = time.Monday
)

// Feed is what subscriptions read of the calendar and write as iCal.
type Feed interface {
	// Feed returns the public events of a subscription feed matching f and
	// how many match (more than it returns over calendar.MaxFeedEvents).
	Feed(ctx context.Context, f calendar.Filter) ([]calendar.Event, int, error)
	Now() time.Time
}

// Subscriptions runs "get these events by e-mail".
type Subscriptions struct {
	Mailer *Mailer
	Store  SubscriptionStore
	Feed   Feed
	// ICS writes events as one VCALENDAR in l with METHOD:PUBLISH, the same
	// UID and SEQUENCE as the feeds (the web server's writer).
	ICS func(l lang.Code, evs []calendar.Event) ([]byte, error)
	// DailyCap is the per-recipient cap of the mail queue.
	DailyCap int
	// Zone is where the weekly digest's week begins.
	Zone *time.Location
}

func newSubscriptionToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Subscribe asks email to confirm a subscription to the events matching
// f, in l; summary describes f in words. It answers the same whether or not
// the address already has subscriptions: one it already confirmed for the
// same filter gets a mail with its private link instead. Over
// MaxSubscriptions, nothing is sent (RateLimited is not reported, so the
// page cannot tell).
func (s *Subscriptions) Subscribe(ctx context.Context, email string, f calendar.Filter, summary string, l lang.Code) error {
	email = strings.TrimSpace(email)
	if !calendar.ValidEmail(email) {
		return apperr.Fields{"email": "validation.email"}.Err("validation.failed")
	}
	m := s.Mailer
	lz := m.Bundle.For(l)
	filter := f.Values().Encode()
	existing, err := s.Store.SubscriptionsOf(ctx, email)
	if err != nil {
		return err
	}
	for _, e := range existing {
		if e.Confirmed && e.Filter == filter {
			var b body
			b.add(lz.T("subscription.mail.already", "Summary", summary), s.pageLink(lz, e), lz.T("notify.signature"))
			m.enqueue(ctx, mail.Message{To: email, Lang: l.Tag(), Subject: lz.T("subscription.mail.already.subject"), Body: b.String()},
				"notice", "subscription-exists")
			return nil
		}
	}
	sub := Subscription{Email: email, Lang: l, Filter: filter, Summary: summary, Token: newSubscriptionToken(), CreatedAt: m.now()}
	var b body
	b.add(lz.T("subscription.mail.confirm.lead", "Summary", summary),
		lz.T("subscription.mail.confirm.link", "URL", m.url(s.path(sub, "")), "Hours", int(ConfirmWithin.Hours())),
		lz.T("subscription.mail.confirm.not_you"), lz.T("notify.signature"))
	msg, err := m.Outbox.Prepare(mail.Message{To: email, Lang: l.Tag(), Subject: lz.T("subscription.mail.confirm.subject"), Body: b.String()})
	if err != nil {
		return err
	}
	if err := s.Store.CreateSubscription(ctx, &sub, msg, s.DailyCap, m.now()); err != nil {
		if apperr.KindOf(err) == apperr.RateLimited {
			m.log().Warn("subscription not stored: the address has the most subscriptions allowed")
			return nil
		}
		return err
	}
	m.Outbox.Wake()
	return nil
}

// path is the private page of sub, or one of its actions.
func (s *Subscriptions) path(sub Subscription, action string) string {
	p := "/" + string(sub.Lang) + "/subscriptions/" + sub.Token
	if action != "" {
		p += "/" + action
	}
	return p
}

func (s *Subscriptions) pageLink(l *i18n.Localizer, sub Subscription) string {
	return l.T("subscription.mail.page", "URL", s.Mailer.url(s.path(sub, "")))
}

// ByToken returns the subscription of a private link; NotFound otherwise,
// and for an unconfirmed one whose confirmation has expired.
func (s *Subscriptions) ByToken(ctx context.Context, token string) (Subscription, error) {
	if len(token) < 20 || len(token) > 100 {
		return Subscription{}, apperr.New(apperr.NotFound, "subscription.not_found")
	}
	sub, err := s.Store.SubscriptionByToken(ctx, token)
	if apperr.Is(err, apperr.NotFound) || err == nil && !sub.Confirmed && s.Mailer.now().Sub(sub.CreatedAt) > ConfirmWithin {
		return Subscription{}, apperr.New(apperr.NotFound, "subscription.not_found")
	}
	return sub, err
}

// Confirm confirms the subscription of token: from now on, new matching
// events are told in the weekly digest and changes to told ones at once.
// What already matches counts as told.
func (s *Subscriptions) Confirm(ctx context.Context, token string) error {
	sub, err := s.ByToken(ctx, token)
	if err != nil || sub.Confirmed {
		return err
	}
	evs, err := s.matching(ctx, sub)
	if err != nil {
		return err
	}
	sub.Seen = map[int64]int{}
	for _, e := range evs {
		sub.Seen[e.ID] = e.Sequence
	}
	sub.Confirmed, sub.DigestAt = true, s.Mailer.now()
	_, err = s.Store.AdvanceSubscription(ctx, sub, nil, s.DailyCap, s.Mailer.now())
	return err
}

// Unsubscribe deletes the subscription of token; an unknown token is
// NotFound.
func (s *Subscriptions) Unsubscribe(ctx context.Context, token string) error {
	if len(token) < 20 || len(token) > 100 {
		return apperr.New(apperr.NotFound, "subscription.not_found")
	}
	sub, err := s.Store.SubscriptionByToken(ctx, token)
	if err != nil {
		return err
	}
	return s.Store.DeleteSubscription(ctx, sub.ID)
}

// matching is the upcoming public events of sub's filter.
func (s *Subscriptions) matching(ctx context.Context, sub Subscription) ([]calendar.Event, error) {
	q, err := url.ParseQuery(sub.Filter)
	if err != nil {
		return nil, err
	}
	f, err := calendar.FilterFromQuery(q)
	if err != nil {
		return nil, err
	}
	evs, _, err := s.Feed.Feed(ctx, f)
	if err != nil {
		return nil, err
	}
	now := s.Feed.Now()
	out := evs[:0]
	for _, e := range evs {
		if e.End.After(now) || e.AllDay && !e.EndDate.Before(calendar.DateOf(now.UTC())) {
			out = append(out, e)
		}
	}
	return out, nil
}

// weekStart is the beginning of t's digest week in zone: Monday at DigestHour.
func weekStart(t time.Time, zone *time.Location) time.Time {
	t = t.In(zone)
	y, mo, d := t.Date()
	day := time.Date(y, mo, d, DigestHour, 0, 0, 0, zone)
	back := (int(day.Weekday()) - int(DigestWeekday) + 7) % 7
	ws := day.AddDate(0, 0, -back)
	if ws.After(t) {
		ws = ws.AddDate(0, 0, -7)
	}
	return ws
}

// Due sends, for every confirmed subscription, one mail with the told
// events that changed (SEQUENCE rose: time, place or status, cancellations
// included) since the last check, with their .ics attached, and, once a
// week, the digest of new matching events; and deletes unconfirmed
// subscriptions older than KeepUnconfirmed. Each mail is queued with the
// subscription's new state in one transaction, once across instances.
func (s *Subscriptions) Due(ctx context.Context) error {
	now := s.Mailer.now()
	if _, err := s.Store.PurgeUnconfirmed(ctx, now.Add(-KeepUnconfirmed)); err != nil {
		return err
	}
	subs, err := s.Store.ConfirmedSubscriptions(ctx)
	if err != nil {
		return err
	}
	zone := s.Zone
	if zone == nil {
		zone = time.UTC
	}
	for _, sub := range subs {
		if err := s.check(ctx, sub, now, zone); err != nil {
			return fmt.Errorf("subscription %d: %w", sub.ID, err)
		}
	}
	return nil
}

func (s *Subscriptions) check(ctx context.Context, sub Subscription, now time.Time, zone *time.Location) error {
	evs, err := s.matching(ctx, sub)
	if err != nil {
		return err
	}
	var changed, fresh []calendar.Event
	seen := map[int64]int{}
	for _, e := range evs {
		seq, ok := sub.Seen[e.ID]
		switch {
		case !ok:
			if e.Status != calendar.Cancelled {
				fresh = append(fresh, e)
			}
		case e.Sequence > seq:
			changed = append(changed, e)
			seen[e.ID] = e.Sequence
		default:
			seen[e.ID] = seq
		}
	}
	weekly := weekStart(now, zone).After(sub.DigestAt)
	var msgs []mail.Message
	if len(changed) > 0 {
		m, err := s.changeMail(sub, changed)
		if err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if weekly {
		if len(fresh) > 0 {
			msgs = append(msgs, s.digestMail(sub, fresh))
		}
		for _, e := range fresh {
			seen[e.ID] = e.Sequence
		}
		sub.DigestAt = now
	}
	// New events not told yet wait for the digest; told ones that left the
	// filter are forgotten.
	if len(msgs) == 0 && !weekly && len(seen) == len(sub.Seen) {
		return nil
	}
	sub.Seen = seen
	ready := make([]mail.Message, 0, len(msgs))
	for _, m := range msgs {
		p, err := s.Mailer.Outbox.Prepare(m)
		if err != nil {
			return err
		}
		ready = append(ready, p)
	}
	moved, err := s.Store.AdvanceSubscription(ctx, sub, ready, s.DailyCap, now)
	if moved && len(ready) > 0 {
		s.Mailer.Outbox.Wake()
	}
	return err
}

// listHeaders are the RFC 2369 and RFC 8058 headers of sub's mails.
func (s *Subscriptions) listHeaders(sub Subscription) map[string]string {
	return map[string]string{
		"List-Unsubscribe":      "<" + s.Mailer.url(s.path(sub, "unsubscribe/one-click")) + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"List-Id":               "<subscription." + s.Mailer.BaseURL.Hostname() + ">",
	}
}

func (s *Subscriptions) footer(l *i18n.Localizer, sub Subscription) string {
	return l.T("subscription.mail.footer", "Summary", sub.Summary, "URL", s.Mailer.url(s.path(sub, "")))
}

func (s *Subscriptions) eventList(l *i18n.Localizer, b *body, evs []calendar.Event) {
	m := s.Mailer
	for i, e := range evs {
		if i == maxListed {
			b.add(l.N("notify.staff.more", len(evs)-maxListed))
			break
		}
		block := m.eventBlock(l, e)
		if e.Status == calendar.Cancelled || e.Status == calendar.Tentative {
			block += "\n" + l.T("status."+string(e.Status))
		}
		b.add(block + "\n" + m.url("/"+string(l.Lang)+"/events/"+strconv.FormatInt(e.ID, 10)))
	}
}

func (s *Subscriptions) digestMail(sub Subscription, evs []calendar.Event) mail.Message {
	l := s.Mailer.Bundle.For(sub.Lang)
	var b body
	b.add(l.N("subscription.mail.digest.lead", len(evs)))
	s.eventList(l, &b, evs)
	b.add(s.footer(l, sub), l.T("notify.signature"))
	return mail.Message{To: sub.Email, Lang: sub.Lang.Tag(), Subject: l.N("subscription.mail.digest.subject", len(evs)),
		Body: b.String(), Headers: s.listHeaders(sub)}
}

func (s *Subscriptions) changeMail(sub Subscription, evs []calendar.Event) (mail.Message, error) {
	l := s.Mailer.Bundle.For(sub.Lang)
	var b body
	b.add(l.N("subscription.mail.changed.lead", len(evs)))
	s.eventList(l, &b, evs)
	b.add(l.N("subscription.mail.changed.ics", len(evs)), s.footer(l, sub), l.T("notify.signature"))
	title, _ := evs[0].Title(sub.Lang)
	m := mail.Message{To: sub.Email, Lang: sub.Lang.Tag(), Body: b.String(), Headers: s.listHeaders(sub),
		Subject: l.N("subscription.mail.changed.subject", len(evs), "Title", mail.HeaderText(title, subjectTitle))}
	if len(evs) == 1 {
		m.Thread = s.Mailer.thread(evs[0].ID)
	}
	if s.ICS != nil {
		data, err := s.ICS(sub.Lang, evs)
		if err != nil {
			return mail.Message{}, err
		}
		m.Attachments = []mail.Attachment{{Name: "events.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: data}}
	}
	return m, nil
}
