// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
)

type userRow struct {
	ID                int64
	Email             string
	Name              string
	Role              string
	PasswordHash      string
	Disabled          bool
	TOTPSecret        string `gorm:"column:totp_secret"`
	Version           int
	PasswordChangedAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) user() auth.User {
	return auth.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: auth.Role(r.Role), PasswordHash: r.PasswordHash,
		Disabled: r.Disabled, TOTPSecret: r.TOTPSecret, Version: r.Version, PasswordChangedAt: r.PasswordChangedAt.UTC(),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

type auditRow struct {
	ID          int64
	At          time.Time
	ActorID     int64
	ActorEmail  string
	Action      string
	RecordType  string
	RecordID    int64
	RecordLabel string
	Changes     string
}

func (auditRow) TableName() string { return "audit_events" }

type loginFailureRow struct {
	ID  int64
	Key string
	At  time.Time
}

func (loginFailureRow) TableName() string { return "login_failures" }

// appendAudit writes e in tx; the trail is append-only.
func (db *DB) appendAudit(tx *gorm.DB, e audit.Entry) error {
	changes, err := json.Marshal(e.Changes)
	if err != nil {
		return err
	}
	if e.Changes == nil {
		changes = []byte("[]")
	}
	return tx.Create(&auditRow{At: db.gorm.NowFunc(), ActorID: e.Actor.ID, ActorEmail: e.Actor.Email, Action: e.Action,
		RecordType: e.RecordType, RecordID: e.RecordID, RecordLabel: e.RecordLabel, Changes: string(changes)}).Error
}

// UserByEmail returns the account with email or NotFound.
func (db *DB) UserByEmail(ctx context.Context, email string) (auth.User, error) {
	var r userRow
	if err := db.gorm.WithContext(ctx).Take(&r, "email = ?", email).Error; err != nil {
		return auth.User{}, mapErr(err, "error.not_found")
	}
	return r.user(), nil
}

// UserByID returns the account with id or NotFound.
func (db *DB) UserByID(ctx context.Context, id int64) (auth.User, error) {
	var r userRow
	if err := db.gorm.WithContext(ctx).Take(&r, "id = ?", id).Error; err != nil {
		return auth.User{}, mapErr(err, "error.not_found")
	}
	return r.user(), nil
}

// ListUsers returns every account ordered by e-mail.
func (db *DB) ListUsers(ctx context.Context) ([]auth.User, error) {
	var rows []userRow
	if err := db.gorm.WithContext(ctx).Order("email").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]auth.User, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, nil
}

// CreateUser stores u and its audit entry in one transaction.
func (db *DB) CreateUser(ctx context.Context, u *auth.User, e audit.Entry) error {
	r := userRow{Email: u.Email, Name: u.Name, Role: string(u.Role), PasswordHash: u.PasswordHash, Disabled: u.Disabled,
		TOTPSecret: u.TOTPSecret, Version: 1, PasswordChangedAt: u.PasswordChangedAt.UTC()}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		e.RecordID = r.ID
		return db.appendAudit(tx, e)
	})
	if err != nil {
		return mapErr(err, "error.not_found")
	}
	*u = r.user()
	return nil
}

// UpdateUser stores u when the stored version is u.Version, with its audit
// entry, in one transaction.
func (db *DB) UpdateUser(ctx context.Context, u *auth.User, e audit.Entry) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ? AND version = ?", u.ID, u.Version).Updates(map[string]any{
			"name": u.Name, "role": string(u.Role), "password_hash": u.PasswordHash, "disabled": u.Disabled,
			"totp_secret": u.TOTPSecret, "password_changed_at": u.PasswordChangedAt.UTC(),
			"version": gorm.Expr("version + 1"), "updated_at": now,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			var n int64
			if err := tx.Model(&userRow{}).Where("id = ?", u.ID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return gorm.ErrRecordNotFound
			}
			return apperr.New(apperr.Conflict, "error.conflict.version")
		}
		return db.appendAudit(tx, e)
	})
	if err != nil {
		return mapErr(err, "error.not_found")
	}
	u.Version++
	u.UpdatedAt = now
	return nil
}

