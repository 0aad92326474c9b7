// SPDX-License-Identifier: AGPL-3.0-or-later

// Package audit is the secretariat's trail of changes: who changed which
// record when, and the before and after of each changed field. Entries are
// only ever appended, in the same transaction as the change they record.
package audit

import (
	"context"
	"sort"
	"time"
)

// Actor is who made a change. The command line acts as ID 0.
type Actor struct {
	ID    int64
	Email string
}

// CLI is the actor for changes made with the nordcal command.
var CLI = Actor{ID: 0, Email: "nordcal command"}

// Change is one field's value before and after.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Entry is one recorded change.
type Entry struct {
	ID          int64
	At          time.Time
	Actor       Actor
	Action      string
	RecordType  string
	RecordID    int64
	RecordLabel string
	Changes     []Change
}

// Actions recorded for accounts.
const (
	UserCreate         = "user.create"
	UserUpdate         = "user.update"
	UserPasswordChange = "user.password_change"
	UserPasswordReset  = "user.password_reset"
	UserTOTPEnable     = "user.totp_enable"
	UserTOTPDisable    = "user.totp_disable"
)

// Diff lists the fields whose values differ, sorted by field name.
func Diff(before, after map[string]string) []Change {
	var out []Change
	for k, a := range after {
		if b := before[k]; a != b {
			out = append(out, Change{Field: k, Before: b, After: a})
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			out = append(out, Change{Field: k, Before: b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	Actor      string
	RecordType string
	// RecordID selects one record's entries (with RecordType).
	RecordID int64
	Action   string
	From, To time.Time
	Limit    int
	Offset   int
}

// Store reads the trail. Writing happens inside the stores of the records
// that change.
type Store interface {
	// ListAudit returns the entries matching f, newest first, and how many match in all.
	ListAudit(ctx context.Context, f Filter) ([]Entry, int, error)
}
