// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type rolePage struct {
	Page
	Role RoleCard
}

// directoryRole is a role's public page: its functional mailbox always,
// its holder only when the holder's entry is public.
func (s *Server) directoryRole(c echo.Context) error {
	r, err := s.Directory.Role(c.Request().Context(), directory.Anonymous, c.Param("slug"))
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	rc := v.role(r, true)
	p := rolePage{Page: s.page(c, "role.title", "Title", rc.Title), Role: rc}
	p.Nav = "directory"
	return s.render(c, http.StatusOK, "directory_role.html", p)
}

// roleForm is the input of the role form.
type roleForm struct {
	Slug, OriginalLang, Organisation, Country, Mailbox string
	Titles                                             map[string]string
	Topics                                             []string
	Version                                            int
}

func parseRoleForm(c echo.Context) roleForm {
	f := roleForm{Slug: strings.TrimSpace(c.FormValue("slug")), OriginalLang: c.FormValue("original_lang"),
		Organisation: c.FormValue("organisation"), Country: c.FormValue("country"), Mailbox: strings.TrimSpace(c.FormValue("mailbox")),
		Titles: map[string]string{}, Version: formVersion(c)}
	for _, l := range lang.All {
		f.Titles[string(l)] = strings.TrimSpace(c.FormValue("title_" + string(l)))
	}
	if form, err := c.FormParams(); err == nil {
		f.Topics = form["topics"]
	}
	return f
}

func roleFormOf(r directory.RoleRecord) roleForm {
	f := roleForm{Slug: r.Slug, OriginalLang: string(r.OriginalLang), Country: string(r.Country), Mailbox: r.Mailbox,
		Titles: map[string]string{}, Topics: r.Topics, Version: r.Version}
	for l, t := range r.Titles {
		f.Titles[string(l)] = t
	}
	if r.OrganisationID != nil {
		f.Organisation = strconv.FormatInt(*r.OrganisationID, 10)
	}
	return f
}

// role builds the record; topics outside the calendar's are a field error.
func (f roleForm) role(id int64, fe apperr.Fields) directory.RoleRecord {
	r := directory.RoleRecord{ID: id, Slug: f.Slug, OriginalLang: lang.Code(f.OriginalLang), Country: directory.Country(f.Country),
		Mailbox: f.Mailbox, Titles: lang.Texts{}, Version: f.Version}
	for l, t := range f.Titles {
		r.Titles[lang.Code(l)] = t
	}
	for _, t := range f.Topics {
		if !slices.Contains(calendar.Topics, calendar.Topic(t)) {
			fe.Add("topics", "validation.choice")
		}
		r.Topics = append(r.Topics, t)
	}
	if f.Organisation != "" {
		oid, err := strconv.ParseInt(f.Organisation, 10, 64)
		if err != nil {
			fe.Add("organisation", "validation.choice")
		}
		r.OrganisationID = &oid
	}
	return r
}

type adminRolesPage struct {
	Page
	Roles   []RoleCard
	Form    roleForm
	Choices choices
	Topics  []Option
	People  []Option
	Role    *RoleCard
	History []AuditRow
	Error   string
	Fields  FormErrors
	Today   string
}

func (s *Server) renderRoles(c echo.Context, code int, tmpl string, p adminRolesPage) error {
	l := s.Bundle.For(langOf(c))
	ch, err := s.curationChoices(c, l)
	if err != nil {
		return err
	}
	p.Choices = ch
	for _, t := range calendar.Topics {
		p.Topics = append(p.Topics, Option{Value: string(t), Label: l.T("topic." + string(t)), Selected: slices.Contains(p.Form.Topics, string(t))})
	}
	if p.Form.Titles == nil {
		p.Form.Titles = map[string]string{}
	}
	p.Today = s.Directory.Today().Format("2006-01-02")
	return s.render(c, code, tmpl, p)
}

// adminRoles lists every role (retired ones too) with the form for a new one.
func (s *Server) adminRoles(c echo.Context) error {
	return s.rolesList(c, http.StatusOK, adminRolesPage{Form: roleForm{OriginalLang: string(langOf(c))}})
}

func (s *Server) rolesList(c echo.Context, code int, p adminRolesPage) error {
	rs, err := s.Directory.Roles(c.Request().Context(), directory.Curator, directory.RoleQuery{IncludeRetired: true})
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	for _, r := range rs {
		p.Roles = append(p.Roles, v.role(r, false))
	}
	p.Page = s.adminPage(c, "role.admin.title")
	return s.renderRoles(c, code, "admin_roles.html", p)
}

