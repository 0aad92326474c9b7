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
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// The secretariat's curation of the directory: people and organisations,
// with version checks and audit entries (in the directory service and
// store), duplicates, freshness and CSV import.

// TextField is the data of the "text_field" partial.
type TextField struct {
	Label, Name, Value, Msg, Type, Help string
	Required                            bool
}

func init() {
	funcs["field"] = func(label, name, value, msg string) TextField {
		return TextField{Label: label, Name: name, Value: value, Msg: msg, Type: "text"}
	}
	funcs["fieldType"] = func(typ string, f TextField) TextField { f.Type = typ; return f }
	funcs["required"] = func(f TextField) TextField { f.Required = true; return f }
	funcs["contains"] = func(list []string, s string) bool { return slices.Contains(list, s) }
	for _, k := range []string{"given_name", "family_name", "organisation", "email", "phone", "country", "languages",
		"roles", "visibility", "legal_basis", "legal_basis_date", "verified_at", "slug", "abbreviation", "type", "website",
		"switchboard", "address", "parent", "original_lang", "merged_from"} {
		auditLabels[k] = "admin.dir.field." + k
	}
}

// personForm is the input of the person form.
type personForm struct {
	ID             int64
	GivenName      string
	FamilyName     string
	Organisation   string
	Titles         map[string]string
	OriginalLang   string
	Email          string
	Phone          string
	Country        string
	Languages      []string
	Roles          []string
	Visibility     string
	LegalBasis     string
	LegalBasisDate string
	Version        int
}

func parsePersonForm(c echo.Context) (personForm, error) {
	if err := c.Request().ParseForm(); err != nil {
		return personForm{}, errBadQuery
	}
	v, _ := strconv.Atoi(c.FormValue("version"))
	f := personForm{GivenName: c.FormValue("given_name"), FamilyName: c.FormValue("family_name"),
		Organisation: c.FormValue("organisation"), Titles: map[string]string{}, OriginalLang: c.FormValue("original_lang"),
		Email: c.FormValue("email"), Phone: c.FormValue("phone"), Country: c.FormValue("country"),
		Languages: c.Request().PostForm["languages"], Roles: c.Request().PostForm["roles"], Visibility: c.FormValue("visibility"),
		LegalBasis: c.FormValue("legal_basis"), LegalBasisDate: c.FormValue("legal_basis_date"), Version: v}
	for _, l := range lang.All {
		f.Titles[string(l)] = c.FormValue("title_" + string(l))
	}
	return f, nil
}

