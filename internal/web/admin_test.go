// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/lang"
)

const testPassword = "lumi sataa hiljaa pihalle"

// browser is a client with its own cookie jar that does not follow redirects.
type browser struct {
	t    testing.TB
	base string
	c    *http.Client
}

func (a *app) browser(t testing.TB, ts *httptest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, //nolint:gosec // test server
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, base: ts.URL, c: c}
}

func (b *browser) get(path string) (*http.Response, *goquery.Document) {
	b.t.Helper()
	res, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	return res, doc
}

// token fetches a page and returns the CSRF token of its first form.
func (b *browser) token(path string) string {
	b.t.Helper()
	_, doc := b.get(path)
	tok, ok := doc.Find("input[name=_csrf]").First().Attr("value")
	if !ok || tok == "" {
		b.t.Fatalf("no CSRF token on %s", path)
	}
	return tok
}

func (b *browser) head(path string) *http.Response {
	b.t.Helper()
	res, err := b.c.Head(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func (b *browser) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	b.t.Helper()
	res, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	return res, doc
}

func (b *browser) login(email, pw string) *http.Response {
	b.t.Helper()
	res, _ := b.post("/admin/login", url.Values{"_csrf": {b.token("/admin/login")}, "email": {email}, "password": {pw}})
	return res
}

func (b *browser) sessionCookie() string {
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if strings.Contains(c.Name, "nordcal_session") {
			return c.Value
		}
	}
	return ""
}

// newAdminApp adds an admin and an editor to the test app and serves it over TLS.
func newAdminApp(t testing.TB) (*app, *httptest.Server, auth.User, auth.User) {
	a := newApp(t)
	svc := a.auth()
	admin := auth.User{Email: "admin@example.org", Name: "Åsa Admin", Role: auth.Admin}
	editor := auth.User{Email: "editor@example.org", Name: "Eero Editor", Role: auth.Editor}
	for _, u := range []*auth.User{&admin, &editor} {
		if err := svc.Create(context.Background(), audit.CLI, u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewTLSServer(a.srv)
	t.Cleanup(ts.Close)
	return a, ts, admin, editor
}

// Route classes of the secretariat area. Every /admin route must be in one.
var (
	openRoutes  = []string{"GET /admin/login", "HEAD /admin/login", "POST /admin/login", "POST /admin/logout"}
	adminRoutes = []string{"GET /admin/users", "HEAD /admin/users", "POST /admin/users", "GET /admin/users/:id",
		"HEAD /admin/users/:id", "POST /admin/users/:id", "POST /admin/users/:id/password", "GET /admin/audit", "HEAD /admin/audit",
		"GET /admin/sources/new", "HEAD /admin/sources/new", "POST /admin/sources", "GET /admin/sources/:id/edit",
		"HEAD /admin/sources/:id/edit", "POST /admin/sources/:id", "POST /admin/sources/:id/sync", "POST /admin/sources/:id/pause",
		"GET /admin/sources/:id/remove", "HEAD /admin/sources/:id/remove", "POST /admin/sources/:id/remove"}
)

func TestAuthorizationOfEveryAdminRoute(t *testing.T) {
	a, ts, admin, _ := newAdminApp(t)
	anon := a.browser(t, ts)
	editor := a.browser(t, ts)
	if res := editor.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("editor sign-in: %d", res.StatusCode)
	}
	checked := 0
	for _, r := range a.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/admin") || r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		path := strings.ReplaceAll(r.Path, ":id", "1")
		if path == "/admin" {
			path = "/admin/"
		}
		t.Run(key, func(t *testing.T) {
			checked++
			if slices.Contains(openRoutes, key) {
				return
			}
			anon.t, editor.t = t, t
			var res *http.Response
			switch r.Method {
			case http.MethodGet:
				res, _ = anon.get(path)
			case http.MethodHead:
				res = anon.head(path)
			default:
				res, _ = anon.post(path, url.Values{"_csrf": {anon.token("/admin/login")}})
			}
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
				t.Errorf("anonymous: %d → %q, want a redirect to sign-in", res.StatusCode, res.Header.Get("Location"))
			}
			switch r.Method {
			case http.MethodGet:
				res, _ = editor.get(path)
			case http.MethodHead:
				res = editor.head(path)
			default:
				res, _ = editor.post(path, url.Values{"_csrf": {editor.token("/admin/password")}})
			}
			if slices.Contains(adminRoutes, key) {
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("editor on an admin-only route: %d, want 403", res.StatusCode)
				}
			} else if res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
				t.Errorf("editor refused on a route for every signed-in user: %d", res.StatusCode)
			}
		})
	}
	if checked < 12 {
		t.Errorf("checked only %d admin routes", checked)
	}
	_ = admin
}

