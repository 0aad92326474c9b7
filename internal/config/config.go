// SPDX-License-Identifier: AGPL-3.0-or-later

// Package config declares every nordcal option once: its flag, environment
// variable, default and validation. Flags override the environment.
package config

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
)

// Config is the whole configuration, passed down from main; nothing reads
// the environment anywhere else.
type Config struct {
	Addr        string
	DB          string
	BaseURL     *url.URL
	DefaultLang lang.Code
	DefaultZone *time.Location
	Demo        bool
	// LoopbackOnly says that Addr was narrowed to 127.0.0.1 because demo data
	// are on and no address was given.
	LoopbackOnly bool
	// BaseURLGiven is false when BaseURL was derived from Addr.
	BaseURLGiven    bool
	ContactEmail    string
	TrustedProxies  []*net.IPNet
	LogFormat       string
	ShutdownTimeout time.Duration
	// ClashGapDays is the travel gap between conferences in the clash check.
	ClashGapDays int
	// MaxPending is the ceiling on public registrations awaiting
	// moderation; above it new ones are asked to wait.
	MaxPending int
	// MaxDocumentBytes limits a PDF uploaded to the documents library.
	MaxDocumentBytes int64
	// SMTP settings; an empty host writes mails to the log instead.
	SMTPHost     string
	SMTPPort     int
	SMTPUser     string
	SMTPPassword string
	MailFrom     string
	// SMTPAllowPlaintext lets mails go without TLS to a server that offers
	// no STARTTLS (port 465 is always TLS).
	SMTPAllowPlaintext bool
	// MailWorkers send queued mail in parallel, one SMTP connection each;
	// MailDailyCap is the most mails one address gets in 24 hours.
	MailWorkers  int
	MailDailyCap int
	// VerifyLinkTTL is how long a directory verification link works.
	VerifyLinkTTL time.Duration
	// ControllerName and ControllerAddress name the data controller on
	// the privacy notice.
	ControllerName    string
	ControllerAddress string
	// Retention: how long the personal data nordcal no longer needs are
	// kept (see internal/privacy).
	RetentionRejectedMonths  int
	RetentionProposalsMonths int
	RetentionLoginDays       int
	// SecretKey encrypts second-factor secrets in the database; nil when
	// not set, and then second factors cannot be turned on.
	SecretKey []byte
	// EmbedOrigins are the sites that may show the embedded event list
	// (/embed/…) in a frame or through embed.js; empty means any site.
	EmbedOrigins []string
	// Sync runs the partner calendars' sync in the background of the server.
	Sync bool
	// FetchAllow lists the private hosts and networks calendars may be
	// fetched from; FetchCA, when set, are extra roots to trust for them.
	FetchAllow fetch.Allow
	FetchCA    *x509.CertPool
	// DebugAddr is a loopback address for Go's profiler (net/http/pprof);
	// empty, the default, starts no such listener.
	DebugAddr string
}

// FetchOptions are the rules of the one calendar fetcher.
func (c Config) FetchOptions() fetch.Options {
	return fetch.Options{Allow: c.FetchAllow, RootCAs: c.FetchCA}
}

type option struct {
	flag, env, def, usage string
	set                   func(c *Config, v string) error
}

