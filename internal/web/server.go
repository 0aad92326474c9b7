// SPDX-License-Identifier: AGPL-3.0-or-later

// Package web serves nordcal's pages, feeds and JSON API with echo. Handlers
// are thin: parse the request, call one domain service, render.
package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/calsync"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/notify"
)

// Deps is what the web layer needs from the rest of the application.
type Deps struct {
	Calendar    *calendar.Service
	Directory   *directory.Service
	Bundle      *i18n.Bundle
	Log         *slog.Logger
	BaseURL     *url.URL
	DefaultLang lang.Code
	DefaultZone *time.Location
	// ContactEmail is the ORGANIZER address of events without a contact.
	ContactEmail string
	// TrustedProxies are the networks whose X-Forwarded-For is believed.
	TrustedProxies []*net.IPNet
	// Ping checks the database for /healthz.
	Ping func(context.Context) error
	// Auth manages secretariat accounts; Audit reads the trail; Sessions
	// stores sign-in sessions.
	Auth     *auth.Service
	Audit    audit.Store
	Sessions scs.Store
	// Mail queues manage-link mails; nil sends nothing.
	Mail mail.Outbox
	// Notify keeps the secretariat's notification settings and sends lost
	// manage links; nil hides the settings page and sends no links.
	Notify *notify.Mailer
	// Subscriptions runs "get these events by e-mail"; nil hides it.
	Subscriptions *notify.Subscriptions
	// MailStats reads the mail queue for the dashboard; nil shows nothing.
	MailStats func(context.Context) (mail.Stats, error)
	// Fetcher gets calendars for the secretariat's https import (the
	// partner calendars use the same); nil uses one that reaches public
	// https addresses only, as the public import always does.
	Fetcher *fetch.Fetcher
	// Sources manages the partner calendars and Sync syncs one now; nil
	// Sources hides them.
	Sources *calendar.SourceService
	Sync    *calsync.Runner
	// EmbedOrigins are the sites that may embed the event list; empty
	// means any site.
	EmbedOrigins []string
	// Privacy is what the privacy notice says of the controller and the
	// retention periods.
	Privacy PrivacyNotice
}

// Server is the HTTP face of nordcal.
type Server struct {
	Deps
	echo     *echo.Echo
	pages    *renderer
	sessions *scs.SessionManager
	feeds    *feedCache
	// pageCache keeps rendered public pages; selfCompressed names their
	// routes.
	pageCache      *feedCache
	selfCompressed cachedPages
	// feedRenders and pageRenders let one request render a missing entry.
	feedRenders, pageRenders inflight
	// ownFeeds recognises the text our feeds write, in every language,
	// when one of them is imported.
	ownFeeds *feed.Recogniser
	// publicFetcher gets calendars for the public import: public
	// addresses only, whatever the operator allowed for the secretariat.
	publicFetcher *fetch.Fetcher
	// contacts is the per-client budget of people whose contact details
	// may be sent (see contactbudget.go).
	contacts *contactBudget
}

// Feed cache bounds: enough for every language of a few hundred filtered
// feeds, small next to the memory budget.
const (
	feedCacheItems = 500
	feedCacheBytes = 48 << 20
)

// New builds the server, parsing every template; a broken template fails here.
func New(d Deps) (*Server, error) {
	pages, err := newRenderer()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort, e.Debug = true, true, false
	if len(d.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range d.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	s := &Server{Deps: d, echo: e, pages: pages, sessions: newSessions(d.Sessions, d.BaseURL.Scheme == "https"),
		feeds: newFeedCache(feedCacheItems, feedCacheBytes), pageCache: newFeedCache(pageCacheItems, pageCacheBytes),
		selfCompressed: cachedPages{}, contacts: newContactBudget(time.Now)}
	s.ownFeeds = s.feedRecogniser()
	s.publicFetcher = fetch.New(fetch.Options{MaxBytes: maxImportBytes})
	if s.Fetcher == nil {
		s.Fetcher = s.publicFetcher
	}
	e.HTTPErrorHandler = s.handleError
	// The security headers and the language come before everything that
	// can answer early (logRequests renders the errors of what follows it,
	// BodyLimit's 413, limitQuery's 400, a recovered panic), so that every
	// answer carries the headers and is in the reader's language.
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestIDs()}))
	e.Use(securityHeaders(d.BaseURL))
	e.Use(s.resolveLang)
	e.Use(s.logRequests)
	e.Use(middleware.Recover())
	e.Use(s.bodyLimit())
	e.Use(limitQuery)
	s.routes()
	return s, nil
}

