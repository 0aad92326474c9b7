// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// Page is embedded in every page's data: the language, the localizer and
// what the layout needs.
type Page struct {
	L          *i18n.Localizer
	Lang       lang.Code
	Title      string
	Nav        string
	Alternates []Alternate
	Canonical  string
	// XDefault is the language-neutral address of the page (/ redirects by
	// the reader's language), for search engines.
	XDefault string
	NoIndex  bool
	Year     int
	// CSRF is the token forms must send back; Flash a one-time message;
	// Admin is set on pages of a signed-in secretariat user.
	CSRF  string
	Flash string
	Admin *AdminBar
	// Feeds are the feeds of what the page shows, announced in its head
	// (<link rel="alternate">) for browsers and feed readers.
	Feeds []FeedLink
}

// FeedLink is one feed a page announces.
type FeedLink struct {
	Type, Title, URL string
}

// Alternate is the same page in another language.
type Alternate struct {
	Code    lang.Code
	Name    string
	URL     string
	AbsURL  string
	Current bool
}

// page builds the base data for the current request. The language switcher
// keeps the path and the query string, so filters survive a switch.
func (s *Server) page(c echo.Context, titleID string, kv ...any) Page {
	l := langOf(c)
	loc := s.Bundle.For(l)
	rest := c.Request().URL.Path
	if _, _, ok := i18n.FromPath(rest); ok {
		rest = strings.TrimPrefix(rest, "/")
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[i:]
		} else {
			rest = "/"
		}
	} else {
		rest = "/"
	}
	q := ""
	if raw := c.Request().URL.RawQuery; raw != "" {
		q = "?" + raw
	}
	base := strings.TrimRight(s.BaseURL.String(), "/")
	p := Page{L: loc, Lang: l, Title: loc.T(titleID, kv...), Year: s.Calendar.Now().Year()}
	// Pages outside the language prefix (the secretariat area) switch
	// language with ?lang=, which the language middleware remembers.
	_, _, prefixed := i18n.FromPath(c.Request().URL.Path)
	for _, code := range lang.All {
		u := "/" + string(code) + rest + q
		if !prefixed {
			v := c.Request().URL.Query()
			v.Set("lang", string(code))
			u = c.Request().URL.Path + "?" + v.Encode()
		}
		p.Alternates = append(p.Alternates, Alternate{Code: code, Name: loc.T("language.native." + string(code)),
			URL: u, AbsURL: base + u, Current: code == l})
		if code == l {
			p.Canonical = base + u
		}
	}
	if prefixed && rest == "/" {
		p.XDefault = base + "/"
	}
	return p
}

// viewerZone is the zone times are also shown in: the visitor's own (set by
// the page script as the "tz" cookie) or, without it, the zone of the
// country whose language the visitor reads.
func (s *Server) viewerZone(c echo.Context) *time.Location {
	if ck, err := c.Cookie("tz"); err == nil && len(ck.Value) < 64 && strings.Contains(ck.Value, "/") {
		if loc, err := calendar.LoadZone(ck.Value); err == nil {
			return loc
		}
	}
	zones := map[lang.Code]string{lang.FI: "Europe/Helsinki", lang.SV: "Europe/Stockholm", lang.DA: "Europe/Copenhagen", lang.NO: "Europe/Oslo"}
	if z, ok := zones[langOf(c)]; ok {
		if loc, err := calendar.LoadZone(z); err == nil {
			return loc
		}
	}
	return s.DefaultZone
}
