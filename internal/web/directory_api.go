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

func (s *Server) apiDirViews(c echo.Context) (dirViews, []directory.Organisation, []directory.Network, error) {
	l, err := s.responseLang(c)
	if err != nil {
		return dirViews{}, nil, nil, err
	}
	v, orgs, nets, err := s.dirViewsFor(c)
	v.l = l
	return v, orgs, nets, err
}

func (s *Server) apiOrganisations(c echo.Context) error {
	v, orgs, _, err := s.apiDirViews(c)
	if err != nil {
		return err
	}
	fields := apperr.Fields{}
	country, typ := c.QueryParam("country"), c.QueryParam("type")
	if _, ok := directory.ParseCountry(country); country != "" && !ok {
		fields.Add("country", "filter.unknown_value")
	}
	if typ != "" && !directory.OrgType(typ).Valid() {
		fields.Add("type", "filter.unknown_value")
	}
	if err := fields.Err("filter.invalid"); err != nil {
		return err
	}
	out := struct {
		Organisations []apiOrganisation `json:"organisations"`
	}{Organisations: []apiOrganisation{}}
	for _, o := range orgs {
		if (country != "" && string(o.Country) != country) || (typ != "" && string(o.Type) != typ) {
			continue
		}
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
	v, _, _, err := s.apiDirViews(c)
	if err != nil {
		return err
	}
	q := directory.PersonQuery{Query: c.QueryParam("q")}
	fields := apperr.Fields{}
	if cc := c.QueryParam("country"); cc != "" {
		code, ok := directory.ParseCountry(cc)
		if !ok {
			fields.Add("country", "filter.unknown_value")
		}
		q.Country = code
	}
	if r := c.QueryParam("role"); r != "" {
		if q.Role = directory.Role(r); !q.Role.Valid() {
			fields.Add("role", "filter.unknown_value")
		}
	}
	if slug := c.QueryParam("organisation"); slug != "" {
		o, err := s.Directory.OrganisationBySlug(c.Request().Context(), slug)
		if err != nil {
			fields.Add("organisation", "filter.unknown_value")
		}
		q.OrganisationID = o.ID
	}
	if len(q.Query) > directory.MaxQuery {
		fields.Add("q", "filter.query_too_long")
	}
	if err := fields.Err("filter.invalid"); err != nil {
		return err
	}
	people, err := s.Directory.People(c.Request().Context(), directory.Anonymous, q)
	if err != nil {
		return err
	}
	out := struct {
		People []apiPerson `json:"people"`
	}{People: []apiPerson{}}
	for _, p := range people {
		pv := v.person(p, false)
		a := apiPerson{ID: p.ID, Name: pv.Name, GivenName: p.GivenName, FamilyName: p.FamilyName, Title: pv.Title,
			Titles: texts(p.Titles), Country: string(p.Country), Phone: p.Phone, Languages: []string{}, Roles: []string{},
			Verified: p.VerifiedAt.Format(time.DateOnly), URL: s.abs(pv.URL), VCardURL: s.abs(pv.URL + "/vcard")}
		if pv.Title != "" {
			a.TitleLang = string(pv.TitleLang)
		}
		if p.OrganisationID != nil {
			a.Organisation = v.orgs[*p.OrganisationID].Slug
		}
		a.Languages = append(a.Languages, p.Languages...)
		for _, r := range p.Roles {
			a.Roles = append(a.Roles, string(r))
		}
		out.People = append(out.People, a)
	}
	return sendJSON(c, out)
}

func (s *Server) apiNetworks(c echo.Context) error {
	v, _, nets, err := s.apiDirViews(c)
	if err != nil {
		return err
	}
	roster, err := s.Directory.Roster(c.Request().Context(), directory.Anonymous, directory.MemberQuery{})
	if err != nil {
		return err
	}
	out := struct {
		Networks []apiNetwork `json:"networks"`
	}{Networks: []apiNetwork{}}
	for _, n := range nets {
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
	v, _, _, err := s.apiDirViews(c)
	if err != nil {
		return err
	}
	docs, err := s.Directory.Documents(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := struct {
		Documents []apiDocument `json:"documents"`
	}{Documents: []apiDocument{}}
	for _, d := range docs {
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
