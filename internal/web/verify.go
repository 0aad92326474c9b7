// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// verifyPage is "Is this still right?": a person's own entry, reached by
// the private link a verification campaign mailed them.
type verifyPage struct {
	Page
	Token  string
	Entry  PersonView
	Fields []ProposalField
	Note   string
	Error  string
	Errors FormErrors
	// entered is the submitted proposal on a re-rendered form.
	entered map[string]string
}

// verifyDonePage thanks the person after they used their link.
type verifyDonePage struct {
	Page
	Done string
}

// verifyOutcomes are the ?done= values of the thank-you page.
var verifyOutcomes = []string{"confirmed", "proposed", "hidden", "erasure"}

func (s *Server) renderVerify(c echo.Context, code int, p verifyPage) error {
	e, err := s.Directory.SelfEntry(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	p.Page = s.page(c, "verify.title")
	p.NoIndex = true
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	p.Token = c.Param("token")
	p.Entry = v.person(e.Person, true)
	p.Fields = proposalFields(v.l, directory.RecordPerson, directory.PersonProposable(e.Person), p.entered, p.Errors)
	return s.render(c, code, "verify.html", p)
}

// verifyEntry shows the person their entry with the choices they have.
func (s *Server) verifyEntry(c echo.Context) error {
	return s.renderVerify(c, http.StatusOK, verifyPage{})
}

func (s *Server) verifyDone(c echo.Context, outcome string) error {
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/verify/done?done="+outcome)
}

// verifyThanks is the page after a link was used.
func (s *Server) verifyThanks(c echo.Context) error {
	done := c.QueryParam("done")
	if !slices.Contains(verifyOutcomes, done) {
		return errNotFound
	}
	p := verifyDonePage{Page: s.page(c, "verify.title"), Done: done}
	p.NoIndex = true
	return s.render(c, http.StatusOK, "verify_done.html", p)
}

// verifyConfirm is the one-click "yes, this is right".
func (s *Server) verifyConfirm(c echo.Context) error {
	if err := s.Directory.ConfirmSelf(c.Request().Context(), c.Param("token")); err != nil {
		return err
	}
	return s.verifyDone(c, "confirmed")
}

// verifyPropose queues the person's changes for the secretariat.
func (s *Server) verifyPropose(c echo.Context) error {
	note := cut(c.FormValue("note"), maxProposalInput)
	values := proposalValues(c, directory.RecordPerson)
	err := s.Directory.ProposeSelf(c.Request().Context(), c.Param("token"), values, note)
	if err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		return s.renderVerify(c, statusOf(apperr.KindOf(err)), verifyPage{Note: note, Error: msg, Errors: fe, entered: values})
	}
	return s.verifyDone(c, "proposed")
}

// verifyHide hides the entry at once.
func (s *Server) verifyHide(c echo.Context) error {
	if err := s.Directory.HideSelf(c.Request().Context(), c.Param("token")); err != nil {
		return err
	}
	return s.verifyDone(c, "hidden")
}

// verifyErase sends an erasure request to the secretariat.
func (s *Server) verifyErase(c echo.Context) error {
	note := cut(c.FormValue("erase_note"), maxProposalInput)
	if err := s.Directory.RequestErasure(c.Request().Context(), c.Param("token"), note); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		if n, ok := fe["note"]; ok {
			fe["erase_note"] = n
			delete(fe, "note")
		}
		return s.renderVerify(c, statusOf(apperr.KindOf(err)), verifyPage{Error: msg, Errors: fe})
	}
	return s.verifyDone(c, "erasure")
}
