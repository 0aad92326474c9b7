// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/nordcal/nordcal/static"
)

var getHead = []string{http.MethodGet, http.MethodHead}

// routes is the index of the application: every URL nordcal answers.
// Feed, event .ics and API URLs are public interfaces: never break them.
func (s *Server) routes() {
	e := s.echo

	// Service
	e.GET("/", s.redirectToLanguage)
	e.GET("/healthz", s.health)
	e.StaticFS("/static", static.FS)

	// iCal feeds and single events (public interfaces; they compress and
	// answer conditional requests themselves)
	e.Match(getHead, "/feeds/events.ics", s.feedEvents)
	e.Match(getHead, "/events/:file", s.eventICS)

	// JSON API (public interface)
	e.Match(getHead, "/api/v1/events", s.apiEvents)
	e.Match(getHead, "/api/v1/openapi.json", s.apiSpec)

	// Pages, in the reader's language
	pages := e.Group("/:lang", s.requireLang, middleware.GzipWithConfig(middleware.GzipConfig{Level: 5}))
	pages.GET("", s.redirectToLanguageHome)
	pages.GET("/", s.home)
	pages.GET("/events", s.listEvents)
	pages.GET("/events/:id", s.showEvent)
	pages.GET("/calendar", s.monthCurrent)
	pages.GET("/calendar/:year/:month", s.month)
	pages.GET("/year", s.yearCurrent)
	pages.GET("/year/:year", s.year)
	pages.GET("/subscribe", s.subscribe)

	e.RouteNotFound("/*", func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound) })
}
