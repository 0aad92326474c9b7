// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Public calendar pages (home, list, event, month, year) look the same to
// every reader of one language in one time zone on one day: they show no
// session, form token or flash message. They are therefore rendered once
// per data version and kept, compressed, in a bounded cache, like the
// feeds. The key holds the calendar's data version, read from the database
// on each request, so a change made through any instance shows at once.
const (
	pageCacheItems = 400
	pageCacheBytes = 16 << 20
	ctxPageKey     = "nordcal.pageKey"
)

// cachedPages marks routes whose handler renders through the page cache;
// they compress their own bodies (prepared once), so the group's gzip
// middleware skips them.
type cachedPages map[string]bool

// skip is the gzip middleware's skipper.
func (cp cachedPages) skip(c echo.Context) bool { return cp[c.Path()] }

// gzipPages compresses the other pages of a group.
func (cp cachedPages) gzipPages() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, Skipper: cp.skip})
}

// getCached registers a public page served through the page cache; m run
// before the cache, so that cached answers pass through them too.
func (s *Server) getCached(g *echo.Group, prefix, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	s.selfCompressed[prefix+path] = true
	get(g, path, h, append(m, s.cachePage)...)
}

// cachePage answers from the cache, or lets the handler render with the
// key set so that render stores the page. The key follows every change:
// see "How caches are invalidated" in internal/store/version.go.
func (s *Server) cachePage(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// A signed-in secretariat user gets the page with its edit links,
		// rendered afresh and kept by no one.
		if staff, err := s.signedInViewer(c); err != nil || staff {
			c.Response().Header().Set("Cache-Control", "private, no-store")
			if err != nil {
				return err
			}
			return next(c)
		}
		ver, err := s.Calendar.FeedVersion(c.Request().Context())
		if err != nil {
			return err
		}
		zone := s.viewerZone(c)
		var b strings.Builder
		b.WriteString(c.Request().URL.Path)
		b.WriteByte('?')
		b.WriteString(c.Request().URL.RawQuery)
		b.WriteByte('|')
		b.WriteString(zone.String())
		b.WriteByte('|')
		b.WriteString(s.todayIn(zone).String())
		b.WriteByte('|')
		b.WriteString(ver.Key())
		key := b.String()
		r, finish, err := s.pageCache.lookup(c.Request().Context(), &s.pageRenders, key)
		if err != nil {
			return err
		}
		if r != nil {
			return serveWith(c, r, pageHeaders)
		}
		defer finish()
		c.Set(ctxPageKey, key)
		return next(c)
	}
}

// pageCacheControl lets browsers keep pages but ask each time (answered
// with 304 when nothing changed).
const pageCacheControl = "no-cache"

// pageHeaders are the Content-Type and Cache-Control of cached pages.
var pageHeaders = newAnswerHeaders(echo.MIMETextHTMLCharsetUTF8, pageCacheControl)

// storePage keeps a successfully rendered page when the request came
// through cachePage, and serves it with ETag and compression; ok is false
// when the page is not to be cached.
func (s *Server) storePage(c echo.Context, code int, body []byte) (ok bool, err error) {
	key, _ := c.Get(ctxPageKey).(string)
	if key == "" || code != http.StatusOK {
		return false, nil
	}
	r, err := prepare(body, time.Time{})
	if err != nil {
		return false, err
	}
	s.pageCache.put(key, r)
	return true, serveWith(c, r, pageHeaders)
}
