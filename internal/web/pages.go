// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// requireLang accepts the five language prefixes and redirects aliases
// (/nb/…, /nn/…, /FI/…) to the canonical prefix; anything else is 404.
func (s *Server) requireLang(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		code, alias, ok := i18n.FromPath(c.Request().URL.Path)
		if !ok {
			return errNotFound
		}
		if alias {
			u := *c.Request().URL
			u.Path = "/" + string(code) + strings.TrimPrefix(u.Path[1:], c.Param("lang"))
			return c.Redirect(http.StatusMovedPermanently, u.RequestURI())
		}
		s.rememberLang(c, code)
		return next(c)
	}
}

// redirectToLanguage sends / to the home page in the visitor's language.
func (s *Server) redirectToLanguage(c echo.Context) error {
	c.Response().Header().Set("Vary", "Accept-Language, Cookie")
	return c.Redirect(http.StatusFound, "/"+string(langOf(c))+"/")
}

func (s *Server) redirectToLanguageHome(c echo.Context) error {
	return c.Redirect(http.StatusMovedPermanently, "/"+string(langOf(c))+"/")
}

type homePage struct {
	Page
	Upcoming []EventView
	// Total is the number of upcoming events, counted up to
	// calendar.BrowseCountCap; Over says there are more.
	Total int
	Over  bool
}

// homeEvents is how many upcoming events the home page shows.
const homeEvents = 8

func (s *Server) home(c echo.Context) error {
	page, err := s.Calendar.Browse(c.Request().Context(), calendar.Filter{}, calendar.Cursor{}, homeEvents)
	if err != nil {
		return err
	}
	p := homePage{Page: s.page(c, "home.title"), Total: page.Total, Over: page.Over}
	p.Nav = "home"
	p.Upcoming = s.views(c, page.Events)
	return s.render(c, http.StatusOK, "home.html", p)
}

func (s *Server) views(c echo.Context, evs []calendar.Event) []EventView {
	l, viewer := s.Bundle.For(langOf(c)), s.viewerZone(c)
	out := make([]EventView, len(evs))
	for i, e := range evs {
		out[i] = eventView(l, e, viewer)
	}
	return out
}

// MonthGroup is a run of listed events in one month.
type MonthGroup struct {
	Heading string
	Events  []EventView
}

type listPage struct {
	Page
	Filter   calendar.Filter
	Options  filterOptions
	Form     FilterForm
	Chips    []Chip
	Groups   []MonthGroup
	Result   calendar.Window
	PrevURL  string
	NextURL  string
	FeedURL  string
	AtomURL  string
	SubURL   string
	MonthURL string
}

// perPage is the length of one page of the event list.
const perPage = 50

// filterFrom parses the filter parameters of the request.
func filterFrom(c echo.Context) (calendar.Filter, error) {
	return calendar.FilterFromQuery(c.QueryParams())
}

