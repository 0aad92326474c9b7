// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// withSources hides the partner calendars when they are not wired.
func (s *Server) withSources(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.Sources == nil {
			return errNotFound
		}
		return next(c)
	}
}

// SourceView is one source with its health in the reader's words.
type SourceView struct {
	calendar.Source
	// State is ok, failing, paused or new; StateLabel says it.
	State, StateLabel                 string
	LastAttempt, LastSuccess, NextRun string
	// Error is the last error in words, "" after a success.
	Error string
}

func (s *Server) sourceView(l *i18n.Localizer, zone *time.Location, src calendar.Source) SourceView {
	v := SourceView{Source: src, State: "ok"}
	h := src.Health
	switch {
	case src.Paused:
		v.State = "paused"
	case h.ErrorID != "":
		v.State = "failing"
	case h.LastAttempt.IsZero():
		v.State = "new"
	}
	v.StateLabel = l.T("source.state." + v.State)
	at := func(t time.Time) string {
		if t.IsZero() {
			return l.T("source.never")
		}
		return auditTime(l, zone, t)
	}
	v.LastAttempt, v.LastSuccess, v.NextRun = at(h.LastAttempt), at(h.LastSuccess), at(h.NextRun)
	if src.Paused {
		v.NextRun = l.T("source.state.paused")
	}
	if h.ErrorID != "" {
		v.Error = sourceError(l, h.ErrorID, h.ErrorArgs)
	}
	return v
}

// sourceError says what went wrong in words: the fetch's reason ("the
// address answered 404") or what is wrong with the file, with its line.
func sourceError(l *i18n.Localizer, id string, args map[string]any) string {
	kv := make([]any, 0, 2*len(args))
	for k, v := range args {
		if f, ok := v.(float64); ok {
			v = int(f)
		}
		kv = append(kv, k, v)
	}
	msg := l.T(id, kv...)
	if len(id) > 13 && id[:13] == "import.error." {
		return l.T("source.error.file", "Problem", msg)
	}
	return msg
}

type sourcesPage struct {
	Page
	Sources []SourceView
}

func (s *Server) listSources(c echo.Context) error {
	srcs, err := s.Sources.Sources(c.Request().Context())
	if err != nil {
		return err
	}
	p := sourcesPage{Page: s.adminPage(c, "source.list.title")}
	for _, src := range srcs {
		p.Sources = append(p.Sources, s.sourceView(p.L, s.viewerZone(c), src))
	}
	return s.render(c, http.StatusOK, "admin_sources.html", p)
}

type sourcePage struct {
	Page
	Source SourceView
	Links  []LinkView
	// Events are the source's events with no open question.
	Events []EventView
}

func (s *Server) sourceParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func (s *Server) showSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	src, links, err := s.Sources.Source(ctx, id)
	if err != nil {
		return err
	}
	p := sourcePage{Page: s.adminPage(c, "source.title", "Name", src.Name)}
	p.Source = s.sourceView(p.L, s.viewerZone(c), src)
	for i := range links {
		links[i].SourceName = src.Name
	}
	views, err := s.linkViews(c, p.L, links)
	if err != nil {
		return err
	}
	for _, v := range views {
		if v.Open || v.Clash != "" {
			p.Links = append(p.Links, v)
		} else {
			p.Events = append(p.Events, v.Event)
		}
	}
	return s.render(c, http.StatusOK, "admin_source.html", p)
}

// syncSource syncs a source now ("sync now"), unless another sync holds it.
func (s *Server) syncSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	if s.Sync == nil {
		return errNotFound
	}
	o, err := s.Sync.Sync(c.Request().Context(), id, true)
	if err != nil {
		return err
	}
	switch {
	case o.Skipped:
		s.flash(c, "source.flash.busy")
	case o.ErrorID != "":
		s.flash(c, "source.flash.failed")
	default:
		s.flash(c, "source.flash.synced")
	}
	return c.Redirect(http.StatusSeeOther, "/admin/sources")
}

// pauseSource pauses or resumes a source.
func (s *Server) pauseSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	paused := c.FormValue("paused") == "true"
	if err := s.Sources.SetPaused(c.Request().Context(), actorOf(c), id, version, paused); err != nil {
		return err
	}
	s.flash(c, map[bool]string{true: "source.flash.paused", false: "source.flash.resumed"}[paused])
	return c.Redirect(http.StatusSeeOther, "/admin/sources")
}

type sourceRemovePage struct {
	Page
	Source SourceView
	Events int
	Error  string
}

func (s *Server) removeSourceForm(c echo.Context) error {
	return s.renderRemove(c, http.StatusOK, "")
}

func (s *Server) renderRemove(c echo.Context, code int, msg string) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	src, links, err := s.Sources.Source(c.Request().Context(), id)
	if err != nil {
		return err
	}
	p := sourceRemovePage{Page: s.adminPage(c, "source.remove.title", "Name", src.Name), Events: len(links), Error: msg}
	p.Source = s.sourceView(p.L, s.viewerZone(c), src)
	return s.render(c, code, "admin_source_remove.html", p)
}

// removeSource removes a source and does what the secretariat chose with
// its events.
func (s *Server) removeSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	err = s.Sources.DeleteSource(c.Request().Context(), actorOf(c), id, version, c.FormValue("events"))
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && (ae.Kind == apperr.Invalid || ae.Kind == apperr.Conflict) {
			msg := s.Bundle.For(langOf(c)).T("source.remove.choose")
			if ae.Kind == apperr.Conflict {
				msg = s.Bundle.For(langOf(c)).T(ae.MsgID)
			}
			return s.renderRemove(c, statusOf(ae.Kind), msg)
		}
		return err
	}
	s.flash(c, "source.flash.removed")
	return c.Redirect(http.StatusSeeOther, "/admin/sources")
}

// sourceTextLang is the language a source's texts are in, from the form.
func sourceTextLang(c echo.Context) lang.Code {
	if l, ok := lang.Parse(c.FormValue("text_lang")); ok {
		return l
	}
	return langOf(c)
}