// ServeHTTP lets the server be used as an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// context keys
const (
	ctxLang = "nordcal.lang"
	// ctxLangLater holds the *Server that works out the language when
	// langOf first asks (see lazyLang).
	ctxLangLater = "nordcal.langLater"
)

// langOf returns the language resolved for this request.
func langOf(c echo.Context) lang.Code {
	if l, ok := c.Get(ctxLang).(lang.Code); ok {
		return l
	}
	if s, ok := c.Get(ctxLangLater).(*Server); ok {
		l := s.requestLang(c)
		c.Set(ctxLang, l)
		return l
	}
	return lang.EN
}

// resolveLang decides the request's language once: URL prefix, then the
// "lang" cookie, then Accept-Language, then the configured default. For
// feeds it is decided only if langOf asks (an error page).
func (s *Server) resolveLang(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if lazyLang(c.Request().URL.Path) {
			c.Set(ctxLangLater, s)
		} else {
			c.Set(ctxLang, s.requestLang(c))
		}
		return next(c)
	}
}

func (s *Server) requestLang(c echo.Context) lang.Code {
	if code, _, ok := i18n.FromPath(c.Request().URL.Path); ok {
		return code
	}
	if code, _, ok := lang.Resolve(c.QueryParam("lang")); ok && strings.HasPrefix(c.Request().URL.Path, "/admin") {
		s.rememberLang(c, code)
		return code
	}
	if ck, err := c.Cookie("lang"); err == nil {
		if code, _, ok := lang.Resolve(ck.Value); ok {
			return code
		}
	}
	return i18n.Match(c.Request().Header.Get("Accept-Language"), s.DefaultLang)
}

// rememberLang stores the reader's language choice in a cookie, so that
// "/" and the secretariat area open in it next time.
func (s *Server) rememberLang(c echo.Context, code lang.Code) {
	if ck, err := c.Cookie("lang"); err == nil && ck.Value == string(code) {
		return
	}
	c.SetCookie(&http.Cookie{Name: "lang", Value: string(code), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.BaseURL.Scheme == "https"})
}

// maxQuery caps the raw query string; longer ones are refused with a 400.
const maxQuery = 4096

func limitQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if len(c.Request().URL.RawQuery) > maxQuery {
			return errQueryTooLong
		}
		if _, err := url.ParseQuery(c.Request().URL.RawQuery); err != nil {
			return errBadQuery
		}
		return next(c)
	}
}

// redactPath hides the secret of manage links in logs.
func redactPath(p string) string {
	if i := strings.Index(p, "/manage/"); i >= 0 {
		rest := p[i+len("/manage/"):]
		tail := ""
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			tail = rest[j:]
		}
		return p[:i] + "/manage/…" + tail
	}
	return p
}

// logRequests writes one structured line per request with its request id.
// The query string is left out: it can carry search terms.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		if s.Log != nil {
			s.Log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("id", c.Response().Header().Get(echo.HeaderXRequestID)),
				slog.String("method", c.Request().Method),
				slog.String("path", redactPath(c.Request().URL.Path)),
				slog.Int("status", c.Response().Status),
				slog.Duration("took", time.Since(start)))
		}
		return nil
	}
}
