// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

import (
	"context"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
)

// argonParams are OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane),
// fixed so the hash cost does not depend on the machine.
var argonParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// dummyHash is compared against when an account does not exist, so the
// answer takes as long as for a real account and does not reveal which
// e-mail addresses have accounts.
var dummyHash, _ = argon2id.CreateHash("nordcal-dummy-password", argonParams)

// Throttling: a sign-in is refused for a while after too many failures
// within ThrottleWindow for one account from one address, for one address
// over all accounts, or (a softer limit, so that a few addresses cannot
// lock an account for everyone) for one account over all addresses:
// at most 100 guesses an hour (ASVS 2.2.1). The counters live in the
// database so that every instance sees them; `nordcal user unlock` clears
// an account's.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxClientFailures  = 5
	MaxAccountFailures = 25
	MaxAddressFailures = 20
	// MaxReauthFailures wrong current passwords (password change, turning
	// the second factor off) end the session: whoever holds it has to
	// sign in again.
	MaxReauthFailures = 5
)

// accountKey names the sign-in failures of one account, clientKey those
// of one account from one address.
func accountKey(email string) string { return "account:" + email }

func clientKey(email, addr string) string { return "client:" + email + "|" + addr }

// reauthKey names the re-authentication failures of account id.
func reauthKey(id int64) string { return "reauth:" + strconv.FormatInt(id, 10) }

// Service is the account use cases.
type Service struct {
	store Store
	now   func() time.Time
	gate  *hashGate
	// aead encrypts second-factor secrets; nil without a secret key.
	aead cipher.AEAD
}

// Option configures a Service.
type Option func(*Service)

// WithHashLimit lets at most n argon2id runs happen at once and makes a
// caller wait up to wait for a free slot before it is refused (default:
// two per processor, two seconds).
func WithHashLimit(n int, wait time.Duration) Option {
	return func(s *Service) { s.gate = newHashGate(n, wait) }
}

// NewService returns a Service; now is the clock.
func NewService(store Store, now func() time.Time, opts ...Option) *Service {
	if now == nil {
		now = time.Now
	}
	s := &Service{store: store, now: now, gate: newHashGate(defaultHashSlots(), 2*time.Second)}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Now returns the service's current time; sessions are stamped with it so
// they compare correctly with PasswordChangedAt.
func (s *Service) Now() time.Time { return s.now() }

// GeneratePassword returns a random 20-character password (100 bits).
func GeneratePassword() string {
	b := make([]byte, 13)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:20]
	return s[:5] + "-" + s[5:10] + "-" + s[10:15] + "-" + s[15:]
}

// Authenticate checks a sign-in. code is the TOTP code, needed only when
// the account has a second factor. Every failure looks the same to the
// caller ("auth.login.failed") except throttling and a missing code.
func (s *Service) Authenticate(ctx context.Context, email, password, code, addr string) (User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	keys := []string{clientKey(email, addr), "addr:" + addr, accountKey(email)}
	for i, max := range []int{MaxClientFailures, MaxAddressFailures, MaxAccountFailures} {
		n, err := s.store.Failures(ctx, keys[i], now.Add(-ThrottleWindow))
		if err != nil {
			return User{}, err
		}
		if n >= max {
			return User{}, apperr.New(apperr.RateLimited, "auth.login.throttled")
		}
	}
	fail := func() (User, error) {
		if err := s.store.RecordFailure(ctx, keys, now); err != nil {
			return User{}, err
		}
		return User{}, apperr.New(apperr.Unauthorized, "auth.login.failed")
	}
	if len(password) > 4*MaxPassword {
		return fail()
	}
	u, err := s.store.UserByEmail(ctx, email)
	if apperr.Is(err, apperr.NotFound) {
		if _, err := s.gate.compare(ctx, password, dummyHash); err != nil {
			return User{}, err
		}
		return fail()
	} else if err != nil {
		return User{}, err
	}
	ok, err := s.gate.compare(ctx, password, u.PasswordHash)
	if err != nil {
		return User{}, err
	}
	if !ok || u.Disabled {
		return fail()
	}
	if u.TOTPSecret != "" {
		if strings.TrimSpace(code) == "" {
			return User{}, apperr.New(apperr.Unauthorized, "auth.login.code_needed")
		}
		secret, err := s.openSecret(u)
		if err != nil {
			return User{}, err
		}
		step, ok := matchTOTP(secret, code, now)
		if !ok {
			return fail()
		}
		// A code is good for one sign-in only, even within its 30 seconds.
		if fresh, err := s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
			return User{}, err
		} else if !fresh {
			return fail()
		}
	}
	// A full sign-in also proves the password: the re-authentication
	// count of an earlier session starts over.
	for _, k := range []string{keys[0], keys[2], reauthKey(u.ID)} {
		if err := s.store.ClearFailures(ctx, k); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// Unlock clears the sign-in and re-authentication failures of an account,
// so its owner can sign in at once after an attack (ASVS 2.2.1 soft
// lockout, lifted by an administrator).
func (s *Service) Unlock(ctx context.Context, email string) (User, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return User{}, err
	}
	for _, k := range []string{accountKey(u.Email), reauthKey(u.ID)} {
		if err := s.store.ClearFailures(ctx, k); err != nil {
			return User{}, err
		}
	}
	if err := s.store.ClearFailuresWithPrefix(ctx, clientKey(u.Email, "")); err != nil {
		return User{}, err
	}
	return u, nil
}

// Users lists every account.
func (s *Service) Users(ctx context.Context) ([]User, error) { return s.store.ListUsers(ctx) }

