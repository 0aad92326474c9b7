// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// orgForm is the input of the organisation form.
type orgForm struct {
	ID           int64
	Slug         string
	Names        map[string]string
	OriginalLang string
	Abbreviation string
	Country      string
	Type         string
	Parent       string
	Website      string
	Switchboard  string
	Address      string
	RegistryID   string
	Status       string
	MergedInto   string
	// Confirmed says the curator saw the duplicate warnings and saves anyway.
	Confirmed bool
	Version   int
}

func parseOrgForm(c echo.Context) orgForm {
	f := orgForm{Slug: strings.TrimSpace(c.FormValue("slug")), Names: map[string]string{}, OriginalLang: c.FormValue("original_lang"),
		Abbreviation: strings.TrimSpace(c.FormValue("abbreviation")), Country: c.FormValue("country"), Type: c.FormValue("type"),
		Parent: c.FormValue("parent"), Website: strings.TrimSpace(c.FormValue("website")),
		Switchboard: strings.TrimSpace(c.FormValue("switchboard")), Address: strings.TrimSpace(c.FormValue("address")),
		RegistryID: strings.TrimSpace(c.FormValue("registry_id")), Status: c.FormValue("status"),
		MergedInto: c.FormValue("merged_into"), Confirmed: c.FormValue("confirm_duplicate") == "yes",
		Version: formVersion(c)}
	for _, l := range lang.All {
		f.Names[string(l)] = strings.TrimSpace(c.FormValue("name_" + string(l)))
	}
	return f
}

func orgFormOf(o directory.Organisation) orgForm {
	f := orgForm{ID: o.ID, Slug: o.Slug, Names: map[string]string{}, OriginalLang: string(o.OriginalLang), Abbreviation: o.Abbreviation,
		Country: string(o.Country), Type: string(o.Type), Website: o.Website, Switchboard: o.Switchboard, Address: o.Address, Version: o.Version,
		RegistryID: o.RegistryID, Status: string(o.Status)}
	if o.MergedIntoID != nil {
		f.MergedInto = strconv.FormatInt(*o.MergedIntoID, 10)
	}
	for l, n := range o.Names {
		f.Names[string(l)] = n
	}
	if o.ParentID != nil {
		f.Parent = strconv.FormatInt(*o.ParentID, 10)
	}
	return f
}

func (f orgForm) organisation(fe apperr.Fields) directory.Organisation {
	o := directory.Organisation{ID: f.ID, Slug: f.Slug, Names: lang.Texts{}, OriginalLang: lang.Code(f.OriginalLang),
		Abbreviation: f.Abbreviation, Country: directory.Country(f.Country), Type: directory.OrgType(f.Type), Website: f.Website,
		Switchboard: f.Switchboard, Address: f.Address, Version: f.Version,
		RegistryID: f.RegistryID, Status: directory.OrgStatus(f.Status)}
	if f.MergedInto != "" {
		id, err := strconv.ParseInt(f.MergedInto, 10, 64)
		if err != nil {
			fe.Add("merged_into", "validation.choice")
		}
		o.MergedIntoID = &id
	}
	for l, n := range f.Names {
		if n != "" {
			o.Names[lang.Code(l)] = n
		}
	}
	if f.Parent != "" {
		id, err := strconv.ParseInt(f.Parent, 10, 64)
		if err != nil {
			fe.Add("parent", "validation.choice")
		}
		o.ParentID = &id
	}
	return o
}

type adminOrgPage struct {
	Page
	Org      *OrgView
	Form     orgForm
	Choices  choices
	Error    string
	Fields   FormErrors
	Conflict bool
	People   []PersonView
	// Warnings are likely duplicates, shown until the curator confirms.
	Warnings []OrgWarningView
	// History is the entry's change history from the audit trail.
	History  []AuditRow
	Statuses []Option
}

// OrgWarningView is a likely duplicate, localized.
type OrgWarningView struct {
	Msg   string
	Field string
	Other OrgView
}

func (s *Server) renderOrgForm(c echo.Context, code int, p adminOrgPage) error {
	ch, err := s.curationChoices(c, s.Bundle.For(langOf(c)))
	if err != nil {
		return err
	}
	p.Choices = ch
	l := s.Bundle.For(langOf(c))
	for _, st := range directory.OrgStatuses {
		p.Statuses = append(p.Statuses, Option{Value: string(st), Label: l.T("directory.org.status." + string(st))})
	}
	if p.Form.Names == nil {
		p.Form.Names = map[string]string{}
	}
	return s.render(c, code, "admin_organisation.html", p)
}

func (s *Server) orgFormError(c echo.Context, p adminOrgPage, err error) error {
	msg, fe := s.fieldErrors(c, err)
	if fe == nil {
		return err
	}
	if apperr.Is(err, apperr.Conflict) {
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Conflict = true
		} else if ok && ae.MsgID == "error.conflict.duplicate" {
			fe["slug"] = s.Bundle.For(langOf(c)).T("admin.dir.slug_taken")
		}
	}
	p.Error, p.Fields = msg, fe
	return s.renderOrgForm(c, statusOf(apperr.KindOf(err)), p)
}

func (s *Server) newOrganisation(c echo.Context) error {
	f := orgForm{OriginalLang: string(langOf(c)), Names: map[string]string{}}
	return s.renderOrgForm(c, http.StatusOK, adminOrgPage{Page: s.adminPage(c, "admin.dir.org.new"), Form: f})
}

