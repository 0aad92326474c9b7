// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

func dateOfTime(t time.Time) calendar.Date { return calendar.DateOf(t.UTC()) }

// directoryEvents is how many upcoming events a network or organisation page shows.
const directoryEvents = 10

// dirViewsFor loads the organisation and network indexes the views need.
func (s *Server) dirViewsFor(c echo.Context) (dirViews, []directory.Organisation, []directory.Network, error) {
	ctx := c.Request().Context()
	orgs, err := s.Directory.Organisations(ctx)
	if err != nil {
		return dirViews{}, nil, nil, err
	}
	nets, err := s.Directory.Networks(ctx)
	if err != nil {
		return dirViews{}, nil, nil, err
	}
	v := dirViews{l: s.Bundle.For(langOf(c)), orgs: map[int64]directory.Organisation{}, nets: map[int64]directory.Network{}}
	for _, o := range orgs {
		v.orgs[o.ID] = o
	}
	for _, n := range nets {
		v.nets[n.ID] = n
	}
	return v, orgs, nets, nil
}

type directoryHomePage struct {
	Page
	Coordinators []CountryGroup[PersonView]
	Countries    []CountryGroup[OrgView]
	Networks     []NetworkView
}

// directoryHome answers the question people ask most first: who is the
// national coordinator in each country; then lets the reader browse.
func (s *Server) directoryHome(c echo.Context) error {
	v, orgs, nets, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	coords, err := s.Directory.People(c.Request().Context(), directory.Anonymous, directory.PersonQuery{Role: directory.NationalCoordinator})
	if err != nil {
		return err
	}
	var active []directory.Network
	for _, n := range nets {
		if n.Active() {
			active = append(active, n)
		}
	}
	p := directoryHomePage{Page: s.page(c, "directory.title"), Networks: v.networks(active)}
	p.Nav = "directory"
	p.Coordinators = byCountry(v.l, v.people(coords), func(pv PersonView) directory.Country { return pv.Person.Country })
	p.Countries = byCountry(v.l, v.orgTree(orgs), func(o OrgView) directory.Country { return o.Organisation.Country })
	return s.render(c, http.StatusOK, "directory.html", p)
}

type countryPage struct {
	Page
	Code          directory.Country
	Name          string
	KeyPeople     []PersonView
	Contacts      []PersonView
	Organisations []OrgView
	Documents     []DocView
	Roles         []RoleCard
	ExportBase    string
	FeedURL       string
}

// keyRoles are the roles listed first on a country page.
var keyRoles = []directory.Role{directory.NationalCoordinator, directory.DeputyCoordinator, directory.NationalRapporteur}

func (s *Server) countryParam(c echo.Context) (directory.Country, error) {
	code, ok := directory.ParseCountry(c.Param("code"))
	if !ok || string(code) != c.Param("code") {
		return "", errNotFound
	}
	return code, nil
}

func (s *Server) directoryCountry(c echo.Context) error {
	code, err := s.countryParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, orgs, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	people, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{Country: code})
	if err != nil {
		return err
	}
	docs, err := s.Directory.Documents(ctx, directory.DocumentQuery{Country: code})
	if err != nil {
		return err
	}
	roles, err := s.Directory.Roles(ctx, directory.Anonymous, directory.RoleQuery{Country: code})
	if err != nil {
		return err
	}
	name := v.l.T("country." + string(code))
	p := countryPage{Roles: v.roles(roles), Page: s.page(c, "directory.country.title", "Country", name), Code: code, Name: name, Documents: v.docs(docs),
		ExportBase: "/" + string(v.l.Lang) + "/directory/countries/" + string(code),
		FeedURL:    subscribePath(v.l.Lang, calendar.Filter{Countries: []directory.Country{code}})}
	p.Nav = "directory"
	for _, pr := range people {
		key := false
		for _, r := range keyRoles {
			key = key || pr.HasRole(r)
		}
		if key {
			p.KeyPeople = append(p.KeyPeople, v.person(pr, false))
		} else {
			p.Contacts = append(p.Contacts, v.person(pr, false))
		}
	}
	var here []directory.Organisation
	for _, o := range orgs {
		if o.Country == code {
			here = append(here, o)
		}
	}
	p.Organisations = v.orgTree(here)
	return s.render(c, http.StatusOK, "directory_country.html", p)
}

