// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// The read-only public interfaces (feeds and the JSON API) may be read by
// scripts on any site: partners show the calendar on their own pages. The
// answer is the same for every origin and carries no credentials (no
// cookies are read on these routes), so Access-Control-Allow-Origin is "*"
// and no Vary: Origin is needed. Every other route stays same-origin: it
// sends no CORS headers at all, and the browser refuses cross-site reads.
const (
	corsMethods = "GET, HEAD"
	// corsHeaders are the request headers a cross-site script may send:
	// the conditional ones, so that it can poll with ETags like a calendar.
	corsHeaders = "Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match"
	// corsExpose are the response headers such a script may read beyond
	// the CORS-safelisted ones.
	corsExpose = "Content-Disposition, Content-Encoding, ETag, Link"
	// corsMaxAge lets browsers keep a preflight answer for a day.
	corsMaxAge = "86400"
)

// publicRead registers a read-only public interface: GET and HEAD with
// the CORS headers, and the OPTIONS preflight a browser sends before a
// cross-site GET with conditional headers.
func publicRead(r router, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	get(r, path, h, append([]echo.MiddlewareFunc{allowAnyOrigin}, m...)...)
	r.Match([]string{http.MethodOptions}, path, corsPreflight)
}

// allowAnyOrigin marks an answer, error pages included, as readable by
// any site.
func allowAnyOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderAccessControlAllowOrigin, "*")
		h.Set(echo.HeaderAccessControlExposeHeaders, corsExpose)
		return next(c)
	}
}

// corsPreflight answers the OPTIONS preflight: 204 with the methods and
// headers allowed. A preflight for another method gets the same answer,
// which does not list it, so the browser refuses the request.
func corsPreflight(c echo.Context) error {
	h := c.Response().Header()
	h.Set(echo.HeaderAllow, "GET, HEAD, OPTIONS")
	if c.Request().Header.Get(echo.HeaderAccessControlRequestMethod) != "" {
		h.Set(echo.HeaderAccessControlAllowOrigin, "*")
		h.Set(echo.HeaderAccessControlAllowMethods, corsMethods)
		h.Set(echo.HeaderAccessControlAllowHeaders, corsHeaders)
		h.Set(echo.HeaderAccessControlMaxAge, corsMaxAge)
	}
	return c.NoContent(http.StatusNoContent)
}