func (s *Server) createRole(c echo.Context) error {
	f := parseRoleForm(c)
	fe := apperr.Fields{}
	r := f.role(0, fe)
	err := fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.AddRole(c.Request().Context(), actorOf(c), &r)
	}
	if err != nil {
		msg, fields := s.roleErrors(c, err)
		if fields == nil {
			return err
		}
		return s.rolesList(c, statusOf(apperr.KindOf(err)), adminRolesPage{Form: f, Error: msg, Fields: fields})
	}
	s.flash(c, "role.admin.created")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/roles/"+strconv.FormatInt(r.ID, 10))
}

// roleErrors is fieldErrors with the taken slug named.
func (s *Server) roleErrors(c echo.Context, err error) (string, FormErrors) {
	msg, fe := s.fieldErrors(c, err)
	if ae, ok := err.(*apperr.Error); ok && fe != nil && ae.MsgID == "error.conflict.duplicate" {
		fe["slug"] = s.Bundle.For(langOf(c)).T("admin.dir.slug_taken")
	}
	return msg, fe
}

func (s *Server) curatedRole(c echo.Context) (directory.RoleView, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return directory.RoleView{}, errNotFound
	}
	return s.Directory.RoleByID(c.Request().Context(), id)
}

func (s *Server) roleEditPage(c echo.Context, code int, r directory.RoleView, p adminRolesPage) error {
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	rc := v.role(r, false)
	p.Page, p.Role = s.adminPage(c, "role.admin.edit", "Title", rc.Title), &rc
	if p.Form.Slug == "" {
		p.Form = roleFormOf(r.RoleRecord)
	}
	people, err := s.Directory.People(c.Request().Context(), directory.Curator, directory.PersonQuery{})
	if err != nil {
		return err
	}
	for _, pr := range people {
		p.People = append(p.People, Option{Value: strconv.FormatInt(pr.ID, 10), Label: pr.Name()})
	}
	if p.History, err = s.history(c, directory.RecordRole, r.ID); err != nil {
		return err
	}
	return s.renderRoles(c, code, "admin_role.html", p)
}

func (s *Server) editRole(c echo.Context) error {
	r, err := s.curatedRole(c)
	if err != nil {
		return err
	}
	return s.roleEditPage(c, http.StatusOK, r, adminRolesPage{})
}

// roleAction runs one change of the role page and answers like a form.
func (s *Server) roleAction(c echo.Context, flash string, form roleForm, do func(directory.RoleView) error) error {
	r, err := s.curatedRole(c)
	if err != nil {
		return err
	}
	if err := do(r); err != nil {
		msg, fe := s.roleErrors(c, err)
		if fe == nil {
			return err
		}
		return s.roleEditPage(c, statusOf(apperr.KindOf(err)), r, adminRolesPage{Form: form, Error: msg, Fields: fe})
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, "/admin/directory/roles/"+strconv.FormatInt(r.ID, 10))
}

func (s *Server) updateRole(c echo.Context) error {
	f := parseRoleForm(c)
	return s.roleAction(c, "admin.dir.saved", f, func(r directory.RoleView) error {
		fe := apperr.Fields{}
		next := f.role(r.ID, fe)
		if err := fe.Err("validation.failed"); err != nil {
			return err
		}
		return s.Directory.SaveRole(c.Request().Context(), actorOf(c), &next)
	})
}

func (s *Server) retireRole(c echo.Context) error {
	return s.roleAction(c, "role.admin.retired", roleForm{}, func(r directory.RoleView) error {
		return s.Directory.RetireRole(c.Request().Context(), actorOf(c), r.ID, formVersion(c))
	})
}

func (s *Server) assignHolder(c echo.Context) error {
	return s.roleAction(c, "role.admin.assigned", roleForm{}, func(r directory.RoleView) error {
		from, err := calendar.ParseDate(c.FormValue("from"))
		if err != nil {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"from": "validation.date"}}
		}
		return s.Directory.AssignHolder(c.Request().Context(), actorOf(c), r.ID, formID(c, "person"), from.In(time.UTC))
	})
}

func (s *Server) endHolding(c echo.Context) error {
	return s.roleAction(c, "role.admin.ended", roleForm{}, func(r directory.RoleView) error {
		to, err := calendar.ParseDate(c.FormValue("to"))
		if err != nil {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"to": "validation.date"}}
		}
		hid, _ := strconv.ParseInt(c.Param("hid"), 10, 64)
		return s.Directory.EndHolding(c.Request().Context(), actorOf(c), r.ID, hid, to.In(time.UTC))
	})
}