type networkPage struct {
	Page
	Network     NetworkView
	Secretariat *OrgView
	Members     []CountryGroup[RosterView]
	Upcoming    []EventView
	Documents   []DocView
	FeedURL     string
	EventsURL   string
	ExportBase  string
	// Archived says the network no longer works; its page stays.
	Archived bool
}

// errMerged carries the address of the network a merged one lives on in.
type errMerged struct{ slug string }

func (e errMerged) Error() string { return "merged into " + e.slug }

// networkData loads a network and its public roster. A merged network
// answers with errMerged, which the caller turns into a redirect.
func (s *Server) networkData(c echo.Context) (dirViews, directory.Network, []RosterView, error) {
	ctx := c.Request().Context()
	n, err := s.Directory.NetworkBySlug(ctx, c.Param("slug"))
	if err != nil {
		return dirViews{}, n, nil, err
	}
	if n.Status == directory.NetworkMerged && n.MergedIntoID != nil {
		keep, err := s.Directory.Network(ctx, *n.MergedIntoID)
		if err != nil {
			return dirViews{}, n, nil, err
		}
		return dirViews{}, n, nil, errMerged{slug: keep.Slug}
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return v, n, nil, err
	}
	roster, err := s.Directory.Roster(ctx, directory.Anonymous, directory.MemberQuery{NetworkID: n.ID})
	if err != nil {
		return v, n, nil, err
	}
	return v, n, v.roster(roster), nil
}

func rosterCountry(r RosterView) directory.Country {
	if r.Person != nil {
		return r.Person.Person.Country
	}
	return r.Org.Organisation.Country
}

// redirectMerged answers a request for a merged network with a permanent
// redirect to the same page of the network it was merged into.
func redirectMerged(c echo.Context, err error) error {
	var m errMerged
	if !errors.As(err, &m) {
		return err
	}
	u := strings.Replace(c.Request().URL.Path, "/networks/"+c.Param("slug"), "/networks/"+m.slug, 1)
	return c.Redirect(http.StatusMovedPermanently, u)
}

func (s *Server) directoryNetwork(c echo.Context) error {
	v, n, roster, err := s.networkData(c)
	if err != nil {
		return redirectMerged(c, err)
	}
	ctx := c.Request().Context()
	nv := v.network(n)
	p := networkPage{Page: s.page(c, "directory.network.title", "Name", nv.Name), Network: nv,
		Members:    byCountry(v.l, roster, rosterCountry),
		FeedURL:    subscribePath(v.l.Lang, calendar.Filter{Networks: []string{n.Slug}}),
		EventsURL:  "/" + string(v.l.Lang) + "/events?network=" + url.QueryEscape(n.Slug),
		ExportBase: "/" + string(v.l.Lang) + "/directory/networks/" + n.Slug, Archived: n.Status == directory.NetworkArchived}
	p.Nav = "directory"
	if n.SecretariatID != nil {
		if o, ok := v.orgs[*n.SecretariatID]; ok {
			ov := v.org(o)
			p.Secretariat = &ov
		}
	}
	if p.Upcoming, err = s.upcoming(c, calendar.Filter{Networks: []string{n.Slug}}); err != nil {
		return err
	}
	docs, err := s.Directory.Documents(ctx, directory.DocumentQuery{NetworkID: n.ID})
	if err != nil {
		return err
	}
	p.Documents = v.docs(docs)
	return s.render(c, http.StatusOK, "directory_network.html", p)
}

// upcoming returns the next events matching f through the calendar service.
func (s *Server) upcoming(c echo.Context, f calendar.Filter) ([]EventView, error) {
	res, err := s.Calendar.List(c.Request().Context(), f, 1, directoryEvents)
	if err != nil {
		return nil, err
	}
	return s.views(c, res.Events), nil
}

