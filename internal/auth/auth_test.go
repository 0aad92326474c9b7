// SPDX-License-Identifier: AGPL-3.0-or-later

package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

const goodPassword = "kaksi kurkea kylmässä saunassa"

// testKey encrypts second-factor secrets in tests.
var testKey = []byte("0123456789abcdef0123456789abcdef")

func setup(t *testing.T) (*auth.Service, *store.DB, *time.Time) {
	t.Helper()
	db := storetest.Open(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	return auth.NewService(db, func() time.Time { return now }, auth.WithSecretKey(testKey)), db, &now
}

func create(t *testing.T, s *auth.Service, email string, role auth.Role) auth.User {
	t.Helper()
	u := auth.User{Email: email, Name: "Aino Mäkelä", Role: role}
	if err := s.Create(context.Background(), audit.CLI, &u, goodPassword); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCheckPassword(t *testing.T) {
	tests := []struct{ pw, want string }{
		{"correct horse battery", ""},
		{"short", "auth.password.too_short"},
		{"elevenchars", "auth.password.too_short"},
		{"twelve chars", ""},
		{strings.Repeat("å", 128), ""},
		{strings.Repeat("å", 129), "auth.password.too_long"},
		{"Password1234", "auth.password.common"},
		{"salasana123456", "auth.password.common"},
		{"aino.makela-2026!", "auth.password.contains_email"},
		{"\xff\xfe invalid utf8 bytes", "auth.password.invalid"},
	}
	for _, tt := range tests {
		if got := auth.CheckPassword(tt.pw, "aino.makela@example.org"); got != tt.want {
			t.Errorf("CheckPassword(%q) = %q, want %q", tt.pw, got, tt.want)
		}
	}
}

func TestAuthenticate(t *testing.T) {
	s, _, _ := setup(t)
	ctx := context.Background()
	create(t, s, "aino@example.org", auth.Editor)
	if _, err := s.Authenticate(ctx, " AINO@example.org ", goodPassword, "", "192.0.2.1"); err != nil {
		t.Fatalf("right password: %v", err)
	}
	for _, tt := range []struct{ email, pw string }{{"aino@example.org", "wrong password!"}, {"nobody@example.org", goodPassword}} {
		if _, err := s.Authenticate(ctx, tt.email, tt.pw, "", "192.0.2.1"); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("%s: got %v, want Unauthorized", tt.email, err)
		} else if err.(*apperr.Error).MsgID != "auth.login.failed" {
			t.Errorf("unknown account and wrong password must look the same, got %q", err.(*apperr.Error).MsgID)
		}
	}
}

func TestThrottlingPerAccountAndPerAddress(t *testing.T) {
	s, _, now := setup(t)
	ctx := context.Background()
	create(t, s, "aino@example.org", auth.Editor)
	for i := 0; i < auth.MaxAccountFailures; i++ {
		_, _ = s.Authenticate(ctx, "aino@example.org", "wrong password!", "", "192.0.2."+string(rune('1'+i)))
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "198.51.100.7"); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("after %d failures from many addresses the account must be throttled, got %v", auth.MaxAccountFailures, err)
	}
	*now = now.Add(auth.ThrottleWindow + time.Minute)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "198.51.100.7"); err != nil {
		t.Fatalf("after the window the right password works again: %v", err)
	}
	for i := 0; i < auth.MaxAddressFailures; i++ {
		_, _ = s.Authenticate(ctx, "user"+string(rune('a'+i))+"@example.org", "whatever password", "", "203.0.113.9")
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "203.0.113.9"); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("an address guessing many accounts must be throttled, got %v", err)
	}
}

func TestDisabledAccountCannotSignIn(t *testing.T) {
	s, _, _ := setup(t)
	ctx := context.Background()
	create(t, s, "admin@example.org", auth.Admin)
	u := create(t, s, "aino@example.org", auth.Editor)
	u.Disabled = true
	if err := s.Update(ctx, audit.CLI, &u); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.1"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("disabled account signed in: %v", err)
	}
}

