// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/notify"
)

type subscriptionRow struct {
	ID        int64 `gorm:"primaryKey"`
	Email     string
	EmailKey  string
	Lang      string
	Filters   string
	Summary   string
	Token     string
	Confirmed bool
	CreatedAt int64 `gorm:"autoCreateTime:false"`
	DigestAt  int64
	Seen      string
	Version   int
}

func (subscriptionRow) TableName() string { return "mail_subscriptions" }

func (r subscriptionRow) subscription() (notify.Subscription, error) {
	s := notify.Subscription{ID: r.ID, Email: r.Email, Lang: lang.Code(r.Lang), Filter: r.Filters, Summary: r.Summary,
		Token: r.Token, Confirmed: r.Confirmed, CreatedAt: time.UnixMilli(r.CreatedAt).UTC(),
		DigestAt: time.UnixMilli(r.DigestAt).UTC(), Version: r.Version, Seen: map[int64]int{}}
	if r.Seen != "" {
		if err := json.Unmarshal([]byte(r.Seen), &s.Seen); err != nil {
			return notify.Subscription{}, err
		}
	}
	return s, nil
}

// Subscriptions is the e-mail subscriptions in the database
// (notify.SubscriptionStore).
type Subscriptions struct{ db *DB }

// Subscriptions returns the e-mail subscriptions of db.
func (db *DB) Subscriptions() *Subscriptions { return &Subscriptions{db: db} }

var _ notify.SubscriptionStore = (*Subscriptions)(nil)

// CreateSubscription implements notify.SubscriptionStore. On PostgreSQL an
// advisory lock on the address makes two instances' count-then-insert
// take turns; SQLite's write transactions already do.
func (s *Subscriptions) CreateSubscription(ctx context.Context, sub *notify.Subscription, m mail.Message, maxPerDay int, now time.Time) error {
	key := strings.ToLower(strings.TrimSpace(sub.Email))
	return s.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.db.dialect == Postgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?, hashtext(?))", mailCapLock+1, key).Error; err != nil {
				return err
			}
		}
		var n int64
		if err := tx.Model(&subscriptionRow{}).Where("email_key = ?", key).Count(&n).Error; err != nil {
			return err
		}
		if n >= notify.MaxSubscriptions {
			return apperr.New(apperr.RateLimited, "subscription.too_many")
		}
		r := subscriptionRow{Email: sub.Email, EmailKey: key, Lang: string(sub.Lang), Filters: sub.Filter, Summary: sub.Summary,
			Token: sub.Token, CreatedAt: millis(sub.CreatedAt), Seen: "{}"}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		sub.ID = r.ID
		if err := s.db.enqueueMail(tx, m, maxPerDay, now); err != nil && !errors.Is(err, mail.ErrDailyCap) {
			return err
		}
		return nil
	})
}

// SubscriptionByToken implements notify.SubscriptionStore.
func (s *Subscriptions) SubscriptionByToken(ctx context.Context, token string) (notify.Subscription, error) {
	var r subscriptionRow
	if err := s.db.gorm.WithContext(ctx).Take(&r, "token = ?", token).Error; err != nil {
		return notify.Subscription{}, mapErr(err, "subscription.not_found")
	}
	return r.subscription()
}

func (s *Subscriptions) list(q *gorm.DB) ([]notify.Subscription, error) {
	var rows []subscriptionRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]notify.Subscription, 0, len(rows))
	for _, r := range rows {
		sub, err := r.subscription()
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, nil
}

// SubscriptionsOf implements notify.SubscriptionStore.
func (s *Subscriptions) SubscriptionsOf(ctx context.Context, email string) ([]notify.Subscription, error) {
	return s.list(s.db.gorm.WithContext(ctx).Where("email_key = ?", strings.ToLower(strings.TrimSpace(email))))
}

// ConfirmedSubscriptions implements notify.SubscriptionStore.
func (s *Subscriptions) ConfirmedSubscriptions(ctx context.Context) ([]notify.Subscription, error) {
	return s.list(s.db.gorm.WithContext(ctx).Where("confirmed = ?", true))
}

// AdvanceSubscription implements notify.SubscriptionStore.
func (s *Subscriptions) AdvanceSubscription(ctx context.Context, sub notify.Subscription, msgs []mail.Message, maxPerDay int, now time.Time) (bool, error) {
	seen, err := json.Marshal(sub.Seen)
	if err != nil {
		return false, err
	}
	moved := false
	err = s.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&subscriptionRow{}).Where("id = ? AND version = ?", sub.ID, sub.Version).
			Updates(map[string]any{"seen": string(seen), "digest_at": millis(sub.DigestAt), "confirmed": sub.Confirmed,
				"version": gorm.Expr("version + 1")})
		if res.Error != nil || res.RowsAffected != 1 {
			return res.Error
		}
		moved = true
		for _, m := range msgs {
			if err := s.db.enqueueMail(tx, m, maxPerDay, now); err != nil && !errors.Is(err, mail.ErrDailyCap) {
				return err
			}
		}
		return nil
	})
	return moved, err
}

// DeleteSubscription implements notify.SubscriptionStore.
func (s *Subscriptions) DeleteSubscription(ctx context.Context, id int64) error {
	return s.db.gorm.WithContext(ctx).Delete(&subscriptionRow{}, "id = ?", id).Error
}

// PurgeUnconfirmed implements notify.SubscriptionStore.
func (s *Subscriptions) PurgeUnconfirmed(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.gorm.WithContext(ctx).Where("confirmed = ? AND created_at < ?", false, millis(before)).Delete(&subscriptionRow{})
	return res.RowsAffected, res.Error
}
