// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// Named is a linked name with the language it is in, so templates can set
// lang= on text shown in another language than the page (WCAG 3.1.2).
type Named struct {
	Name string
	Lang lang.Code
	Abbr string
	URL  string
}

// EventView is an event prepared for one reader.
type EventView struct {
	calendar.Event
	PageLang    lang.Code
	URL         string
	ICSURL      string
	Title       string
	TitleLang   lang.Code
	Description string
	DescLang    lang.Code
	// Fallback is set when the title or description is not in the page's language.
	Fallback   bool
	When       string
	ZoneLabel  string
	WhenViewer string
	ViewerZone string
	Place      string
	Organisers []Named
	Networks   []Named
	Category   string
	Status     string
	Attendance string
	Audience   string
	Topics     []string
	Languages  []string
	Country    string
	Deadline   string
	FirstDay   calendar.Date
	// SeriesTag marks a date of a series in lists ("Recurring").
	SeriesTag string
	// AdminURL is the secretariat's page of the event (or of the date).
	AdminURL string
}

// eventView localizes e for l, showing times in the event's zone and, when
// it differs, in viewer.
func eventView(l *i18n.Localizer, e calendar.Event, viewer *time.Location) EventView {
	v := EventView{Event: e, PageLang: l.Lang}
	v.URL, v.SeriesTag = eventLink(l, e)
	v.AdminURL = "/admin/events/" + strconv.FormatInt(e.ID, 10)
	if e.IsOccurrence() {
		v.AdminURL = adminDatePath(e.SeriesID, e.RecurrenceKey)
	}
	v.ICSURL = fmt.Sprintf("/events/%d.ics?lang=%s", e.PageID(), l.Lang)
	v.Title, v.TitleLang = e.Title(l.Lang)
	v.Description, v.DescLang = e.Description(l.Lang)
	v.Fallback = v.TitleLang != l.Lang || (v.Description != "" && v.DescLang != l.Lang)
	v.FirstDay, _ = e.Days()
	v.When = when(l, e, e.Location())
	if !e.AllDay {
		v.ZoneLabel = zoneLabel(l, e.Location(), e.Start)
		if viewer != nil && !sameOffsets(e, viewer) {
			v.WhenViewer = when(l, e, viewer)
			v.ViewerZone = zoneLabel(l, viewer, e.Start)
		}
	}
	var place []string
	for _, s := range []string{e.Venue, e.Address, e.City} {
		if s != "" {
			place = append(place, s)
		}
	}
	if e.Country != "" {
		v.Country = l.T("country." + string(e.Country))
		place = append(place, v.Country)
	}
	v.Place = strings.Join(place, ", ")
	for _, o := range e.Organisers {
		n, nl := o.Name(l.Lang)
		v.Organisers = append(v.Organisers, Named{Name: n, Lang: nl, Abbr: o.Abbreviation,
			URL: fmt.Sprintf("/%s/events?organiser=%s", l.Lang, url.QueryEscape(o.Slug))})
	}
	for _, n := range e.Networks {
		name, nl := n.Name(l.Lang)
		v.Networks = append(v.Networks, Named{Name: name, Lang: nl, Abbr: n.Abbreviation,
			URL: fmt.Sprintf("/%s/events?network=%s", l.Lang, url.QueryEscape(n.Slug))})
	}
	v.Category = l.T("category." + string(e.Category))
	v.Status = l.T("status." + string(e.Status))
	v.Attendance = l.T("attendance." + string(e.Attendance))
	v.Audience = l.T("audience." + string(e.Audience))
	for _, t := range e.Topics {
		v.Topics = append(v.Topics, l.T("topic."+string(t)))
	}
	for _, code := range e.Languages {
		v.Languages = append(v.Languages, l.LangName(code))
	}
	if !e.RegistrationDeadline.IsZero() {
		v.Deadline = l.LongDate(e.RegistrationDeadline)
	}
	return v
}

// when formats the event's dates and times in loc (see i18n.Localizer.When).
func when(l *i18n.Localizer, e calendar.Event, loc *time.Location) string { return l.When(e, loc) }

// zoneLabel names a zone for readers: "Helsinki time, UTC+2".
func zoneLabel(l *i18n.Localizer, loc *time.Location, at time.Time) string {
	return l.ZoneLabel(loc, at)
}

// sameOffsets reports whether viewer shows the event's start and end at
// the same wall-clock times as the event's own zone.
func sameOffsets(e calendar.Event, viewer *time.Location) bool {
	if viewer.String() == e.Zone {
		return true
	}
	loc := e.Location()
	for _, t := range []time.Time{e.Start, e.End} {
		_, a := t.In(loc).Zone()
		_, b := t.In(viewer).Zone()
		if a != b {
			return false
		}
	}
	return true
}

// Option is one choice in a filter select.
type Option struct {
	Value    string
	Label    string
	Lang     lang.Code
	Selected bool
}

