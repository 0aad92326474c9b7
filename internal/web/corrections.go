// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// correctionPage is "Suggest a correction" to a public person or
// organisation entry: anyone may propose changes, which the secretariat
// reviews.
type correctionPage struct {
	Page
	// Label names the entry; BackURL is its public page, Action the form's.
	Label   string
	BackURL string
	Action  string
	Fields  []ProposalField
	Note    string
	Email   string
	Sent    bool
	Error   string
	Errors  FormErrors
	entered map[string]string
	current map[string]string
	typ     string
}

func (s *Server) renderCorrection(c echo.Context, code int, p correctionPage) error {
	l := s.Bundle.For(langOf(c))
	p.Page = s.page(c, "correction.title", "Name", p.Label)
	p.NoIndex = true
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	p.Fields = proposalFields(l, p.typ, p.current, p.entered, p.Errors)
	return s.render(c, code, "correction.html", p)
}

// personCorrection is the correction page of public person id.
func (s *Server) personCorrection(c echo.Context) (correctionPage, int64, error) {
	pr, err := s.personParam(c, directory.Anonymous)
	if err != nil {
		return correctionPage{}, 0, err
	}
	back := "/" + string(langOf(c)) + "/directory/people/" + strconv.FormatInt(pr.ID, 10)
	return correctionPage{Label: pr.Name(), BackURL: back, Action: back + "/correct", typ: directory.RecordPerson,
		current: directory.PersonProposable(pr)}, pr.ID, nil
}

// orgCorrection is the correction page of the organisation of the slug.
func (s *Server) orgCorrection(c echo.Context) (correctionPage, int64, error) {
	o, err := s.Directory.OrganisationBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return correctionPage{}, 0, err
	}
	name, _ := o.Name(langOf(c))
	back := "/" + string(langOf(c)) + "/directory/organisations/" + o.Slug
	return correctionPage{Label: name, BackURL: back, Action: back + "/correct", typ: directory.RecordOrganisation,
		current: directory.OrgProposable(o)}, o.ID, nil
}

// personCorrectionForm shows the form; it holds the person's e-mail
// address, so it costs the contact budget as their page does.
func (s *Server) personCorrectionForm(c echo.Context) error {
	p, _, err := s.personCorrection(c)
	if err != nil {
		return err
	}
	if err := s.contacts.charge(c, 1); err != nil {
		return err
	}
	p.Sent = c.QueryParam("sent") == "1"
	return s.renderCorrection(c, http.StatusOK, p)
}

func (s *Server) orgCorrectionForm(c echo.Context) error {
	p, _, err := s.orgCorrection(c)
	if err != nil {
		return err
	}
	p.Sent = c.QueryParam("sent") == "1"
	return s.renderCorrection(c, http.StatusOK, p)
}

// suggestCorrection stores a public correction (after CSRF and the rate
// limit; the honeypot first here), or re-renders the form with messages.
func (s *Server) suggestCorrection(c echo.Context, load func(echo.Context) (correctionPage, int64, error),
	save func(id int64, values map[string]string, note, email string) error) error {
	if c.FormValue("homepage") != "" {
		return apperr.New(apperr.Invalid, "register.honeypot")
	}
	p, id, err := load(c)
	if err != nil {
		return err
	}
	values := proposalValues(c, p.typ)
	note, email := cut(c.FormValue("note"), maxProposalInput), cut(c.FormValue("proposer_email"), 400)
	if err := save(id, values, note, email); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		p.Note, p.Email, p.Error, p.Errors, p.entered = note, email, msg, fe, values
		return s.renderCorrection(c, statusOf(apperr.KindOf(err)), p)
	}
	return c.Redirect(http.StatusSeeOther, p.Action+"?sent=1")
}

func (s *Server) suggestPersonCorrection(c echo.Context) error {
	return s.suggestCorrection(c, s.personCorrection, func(id int64, v map[string]string, note, email string) error {
		return s.Directory.SuggestPersonCorrection(c.Request().Context(), id, v, note, email)
	})
}

func (s *Server) suggestOrgCorrection(c echo.Context) error {
	return s.suggestCorrection(c, s.orgCorrection, func(id int64, v map[string]string, note, email string) error {
		return s.Directory.SuggestOrgCorrection(c.Request().Context(), id, v, note, email)
	})
}
