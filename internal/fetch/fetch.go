// SPDX-License-Identifier: AGPL-3.0-or-later

// Package fetch is nordcal's one way of getting a calendar from another
// server: the https import and the partner calendars' sync both use it. It
// connects only to public addresses (checked on the address actually
// dialled, for every redirect too, so a DNS answer cannot smuggle a private
// one in), speaks https only, follows at most three redirects, bounds the
// time and the size of the answer, and sends conditional requests.
//
// Two operator settings loosen it, both off by default: Allow names hosts
// and networks that may be reached although they are private (an intranet
// calendar, a test server), and RootCAs adds certificate authorities to
// trust (an internal CA, a test certificate).
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// Defaults for the zero values of Options.
const (
	DefaultMaxBytes = 1 << 20
	DefaultTimeout  = 15 * time.Second
	// MaxURL is the longest address accepted.
	MaxURL = 2000
)

// Options configures a Fetcher.
type Options struct {
	// Allow lists what may be reached despite the private-address rule.
	Allow Allow
	// RootCAs, when set, are trusted besides the system's roots.
	RootCAs *x509.CertPool
	// MaxBytes caps a body (DefaultMaxBytes when zero); Timeout caps a
	// whole fetch, redirects included (DefaultTimeout when zero).
	MaxBytes int64
	Timeout  time.Duration
}

// Allow is a list of hosts (exact names or addresses) and networks.
type Allow struct {
	Hosts    []string
	Networks []netip.Prefix
}

// ParseAllow reads a comma-separated list of host names, IP addresses and
// CIDRs ("intranet.example.fi, 10.20.0.0/16, 127.0.0.1").
func ParseAllow(s string) (Allow, error) {
	var a Allow
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		switch {
		case p == "":
		case strings.Contains(p, "/"):
			pf, err := netip.ParsePrefix(p)
			if err != nil {
				return Allow{}, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8", p)
			}
			a.Networks = append(a.Networks, pf.Masked())
		default:
			if ad, err := netip.ParseAddr(p); err == nil {
				a.Networks = append(a.Networks, netip.PrefixFrom(ad.Unmap(), ad.Unmap().BitLen()))
				continue
			}
			if strings.ContainsAny(p, " :@?#") {
				return Allow{}, fmt.Errorf("%q is not a host name, address or CIDR", p)
			}
			a.Hosts = append(a.Hosts, strings.ToLower(strings.TrimSuffix(p, ".")))
		}
	}
	return a, nil
}

// IsZero reports whether nothing is allowed beyond public addresses.
func (a Allow) IsZero() bool { return len(a.Hosts) == 0 && len(a.Networks) == 0 }

func (a Allow) host(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	for _, x := range a.Hosts {
		if x == h {
			return true
		}
	}
	return false
}

func (a Allow) addr(ad netip.Addr) bool {
	ad = ad.Unmap()
	for _, p := range a.Networks {
		if p.Contains(ad) {
			return true
		}
	}
	return false
}

// LoadCA reads a PEM file of certificates to trust besides the system's.
func LoadCA(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// Fetcher gets calendars. Its zero value is not usable; call New.
type Fetcher struct {
	client   *http.Client
	maxBytes int64
	timeout  time.Duration
}

// New returns a Fetcher with opt's rules.
func New(opt Options) *Fetcher {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	guard := func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !(PublicAddr(ap.Addr()) || opt.Allow.addr(ap.Addr())) {
			return &refusedError{addr: address}
		}
		return nil
	}
	guarded := &net.Dialer{Timeout: 10 * time.Second, Control: guard}
	open := &net.Dialer{Timeout: 10 * time.Second}
	dial := func(ctx context.Context, network, address string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(address)
		if err == nil && opt.Allow.host(host) {
			return open.DialContext(ctx, network, address)
		}
		return guarded.DialContext(ctx, network, address)
	}
	tr := &http.Transport{DialContext: dial, TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: 10 * time.Second,
		MaxResponseHeaderBytes: 64 << 10, TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: opt.RootCAs},
		ForceAttemptHTTP2: true}
	client := &http.Client{Transport: tr, Timeout: opt.Timeout, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return &Error{Reason: ReasonRedirects}
		}
		if r.URL.Scheme != "https" {
			return &Error{Reason: ReasonHTTPS}
		}
		return nil
	}}
	return &Fetcher{client: client, maxBytes: opt.MaxBytes, timeout: opt.Timeout}
}

