// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// SeriesView is a series prepared for one reader: its rule in words, its
// next dates (changes applied) and its changed and cancelled dates.
type SeriesView struct {
	Description string
	// Raw is set when the rule is one the forms cannot read (imported):
	// Description is then the rule as it is.
	Raw   bool
	Dates []SeriesDate
	// More says how many further dates there are ("and 6 more dates").
	More string
	// ShownUntil says how far ahead an open-ended series is shown.
	ShownUntil string
	Changed    []SeriesDate
	Cancelled  []SeriesDate
}

// SeriesDate is one date of a series.
type SeriesDate struct {
	Key       string
	When      string
	Place     string
	URL       string
	Changed   bool
	Cancelled bool
}

// seriesOptions say which dates a SeriesView lists and where they link.
type seriesOptions struct {
	// From is the first instant whose dates are listed; N how many.
	From time.Time
	N    int
	// Link gives a date's address; nil for none.
	Link func(key string) string
}

// seriesView describes series e for l, with its overrides.
func seriesView(l *i18n.Localizer, e calendar.Event, overrides []calendar.Event, now time.Time, o seriesOptions) *SeriesView {
	if !e.IsSeries() {
		return nil
	}
	v := &SeriesView{}
	v.Description, v.Raw = describeSeries(l, e)
	byKey := make(map[string]calendar.Event, len(overrides))
	for _, ov := range overrides {
		byKey[ov.RecurrenceKey] = ov
	}
	date := func(x calendar.Event, changed bool) SeriesDate {
		d := SeriesDate{Key: x.RecurrenceKey, When: when(l, x, x.Location()), Changed: changed,
			Cancelled: x.Status == calendar.Cancelled}
		if changed {
			d.Place = placeOf(l, x)
		}
		if o.Link != nil {
			d.URL = o.Link(x.RecurrenceKey)
		}
		return d
	}
	end := e.SeriesEnd(now)
	occs, err := e.Occurrences(o.From, end, calendar.MaxOccurrences)
	if err == nil {
		for i, oc := range occs {
			if i == o.N {
				v.More = l.N("series.more", len(occs)-o.N)
				break
			}
			x, changed := byKey[calendar.RecurrenceKey(oc.Key, e.AllDay)]
			if !changed {
				x = e.Instance(oc)
			}
			v.Dates = append(v.Dates, date(x, changed))
		}
	}
	if e.OpenEnded() {
		v.ShownUntil = l.T("event.series.shown_until", "Date", l.TextDate(calendar.DateOf(end.In(e.Location()))))
	}
	for _, ov := range overrides {
		if ov.Status == calendar.Cancelled && e.Status != calendar.Cancelled {
			v.Cancelled = append(v.Cancelled, date(ov, true))
		} else {
			v.Changed = append(v.Changed, date(ov, true))
		}
	}
	for _, ex := range e.Repeat.ExDates {
		d := SeriesDate{Key: calendar.RecurrenceKey(ex, e.AllDay), When: l.TextDate(calendar.DateOf(ex)), Cancelled: true}
		if !e.AllDay {
			d.When += " " + l.Time(ex)
		}
		v.Cancelled = append(v.Cancelled, d)
	}
	return v
}

// describeSeries is series e's rule in words, or as it is (raw) when
// the forms cannot read it.
func describeSeries(l *i18n.Localizer, e calendar.Event) (text string, raw bool) {
	first, _ := e.Days()
	if r, ok := calendar.ParseRule(e.Repeat.Rule, e.Location()); ok {
		return i18n.Capital(l.Repeat(r, first)), false
	}
	return e.Repeat.Rule, true
}

// publicSeriesDates is how many coming dates a series' page lists.
const publicSeriesDates = 10

// seriesPage prepares the series part of the event page. With ?date=KEY
// the page is that date's: e becomes the date (its own time and place)
// and the view only names the rule; otherwise it lists the next dates and
// the changed and cancelled ones.
func (s *Server) seriesPage(c echo.Context, l *i18n.Localizer, e *calendar.Event) (*SeriesView, error) {
	key := c.QueryParam("date")
	if !e.IsSeries() {
		if key != "" {
			return nil, errNotFound
		}
		return nil, nil
	}
	ctx := c.Request().Context()
	if key != "" {
		if _, ok := calendar.ParseRecurrenceKey(key); !ok {
			return nil, errNotFound
		}
		date, err := s.Calendar.PublicOccurrence(ctx, e.ID, key)
		if err != nil {
			return nil, err
		}
		v := &SeriesView{}
		v.Description, v.Raw = describeSeries(l, *e)
		*e = date
		return v, nil
	}
	ovs, err := s.Calendar.Overrides(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	now := s.Calendar.Now()
	return seriesView(l, *e, ovs, now, seriesOptions{From: now, N: publicSeriesDates,
		Link: func(k string) string { return seriesDatePath(l.Lang, e.ID, k) }}), nil
}

// placeOf is the place of e in one line.
func placeOf(l *i18n.Localizer, e calendar.Event) string {
	var place []string
	for _, s := range []string{e.Venue, e.City} {
		if s != "" {
			place = append(place, s)
		}
	}
	if e.Country != "" {
		place = append(place, l.T("country."+string(e.Country)))
	}
	return strings.Join(place, ", ")
}

// eventLink is the address of e's page and, for a date of a series, the
// tag that marks it in lists. An occurrence's row is rewritten when its
// series is saved: it is named by the series and its key.
func eventLink(l *i18n.Localizer, e calendar.Event) (path, tag string) {
	if e.IsOccurrence() {
		return seriesDatePath(l.Lang, e.SeriesID, e.RecurrenceKey), l.T("series.tag")
	}
	return eventPath(l.Lang, e.ID), ""
}

// seriesDatePath is the public address of one date of series id.
func seriesDatePath(l lang.Code, id int64, key string) string {
	return eventPath(l, id) + "?date=" + url.QueryEscape(key)
}
