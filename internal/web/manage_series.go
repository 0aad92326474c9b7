// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// manageDatePath is the manage link's page of one date of the series.
func manageDatePath(l lang.Code, token, key string) string {
	return "/" + string(l) + "/manage/" + token + "/dates/" + url.PathEscape(key)
}

// manageSeries lists the coming dates of the link's series, each linking
// to its own page; nil for a single event or one that can no longer change.
func (s *Server) manageSeries(ctx context.Context, l *i18n.Localizer, token, state string, e calendar.Event) (*SeriesView, error) {
	if !e.IsSeries() || state != calendar.StatePending && state != calendar.StatePublished {
		return nil, nil
	}
	ovs, err := s.Calendar.Overrides(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	now := s.Calendar.Now()
	return seriesView(l, e, ovs, now, seriesOptions{From: now, N: adminSeriesDates,
		Link: func(key string) string { return manageDatePath(l.Lang, token, key) }}), nil
}

func (s *Server) manageDate(c echo.Context) error {
	return s.renderManageDate(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderManageDate(c echo.Context, code int, f *EventForm, fe FormErrors, msg string) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	sub, series, date, err := s.Calendar.DateByToken(ctx, token, c.Param("key"))
	if err != nil {
		return err
	}
	p := seriesDatePage{Cancellable: sub.State(series) == calendar.StatePublished &&
		(date.Status == calendar.Published || date.Status == calendar.Tentative),
		Organiser: true, Saved: c.QueryParam("saved") == "1", JustCancelled: c.QueryParam("cancelled") == "1"}
	p.Page = s.page(c, "manage.title")
	p.NoIndex, p.Canonical = true, ""
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	if err := s.fillDatePage(ctx, &p, series, date, f, fe, msg, s.viewerZone(c)); err != nil {
		return err
	}
	p.BackURL = "/" + string(langOf(c)) + "/manage/" + token
	p.Action = manageDatePath(langOf(c), token, date.RecurrenceKey)
	return s.render(c, code, "series_date.html", p)
}

// manageSaveDate saves the organiser's change of one date.
func (s *Server) manageSaveDate(c echo.Context) error {
	l := langOf(c)
	loc := s.Bundle.For(l)
	f := parseEventForm(c)
	f.Repeat = RepeatForm{}
	e, fe := f.event(l)
	if len(fe) > 0 {
		return s.renderManageDate(c, http.StatusBadRequest, &f, s.localizeFields(loc, fe), loc.T("validation.failed"))
	}
	if err := s.Calendar.EditDateByToken(c.Request().Context(), c.Param("token"), c.Param("key"), &e); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderManageDate(c, code, &f, fields, msg)
	}
	return c.Redirect(http.StatusSeeOther, manageDatePath(l, c.Param("token"), c.Param("key"))+"?saved=1")
}

// manageCancelDate cancels one date once the organiser has confirmed it.
func (s *Server) manageCancelDate(c echo.Context) error {
	loc := s.Bundle.For(langOf(c))
	if c.FormValue("confirm_cancel") != "on" {
		fe := s.localizeFields(loc, apperr.Fields{"confirm_cancel": "validation.confirm_cancel"})
		return s.renderManageDate(c, http.StatusBadRequest, nil, fe, loc.T("validation.failed"))
	}
	version := moderationOf(c).Version
	if err := s.Calendar.CancelDateByToken(c.Request().Context(), c.Param("token"), c.Param("key"), version); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderManageDate(c, code, nil, fields, msg)
	}
	return c.Redirect(http.StatusSeeOther, manageDatePath(langOf(c), c.Param("token"), c.Param("key"))+"?cancelled=1")
}