func TestEveryStateChangingRouteNeedsACSRFToken(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	b.login("admin@example.org", testPassword)
	for _, r := range a.srv.Routes() {
		if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodDelete && r.Method != http.MethodPatch {
			continue
		}
		if strings.HasSuffix(r.Path, "/unsubscribe/one-click") {
			continue // RFC 8058: mail providers post it without a page; it only deletes by the link's own token
		}
		path := strings.NewReplacer(":id", "1", ":lang", "en", ":token", strings.Repeat("t", 43)).Replace(r.Path)
		for _, tok := range []string{"", "forged-token"} {
			res, doc := b.post(path, url.Values{"_csrf": {tok}, "email": {"admin@example.org"}, "password": {testPassword}})
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with token %q: %d, want 403", r.Method, path, tok, res.StatusCode)
			} else if msg := doc.Find(".error-page .lead").Text(); msg != a.bundle.For(lang.EN).T("error.csrf") {
				t.Errorf("%s: 403 page says %q", path, msg)
			}
		}
	}
}

func TestSignInRenewsSessionAndSignOutRevokesIt(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	u, _ := url.Parse(ts.URL)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "__Host-nordcal_session", Value: "attacker-chosen-token", Path: "/", Secure: true}})
	res := b.login("admin@example.org", testPassword)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/" {
		t.Fatalf("sign-in: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	token := b.sessionCookie()
	if token == "" || token == "attacker-chosen-token" {
		t.Fatalf("session token after sign-in %q: it must be new", token)
	}
	if res, _ := b.get("/admin/"); res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("signed-in dashboard: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	stolen := a.browser(t, ts)
	stolen.c.Jar.SetCookies(u, []*http.Cookie{{Name: "__Host-nordcal_session", Value: token, Path: "/", Secure: true}})
	if res, _ := stolen.get("/admin/"); res.StatusCode != http.StatusOK {
		t.Fatalf("a copy of the cookie works before sign-out: %d", res.StatusCode)
	}
	res, _ = b.post("/admin/logout", url.Values{"_csrf": {b.token("/admin/")}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.StatusCode)
	}
	if res, _ := stolen.get("/admin/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out the old session still works: %d", res.StatusCode)
	}
}

