// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
)

// The embedded event list (/embed/{lang}/events) is the one part of nordcal
// that other sites may show inside their own pages: in a frame, or as an
// HTML fragment that static/js/embed.js fetches and inserts. It takes the
// filters of /{lang}/events plus a few display options, and has its own
// minimal layout without the site's navigation.

// ctxEmbed marks a request to an embed route, so that its errors are shown
// in the embed's own layout.
const ctxEmbed = "nordcal.embed"

// Display options of the embedded list, with their defaults.
const (
	embedDefaultN = 10
	embedMaxN     = 50
)

var (
	embedStyles  = []string{"full", "compact"}
	embedFilters = []string{"hide", "show"}
	embedThemes  = []string{"light", "dark", "inherit"}
)

// embedOptions are the display options of the embedded list; the first
// value of each list above is its default.
type embedOptions struct {
	N       int
	Style   string
	Filters string
	Theme   string
}

// embedOptionsFrom parses and validates the display options of q; a bad
// value is an Invalid error naming the parameter, like a bad filter.
func embedOptionsFrom(q url.Values) (embedOptions, error) {
	f := apperr.Fields{}
	o := embedOptions{N: embedDefaultN}
	if v := strings.TrimSpace(q.Get("n")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > embedMaxN {
			f.Add("n", "filter.embed_n")
		} else {
			o.N = n
		}
	}
	pick := func(name string, allowed []string, dst *string) {
		v := strings.ToLower(strings.TrimSpace(q.Get(name)))
		if v == "" {
			*dst = allowed[0]
			return
		}
		for _, a := range allowed {
			if v == a {
				*dst = a
				return
			}
		}
		f.Add(name, "filter.unknown_value")
	}
	pick("style", embedStyles, &o.Style)
	pick("filters", embedFilters, &o.Filters)
	pick("theme", embedThemes, &o.Theme)
	// The options that were valid are returned with the error, so the
	// error page keeps the chosen theme.
	return o, f.Err("filter.invalid")
}

// addTo sets the options that differ from the defaults in q.
func (o embedOptions) addTo(q url.Values) {
	if o.N != embedDefaultN {
		q.Set("n", strconv.Itoa(o.N))
	}
	for _, p := range []struct{ name, v, def string }{
		{"style", o.Style, embedStyles[0]}, {"filters", o.Filters, embedFilters[0]}, {"theme", o.Theme, embedThemes[0]},
	} {
		if p.v != "" && p.v != p.def {
			q.Set(p.name, p.v)
		}
	}
}

// embedLang takes the language from the path like requireLang, redirecting
// aliases (/embed/nb/…) to the canonical code; it sets no cookie, since the
// list is shown on other sites.
func (s *Server) embedLang(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ctxEmbed, true)
		code, alias, ok := lang.Resolve(c.Param("lang"))
		if !ok {
			return errNotFound
		}
		if alias {
			u := *c.Request().URL
			u.Path = "/embed/" + string(code) + strings.TrimPrefix(u.Path, "/embed/"+c.Param("lang"))
			return c.Redirect(http.StatusMovedPermanently, u.RequestURI())
		}
		c.Set(ctxLang, code)
		return next(c)
	}
}

// embedFrameable lets the embed routes, and only them, be framed: by any
// site, or by this one and the configured origins. X-Frame-Options cannot
// name several origins, so it is dropped and the policy's frame-ancestors
// decides (every browser that frames pages supports it).
func (s *Server) embedFrameable(next echo.HandlerFunc) echo.HandlerFunc {
	ancestors := "frame-ancestors *"
	if len(s.EmbedOrigins) > 0 {
		ancestors = "frame-ancestors 'self' " + strings.Join(s.EmbedOrigins, " ")
	}
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Del(echo.HeaderXFrameOptions)
		csp := h.Get(echo.HeaderContentSecurityPolicy)
		if strings.Contains(csp, "frame-ancestors 'none'") {
			csp = strings.Replace(csp, "frame-ancestors 'none'", ancestors, 1)
		} else {
			csp = strings.TrimSuffix(csp, "; ") + "; " + ancestors
		}
		h.Set(echo.HeaderContentSecurityPolicy, csp)
		return next(c)
	}
}

