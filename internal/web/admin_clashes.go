// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// PairView is one row of the clash report.
type PairView struct {
	A, B       EventView
	Level      string
	LevelLabel string
	Reasons    []string
	// ASeries and BSeries mark a series; Dates lists the days a series
	// collides on ("On 3 dates: …"), empty for two single events.
	ASeries, BSeries bool
	Dates            string
}

type clashReportPage struct {
	Page
	Pairs []PairView
}

// clashReport lists every pair of colliding events in the next 12 months.
func (s *Server) clashReport(c echo.Context) error {
	pairs, err := s.Calendar.ClashPairs(c.Request().Context())
	if err != nil {
		return err
	}
	p := clashReportPage{Page: s.adminPage(c, "clashes.title")}
	for _, pr := range pairs {
		v := PairView{A: eventView(p.L, pr.A, s.viewerZone(c)), B: eventView(p.L, pr.B, s.viewerZone(c)),
			Level: pr.Clash.Level.String(), LevelLabel: p.L.T("clash.level." + pr.Clash.Level.String())}
		for _, r := range pr.Clash.Reasons {
			v.Reasons = append(v.Reasons, reasonText(p.L, r))
		}
		v.ASeries, v.BSeries, v.Dates = pr.A.IsSeries(), pr.B.IsSeries(), pairDates(p.L, pr.Dates)
		p.Pairs = append(p.Pairs, v)
	}
	return s.render(c, http.StatusOK, "admin_clashes.html", p)
}

// protectedForm is the input of the protected-date form.
type protectedForm struct {
	Names  map[lang.Code]string
	First  string
	Last   string
	Yearly bool
}

// Name returns the name typed for l.
func (f protectedForm) Name(l lang.Code) string { return f.Names[l] }

type protectedPage struct {
	Page
	Dates     []ProtectedView
	Form      protectedForm
	Languages []lang.Code
	Fields    FormErrors
	Error     string
}

// ProtectedView is one protected date for the list.
type ProtectedView struct {
	ID     int64
	Name   string
	Lang   lang.Code
	When   string
	Yearly bool
}

func (s *Server) protectedDates(c echo.Context) error {
	return s.renderProtected(c, http.StatusOK, protectedForm{Names: map[lang.Code]string{}}, nil, "")
}

func (s *Server) renderProtected(c echo.Context, code int, f protectedForm, fe FormErrors, msg string) error {
	ds, err := s.Calendar.ProtectedDates(c.Request().Context())
	if err != nil {
		return err
	}
	p := protectedPage{Page: s.adminPage(c, "protected.title"), Form: f, Languages: lang.All, Fields: fe, Error: msg}
	for _, d := range ds {
		name, nl := d.Name(p.Lang)
		when := span(p.L, d.First, d.Last)
		if d.Yearly {
			when = p.L.T("protected.every_year", "Day", p.L.T("format.day_month", "D", d.First.Day, "Month", p.L.MonthName(d.First.Month)))
		}
		p.Dates = append(p.Dates, ProtectedView{ID: d.ID, Name: name, Lang: nl, When: when, Yearly: d.Yearly})
	}
	return s.render(c, code, "admin_protected.html", p)
}

func (s *Server) createProtectedDate(c echo.Context) error {
	f := protectedForm{Names: map[lang.Code]string{}, First: formValue(c, "first"), Last: formValue(c, "last"),
		Yearly: c.FormValue("yearly") == "on"}
	for _, l := range lang.All {
		f.Names[l] = formValue(c, "name_"+string(l))
	}
	if f.Last == "" {
		f.Last = f.First
	}
	loc := s.Bundle.For(langOf(c))
	fe := apperr.Fields{}
	p := calendar.ProtectedDate{Names: lang.Texts{}, Yearly: f.Yearly}
	for l, n := range f.Names {
		p.Names[l] = n
	}
	var err error
	if p.First, err = calendar.ParseDate(f.First); err != nil {
		fe.Add("first", "validation.date")
	}
	if p.Last, err = calendar.ParseDate(f.Last); err != nil {
		fe.Add("last", "validation.date")
	}
	if len(fe) == 0 {
		err = s.Calendar.SaveProtectedDate(c.Request().Context(), actorOf(c), &p)
		if err != nil && !apperr.Is(err, apperr.Invalid) {
			return err
		}
		mergeFieldErrors(fe, err)
	}
	if len(fe) > 0 {
		return s.renderProtected(c, http.StatusBadRequest, f, s.localizeFields(loc, fe), loc.T("validation.failed"))
	}
	s.flash(c, "protected.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/protected")
}

func (s *Server) deleteProtectedDate(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	if err := s.Calendar.DeleteProtectedDate(c.Request().Context(), actorOf(c), id); err != nil {
		return err
	}
	s.flash(c, "protected.deleted")
	return c.Redirect(http.StatusSeeOther, "/admin/protected")
}
