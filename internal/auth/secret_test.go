// SPDX-License-Identifier: AGPL-3.0-or-later

package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/auth"
)

// Second-factor secrets are stored encrypted with the secret key; without
// a key the factor cannot be turned on.
func TestSecondFactorSecretIsEncrypted(t *testing.T) {
	s, db, now := setup(t)
	ctx := context.Background()
	u := create(t, s, "aino@example.org", auth.Editor)
	storedSecret := func(id int64) string {
		t.Helper()
		sqlDB, _ := db.SQL()
		var v string
		if err := sqlDB.QueryRow("SELECT totp_secret FROM users WHERE id = $1", id).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	signIn := func(s *auth.Service, secret string) error {
		*now = now.Add(30 * time.Second)
		code, _ := totp.GenerateCode(secret, *now)
		_, err := s.Authenticate(ctx, "aino@example.org", goodPassword, code, "192.0.2.1")
		return err
	}
	key, _ := s.NewTOTP(u, "nordcal")
	code, _ := totp.GenerateCode(key.Secret(), *now)
	if _, err := s.EnableTOTP(ctx, u.ID, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	if v := storedSecret(u.ID); strings.Contains(v, key.Secret()) || !strings.HasPrefix(v, "v1:") {
		t.Fatalf("stored secret %q: it must be encrypted", v)
	}
	if err := signIn(s, key.Secret()); err != nil {
		t.Fatalf("sign-in with the encrypted secret: %v", err)
	}

	t.Run("a plaintext secret from before is encrypted at start", func(t *testing.T) {
		other := create(t, s, "erik@example.org", auth.Editor)
		sqlDB, _ := db.SQL()
		if _, err := sqlDB.Exec("UPDATE users SET totp_secret = $1 WHERE id = $2", key.Secret(), other.ID); err != nil {
			t.Fatal(err)
		}
		r, err := s.SealTOTPSecrets(ctx)
		if err != nil || r.Sealed != 1 {
			t.Fatalf("SealTOTPSecrets: %+v %v", r, err)
		}
		if v := storedSecret(other.ID); !strings.HasPrefix(v, "v1:") {
			t.Errorf("still plaintext: %q", v)
		}
		*now = now.Add(30 * time.Second)
		code, _ := totp.GenerateCode(key.Secret(), *now)
		if _, err := s.Authenticate(ctx, "erik@example.org", goodPassword, code, "192.0.2.1"); err != nil {
			t.Errorf("sign-in after encryption: %v", err)
		}
		if r, _ := s.SealTOTPSecrets(ctx); r.Sealed != 0 {
			t.Errorf("a second run must find nothing to do: %+v", r)
		}
	})
	t.Run("a secret copied to another account does not open", func(t *testing.T) {
		sqlDB, _ := db.SQL()
		other, err := s.UserByEmail(ctx, "erik@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sqlDB.Exec("UPDATE users SET totp_secret = $1 WHERE id = $2", storedSecret(u.ID), other.ID); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(30 * time.Second)
		code, _ := totp.GenerateCode(key.Secret(), *now)
		if _, err := s.Authenticate(ctx, "erik@example.org", goodPassword, code, "192.0.2.1"); err == nil {
			t.Errorf("a sealed secret moved to another row must not open")
		}
	})
	t.Run("without a key", func(t *testing.T) {
		keyless := auth.NewService(db, func() time.Time { return *now })
		if keyless.CanEnableTOTP() {
			t.Error("CanEnableTOTP without a key")
		}
		next, _ := keyless.NewTOTP(u, "nordcal")
		code, _ := totp.GenerateCode(next.Secret(), *now)
		if _, err := keyless.EnableTOTP(ctx, u.ID, next.Secret(), code); !apperr.Is(err, apperr.Conflict) || err.(*apperr.Error).MsgID != "auth.totp.no_key" {
			t.Errorf("enable without a key: %v", err)
		}
		if r, err := keyless.SealTOTPSecrets(ctx); err != nil || r.Unreadable != 2 || r.Sealed != 0 {
			t.Errorf("report without a key: %+v %v", r, err)
		}
		if err := signIn(keyless, key.Secret()); !apperr.Is(err, apperr.Internal) {
			t.Errorf("an encrypted secret without the key is a server error for the operator to fix, got %v", err)
		}
	})
}
