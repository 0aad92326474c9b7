// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"net/url"
	"slices"
	"strings"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// Filter selects events. The zero Filter selects every public event. Its
// query-string form (Values) is a public interface: the codes never change.
type Filter struct {
	Countries   []directory.Country
	Organisers  []string // organisation slugs
	Networks    []string // network slugs
	Categories  []Category
	Topics      []Topic
	Attendances []Attendance
	Audiences   []Audience
	// Languages selects events held in any of these languages
	// (EventLanguages codes).
	Languages []string
	// HideCancelled leaves cancelled events out, for calendars that show
	// them badly; by default they stay, marked, so that subscribers learn
	// of the cancellation.
	HideCancelled bool
	// From and To select events that touch the inclusive day range, counted
	// in each event's own zone. Zero means open-ended.
	From, To Date
	// Query is free text matched against titles, descriptions, places and
	// organisers, ignoring case and accents.
	Query string
}

// Limits on filter input.
const (
	maxFilterValues = 20
	maxQuery        = 200
)

// Query-string parameter names.
const (
	ParamCountry    = "country"
	ParamOrganiser  = "organiser"
	ParamNetwork    = "network"
	ParamCategory   = "category"
	ParamTopic      = "topic"
	ParamAttendance = "attendance"
	ParamAudience   = "audience"
	ParamLanguage   = "language"
	ParamCancelled  = "cancelled"
	ParamFrom       = "from"
	ParamTo         = "to"
	ParamQuery      = "q"
)

// FilterParams lists the parameters FilterFromQuery reads.
var FilterParams = []string{ParamCountry, ParamOrganiser, ParamNetwork, ParamCategory, ParamTopic,
	ParamAttendance, ParamAudience, ParamLanguage, ParamCancelled, ParamFrom, ParamTo, ParamQuery}

// Values of the cancelled parameter: "hide" leaves cancelled events out,
// "show" (the default, never written by Values) keeps them.
const (
	CancelledHide = "hide"
	CancelledShow = "show"
)

// eventLanguage normalises a language code of the language filter:
// lower case, and nb and nn (as browsers say Norwegian) are no.
func eventLanguage(s string) string {
	s = strings.ToLower(s)
	if s == "nb" || s == "nn" {
		return "no"
	}
	return s
}

// values splits repeated and comma-separated parameters into a sorted,
// de-duplicated list.
func values(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func parseCodes[T ~string](f apperr.Fields, q url.Values, name string, known []T, norm func(string) string) []T {
	var out []T
	vs := values(q, name)
	if len(vs) > maxFilterValues {
		f.Add(name, "filter.too_many")
		return nil
	}
	for _, v := range vs {
		c := T(norm(v))
		if !slices.Contains(known, c) {
			f.Add(name, "filter.unknown_value")
			continue
		}
		out = append(out, c)
	}
	return out
}

// FilterFromQuery parses the filter parameters of q. Unknown codes,
// malformed dates and oversized input give an apperr Invalid error naming
// the parameter. Organiser and network slugs are checked for form only; the
// service checks they exist.
func FilterFromQuery(q url.Values) (Filter, error) {
	f := apperr.Fields{}
	var out Filter
	countries := make([]directory.Country, len(directory.Countries))
	for i, c := range directory.Countries {
		countries[i] = c.Code
	}
	out.Countries = parseCodes(f, q, ParamCountry, countries, strings.ToUpper)
	out.Categories = parseCodes(f, q, ParamCategory, Categories, strings.ToLower)
	out.Topics = parseCodes(f, q, ParamTopic, Topics, strings.ToLower)
	out.Attendances = parseCodes(f, q, ParamAttendance, Attendances, strings.ToLower)
	out.Audiences = parseCodes(f, q, ParamAudience, Audiences, strings.ToLower)
	out.Languages = parseCodes(f, q, ParamLanguage, EventLanguages, eventLanguage)
	out.Languages = slices.Compact(out.Languages) // nb and no are one
	switch vs := values(q, ParamCancelled); {
	case len(vs) == 0 || len(vs) == 1 && strings.EqualFold(vs[0], CancelledShow):
	case len(vs) == 1 && strings.EqualFold(vs[0], CancelledHide):
		out.HideCancelled = true
	default:
		f.Add(ParamCancelled, "filter.unknown_value")
	}
	for _, p := range []struct {
		name string
		dst  *[]string
	}{{ParamOrganiser, &out.Organisers}, {ParamNetwork, &out.Networks}} {
		vs := values(q, p.name)
		if len(vs) > maxFilterValues {
			f.Add(p.name, "filter.too_many")
			continue
		}
		for _, v := range vs {
			if !directory.ValidSlug(strings.ToLower(v)) {
				f.Add(p.name, "filter.unknown_value")
				continue
			}
			*p.dst = append(*p.dst, strings.ToLower(v))
		}
	}
	for _, p := range []struct {
		name string
		dst  *Date
	}{{ParamFrom, &out.From}, {ParamTo, &out.To}} {
		s := strings.TrimSpace(q.Get(p.name))
		if s == "" {
			continue
		}
		d, err := ParseDate(s)
		if err != nil || d.Year < 1900 || d.Year > 2200 {
			f.Add(p.name, "filter.bad_date")
			continue
		}
		*p.dst = d
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		f.Add(ParamTo, "filter.to_before_from")
	}
	out.Query = strings.TrimSpace(q.Get(ParamQuery))
	if len([]rune(out.Query)) > maxQuery || hasControl(out.Query, false) {
		f.Add(ParamQuery, "filter.query_too_long")
		out.Query = ""
	}
	if err := f.Err("filter.invalid"); err != nil {
		return Filter{}, err
	}
	return out, nil
}

// Values returns the canonical query-string form of f: sorted,
// comma-joined, only non-empty parameters. Equal filters give equal strings.
func (f Filter) Values() url.Values {
	v := url.Values{}
	set := func(name string, vs []string) {
		if len(vs) > 0 {
			vs = slices.Clone(vs)
			slices.Sort(vs)
			v.Set(name, strings.Join(slices.Compact(vs), ","))
		}
	}
	set(ParamCountry, strs(f.Countries))
	set(ParamOrganiser, f.Organisers)
	set(ParamNetwork, f.Networks)
	set(ParamCategory, strs(f.Categories))
	set(ParamTopic, strs(f.Topics))
	set(ParamAttendance, strs(f.Attendances))
	set(ParamAudience, strs(f.Audiences))
	set(ParamLanguage, f.Languages)
	if f.HideCancelled {
		v.Set(ParamCancelled, CancelledHide)
	}
	if !f.From.IsZero() {
		v.Set(ParamFrom, f.From.String())
	}
	if !f.To.IsZero() {
		v.Set(ParamTo, f.To.String())
	}
	if f.Query != "" {
		v.Set(ParamQuery, f.Query)
	}
	return v
}

// IsZero reports whether f selects everything.
func (f Filter) IsZero() bool { return len(f.Values()) == 0 }

func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
