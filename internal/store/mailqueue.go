// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/nordcal/nordcal/internal/mail"
)

type mailRow struct {
	ID            int64 `gorm:"primaryKey"`
	Recipient     string
	RecipientKey  string
	Subject       string
	Body          string
	Status        string
	Attempts      int
	NextAttemptAt int64 // unix milliseconds, as every time of this table
	LeaseUntil    int64
	Claim         string
	LastError     string
	EnqueuedAt    int64
	DoneAt        int64
	// Extra holds the rest of mail.Message as JSON: language, Message-ID,
	// thread, extra headers, attachments (migration 00015).
	Extra       string
	LastErrorAt int64
}

func (mailRow) TableName() string { return "mail_queue" }

// Mail queue states.
const (
	mailPending = "pending"
	mailSent    = "sent"
	mailFailed  = "failed"
)

// mailCapLock namespaces the PostgreSQL advisory locks that serialise the
// cap check of one recipient across instances.
const mailCapLock = 7310

// MailQueue is the mail queue in the database (mail.Store).
type MailQueue struct{ db *DB }

// MailQueue returns the mail queue of db.
func (db *DB) MailQueue() *MailQueue { return &MailQueue{db: db} }

var _ mail.Store = (*MailQueue)(nil)

func millis(t time.Time) int64 { return t.UnixMilli() }

// EnqueueMail implements mail.Store. On SQLite the transaction holds the
// write lock from its start (_txlock=immediate); on PostgreSQL an advisory
// lock on the recipient makes two instances' count-then-insert take turns.
func (q *MailQueue) EnqueueMail(ctx context.Context, m mail.Message, maxPerDay int, now time.Time) error {
	return q.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return q.db.enqueueMail(tx, m, maxPerDay, now)
	})
}

// enqueueMail is EnqueueMail inside the transaction tx, so that a mail can
// be queued with the change it tells of. A staff mail (m.Staff) is not
// capped and not counted.
func (db *DB) enqueueMail(tx *gorm.DB, m mail.Message, maxPerDay int, now time.Time) error {
	key := strings.ToLower(strings.TrimSpace(m.To))
	if m.Staff {
		key = "staff:" + key
	} else {
		if db.dialect == Postgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?, hashtext(?))", mailCapLock, key).Error; err != nil {
				return err
			}
		}
		var n int64
		if err := tx.Model(&mailRow{}).Where("recipient_key = ? AND enqueued_at > ?", key, millis(now.Add(-mail.CapWindow))).
			Count(&n).Error; err != nil {
			return err
		}
		if n >= int64(maxPerDay) {
			return mail.ErrDailyCap
		}
	}
	extra, err := json.Marshal(mailExtra{Lang: m.Lang, MessageID: m.MessageID, Thread: m.Thread, Headers: m.Headers,
		Attachments: m.Attachments, Staff: m.Staff})
	if err != nil {
		return err
	}
	t := millis(now)
	return tx.Create(&mailRow{Recipient: m.To, RecipientKey: key, Subject: m.Subject, Body: m.Body, Status: mailPending,
		NextAttemptAt: t, EnqueuedAt: t, Extra: string(extra)}).Error
}

// mailExtra is the part of a mail.Message kept in mail_queue.extra.
type mailExtra struct {
	Lang        string            `json:"lang,omitempty"`
	MessageID   string            `json:"id,omitempty"`
	Thread      string            `json:"thread,omitempty"`
	Headers     map[string]string `json:"headers,omitempty"`
	Attachments []mail.Attachment `json:"attachments,omitempty"`
	Staff       bool              `json:"staff,omitempty"`
}