func TestPasswordChangeSignsOutOtherSessions(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	first, second := a.browser(t, ts), a.browser(t, ts)
	first.login("editor@example.org", testPassword)
	second.login("editor@example.org", testPassword)
	res, doc := first.post("/admin/password", url.Values{"_csrf": {first.token("/admin/password")},
		"current_password": {testPassword}, "new_password": {"short"}, "confirm_password": {"short"}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#new_password[aria-describedby='new_password-error']").Length() != 1 {
		t.Fatalf("a short password must be refused next to its field: %d", res.StatusCode)
	}
	res, _ = first.post("/admin/password", url.Values{"_csrf": {first.token("/admin/password")},
		"current_password": {testPassword}, "new_password": {"uusi salasana keväälle"}, "confirm_password": {"uusi salasana keväälle"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	if res, _ := first.get("/admin/"); res.StatusCode != http.StatusOK {
		t.Errorf("the session that changed the password must stay signed in: %d", res.StatusCode)
	}
	if res, _ := second.get("/admin/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("other sessions must end after a password change: %d", res.StatusCode)
	}
	if res := second.login("editor@example.org", testPassword); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("old password still works: %d", res.StatusCode)
	}
}

func TestSignInThrottlingHasAClearMessage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	for i := 0; i < auth.MaxClientFailures; i++ {
		if res := b.login("editor@example.org", "not the password"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i, res.StatusCode)
		}
	}
	res, doc := b.post("/admin/login", url.Values{"_csrf": {b.token("/admin/login")}, "email": {"editor@example.org"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: %d, want 429", auth.MaxClientFailures, res.StatusCode)
	}
	if msg := strings.TrimSpace(doc.Find(".error-summary").Text()); msg != a.bundle.For(lang.EN).T("auth.login.throttled") {
		t.Errorf("message %q", msg)
	}
	if v, _ := doc.Find("#email").Attr("value"); v != "editor@example.org" {
		t.Errorf("the form must keep the e-mail typed, got %q", v)
	}
}

func TestOpenRedirectIsRefused(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	for next, want := range map[string]string{"https://evil.example/": "/admin/", "//evil.example/admin": "/admin/", "/admin/users": "/admin/users"} {
		res, _ := b.post("/admin/login", url.Values{"_csrf": {b.token("/admin/login")}, "email": {"admin@example.org"}, "password": {testPassword}, "next": {next}})
		if got := res.Header.Get("Location"); got != want {
			t.Errorf("next=%q → %q, want %q", next, got, want)
		}
	}
}

func TestTwoAdminsEditingTheSameUser(t *testing.T) {
	a, ts, _, editor := newAdminApp(t)
	second := auth.User{Email: "toinen@example.org", Name: "Toinen", Role: auth.Admin}
	if err := a.auth().Create(context.Background(), audit.CLI, &second, testPassword); err != nil {
		t.Fatal(err)
	}
	one, two := a.browser(t, ts), a.browser(t, ts)
	one.login("admin@example.org", testPassword)
	two.login("toinen@example.org", testPassword)
	path := "/admin/users/" + strconv.FormatInt(editor.ID, 10)
	form := func(b *browser, name string) url.Values {
		_, doc := b.get(path)
		return url.Values{"_csrf": {doc.Find("input[name=_csrf]").First().AttrOr("value", "")},
			"version": {doc.Find("input[name=version]").AttrOr("value", "")}, "name": {name}, "role": {"editor"}}
	}
	f1, f2 := form(one, "Eero Editori"), form(two, "Eero E.")
	if res, _ := one.post(path, f1); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	res, doc := two.post(path, f2)
	if res.StatusCode != http.StatusConflict || doc.Find(".notice-conflict").Length() != 1 {
		t.Fatalf("second save on a stale version: %d, conflict notice %d", res.StatusCode, doc.Find(".notice-conflict").Length())
	}
	if v := doc.Find("#name").AttrOr("value", ""); v != "Eero E." {
		t.Errorf("the form must keep what the second admin typed, got %q", v)
	}
	u, _ := a.auth().User(context.Background(), editor.ID)
	if u.Name != "Eero Editori" {
		t.Errorf("stored name %q: the first save must stand", u.Name)
	}
	_, doc = one.get("/admin/audit?actor=admin@example.org")
	if !strings.Contains(doc.Find("table.data").Text(), "Eero Editori") {
		t.Errorf("the audit trail must show the change")
	}
}

func TestAdminCreatesUserWithFieldErrors(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	b.login("admin@example.org", testPassword)
	res, doc := b.post("/admin/users", url.Values{"_csrf": {b.token("/admin/users")}, "email": {"not-an-email"}, "name": {"Nils"},
		"role": {"editor"}, "password": {testPassword}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#email-error").Length() != 1 || doc.Find("#name").AttrOr("value", "") != "Nils" {
		t.Fatalf("invalid e-mail: %d, error shown %d", res.StatusCode, doc.Find("#email-error").Length())
	}
	res, _ = b.post("/admin/users", url.Values{"_csrf": {b.token("/admin/users")}, "email": {"nils@example.org"}, "name": {"Nils"},
		"role": {"editor"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	if _, err := a.auth().UserByEmail(context.Background(), "nils@example.org"); err != nil {
		t.Fatalf("user not stored: %v", err)
	}
	res, _ = b.post("/admin/users", url.Values{"_csrf": {b.token("/admin/users")}, "email": {"nils@example.org"}, "role": {"editor"}, "password": {testPassword}})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("duplicate e-mail: %d, want 409", res.StatusCode)
	}
}

func TestSignInPageInEveryLanguage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	for _, l := range lang.All {
		_, doc := b.get("/admin/login?lang=" + string(l))
		if got := doc.Find("html").AttrOr("lang", ""); got != l.Tag() {
			t.Errorf("lang=%s: html lang %q", l, got)
		}
		if h1 := doc.Find("h1").Text(); h1 != a.bundle.For(l).T("admin.login.heading") {
			t.Errorf("lang=%s: heading %q", l, h1)
		}
	}
	_, doc := b.get("/admin/login")
	if got := doc.Find("html").AttrOr("lang", ""); got != string(lang.All[len(lang.All)-1]) {
		t.Errorf("the chosen language is remembered: got %q", got)
	}
}