func personFormOf(p directory.Person) personForm {
	f := personForm{ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, Titles: map[string]string{},
		OriginalLang: string(p.OriginalLang), Email: p.Email, Phone: p.Phone, Country: string(p.Country), Languages: p.Languages,
		Visibility: string(p.Visibility), LegalBasis: string(p.LegalBasis), LegalBasisDate: dateText(p.LegalBasisDate), Version: p.Version}
	if p.OrganisationID != nil {
		f.Organisation = strconv.FormatInt(*p.OrganisationID, 10)
	}
	for l, t := range p.Titles {
		f.Titles[string(l)] = t
	}
	for _, r := range p.Roles {
		f.Roles = append(f.Roles, string(r))
	}
	return f
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// person turns the form into a directory.Person; unparsable values become
// field errors in fe.
func (f personForm) person(fe apperr.Fields) directory.Person {
	p := directory.Person{ID: f.ID, GivenName: f.GivenName, FamilyName: f.FamilyName, Titles: lang.Texts{},
		OriginalLang: lang.Code(f.OriginalLang), Email: f.Email, Phone: f.Phone, Country: directory.Country(f.Country),
		Languages: f.Languages, Visibility: directory.Visibility(f.Visibility), LegalBasis: directory.LegalBasis(f.LegalBasis),
		Version: f.Version}
	for l, t := range f.Titles {
		p.Titles[lang.Code(l)] = t
	}
	for _, r := range f.Roles {
		p.Roles = append(p.Roles, directory.Role(r))
	}
	if f.Organisation != "" {
		id, err := strconv.ParseInt(f.Organisation, 10, 64)
		if err != nil {
			fe.Add("organisation", "validation.choice")
		}
		p.OrganisationID = &id
	}
	if f.LegalBasisDate != "" {
		d, err := time.Parse(time.DateOnly, f.LegalBasisDate)
		if err != nil {
			fe.Add("legal_basis_date", "validation.date")
		}
		p.LegalBasisDate = d
	}
	return p
}

// choices are the options of the curation forms.
type choices struct {
	Organisations []Option
	Countries     []Option
	Languages     []Option
	UILanguages   []Option
	Roles         []Option
	Visibilities  []Option
	LegalBases    []Option
	OrgTypes      []Option
}

func (s *Server) curationChoices(c echo.Context, l *i18n.Localizer) (choices, error) {
	orgs, err := s.Directory.Organisations(c.Request().Context())
	if err != nil {
		return choices{}, err
	}
	var ch choices
	for _, o := range orgs {
		n, nl := o.Name(l.Lang)
		if o.Abbreviation != "" {
			n += " (" + o.Abbreviation + ")"
		}
		ch.Organisations = append(ch.Organisations, Option{Value: strconv.FormatInt(o.ID, 10), Label: n, Lang: nl})
	}
	sortOptions(l, ch.Organisations)
	ch.Countries, _, ch.Languages, _ = docOptions(l, nil)
	for _, code := range lang.All {
		ch.UILanguages = append(ch.UILanguages, Option{Value: string(code), Label: l.LangName(string(code))})
	}
	for _, r := range directory.Roles {
		ch.Roles = append(ch.Roles, Option{Value: string(r), Label: l.T("directory.role." + string(r))})
	}
	for _, v := range directory.Visibilities {
		ch.Visibilities = append(ch.Visibilities, Option{Value: string(v), Label: l.T("directory.visibility." + string(v))})
	}
	for _, b := range directory.LegalBases {
		ch.LegalBases = append(ch.LegalBases, Option{Value: string(b), Label: l.T("directory.legal_basis." + string(b))})
	}
	for _, t := range directory.OrgTypes {
		ch.OrgTypes = append(ch.OrgTypes, Option{Value: string(t), Label: l.T("orgtype." + string(t))})
	}
	return ch, nil
}

type adminDirectoryPage struct {
	Page
	Query         string
	People        []PersonView
	Organisations []OrgView
	Stale         int
}

// adminDirectoryLimit bounds the people listed on the curation home.
const adminDirectoryLimit = 200

func (s *Server) adminDirectory(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > directory.MaxQuery {
		return apperrInvalidField("q", "filter.query_too_long")
	}
	ctx := c.Request().Context()
	v, orgs, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	people, err := s.Directory.People(ctx, directory.Curator, directory.PersonQuery{Query: q, Limit: adminDirectoryLimit})
	if err != nil {
		return err
	}
	stale, err := s.Directory.Stale(ctx)
	if err != nil {
		return err
	}
	p := adminDirectoryPage{Page: s.adminPage(c, "admin.dir.title"), Query: q, Stale: len(stale)}
	for _, pr := range people {
		p.People = append(p.People, v.person(pr, true))
	}
	terms := directory.QueryTerms(q)
	for _, o := range orgs {
		ov := v.org(o)
		if matchAll(lang.Fold(ov.Name+" "+o.Abbreviation+" "+o.Slug), terms) {
			p.Organisations = append(p.Organisations, ov)
		}
	}
	i18n.Sort(v.l, p.Organisations, func(o OrgView) string { return o.Name })
	return s.render(c, http.StatusOK, "admin_directory.html", p)
}

func matchAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

type adminPersonPage struct {
	Page
	Person     *PersonView
	Form       personForm
	Choices    choices
	Error      string
	Fields     FormErrors
	Conflict   bool
	Duplicates []PersonView
	Today      string
	// History is the entry's change history from the audit trail.
	History []AuditRow
}

func (s *Server) renderPersonForm(c echo.Context, code int, p adminPersonPage) error {
	l := s.Bundle.For(langOf(c))
	ch, err := s.curationChoices(c, l)
	if err != nil {
		return err
	}
	p.Choices = ch
	if p.Form.Titles == nil {
		p.Form.Titles = map[string]string{}
	}
	return s.render(c, code, "admin_person.html", p)
}

func (s *Server) newPerson(c echo.Context) error {
	f := personForm{OriginalLang: string(langOf(c)), Visibility: string(directory.Hidden), LegalBasis: string(directory.PublicTask),
		LegalBasisDate: dateText(s.Directory.Today())}
	return s.renderPersonForm(c, http.StatusOK, adminPersonPage{Page: s.adminPage(c, "admin.dir.person.new"), Form: f})
}

func (s *Server) createPerson(c echo.Context) error {
	f, err := parsePersonForm(c)
	if err != nil {
		return err
	}
	fe := apperr.Fields{}
	p := f.person(fe)
	err = fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.AddPerson(c.Request().Context(), actorOf(c), &p)
	}
	if err != nil {
		return s.personFormError(c, adminPersonPage{Page: s.adminPage(c, "admin.dir.person.new"), Form: f}, err)
	}
	s.flash(c, "admin.dir.person.created")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/people/"+strconv.FormatInt(p.ID, 10))
}

