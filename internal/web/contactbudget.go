// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/nordcal/nordcal/internal/apperr"
)

// The contact budget (see emailPolicy): every answer that carries people's
// contact details (a person's page or vCard, and every vCard and CSV export
// of a directory view) is charged one unit per person it contains, against
// one token bucket per client. A client may take contactBurst people at
// once and then one every contactEvery: enough for a coordinator to
// download a network, a country and a few organisations, while walking a
// directory of a thousand public entries takes hours instead of fourteen
// requests. An export larger than the whole burst is refused outright
// (narrower views, per organisation or network, still work).
const (
	contactBurst = 150
	contactEvery = 6 * time.Second
	// contactIdle is how long an untouched bucket is kept; by then it is
	// full again, so forgetting it changes nothing.
	contactIdle = contactBurst * contactEvery
	// contactClients bounds the memory the buckets take.
	contactClients = 100_000
)

// contactBudget holds the per-client buckets.
type contactBudget struct {
	mu        sync.Mutex
	clients   map[netip.Prefix]*contactClient
	now       func() time.Time
	lastSweep time.Time
}

type contactClient struct {
	lim  *rate.Limiter
	seen time.Time
}

func newContactBudget(now func() time.Time) *contactBudget {
	return &contactBudget{clients: map[netip.Prefix]*contactClient{}, now: now}
}

// clientKey is the client a charge is made to: its IPv4 address, or the
// /64 network of an IPv6 address (one subscriber line holds a whole /64
// and could otherwise take a fresh bucket per address).
func clientKey(ip string) netip.Prefix {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return netip.Prefix{}
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return netip.PrefixFrom(a, 32)
	}
	p, _ := a.Prefix(64)
	return p
}

// charge takes n people from c's budget, or returns a RateLimited error
// (and sets Retry-After) when the budget cannot cover them now.
func (b *contactBudget) charge(c echo.Context, n int) error {
	if n <= 0 {
		return nil
	}
	if n > contactBurst {
		return apperr.New(apperr.RateLimited, "error.contact_limit_large")
	}
	key, now := clientKey(c.RealIP()), b.now()
	b.mu.Lock()
	cl := b.clients[key]
	if cl == nil {
		if len(b.clients) >= contactClients || now.Sub(b.lastSweep) > contactIdle {
			b.sweep(now)
		}
		if len(b.clients) >= contactClients {
			b.mu.Unlock()
			return apperr.New(apperr.RateLimited, "error.contact_limit")
		}
		cl = &contactClient{lim: rate.NewLimiter(rate.Every(contactEvery), contactBurst)}
		b.clients[key] = cl
	}
	cl.seen = now
	r := cl.lim.ReserveN(now, n)
	wait := r.DelayFrom(now)
	if wait > 0 {
		r.CancelAt(now)
	}
	b.mu.Unlock()
	if wait > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return apperr.New(apperr.RateLimited, "error.contact_limit")
	}
	return nil
}

// sweep forgets the buckets idle for contactIdle. The caller holds b.mu.
func (b *contactBudget) sweep(now time.Time) {
	for k, cl := range b.clients {
		if now.Sub(cl.seen) > contactIdle {
			delete(b.clients, k)
		}
	}
	b.lastSweep = now
}
