// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"encoding/json"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// The directory API is read-only and public: it holds public people only,
// and no e-mail addresses (see emailPolicy).

type apiOrganisation struct {
	Slug         string            `json:"slug"`
	Name         string            `json:"name"`
	NameLang     string            `json:"name_lang"`
	Names        map[string]string `json:"names"`
	Abbreviation string            `json:"abbreviation,omitempty"`
	Country      string            `json:"country"`
	Type         string            `json:"type"`
	Parent       string            `json:"parent,omitempty"`
	Website      string            `json:"website,omitempty"`
	Switchboard  string            `json:"switchboard,omitempty"`
	Address      string            `json:"address,omitempty"`
	URL          string            `json:"url"`
}

type apiPerson struct {
	ID           int64             `json:"id"`
	Name         string            `json:"name"`
	GivenName    string            `json:"given_name"`
	FamilyName   string            `json:"family_name"`
	Title        string            `json:"title,omitempty"`
	TitleLang    string            `json:"title_lang,omitempty"`
	Titles       map[string]string `json:"titles"`
	Organisation string            `json:"organisation,omitempty"`
	Country      string            `json:"country"`
	Phone        string            `json:"phone,omitempty"`
	Languages    []string          `json:"languages"`
	Roles        []string          `json:"roles"`
	Verified     string            `json:"verified"`
	URL          string            `json:"url"`
	VCardURL     string            `json:"vcard_url"`
}

type apiMember struct {
	Role         string `json:"role"`
	Person       *int64 `json:"person,omitempty"`
	Organisation string `json:"organisation,omitempty"`
}

type apiNetwork struct {
	Slug         string            `json:"slug"`
	Name         string            `json:"name"`
	NameLang     string            `json:"name_lang"`
	Names        map[string]string `json:"names"`
	Description  string            `json:"description,omitempty"`
	Abbreviation string            `json:"abbreviation,omitempty"`
	ParentBody   string            `json:"parent_body,omitempty"`
	Secretariat  string            `json:"secretariat,omitempty"`
	Website      string            `json:"website,omitempty"`
	Members      []apiMember       `json:"members"`
	URL          string            `json:"url"`
	FeedURL      string            `json:"feed_url"`
}

type apiDocument struct {
	ID           int64  `json:"id"`
	Title        string `json:"title"`
	URL          string `json:"url"`
	Lang         string `json:"lang"`
	Country      string `json:"country"`
	Type         string `json:"type"`
	Date         string `json:"date"`
	Organisation string `json:"organisation,omitempty"`
	Network      string `json:"network,omitempty"`
}

func texts(t lang.Texts) map[string]string {
	out := map[string]string{}
	for k, v := range t {
		out[string(k)] = v
	}
	return out
}

func sendJSON(c echo.Context, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return apperr.Wrap(err)
	}
	return serveBytes(c, body, time.Time{}, jsonType, "public, max-age=60")
}

func (s *Server) apiDirViews(c echo.Context) (dirViews, error) {
	l, err := s.responseLang(c)
	if err != nil {
		return dirViews{}, err
	}
	v, _, _, err := s.dirViewsFor(c)
	v.l = l
	return v, err
}

// apiList parses what every directory list takes besides its filter: the
// language and the page.
func (s *Server) apiList(c echo.Context) (dirViews, apiPaging, error) {
	p, err := parsePaging(c)
	if err != nil {
		return dirViews{}, p, err
	}
	v, err := s.apiDirViews(c)
	return v, p, err
}

// parseOrgFilter reads the filter of /api/v1/organisations.
func (s *Server) parseOrgFilter(c echo.Context) (directory.OrganisationQuery, error) {
	r := s.filters(c)
	q := directory.OrganisationQuery{Country: r.country("country"), NetworkID: r.network("network"), Query: r.query()}
	if typ := c.QueryParam("type"); typ != "" {
		if q.Type = directory.OrgType(typ); !q.Type.Valid() {
			r.fields.Add("type", "filter.unknown_value")
		}
	}
	return q, r.err()
}

// parsePeopleFilter reads the filter of /api/v1/people.
func (s *Server) parsePeopleFilter(c echo.Context) (directory.PersonQuery, error) {
	r := s.filters(c)
	q := directory.PersonQuery{Country: r.country("country"), OrganisationID: r.organisation("organisation"),
		NetworkID: r.network("network"), Query: r.query()}
	if role := c.QueryParam("role"); role != "" {
		if q.Role = directory.Role(role); !q.Role.Valid() {
			r.fields.Add("role", "filter.unknown_value")
		}
	}
	return q, r.err()
}

// parseNetworkFilter reads the filter of /api/v1/networks.
func (s *Server) parseNetworkFilter(c echo.Context) (directory.NetworkQuery, error) {
	r := s.filters(c)
	q := directory.NetworkQuery{OrganisationID: r.organisation("organisation"), Query: r.query()}
	return q, r.err()
}