// personFormError re-renders the form with err's field messages, or
// returns err when it is not a form error.
func (s *Server) personFormError(c echo.Context, p adminPersonPage, err error) error {
	msg, fe := s.fieldErrors(c, err)
	if fe == nil {
		return err
	}
	p.Error, p.Fields = msg, fe
	if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
		p.Conflict = true
	}
	return s.renderPersonForm(c, statusOf(apperr.KindOf(err)), p)
}

func (s *Server) curatedPerson(c echo.Context) (directory.Person, error) {
	return s.personParam(c, directory.Curator)
}

func (s *Server) personEditPage(c echo.Context, pr directory.Person) (adminPersonPage, error) {
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return adminPersonPage{}, err
	}
	pv := v.person(pr, true)
	p := adminPersonPage{Page: s.adminPage(c, "admin.dir.person.edit", "Name", pv.Name), Person: &pv, Form: personFormOf(pr),
		Today: v.l.Date(dateOfTime(s.Directory.Today()))}
	// Likely duplicates: other entries with the same family name, ignoring accents.
	if pr.FamilyName != "" {
		same, err := s.Directory.People(c.Request().Context(), directory.Curator, directory.PersonQuery{Query: pr.FamilyName, Limit: 20})
		if err != nil {
			return p, err
		}
		for _, o := range same {
			if o.ID != pr.ID {
				p.Duplicates = append(p.Duplicates, v.person(o, true))
			}
		}
	}
	p.History, err = s.history(c, directory.RecordPerson, pr.ID)
	return p, err
}

func (s *Server) editPerson(c echo.Context) error {
	pr, err := s.curatedPerson(c)
	if err != nil {
		return err
	}
	p, err := s.personEditPage(c, pr)
	if err != nil {
		return err
	}
	return s.renderPersonForm(c, http.StatusOK, p)
}

// updatePerson saves the form. When someone else saved the entry since the
// form was opened, the save is refused and the page shows what is stored
// now with the typed values kept in the form.
func (s *Server) updatePerson(c echo.Context) error {
	pr, err := s.curatedPerson(c)
	if err != nil {
		return err
	}
	f, err := parsePersonForm(c)
	if err != nil {
		return err
	}
	f.ID = pr.ID
	fe := apperr.Fields{}
	next := f.person(fe)
	err = fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.SavePerson(c.Request().Context(), actorOf(c), &next)
	}
	if err != nil {
		p, perr := s.personEditPage(c, pr)
		if perr != nil {
			return perr
		}
		p.Form = f
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Form.Version = pr.Version
		}
		return s.personFormError(c, p, err)
	}
	s.flash(c, "admin.dir.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/directory/people/"+strconv.FormatInt(pr.ID, 10))
}