func TestSecondFactor(t *testing.T) {
	s, _, now := setup(t)
	ctx := context.Background()
	u := create(t, s, "aino@example.org", auth.Editor)
	key, err := s.NewTOTP(u, "nordcal")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnableTOTP(ctx, u.ID, key.Secret(), "000000"); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("a wrong code must not enable the factor: %v", err)
	}
	code, _ := totp.GenerateCode(key.Secret(), *now)
	if _, err := s.EnableTOTP(ctx, u.ID, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(30 * time.Second) // the confirming code is spent
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.1"); err == nil || err.(*apperr.Error).MsgID != "auth.login.code_needed" {
		t.Fatalf("password alone must ask for the code, got %v", err)
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "123456", "192.0.2.1"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("wrong code: %v", err)
	}
	code, _ = totp.GenerateCode(key.Secret(), *now)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.1"); err != nil {
		t.Fatalf("right code: %v", err)
	}
}

// A code works once (ASVS 2.8.4): a second sign-in with it within its 30
// seconds, or with the code that confirmed the factor, is refused.
func TestSecondFactorCodeWorksOnce(t *testing.T) {
	s, _, now := setup(t)
	ctx := context.Background()
	u := create(t, s, "aino@example.org", auth.Editor)
	key, _ := s.NewTOTP(u, "nordcal")
	code, _ := totp.GenerateCode(key.Secret(), *now)
	if _, err := s.EnableTOTP(ctx, u.ID, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.1"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("the code that turned the factor on must not sign in: %v", err)
	}
	*now = now.Add(30 * time.Second)
	code, _ = totp.GenerateCode(key.Secret(), *now)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.1"); err != nil {
		t.Fatalf("a fresh code: %v", err)
	}
	*now = now.Add(10 * time.Second)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.2"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("the same code 10 s later from elsewhere: %v, want refused", err)
	}
	previous := code
	*now = now.Add(20 * time.Second)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, previous, "192.0.2.2"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("an older code within the drift allowance: %v, want refused", err)
	}
	code, _ = totp.GenerateCode(key.Secret(), *now)
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.1"); err != nil {
		t.Fatalf("the next step's code: %v", err)
	}
}

func TestVersionConflict(t *testing.T) {
	s, _, _ := setup(t)
	ctx := context.Background()
	create(t, s, "admin@example.org", auth.Admin)
	u := create(t, s, "aino@example.org", auth.Editor)
	first, second := u, u
	first.Name = "Aino Mäkelä-Virtanen"
	if err := s.Update(ctx, audit.CLI, &first); err != nil {
		t.Fatal(err)
	}
	second.Role = auth.Admin
	err := s.Update(ctx, audit.CLI, &second)
	if !apperr.Is(err, apperr.Conflict) || err.(*apperr.Error).MsgID != "error.conflict.version" {
		t.Fatalf("second save on an old version: got %v, want a version conflict", err)
	}
	got, _ := s.User(ctx, u.ID)
	if got.Name != first.Name || got.Role != auth.Editor {
		t.Errorf("stored %q %q: the first save must stand untouched", got.Name, got.Role)
	}
}

func TestLastAdminStays(t *testing.T) {
	s, _, _ := setup(t)
	u := create(t, s, "admin@example.org", auth.Admin)
	u.Role = auth.Editor
	if err := s.Update(context.Background(), audit.CLI, &u); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("demoting the only admin: got %v", err)
	}
}

