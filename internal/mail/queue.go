// SPDX-License-Identifier: AGPL-3.0-or-later

package mail

import (
	"context"
	"errors"
	"log/slog"
	"net/textproto"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Message is one mail to one recipient. Body is plain text; the HTML
// alternative is made from it when the mail is sent (see HTML).
type Message struct {
	To, Subject, Body string
	// Lang is the BCP 47 tag of the text (nb for Norwegian), for
	// Content-Language and the HTML part's lang.
	Lang string `json:"lang,omitempty"`
	// MessageID is the mail's Message-ID without angle brackets; Enqueue
	// sets a new one when empty, so every retry sends the same.
	MessageID string `json:"id,omitempty"`
	// Thread is the Message-ID the mail refers to (References and
	// In-Reply-To), so that mail about one event threads together.
	Thread string `json:"thread,omitempty"`
	// Headers are extra header fields: List-Unsubscribe,
	// List-Unsubscribe-Post and List-Id only.
	Headers     map[string]string `json:"headers,omitempty"`
	Attachments []Attachment      `json:"attachments,omitempty"`
	// Staff marks a mail to a secretariat account, which the per-recipient
	// daily cap does not count: its volume is the account's own choice
	// (immediate or digest) and bounded by the pending ceiling.
	Staff bool `json:"staff,omitempty"`
}

// Outgoing is a message a worker has claimed from the queue.
type Outgoing struct {
	Message
	ID int64
	// Claim identifies this lease; a message re-claimed after its lease
	// expired gets a new one.
	Claim string
	// Attempts counts the claims so far, this one included.
	Attempts int
}

// CapWindow is the period of the per-recipient cap.
const CapWindow = 24 * time.Hour

// Errors of the queue and its store.
var (
	// ErrDailyCap: the recipient had DailyCap mails in the last CapWindow;
	// the message is not queued.
	ErrDailyCap = errors.New("mail: the recipient's daily mail cap is reached")
	// ErrLeaseLost: the message's lease expired and another worker
	// claimed it.
	ErrLeaseLost = errors.New("mail: the lease on the message was lost")
)

// Store keeps the queue. Every method is safe across processes sharing one
// database: a message is claimed by one worker at a time.
type Store interface {
	// EnqueueMail stores m as due at now, unless maxPerDay messages to the
	// same recipient (case-insensitive) were enqueued in the CapWindow
	// before now: then it stores nothing and returns ErrDailyCap. The
	// count and the insert are one transaction.
	EnqueueMail(ctx context.Context, m Message, maxPerDay int, now time.Time) error
	// ClaimMail leases the longest-due pending message until now+lease and
	// counts an attempt; ok is false when nothing is due. A message whose
	// lease expired (its worker died) is due again.
	ClaimMail(ctx context.Context, now time.Time, lease time.Duration) (o Outgoing, ok bool, err error)
	// MailSent marks o sent and forgets its subject and body. It returns
	// ErrLeaseLost when o's claim is no longer the message's.
	MailSent(ctx context.Context, o Outgoing, now time.Time) error
	// MailFailed records why o was not sent: final marks it failed and
	// forgets its subject and body, otherwise it is due again at retry. It
	// returns ErrLeaseLost when o's claim is no longer the message's.
	MailFailed(ctx context.Context, o Outgoing, why string, retry time.Time, final bool, now time.Time) error
	// PurgeMail deletes sent and failed messages finished before before.
	PurgeMail(ctx context.Context, before time.Time) (int64, error)
}

// Stats summarises the queue for the dashboard.
type Stats struct {
	// Waiting are pending mails (due or waiting for a retry), Retrying those
	// of them that failed at least once; Failed are given up, of the last
	// two days.
	Waiting, Retrying, Failed int
	// LastError is the newest failure's reason and LastErrorAt its time
	// (LastError empty when none is kept).
	LastError   string
	LastErrorAt time.Time
}

// Outbox takes mails to send later.
type Outbox interface {
	// Enqueue queues m; ErrHeader for an unsafe recipient or subject,
	// ErrDailyCap when the recipient had enough mail today.
	Enqueue(ctx context.Context, m Message) error
}

// Options tune a Queue; zero values take the defaults.
type Options struct {
	// Workers send in parallel, one SMTP connection each (default 2).
	Workers int
	// DailyCap is the most mails one recipient gets in CapWindow (default 10).
	DailyCap int
	// MaxAttempts before a message is marked failed (default 8).
	MaxAttempts int
	// Backoff is the wait after the first failed attempt, doubled after
	// each further one up to MaxBackoff (defaults 1 min and 1 h).
	Backoff, MaxBackoff time.Duration
	// Lease is how long a claim lasts before another worker may take the
	// message over (default 5 min; a send is cut off at half of it).
	Lease time.Duration
	// Poll is how often an idle worker looks for due messages that another
	// instance queued or that are due for retry (default 15 s).
	Poll time.Duration
	// Keep is how long sent and failed messages are kept, for the cap
	// (default and minimum: two CapWindows).
	Keep time.Duration
	// Domain is the right-hand side of new Message-IDs (default
	// "nordcal.invalid"); the sender's domain is the natural choice.
	Domain string
	Log    *slog.Logger
	Now    func() time.Time
}

// Queue is a persistent, bounded mail queue: Enqueue stores a message,
// Run's few workers send it through the Sender, retry with backoff and
// finally mark it failed. Messages survive a restart, and several
// instances may run workers on one database.
type Queue struct {
	store  Store
	sender Sender
	opt    Options
	wake   chan struct{}
}

// NewQueue returns a queue on st that sends through s.
func NewQueue(st Store, s Sender, o Options) *Queue {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.DailyCap <= 0 {
		o.DailyCap = 10
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	def(&o.Backoff, time.Minute)
	def(&o.MaxBackoff, time.Hour)
	def(&o.Lease, 5*time.Minute)
	def(&o.Poll, 15*time.Second)
	if o.Keep < 2*CapWindow {
		o.Keep = 2 * CapWindow
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Domain == "" {
		o.Domain = "nordcal.invalid"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Queue{store: st, sender: s, opt: o, wake: make(chan struct{}, o.Workers)}
}

// Enqueue stores m for the workers.
func (q *Queue) Enqueue(ctx context.Context, m Message) error {
	m, err := q.Prepare(m)
	if err != nil {
		return err
	}
	if err := q.store.EnqueueMail(ctx, m, q.opt.DailyCap, q.opt.Now()); err != nil {
		return err
	}
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return nil
}

// Prepare checks m as Enqueue does and gives it its Message-ID, for a
// caller that stores it in a transaction of its own (see DailyCap).
func (q *Queue) Prepare(m Message) (Message, error) {
	if _, err := build("nordcal@"+q.opt.Domain, m, q.opt.Now()); err != nil {
		return Message{}, err
	}
	if m.MessageID == "" {
		m.MessageID = NewMessageID("nordcal@" + q.opt.Domain)
	}
	return m, nil
}

// DailyCap is the most mails one recipient gets in CapWindow.
func (q *Queue) DailyCap() int { return q.opt.DailyCap }

// Wake tells an idle worker that mail was queued.
func (q *Queue) Wake() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// SendDue sends every message due now, one after another, and returns how
// many were sent and how many failed; for "nordcal mail send-due" and tests.
func (q *Queue) SendDue(ctx context.Context) (sent, failed int, err error) {
	for ctx.Err() == nil {
		o, ok, err := q.store.ClaimMail(ctx, q.opt.Now(), q.opt.Lease)
		if err != nil || !ok {
			return sent, failed, err
		}
		delivered, err := q.deliver(ctx, o)
		if err != nil {
			return sent, failed, err
		}
		if delivered {
			sent++
		} else {
			failed++
		}
	}
	return sent, failed, ctx.Err()
}

// Run sends queued mail until ctx ends, then waits for the sends under way.
func (q *Queue) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for range q.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.work(ctx)
		}()
	}
	q.purge(ctx)
	wg.Wait()
}

func (q *Queue) work(ctx context.Context) {
	for ctx.Err() == nil {
		busy, err := q.sendOne(ctx)
		if err != nil && ctx.Err() == nil {
			q.opt.Log.Error("mail queue", "error", err.Error())
		}
		if busy && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-q.wake:
		case <-time.After(q.opt.Poll):
		}
	}
}