func formVersion(c echo.Context) int {
	v, _ := strconv.Atoi(c.FormValue("version"))
	return v
}

func formID(c echo.Context, name string) int64 {
	id, _ := strconv.ParseInt(c.FormValue(name), 10, 64)
	return id
}

// personAction runs one of the small actions of the person page (move,
// verify, merge) and answers like a form: field errors re-render the page.
func (s *Server) personAction(c echo.Context, flash string, do func(directory.Person) (int64, error)) error {
	pr, err := s.curatedPerson(c)
	if err != nil {
		return err
	}
	id, err := do(pr)
	if err != nil {
		p, perr := s.personEditPage(c, pr)
		if perr != nil {
			return perr
		}
		return s.personFormError(c, p, err)
	}
	s.flash(c, flash)
	if c.FormValue("back") == "freshness" {
		return c.Redirect(http.StatusSeeOther, "/admin/directory/freshness")
	}
	return c.Redirect(http.StatusSeeOther, "/admin/directory/people/"+strconv.FormatInt(id, 10))
}

func (s *Server) movePerson(c echo.Context) error {
	return s.personAction(c, "admin.dir.person.moved", func(p directory.Person) (int64, error) {
		_, err := s.Directory.MovePerson(c.Request().Context(), actorOf(c), p.ID, formVersion(c), formID(c, "organisation"))
		return p.ID, err
	})
}

func (s *Server) verifyPerson(c echo.Context) error {
	return s.personAction(c, "admin.dir.person.verified", func(p directory.Person) (int64, error) {
		_, err := s.Directory.VerifyPerson(c.Request().Context(), actorOf(c), p.ID, formVersion(c))
		return p.ID, err
	})
}

func (s *Server) mergePerson(c echo.Context) error {
	return s.personAction(c, "admin.dir.person.merged", func(p directory.Person) (int64, error) {
		_, err := s.Directory.MergePeople(c.Request().Context(), actorOf(c), p.ID, formVersion(c), formID(c, "duplicate"))
		return p.ID, err
	})
}

// erasePerson removes the person everywhere after an explicit confirmation.
func (s *Server) erasePerson(c echo.Context) error {
	pr, err := s.curatedPerson(c)
	if err != nil {
		return err
	}
	if c.FormValue("confirm") != "yes" {
		p, perr := s.personEditPage(c, pr)
		if perr != nil {
			return perr
		}
		return s.personFormError(c, p, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed",
			Fields: map[string]string{"confirm": "admin.dir.erase.confirm_needed"}})
	}
	if err := s.Directory.ErasePerson(c.Request().Context(), actorOf(c), pr.ID); err != nil {
		return err
	}
	s.flash(c, "admin.dir.person.erased")
	return c.Redirect(http.StatusSeeOther, "/admin/directory")
}

type freshnessPage struct {
	Page
	People        []PersonView
	Organisations []OrgView
}

// freshness lists the entries not verified for a year, oldest first.
func (s *Server) freshness(c echo.Context) error {
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	stale, err := s.Directory.Stale(c.Request().Context())
	if err != nil {
		return err
	}
	p := freshnessPage{Page: s.adminPage(c, "admin.dir.freshness.title")}
	for _, pr := range stale {
		p.People = append(p.People, v.person(pr, true))
	}
	orgs, err := s.Directory.StaleOrganisations(c.Request().Context())
	if err != nil {
		return err
	}
	for _, o := range orgs {
		p.Organisations = append(p.Organisations, v.org(o))
	}
	return s.render(c, http.StatusOK, "admin_freshness.html", p)
}
