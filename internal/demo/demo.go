// SPDX-License-Identifier: AGPL-3.0-or-later

// Package demo fills an empty database with a demonstration data set: the
// real organisations, networks and events of Nordic anti-trafficking work,
// plus future events generated relative to the current date so that every
// view of a fresh installation has something to show. People in the data
// set are fictional; contact addresses are under example.org.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// horizonMonths is how far ahead of now the generated events reach.
const horizonMonths = 14

// Load fills an empty database with the demo data set: the real
// organisations, networks and events of domain.md plus generated future
// events relative to now. Everything goes through the services (so it is
// validated). It returns the first error.
//
// The generated part depends only on now: the same now gives the same data.
func Load(ctx context.Context, dir *directory.Service, cal *calendar.Service, now time.Time) error {
	l := &loader{
		ctx:     ctx,
		dir:     dir,
		cal:     cal,
		now:     now,
		base:    calendar.DateOf(now.UTC()),
		horizon: now.AddDate(0, horizonMonths, 0),
		orgs:    map[string]directory.Organisation{},
		nets:    map[string]directory.Network{},
		events:  map[string]int64{},

		confDays: map[calendar.Date]bool{},
	}
	for _, step := range []func(){l.organisations, l.networks, l.directory, l.history, l.documents, l.future, l.protectedDates, l.submissions} {
		step()
		if l.err != nil {
			return l.err
		}
	}
	return nil
}

// loader carries the services and the records created so far; the first
// error stops everything that follows.
type loader struct {
	ctx     context.Context
	dir     *directory.Service
	cal     *calendar.Service
	now     time.Time
	base    calendar.Date // today (UTC)
	horizon time.Time     // generated events start before this
	orgs    map[string]directory.Organisation
	nets    map[string]directory.Network
	// events are the events documents are attached to, by ev.key.
	events map[string]int64
	// confDays are the days taken by a conference so far.
	confDays map[calendar.Date]bool
	err      error
}

func (l *loader) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

// tx is an event's texts by language.
type tx = map[lang.Code]calendar.Text

// t is a title with its description.
func t(title, description string) calendar.Text {
	return calendar.Text{Title: title, Description: description}
}

// ev is the compact form of one demo event.
type ev struct {
	status calendar.Status // Published when empty
	orig   lang.Code
	texts  tx

	day      calendar.Date
	days     int    // > 0: an all-day event lasting that many days
	from, to string // "13:00": a timed event on day (ignored when days > 0)
	zone     string // the country's zone when empty

	venue, address, city string
	country              directory.Country
	att                  calendar.Attendance
	online               string

	cat    calendar.Category
	topics []calendar.Topic
	aud    calendar.Audience
	langs  []string

	orgs, nets []string

	contact, regURL, publicURL string
	regDeadline                calendar.Date

	// key names the event for the documents attached to it (documents.go).
	key string
}

// event turns e into a calendar.Event.
func (l *loader) event(e ev) (calendar.Event, error) {
	out := calendar.Event{
		Status:               e.status,
		Texts:                e.texts,
		OriginalLang:         e.orig,
		Zone:                 e.zone,
		Venue:                e.venue,
		Address:              e.address,
		City:                 e.city,
		Country:              e.country,
		Attendance:           e.att,
		OnlineURL:            e.online,
		Category:             e.cat,
		Topics:               e.topics,
		Audience:             e.aud,
		Languages:            e.langs,
		RegistrationURL:      e.regURL,
		RegistrationDeadline: e.regDeadline,
		ContactEmail:         e.contact,
		PublicURL:            e.publicURL,
	}
	if out.Status == "" {
		out.Status = calendar.Published
	}
	if out.Zone == "" {
		out.Zone = e.country.Zone()
	}
	if e.days > 0 {
		out.AllDay = true
		out.StartDate = e.day
		out.EndDate = e.day.AddDays(e.days - 1)
	} else {
		loc, err := time.LoadLocation(out.Zone)
		if err != nil {
			return out, fmt.Errorf("demo: zone %q: %w", out.Zone, err)
		}
		if out.Start, err = clock(e.day, e.from, loc); err != nil {
			return out, err
		}
		if out.End, err = clock(e.day, e.to, loc); err != nil {
			return out, err
		}
	}
	for _, slug := range e.orgs {
		o, ok := l.orgs[slug]
		if !ok {
			return out, fmt.Errorf("demo: unknown organisation %q", slug)
		}
		out.Organisers = append(out.Organisers, o)
	}
	for _, slug := range e.nets {
		n, ok := l.nets[slug]
		if !ok {
			return out, fmt.Errorf("demo: unknown network %q", slug)
		}
		out.Networks = append(out.Networks, n)
	}
	return out, nil
}

// clock returns hh:mm on d in loc.
func clock(d calendar.Date, hhmm string, loc *time.Location) (time.Time, error) {
	var h, m int
	if _, err := fmt.Sscanf(hhmm, "%d:%d", &h, &m); err != nil {
		return time.Time{}, fmt.Errorf("demo: time %q: %w", hhmm, err)
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc), nil
}

