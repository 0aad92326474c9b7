// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/directory"
)

// rosterCSVHeader names the columns of the secretariat's roster export.
// The names are fixed and English, unlike the other exports' localized
// headers, because mailing tools (listmonk, Mailchimp, Outlook contact
// import) map columns by name; the values are in the reader's language.
var rosterCSVHeader = []string{"name", "role", "organisation", "country", "email", "kind", "from", "to"}

// networkRosterCSV exports a network's current members for a mailing
// tool. It is for the secretariat: public and secretariat-only people with
// their addresses; hidden people are left out (they are shown nowhere,
// see directory.Hidden), as are ended memberships. An organisation has no
// address of its own, so its row has none.
func (s *Server) networkRosterCSV(c echo.Context) error {
	n, err := s.curatedNetwork(c)
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	current, _, err := s.Directory.Memberships(c.Request().Context(), n.ID)
	if err != nil {
		return err
	}
	var rows [][]string
	for _, e := range current {
		role := v.l.T("directory.member_role." + string(e.Role))
		from, to := dateText(e.From), dateText(e.To)
		switch {
		case e.Person != nil && e.Person.Visibility != directory.Hidden:
			pv := v.person(*e.Person, true)
			org := ""
			if pv.Org != nil {
				org = pv.Org.Name
			}
			rows = append(rows, []string{pv.Name, role, org, pv.Country, e.Person.Email, v.l.T("csv.kind.person"), from, to})
		case e.Organisation != nil:
			ov := v.org(*e.Organisation)
			rows = append(rows, []string{ov.Name, role, ov.Name, ov.CountryName, "", v.l.T("csv.kind.organisation"), from, to})
		}
	}
	return sendCSV(c, n.Slug+"-roster", rosterCSVHeader, rows)
}