var options = []option{
	{"addr", "NORDCAL_ADDR", ":8080", "address to listen on", func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return errors.New("must be host:port or :port")
		}
		c.Addr = v
		return nil
	}},
	{"db", "NORDCAL_DB", "sqlite:data/nordcal.db", `database: "sqlite:PATH" or "postgres://USER:PASS@HOST/DB"`, func(c *Config, v string) error {
		if _, _, err := store.ParseDSN(v); err != nil {
			return err
		}
		c.DB = v
		return nil
	}},
	{"base-url", "NORDCAL_BASE_URL", "http://localhost:8080", "public URL of this site, used in feeds and links", func(c *Config, v string) error {
		u, err := url.Parse(strings.TrimRight(v, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return errors.New("must be an absolute http(s) URL without query")
		}
		c.BaseURL = u
		return nil
	}},
	{"default-lang", "NORDCAL_DEFAULT_LANG", "en", "language when the browser asks for none of fi, sv, da, no, en", func(c *Config, v string) error {
		l, ok := lang.Parse(v)
		if !ok {
			return errors.New("must be one of fi, sv, da, no, en")
		}
		c.DefaultLang = l
		return nil
	}},
	{"default-zone", "NORDCAL_DEFAULT_ZONE", "Europe/Copenhagen", "IANA time zone for feeds and for visitors whose zone is unknown", func(c *Config, v string) error {
		loc, err := time.LoadLocation(v)
		if err != nil || v == "" || v == "Local" {
			return errors.New("must be an IANA time zone such as Europe/Helsinki")
		}
		c.DefaultZone = loc
		return nil
	}},
	{"demo", "NORDCAL_DEMO", "true", "load the demo data set into an empty database", func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return errors.New("must be true or false")
		}
		c.Demo = b
		return nil
	}},
	{"contact-email", "NORDCAL_CONTACT_EMAIL", "", "secretariat address shown as organiser contact when an event has none (default: calendar@ the base URL's host)", func(c *Config, v string) error {
		if v != "" && (strings.ContainsAny(v, " \r\n<>") || !strings.Contains(v, "@")) {
			return errors.New("must be a plain e-mail address")
		}
		c.ContactEmail = v
		return nil
	}},
	{"trusted-proxies", "NORDCAL_TRUSTED_PROXIES", "", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted", func(c *Config, v string) error {
		c.TrustedProxies = nil
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			_, n, err := net.ParseCIDR(p)
			if err != nil {
				return fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8", p)
			}
			c.TrustedProxies = append(c.TrustedProxies, n)
		}
		return nil
	}},
	{"log-format", "NORDCAL_LOG_FORMAT", "text", "log format: text or json", func(c *Config, v string) error {
		if v != "text" && v != "json" {
			return errors.New("must be text or json")
		}
		c.LogFormat = v
		return nil
	}},
	{"shutdown-timeout", "NORDCAL_SHUTDOWN_TIMEOUT", "15s", "how long to let requests finish on SIGTERM", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.New("must be a positive duration such as 15s")
		}
		c.ShutdownTimeout = d
		return nil
	}},
	{"clash-gap-days", "NORDCAL_CLASH_GAP_DAYS", "1", "days between two conferences that still count as a clash (travel)", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 14 {
			return errors.New("must be a whole number from 0 to 14")
		}
		c.ClashGapDays = n
		return nil
	}},
	{"max-pending", "NORDCAL_MAX_PENDING", "500", "ceiling on registrations awaiting moderation; above it new public registrations and imports must wait", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			return errors.New("must be a whole number from 1 to 100000")
		}
		c.MaxPending = n
		return nil
	}},
	{"max-document-mb", "NORDCAL_MAX_DOCUMENT_MB", "20", "largest PDF the secretariat may upload to the documents library, in megabytes (1–200)", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return errors.New("must be a whole number of megabytes from 1 to 200")
		}
		c.MaxDocumentBytes = int64(n) << 20
		return nil
	}},
	{"smtp-host", "NORDCAL_SMTP_HOST", "", "SMTP server for all mail (empty: mails are written to the log)", func(c *Config, v string) error {
		if strings.ContainsAny(v, " /:@") {
			return errors.New("must be a host name")
		}
		c.SMTPHost = v
		return nil
	}},
	{"smtp-port", "NORDCAL_SMTP_PORT", "587", "SMTP port (587 STARTTLS, 465 TLS)", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			return errors.New("must be a port number")
		}
		c.SMTPPort = n
		return nil
	}},
	{"smtp-user", "NORDCAL_SMTP_USER", "", "SMTP user name (empty: no authentication)", func(c *Config, v string) error {
		c.SMTPUser = v
		return nil
	}},
	{"smtp-password", "NORDCAL_SMTP_PASSWORD", "", "SMTP password (never logged)", func(c *Config, v string) error {
		c.SMTPPassword = v
		return nil
	}},
	{"smtp-allow-plaintext", "NORDCAL_SMTP_ALLOW_PLAINTEXT", "false", "send mails unencrypted when the SMTP server offers no STARTTLS (manage links are secrets: only for a server on the same host or a trusted network)", func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return errors.New("must be true or false")
		}
		c.SMTPAllowPlaintext = b
		return nil
	}},
	{"mail-workers", "NORDCAL_MAIL_WORKERS", "2", "mail queue workers per instance, each with at most one SMTP connection", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 16 {
			return errors.New("must be a whole number from 1 to 16")
		}
		c.MailWorkers = n
		return nil
	}},
	{"mail-daily-cap", "NORDCAL_MAIL_DAILY_CAP", "10", "most mails one e-mail address gets in 24 hours; further ones are not sent", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return errors.New("must be a whole number from 1 to 1000")
		}
		c.MailDailyCap = n
		return nil
	}},
	{"mail-from", "NORDCAL_SMTP_FROM", "", "sender address of mails (default: the contact address)", func(c *Config, v string) error {
		if v != "" && (strings.ContainsAny(v, " \r\n<>") || !strings.Contains(v, "@")) {
			return errors.New("must be a plain e-mail address")
		}
		c.MailFrom = v
		return nil
	}},
	{"secret-key", "NORDCAL_SECRET_KEY", "", "32 random bytes, base64 or hex (openssl rand -base64 32), that encrypt second-factor secrets; without it two-step verification cannot be turned on (never logged)", func(c *Config, v string) error {
		c.SecretKey = nil
		if v == "" {
			return nil
		}
		k, err := parseKey(v)
		if err != nil {
			return err
		}
		c.SecretKey = k
		return nil
	}},
	{"verify-link-days", "NORDCAL_VERIFY_LINK_DAYS", "30", "days a directory verification link (mailed by a campaign) works", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 365 {
			return errors.New("must be a whole number from 1 to 365")
		}
		c.VerifyLinkTTL = time.Duration(n) * 24 * time.Hour
		return nil
	}},
	{"controller-name", "NORDCAL_CONTROLLER_NAME", "Nordic Council of Ministers", "data controller named on the privacy notice", func(c *Config, v string) error {
		return oneLine(&c.ControllerName, v)
	}},
	{"controller-address", "NORDCAL_CONTROLLER_ADDRESS", "Ved Stranden 18, DK-1061 Copenhagen K, Denmark", "postal address of the data controller on the privacy notice", func(c *Config, v string) error {
		return oneLine(&c.ControllerAddress, v)
	}},
	{"retention-rejected-months", "NORDCAL_RETENTION_REJECTED_MONTHS", "6", "months after which the submitter's name and e-mail of a declined registration are deleted", func(c *Config, v string) error {
		return monthsOption(&c.RetentionRejectedMonths, v)
	}},
	{"retention-proposals-months", "NORDCAL_RETENTION_PROPOSALS_MONTHS", "12", "months after which decided directory proposals and used or expired verification links are deleted", func(c *Config, v string) error {
		return monthsOption(&c.RetentionProposalsMonths, v)
	}},
	{"retention-login-days", "NORDCAL_RETENTION_LOGIN_DAYS", "1", "days after which records of failed sign-ins are deleted (they only slow down password guessing)", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			return errors.New("must be a whole number from 1 to 3650")
		}
		c.RetentionLoginDays = n
		return nil
	}},
	{"embed-origins", "NORDCAL_EMBED_ORIGINS", "", "comma-separated origins (https://example.org, https://*.example.org) that may embed the event list in a frame or with embed.js (empty: any site)", func(c *Config, v string) error {
		origins, err := parseOrigins(v)
		if err != nil {
			return err
		}
		c.EmbedOrigins = origins
		return nil
	}},
	{"sync", "NORDCAL_SYNC", "true", "sync the partner calendars (/admin/sources) in the background of the server; false leaves it to `nordcal sync`", func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return errors.New("must be true or false")
		}
		c.Sync = b
		return nil
	}},
	{"fetch-allow", "NORDCAL_FETCH_ALLOW", "", "comma-separated host names, addresses and CIDRs that calendars may be fetched from although they are private (intranet calendars, tests); empty: public addresses only", func(c *Config, v string) error {
		a, err := fetch.ParseAllow(v)
		if err != nil {
			return err
		}
		c.FetchAllow = a
		return nil
	}},
	{"fetch-ca", "NORDCAL_FETCH_CA", "", "PEM file of certificate authorities to trust, besides the system's, when fetching calendars", func(c *Config, v string) error {
		c.FetchCA = nil
		if v == "" {
			return nil
		}
		pool, err := fetch.LoadCA(v)
		if err != nil {
			return err
		}
		c.FetchCA = pool
		return nil
	}},
	{"debug-addr", "NORDCAL_DEBUG_ADDR", "", "loopback address (127.0.0.1:PORT or [::1]:PORT) of Go's profiler, /debug/pprof/, for measuring; empty: off", func(c *Config, v string) error {
		if v == "" {
			c.DebugAddr = ""
			return nil
		}
		host, _, err := net.SplitHostPort(v)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return errors.New("must be a loopback host:port such as 127.0.0.1:6060")
		}
		c.DebugAddr = v
		return nil
	}},
}

