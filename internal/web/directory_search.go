// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
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
	Roles         []RoleCard
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
		Documents: v.docs(res.Documents), Roles: v.roles(res.Roles), VCardURL: "/" + string(v.l.Lang) + "/search/vcard?" + url.Values{"q": {q}}.Encode(),
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
	r := s.filters(c)
	q := directory.DocumentQuery{Country: r.country("country"), OrganisationID: r.organisation("organisation"), Query: r.query()}
	if f.Type != "" {
		if q.Type = directory.DocType(f.Type); !q.Type.Valid() {
			r.fields.Add("type", "filter.unknown_value")
		}
	}
	if f.Lang != "" {
		q.Lang = f.Lang
		if !slices.Contains(directory.SpokenLanguages, f.Lang) {
			r.fields.Add("language", "filter.unknown_value")
		}
	}
	if f.Topic != "" {
		if q.Topic = f.Topic; !slices.Contains(directory.DocumentTopics, f.Topic) {
			r.fields.Add("topic", "filter.unknown_value")
		}
	}
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1900 || y > 2100 || len(f.Year) != 4 {
			r.fields.Add("year", "filter.unknown_value")
		}
		q.Year = y
	}
	return q, f, r.err()
}

// filterReader reads the directory filters that pages, exports and the
// API share, from the query: every value it cannot use is a field error
// (reported together by err), a failing lookup the error itself.
type filterReader struct {
	s      *Server
	c      echo.Context
	fields apperr.Fields
	failed error
}

func (s *Server) filters(c echo.Context) *filterReader {
	return &filterReader{s: s, c: c, fields: apperr.Fields{}}
}

// country reads a country code (any case), "" when the parameter is absent.
func (r *filterReader) country(name string) directory.Country {
	v := r.c.QueryParam(name)
	if v == "" {
		return ""
	}
	code, ok := directory.ParseCountry(v)
	if !ok {
		r.fields.Add(name, "filter.unknown_value")
	}
	return code
}

// organisation reads an organisation slug and returns its ID, 0 when absent.
func (r *filterReader) organisation(name string) int64 {
	return r.slug(name, func(ctx context.Context, slug string) (int64, error) {
		o, err := r.s.Directory.OrganisationBySlug(ctx, slug)
		return o.ID, err
	})
}

// network reads a network slug and returns its ID, 0 when absent.
func (r *filterReader) network(name string) int64 {
	return r.slug(name, func(ctx context.Context, slug string) (int64, error) {
		n, err := r.s.Directory.NetworkBySlug(ctx, slug)
		return n.ID, err
	})
}

// slug looks the slug in parameter name up: an unknown one is a field
// error, a failing lookup the reader's error.
func (r *filterReader) slug(name string, lookup func(context.Context, string) (int64, error)) int64 {
	slug := r.c.QueryParam(name)
	if slug == "" {
		return 0
	}
	id, err := lookup(r.c.Request().Context(), slug)
	switch {
	case apperr.Is(err, apperr.NotFound):
		r.fields.Add(name, "filter.unknown_value")
	case err != nil && r.failed == nil:
		r.failed = err
	}
	return id
}

// query reads the words to search for, q.
func (r *filterReader) query() string {
	q := strings.TrimSpace(r.c.QueryParam("q"))
	if len(q) > directory.MaxQuery {
		r.fields.Add("q", "filter.query_too_long")
	}
	return q
}

func (r *filterReader) err() error {
	if r.failed != nil {
		return r.failed
	}
	return r.fields.Err("filter.invalid")
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
