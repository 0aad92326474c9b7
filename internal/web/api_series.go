// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// apiRepeat is how a series repeats: the RRULE value as stored, and the
// same rule in fields when it is one of the kinds the forms offer.
type apiRepeat struct {
	RRule       string   `json:"rrule"`
	Rule        *apiRule `json:"rule,omitempty"`
	Description string   `json:"description"`
	OpenEnded   bool     `json:"open_ended"`
	// RDates and ExDates are recurrence keys (wall clock in the zone).
	RDates  []string `json:"rdates"`
	ExDates []string `json:"exdates"`
}

// apiRule is calendar.Rule in JSON.
type apiRule struct {
	Freq       string   `json:"freq"`
	Interval   int      `json:"interval"`
	Weekdays   []string `json:"weekdays,omitempty"`
	MonthDay   int      `json:"month_day,omitempty"`
	Nth        int      `json:"nth,omitempty"`
	NthWeekday string   `json:"nth_weekday,omitempty"`
	Count      int      `json:"count,omitempty"`
	Until      string   `json:"until,omitempty"`
}

// apiOccurrence is one date of a series with its own changes applied.
type apiOccurrence struct {
	Key        string `json:"recurrence_key"`
	Start      string `json:"start"`
	End        string `json:"end"`
	StartDate  string `json:"start_date"`
	EndDate    string `json:"end_date"`
	Status     string `json:"status"`
	Overridden bool   `json:"overridden"`
	Venue      string `json:"venue,omitempty"`
	City       string `json:"city,omitempty"`
	URL        string `json:"url"`
}

func toAPIRule(r calendar.Rule) *apiRule {
	out := &apiRule{Freq: string(r.Freq), Interval: r.Interval, MonthDay: r.MonthDay, Nth: r.Nth, Count: r.Count}
	for _, d := range r.Weekdays {
		out.Weekdays = append(out.Weekdays, calendar.DayCodes[d])
	}
	if r.Nth != 0 {
		out.NthWeekday = calendar.DayCodes[r.NthWeekday]
	}
	if !r.Until.IsZero() {
		out.Until = r.Until.String()
	}
	return out
}

// apiEvent is GET /api/v1/events/{id}: one public event; for a series its
// rule, extra and excluded dates and changed dates, and with from/to its
// dates in that day range.
func (s *Server) apiEvent(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	l, err := s.responseLang(c)
	if err != nil {
		return err
	}
	from, to, ranged, err := apiRange(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	e, err := s.Calendar.Event(ctx, id)
	if err != nil {
		return err
	}
	out := s.toAPI(l, e)
	if e.IsSeries() {
		ovs, err := s.Calendar.Overrides(ctx, e.ID)
		if err != nil {
			return err
		}
		out.Repeat = seriesRepeat(l, e)
		out.Overrides = []apiEvent{}
		for _, ov := range ovs {
			out.Overrides = append(out.Overrides, s.toAPI(l, ov))
		}
		if ranged {
			if out.Occurrences, err = s.apiOccurrences(l, e, ovs, from, to); err != nil {
				return err
			}
		}
	}
	body, err := json.Marshal(out)
	if err != nil {
		return apperr.Wrap(err)
	}
	return serveBytes(c, body, time.Time{}, jsonType, "public, max-age=60")
}

// apiRange reads the from/to days of the event resource; ranged is false
// when neither is given.
func apiRange(c echo.Context) (from, to calendar.Date, ranged bool, err error) {
	fs, ts := c.QueryParam(calendar.ParamFrom), c.QueryParam(calendar.ParamTo)
	if fs == "" && ts == "" {
		return from, to, false, nil
	}
	if from, err = calendar.ParseDate(fs); err != nil {
		return from, to, false, apperrInvalidField(calendar.ParamFrom, "filter.bad_date")
	}
	to = from.AddDays(365)
	if ts != "" {
		if to, err = calendar.ParseDate(ts); err != nil {
			return from, to, false, apperrInvalidField(calendar.ParamTo, "filter.bad_date")
		}
	}
	if to.Before(from) {
		return from, to, false, apperrInvalidField(calendar.ParamTo, "filter.to_before_from")
	}
	return from, to, true, nil
}

func seriesRepeat(l *i18n.Localizer, e calendar.Event) *apiRepeat {
	r := &apiRepeat{RRule: e.Repeat.Rule, OpenEnded: e.OpenEnded(), RDates: []string{}, ExDates: []string{}}
	r.Description, _ = describeSeries(l, e)
	if rule, ok := calendar.ParseRule(e.Repeat.Rule, e.Location()); ok {
		r.Rule = toAPIRule(rule)
	}
	for _, d := range e.Repeat.RDates {
		r.RDates = append(r.RDates, calendar.RecurrenceKey(d, e.AllDay))
	}
	for _, d := range e.Repeat.ExDates {
		r.ExDates = append(r.ExDates, calendar.RecurrenceKey(d, e.AllDay))
	}
	return r
}

// apiOccurrences lists the dates of series e touching the days from..to
// (in the series' zone), each with its own changes.
func (s *Server) apiOccurrences(l *i18n.Localizer, e calendar.Event, ovs []calendar.Event, from, to calendar.Date) ([]apiOccurrence, error) {
	loc := e.Location()
	occs, err := e.Occurrences(from.In(loc), to.AddDays(1).In(loc), calendar.MaxOccurrences)
	if err != nil {
		return nil, apperr.Wrap(err)
	}
	byKey := make(map[string]calendar.Event, len(ovs))
	for _, ov := range ovs {
		byKey[ov.RecurrenceKey] = ov
	}
	out := []apiOccurrence{}
	for _, o := range occs {
		x, changed := byKey[calendar.RecurrenceKey(o.Key, e.AllDay)]
		if !changed {
			x = e.Instance(o)
		}
		first, last := x.Days()
		path, _ := eventLink(l, x)
		out = append(out, apiOccurrence{Key: x.RecurrenceKey, Start: x.Start.In(x.Location()).Format(time.RFC3339),
			End: x.End.In(x.Location()).Format(time.RFC3339), StartDate: first.String(), EndDate: last.String(),
			Status: string(x.Status), Overridden: changed, Venue: x.Venue, City: x.City, URL: s.abs(path)})
	}
	return out, nil
}