type rosterPage struct {
	Page
	Network NetworkView
	Members []RosterView
	Printed string
}

// networkRoster is a network's member list laid out for printing at a
// meeting (see the @media print rules in nordcal.css).
func (s *Server) networkRoster(c echo.Context) error {
	v, n, roster, err := s.networkData(c)
	if err != nil {
		return redirectMerged(c, err)
	}
	nv := v.network(n)
	p := rosterPage{Page: s.page(c, "directory.roster.title", "Name", nv.Name), Network: nv, Members: roster,
		Printed: v.l.Date(dateOfTime(s.Calendar.Now()))}
	p.Nav = "directory"
	return s.render(c, http.StatusOK, "directory_roster.html", p)
}

type organisationPage struct {
	Page
	Org         OrgView
	Parent      *OrgView
	Units       []OrgView
	People      []PersonView
	Memberships []RosterView
	Upcoming    []EventView
	Documents   []DocView
	FeedURL     string
	EventsURL   string
	ExportBase  string
}

func (s *Server) directoryOrganisation(c echo.Context) error {
	ctx := c.Request().Context()
	o, err := s.Directory.OrganisationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	v, orgs, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	ov := v.org(o)
	p := organisationPage{Page: s.page(c, "directory.organisation.title", "Name", ov.Name), Org: ov,
		FeedURL:    subscribePath(v.l.Lang, calendar.Filter{Organisers: []string{o.Slug}}),
		EventsURL:  "/" + string(v.l.Lang) + "/events?organiser=" + url.QueryEscape(o.Slug),
		ExportBase: "/" + string(v.l.Lang) + "/directory/organisations/" + o.Slug}
	p.Nav = "directory"
	if o.ParentID != nil {
		if po, ok := v.orgs[*o.ParentID]; ok {
			pv := v.org(po)
			p.Parent = &pv
		}
	}
	var units []directory.Organisation
	for _, u := range orgs {
		if u.ParentID != nil && *u.ParentID == o.ID {
			units = append(units, u)
		}
	}
	p.Units = v.orgTree(units)
	people, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{OrganisationID: o.ID})
	if err != nil {
		return err
	}
	p.People = v.people(people)
	ms, err := s.Directory.Roster(ctx, directory.Anonymous, directory.MemberQuery{OrganisationID: o.ID})
	if err != nil {
		return err
	}
	p.Memberships = v.roster(ms)
	if p.Upcoming, err = s.upcoming(c, calendar.Filter{Organisers: []string{o.Slug}}); err != nil {
		return err
	}
	docs, err := s.Directory.Documents(ctx, directory.DocumentQuery{OrganisationID: o.ID})
	if err != nil {
		return err
	}
	p.Documents = v.docs(docs)
	return s.render(c, http.StatusOK, "directory_organisation.html", p)
}

type personPage struct {
	Page
	Person      PersonView
	Memberships []RosterView
	VCardURL    string
}

func (s *Server) personParam(c echo.Context, viewer directory.Viewer) (directory.Person, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return directory.Person{}, errNotFound
	}
	return s.Directory.Person(c.Request().Context(), viewer, id)
}

// directoryPerson is the one public page that shows a person's e-mail
// address (see emailPolicy).
func (s *Server) directoryPerson(c echo.Context) error {
	pr, err := s.personParam(c, directory.Anonymous)
	if err != nil {
		return err
	}
	if err := s.contacts.charge(c, 1); err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	ms, err := s.Directory.Roster(c.Request().Context(), directory.Anonymous, directory.MemberQuery{PersonID: pr.ID})
	if err != nil {
		return err
	}
	pv := v.person(pr, true)
	p := personPage{Page: s.page(c, "directory.person.title", "Name", pv.Name), Person: pv, Memberships: v.roster(ms),
		VCardURL: pv.URL + "/vcard"}
	p.Nav = "directory"
	p.NoIndex = true
	c.Response().Header().Set("X-Robots-Tag", "noindex, nofollow")
	return s.render(c, http.StatusOK, "directory_person.html", p)
}