// sendOne sends the longest-due message, if any, and reports whether there
// was one. A send under way finishes even when ctx ends: its result is
// recorded, so a restart does not send it again.
func (q *Queue) sendOne(ctx context.Context) (bool, error) {
	o, ok, err := q.store.ClaimMail(ctx, q.opt.Now(), q.opt.Lease)
	if err != nil || !ok {
		return false, err
	}
	_, err = q.deliver(ctx, o)
	return true, err
}

// deliver sends one claimed message and records the result; it reports
// whether the message was sent, and an error recording the result.
func (q *Queue) deliver(ctx context.Context, o Outgoing) (bool, error) {
	ctx = context.WithoutCancel(ctx)
	if o.Attempts > q.opt.MaxAttempts {
		// Its workers died mid-send too often.
		return false, q.store.MailFailed(ctx, o, "too many attempts", time.Time{}, true, q.opt.Now())
	}
	sctx, cancel := context.WithTimeout(ctx, q.opt.Lease/2)
	err := q.sender.Send(sctx, o.Message)
	cancel()
	now := q.opt.Now()
	if err == nil {
		err = q.store.MailSent(ctx, o, now)
		if err == nil {
			q.opt.Log.Info("mail sent", "mail", o.ID, "attempt", o.Attempts)
		}
		return true, err
	}
	final := o.Attempts >= q.opt.MaxAttempts || permanent(err)
	retry := now.Add(q.backoff(o.Attempts))
	q.opt.Log.Warn("mail not sent", "mail", o.ID, "attempt", o.Attempts, "final", final, "error", err.Error())
	return false, q.store.MailFailed(ctx, o, truncate(err.Error(), 500), retry, final, now)
}

// backoff is the wait after the n-th failed attempt.
func (q *Queue) backoff(n int) time.Duration {
	d := q.opt.Backoff
	for i := 1; i < n && d < q.opt.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, q.opt.MaxBackoff)
}

// permanent reports whether retrying cannot help: the server refused the
// message or recipient for good (5xx), or the message is unsafe.
func permanent(err error) bool {
	var te *textproto.Error
	return errors.Is(err, ErrHeader) || errors.As(err, &te) && te.Code >= 500
}

// purge deletes finished messages now and then until ctx ends.
func (q *Queue) purge(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := q.store.PurgeMail(ctx, q.opt.Now().Add(-q.opt.Keep)); err != nil && ctx.Err() == nil {
			q.opt.Log.Error("purge mail queue", "error", err.Error())
		} else if n > 0 {
			q.opt.Log.Info("purged mail queue", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// HeaderText makes user text safe and short for a header such as the
// subject: control and formatting characters (line breaks, bidi
// overrides) become spaces, runs of space one space, and text longer than
// limit letters is cut with "…".
func HeaderText(s string, limit int) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
	}), " ")
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:limit-1])) + "…"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
