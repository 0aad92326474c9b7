// SPDX-License-Identifier: AGPL-3.0-or-later

package config_test

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/config"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := config.Load(nil, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || !c.LoopbackOnly || c.DB != "sqlite:data/nordcal.db" || c.BaseURL.String() != "http://localhost:8080" ||
		c.DefaultLang != "en" || !c.Demo || c.DefaultZone.String() != "Europe/Copenhagen" || c.ContactEmail != "calendar@localhost" || c.MaxPending != 500 {
		t.Errorf("defaults: %+v", c)
	}
	if c.SMTPAllowPlaintext {
		t.Error("plaintext SMTP must be off by default")
	}
	if c.MaxDocumentBytes != 20<<20 {
		t.Errorf("document size limit %d, want 20 MB", c.MaxDocumentBytes)
	}
	if c.MailWorkers != 2 || c.MailDailyCap != 10 {
		t.Errorf("mail queue defaults: %d workers, cap %d", c.MailWorkers, c.MailDailyCap)
	}
	if c.DebugAddr != "" {
		t.Errorf("the profiler listens on %q by default", c.DebugAddr)
	}
	for _, addr := range []string{"127.0.0.1:6060", "[::1]:6060"} {
		if c, err := config.Load([]string{"-debug-addr", addr}, env(nil), &bytes.Buffer{}); err != nil || c.DebugAddr != addr {
			t.Errorf("-debug-addr %s: %q, %v", addr, c.DebugAddr, err)
		}
	}
}

// TestListenAddressAndBaseURL: a demo installation (whose admin password is
// printed on the console) listens on loopback unless an address is given,
// and the base URL follows the address unless it is given too.
func TestListenAddressAndBaseURL(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		addr     string
		loopback bool
		base     string
	}{
		{"demo, nothing given", nil, nil, "127.0.0.1:8080", true, "http://localhost:8080"},
		{"demo, address by flag", []string{"-addr", ":9000"}, nil, ":9000", false, "http://localhost:9000"},
		{"demo, address by env", nil, map[string]string{"NORDCAL_ADDR": ":8080"}, ":8080", false, "http://localhost:8080"},
		{"no demo", []string{"-demo=false"}, nil, ":8080", false, "http://localhost:8080"},
		{"host address", []string{"-addr", "192.0.2.7:8443"}, nil, "192.0.2.7:8443", false, "http://192.0.2.7:8443"},
		{"IPv6 loopback", []string{"-addr", "[::1]:8081"}, nil, "[::1]:8081", false, "http://localhost:8081"},
		{"IPv6 host", []string{"-addr", "[2001:db8::7]:80"}, nil, "[2001:db8::7]:80", false, "http://[2001:db8::7]:80"},
		{"base URL given wins", []string{"-addr", ":9000", "-base-url", "https://kalender.example.org"}, nil, ":9000", false, "https://kalender.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Load(tt.args, env(tt.env), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if c.Addr != tt.addr || c.LoopbackOnly != tt.loopback || c.BaseURL.String() != tt.base {
				t.Errorf("addr %q loopback %v base %q, want %q %v %q", c.Addr, c.LoopbackOnly, c.BaseURL, tt.addr, tt.loopback, tt.base)
			}
		})
	}
}

func TestDialAddr(t *testing.T) {
	for addr, want := range map[string]string{
		":8080": "127.0.0.1:8080", "0.0.0.0:80": "127.0.0.1:80", "[::]:80": "[::1]:80",
		"[::1]:8081": "[::1]:8081", "127.0.0.1:18080": "127.0.0.1:18080", "calendar.internal:8080": "calendar.internal:8080",
	} {
		if got, err := config.DialAddr(addr); err != nil || got != want {
			t.Errorf("DialAddr(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	c, err := config.Load([]string{"-addr", "127.0.0.1:9000", "-demo=false"}, env(map[string]string{
		"NORDCAL_ADDR": ":7000", "NORDCAL_DEFAULT_LANG": "no", "NORDCAL_BASE_URL": "https://kalender.example.org/",
		"NORDCAL_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.0/24", "NORDCAL_DB": "postgres://u:p@db/nordcal",
		"NORDCAL_MAX_PENDING": "120",
	}), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" {
		t.Errorf("flag must win over env: %q", c.Addr)
	}
	if c.Demo || c.DefaultLang != "no" || c.BaseURL.String() != "https://kalender.example.org" || len(c.TrustedProxies) != 2 || c.MaxPending != 120 {
		t.Errorf("got %+v", c)
	}
	if c.UIDDomain() != "kalender.example.org" {
		t.Errorf("UID domain %q", c.UIDDomain())
	}
}

