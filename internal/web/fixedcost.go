// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/labstack/echo/v4"
)

// What every answer costs before its handler runs is most of what a
// cached feed, a 304 or a cached page costs at all; at thousands of
// answers a second on two cores it decides the throughput. The work that
// is the same for every answer is therefore done once here: header values
// are built at start-up and shared (net/http only reads them; a middleware
// that changes one replaces it with Set or Del, never in place), request
// IDs are numbered without formatting, and feeds resolve no reader
// language unless an error page needs one.

// headerSet is a list of headers put on an answer as they are.
type headerSet []struct {
	key string
	val []string
}

// add appends a header; key must be in canonical form. The value slice
// has no spare capacity, so an Add on the answer copies it instead of
// writing into the shared array.
func (hs headerSet) add(key, val string) headerSet {
	return append(hs, struct {
		key string
		val []string
	}{key, []string{val}[:1:1]})
}

func (hs headerSet) putOn(h http.Header) {
	for _, kv := range hs {
		h[kv.key] = kv.val
	}
}

// contentSecurityPolicy is the policy of every answer; embedFrameable
// relaxes frame-ancestors on the embed routes.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

// securityHeaders puts the security headers on every answer: the set
// echo's Secure middleware wrote with this configuration (nosniff, DENY,
// the policy, the referrer policy), and Strict-Transport-Security when the
// site's public URL is https. echo's middleware only sends HSTS for
// requests that arrived over TLS, which a TLS-terminating proxy hides;
// browsers ignore it on http.
func securityHeaders(base *url.URL) echo.MiddlewareFunc {
	hs := headerSet{}.
		add("X-Content-Type-Options", "nosniff").
		add("X-Frame-Options", "DENY").
		add("Content-Security-Policy", contentSecurityPolicy).
		add("Referrer-Policy", "strict-origin-when-cross-origin")
	if base != nil && base.Scheme == "https" {
		hs = hs.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			hs.putOn(c.Response().Header())
			return next(c)
		}
	}
}

// newRequestIDs numbers requests for the logs: a random prefix per process
// (so instances do not collide) and a counter, which costs nothing next to
// reading 32 random bytes for every request as echo's default does. The
// ID is assembled on the stack: one allocation, the string.
func newRequestIDs() func() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // never fails on Linux; a zero prefix would still number requests
	prefix := hex.EncodeToString(b) + "-"
	var n atomic.Uint64
	return func() string {
		var buf [32]byte
		id := strconv.AppendUint(append(buf[:0], prefix...), n.Add(1), 36)
		return string(id)
	}
}

// lazyLangPrefixes are the paths whose answers do not depend on the
// reader's language (feeds follow ?lang=, see responseLang): their
// language is only worked out if an error page asks for it.
var lazyLangPrefixes = []string{"/feeds/"}

func lazyLang(path string) bool {
	for _, p := range lazyLangPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
