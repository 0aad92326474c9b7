// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

type apiClashReport struct {
	First        string           `json:"first"`
	Last         string           `json:"last"`
	Worst        string           `json:"worst"`
	Summary      string           `json:"summary"`
	Countries    []string         `json:"countries"`
	Warnings     []apiWarning     `json:"warnings"`
	MorePending  string           `json:"more_pending,omitempty"`
	Alternatives []apiAlternative `json:"alternatives"`
	// Series is the check of every date of a series; absent for one event.
	Series *apiSeriesClashes `json:"series,omitempty"`
}

type apiWarning struct {
	Kind    string   `json:"kind"`
	Level   string   `json:"level"`
	Label   string   `json:"level_label"`
	Title   string   `json:"title"`
	Lang    string   `json:"title_lang"`
	When    string   `json:"when"`
	URL     string   `json:"url,omitempty"`
	Reasons []string `json:"reasons"`
}

type apiAlternative struct {
	First string `json:"first"`
	Last  string `json:"last"`
	Label string `json:"label"`
}

// clashQuery reads the candidate event of /api/v1/clashes: start and end
// as dates (whole days) or local date-times (YYYY-MM-DDTHH:MM) in zone,
// which defaults to the country's.
func (s *Server) clashQuery(c echo.Context) (calendar.Event, error) {
	q := c.QueryParams()
	fe := apperr.Fields{}
	e := calendar.Event{Status: calendar.Pending, Attendance: calendar.OnSite, Audience: calendar.Open}
	if v := q.Get("country"); v != "" {
		country, ok := directory.ParseCountry(v)
		if !ok {
			fe.Add("country", "validation.country.unknown")
		}
		e.Country = country
	}
	e.Zone = q.Get("zone")
	if e.Zone == "" {
		e.Zone = e.Country.Zone()
	}
	loc, err := calendar.LoadZone(e.Zone)
	if err != nil {
		fe.Add("zone", "validation.zone")
		loc = time.UTC
	}
	if v := q.Get("category"); v != "" {
		e.Category = calendar.Category(v)
		if !slicesContains(calendar.Categories, e.Category) {
			fe.Add("category", "validation.choice")
		}
	}
	if v := q.Get("city"); len(v) <= calendar.MaxShort {
		e.City = v
	}
	for _, t := range q["topic"] {
		if !slicesContains(calendar.Topics, calendar.Topic(t)) {
			fe.Add("topic", "validation.choice")
		}
		e.Topics = append(e.Topics, calendar.Topic(t))
	}
	ctx := c.Request().Context()
	for _, slug := range q["network"] {
		n, err := s.Directory.NetworkBySlug(ctx, slug)
		if err != nil {
			fe.Add("network", "filter.unknown_value")
			continue
		}
		e.Networks = append(e.Networks, n)
	}
	for _, slug := range q["organiser"] {
		o, err := s.Directory.OrganisationBySlug(ctx, slug)
		if err != nil {
			fe.Add("organiser", "filter.unknown_value")
			continue
		}
		e.Organisers = append(e.Organisers, o)
	}
	// The form's script sends IDs; unknown ones are refused by the check.
	for name, add := range map[string]func(int64){
		"network_id":   func(id int64) { e.Networks = append(e.Networks, directory.Network{ID: id}) },
		"organiser_id": func(id int64) { e.Organisers = append(e.Organisers, directory.Organisation{ID: id}) },
	} {
		for _, v := range q[name] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				fe.Add(name, "filter.unknown_value")
				continue
			}
			add(id)
		}
	}
	if v := q.Get("exclude"); v != "" {
		e.ID, _ = strconv.ParseInt(v, 10, 64)
	}
	start, end := q.Get("start"), q.Get("end")
	if end == "" {
		end = start
	}
	switch {
	case start == "":
		fe.Add("start", "validation.required")
	case len(start) == 10 && len(end) == 10:
		e.AllDay = true
		var err1, err2 error
		e.StartDate, err1 = calendar.ParseDate(start)
		e.EndDate, err2 = calendar.ParseDate(end)
		if err1 != nil {
			fe.Add("start", "validation.date")
		}
		if err2 != nil {
			fe.Add("end", "validation.date")
		} else if err1 == nil && e.EndDate.Before(e.StartDate) {
			fe.Add("end", "validation.end_before_start")
		} else if err1 == nil && e.StartDate.DaysUntil(e.EndDate) > 60 {
			fe.Add("end", "validation.too_long_span")
		}
		if err1 == nil && (e.StartDate.Year < 2000 || e.StartDate.Year > 2100) {
			fe.Add("start", "validation.date_range")
		}
	default:
		st, err1 := time.ParseInLocation("2006-01-02T15:04", start, loc)
		en, err2 := time.ParseInLocation("2006-01-02T15:04", end, loc)
		if err1 != nil {
			fe.Add("start", "validation.date")
		}
		if err2 != nil {
			fe.Add("end", "validation.date")
		} else if err1 == nil && !en.After(st) {
			fe.Add("end", "validation.end_before_start")
		} else if err1 == nil && en.Sub(st) > calendar.MaxSpan {
			fe.Add("end", "validation.too_long_span")
		}
		if err1 == nil && (st.Year() < 2000 || st.Year() > 2100) {
			fe.Add("start", "validation.date_range")
		}
		e.Start, e.End = st.UTC(), en.UTC()
	}
	// A series: rrule is the RRULE value (FREQ=MONTHLY;BYDAY=1TU;COUNT=12),
	// its first date start and end.
	if r := q.Get("rrule"); r != "" && len(fe) == 0 {
		if e.AllDay {
			e.Start, e.End = e.StartDate.In(loc).UTC(), e.EndDate.AddDays(1).In(loc).UTC()
		}
		e.Repeat.Rule = r
		if len(r) > calendar.MaxShort {
			fe.Add("rrule", "validation.repeat.rule")
		} else {
			rf := apperr.Fields{}
			e.ValidateRepeat(rf, true)
			for _, msg := range rf {
				fe.Add("rrule", msg)
			}
		}
	}
	return e, fe.Err("filter.invalid")
}

