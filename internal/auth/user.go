// SPDX-License-Identifier: AGPL-3.0-or-later

// Package auth holds the secretariat's accounts: roles, password rules,
// sign-in with throttling, and the optional TOTP second factor. It imports
// no web or database framework.
package auth

import (
	"bufio"
	"context"
	_ "embed"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
)

// Role is what a secretariat account may do.
type Role string

// Roles. Admins may do everything, including managing accounts; editors
// moderate and curate content.
const (
	Admin  Role = "admin"
	Editor Role = "editor"
)

// Roles lists the roles.
var Roles = []Role{Admin, Editor}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Admin || r == Editor }

// User is a secretariat account. One account per person: there is no
// shared login.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	Disabled     bool
	// TOTPSecret is the secret of the second factor as stored: encrypted
	// with the secret key ("v1:…"), or base32 plaintext from before
	// encryption; empty when the user has not turned it on.
	TOTPSecret string
	// Version rises with every change; an update naming an older version is
	// refused so that two editors never overwrite each other silently.
	Version           int
	PasswordChangedAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Password length limits (ASVS 2.1.1–2.1.2): long passphrases are welcome,
// nothing is truncated.
const (
	MinPassword = 12
	MaxPassword = 128
)

//go:embed common-passwords.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// CheckPassword applies the password rules and returns a message ID for
// the first rule broken, or "". There are no composition rules (ASVS 2.1.9).
func CheckPassword(pw, email string) string {
	n := utf8.RuneCountInString(pw)
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	switch {
	case !utf8.ValidString(pw):
		return "auth.password.invalid"
	case n < MinPassword:
		return "auth.password.too_short"
	case n > MaxPassword:
		return "auth.password.too_long"
	case common[strings.ToLower(pw)]:
		return "auth.password.common"
	case len(local) >= 4 && strings.Contains(strings.ToLower(pw), local):
		return "auth.password.contains_email"
	}
	return ""
}

// Validate checks the account fields (not the password).
func (u *User) Validate() error {
	f := apperr.Fields{}
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if !calendar.ValidEmail(u.Email) {
		f.Add("email", "validation.email")
	}
	if utf8.RuneCountInString(u.Name) > 200 || strings.ContainsAny(u.Name, "\r\n\t\x00") {
		f.Add("name", "validation.text")
	}
	if !u.Role.Valid() {
		f.Add("role", "validation.choice")
	}
	return f.Err("validation.failed")
}

// Store persists accounts and sign-in attempts.
type Store interface {
	// UserByEmail returns NotFound when no account has email.
	UserByEmail(ctx context.Context, email string) (User, error)
	// UserByID returns NotFound when no account has id.
	UserByID(ctx context.Context, id int64) (User, error)
	// ListUsers returns every account ordered by e-mail.
	ListUsers(ctx context.Context) ([]User, error)
	// CreateUser stores u and sets ID, Version and timestamps, and appends
	// e (with the new ID) to the audit trail in the same transaction; a
	// taken e-mail is a Conflict.
	CreateUser(ctx context.Context, u *User, e audit.Entry) error
	// UpdateUser stores u if the stored version is still u.Version, sets
	// u.Version to the new version and appends e, in one transaction;
	// otherwise it returns a Conflict with message "error.conflict.version".
	UpdateUser(ctx context.Context, u *User, e audit.Entry) error
	// CountActiveAdmins counts admins that are not disabled.
	CountActiveAdmins(ctx context.Context) (int, error)
	// RecordFailure notes a failed sign-in for each key at time at.
	RecordFailure(ctx context.Context, keys []string, at time.Time) error
	// Failures counts the failures recorded for key since since.
	Failures(ctx context.Context, key string, since time.Time) (int, error)
	// UseTOTPStep records step as the last TOTP time step accepted for
	// account id if it is later than the one stored, atomically, and
	// reports whether it was; false means the code was used already.
	UseTOTPStep(ctx context.Context, id, step int64) (bool, error)
	// ReplaceTOTPSecret sets the stored second-factor secret of account
	// id to next if it is still old; it changes nothing else (not the
	// version: it re-encodes, it does not edit).
	ReplaceTOTPSecret(ctx context.Context, id int64, old, next string) error
	// ClearFailures forgets the failures of key.
	ClearFailures(ctx context.Context, key string) error
	// ClearFailuresWithPrefix forgets the failures of every key that
	// starts with prefix.
	ClearFailuresWithPrefix(ctx context.Context, prefix string) error
}
