// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type sessionRow struct {
	TokenHash string `gorm:"primaryKey"`
	Data      []byte
	Expiry    int64 // unix seconds: one encoding on both engines
}

// tokenHash is what the table stores instead of a session token: a copy of
// the database (or a backup) must not give its reader anyone's session.
// The tokens are 256-bit random values, so an unsalted SHA-256 is enough.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func (sessionRow) TableName() string { return "sessions" }

// Sessions is an scs session store in the database, so that several
// instances share sign-ins and a sign-out ends the session everywhere.
type Sessions struct{ db *DB }

// Sessions returns the session store of db.
func (db *DB) Sessions() *Sessions { return &Sessions{db: db} }

// FindCtx returns the data of an unexpired session.
func (s *Sessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var r sessionRow
	err := s.db.gorm.WithContext(ctx).Where("token_hash = ? AND expiry > ?", tokenHash(token), time.Now().Unix()).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return r.Data, true, nil
}

// CommitCtx stores or replaces a session.
func (s *Sessions) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return s.db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "token_hash"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "expiry"})}).
		Create(&sessionRow{TokenHash: tokenHash(token), Data: b, Expiry: expiry.Unix()}).Error
}

// DeleteCtx removes a session.
func (s *Sessions) DeleteCtx(ctx context.Context, token string) error {
	return s.db.gorm.WithContext(ctx).Where("token_hash = ?", tokenHash(token)).Delete(&sessionRow{}).Error
}

// Find implements scs.Store.
func (s *Sessions) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit implements scs.Store.
func (s *Sessions) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete implements scs.Store.
func (s *Sessions) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpired removes expired sessions; run it now and then.
func (s *Sessions) DeleteExpired(ctx context.Context) error {
	return s.db.gorm.WithContext(ctx).Where("expiry <= ?", time.Now().Unix()).Delete(&sessionRow{}).Error
}
