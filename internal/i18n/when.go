// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// When formats an event's dates and times in loc: the day (or span of
// days) of an all-day event, else the day with the times from and to.
func (l *Localizer) When(e calendar.Event, loc *time.Location) string {
	if e.AllDay {
		if e.StartDate == e.EndDate {
			return l.LongDate(e.StartDate)
		}
		return l.DateRange(e.StartDate, e.EndDate)
	}
	s, t := e.Start.In(loc), e.End.In(loc)
	sd, td := calendar.DateOf(s), calendar.DateOf(t)
	if sd == td || (t.Hour() == 0 && t.Minute() == 0 && sd.AddDays(1) == td) {
		return l.T("format.time_range", "Date", l.LongDate(sd), "From", l.Time(s), "To", l.Time(t))
	}
	return l.T("format.datetime_range", "FromDate", l.Date(sd), "From", l.Time(s), "ToDate", l.Date(td), "To", l.Time(t))
}

// ZoneLabel names a zone for readers at the instant at: "Helsinki time, UTC+2".
func (l *Localizer) ZoneLabel(loc *time.Location, at time.Time) string {
	_, off := at.In(loc).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	utc := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		utc += fmt.Sprintf(":%02d", m)
	}
	if off == 0 {
		utc = "UTC"
	}
	id := "zone." + strings.ToLower(strings.ReplaceAll(loc.String(), "/", "_"))
	name := l.T(id)
	if name == id {
		name = loc.String()
	}
	return l.T("format.zone", "Zone", name, "Offset", utc)
}

// EventWhen is When in the event's own zone, with the zone named for
// timed events: "tiistai 4.11.2025 klo 13.00–15.00 (Helsingin aikaa, UTC+2)".
func (l *Localizer) EventWhen(e calendar.Event) string {
	w := l.When(e, e.Location())
	if e.AllDay {
		return w
	}
	return w + " (" + l.ZoneLabel(e.Location(), e.Start) + ")"
}