func (s *Server) apiOrganisations(c echo.Context) error {
	q, err := s.parseOrgFilter(c)
	if err != nil {
		return err
	}
	v, p, err := s.apiList(c)
	if err != nil {
		return err
	}
	q.Limit, q.Offset = p.PerPage, p.Offset()
	res, err := s.Directory.OrganisationsWindow(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := struct {
		Organisations []apiOrganisation `json:"organisations"`
		apiPage
	}{Organisations: []apiOrganisation{}, apiPage: s.pageOf(c, p, res.Total)}
	for _, o := range res.Items {
		ov := v.org(o)
		a := apiOrganisation{Slug: o.Slug, Name: ov.Name, NameLang: string(ov.NameLang), Names: texts(o.Names),
			Abbreviation: o.Abbreviation, Country: string(o.Country), Type: string(o.Type), Website: o.Website,
			Switchboard: o.Switchboard, Address: o.Address, URL: s.abs(ov.URL)}
		if o.ParentID != nil {
			a.Parent = v.orgs[*o.ParentID].Slug
		}
		out.Organisations = append(out.Organisations, a)
	}
	return sendJSON(c, out)
}

func (s *Server) apiPeople(c echo.Context) error {
	q, err := s.parsePeopleFilter(c)
	if err != nil {
		return err
	}
	v, p, err := s.apiList(c)
	if err != nil {
		return err
	}
	q.Limit, q.Offset = p.PerPage, p.Offset()
	res, err := s.Directory.PeopleWindow(c.Request().Context(), directory.Anonymous, q)
	if err != nil {
		return err
	}
	out := struct {
		People []apiPerson `json:"people"`
		apiPage
	}{People: []apiPerson{}, apiPage: s.pageOf(c, p, res.Total)}
	for _, pr := range res.Items {
		pv := v.person(pr, false)
		a := apiPerson{ID: pr.ID, Name: pv.Name, GivenName: pr.GivenName, FamilyName: pr.FamilyName, Title: pv.Title,
			Titles: texts(pr.Titles), Country: string(pr.Country), Phone: pr.Phone, Languages: []string{}, Roles: []string{},
			Verified: pr.VerifiedAt.Format(time.DateOnly), URL: s.abs(pv.URL), VCardURL: s.abs(pv.URL + "/vcard")}
		if pv.Title != "" {
			a.TitleLang = string(pv.TitleLang)
		}
		if pr.OrganisationID != nil {
			a.Organisation = v.orgs[*pr.OrganisationID].Slug
		}
		a.Languages = append(a.Languages, pr.Languages...)
		for _, r := range pr.Roles {
			a.Roles = append(a.Roles, string(r))
		}
		out.People = append(out.People, a)
	}
	return sendJSON(c, out)
}

func (s *Server) apiNetworks(c echo.Context) error {
	q, err := s.parseNetworkFilter(c)
	if err != nil {
		return err
	}
	v, p, err := s.apiList(c)
	if err != nil {
		return err
	}
	q.Limit, q.Offset = p.PerPage, p.Offset()
	ctx := c.Request().Context()
	res, err := s.Directory.NetworksWindow(ctx, q)
	if err != nil {
		return err
	}
	out := struct {
		Networks []apiNetwork `json:"networks"`
		apiPage
	}{Networks: []apiNetwork{}, apiPage: s.pageOf(c, p, res.Total)}
	if len(res.Items) == 0 {
		return sendJSON(c, out)
	}
	roster, err := s.Directory.Roster(ctx, directory.Anonymous, directory.MemberQuery{})
	if err != nil {
		return err
	}
	for _, n := range res.Items {
		nv := v.network(n)
		a := apiNetwork{Slug: n.Slug, Name: nv.Name, NameLang: string(nv.NameLang), Names: texts(n.Names), Description: nv.Desc,
			Abbreviation: n.Abbreviation, ParentBody: nv.Parent, Website: n.Website, Members: []apiMember{}, URL: s.abs(nv.URL),
			FeedURL: s.abs("/feeds/events.ics?network=" + n.Slug)}
		if n.SecretariatID != nil {
			a.Secretariat = v.orgs[*n.SecretariatID].Slug
		}
		for _, e := range roster {
			if e.NetworkID != n.ID {
				continue
			}
			m := apiMember{Role: string(e.Role)}
			if e.Person != nil {
				id := e.Person.ID
				m.Person = &id
			} else {
				m.Organisation = e.Organisation.Slug
			}
			a.Members = append(a.Members, m)
		}
		out.Networks = append(out.Networks, a)
	}
	return sendJSON(c, out)
}

func (s *Server) apiDocuments(c echo.Context) error {
	q, _, err := s.parseDocFilter(c)
	if err != nil {
		return err
	}
	v, p, err := s.apiList(c)
	if err != nil {
		return err
	}
	q.Limit, q.Offset = p.PerPage, p.Offset()
	res, err := s.Directory.DocumentsWindow(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := struct {
		Documents []apiDocument `json:"documents"`
		apiPage
	}{Documents: []apiDocument{}, apiPage: s.pageOf(c, p, res.Total)}
	for _, d := range res.Items {
		a := apiDocument{ID: d.ID, Title: d.Title, URL: d.URL, Lang: d.Lang, Country: string(d.Country), Type: string(d.Type),
			Date: d.Date.Format(time.DateOnly)}
		if d.OrganisationID != nil {
			a.Organisation = v.orgs[*d.OrganisationID].Slug
		}
		if d.NetworkID != nil {
			a.Network = v.nets[*d.NetworkID].Slug
		}
		out.Documents = append(out.Documents, a)
	}
	return sendJSON(c, out)
}
