// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/notify"
)

type notifySettingsRow struct {
	UserID int64 `gorm:"primaryKey"`
	Mode   string
	Lang   string
}

func (notifySettingsRow) TableName() string { return "notify_settings" }

type notifyMarkRow struct {
	Name  string `gorm:"primaryKey"`
	Value int64
}

func (notifyMarkRow) TableName() string { return "notify_marks" }

// Notify is the notification settings and marks in the database (notify.Store).
type Notify struct {
	db       *DB
	dailyCap int
}

// Notify returns the notification store of db; dailyCap is the mail
// queue's per-recipient cap, applied to the mails MoveMark queues.
func (db *DB) Notify(dailyCap int) *Notify { return &Notify{db: db, dailyCap: dailyCap} }

var _ notify.Store = (*Notify)(nil)

// NotifySettings implements notify.Store.
func (n *Notify) NotifySettings(ctx context.Context, userID int64) (notify.Settings, error) {
	var u userRow
	if err := n.db.gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return notify.Settings{}, apperr.New(apperr.NotFound, "error.not_found")
		}
		return notify.Settings{}, err
	}
	s := notify.Settings{UserID: u.ID, Email: u.Email, Name: u.Name, Mode: notify.None}
	var r notifySettingsRow
	err := n.db.gorm.WithContext(ctx).Take(&r, "user_id = ?", userID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s, nil
	}
	if err != nil {
		return notify.Settings{}, err
	}
	s.Mode, s.Lang = notify.Mode(r.Mode), lang.Code(r.Lang)
	return s, nil
}

// SaveNotifySettings implements notify.Store.
func (n *Notify) SaveNotifySettings(ctx context.Context, userID int64, mode notify.Mode, l lang.Code) error {
	return n.db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"mode", "lang"})}).
		Create(&notifySettingsRow{UserID: userID, Mode: string(mode), Lang: string(l)}).Error
}

// NotifyRecipients implements notify.Store.
func (n *Notify) NotifyRecipients(ctx context.Context, modes ...notify.Mode) ([]notify.Settings, error) {
	ms := make([]string, len(modes))
	for i, m := range modes {
		ms[i] = string(m)
	}
	var rows []struct {
		ID          int64
		Email, Name string
		Mode, Lang  string
	}
	err := n.db.gorm.WithContext(ctx).Table("users").
		Select("users.id, users.email, users.name, notify_settings.mode, notify_settings.lang").
		Joins("JOIN notify_settings ON notify_settings.user_id = users.id").
		Where("users.disabled = ? AND notify_settings.mode IN ?", false, ms).Order("users.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]notify.Settings, len(rows))
	for i, r := range rows {
		out[i] = notify.Settings{UserID: r.ID, Email: r.Email, Name: r.Name, Mode: notify.Mode(r.Mode), Lang: lang.Code(r.Lang)}
	}
	return out, nil
}

// Mark implements notify.Store.
func (n *Notify) Mark(ctx context.Context, key string) (int64, error) {
	var r notifyMarkRow
	err := n.db.gorm.WithContext(ctx).Take(&r, "name = ?", key).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil
	}
	return r.Value, err
}

// MoveMark implements notify.Store: the conditional update on the mark
// decides, inside the transaction that queues the mails, which of several
// instances sends them.
func (n *Notify) MoveMark(ctx context.Context, key string, prev, next int64, msgs []mail.Message, now time.Time) (bool, error) {
	moved := false
	err := n.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&notifyMarkRow{Name: key, Value: 0}).Error; err != nil {
			return err
		}
		res := tx.Model(&notifyMarkRow{}).Where("name = ? AND value = ?", key, prev).Update("value", next)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return nil
		}
		moved = true
		for _, m := range msgs {
			if err := n.db.enqueueMail(tx, m, n.dailyCap, now); err != nil && !errors.Is(err, mail.ErrDailyCap) {
				return err
			}
		}
		return nil
	})
	return moved, err
}
