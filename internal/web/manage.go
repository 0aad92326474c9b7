// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

// manageView is what the manage page adds to the event form.
type manageView struct {
	Token     string
	State     string
	Reason    string
	Submitted bool
	Saved     bool
	Cancelled bool
	Editable  bool
	// Resubmit is set for a rejected registration: corrected, it is sent again.
	Resubmit     bool
	Reinstated   bool
	Reinstatable bool
	// CancelledBySecretariat: only the secretariat can undo this cancellation.
	CancelledBySecretariat bool
	Tentative              bool
	Event                  EventView
	MergedURL              string
	Link                   string
	// Dates lists a series' coming dates, each with its own page.
	Dates *SeriesView
}

// The manage link's token is the submitter's only key: pages under it are
// never cached, never indexed, and leak no referrer (Referrer-Policy
// no-referrer), and the request log shows the path without it.
func manageHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Robots-Tag", "noindex")
		return next(c)
	}
}

// manageLimiter bounds the changes made with one manage link, from any
// number of addresses: a few in a row, then one every two minutes. Each
// may raise SEQUENCE and reach every subscribed calendar; the service adds
// a daily cap kept with the submission (calendar.MaxEditsPerDay). It runs
// behind the per-address registration limit, which bounds how many links
// one client can make it remember.
func manageLimiter() echo.MiddlewareFunc {
	return limiterBy(func(c echo.Context) (string, error) { return calendar.HashToken(c.Param("token")), nil },
		rate.Every(2*time.Minute), 5, "manage.too_many_edits")
}

func (s *Server) managePage(c echo.Context) error {
	return s.renderManage(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderManage(c echo.Context, code int, f *EventForm, fe FormErrors, msg string) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	sub, e, err := s.Calendar.ByToken(ctx, token)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	state := sub.State(e)
	form := formOf(e)
	if f != nil {
		form = *f
	}
	opts, err := s.formOptions(ctx, l, form)
	if err != nil {
		return err
	}
	mv := &manageView{Token: token, State: state, Reason: sub.Reason, Submitted: c.QueryParam("submitted") == "1",
		Saved: c.QueryParam("saved") == "1", Cancelled: c.QueryParam("cancelled") == "1",
		Reinstated: c.QueryParam("reinstated") == "1", Resubmit: state == calendar.StateRejected,
		Reinstatable:           state == calendar.StateCancelled && sub.CancelledBy == calendar.CancelledBySubmitter,
		CancelledBySecretariat: state == calendar.StateCancelled && sub.CancelledBy != calendar.CancelledBySubmitter,
		Editable:               state == calendar.StatePending || state == calendar.StatePublished || state == calendar.StateRejected,
		Tentative:              e.Status == calendar.Tentative,
		Event:                  eventView(l, e, s.viewerZone(c)), Link: s.absURL("/" + string(langOf(c)) + "/manage/" + token)}
	if mv.Dates, err = s.manageSeries(ctx, l, token, state, e); err != nil {
		return err
	}
	if sub.MergedInto != 0 {
		mv.MergedURL = "/" + string(langOf(c)) + "/events/" + strconv.FormatInt(sub.MergedInto, 10)
	}
	p := eventFormPage{Page: s.page(c, "manage.title"), Form: form, Options: opts, Fields: fe, Error: msg,
		Action: "/" + string(langOf(c)) + "/manage/" + token, Manage: mv, Series: s.formSeries(l, form)}
	p.NoIndex = true
	p.Canonical = ""
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	return s.render(c, code, "manage.html", p)
}

// manageSave saves the organiser's edit.
func (s *Server) manageSave(c echo.Context) error {
	ctx := c.Request().Context()
	l := langOf(c)
	loc := s.Bundle.For(l)
	f := parseEventForm(c)
	e, fe := f.event(l)
	if len(fe) > 0 {
		return s.renderManage(c, http.StatusBadRequest, &f, s.localizeFields(loc, fe), loc.T("validation.failed"))
	}
	if _, old, err := s.Calendar.ByToken(ctx, c.Param("token")); err == nil {
		keepSeriesDates(old, &e)
	}
	if err := s.Calendar.EditByToken(ctx, c.Param("token"), &e, f.Confirm); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderManage(c, code, &f, fields, msg)
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(l)+"/manage/"+c.Param("token")+"?saved=1")
}

// manageCancel cancels (or, before moderation, withdraws) the event once
// the organiser has confirmed it.
func (s *Server) manageCancel(c echo.Context) error {
	if c.FormValue("confirm_cancel") != "on" {
		loc := s.Bundle.For(langOf(c))
		fe := s.localizeFields(loc, apperr.Fields{"confirm_cancel": "validation.confirm_cancel"})
		return s.renderManage(c, http.StatusBadRequest, nil, fe, "")
	}
	if err := s.Calendar.CancelByToken(c.Request().Context(), c.Param("token")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/manage/"+c.Param("token")+"?cancelled=1")
}

// manageReinstate undoes the organiser's cancellation.
func (s *Server) manageReinstate(c echo.Context) error {
	if err := s.Calendar.ReinstateByToken(c.Request().Context(), c.Param("token")); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderManage(c, code, nil, fields, msg)
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/manage/"+c.Param("token")+"?reinstated=1")
}
