// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/nordcal/nordcal/internal/apperr"
)

// SecretKeySize is the length of the key that encrypts second-factor
// secrets (AES-256-GCM).
const SecretKeySize = 32

// sealedPrefix marks a TOTP secret encrypted with the secret key; a stored
// secret without it is plaintext from before encryption.
const sealedPrefix = "v1:"

// errNoKey is what sign-in meets when a sealed secret is stored but the
// key is gone: the operator must put NORDCAL_SECRET_KEY back.
var errNoKey = errors.New("a second-factor secret is encrypted but no secret key is configured")

// WithSecretKey sets the 32-byte key that encrypts second-factor secrets
// in the database. Without it (nil), second factors cannot be turned on.
func WithSecretKey(key []byte) Option {
	return func(s *Service) {
		if len(key) == 0 {
			return
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			panic("auth: secret key: " + err.Error()) // config validates the length
		}
		s.aead, _ = cipher.NewGCM(block) // never fails for AES
	}
}

// CanEnableTOTP reports whether second factors can be turned on: only with
// a secret key, so that their secrets are never stored in plaintext.
func (s *Service) CanEnableTOTP() bool { return s.aead != nil }

// additional data binds a sealed secret to its account: copied to another
// row it does not open.
func secretAD(id int64) []byte { return []byte("nordcal totp " + strconv.FormatInt(id, 10)) }

func (s *Service) seal(id int64, secret string) string {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(secret), secretAD(id)))
}

// openSecret returns the TOTP secret of u in plaintext.
func (s *Service) openSecret(u User) (string, error) {
	b64, sealed := strings.CutPrefix(u.TOTPSecret, sealedPrefix)
	if !sealed {
		return u.TOTPSecret, nil
	}
	if s.aead == nil {
		return "", apperr.Wrap(errNoKey)
	}
	b, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", apperr.Wrap(errors.New("malformed second-factor secret"))
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], secretAD(u.ID))
	if err != nil {
		return "", apperr.Wrap(errors.New("second-factor secret does not open with the secret key"))
	}
	return string(plain), nil
}

// SecretsReport is what SealTOTPSecrets found.
type SecretsReport struct {
	// Sealed counts plaintext secrets encrypted now.
	Sealed int
	// Plaintext counts secrets left in plaintext (no key configured).
	Plaintext int
	// Unreadable counts encrypted secrets that cannot be opened without
	// the key: those users cannot sign in.
	Unreadable int
}

// SealTOTPSecrets encrypts second-factor secrets stored in plaintext by an
// older nordcal, when a key is configured; run it at start-up. Without a
// key it only counts what it would do.
func (s *Service) SealTOTPSecrets(ctx context.Context) (SecretsReport, error) {
	var r SecretsReport
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return r, err
	}
	for _, u := range users {
		switch {
		case u.TOTPSecret == "":
		case strings.HasPrefix(u.TOTPSecret, sealedPrefix):
			if s.aead == nil {
				r.Unreadable++
			}
		case s.aead == nil:
			r.Plaintext++
		default:
			if err := s.store.ReplaceTOTPSecret(ctx, u.ID, u.TOTPSecret, s.seal(u.ID, u.TOTPSecret)); err != nil {
				return r, err
			}
			r.Sealed++
		}
	}
	return r, nil
}
