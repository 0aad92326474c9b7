// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
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
	// it is short.
	Open bool
}

type hiddenField struct{ Name, Value string }

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
		cg := checkGroup{Name: g.name, Legend: l.T(filterLabelID(g.name)), Options: g.opts, Open: len(g.opts) <= 8}
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