func TestEveryChangeIsAudited(t *testing.T) {
	s, db, now := setup(t)
	ctx := context.Background()
	admin := create(t, s, "admin@example.org", auth.Admin)
	actor := audit.Actor{ID: admin.ID, Email: admin.Email}
	u := create(t, s, "aino@example.org", auth.Editor)
	u.Name = "Aino Virtanen"
	if err := s.Update(ctx, actor, &u); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetPassword(ctx, actor, audit.UserPasswordReset, u.ID, "uusi pitkä salasana 2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangePassword(ctx, u.ID, "uusi pitkä salasana 2026", "vielä uudempi salasana"); err != nil {
		t.Fatal(err)
	}
	key, _ := s.NewTOTP(u, "nordcal")
	code, _ := totp.GenerateCode(key.Secret(), *now)
	if _, err := s.EnableTOTP(ctx, u.ID, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisableTOTP(ctx, actor, u.ID); err != nil {
		t.Fatal(err)
	}
	entries, total, err := db.ListAudit(ctx, audit.Filter{RecordType: "user"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(entries) - 1; i >= 0; i-- {
		actions = append(actions, entries[i].Action)
	}
	want := []string{audit.UserCreate, audit.UserCreate, audit.UserUpdate, audit.UserPasswordReset, audit.UserPasswordChange, audit.UserTOTPEnable, audit.UserTOTPDisable}
	if total != len(want) || strings.Join(actions, " ") != strings.Join(want, " ") {
		t.Fatalf("audit actions %v, want %v", actions, want)
	}
	upd := entries[len(entries)-3]
	if upd.Actor.Email != "admin@example.org" || len(upd.Changes) != 1 || upd.Changes[0] != (audit.Change{Field: "name", Before: "Aino Mäkelä", After: "Aino Virtanen"}) {
		t.Errorf("update entry %+v", upd)
	}
	for _, e := range entries {
		for _, c := range e.Changes {
			if strings.Contains(c.Before+c.After, "argon2id") || (c.Field == "password" && c.After != "•••") {
				t.Errorf("a secret reached the audit trail: %+v", c)
			}
		}
	}
}

func TestReauthFailuresAreCounted(t *testing.T) {
	s, _, now := setup(t)
	ctx := context.Background()
	u := create(t, s, "aino@example.org", auth.Editor)
	for i := 1; i < auth.MaxReauthFailures; i++ {
		if _, err := s.VerifyPassword(ctx, u.ID, "a wrong guess"); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("wrong current password %d: got %v, want Invalid", i, err)
		}
	}
	if _, err := s.VerifyPassword(ctx, u.ID, "a wrong guess"); !apperr.Is(err, apperr.Unauthorized) || err.(*apperr.Error).MsgID != "auth.reauth.signed_out" {
		t.Fatalf("wrong current password %d: got %v, want the session to end", auth.MaxReauthFailures, err)
	}
	if _, err := s.VerifyPassword(ctx, u.ID, goodPassword); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("after the limit even the right password must not pass re-authentication: %v", err)
	}
	if _, err := s.ChangePassword(ctx, u.ID, goodPassword, "uusi pitkä salasana 2026"); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("password change after the limit: %v", err)
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.1"); err != nil {
		t.Fatalf("the account itself is not locked: %v", err)
	}
	if _, err := s.VerifyPassword(ctx, u.ID, goodPassword); err != nil {
		t.Fatalf("a new sign-in starts the count over: %v", err)
	}
	*now = now.Add(time.Minute)
	if _, err := s.VerifyPassword(ctx, u.ID, "a wrong guess"); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("one wrong guess after a new sign-in: %v", err)
	}
}

// A few addresses guessing an account's password must not lock its owner
// out: the hard limit is per account and address, the account-wide one is
// five times softer, and an administrator can clear both.
func TestFailuresElsewhereDoNotLockTheOwnerOut(t *testing.T) {
	s, _, _ := setup(t)
	ctx := context.Background()
	create(t, s, "aino@example.org", auth.Editor)
	fail := func(addr string) {
		t.Helper()
		if _, err := s.Authenticate(ctx, "aino@example.org", "wrong password!", "", addr); !apperr.Is(err, apperr.Unauthorized) {
			t.Fatalf("wrong password from %s: %v", addr, err)
		}
	}
	for i := range auth.MaxClientFailures {
		fail(fmt.Sprintf("192.0.2.%d", i+1))
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "198.51.100.7"); err != nil {
		t.Fatalf("after %d failures from %d other addresses the owner must still sign in: %v", auth.MaxClientFailures, auth.MaxClientFailures, err)
	}
	for range auth.MaxClientFailures {
		fail("203.0.113.5")
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "203.0.113.5"); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("the guessing address must be throttled for this account, got %v", err)
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "198.51.100.7"); err != nil {
		t.Fatalf("while the owner's address is not: %v", err)
	}
	for i := range auth.MaxAccountFailures {
		fail(fmt.Sprintf("10.0.%d.%d", i/200, 1+i%200))
	}
	if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "198.51.100.7"); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("after %d failures over many addresses the account is throttled, got %v", auth.MaxAccountFailures, err)
	}
	if _, err := s.Unlock(ctx, " Aino@example.org"); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"198.51.100.7", "203.0.113.5"} {
		if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", addr); err != nil {
			t.Errorf("after unlock, from %s: %v", addr, err)
		}
	}
	if _, err := s.Unlock(ctx, "nobody@example.org"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unlocking an unknown account: %v", err)
	}
}
