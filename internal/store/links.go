// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/calendar"
)

// SubmissionsByEmail implements calendar.LinkStore.
func (db *DB) SubmissionsByEmail(ctx context.Context, email string, limit int) ([]calendar.Submission, error) {
	var rows []submissionRow
	err := db.gorm.WithContext(ctx).Where("lower(submitter_email) = ?", strings.ToLower(strings.TrimSpace(email))).
		Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]calendar.Submission, len(rows))
	for i, r := range rows {
		out[i] = r.submission()
	}
	return out, nil
}

// ReplaceTokenHashes implements calendar.LinkStore.
func (db *DB) ReplaceTokenHashes(ctx context.Context, hashes map[int64]string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for id, h := range hashes {
			if err := tx.Model(&submissionRow{}).Where("id = ?", id).Update("token_hash", h).Error; err != nil {
				return err
			}
		}
		return nil
	})
}
