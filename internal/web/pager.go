// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// adminPerPage is the length of a page of the secretariat's lists.
const adminPerPage = 50

// Pager is the page links of a long list (partials/pager.html): previous,
// next, and the numbers of the first, last and nearby pages.
type Pager struct {
	L                *i18n.Localizer
	Page, Pages      int
	PrevURL, NextURL string
	Links            []PageLink
}

// PageLink is one numbered page link; Gap marks pages left out before it.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pagerReach is how many pages on each side of the current one are linked.
const pagerReach = 2

// newPager links the pages of a list; urlOf gives the address of page n.
func newPager(l *i18n.Localizer, page, pages int, urlOf func(n int) string) Pager {
	p := Pager{L: l, Page: page, Pages: pages}
	if pages <= 1 {
		return p
	}
	if page > 1 {
		p.PrevURL = urlOf(page - 1)
	}
	if page < pages {
		p.NextURL = urlOf(page + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < page-pagerReach || n > page+pagerReach) {
			continue
		}
		p.Links = append(p.Links, PageLink{Number: n, URL: urlOf(n), Current: n == page, Gap: last != 0 && n > last+1})
		last = n
	}
	return p
}

// pageParam reads the page parameter: 1 when absent, Invalid when it is
// not a page number.
func pageParam(c echo.Context) (int, error) {
	v := c.QueryParam(calendar.ParamPage)
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > calendar.MaxFindPage {
		return 0, apperrInvalidField(calendar.ParamPage, "filter.bad_page")
	}
	return n, nil
}