// oneLine sets *dst to v, which must be non-empty text on one line.
func oneLine(dst *string, v string) error {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 300 || strings.ContainsAny(v, "\r\n") {
		return errors.New("must be one line of text")
	}
	*dst = v
	return nil
}

// monthsOption sets *dst to a number of months from 1 to 120.
func monthsOption(dst *int, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 120 {
		return errors.New("must be a whole number of months from 1 to 120")
	}
	*dst = n
	return nil
}

// parseOrigins reads a comma-separated list of web origins for
// Content-Security-Policy frame-ancestors and CORS: scheme http or https, a
// host (whose first label may be "*"), an optional port, and nothing else,
// so that no value can add a directive to the policy.
func parseOrigins(v string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(v, ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		bad := fmt.Errorf("%q is not an origin such as https://example.org or https://*.example.org", o)
		scheme, rest, ok := strings.Cut(o, "://")
		if !ok || (scheme != "http" && scheme != "https") || rest == "" || strings.ContainsAny(rest, "/?#@;,'\"\\ \t") {
			return nil, bad
		}
		host, port := rest, ""
		if i := strings.LastIndexByte(rest, ':'); i >= 0 {
			host, port = rest[:i], rest[i+1:]
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
				return nil, bad
			}
		}
		host = strings.TrimPrefix(strings.ToLower(host), "*.")
		if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
			return nil, bad
		}
		for _, r := range host {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
				return nil, bad
			}
		}
		out = append(out, strings.ToLower(o))
	}
	return out, nil
}

