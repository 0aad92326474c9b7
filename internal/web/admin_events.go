// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// AdminEventRow is one event of the secretariat's list.
type AdminEventRow struct {
	Event      EventView
	StateLabel string
	// Planned is set when the clash check applies; Level is then the worst
	// clash level ("" when clear).
	Planned    bool
	Level      string
	LevelLabel string
}

// HiddenField is a hidden form input.
type HiddenField struct{ Name, Value string }

// Problem is one bad query parameter, with the control that sets it.
type Problem struct {
	Label, Message string
	// Control is the id of the form control, "" when the form has none.
	Control string
}

type adminEventsPage struct {
	Page
	Form     FilterForm
	Standing SelectField
	Sort     SelectField
	// Hidden keeps the filters of the address that the form has no control for.
	Hidden []HiddenField
	Rows   []AdminEventRow
	Result calendar.Found
	// First and Last number the rows shown, counting from 1.
	First, Last int
	Pager       Pager
	// Error and Problems explain bad query parameters; no rows are shown then.
	Error    string
	Problems []Problem
}

// adminFormControls are the parameters the list's form has a control for.
var adminFormControls = []string{calendar.ParamQuery, calendar.ParamStatus, calendar.ParamOrganiser, calendar.ParamNetwork,
	calendar.ParamCountry, calendar.ParamCategory, calendar.ParamFrom, calendar.ParamTo, calendar.ParamSort}

// adminEvents is the secretariat's list of every event, whatever its
// status: searched, filtered, sorted and paged by the query string.
func (s *Server) adminEvents(c echo.Context) error {
	l := s.Bundle.For(langOf(c))
	f, err := calendar.FindFromQuery(c.QueryParams())
	var res calendar.Found
	if err == nil {
		res, err = s.Calendar.Find(c.Request().Context(), f, l.Lang, adminPerPage)
	}
	p := adminEventsPage{Page: s.adminPage(c, "admin.events.title"), Result: res}
	code := http.StatusOK
	if err != nil {
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
			return err
		}
		code, p.Error, p.Problems = http.StatusBadRequest, l.T(ae.MsgID), problems(l, ae.Fields)
	}
	opts, err := s.filterOptions(c, l, f.Filter)
	if err != nil {
		return err
	}
	p.Form = FilterForm{L: l, Action: "/admin/events", Filter: f.Filter, Options: opts, Dates: true, Submit: l.T("admin.events.apply")}
	p.Standing = p.Form.Select(calendar.ParamStatus, codeOptions(l, "status.", calendar.Standings, f.Standings))
	sortKey := f.Sort
	if sortKey == "" {
		sortKey = calendar.SortKeys[0]
	}
	p.Sort = SelectField{Name: calendar.ParamSort, Label: l.T("field.sort"),
		Options: codeOptions(l, "admin.events.sort.", calendar.SortKeys, []calendar.SortKey{sortKey})}
	vals := f.Values()
	for _, name := range []string{calendar.ParamTopic, calendar.ParamAttendance, calendar.ParamAudience} {
		if v := vals.Get(name); v != "" {
			p.Hidden = append(p.Hidden, HiddenField{Name: name, Value: v})
		}
	}
	if code != http.StatusOK {
		return s.render(c, code, "admin_events.html", p)
	}
	p.Rows = adminEventRows(l, s.viewerZone(c), res.Events)
	if len(p.Rows) > 0 {
		p.First = (res.Page-1)*res.PerPage + 1
		p.Last = p.First + len(p.Rows) - 1
	}
	p.Pager = newPager(l, res.Page, res.Pages(), func(n int) string {
		q := f.Values()
		if n > 1 {
			q.Set(calendar.ParamPage, strconv.Itoa(n))
		}
		return withQuery("/admin/events", q)
	})
	return s.render(c, code, "admin_events.html", p)
}

// adminEventRows prepares the rows of the list for l.
func adminEventRows(l *i18n.Localizer, viewer *time.Location, evs []calendar.FoundEvent) []AdminEventRow {
	out := make([]AdminEventRow, len(evs))
	for i, fe := range evs {
		r := AdminEventRow{Event: eventView(l, fe.Event, viewer), StateLabel: l.T("status." + string(fe.Standing)), Planned: fe.Planned}
		if fe.Planned && fe.Clash > 0 {
			r.Level = fe.Clash.String()
			r.LevelLabel = l.T("clash.level." + r.Level)
		}
		out[i] = r
	}
	return out
}

// problems localizes the field messages of a bad query, in the form's order.
func problems(l *i18n.Localizer, fields map[string]string) []Problem {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	rank := func(name string) int {
		if i := slices.Index(adminFormControls, name); i >= 0 {
			return i
		}
		return len(adminFormControls)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	out := make([]Problem, len(names))
	for i, name := range names {
		out[i] = Problem{Label: l.T("field." + name), Message: l.T(fields[name])}
		if rank(name) < len(adminFormControls) {
			out[i].Control = "f-" + name
		}
	}
	return out
}
