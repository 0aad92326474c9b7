// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// formClient posts forms through the router from any address, carrying
// the CSRF cookie and token of one GET of the sign-in page.
type formClient struct {
	a       *app
	token   string
	cookies []*http.Cookie
}

func newFormClient(t *testing.T, a *app) *formClient {
	t.Helper()
	rec := a.get(t, "/admin/login", http.StatusOK)
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &formClient{a: a, token: doc.Find("input[name=_csrf]").AttrOr("value", ""), cookies: rec.Result().Cookies()}
}

func (f *formClient) post(path, addr string, form url.Values) *httptest.ResponseRecorder {
	form.Set("_csrf", f.token)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = addr + ":40000"
	for _, c := range f.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	f.a.srv.ServeHTTP(rec, req)
	return rec
}

// Each address stays under its own limit, but together they exceed the
// form's global budget: every sign-in costs an argon2id run.
func TestSignInHasAGlobalLimit(t *testing.T) {
	a := newApp(t)
	f := newFormClient(t, a)
	// An over-long password is refused before any hash, so the requests
	// are fast and the bucket does not refill meanwhile.
	long := strings.Repeat("x", 600)
	refused := 0
	for i := range 60 {
		rec := f.post("/admin/login", fmt.Sprintf("10.1.%d.%d", i/200, 1+i%200), url.Values{"email": {fmt.Sprintf("nobody%d@example.org", i)}, "password": {long}})
		switch rec.Code {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests:
			refused++
			if rec.Header().Get("Retry-After") == "" {
				t.Errorf("attempt %d: 429 without Retry-After", i)
			}
			if i < 20 {
				t.Errorf("attempt %d from a fresh address refused within the burst", i)
			}
		default:
			t.Fatalf("attempt %d: %d", i, rec.Code)
		}
	}
	if refused == 0 {
		t.Errorf("60 sign-ins from 60 addresses at once: none refused")
	}
}

// Guessing the current password on the forms that ask for it again ends
// the session after auth.MaxReauthFailures tries.
func TestReauthGuessingEndsTheSession(t *testing.T) {
	for _, path := range []string{"/admin/password", "/admin/security/totp/disable"} {
		t.Run(strings.TrimPrefix(path, "/admin/"), func(t *testing.T) {
			a, ts, _, _ := newAdminApp(t)
			b := a.browser(t, ts)
			b.login("editor@example.org", testPassword)
			form := func() url.Values {
				return url.Values{"_csrf": {b.token("/admin/password")}, "current_password": {"not my password"},
					"new_password": {"uusi salasana keväälle"}, "confirm_password": {"uusi salasana keväälle"}}
			}
			for i := 1; i < auth.MaxReauthFailures; i++ {
				if res, _ := b.post(path, form()); res.StatusCode != http.StatusBadRequest {
					t.Fatalf("wrong current password %d: %d, want 400", i, res.StatusCode)
				}
			}
			res, doc := b.post(path, form())
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("wrong current password %d: %d, want 401", auth.MaxReauthFailures, res.StatusCode)
			}
			if msg := strings.TrimSpace(doc.Find(".error-summary").Text()); msg != a.bundle.For(lang.EN).T("auth.reauth.signed_out") {
				t.Errorf("the sign-in page must say why: %q", msg)
			}
			if res, _ := b.get("/admin/"); res.StatusCode != http.StatusSeeOther {
				t.Errorf("the session must have ended: %d", res.StatusCode)
			}
			if res := b.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
				t.Errorf("signing in again with the password works: %d", res.StatusCode)
			}
		})
	}
}

// The sessions table holds a hash of each session token, never the token
// that the cookie carries: a copy of the database signs nobody in.
func TestSessionTokensAreStoredHashed(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	if res := b.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	token := b.sessionCookie()
	sqlDB, err := a.db.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := sqlDB.Query("SELECT * FROM sessions")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	sum := sha256.Sum256([]byte(token))
	found := false
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			var s string
			switch v := v.(type) {
			case string:
				s = v
			case []byte:
				s = string(v)
			}
			if strings.Contains(s, token) {
				t.Errorf("column %s holds the session token", cols[i])
			}
			if s == hex.EncodeToString(sum[:]) {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no session row is keyed by the SHA-256 of the cookie's token")
	}
	if res, _ := b.get("/admin/"); res.StatusCode != http.StatusOK {
		t.Errorf("the session still works: %d", res.StatusCode)
	}
}

// testSecretKey encrypts second-factor secrets in the web tests.
var testSecretKey = []byte("web-tests-secret-key-32-bytes!!!")

// Without NORDCAL_SECRET_KEY the security page says, in the reader's
// language, why two-step verification cannot be turned on, and offers no
// secret.
func TestSecurityPageWithoutKeySaysWhy(t *testing.T) {
	a := serveWith(t, storetest.Open(t))
	if err := a.auth().Create(context.Background(), audit.CLI, &auth.User{Email: "editor@example.org", Role: auth.Editor}, testPassword); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(a.srv)
	t.Cleanup(ts.Close)
	b := a.browser(t, ts)
	if res := b.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	_, doc := b.get("/admin/security?lang=fi")
	if got := strings.TrimSpace(doc.Find("main .notice").Text()); got != a.bundle.For(lang.FI).T("admin.security.no_key") {
		t.Errorf("notice %q", got)
	}
	if doc.Find("main img, code.secret, form[action='/admin/security/totp']").Length() != 0 {
		t.Errorf("no secret may be offered without a key")
	}
	if res, _ := b.post("/admin/security/totp", url.Values{"_csrf": {b.token("/admin/security")}, "code": {"123456"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("posting a code without a key: %d", res.StatusCode)
	}
}