// Commands lists the subcommands for the main usage text; each one answers
// -h/--help with its own usage.
const Commands = `Commands (after the flags):
  user COMMAND   manage secretariat accounts (nordcal user --help)
  mail COMMAND   send due mail now, or a test message (nordcal mail --help)
  sync           fetch the partner calendars that are due now (nordcal sync --help)
  retention run  delete the personal data whose retention has passed (nordcal retention --help)
  backup FILE    write a consistent copy of the SQLite database to FILE
  healthcheck    ask the running server's /healthz (the container's health check)`

// Usage writes the main help text: how to call nordcal, its subcommands and
// every option once, with its environment variable and default.
func Usage(out io.Writer) {
	fmt.Fprintf(out, "Usage: nordcal [flags] [command]\n\n%s\n\n", Commands)
	fmt.Fprintln(out, "Every flag can also be set with its environment variable; flags win.\n\nFlags:")
	for _, o := range options {
		def := "none"
		if o.def != "" {
			def = strconv.Quote(o.def)
		}
		if o.flag == "addr" {
			def += `; "127.0.0.1:8080" while demo data are on and no address is given`
		}
		if o.flag == "base-url" {
			def = `http:// and the listen address, with "localhost" for a loopback or unspecified host`
		}
		fmt.Fprintf(out, "  -%s\n        %s\n        (env %s, default %s)\n", o.flag, o.usage, o.env, def)
	}
}

