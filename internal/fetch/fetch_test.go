// SPDX-License-Identifier: AGPL-3.0-or-later

package fetch_test

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/fetch"
)

func TestNormalizeURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"webcal://calendar.example.fi/a.ics", "https://calendar.example.fi/a.ics"},
		{"WEBCAL://calendar.example.fi/a.ics#x", "https://calendar.example.fi/a.ics"},
		{" https://outlook.office365.com/owa/calendar/x/calendar.ics ", "https://outlook.office365.com/owa/calendar/x/calendar.ics"},
		{"http://calendar.example.fi/a.ics", ""},
		{"https://user:pw@calendar.example.fi/a.ics", ""},
		{"https:///a.ics", ""},
		{"ftp://calendar.example.fi/a.ics", ""},
		{"https://x/" + strings.Repeat("a", fetch.MaxURL), ""},
	} {
		got, err := fetch.NormalizeURL(tt.in)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("%q: %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseAllow(t *testing.T) {
	a, err := fetch.ParseAllow(" intranet.example.fi., 10.20.0.0/16, 127.0.0.1 ,")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hosts) != 1 || a.Hosts[0] != "intranet.example.fi" || len(a.Networks) != 2 ||
		a.Networks[1] != netip.MustParsePrefix("127.0.0.1/32") {
		t.Errorf("%+v", a)
	}
	for _, bad := range []string{"10.0.0.0/33", "a b", "host:8080"} {
		if _, err := fetch.ParseAllow(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if a, _ := fetch.ParseAllow(""); !a.IsZero() {
		t.Error("empty list allows something")
	}
}

func reason(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return ""
}

// The rules apply to the address dialled: a loopback server is refused
// unless allowed, and its certificate is trusted only when given.
func TestFetcherRules(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			_, _ = w.Write(make([]byte, 2048))
		case "/plain":
			http.Redirect(w, r, "http://127.0.0.1/cal.ics", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/same":
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"1"`)
			_, _ = w.Write([]byte("BEGIN:VCALENDAR"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	allow, _ := fetch.ParseAllow("127.0.0.1")
	ctx := context.Background()

	if _, err := fetch.New(fetch.Options{RootCAs: pool}).Get(ctx, fetch.Request{URL: srv.URL + "/same"}); reason(err) != fetch.ReasonRefused {
		t.Errorf("loopback without allow: %v", err)
	}
	if _, err := fetch.New(fetch.Options{Allow: allow}).Get(ctx, fetch.Request{URL: srv.URL + "/same"}); reason(err) != fetch.ReasonTLS {
		t.Errorf("untrusted certificate: %v", err)
	}
	f := fetch.New(fetch.Options{Allow: allow, RootCAs: pool, MaxBytes: 1024})
	res, err := f.Get(ctx, fetch.Request{URL: srv.URL + "/same"})
	if err != nil || res.ETag != `"1"` || string(res.Body) != "BEGIN:VCALENDAR" {
		t.Fatalf("allowed: %+v %v", res, err)
	}
	res, err = f.Get(ctx, fetch.Request{URL: srv.URL + "/same", ETag: res.ETag})
	if err != nil || !res.NotModified || res.ETag != `"1"` || res.Body != nil {
		t.Errorf("conditional: %+v %v", res, err)
	}
	for path, want := range map[string]string{"/big": fetch.ReasonTooLarge, "/plain": fetch.ReasonHTTPS,
		"/loop": fetch.ReasonRedirects, "/missing": fetch.ReasonStatus} {
		if _, err := f.Get(ctx, fetch.Request{URL: srv.URL + path}); reason(err) != want {
			t.Errorf("%s: %v, want %s", path, err, want)
		}
	}
}
