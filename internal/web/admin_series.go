// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// formPreviewDates is how many dates the form's preview lists.
const formPreviewDates = 6

// adminSeriesDates is how many coming dates the secretariat's page lists.
const adminSeriesDates = 26

// formSeries previews the series the form describes, nil when it does not
// repeat or its dates do not parse.
func (s *Server) formSeries(l *i18n.Localizer, f EventForm) *SeriesView {
	if f.Repeat.Kind == "" {
		return nil
	}
	e, fe := f.event(l.Lang)
	for _, k := range []string{"start", "end", "zone", "repeat", "repeat_interval", "repeat_days", "repeat_month_by",
		"repeat_month_day", "repeat_end", "repeat_count", "repeat_until"} {
		if _, bad := fe[k]; bad {
			return nil
		}
	}
	if e.AllDay {
		loc := e.Location()
		e.Start, e.End = e.StartDate.In(loc).UTC(), e.EndDate.AddDays(1).In(loc).UTC()
	}
	if !e.End.After(e.Start) {
		return nil
	}
	return seriesView(l, e, nil, s.Calendar.Now(), seriesOptions{From: e.Start, N: formPreviewDates})
}

// keepSeriesDates gives next, a series saved from the form, the extra and
// excluded dates of old, which the form does not edit.
func keepSeriesDates(old calendar.Event, next *calendar.Event) {
	if next.IsSeries() {
		next.Repeat.RDates, next.Repeat.ExDates = old.Repeat.RDates, old.Repeat.ExDates
	}
}

// adminSeries adds the dates of series e to the secretariat's page.
func (s *Server) adminSeries(ctx context.Context, p *adminEventPage, e calendar.Event) error {
	if !e.IsSeries() {
		return nil
	}
	ovs, err := s.Calendar.Overrides(ctx, e.ID)
	if err != nil {
		return err
	}
	p.Dates = seriesView(p.L, e, ovs, s.Calendar.Now(), seriesOptions{From: s.Calendar.Now(), N: adminSeriesDates,
		Link: func(key string) string { return adminDatePath(e.ID, key) }})
	return nil
}

func adminDatePath(id int64, key string) string {
	return "/admin/events/" + strconv.FormatInt(id, 10) + "/dates/" + url.PathEscape(key)
}

// seriesDatePage is the page of one date of a series, for the
// secretariat or under the manage link: its own edit form, and cancelling
// (or, for the secretariat, restoring) it.
type seriesDatePage struct {
	eventFormPage
	Series, Date EventView
	// BackURL is the page of the whole series.
	BackURL                   string
	Cancellable, Reinstatable bool
	// Organiser marks the manage link's page; Saved and JustCancelled
	// confirm its change just made (the secretariat's pages use a flash).
	Organiser, Saved, JustCancelled bool
}

// fillDatePage fills p for date of series: the form of the date (or the
// one sent, f) with its errors, without Repeats.
func (s *Server) fillDatePage(ctx context.Context, p *seriesDatePage, series, date calendar.Event, f *EventForm, fe FormErrors, msg string, viewer *time.Location) error {
	l := p.L
	p.Series, p.Date = eventView(l, series, viewer), eventView(l, date, viewer)
	p.Title = l.T("admin.series.date_title", "Title", p.Series.Title, "Date", p.Date.When)
	form := formOf(date)
	if f != nil {
		form = *f
	}
	p.Form, p.Fields, p.Error, p.DateOnly = form, fe, msg, true
	var err error
	p.Options, err = s.formOptions(ctx, l, form)
	return err
}

// seriesDate loads the series of the URL and its date named by the key.
func (s *Server) seriesDate(c echo.Context) (series, date calendar.Event, err error) {
	series, err = s.eventByParam(c)
	if err != nil {
		return
	}
	if !series.IsSeries() {
		return series, date, errNotFound
	}
	if _, ok := calendar.ParseRecurrenceKey(c.Param("key")); !ok {
		return series, date, errNotFound
	}
	date, err = s.Calendar.Occurrence(c.Request().Context(), series.ID, c.Param("key"))
	return
}

func (s *Server) adminDate(c echo.Context) error {
	return s.renderAdminDate(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderAdminDate(c echo.Context, code int, f *EventForm, fe FormErrors, msg string) error {
	series, date, err := s.seriesDate(c)
	if err != nil {
		return err
	}
	p := seriesDatePage{Cancellable: date.Status == calendar.Published || date.Status == calendar.Tentative,
		Reinstatable: date.Status == calendar.Cancelled && series.Status != calendar.Cancelled}
	p.Page = s.adminPage(c, "admin.event.title")
	if err := s.fillDatePage(c.Request().Context(), &p, series, date, f, fe, msg, s.viewerZone(c)); err != nil {
		return err
	}
	p.BackURL = "/admin/events/" + strconv.FormatInt(series.ID, 10)
	p.Action = adminDatePath(series.ID, date.RecurrenceKey)
	return s.render(c, code, "series_date.html", p)
}

// adminSaveDate saves the secretariat's change of one date: from then on
// it is an override, kept when the series is saved again.
func (s *Server) adminSaveDate(c echo.Context) error {
	_, date, err := s.seriesDate(c)
	if err != nil {
		return err
	}
	loc := s.Bundle.For(langOf(c))
	f := parseEventForm(c)
	f.Repeat = RepeatForm{}
	next, fe := f.event(date.OriginalLang)
	if len(fe) > 0 {
		return s.renderAdminDate(c, http.StatusBadRequest, &f, s.localizeFields(loc, fe), loc.T("validation.failed"))
	}
	next.ID = date.ID
	if err := s.Calendar.Edit(c.Request().Context(), actorOf(c), &next); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderAdminDate(c, code, &f, fields, msg)
	}
	s.flash(c, "admin.series.date_saved")
	return c.Redirect(http.StatusSeeOther, adminDatePath(date.SeriesID, date.RecurrenceKey))
}

// adminCancelDate cancels one date of a series once confirmed; the other
// dates stay as they are.
func (s *Server) adminCancelDate(c echo.Context) error {
	if c.FormValue("confirm_cancel") != "on" {
		loc := s.Bundle.For(langOf(c))
		fe := s.localizeFields(loc, apperr.Fields{"confirm_cancel": "validation.confirm_cancel"})
		return s.renderAdminDate(c, http.StatusBadRequest, nil, fe, loc.T("validation.failed"))
	}
	return s.decideDate(c, s.Calendar.Cancel, "admin.series.date_cancelled")
}

// adminReinstateDate restores a date cancelled on its own.
func (s *Server) adminReinstateDate(c echo.Context) error {
	return s.decideDate(c, s.Calendar.Reinstate, "admin.series.date_restored")
}

func (s *Server) decideDate(c echo.Context, decide func(context.Context, audit.Actor, int64, int) error, flash string) error {
	_, date, err := s.seriesDate(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	if err := decide(c.Request().Context(), actorOf(c), date.ID, version); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderAdminDate(c, code, nil, fields, msg)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, adminDatePath(date.SeriesID, date.RecurrenceKey))
}
