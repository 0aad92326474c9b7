// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
)

// statementPrepared is the day the accessibility statement was last
// reviewed; change it whenever the statement's text changes.
var statementPrepared = calendar.Date{Year: 2026, Month: 11, Day: 23}

type accessibilityPage struct {
	Page
	Prepared calendar.Date
	Contact  string
}

// accessibility shows the accessibility statement the Web Accessibility
// Directive requires of public-sector sites.
func (s *Server) accessibility(c echo.Context) error {
	p := accessibilityPage{Page: s.page(c, "accessibility.title"), Prepared: statementPrepared, Contact: s.ContactEmail}
	p.Nav = "accessibility"
	return s.render(c, http.StatusOK, "accessibility.html", p)
}