// Why a fetch failed, as Error.Reason.
const (
	ReasonHTTPS     = "https"     // the address (or a redirect) is not https
	ReasonRefused   = "refused"   // a private address that is not allowed
	ReasonConnect   = "connect"   // no connection (DNS, refused, reset)
	ReasonTimeout   = "timeout"   // too slow
	ReasonTLS       = "tls"       // certificate not trusted
	ReasonStatus    = "status"    // an answer other than 200 or 304
	ReasonTooLarge  = "too_large" // more than MaxBytes
	ReasonRedirects = "redirects" // more than three redirects
)

// Error is a failed fetch: a Reason, the HTTP status for ReasonStatus, and
// the cause (for logs only; it may name addresses).
type Error struct {
	Reason string
	Status int
	Err    error
}

func (e *Error) Error() string {
	s := "fetch: " + e.Reason
	if e.Status != 0 {
		s += fmt.Sprintf(" %d", e.Status)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// MsgID is the message that tells a person what went wrong, in words
// ("The address answered 404."); it takes the Status argument.
func (e *Error) MsgID() string { return "fetch.error." + e.Reason }

type refusedError struct{ addr string }

func (e *refusedError) Error() string { return "refusing to connect to " + e.addr }

// Request is what to fetch; ETag and LastModified, from the last answer,
// make it conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is a successful answer: 200 with its body, or 304 (NotModified)
// with none.
type Response struct {
	Status       int
	NotModified  bool
	Body         []byte
	ETag         string
	LastModified string
}

// NormalizeURL checks a calendar address and returns it as it will be
// fetched: webcal:// becomes https://; anything else must be https with a
// host and no user information.
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > MaxURL {
		return "", &Error{Reason: ReasonHTTPS}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", &Error{Reason: ReasonHTTPS}
	}
	if strings.EqualFold(u.Scheme, "webcal") || strings.EqualFold(u.Scheme, "webcals") {
		u.Scheme = "https"
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", &Error{Reason: ReasonHTTPS}
	}
	u.Fragment = ""
	return u.String(), nil
}

// Get fetches r.URL. Any failure is an *Error.
func (f *Fetcher) Get(ctx context.Context, r Request) (Response, error) {
	u, err := NormalizeURL(r.URL)
	if err != nil {
		return Response{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Response{}, &Error{Reason: ReasonHTTPS, Err: err}
	}
	req.Header.Set("Accept", "text/calendar, */*;q=0.5")
	req.Header.Set("User-Agent", "nordcal calendar sync")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		return Response{}, classify(err)
	}
	defer res.Body.Close()
	out := Response{Status: res.StatusCode, ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}
	switch res.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	default:
		return out, &Error{Reason: ReasonStatus, Status: res.StatusCode}
	}
	if res.ContentLength > f.maxBytes {
		return out, &Error{Reason: ReasonTooLarge}
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, f.maxBytes+1))
	if err != nil {
		return out, classify(err)
	}
	if int64(len(body)) > f.maxBytes {
		return out, &Error{Reason: ReasonTooLarge}
	}
	out.Body = body
	return out, nil
}

// classify turns a transport error into an *Error with its reason.
func classify(err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	var re *refusedError
	var ce *tls.CertificateVerificationError
	var ne net.Error
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	switch {
	case errors.As(err, &re):
		return &Error{Reason: ReasonRefused, Err: err}
	case errors.As(err, &ce), errors.As(err, &ue), errors.As(err, &he):
		return &Error{Reason: ReasonTLS, Err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &Error{Reason: ReasonTimeout, Err: err}
	}
	return &Error{Reason: ReasonConnect, Err: err}
}