func slicesContains[T comparable](all []T, v T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

// apiClashes is the clash check as JSON, for the form's script and for
// other systems.
func (s *Server) apiClashes(c echo.Context) error {
	l, err := s.responseLang(c)
	if err != nil {
		return err
	}
	e, err := s.clashQuery(c)
	if err != nil {
		return err
	}
	r, err := s.Calendar.Clashes(c.Request().Context(), e)
	if err != nil {
		return err
	}
	v := s.reportView(l, r)
	out := apiClashReport{First: r.First.String(), Last: r.Last.String(), Worst: v.Worst, Summary: v.Summary, MorePending: v.MorePending,
		Countries: []string{}, Warnings: []apiWarning{}, Alternatives: []apiAlternative{}}
	for _, c := range r.Countries {
		out.Countries = append(out.Countries, string(c))
	}
	for _, w := range v.Items {
		u := w.URL
		if u != "" && !strings.HasPrefix(u, "http") {
			u = s.absURL(u)
		}
		out.Warnings = append(out.Warnings, apiWarning{Kind: w.Kind, Level: w.Level, Label: w.LevelLabel, Title: w.Title,
			Lang: string(w.TitleLang), When: w.When, URL: u, Reasons: w.Reasons})
	}
	for _, a := range v.Alternatives {
		out.Alternatives = append(out.Alternatives, apiAlternative(a))
	}
	out.Series = apiSeries(r.Series, v.Series)
	body, err := json.Marshal(out)
	if err != nil {
		return apperr.Wrap(err)
	}
	return serveBytes(c, body, time.Time{}, jsonType, "no-store")
}
