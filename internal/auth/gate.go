// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

import (
	"context"
	"runtime"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/nordcal/nordcal/internal/apperr"
)

// msgBusy is the message of the error returned when every password-hashing slot stays taken for
// longer than the service waits: the caller should answer "try again in a
// moment" (429 with Retry-After) rather than queue without bound.
const msgBusy = "auth.busy"

// BusyRetryAfter is how long a refused caller should wait before trying
// again; the web layer sends it as Retry-After.
const BusyRetryAfter = 2 * time.Second

// hashGate bounds how many argon2id runs happen at once. Each run takes
// 19 MiB for about 80 ms; without a bound, many parallel sign-ins (one per
// address, so no per-address limit helps) grow the process by 19 MiB each.
// Waiting callers hold no hash memory.
type hashGate struct {
	slots chan struct{}
	wait  time.Duration
	// hook, when set (tests only), runs while a slot is held.
	hook func()
}

func newHashGate(n int, wait time.Duration) *hashGate {
	if n < 1 {
		n = 1
	}
	return &hashGate{slots: make(chan struct{}, n), wait: wait}
}

// defaultHashSlots is two argon2id runs per processor: enough to keep
// every core busy, few enough that their memory stays small.
func defaultHashSlots() int { return 2 * runtime.GOMAXPROCS(0) }

// run calls f holding a slot; it waits up to g.wait for one and returns a
// RateLimited error ("auth.busy") when none frees up in time.
func (g *hashGate) run(ctx context.Context, f func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-t.C:
			return apperr.New(apperr.RateLimited, msgBusy)
		case <-ctx.Done():
			return apperr.Wrap(ctx.Err())
		}
	}
	defer func() { <-g.slots }()
	if g.hook != nil {
		g.hook()
	}
	f()
	return nil
}

// hash returns the argon2id hash of pw, within the bound.
func (g *hashGate) hash(ctx context.Context, pw string) (string, error) {
	var h string
	var err error
	if gerr := g.run(ctx, func() { h, err = argon2id.CreateHash(pw, argonParams) }); gerr != nil {
		return "", gerr
	}
	if err != nil {
		return "", apperr.Wrap(err)
	}
	return h, nil
}

// compare reports whether pw matches hash, within the bound. A malformed
// hash is a mismatch.
func (g *hashGate) compare(ctx context.Context, pw, hash string) (bool, error) {
	var ok bool
	if err := g.run(ctx, func() { ok, _ = argon2id.ComparePasswordAndHash(pw, hash) }); err != nil {
		return false, err
	}
	return ok, nil
}
