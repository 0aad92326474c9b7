// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/directory"
)

// The HSDS export: the public organisations of the directory and their
// public contacts in the shape of Open Referral's Human Services Data
// Specification 3.0, as its API answers GET /organizations?full=true: a
// page (total_items, total_pages, page_number, size, first_page,
// last_page, empty) whose contents are organization records with their
// contacts, phones and locations nested. It is paged like every other list
// (page, per_page, Link header). Every id is a UUID derived from the
// record's ID on this site, so it stays the same from one export to the
// next and across renames. Like every API answer it carries no personal
// e-mail address (see emailPolicy); hidden and secretariat-only people
// never appear (directory.Anonymous).

type hsdsPage struct {
	TotalItems int                `json:"total_items"`
	TotalPages int                `json:"total_pages"`
	PageNumber int                `json:"page_number"`
	Size       int                `json:"size"`
	FirstPage  bool               `json:"first_page"`
	LastPage   bool               `json:"last_page"`
	Empty      bool               `json:"empty"`
	Contents   []hsdsOrganization `json:"contents"`
}

type hsdsOrganization struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	AlternateName string         `json:"alternate_name,omitempty"`
	Description   string         `json:"description"`
	Website       string         `json:"website,omitempty"`
	ParentID      string         `json:"parent_organization_id,omitempty"`
	Contacts      []hsdsContact  `json:"contacts"`
	Phones        []hsdsPhone    `json:"phones"`
	Locations     []hsdsLocation `json:"locations"`
}

type hsdsContact struct {
	ID             string      `json:"id"`
	OrganizationID string      `json:"organization_id"`
	Name           string      `json:"name"`
	Title          string      `json:"title,omitempty"`
	Phones         []hsdsPhone `json:"phones"`
}

type hsdsPhone struct {
	ID             string         `json:"id"`
	OrganizationID string         `json:"organization_id,omitempty"`
	ContactID      string         `json:"contact_id,omitempty"`
	Number         string         `json:"number"`
	Type           string         `json:"type"`
	Languages      []hsdsLanguage `json:"languages"`
}

type hsdsLanguage struct {
	ID      string `json:"id"`
	PhoneID string `json:"phone_id"`
	Name    string `json:"name"`
	Code    string `json:"code"`
}

type hsdsLocation struct {
	ID             string `json:"id"`
	LocationType   string `json:"location_type"`
	OrganizationID string `json:"organization_id"`
	Name           string `json:"name"`
	Description    string `json:"description"`
}

// hsdsID is the stable id of a record in the export: kind and the
// record's ID on this site, with parts naming a record inside it.
func (s *Server) hsdsID(kind string, id int64, parts ...string) string {
	name := s.abs("/hsds/" + kind + "/" + strconv.FormatInt(id, 10))
	for _, p := range parts {
		name += "/" + p
	}
	return nameUUID(name)
}

// hsdsContactID is a person's contact id: the UUID of their vCard.
func (s *Server) hsdsContactID(id int64) string { return s.personUID(id)[len("urn:uuid:"):] }

func (s *Server) exportHSDS(c echo.Context) error {
	v, p, err := s.apiList(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	res, err := s.Directory.OrganisationsWindow(ctx, directory.OrganisationQuery{Limit: p.PerPage, Offset: p.Offset()})
	if err != nil {
		return err
	}
	ids := make([]int64, len(res.Items))
	for i, o := range res.Items {
		ids[i] = o.ID
	}
	people, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{OrganisationIDs: ids})
	if err != nil {
		return err
	}
	staff := map[int64][]directory.Person{}
	for _, pr := range people {
		staff[*pr.OrganisationID] = append(staff[*pr.OrganisationID], pr)
	}
	pg := s.pageOf(c, p, res.Total)
	out := hsdsPage{TotalItems: res.Total, TotalPages: pg.Pages, PageNumber: p.Page, Size: len(res.Items),
		FirstPage: p.Page == 1, LastPage: p.Page >= pg.Pages, Empty: res.Total == 0, Contents: []hsdsOrganization{}}
	for _, o := range res.Items {
		out.Contents = append(out.Contents, s.hsdsOrganization(v, o, staff[o.ID]))
	}
	return sendJSON(c, out)
}

func (s *Server) hsdsOrganization(v dirViews, o directory.Organisation, people []directory.Person) hsdsOrganization {
	ov := v.org(o)
	id := s.hsdsID("organization", o.ID)
	h := hsdsOrganization{ID: id, Name: ov.Name, AlternateName: o.Abbreviation, Description: ov.TypeName + ", " + ov.CountryName,
		Website: o.Website, Contacts: []hsdsContact{}, Phones: []hsdsPhone{}, Locations: []hsdsLocation{}}
	if o.ParentID != nil {
		h.ParentID = s.hsdsID("organization", *o.ParentID)
	}
	if o.Switchboard != "" {
		h.Phones = append(h.Phones, hsdsPhone{ID: s.hsdsID("organization", o.ID, "phone"), OrganizationID: id,
			Number: o.Switchboard, Type: "voice", Languages: []hsdsLanguage{}})
	}
	if o.Address != "" {
		// HSDS addresses need the street, city and postal code apart; the
		// directory keeps the address as one line, so it is the location's
		// description.
		h.Locations = append(h.Locations, hsdsLocation{ID: s.hsdsID("organization", o.ID, "location"), LocationType: "physical",
			OrganizationID: id, Name: ov.Name, Description: o.Address})
	}
	for _, pr := range people {
		cid := s.hsdsContactID(pr.ID)
		ct := hsdsContact{ID: cid, OrganizationID: id, Name: pr.Name(), Phones: []hsdsPhone{}}
		ct.Title, _ = pr.Title(v.l.Lang)
		if pr.Phone != "" {
			phone := hsdsPhone{ID: s.hsdsID("person", pr.ID, "phone"), ContactID: cid, Number: pr.Phone, Type: "voice",
				Languages: []hsdsLanguage{}}
			for _, code := range pr.Languages {
				phone.Languages = append(phone.Languages, hsdsLanguage{ID: s.hsdsID("person", pr.ID, "phone", code), PhoneID: phone.ID,
					Name: v.l.LangName(code), Code: code})
			}
			ct.Phones = append(ct.Phones, phone)
		}
		h.Contacts = append(h.Contacts, ct)
	}
	return h
}
