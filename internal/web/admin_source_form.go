// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// sourceFormPage is the form that adds or changes a source. Its defaults
// fieldset is the import's (partial "import_defaults").
type sourceFormPage struct {
	Page
	ID, Version   int64
	Name, URL     string
	Filter, Trust string
	AutoCancel    string
	TextLang      lang.Code
	Form          EventForm
	Options       FormOptions
	OptionSets    map[string][]Option
	Fields        FormErrors
	Error         string
	Action        string
}

func (s *Server) renderSourceForm(c echo.Context, code int, p sourceFormPage) error {
	title := "source.new.title"
	p.Action = "/admin/sources"
	if p.ID != 0 {
		title, p.Action = "source.edit.title", "/admin/sources/"+strconv.FormatInt(p.ID, 10)
	}
	p.Page = s.adminPage(c, title, "Name", p.Name)
	opts, err := s.formOptions(c.Request().Context(), p.L, p.Form)
	if err != nil {
		return err
	}
	p.Options = opts
	p.OptionSets = map[string][]Option{"category": opts.Categories, "attendance": opts.Attendances, "audience": opts.Audiences}
	return s.render(c, code, "admin_source_form.html", p)
}

func (s *Server) newSource(c echo.Context) error {
	f := EventForm{Category: string(calendar.Meeting), Attendance: string(calendar.OnSite), Audience: string(calendar.Open)}
	return s.renderSourceForm(c, http.StatusOK, sourceFormPage{Form: f, Trust: string(calendar.TrustReview), AutoCancel: "0",
		TextLang: langOf(c)})
}

func (s *Server) editSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	src, _, err := s.Sources.Source(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.renderSourceForm(c, http.StatusOK, sourceFormPage{ID: src.ID, Version: int64(src.Version), Name: src.Name,
		URL: src.URL, Filter: src.Filter, Trust: string(src.Trust), AutoCancel: strconv.Itoa(src.AutoCancelAfter),
		TextLang: src.Defaults.OriginalLang, Form: formOf(src.Defaults)})
}

func (s *Server) createSource(c echo.Context) error { return s.saveSource(c, 0) }

func (s *Server) updateSource(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	return s.saveSource(c, id)
}

// saveSource parses the form, saves through the service and redirects, or
// shows the form again with the messages next to their fields.
func (s *Server) saveSource(c echo.Context, id int64) error {
	p := sourceFormPage{ID: id, Name: formValue(c, "name"), URL: formValue(c, "url"), Filter: formValue(c, "filter"),
		Trust: formValue(c, "trust"), AutoCancel: strings.TrimSpace(formValue(c, "auto_cancel")), TextLang: sourceTextLang(c),
		Form: parseEventForm(c)}
	p.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	loc := s.Bundle.For(langOf(c))
	// The defaults are read as an event's fields are, on a stand-in.
	f := p.Form
	f.StartDate, f.EndDate, f.AllDay = "2030-01-01", "2030-01-01", true
	f.Titles = map[lang.Code]string{p.TextLang: "-"}
	defaults, fe := f.event(p.TextLang)
	if fe == nil {
		fe = apperr.Fields{}
	}
	n, err := strconv.Atoi(p.AutoCancel)
	if p.AutoCancel == "" {
		n, err = 0, nil
	}
	if err != nil {
		fe.Add("auto_cancel", "source.validation.auto_cancel")
	}
	defaults.Texts, defaults.Status = nil, ""
	src := calendar.Source{ID: id, Version: int(p.Version), Name: p.Name, URL: p.URL, Filter: p.Filter,
		Trust: calendar.Trust(p.Trust), AutoCancelAfter: n, Defaults: defaults}
	if len(fe) == 0 {
		err = s.Sources.SaveSource(c.Request().Context(), actorOf(c), &src)
		if err == nil {
			s.flash(c, "source.flash.saved")
			return c.Redirect(http.StatusSeeOther, "/admin/sources/"+strconv.FormatInt(src.ID, 10))
		}
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		p.Error, p.Fields = msg, fields
		return s.renderSourceForm(c, code, p)
	}
	p.Error, p.Fields = loc.T("validation.failed"), s.localizeFields(loc, fe)
	return s.renderSourceForm(c, http.StatusBadRequest, p)
}
