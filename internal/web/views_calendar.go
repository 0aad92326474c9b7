// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// DayCell is one day of the month grid.
type DayCell struct {
	Date    calendar.Date
	Label   string
	InMonth bool
	Today   bool
	Weekend bool
	Events  []EventView
	// More is how many of the day's Total events are not shown in the cell.
	More, Total int
	ListURL     string
}

// maxPerDay caps the events named in one day cell; the rest are a link
// to that day's list, so a busy day cannot make the grid unreadable.
const maxPerDay = 6

// monthView names an event for a grid cell: title, link and status only.
func monthView(l *i18n.Localizer, e calendar.Event) EventView {
	v := EventView{Event: e, PageLang: l.Lang}
	v.URL, v.SeriesTag = eventLink(l, e)
	v.Title, v.TitleLang = e.Title(l.Lang)
	v.Status = l.T("status." + string(e.Status))
	return v
}

// WeekRow is one ISO week of the month grid.
type WeekRow struct {
	Week  int
	Label string
	Days  []DayCell
}

type monthPage struct {
	Page
	Heading  string
	Weekdays []string
	Weeks    []WeekRow
	PrevURL  string
	NextURL  string
	TodayURL string
	ListURL  string
	YearURL  string
	Chips    []Chip
	Count    int
	Form     FilterForm
}

func (s *Server) today(c echo.Context) calendar.Date { return s.todayIn(s.viewerZone(c)) }

// todayIn is the current date in zone.
func (s *Server) todayIn(zone *time.Location) calendar.Date {
	return calendar.DateOf(s.Calendar.Now().In(zone))
}

func (s *Server) monthCurrent(c echo.Context) error {
	t := s.today(c)
	return s.renderMonth(c, t.Year, t.Month)
}

func (s *Server) month(c echo.Context) error {
	y, err1 := strconv.Atoi(c.Param("year"))
	m, err2 := strconv.Atoi(c.Param("month"))
	if err1 != nil || err2 != nil || y < 2000 || y > 2100 || m < 1 || m > 12 {
		return errNotFound
	}
	return s.renderMonth(c, y, time.Month(m))
}

func (s *Server) renderMonth(c echo.Context, y int, m time.Month) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	first := calendar.Date{Year: y, Month: m, Day: 1}
	last := first.AddDays(32)
	last = calendar.Date{Year: last.Year, Month: last.Month, Day: 1}.AddDays(-1)
	gridStart := first.AddDays(-((int(first.Weekday()) + 6) % 7))
	gridEnd := last.AddDays((7 - int(last.Weekday())) % 7)
	evs, err := s.Calendar.RangeTitles(c.Request().Context(), f, gridStart, gridEnd)
	if err != nil {
		return err
	}
	byDay := map[calendar.Date][]EventView{}
	total := map[calendar.Date]int{}
	for _, e := range evs {
		d0, d1 := e.Days()
		if d0.Before(gridStart) {
			d0 = gridStart
		}
		var v *EventView
		for d := d0; !d.After(d1) && !d.After(gridEnd); d = d.AddDays(1) {
			total[d]++
			if len(byDay[d]) < maxPerDay {
				if v == nil {
					mv := monthView(l, e)
					v = &mv
				}
				byDay[d] = append(byDay[d], *v)
			}
		}
	}
	today := s.today(c)
	q := f.Values()
	p := monthPage{Page: s.page(c, "month.title", "Month", l.MonthYear(y, m)), Heading: l.MonthYear(y, m), Count: len(evs)}
	p.Nav = "calendar"
	for i := 1; i <= 7; i++ {
		p.Weekdays = append(p.Weekdays, i18n.Capital(l.WeekdayName(time.Weekday(i%7))))
	}
	for d := gridStart; !d.After(gridEnd); d = d.AddDays(7) {
		_, w := d.ISOWeek()
		row := WeekRow{Week: w, Label: l.WeekNumber(w)}
		for i := 0; i < 7; i++ {
			day := d.AddDays(i)
			dq := cloneValues(q)
			dq.Set(calendar.ParamFrom, day.String())
			dq.Set(calendar.ParamTo, day.String())
			row.Days = append(row.Days, DayCell{Date: day, Label: l.LongDate(day), InMonth: day.Month == m,
				Today: day == today, Weekend: i >= 5, Events: byDay[day], Total: total[day], More: total[day] - len(byDay[day]),
				ListURL: withQuery("/"+string(l.Lang)+"/events", dq)})
		}
		p.Weeks = append(p.Weeks, row)
	}
	prev, next := first.AddDays(-1), last.AddDays(1)
	base := "/" + string(l.Lang)
	if prev.Year >= 2000 {
		p.PrevURL = withQuery(fmt.Sprintf("%s/calendar/%d/%02d", base, prev.Year, prev.Month), q)
	}
	if next.Year <= 2100 {
		p.NextURL = withQuery(fmt.Sprintf("%s/calendar/%d/%02d", base, next.Year, next.Month), q)
	}
	p.TodayURL = withQuery(base+"/calendar", q)
	p.YearURL = withQuery(fmt.Sprintf("%s/year/%d", base, y), q)
	lq := cloneValues(q)
	lq.Set(calendar.ParamFrom, first.String())
	lq.Set(calendar.ParamTo, last.String())
	p.ListURL = withQuery(base+"/events", lq)
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	action := fmt.Sprintf("%s/calendar/%d/%02d", base, y, m)
	p.Chips = chips(l, action, f, opts)
	p.Form = FilterForm{L: l, Action: action, Filter: f, Options: opts, Submit: l.T("filters.apply")}
	return s.render(c, http.StatusOK, "month.html", p)
}