// embedCORS lets scripts on other sites read the fragment: any site, or
// only the configured origins. No credentials are ever allowed: the
// fragment is the same for every reader.
func (s *Server) embedCORS(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		if len(s.EmbedOrigins) == 0 {
			h.Set(echo.HeaderAccessControlAllowOrigin, "*")
			return next(c)
		}
		h.Add(echo.HeaderVary, echo.HeaderOrigin)
		if o := c.Request().Header.Get(echo.HeaderOrigin); originAllowed(s.EmbedOrigins, o) {
			h.Set(echo.HeaderAccessControlAllowOrigin, o)
		}
		return next(c)
	}
}

// originAllowed reports whether origin (scheme://host[:port]) matches one
// of allowed, where "https://*.example.org" stands for its subdomains.
func originAllowed(allowed []string, origin string) bool {
	origin = strings.ToLower(origin)
	scheme, host, ok := strings.Cut(origin, "://")
	if !ok || host == "" {
		return false
	}
	for _, a := range allowed {
		if a == origin {
			return true
		}
		as, ah, _ := strings.Cut(a, "://")
		if rest, wild := strings.CutPrefix(ah, "*."); wild && as == scheme && strings.HasSuffix(host, "."+rest) {
			return true
		}
	}
	return false
}

type embedPage struct {
	Page
	Opts     embedOptions
	Events   []EventView
	Total    int
	Showing  string
	Fragment bool
	// Base is the site's absolute address: the links of a fragment are
	// followed from the host page, so every link is absolute.
	Base    string
	MoreURL string
}

// embedEvents is the embedded list, as a page (for frames) or, at
// events.fragment, as the HTML fragment embed.js inserts.
func (s *Server) embedEvents(c echo.Context) error {
	fragment := embedFragment(c)
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	o, err := embedOptionsFrom(c.QueryParams())
	if err != nil {
		return err
	}
	res, err := s.Calendar.List(c.Request().Context(), f, 1, o.N)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	p := embedPage{Page: s.page(c, "embed.title"), Opts: o, Total: res.Total, Fragment: fragment,
		Base: strings.TrimRight(s.BaseURL.String(), "/")}
	p.NoIndex = true
	p.MoreURL = s.abs(withQuery("/"+string(l.Lang)+"/events", f.Values()))
	p.Canonical = p.MoreURL
	if o.Filters == "show" && !f.IsZero() {
		opts, err := s.filterOptions(c, l, f)
		if err != nil {
			return err
		}
		p.Showing = filterDescription(l, f, opts)
	}
	p.Events = s.views(c, res.Events)
	return s.renderEmbed(c, http.StatusOK, "embed_events.html", fragment, p)
}

// embedFragment reports whether the request is for the fragment form.
func embedFragment(c echo.Context) bool { return strings.HasSuffix(c.Path(), ".fragment") }

// renderEmbed executes a page in the embed layout: the whole document
// (embed_page) or the fragment alone (embed_fragment). Successful answers
// go through the page cache like the list pages (ETag, 304).
func (s *Server) renderEmbed(c echo.Context, code int, page string, fragment bool, data any) error {
	t, err := s.pages.page(page)
	if err != nil {
		return err
	}
	root := "embed_page"
	if fragment {
		root = "embed_fragment"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	if ok, err := s.storePage(c, code, buf.Bytes()); ok || err != nil {
		return err
	}
	return c.HTMLBlob(code, buf.Bytes())
}

type embedErrorPage struct {
	Page
	Status   int
	Message  string
	Fields   []FieldError
	Fragment bool
	Opts     embedOptions
	Base     string
}

// embedError shows an error of an embed route in the embed layout, so a
// partner who mistyped an option sees what is wrong inside their frame;
// it reports false for other routes.
func (s *Server) embedError(c echo.Context, code int, msg string, fields []FieldError) bool {
	if c.Get(ctxEmbed) != true {
		return false
	}
	fragment := embedFragment(c)
	p := embedErrorPage{Page: s.page(c, "error.title"), Status: code, Message: msg, Fields: fields, Fragment: fragment,
		Base: strings.TrimRight(s.BaseURL.String(), "/")}
	p.NoIndex = true
	p.Opts, _ = embedOptionsFrom(c.QueryParams())
	if p.Opts.Theme == "" {
		p.Opts.Theme = embedThemes[0]
	}
	if err := s.renderEmbed(c, code, "embed_error.html", fragment, p); err != nil && s.Log != nil {
		s.Log.Error("render embed error page", "error", err.Error())
		_ = c.String(code, http.StatusText(code))
	}
	return true
}
