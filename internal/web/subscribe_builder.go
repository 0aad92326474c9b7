// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"html/template"
	"net/url"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// feedBuilder is the form of the subscribe page (partials/feed_builder.html):
// checkboxes, so that several values of each filter can be chosen without
// JavaScript. It submits with GET to the subscribe page, which shows the
// addresses of the feed with exactly those filters.
type feedBuilder struct {
	L      *i18n.Localizer
	Action string
	Query  string
	Groups []checkGroup
	// FeedLangs are the languages of the feed's texts (lang).
	FeedLangs     []Option
	HideCancelled bool
	// Hidden keeps the filters the form has no field for (from, to).
	Hidden []hiddenField
}

// checkGroup is one filter as a group of checkboxes.
type checkGroup struct {
	Name, Legend string
	Options      []Option
	// Open shows the group unfolded: when something in it is chosen, or
	// it is short (the fixed lists are; organisers and networks are long).
	Open bool
}

type hiddenField struct{ Name, Value string }

// subscribePath is the subscribe page in language l with f filled in:
// where the directory sends readers who want an organisation's or a
// network's events in their calendar, rather than to a raw .ics download.
func subscribePath(l lang.Code, f calendar.Filter) string {
	return withQuery("/"+string(l)+"/subscribe", f.Values())
}

// newFeedBuilder fills the builder with f's choices.
func newFeedBuilder(l *i18n.Localizer, action string, f calendar.Filter, opts filterOptions, feedLangs []Option) feedBuilder {
	b := feedBuilder{L: l, Action: action, Query: f.Query, FeedLangs: feedLangs, HideCancelled: f.HideCancelled}
	for _, g := range []struct {
		name string
		opts []Option
	}{
		{calendar.ParamCountry, opts.Countries}, {calendar.ParamOrganiser, opts.Organisers},
		{calendar.ParamNetwork, opts.Networks}, {calendar.ParamCategory, opts.Categories},
		{calendar.ParamTopic, opts.Topics}, {calendar.ParamLanguage, opts.Languages},
		{calendar.ParamAttendance, opts.Attendances}, {calendar.ParamAudience, opts.Audiences},
	} {
		cg := checkGroup{Name: g.name, Legend: l.T(filterLabelID(g.name)), Options: g.opts, Open: len(g.opts) <= 15}
		for _, o := range g.opts {
			cg.Open = cg.Open || o.Selected
		}
		b.Groups = append(b.Groups, cg)
	}
	v := f.Values()
	for _, name := range []string{calendar.ParamFrom, calendar.ParamTo} {
		if x := v.Get(name); x != "" {
			b.Hidden = append(b.Hidden, hiddenField{Name: name, Value: x})
		}
	}
	return b
}

// SubscribeButton is one calendar program's one-click subscription: a
// link that opens the program with the feed, and what to expect then.
// URL is a template.URL because html/template replaces any scheme other
// than http, https and mailto (webcal: here) with "#ZgotmplZ"; every URL
// is built here from the base URL and the canonical, escaped filter.
type SubscribeButton struct {
	ID, Label, Expect string
	URL               template.URL
}

// subscribeButtons are the one-click links for the feed at httpsURL
// (webcal is the same address with the webcal scheme) named name.
//
// Google Calendar takes the webcal address as cid of /calendar/render;
// Outlook on the web takes the https address and a name at
// /calendar/0/addfromweb, on outlook.office.com for work and school
// accounts (Microsoft 365) and on outlook.live.com for personal ones.
// Apple Calendar and Thunderbird open webcal: links themselves.
func subscribeButtons(l *i18n.Localizer, httpsURL, webcal, name string) []SubscribeButton {
	addFromWeb := "/calendar/0/addfromweb?" + url.Values{"url": {httpsURL}, "name": {name}}.Encode()
	out := []SubscribeButton{
		{ID: "google", URL: template.URL("https://calendar.google.com/calendar/render?" + url.Values{"cid": {webcal}}.Encode())}, //nolint:gosec // built here
		{ID: "outlook365", URL: template.URL("https://outlook.office.com" + addFromWeb)},                                         //nolint:gosec // built here
		{ID: "outlookcom", URL: template.URL("https://outlook.live.com" + addFromWeb)},                                           //nolint:gosec // built here
		{ID: "apple", URL: template.URL(webcal)},                                                                                 //nolint:gosec // built here
		{ID: "thunderbird", URL: template.URL(webcal)},                                                                           //nolint:gosec // built here
	}
	for i := range out {
		out[i].Label = l.T("subscribe.button." + out[i].ID)
		out[i].Expect = l.T("subscribe.expect." + out[i].ID)
	}
	return out
}