// filterOptions are the choices of the filter form, marked with what f selects.
type filterOptions struct {
	Countries   []Option
	Organisers  []Option
	Networks    []Option
	Categories  []Option
	Topics      []Option
	Attendances []Option
	Audiences   []Option
	Languages   []Option
}

func codeOptions[T ~string](l *i18n.Localizer, prefix string, all, selected []T) []Option {
	out := make([]Option, 0, len(all))
	for _, v := range all {
		sel := false
		for _, s := range selected {
			sel = sel || s == v
		}
		out = append(out, Option{Value: string(v), Label: l.T(prefix + string(v)), Lang: l.Lang, Selected: sel})
	}
	return out
}

func buildFilterOptions(l *i18n.Localizer, f calendar.Filter, orgs []directory.Organisation, nets []directory.Network) filterOptions {
	countries := make([]directory.Country, len(directory.Countries))
	for i, c := range directory.Countries {
		countries[i] = c.Code
	}
	o := filterOptions{
		Countries:   codeOptions(l, "country.", countries, f.Countries),
		Categories:  codeOptions(l, "category.", calendar.Categories, f.Categories),
		Topics:      codeOptions(l, "topic.", calendar.Topics, f.Topics),
		Attendances: codeOptions(l, "attendance.", calendar.Attendances, f.Attendances),
		Audiences:   codeOptions(l, "audience.", calendar.Audiences, f.Audiences),
		Languages:   codeOptions(l, "language.", calendar.EventLanguages, f.Languages),
	}
	for _, org := range orgs {
		n, nl := org.Name(l.Lang)
		if org.Abbreviation != "" {
			n += " (" + org.Abbreviation + ")"
		}
		o.Organisers = append(o.Organisers, Option{Value: org.Slug, Label: n, Lang: nl, Selected: slices.Contains(f.Organisers, org.Slug)})
	}
	sortOptions(l, o.Organisers)
	for _, net := range nets {
		n, nl := net.Name(l.Lang)
		o.Networks = append(o.Networks, Option{Value: net.Slug, Label: n, Lang: nl, Selected: slices.Contains(f.Networks, net.Slug)})
	}
	sortOptions(l, o.Networks)
	return o
}

// sortOptions orders options by label in the reader's alphabet.
func sortOptions(l *i18n.Localizer, o []Option) {
	i18n.Sort(l, o, func(opt Option) string { return opt.Label })
}

// Chip is one active filter value with a link that removes it.
type Chip struct {
	Label     string
	Value     string
	RemoveURL string
}

// chips lists the active filter values of f, each with the URL of path
// without that value.
func chips(l *i18n.Localizer, path string, f calendar.Filter, opts filterOptions) []Chip {
	vals := f.Values()
	var out []Chip
	label := func(list []Option, v string) string {
		for _, o := range list {
			if o.Value == v {
				return o.Label
			}
		}
		return v
	}
	lists := map[string][]Option{
		calendar.ParamCountry: opts.Countries, calendar.ParamOrganiser: opts.Organisers, calendar.ParamNetwork: opts.Networks,
		calendar.ParamCategory: opts.Categories, calendar.ParamTopic: opts.Topics,
		calendar.ParamAttendance: opts.Attendances, calendar.ParamAudience: opts.Audiences,
		calendar.ParamLanguage: opts.Languages,
	}
	for _, name := range calendar.FilterParams {
		raw := vals.Get(name)
		if raw == "" {
			continue
		}
		parts := []string{raw}
		if _, multi := lists[name]; multi {
			parts = strings.Split(raw, ",")
		}
		for _, v := range parts {
			rest := url.Values{}
			for k, vs := range vals {
				rest[k] = vs
			}
			var keep []string
			for _, p := range parts {
				if p != v {
					keep = append(keep, p)
				}
			}
			if len(keep) == 0 {
				rest.Del(name)
			} else {
				rest.Set(name, strings.Join(keep, ","))
			}
			shown := v
			if name == calendar.ParamCancelled {
				shown = l.T("filters.cancelled_hidden")
			}
			if list, ok := lists[name]; ok {
				shown = label(list, v)
			} else if d, err := calendar.ParseDate(v); err == nil {
				shown = l.Date(d)
			}
			u := path
			if len(rest) > 0 {
				u += "?" + rest.Encode()
			}
			out = append(out, Chip{Label: l.T(filterLabelID(name)), Value: shown, RemoveURL: u})
		}
	}
	return out
}

// filterLabelID is the message ID of a filter parameter's label: the
// field's, except where the field's name would mislead next to the feed's
// own language.
func filterLabelID(name string) string {
	if name == calendar.ParamLanguage {
		return "filters.language"
	}
	return "field." + name
}

// eventPath is the public page of event id in language l.
func eventPath(l lang.Code, id int64) string {
	return "/" + string(l) + "/events/" + strconv.FormatInt(id, 10)
}
