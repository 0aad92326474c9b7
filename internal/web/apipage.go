// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

// Every JSON list of the API is paged the same way, here: page and
// per_page in the query, the window read in the database (LIMIT and
// OFFSET with a COUNT), and the total and the links to the other pages in
// the body and in an RFC 8288 Link header. openapi.json describes it once
// (components Paging, parameters page and per_page).
const (
	paramPerPage = "per_page"
	// apiPerPage is the page size when per_page is not given; apiMaxPerPage
	// the largest one may ask for.
	apiPerPage    = 50
	apiMaxPerPage = 200
)

// apiPaging is the page a request asks for.
type apiPaging struct {
	Page, PerPage int
}

// Offset is the number of records before the page.
func (p apiPaging) Offset() int { return (p.Page - 1) * p.PerPage }

// parsePaging reads page (from 1) and per_page (1 to apiMaxPerPage); a
// value that is not such a number is an Invalid error naming it.
func parsePaging(c echo.Context) (apiPaging, error) {
	p := apiPaging{Page: 1, PerPage: apiPerPage}
	fields := apperr.Fields{}
	read := func(name string, dst *int, most int, msg string) {
		v := strings.TrimSpace(c.QueryParam(name))
		if v == "" {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > most {
			fields.Add(name, msg)
			return
		}
		*dst = n
	}
	read(calendar.ParamPage, &p.Page, calendar.MaxFindPage, "filter.bad_page")
	read(paramPerPage, &p.PerPage, apiMaxPerPage, "filter.bad_per_page")
	return p, fields.Err("filter.invalid")
}

// apiPage is what every list answer says about its page.
type apiPage struct {
	Total   int      `json:"total"`
	Page    int      `json:"page"`
	PerPage int      `json:"per_page"`
	Pages   int      `json:"pages"`
	Links   apiLinks `json:"links"`
}

// apiLinks are the absolute addresses of the list's pages, with the
// request's other parameters; Prev and Next are left out where there is
// no such page.
type apiLinks struct {
	Self  string `json:"self"`
	First string `json:"first"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"`
	Last  string `json:"last"`
}

// pageOf describes page p of a list of total records and sets the Link
// header to the same links. The last page is at least 1; a page past it
// is answered empty, with prev pointing to the last page that has records.
func (s *Server) pageOf(c echo.Context, p apiPaging, total int) apiPage {
	pages := max(1, (total+p.PerPage-1)/p.PerPage)
	q := url.Values{}
	for k, v := range c.QueryParams() {
		q[k] = v
	}
	q.Set(paramPerPage, strconv.Itoa(p.PerPage))
	at := func(n int) string {
		q.Set(calendar.ParamPage, strconv.Itoa(n))
		return s.abs(c.Request().URL.Path + "?" + q.Encode())
	}
	out := apiPage{Total: total, Page: p.Page, PerPage: p.PerPage, Pages: pages,
		Links: apiLinks{Self: at(p.Page), First: at(1), Last: at(pages)}}
	if p.Page > 1 {
		out.Links.Prev = at(min(p.Page-1, pages))
	}
	if p.Page < pages {
		out.Links.Next = at(p.Page + 1)
	}
	var h []string
	for _, l := range []struct{ rel, url string }{{"self", out.Links.Self}, {"first", out.Links.First},
		{"prev", out.Links.Prev}, {"next", out.Links.Next}, {"last", out.Links.Last}} {
		if l.url != "" {
			h = append(h, "<"+l.url+`>; rel="`+l.rel+`"`)
		}
	}
	c.Response().Header().Set("Link", strings.Join(h, ", "))
	return out
}