func TestInvalidValuesNameTheOption(t *testing.T) {
	tests := []struct{ env, val, name string }{
		{"NORDCAL_ADDR", "8080", "NORDCAL_ADDR"},
		{"NORDCAL_DB", "mysql://x", "NORDCAL_DB"},
		{"NORDCAL_BASE_URL", "ftp://x", "NORDCAL_BASE_URL"},
		{"NORDCAL_DEFAULT_LANG", "de", "NORDCAL_DEFAULT_LANG"},
		{"NORDCAL_DEFAULT_ZONE", "Mars/Olympus", "NORDCAL_DEFAULT_ZONE"},
		{"NORDCAL_DEMO", "maybe", "NORDCAL_DEMO"},
		{"NORDCAL_TRUSTED_PROXIES", "10.0.0.1", "NORDCAL_TRUSTED_PROXIES"},
		{"NORDCAL_LOG_FORMAT", "xml", "NORDCAL_LOG_FORMAT"},
		{"NORDCAL_SHUTDOWN_TIMEOUT", "-1s", "NORDCAL_SHUTDOWN_TIMEOUT"},
		{"NORDCAL_CONTACT_EMAIL", "a@b\r\nBcc: c", "NORDCAL_CONTACT_EMAIL"},
		{"NORDCAL_SMTP_ALLOW_PLAINTEXT", "sometimes", "NORDCAL_SMTP_ALLOW_PLAINTEXT"},
		{"NORDCAL_MAIL_WORKERS", "0", "NORDCAL_MAIL_WORKERS"},
		{"NORDCAL_MAIL_DAILY_CAP", "-3", "NORDCAL_MAIL_DAILY_CAP"},
		{"NORDCAL_MAX_PENDING", "0", "NORDCAL_MAX_PENDING"},
		{"NORDCAL_MAX_PENDING", "many", "NORDCAL_MAX_PENDING"},
		{"NORDCAL_MAX_DOCUMENT_MB", "0", "NORDCAL_MAX_DOCUMENT_MB"},
		{"NORDCAL_MAX_DOCUMENT_MB", "201", "NORDCAL_MAX_DOCUMENT_MB"},
		{"NORDCAL_MAX_DOCUMENT_MB", "20MB", "NORDCAL_MAX_DOCUMENT_MB"},
		{"NORDCAL_DEBUG_ADDR", ":6060", "NORDCAL_DEBUG_ADDR"},
		{"NORDCAL_DEBUG_ADDR", "0.0.0.0:6060", "NORDCAL_DEBUG_ADDR"},
		{"NORDCAL_DEBUG_ADDR", "192.0.2.7:6060", "NORDCAL_DEBUG_ADDR"},
		{"NORDCAL_DEBUG_ADDR", "localhost", "NORDCAL_DEBUG_ADDR"},
	}
	for _, tt := range tests {
		_, err := config.Load(nil, env(map[string]string{tt.env: tt.val}), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s=%q: error %v should name %s", tt.env, tt.val, err, tt.name)
		}
	}
}

func TestHelpListsEveryOption(t *testing.T) {
	var out bytes.Buffer
	_, err := config.Load([]string{"--help"}, env(nil), &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("want flag.ErrHelp, got %v", err)
	}
	for _, name := range []string{"NORDCAL_ADDR", "NORDCAL_DB", "NORDCAL_BASE_URL", "NORDCAL_DEFAULT_LANG", "NORDCAL_DEFAULT_ZONE",
		"NORDCAL_DEMO", "NORDCAL_CONTACT_EMAIL", "NORDCAL_TRUSTED_PROXIES", "NORDCAL_LOG_FORMAT", "NORDCAL_SHUTDOWN_TIMEOUT", "NORDCAL_MAX_PENDING",
		"NORDCAL_MAX_DOCUMENT_MB"} {
		if n := strings.Count(out.String(), name); n != 1 {
			t.Errorf("--help mentions %s %d times, want once", name, n)
		}
	}
	for _, cmd := range []string{"user COMMAND", "backup FILE", "healthcheck"} {
		if !strings.Contains(out.String(), cmd) {
			t.Errorf("--help does not list the command %q", cmd)
		}
	}
	if n := strings.Count(out.String(), `":8080"`); n != 1 {
		t.Errorf("the default of -addr is printed %d times, want once:\n%s", n, out.String())
	}
}

func TestUnknownFlagIsAnErrorNotUsage(t *testing.T) {
	var out bytes.Buffer
	_, err := config.Load([]string{"-no-such"}, env(nil), &out)
	if err == nil || !strings.Contains(err.Error(), "-no-such") || out.Len() != 0 {
		t.Errorf("err %v, out %q", err, out.String())
	}
}

func TestSecretKey(t *testing.T) {
	key := strings.Repeat("k", 32)
	for _, v := range []string{"a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=", "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s",
		"6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b"} {
		c, err := config.Load(nil, env(map[string]string{"NORDCAL_SECRET_KEY": v}), &bytes.Buffer{})
		if err != nil || string(c.SecretKey) != key {
			t.Errorf("%s: %q %v", v, c.SecretKey, err)
		}
	}
	if c, err := config.Load(nil, env(nil), &bytes.Buffer{}); err != nil || c.SecretKey != nil {
		t.Errorf("no key: %q %v", c.SecretKey, err)
	}
	for _, v := range []string{"c2hvcnQ=", "not a key at all!", strings.Repeat("ab", 33)} {
		if _, err := config.Load(nil, env(map[string]string{"NORDCAL_SECRET_KEY": v}), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "NORDCAL_SECRET_KEY") {
			t.Errorf("%q must be refused naming the option, got %v", v, err)
		}
	}
	var out bytes.Buffer
	secrets := env(map[string]string{"NORDCAL_SECRET_KEY": "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=", "NORDCAL_SMTP_PASSWORD": "hunter2-smtp"})
	if _, err := config.Load([]string{"--help"}, secrets, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "a2tra2") || strings.Contains(out.String(), "hunter2") || !strings.Contains(out.String(), "NORDCAL_SECRET_KEY") {
		t.Errorf("--help must list the key's option but never print a secret:\n%s", out.String())
	}
	if c, err := config.Load([]string{"-smtp-password", "from-flag"}, secrets, &bytes.Buffer{}); err != nil || c.SMTPPassword != "from-flag" || string(c.SecretKey) != key {
		t.Errorf("flags still win and the environment still counts: %+v %v", c, err)
	}
}

func TestMaxDocumentSize(t *testing.T) {
	c, err := config.Load([]string{"-max-document-mb", "5"}, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxDocumentBytes != 5<<20 {
		t.Errorf("-max-document-mb 5: %d bytes", c.MaxDocumentBytes)
	}
}
