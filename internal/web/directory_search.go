// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
)

type searchPage struct {
	Page
	Query         string
	People        []PersonView
	Organisations []OrgView
	Networks      []NetworkView
	Documents     []DocView
	Events        []EventView
	EventsTotal   int
	EventsURL     string
	// VCardURL and CSVURL export the same search; built whole, because
	// html/template escapes a query string interpolated after "?".
	VCardURL, CSVURL string
	Searched         bool
	Empty            bool
}

// searchEvents is how many events the search page lists.
const searchEvents = 20

// search looks for the words of q in everything public: people,
// organisations, networks, documents and upcoming events, grouped by kind.
func (s *Server) search(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	ctx := c.Request().Context()
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	res, err := s.Directory.Search(ctx, directory.Anonymous, q)
	if err != nil {
		return err
	}
	p := searchPage{Page: s.page(c, "search.title"), Query: q, People: v.people(res.People), Networks: v.networks(res.Networks),
		Documents: v.docs(res.Documents), VCardURL: "/" + string(v.l.Lang) + "/search/vcard?" + url.Values{"q": {q}}.Encode(),
		CSVURL: "/" + string(v.l.Lang) + "/search/csv?" + url.Values{"q": {q}}.Encode()}
	p.Nav = "directory"
	for _, o := range res.Organisations {
		p.Organisations = append(p.Organisations, v.org(o))
	}
	if len(directory.QueryTerms(q)) > 0 {
		p.Searched = true
		ev, err := s.Calendar.List(ctx, calendar.Filter{Query: q}, 1, searchEvents)
		if err != nil {
			return err
		}
		p.Events, p.EventsTotal = s.views(c, ev.Events), ev.Total
		p.EventsURL = "/" + string(v.l.Lang) + "/events?" + url.Values{"q": {q}}.Encode()
		p.Empty = res.Empty() && ev.Total == 0
	}
	return s.render(c, http.StatusOK, "search.html", p)
}

// docFilter is the documents library's filter, parsed from the query.
type docFilter struct {
	Country, Type, Lang, Organisation, Topic, Year, Query string
}

func (s *Server) parseDocFilter(c echo.Context) (directory.DocumentQuery, docFilter, error) {
	f := docFilter{Country: c.QueryParam("country"), Type: c.QueryParam("type"), Lang: c.QueryParam("language"),
		Organisation: c.QueryParam("organisation"), Topic: c.QueryParam("topic"), Year: c.QueryParam("year"),
		Query: strings.TrimSpace(c.QueryParam("q"))}
	q := directory.DocumentQuery{Query: f.Query}
	fields := apperr.Fields{}
	if f.Country != "" {
		code, ok := directory.ParseCountry(f.Country)
		if !ok {
			fields.Add("country", "filter.unknown_value")
		}
		q.Country = code
	}
	if f.Type != "" {
		if q.Type = directory.DocType(f.Type); !q.Type.Valid() {
			fields.Add("type", "filter.unknown_value")
		}
	}
	if f.Lang != "" {
		q.Lang = f.Lang
		ok := false
		for _, l := range directory.SpokenLanguages {
			ok = ok || l == f.Lang
		}
		if !ok {
			fields.Add("language", "filter.unknown_value")
		}
	}
	if f.Organisation != "" {
		o, err := s.Directory.OrganisationBySlug(c.Request().Context(), f.Organisation)
		if err != nil {
			fields.Add("organisation", "filter.unknown_value")
		}
		q.OrganisationID = o.ID
	}
	if f.Topic != "" {
		if q.Topic = f.Topic; !slices.Contains(directory.DocumentTopics, f.Topic) {
			fields.Add("topic", "filter.unknown_value")
		}
	}
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1900 || y > 2100 || len(f.Year) != 4 {
			fields.Add("year", "filter.unknown_value")
		}
		q.Year = y
	}
	if len(f.Query) > directory.MaxQuery {
		fields.Add("q", "filter.query_too_long")
	}
	return q, f, fields.Err("filter.invalid")
}

type documentsPage struct {
	Page
	Filter        docFilter
	Documents     []DocView
	Countries     []Option
	Types         []Option
	Languages     []Option
	Organisations []Option
	Topics        []Option
	Years         []Option
	CSVURL        string
}

func (s *Server) documents(c echo.Context) error {
	q, f, err := s.parseDocFilter(c)
	if err != nil {
		return err
	}
	v, orgs, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	docs, err := s.Directory.Documents(c.Request().Context(), q)
	if err != nil {
		return err
	}
	p := documentsPage{Page: s.page(c, "documents.title"), Filter: f, Documents: v.docs(docs)}
	p.Nav = "directory"
	p.Countries, p.Types, p.Languages, p.Organisations = docOptions(v.l, orgs)
	for _, t := range directory.DocumentTopics {
		p.Topics = append(p.Topics, Option{Value: t, Label: v.l.T("topic." + t)})
	}
	all, err := s.Directory.Documents(c.Request().Context(), directory.DocumentQuery{})
	if err != nil {
		return err
	}
	p.Years = docYears(all)
	p.CSVURL = "/" + string(v.l.Lang) + "/documents/csv"
	if raw := c.Request().URL.RawQuery; raw != "" {
		p.CSVURL += "?" + raw
	}
	return s.render(c, http.StatusOK, "documents.html", p)
}

// docOptions are the choices of the documents filter.
func docOptions(l *i18n.Localizer, orgs []directory.Organisation) (countries, types, langs, organisations []Option) {
	for _, c := range directory.Countries {
		countries = append(countries, Option{Value: string(c.Code), Label: l.T("country." + string(c.Code))})
	}
	for _, t := range directory.DocTypes {
		types = append(types, Option{Value: string(t), Label: l.T("doctype." + string(t))})
	}
	for _, code := range directory.SpokenLanguages {
		langs = append(langs, Option{Value: code, Label: l.LangName(code)})
	}
	sortOptions(l, langs)
	for _, o := range orgs {
		n, _ := o.Name(l.Lang)
		organisations = append(organisations, Option{Value: o.Slug, Label: n})
	}
	sortOptions(l, organisations)
	return
}

// docYears are the years of publication of docs, newest first: the
// choices of the library's year filter.
func docYears(docs []directory.Document) []Option {
	var years []int
	for _, d := range docs {
		if y := d.Date.Year(); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)
	out := make([]Option, len(years))
	for i, y := range years {
		out[i] = Option{Value: strconv.Itoa(y), Label: strconv.Itoa(y)}
	}
	return out
}