// parseKey reads a 32-byte key written in hex or base64 (standard or URL
// alphabet, padded or not).
func parseKey(v string) ([]byte, error) {
	if len(v) == 2*auth.SecretKeySize {
		if k, err := hex.DecodeString(v); err == nil {
			return k, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(v); err == nil {
			if len(k) != auth.SecretKeySize {
				return nil, fmt.Errorf("must be %d bytes, got %d", auth.SecretKeySize, len(k))
			}
			return k, nil
		}
	}
	return nil, fmt.Errorf("must be %d bytes in base64 or hex", auth.SecretKeySize)
}

// secretOptions are read from the environment after parsing rather than
// made the flags' defaults, so that --help never prints them.
var secretOptions = map[string]bool{"smtp-password": true, "secret-key": true}

// Load parses args (without the program name) over the environment read by
// getenv. For -h/--help it writes the usage to out and returns flag.ErrHelp;
// every other problem is returned as an error naming the option.
func Load(args []string, getenv func(string) string, out io.Writer) (Config, error) {
	fs := flag.NewFlagSet("nordcal", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	vals := make([]*string, len(options))
	given := map[string]bool{}
	for i, o := range options {
		def := o.def
		if v := getenv(o.env); v != "" && !secretOptions[o.flag] {
			def = v
			given[o.flag] = true
		}
		vals[i] = fs.String(o.flag, def, o.usage)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			Usage(out)
			return Config{}, err
		}
		return Config{}, fmt.Errorf("%w (nordcal --help lists the options)", err)
	}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q (nordcal --help lists the commands)", fs.Arg(0))
	}
	for i, o := range options {
		if secretOptions[o.flag] && !given[o.flag] {
			*vals[i] = getenv(o.env)
		}
	}
	var c Config
	var errs []error
	for i, o := range options {
		v := strings.TrimSpace(*vals[i])
		if o.flag == "base-url" && !given["base-url"] {
			continue // derived from the address below
		}
		if err := o.set(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("-%s / %s: %w", o.flag, o.env, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	// A demo installation has an admin whose password was printed on the
	// console: unless told otherwise it is reachable from this machine only.
	if c.Demo && !given["addr"] {
		c.Addr = "127.0.0.1:8080"
		c.LoopbackOnly = true
	}
	c.BaseURLGiven = given["base-url"]
	if !c.BaseURLGiven {
		c.BaseURL = BaseURLFor(c.Addr)
	}
	if c.ContactEmail == "" {
		c.ContactEmail = "calendar@" + c.BaseURL.Hostname()
	}
	if c.MailFrom == "" {
		c.MailFrom = c.ContactEmail
	}
	return c, nil
}

// BaseURLFor is the public URL of a server listening on addr when no base
// URL is configured: "localhost" stands for a loopback or unspecified host.
func BaseURLFor(addr string) *url.URL {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return &url.URL{Scheme: "http", Host: "localhost:8080"}
	}
	if ip := net.ParseIP(host); host == "" || host == "localhost" || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified())) {
		host = "localhost"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port)}
}

// DialAddr is the address a local client (the health check) dials to reach
// a server listening on addr: the configured host, or loopback when the
// server listens on every interface.
func DialAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	switch ip := net.ParseIP(host); {
	case host == "":
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified() && ip.To4() != nil:
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return net.JoinHostPort(host, port), nil
}

// UIDDomain is the right-hand side of new event UIDs.
func (c Config) UIDDomain() string { return c.BaseURL.Hostname() }