// User returns one account.
func (s *Service) User(ctx context.Context, id int64) (User, error) { return s.store.UserByID(ctx, id) }

// UserByEmail returns one account.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
}

// Create adds an account with password pw after checking both.
func (s *Service) Create(ctx context.Context, actor audit.Actor, u *User, pw string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if msg := CheckPassword(pw, u.Email); msg != "" {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"password": msg}}
	}
	h, err := s.gate.hash(ctx, pw)
	if err != nil {
		return err
	}
	u.PasswordHash, u.PasswordChangedAt = h, s.now().UTC()
	return s.store.CreateUser(ctx, u, entry(actor, audit.UserCreate, User{}, *u))
}

// Update stores changed account fields (name, role, disabled) with the
// version check. It refuses to leave the system without an active admin.
func (s *Service) Update(ctx context.Context, actor audit.Actor, u *User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	old, err := s.store.UserByID(ctx, u.ID)
	if err != nil {
		return err
	}
	if old.Role == Admin && !old.Disabled && (u.Role != Admin || u.Disabled) {
		n, err := s.store.CountActiveAdmins(ctx)
		if err != nil {
			return err
		}
		if n <= 1 {
			return apperr.New(apperr.Conflict, "auth.last_admin")
		}
	}
	u.PasswordHash, u.TOTPSecret, u.PasswordChangedAt = old.PasswordHash, old.TOTPSecret, old.PasswordChangedAt
	return s.store.UpdateUser(ctx, u, entry(actor, audit.UserUpdate, old, *u))
}

// SetPassword replaces the password of account id after checking the
// rules; an admin's reset and a user's own change differ only in action.
func (s *Service) SetPassword(ctx context.Context, actor audit.Actor, action string, id int64, pw string) (User, error) {
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	if msg := CheckPassword(pw, u.Email); msg != "" {
		return User{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"new_password": msg}}
	}
	h, err := s.gate.hash(ctx, pw)
	if err != nil {
		return User{}, err
	}
	old := u
	u.PasswordHash, u.PasswordChangedAt = h, s.now().UTC()
	if err := s.store.UpdateUser(ctx, &u, entry(actor, action, old, u)); err != nil {
		return User{}, err
	}
	return u, nil
}

// VerifyPassword re-checks the password of a signed-in user before a
// sensitive action (ASVS 3.7.1); a wrong one is an Invalid error on the
// field "current_password". Failures are counted per account like
// sign-ins: the MaxReauthFailures-th within ThrottleWindow, and every try
// after it, is an Unauthorized error "auth.reauth.signed_out", and the
// caller must end the session.
func (s *Service) VerifyPassword(ctx context.Context, id int64, current string) (User, error) {
	now, key := s.now(), reauthKey(id)
	n, err := s.store.Failures(ctx, key, now.Add(-ThrottleWindow))
	if err != nil {
		return User{}, err
	}
	if n >= MaxReauthFailures {
		return User{}, apperr.New(apperr.Unauthorized, "auth.reauth.signed_out")
	}
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	ok, err := s.gate.compare(ctx, current, u.PasswordHash)
	if err != nil {
		return User{}, err
	}
	if !ok {
		if err := s.store.RecordFailure(ctx, []string{key}, now); err != nil {
			return User{}, err
		}
		if n+1 >= MaxReauthFailures {
			return User{}, apperr.New(apperr.Unauthorized, "auth.reauth.signed_out")
		}
		return User{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"current_password": "auth.password.wrong"}}
	}
	if n > 0 {
		if err := s.store.ClearFailures(ctx, key); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// ChangePassword lets a user replace their own password after proving the
// current one.
func (s *Service) ChangePassword(ctx context.Context, id int64, current, next string) (User, error) {
	u, err := s.VerifyPassword(ctx, id, current)
	if err != nil {
		return User{}, err
	}
	return s.SetPassword(ctx, audit.Actor{ID: u.ID, Email: u.Email}, audit.UserPasswordChange, id, next)
}

// NewTOTP returns a fresh second-factor key for the account; it is not
// stored until EnableTOTP confirms a code from it.
func (s *Service) NewTOTP(u User, issuer string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: u.Email})
}

// EnableTOTP turns the second factor on when code matches secret.
// The confirming code is spent: it cannot also be used to sign in.
func (s *Service) EnableTOTP(ctx context.Context, id int64, secret, code string) (User, error) {
	if s.aead == nil {
		return User{}, apperr.New(apperr.Conflict, "auth.totp.no_key")
	}
	wrong := &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"code": "auth.totp.wrong_code"}}
	step, ok := matchTOTP(secret, code, s.now())
	if !ok {
		return User{}, wrong
	}
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	if fresh, err := s.store.UseTOTPStep(ctx, id, step); err != nil {
		return User{}, err
	} else if !fresh {
		return User{}, wrong
	}
	old := u
	u.TOTPSecret = s.seal(u.ID, secret)
	if err := s.store.UpdateUser(ctx, &u, entry(audit.Actor{ID: u.ID, Email: u.Email}, audit.UserTOTPEnable, old, u)); err != nil {
		return User{}, err
	}
	return u, nil
}

// DisableTOTP turns the second factor off; actor is the user or an admin.
func (s *Service) DisableTOTP(ctx context.Context, actor audit.Actor, id int64) (User, error) {
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	old := u
	u.TOTPSecret = ""
	if err := s.store.UpdateUser(ctx, &u, entry(actor, audit.UserTOTPDisable, old, u)); err != nil {
		return User{}, err
	}
	return u, nil
}