// add creates e as it is (used for the real, dated events).
func (l *loader) add(e ev) {
	if l.err != nil {
		return
	}
	out, err := l.event(e)
	if err != nil {
		l.fail(err)
		return
	}
	if err := l.cal.Create(l.ctx, &out); err != nil {
		l.fail(fmt.Errorf("demo: event %q: %w", e.texts[e.orig].Title, err))
	}
	if e.key != "" {
		l.events[e.key] = out.ID
	}
}

// addFuture creates a generated event unless it falls outside the window
// from now to the horizon, which can happen when a date has been moved
// past a holiday period.
func (l *loader) addFuture(e ev) {
	if l.err != nil {
		return
	}
	out, err := l.event(e)
	if err != nil {
		l.fail(err)
		return
	}
	if !out.AllDay && !out.Start.After(l.now) || out.AllDay && !e.day.After(l.base) {
		return
	}
	if !out.AllDay && !out.Start.Before(l.horizon) || out.AllDay && !e.day.In(time.UTC).Before(l.horizon) {
		return
	}
	l.add(e)
}

// week returns the first day with weekday wd after today + 7*n days, so
// week 0 is the coming seven days.
func (l *loader) week(n int, wd time.Weekday) calendar.Date {
	d := l.base.AddDays(1 + 7*n)
	for d.Weekday() != wd {
		d = d.AddDays(1)
	}
	return d
}

// slot returns week(n, wd) when the days from it are all working days;
// otherwise the same weekday a week later, and so on.
func (l *loader) slot(n int, wd time.Weekday, days int) calendar.Date {
	d := l.week(n, wd)
	for i := 0; i < 12 && !workingDays(d, days); i++ {
		d = d.AddDays(7)
	}
	return d
}

// confSlot is slot for conferences: it also moves past the days already
// taken by another conference, so that the only clash between conferences
// is the deliberate one.
func (l *loader) confSlot(n int, wd time.Weekday, days int) calendar.Date {
	d := l.week(n, wd)
	for i := 0; i < 12 && (!workingDays(d, days) || l.conferenceOn(d, days)); i++ {
		d = d.AddDays(7)
	}
	for i := range days {
		l.confDays[d.AddDays(i)] = true
	}
	return d
}

func (l *loader) conferenceOn(d calendar.Date, days int) bool {
	for i := range days {
		if l.confDays[d.AddDays(i)] {
			return true
		}
	}
	return false
}

// holidayInOslo returns the next 17 May that falls on a weekday, or the
// next Ascension Day when the coming 17 May is a Saturday or Sunday.
func (l *loader) holidayInOslo() calendar.Date {
	d := l.next(time.May, 17)
	if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
		return d
	}
	d = easter(l.base.Year).AddDays(39)
	if !d.After(l.base) {
		d = easter(l.base.Year + 1).AddDays(39)
	}
	return d
}

// strictSlot is slot for recurring meetings: an occurrence that would touch
// a holiday or a quiet period is skipped rather than moved.
func (l *loader) strictSlot(n int, wd time.Weekday, days int) (calendar.Date, bool) {
	d := l.week(n, wd)
	return d, workingDays(d, days)
}

// next returns the first day after today that is month/day.
func (l *loader) next(m time.Month, day int) calendar.Date {
	d := calendar.Date{Year: l.base.Year, Month: m, Day: day}
	if !d.After(l.base) {
		d.Year++
	}
	return d
}

// nearestWeekday returns d when it is a Monday to Friday, the Friday before
// a Saturday and the Monday after a Sunday.
func nearestWeekday(d calendar.Date) calendar.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}

// workingDays reports whether the n days from d are all weekdays outside
// the Nordic public holidays and the quiet periods of summer and Christmas.
func workingDays(d calendar.Date, n int) bool {
	for i := range n {
		day := d.AddDays(i)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || holiday(day) || quiet(day) {
			return false
		}
	}
	return true
}

// quiet reports whether d falls in the Nordic summer holiday (July) or the
// Christmas and New Year break, when hardly anyone holds meetings.
func quiet(d calendar.Date) bool {
	return d.Month == time.July ||
		d.Month == time.December && d.Day >= 20 ||
		d.Month == time.January && d.Day <= 6
}

// holiday reports whether d is a public holiday (or Christmas or
// Midsummer Eve) in at least one of the five Nordic countries. Demo events
// avoid these days, except the one that deliberately falls on one.
func holiday(d calendar.Date) bool {
	switch {
	case d.Month == time.January && (d.Day == 1 || d.Day == 6),
		d.Month == time.May && (d.Day == 1 || d.Day == 17),
		d.Month == time.June && (d.Day == 5 || d.Day == 6 || d.Day == 17),
		d.Month == time.December && (d.Day == 6 || d.Day == 24 || d.Day == 25 || d.Day == 26 || d.Day == 31):
		return true
	case d.Month == time.June && d.Weekday() == time.Friday && d.Day >= 19 && d.Day <= 25:
		return true // Midsummer Eve (Finland, Sweden)
	}
	e := easter(d.Year)
	for _, off := range []int{-3, -2, 0, 1, 39, 49, 50} { // Maundy Thursday to Whit Monday
		if e.AddDays(off) == d {
			return true
		}
	}
	return false
}

// easter returns Easter Sunday of year y in the Gregorian calendar.
func easter(y int) calendar.Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return calendar.Date{Year: y, Month: time.Month(month), Day: day}
}
