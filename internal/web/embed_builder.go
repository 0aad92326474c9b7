// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"html"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// The page "Show these events on your site" (/{lang}/subscribe/embed): the
// feed builder's filter form plus the display options, the two snippets a
// partner copies into their site, and a live preview. A GET form, so it
// works without JavaScript.

type embedBuilderPage struct {
	Page
	Form FilterForm
	// EmbedPath is the framed list on this site, for the preview;
	// FrameCode and ScriptCode are the snippets to copy.
	EmbedPath  string
	FrameCode  string
	ScriptCode string
	Describe   string
	Count      int
	FrameTitle string
	Height     int
}

// embedChoices are the values the builder offers for n.
var embedChoices = []int{3, 5, 10, 15, 20, 30, 50}

func (s *Server) embedBuilder(c echo.Context) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	o, err := embedOptionsFrom(c.QueryParams())
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	listLang, err := langParam(c, l.Lang)
	if err != nil {
		return err
	}
	res, err := s.Calendar.List(c.Request().Context(), f, 1, o.N)
	if err != nil {
		return err
	}
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	p := embedBuilderPage{Page: s.page(c, "embed.builder.title"), Count: min(res.Total, o.N)}
	p.Nav = "subscribe"
	p.Describe = filterDescription(l, f, opts)

	langs := langOptions(l, listLang)
	var ns []Option
	seen := false
	for _, n := range embedChoices {
		if !seen && o.N < n {
			ns = append(ns, Option{Value: strconv.Itoa(o.N), Label: l.Number(o.N), Selected: true})
		}
		seen = seen || o.N <= n
		ns = append(ns, Option{Value: strconv.Itoa(n), Label: l.Number(n), Selected: n == o.N})
	}
	choice := func(name string, values []string, cur string) SelectField {
		sf := SelectField{Name: name, Label: l.T("field." + name)}
		for _, v := range values {
			sf.Options = append(sf.Options, Option{Value: v, Label: l.T("embed." + name + "." + v), Selected: v == cur})
		}
		return sf
	}
	p.Form = FilterForm{L: l, Action: "/" + string(l.Lang) + "/subscribe/embed", Filter: f, Options: opts,
		Extra: []SelectField{
			{Name: "lang", Label: l.T("embed.list_lang"), Options: langs},
			{Name: "n", Label: l.T("field.n"), Options: ns},
			choice("style", embedStyles, o.Style),
			choice("filters", embedFilters, o.Filters),
			choice("theme", embedThemes, o.Theme),
		},
		Submit: l.T("embed.builder.build")}

	q := f.Values()
	o.addTo(q)
	p.EmbedPath = withQuery("/embed/"+string(listLang)+"/events", q)
	ll := s.Bundle.For(listLang)
	p.FrameTitle = ll.T("embed.frame_title", "Site", ll.T("site.name"))
	// A first guess at the height; the list scrolls inside the frame when
	// it is taller, and partners adjust the number.
	perEvent := 110
	if o.Style == "compact" {
		perEvent = 70
	}
	p.Height = min(140+p.Count*perEvent, 1200)
	if p.Count == 0 {
		p.Height = 200
	}
	p.FrameCode = `<iframe src="` + html.EscapeString(s.abs(p.EmbedPath)) + `" title="` + html.EscapeString(p.FrameTitle) +
		`" width="100%" height="` + strconv.Itoa(p.Height) + `" loading="lazy"></iframe>`
	p.ScriptCode = scriptSnippet(s.abs(""), listLang, f, o, ll.T("embed.fallback", "Site", ll.T("site.name")),
		s.abs(withQuery("/"+string(listLang)+"/events", f.Values())))
	return s.render(c, http.StatusOK, "embed_builder.html", p)
}

// scriptSnippet is the <div> that embed.js fills, with a plain link to the
// list for readers without JavaScript, and the script tag.
func scriptSnippet(base string, l lang.Code, f calendar.Filter, o embedOptions, fallback, listURL string) string {
	attr := func(name, v string) string { return " data-nordcal-" + name + `="` + html.EscapeString(v) + `"` }
	b := "<div" + attr("events", f.Values().Encode()) + attr("lang", string(l))
	d := url.Values{}
	o.addTo(d)
	for _, name := range []string{"n", "style", "filters", "theme"} {
		if v := d.Get(name); v != "" {
			b += attr(name, v)
		}
	}
	b += ">\n  <a href=\"" + html.EscapeString(listURL) + "\">" + html.EscapeString(fallback) + "</a>\n</div>\n"
	b += `<script src="` + html.EscapeString(base+"/static/js/embed.js") + `" async></script>`
	return b
}