// ClaimMail implements mail.Store. The candidate is read and leased in one
// transaction; on PostgreSQL FOR UPDATE SKIP LOCKED lets instances pass
// over each other's rows, and on both engines the lease is a conditional
// update on the row's previous claim, so two workers never hold one row.
func (q *MailQueue) ClaimMail(ctx context.Context, now time.Time, lease time.Duration) (mail.Outgoing, bool, error) {
	t := millis(now)
	due := func(tx *gorm.DB) *gorm.DB {
		return tx.Where("status = ? AND next_attempt_at <= ? AND lease_until <= ?", mailPending, t, t)
	}
	// Idle workers poll: a plain read first, so that finding nothing takes
	// no write lock on SQLite and commits nothing.
	var n int64
	if err := due(q.db.gorm.WithContext(ctx).Model(&mailRow{})).Limit(1).Count(&n).Error; err != nil || n == 0 {
		return mail.Outgoing{}, false, err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return mail.Outgoing{}, false, err
	}
	claim := hex.EncodeToString(b)
	var r mailRow
	claimed := false
	err := q.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		sel := due(tx).Order("next_attempt_at, id")
		if q.db.dialect == Postgres {
			sel = sel.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		err := sel.Take(&r).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		res := tx.Model(&mailRow{}).Where("id = ? AND status = ? AND claim = ? AND lease_until = ?", r.ID, mailPending, r.Claim, r.LeaseUntil).
			Updates(map[string]any{"claim": claim, "lease_until": t + lease.Milliseconds(), "attempts": gorm.Expr("attempts + 1")})
		if res.Error != nil {
			return res.Error
		}
		claimed = res.RowsAffected == 1
		return nil
	})
	if err != nil || !claimed {
		return mail.Outgoing{}, false, err
	}
	var x mailExtra
	if r.Extra != "" {
		if err := json.Unmarshal([]byte(r.Extra), &x); err != nil {
			return mail.Outgoing{}, false, err
		}
	}
	return mail.Outgoing{ID: r.ID, Claim: claim, Attempts: r.Attempts + 1,
		Message: mail.Message{To: r.Recipient, Subject: r.Subject, Body: r.Body, Lang: x.Lang, MessageID: x.MessageID,
			Thread: x.Thread, Headers: x.Headers, Attachments: x.Attachments, Staff: x.Staff}}, true, nil
}

// MailSent implements mail.Store.
func (q *MailQueue) MailSent(ctx context.Context, o mail.Outgoing, now time.Time) error {
	return q.finish(ctx, o, map[string]any{"status": mailSent, "subject": "", "body": "", "extra": "", "last_error": "",
		"lease_until": 0, "done_at": millis(now)})
}

// MailFailed implements mail.Store.
func (q *MailQueue) MailFailed(ctx context.Context, o mail.Outgoing, why string, retry time.Time, final bool, now time.Time) error {
	if final {
		return q.finish(ctx, o, map[string]any{"status": mailFailed, "subject": "", "body": "", "extra": "", "last_error": why,
			"last_error_at": millis(now), "lease_until": 0, "done_at": millis(now)})
	}
	return q.finish(ctx, o, map[string]any{"last_error": why, "last_error_at": millis(now), "lease_until": 0, "next_attempt_at": millis(retry)})
}

func (q *MailQueue) finish(ctx context.Context, o mail.Outgoing, set map[string]any) error {
	res := q.db.gorm.WithContext(ctx).Model(&mailRow{}).Where("id = ? AND claim = ? AND status = ?", o.ID, o.Claim, mailPending).Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return mail.ErrLeaseLost
	}
	return nil
}

// PurgeMail implements mail.Store.
func (q *MailQueue) PurgeMail(ctx context.Context, before time.Time) (int64, error) {
	res := q.db.gorm.WithContext(ctx).Where("status IN ? AND done_at < ?", []string{mailSent, mailFailed}, millis(before)).Delete(&mailRow{})
	return res.RowsAffected, res.Error
}

// MailRow is one row of the queue as tests see it.
type MailRow struct {
	ID                      int64
	Recipient, Status, Body string
	Attempts                int
	LastError               string
}

// MailRows returns the whole queue in order, for tests and inspection.
func (q *MailQueue) MailRows(ctx context.Context) ([]MailRow, error) {
	var rows []mailRow
	if err := q.db.gorm.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]MailRow, len(rows))
	for i, r := range rows {
		out[i] = MailRow{ID: r.ID, Recipient: r.Recipient, Status: r.Status, Body: r.Body, Attempts: r.Attempts, LastError: r.LastError}
	}
	return out, nil
}

// Stats counts the queue's rows by state and finds the newest error.
func (q *MailQueue) Stats(ctx context.Context) (mail.Stats, error) {
	var out mail.Stats
	type row struct {
		Status string
		Retry  bool
		N      int
	}
	var rows []row
	if err := q.db.gorm.WithContext(ctx).Model(&mailRow{}).
		Select("status, CASE WHEN last_error <> '' THEN 1 ELSE 0 END AS retry, COUNT(*) AS n").
		Where("status IN ?", []string{mailPending, mailFailed}).Group("status, retry").Scan(&rows).Error; err != nil {
		return out, err
	}
	for _, r := range rows {
		switch r.Status {
		case mailPending:
			out.Waiting += r.N
			if r.Retry {
				out.Retrying += r.N
			}
		case mailFailed:
			out.Failed += r.N
		}
	}
	var last mailRow
	err := q.db.gorm.WithContext(ctx).Where("last_error <> ''").Order("last_error_at DESC, id DESC").
		Take(&last).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.LastError, out.LastErrorAt = last.LastError, time.UnixMilli(last.LastErrorAt).UTC()
	return out, nil
}
