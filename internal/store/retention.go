// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/privacy"
)

var _ privacy.Store = (*DB)(nil)

// PurgeRejectedSubmitters blanks the submitter details of declined
// registrations decided before the instant, with their audit actor.
func (db *DB) PurgeRejectedSubmitters(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var due []struct {
			ID             int64
			EventID        int64
			SubmitterEmail string
		}
		if err := tx.Table("submissions").Select("submissions.id, submissions.event_id, submissions.submitter_email").
			Joins("JOIN events ON events.id = submissions.event_id").
			Where("events.status = ? AND submissions.decided_at < ? AND (submissions.submitter_email <> '' OR submissions.submitter_name <> '' OR submissions.submitter_addr <> '')",
				string(calendar.Rejected), before.UTC()).
			Scan(&due).Error; err != nil {
			return err
		}
		for _, d := range due {
			if d.SubmitterEmail != "" {
				if err := tx.Table("audit_events").Where("record_type = ? AND record_id = ? AND actor_id = 0 AND actor_email = ?",
					"event", d.EventID, d.SubmitterEmail).Update("actor_email", "").Error; err != nil {
					return err
				}
			}
			if err := tx.Table("submissions").Where("id = ?", d.ID).
				Updates(map[string]any{"submitter_name": "", "submitter_email": "", "submitter_addr": ""}).Error; err != nil {
				return err
			}
		}
		n = int64(len(due))
		return nil
	})
	return n, mapErr(err, "error.not_found")
}

// PurgeProposals deletes the directory proposals decided before the instant.
func (db *DB) PurgeProposals(ctx context.Context, before time.Time) (int64, error) {
	res := db.gorm.WithContext(ctx).Where("state <> ? AND decided_at < ?", "pending", before.UTC()).Delete(&proposalRow{})
	return res.RowsAffected, mapErr(res.Error, "error.not_found")
}

// PurgeVerificationLinks deletes the links that expired or were used
// before the instant.
func (db *DB) PurgeVerificationLinks(ctx context.Context, before time.Time) (int64, error) {
	res := db.gorm.WithContext(ctx).Where("expires_at < ? OR used_at < ?", before.UTC(), before.UTC()).Delete(&verificationLinkRow{})
	return res.RowsAffected, mapErr(res.Error, "error.not_found")
}

// PurgeLoginFailures deletes the failed sign-ins recorded before the instant.
func (db *DB) PurgeLoginFailures(ctx context.Context, before time.Time) (int64, error) {
	res := db.gorm.WithContext(ctx).Where("at < ?", before.UTC()).Delete(&loginFailureRow{})
	return res.RowsAffected, mapErr(res.Error, "error.not_found")
}
