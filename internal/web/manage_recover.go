// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
)

// recoverMinDuration is the least time a lost-link request takes, so that
// a known address (links renewed, a mail queued) answers no later than an
// unknown one.
const recoverMinDuration = 300 * time.Millisecond

type recoverPage struct {
	Page
	Email  string
	Sent   bool
	Error  string
	Fields FormErrors
}

// recoverForm asks for the address a submitter registered with.
func (s *Server) recoverForm(c echo.Context) error {
	return s.renderRecover(c, http.StatusOK, recoverPage{Sent: c.QueryParam("sent") == "1"})
}

func (s *Server) renderRecover(c echo.Context, code int, p recoverPage) error {
	p.Page = s.page(c, "recover.title")
	p.NoIndex = true
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	return s.render(c, code, "manage_recover.html", p)
}

// recoverLinks mails new manage links for every submission from the
// address. The answer is the same whether the address is known or not,
// and takes at least recoverMinDuration either way.
func (s *Server) recoverLinks(c echo.Context) error {
	start := time.Now()
	email := strings.TrimSpace(c.FormValue("email"))
	if c.FormValue("homepage") != "" { // the honeypot: answer as if sent
		return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/manage?sent=1")
	}
	l := s.Bundle.For(langOf(c))
	if len(email) > 254 || !calendar.ValidEmail(email) {
		msg := "validation.email"
		if email == "" {
			msg = "validation.required"
		}
		return s.renderRecover(c, http.StatusBadRequest, recoverPage{Email: email, Error: l.T("validation.failed"),
			Fields: FormErrors{"email": l.T(msg)}})
	}
	if s.Notify != nil && s.Notify.Links != nil {
		if err := s.Notify.SendLinks(c.Request().Context(), email, langOf(c)); err != nil {
			return err
		}
	}
	if d := recoverMinDuration - time.Since(start); d > 0 {
		time.Sleep(d)
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/manage?sent=1")
}
