// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
)

// Session keys.
const (
	sessUserID   = "user_id"
	sessAuthAt   = "auth_at" // microseconds since the epoch of the sign-in
	sessFlash    = "flash"
	sessTOTPNext = "totp_pending"
	ctxUser      = "nordcal.user"
	ctxCSRF      = "csrf"
)

// newSessions configures server-side sessions: renewed at sign-in, ended
// after 30 idle minutes or 12 hours (ASVS 3.3.2), cookie HttpOnly and
// SameSite=Lax, Secure with the __Host- prefix when served over https.
func newSessions(store scs.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime, sm.IdleTimeout = 12*time.Hour, 30*time.Minute
	sm.Cookie.Name, sm.Cookie.Path, sm.Cookie.HttpOnly, sm.Cookie.SameSite = "nordcal_session", "/", true, http.SameSiteLaxMode
	if secure {
		sm.Cookie.Name, sm.Cookie.Secure = "__Host-nordcal_session", true
	}
	return sm
}

// csrf protects every state-changing request of the secretariat area
// (and later the public forms) with a token; failures get a 403 page.
func csrf(secure bool) echo.MiddlewareFunc {
	name := "nordcal_csrf"
	if secure {
		name = "__Host-nordcal_csrf"
	}
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "form:_csrf,header:X-CSRF-Token", ContextKey: ctxCSRF,
		CookieName: name, CookiePath: "/", CookieSecure: secure, CookieHTTPOnly: true, CookieSameSite: http.SameSiteLaxMode,
		ErrorHandler: func(error, echo.Context) error { return apperr.New(apperr.Forbidden, "error.csrf") },
	})
}

// loginLimiter is a per-address token bucket in front of the sign-in form,
// a first line before the per-account counters in the database.
func loginLimiter() echo.MiddlewareFunc {
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Every(6 * time.Second), Burst: 10, ExpiresIn: 10 * time.Minute}),
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", "6")
			return apperr.New(apperr.RateLimited, "auth.login.throttled")
		},
		ErrorHandler: func(echo.Context, error) error { return apperr.New(apperr.Forbidden, "error.forbidden") },
	})
}

// Global sign-in budget: every sign-in costs an argon2id run, so the form
// as a whole takes at most this many attempts, whatever the number of
// addresses they come from. It runs after the per-address limit, so one
// address cannot spend more of it than its own bucket allows.
const (
	loginGlobalRate  = 5 // attempts per second, sustained
	loginGlobalBurst = 20
)

// loginGlobalLimiter is one token bucket shared by every address.
func loginGlobalLimiter() echo.MiddlewareFunc {
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(loginGlobalRate), Burst: loginGlobalBurst, ExpiresIn: time.Hour}),
		IdentifierExtractor: func(echo.Context) (string, error) { return "all", nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", "1")
			return apperr.New(apperr.RateLimited, "auth.busy")
		},
		ErrorHandler: func(echo.Context, error) error { return apperr.New(apperr.Forbidden, "error.forbidden") },
	})
}

// setRetryAfter tells a refused client when to try again (RFC 9110
// §10.2.3) for the account errors that are about timing.
func setRetryAfter(c echo.Context, err error) {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.RateLimited {
		return
	}
	wait := auth.ThrottleWindow
	if ae.MsgID == "auth.busy" {
		wait = auth.BusyRetryAfter
	}
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)))
}

// noStore keeps pages of the secretariat area out of every cache.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// requireUser lets signed-in, active users through and sends everyone else
// to the sign-in page. A session older than the account's last password
// change is ended, so a change signs out every other session.
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id := s.sessions.GetInt64(ctx, sessUserID)
		if id != 0 {
			u, ok, err := s.sessionUser(ctx)
			if err != nil {
				return err
			}
			if ok {
				c.Set(ctxUser, u)
				return next(c)
			}
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
		}
		target := "/admin/login"
		if c.Request().Method == http.MethodGet {
			target += "?next=" + url.QueryEscape(c.Request().URL.RequestURI())
		}
		return c.Redirect(http.StatusSeeOther, target)
	}
}

// sessionUser returns the user of the loaded session when the session is
// still valid: the account exists, is enabled, and its password has not
// changed since sign-in.
func (s *Server) sessionUser(ctx context.Context) (auth.User, bool, error) {
	id := s.sessions.GetInt64(ctx, sessUserID)
	if id == 0 {
		return auth.User{}, false, nil
	}
	u, err := s.Auth.User(ctx, id)
	switch {
	case err == nil && !u.Disabled && u.PasswordChangedAt.UnixMicro() <= s.sessions.GetInt64(ctx, sessAuthAt):
		return u, true, nil
	case err != nil && !apperr.Is(err, apperr.NotFound):
		return auth.User{}, false, err
	}
	return auth.User{}, false, nil
}

// signedInViewer reports whether a public page's reader is a signed-in
// secretariat user, and sets the user on c. Public pages do not run the
// session middleware: the session is read only when its cookie is sent,
// and never written back.
func (s *Server) signedInViewer(c echo.Context) (bool, error) {
	cookie, err := c.Cookie(s.sessions.Cookie.Name)
	if err != nil || cookie.Value == "" {
		return false, nil
	}
	ctx, err := s.sessions.Load(c.Request().Context(), cookie.Value)
	if err != nil {
		return false, nil // an unreadable session is no session
	}
	u, ok, err := s.sessionUser(ctx)
	if ok {
		c.Set(ctxUser, u)
	}
	return ok, err
}

// requireRole refuses users without role with a 403 page.
func (s *Server) requireRole(role auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if u, ok := c.Get(ctxUser).(auth.User); !ok || u.Role != role {
				return apperr.New(apperr.Forbidden, "error.forbidden")
			}
			return next(c)
		}
	}
}

func userOf(c echo.Context) auth.User {
	u, _ := c.Get(ctxUser).(auth.User)
	return u
}

func actorOf(c echo.Context) audit.Actor {
	u := userOf(c)
	return audit.Actor{ID: u.ID, Email: u.Email}
}

// AdminBar is what the layout shows to a signed-in secretariat user.
type AdminBar struct {
	Email   string
	IsAdmin bool
}

// adminPage is the base data of a secretariat page: it adds the CSRF
// token, the flash message and the admin bar to Page.
func (s *Server) adminPage(c echo.Context, titleID string, kv ...any) Page {
	p := s.page(c, titleID, kv...)
	p.NoIndex = true
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	if msg := s.sessions.PopString(c.Request().Context(), sessFlash); msg != "" {
		p.Flash = p.L.T(msg)
	}
	if u, ok := c.Get(ctxUser).(auth.User); ok {
		p.Admin = &AdminBar{Email: u.Email, IsAdmin: u.Role == auth.Admin}
	}
	return p
}

func (s *Server) flash(c echo.Context, msgID string) {
	s.sessions.Put(c.Request().Context(), sessFlash, msgID)
}

// localNext returns next when it is a path in the secretariat area, so the
// sign-in form cannot be turned into an open redirect (ASVS 5.1.5).
func localNext(next string) string {
	if strings.HasPrefix(next, "/admin") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n") {
		if u, err := url.Parse(next); err == nil && u.Host == "" && u.Scheme == "" {
			return next
		}
	}
	return "/admin/"
}