// UseTOTPStep stores step as the account's last accepted TOTP step when it
// is later than the stored one; the condition in the UPDATE makes two
// sign-ins racing with one code accept it once. It leaves the version
// alone: it is not an edit of the account.
func (db *DB) UseTOTPStep(ctx context.Context, id, step int64) (bool, error) {
	res := db.gorm.WithContext(ctx).Model(&userRow{}).Where("id = ? AND totp_last_step < ?", id, step).
		UpdateColumn("totp_last_step", step)
	if res.Error != nil {
		return false, mapErr(res.Error, "error.not_found")
	}
	return res.RowsAffected == 1, nil
}

// ReplaceTOTPSecret sets the stored second-factor secret of id to next if
// it is still old, leaving the version alone.
func (db *DB) ReplaceTOTPSecret(ctx context.Context, id int64, old, next string) error {
	err := db.gorm.WithContext(ctx).Model(&userRow{}).Where("id = ? AND totp_secret = ?", id, old).
		UpdateColumn("totp_secret", next).Error
	return mapErr(err, "error.not_found")
}

// CountActiveAdmins counts admins that are not disabled.
func (db *DB) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int64
	err := db.gorm.WithContext(ctx).Model(&userRow{}).Where("role = ? AND disabled = ?", auth.Admin, false).Count(&n).Error
	return int(n), mapErr(err, "error.not_found")
}

// RecordFailure notes a failed sign-in under each key.
func (db *DB) RecordFailure(ctx context.Context, keys []string, at time.Time) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, k := range keys {
			if err := tx.Create(&loginFailureRow{Key: k, At: at.UTC()}).Error; err != nil {
				return err
			}
		}
		// Failures older than a day matter to nobody; keep the table small.
		return tx.Where("at < ?", at.UTC().Add(-24*time.Hour)).Delete(&loginFailureRow{}).Error
	}), "error.not_found")
}

// Failures counts the failures of key since since.
func (db *DB) Failures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int64
	err := db.gorm.WithContext(ctx).Model(&loginFailureRow{}).Where("key = ? AND at > ?", key, since.UTC()).Count(&n).Error
	return int(n), mapErr(err, "error.not_found")
}

// ClearFailures forgets the failures of key.
func (db *DB) ClearFailures(ctx context.Context, key string) error {
	return mapErr(db.gorm.WithContext(ctx).Where("key = ?", key).Delete(&loginFailureRow{}).Error, "error.not_found")
}

// ClearFailuresWithPrefix forgets the failures of every key starting with prefix.
func (db *DB) ClearFailuresWithPrefix(ctx context.Context, prefix string) error {
	pattern := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix) + "%"
	return mapErr(db.gorm.WithContext(ctx).Where("key LIKE ? ESCAPE '\\'", pattern).Delete(&loginFailureRow{}).Error, "error.not_found")
}

// ListAudit returns the audit entries matching f, newest first.
func (db *DB) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	q := db.gorm.WithContext(ctx).Model(&auditRow{})
	if f.Actor != "" {
		q = q.Where("actor_email LIKE ? ESCAPE '\\'", likePattern(f.Actor))
	}
	if f.RecordType != "" {
		q = q.Where("record_type = ?", f.RecordType)
	}
	if f.RecordID != 0 {
		q = q.Where("record_id = ?", f.RecordID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, mapErr(err, "error.not_found")
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []auditRow
	if err := q.Offset(f.Offset).Order("at DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, 0, mapErr(err, "error.not_found")
	}
	out := make([]audit.Entry, len(rows))
	for i, r := range rows {
		out[i] = audit.Entry{ID: r.ID, At: r.At.UTC(), Actor: audit.Actor{ID: r.ActorID, Email: r.ActorEmail}, Action: r.Action,
			RecordType: r.RecordType, RecordID: r.RecordID, RecordLabel: r.RecordLabel}
		_ = json.Unmarshal([]byte(r.Changes), &out[i].Changes)
	}
	return out, int(total), nil
}