func (s *Server) createOrganisation(c echo.Context) error {
	f := parseOrgForm(c)
	fe := apperr.Fields{}
	o := f.organisation(fe)
	err := fe.Err("validation.failed")
	if err == nil && !f.Confirmed {
		if ws, werr := s.orgWarnings(c, o); werr != nil || len(ws) > 0 {
			if werr != nil {
				return werr
			}
			return s.renderOrgForm(c, http.StatusConflict, adminOrgPage{Page: s.adminPage(c, "admin.dir.org.new"), Form: f, Warnings: ws})
		}
	}
	if err == nil {
		err = s.Directory.AddOrganisation(c.Request().Context(), actorOf(c), &o)
	}
	if err != nil {
		return s.orgFormError(c, adminOrgPage{Page: s.adminPage(c, "admin.dir.org.new"), Form: f}, err)
	}
	s.flash(c, "admin.dir.org.created")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/organisations/"+strconv.FormatInt(o.ID, 10))
}

func (s *Server) curatedOrg(c echo.Context) (directory.Organisation, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return directory.Organisation{}, errNotFound
	}
	return s.Directory.Organisation(c.Request().Context(), id)
}

func (s *Server) orgEditPage(c echo.Context, o directory.Organisation) (adminOrgPage, error) {
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return adminOrgPage{}, err
	}
	ov := v.org(o)
	people, err := s.Directory.People(c.Request().Context(), directory.Curator, directory.PersonQuery{OrganisationID: o.ID})
	if err != nil {
		return adminOrgPage{}, err
	}
	p := adminOrgPage{Page: s.adminPage(c, "admin.dir.org.edit", "Name", ov.Name), Org: &ov, Form: orgFormOf(o)}
	for _, pr := range people {
		p.People = append(p.People, v.person(pr, true))
	}
	p.History, err = s.history(c, directory.RecordOrganisation, o.ID)
	return p, err
}

func (s *Server) editOrganisation(c echo.Context) error {
	o, err := s.curatedOrg(c)
	if err != nil {
		return err
	}
	p, err := s.orgEditPage(c, o)
	if err != nil {
		return err
	}
	return s.renderOrgForm(c, http.StatusOK, p)
}

func (s *Server) updateOrganisation(c echo.Context) error {
	o, err := s.curatedOrg(c)
	if err != nil {
		return err
	}
	f := parseOrgForm(c)
	f.ID = o.ID
	fe := apperr.Fields{}
	next := f.organisation(fe)
	err = fe.Err("validation.failed")
	var warnings []OrgWarningView
	if err == nil && !f.Confirmed && (next.RegistryID != o.RegistryID || !maps.Equal(next.Names, o.Names)) {
		if warnings, err = s.orgWarnings(c, next); err != nil {
			return err
		}
	}
	if len(warnings) > 0 {
		p, perr := s.orgEditPage(c, o)
		if perr != nil {
			return perr
		}
		p.Form, p.Warnings = f, warnings
		return s.renderOrgForm(c, http.StatusConflict, p)
	}
	if err == nil {
		err = s.Directory.SaveOrganisation(c.Request().Context(), actorOf(c), &next)
	}
	if err != nil {
		p, perr := s.orgEditPage(c, o)
		if perr != nil {
			return perr
		}
		p.Form = f
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Form.Version = o.Version
		}
		return s.orgFormError(c, p, err)
	}
	s.flash(c, "admin.dir.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/organisations/"+strconv.FormatInt(o.ID, 10))
}

// orgWarnings lists the organisations o may duplicate, localized.
func (s *Server) orgWarnings(c echo.Context, o directory.Organisation) ([]OrgWarningView, error) {
	ws, err := s.Directory.OrganisationWarnings(c.Request().Context(), o)
	if err != nil || len(ws) == 0 {
		return nil, err
	}
	v := dirViews{l: s.Bundle.For(langOf(c))}
	out := make([]OrgWarningView, len(ws))
	for i, w := range ws {
		ov := v.org(w.Other)
		ov.URL = "/admin/directory/organisations/" + strconv.FormatInt(w.Other.ID, 10)
		out[i] = OrgWarningView{Msg: v.l.T(w.MsgID), Field: w.Field, Other: ov}
	}
	return out, nil
}

// mergeOrganisation merges this organisation (a duplicate) into the one
// chosen in the form, which is kept.
func (s *Server) mergeOrganisation(c echo.Context) error {
	o, err := s.curatedOrg(c)
	if err != nil {
		return err
	}
	keep := formID(c, "into")
	if err := s.Directory.MergeOrganisations(c.Request().Context(), actorOf(c), keep, o.ID, formVersion(c)); err != nil {
		p, perr := s.orgEditPage(c, o)
		if perr != nil {
			return perr
		}
		return s.orgFormError(c, p, err)
	}
	s.flash(c, "admin.dir.org.merged")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/organisations/"+strconv.FormatInt(keep, 10))
}

func (s *Server) deleteOrganisation(c echo.Context) error {
	o, err := s.curatedOrg(c)
	if err != nil {
		return err
	}
	if err := s.Directory.DeleteOrganisation(c.Request().Context(), actorOf(c), o.ID, formVersion(c)); err != nil {
		p, perr := s.orgEditPage(c, o)
		if perr != nil {
			return perr
		}
		return s.orgFormError(c, p, err)
	}
	s.flash(c, "admin.dir.org.deleted")
	return c.Redirect(http.StatusSeeOther, "/admin/directory")
}
