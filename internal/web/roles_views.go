// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"fmt"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// RoleCard is a role prepared for one reader: its title, organisation,
// functional mailbox and the holders the reader may see.
type RoleCard struct {
	directory.RoleView
	Title     string
	TitleLang lang.Code
	URL       string
	Org       *Named
	Country   string
	Topics    []string
	Current   []HolderCard
	History   []HolderCard
}

// HolderCard is one holder of a role.
type HolderCard struct {
	Name, URL, From, To string
}

func (v dirViews) role(r directory.RoleView, public bool) RoleCard {
	l := v.l
	rc := RoleCard{RoleView: r, URL: fmt.Sprintf("/%s/directory/roles/%s", l.Lang, r.Slug), Country: l.T("country." + string(r.Country))}
	rc.Title, rc.TitleLang = r.Title(l.Lang)
	rc.Org = v.orgNamed(r.OrganisationID)
	for _, t := range r.Topics {
		rc.Topics = append(rc.Topics, l.T("topic."+t))
	}
	card := func(h directory.HolderView) HolderCard {
		c := HolderCard{Name: h.Person.Name(), From: l.Date(dateOfTime(h.From))}
		if public {
			c.URL = fmt.Sprintf("/%s/directory/people/%d", l.Lang, h.Person.ID)
		} else {
			c.URL = fmt.Sprintf("/admin/directory/people/%d", h.Person.ID)
		}
		if !h.To.IsZero() {
			c.To = l.Date(dateOfTime(h.To))
		}
		return c
	}
	for _, h := range r.Current {
		rc.Current = append(rc.Current, card(h))
	}
	for _, h := range r.History {
		rc.History = append(rc.History, card(h))
	}
	return rc
}

func (v dirViews) roles(rs []directory.RoleView) []RoleCard {
	out := make([]RoleCard, len(rs))
	for i, r := range rs {
		out[i] = v.role(r, true)
	}
	return out
}
