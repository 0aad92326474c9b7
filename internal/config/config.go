// SPDX-License-Identifier: AGPL-3.0-or-later

// Package config declares every nordcal option once: its flag, environment
// variable, default and validation. Flags override the environment.
package config

import (
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
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
)

// Config is the whole configuration, passed down from main; nothing reads
// the environment anywhere else.
type Config struct {
	Addr            string
	DB              string
	BaseURL         *url.URL
	DefaultLang     lang.Code
	DefaultZone     *time.Location
	Demo            bool
	ContactEmail    string
	TrustedProxies  []*net.IPNet
	LogFormat       string
	ShutdownTimeout time.Duration
	// ClashGapDays is the travel gap between conferences in the clash check.
	ClashGapDays int
	// SMTP settings; an empty host writes mails to the log instead.
	SMTPHost     string
	SMTPPort     int
	SMTPUser     string
	SMTPPassword string
	MailFrom     string
	// SecretKey encrypts second-factor secrets in the database; nil when
	// not set, and then second factors cannot be turned on.
	SecretKey []byte
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
	{"smtp-host", "NORDCAL_SMTP_HOST", "", "SMTP server for manage-link mails (empty: mails are written to the log)", func(c *Config, v string) error {
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
// getenv. It writes usage to out for -h/--help and returns flag.ErrHelp.
func Load(args []string, getenv func(string) string, out io.Writer) (Config, error) {
	fs := flag.NewFlagSet("nordcal", flag.ContinueOnError)
	fs.SetOutput(out)
	vals := make([]*string, len(options))
	for i, o := range options {
		def := o.def
		if v := getenv(o.env); v != "" && !secretOptions[o.flag] {
			def = v
		}
		vals[i] = fs.String(o.flag, def, fmt.Sprintf("%s (env %s, default %q)", o.usage, o.env, o.def))
	}
	fs.Usage = func() {
		fmt.Fprintln(out, "Usage: nordcal [flags]\n\nEvery flag can also be set with its environment variable; flags win.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for i, o := range options {
		if secretOptions[o.flag] && !given[o.flag] {
			*vals[i] = getenv(o.env)
		}
	}
	var c Config
	var errs []error
	for i, o := range options {
		if err := o.set(&c, strings.TrimSpace(*vals[i])); err != nil {
			errs = append(errs, fmt.Errorf("-%s / %s: %w", o.flag, o.env, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	if c.ContactEmail == "" {
		c.ContactEmail = "calendar@" + c.BaseURL.Hostname()
	}
	if c.MailFrom == "" {
		c.MailFrom = c.ContactEmail
	}
	return c, nil
}

// UIDDomain is the right-hand side of new event UIDs.
func (c Config) UIDDomain() string { return c.BaseURL.Hostname() }