// filterOptions loads the organisations and networks and builds the
// choices of the filter form in l, marked with what f selects.
func (s *Server) filterOptions(c echo.Context, l *i18n.Localizer, f calendar.Filter) (filterOptions, error) {
	ctx := c.Request().Context()
	orgs, err := s.Directory.Organisations(ctx)
	if err != nil {
		return filterOptions{}, err
	}
	nets, err := s.Directory.Networks(ctx)
	if err != nil {
		return filterOptions{}, err
	}
	return buildFilterOptions(l, f, orgs, nets), nil
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// YearDay is one cell of the year planner.
type YearDay struct {
	Day     int
	Exists  bool
	Count   int
	Label   string
	URL     string
	Today   bool
	Weekend bool
	Week    int
}

// YearMonth is one row of the year planner.
type YearMonth struct {
	Name string
	URL  string
	Days []YearDay
}

type yearPage struct {
	Page
	YearNo  int
	Months  []YearMonth
	DayNums []int
	PrevURL string
	NextURL string
	Chips   []Chip
	Count   int
	Form    FilterForm
}

func (s *Server) yearCurrent(c echo.Context) error { return s.renderYear(c, s.today(c).Year) }

func (s *Server) year(c echo.Context) error {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return errNotFound
	}
	return s.renderYear(c, y)
}

func (s *Server) renderYear(c echo.Context, y int) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	first, last := calendar.Date{Year: y, Month: 1, Day: 1}, calendar.Date{Year: y, Month: 12, Day: 31}
	count, total, err := s.Calendar.DayCounts(c.Request().Context(), f, first, last)
	if err != nil {
		return err
	}
	q := f.Values()
	base := "/" + string(l.Lang)
	today := s.today(c)
	p := yearPage{Page: s.page(c, "year.title", "Year", y), YearNo: y, Count: total}
	p.Nav = "year"
	for d := 1; d <= 31; d++ {
		p.DayNums = append(p.DayNums, d)
	}
	for m := time.January; m <= time.December; m++ {
		row := YearMonth{Name: i18n.Capital(l.MonthName(m)), URL: withQuery(fmt.Sprintf("%s/calendar/%d/%02d", base, y, m), q)}
		for d := 1; d <= 31; d++ {
			date := calendar.Date{Year: y, Month: m, Day: d}
			if calendar.DateOf(date.In(time.UTC)) != date {
				row.Days = append(row.Days, YearDay{Day: d})
				continue
			}
			_, w := date.ISOWeek()
			cell := YearDay{Day: d, Exists: true, Count: count[date], Today: date == today,
				Weekend: date.Weekday() == time.Saturday || date.Weekday() == time.Sunday, Week: w,
				Label: l.LongDate(date)}
			if cell.Count > 0 {
				dq := cloneValues(q)
				dq.Set(calendar.ParamFrom, date.String())
				dq.Set(calendar.ParamTo, date.String())
				cell.URL = withQuery(base+"/events", dq)
			}
			row.Days = append(row.Days, cell)
		}
		p.Months = append(p.Months, row)
	}
	if y > 2000 {
		p.PrevURL = withQuery(fmt.Sprintf("%s/year/%d", base, y-1), q)
	}
	if y < 2100 {
		p.NextURL = withQuery(fmt.Sprintf("%s/year/%d", base, y+1), q)
	}
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	action := fmt.Sprintf("%s/year/%d", base, y)
	p.Chips = chips(l, action, f, opts)
	p.Form = FilterForm{L: l, Action: action, Filter: f, Options: opts, Submit: l.T("filters.apply")}
	return s.render(c, http.StatusOK, "year.html", p)
}