func (s *Server) listEvents(c echo.Context) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	at, err := cursorParam(c)
	if err != nil {
		return err
	}
	res, err := s.Calendar.Browse(c.Request().Context(), f, at, perPage)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	path := "/" + string(l.Lang) + "/events"
	p := listPage{Page: s.page(c, "events.title"), Filter: f, Result: res}
	p.Nav = "events"
	p.Options = opts
	p.Chips = chips(l, path, f, p.Options)
	p.Form = FilterForm{L: l, Action: path, Filter: f, Options: p.Options, Dates: true, Submit: l.T("filters.apply")}
	var cur *MonthGroup
	for _, v := range s.views(c, res.Events) {
		d := v.FirstDay
		if !f.From.IsZero() && d.Before(f.From) {
			d = f.From
		}
		h := l.MonthYear(d.Year, d.Month)
		if cur == nil || cur.Heading != h {
			p.Groups = append(p.Groups, MonthGroup{Heading: h})
			cur = &p.Groups[len(p.Groups)-1]
		}
		cur.Events = append(cur.Events, v)
	}
	pageURL := func(at calendar.Cursor) string {
		q := f.Values()
		if at.After != 0 {
			q.Set(calendar.ParamAfter, strconv.FormatInt(at.After, 10))
		}
		if at.Before != 0 {
			q.Set(calendar.ParamBefore, strconv.FormatInt(at.Before, 10))
		}
		return withQuery(path, q)
	}
	if res.Prev != (calendar.Cursor{}) {
		p.PrevURL = pageURL(res.Prev)
	}
	if res.Next != (calendar.Cursor{}) {
		p.NextURL = pageURL(res.Next)
	}
	p.FeedURL = feedPath(f, l.Lang)
	p.AtomURL = atomPath(f, l.Lang)
	p.Feeds = []FeedLink{
		{Type: "application/atom+xml", Title: l.T("events.atom_feed"), URL: p.AtomURL},
		{Type: "text/calendar", Title: l.T("events.download_ics"), URL: p.FeedURL},
	}
	p.SubURL = withQuery("/"+string(l.Lang)+"/subscribe", f.Values())
	p.MonthURL = withQuery("/"+string(l.Lang)+"/calendar", f.Values())
	return s.render(c, http.StatusOK, "events.html", p)
}

// cursorParam reads the list's keyset cursor: after=ID or before=ID, at
// most one, each an event ID. Errors name the page field: to a reader a
// cursor is the page they asked for.
func cursorParam(c echo.Context) (calendar.Cursor, error) {
	var at calendar.Cursor
	for _, p := range []struct {
		name string
		dst  *int64
	}{{calendar.ParamAfter, &at.After}, {calendar.ParamBefore, &at.Before}} {
		v := c.QueryParam(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return calendar.Cursor{}, apperrInvalidField(calendar.ParamPage, "filter.bad_page")
		}
		*p.dst = n
	}
	if at.After != 0 && at.Before != 0 {
		return calendar.Cursor{}, apperrInvalidField(calendar.ParamPage, "filter.bad_page")
	}
	return at, nil
}

func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

type eventPage struct {
	Page
	Event EventView
	// EditURL is the secretariat's edit page, for a signed-in user only.
	EditURL string
	// Series describes a series' dates; SeriesURL, on the page of one
	// date, links to the whole series.
	Series    *SeriesView
	SeriesURL string
	// Documents are the documents attached to the event (agenda, report).
	Documents []DocView
}

func (s *Server) showEvent(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	e, err := s.Calendar.Event(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if e.IsOccurrence() {
		// An occurrence's row ID is not stable: its address is the series' with the date.
		return c.Redirect(http.StatusMovedPermanently, seriesDatePath(langOf(c), e.SeriesID, e.RecurrenceKey))
	}
	l := s.Bundle.For(langOf(c))
	series, err := s.seriesPage(c, l, &e)
	if err != nil {
		return err
	}
	v := eventView(l, e, s.viewerZone(c))
	p := eventPage{Page: s.page(c, "event.title", "Title", v.Title), Event: v, Series: series}
	p.Nav = "events"
	if e.IsOccurrence() {
		p.SeriesURL = eventPath(l.Lang, e.SeriesID)
	}
	if p.Documents, err = s.eventDocuments(c, e.ID); err != nil {
		return err
	}
	if _, ok := c.Get(ctxUser).(auth.User); ok {
		p.EditURL = "/admin/events/" + strconv.FormatInt(e.PageID(), 10)
		if e.IsOccurrence() {
			p.EditURL = adminDatePath(e.SeriesID, e.RecurrenceKey)
		}
	}
	return s.render(c, http.StatusOK, "event.html", p)
}

func (s *Server) health(c echo.Context) error {
	if err := s.Ping(c.Request().Context()); err != nil {
		if s.Log != nil {
			s.Log.Error("health check failed", "error", err.Error())
		}
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
