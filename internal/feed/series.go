// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
)

// Series in a feed
//
// A series is one VEVENT: DTSTART and DTEND of its first date, its RRULE,
// and EXDATE and RDATE in the same value type as DTSTART (a local time
// with the TZID of the VTIMEZONE, or VALUE=DATE for whole days). Each date
// changed on its own is one more VEVENT with the series' UID, a
// RECURRENCE-ID naming the original date in that same value type, and its
// own SEQUENCE and LAST-MODIFIED; the store keeps an override's SEQUENCE at
// least the series'.
//
// A date cancelled on its own is written as a CANCELLED override, not as an
// EXDATE, while it is within the feed's cancellation window, and becomes an
// EXDATE of the series once it is older (calendar.Service.Feed does that).
// The clients differ as they do for single events (shared/ical.md 1.4 and
// item 8): Google hides STATUS:CANCELLED, which is what an EXDATE gives
// too; Apple Calendar and Thunderbird cross the date out, so that people
// see it was cancelled rather than wonder where it went; Outlook ignores
// STATUS and would show the meeting as if it took place, hence the same
// localised "Cancelled: " SUMMARY prefix as a cancelled single event. An
// EXDATE would make the date silently vanish in every client, and a
// subscriber who had noted it would not learn why. Past the window nobody
// needs the notice, and the EXDATE keeps old feeds small.

// isOverride reports whether e is one date of a series, written with the
// series' UID and a RECURRENCE-ID.
func isOverride(e *calendar.Event) bool {
	return e.SeriesID != 0 && e.RecurrenceKey != ""
}

// identity is what must be unique in a feed: the UID, and the
// RECURRENCE-ID of an override.
func identity(x *entry) string {
	if isOverride(x.e) {
		return x.uid + "\x00" + x.e.RecurrenceKey
	}
	return x.uid
}

// seriesTiming is the timing of a series' master: its zone is always
// written as TZID (the rule is expanded in local time, RFC 5545 3.3.10),
// and its last year is that of its last date, for the VTIMEZONE.
func (b *builder) seriesTiming(e *calendar.Event, t timing) timing {
	if t.allDay {
		return t
	}
	if loc := b.eventZone(e.Zone); loc != nil {
		t.loc = loc
	}
	return t
}

// seriesLast is the end of the last date of series e (its first date's
// end when it cannot be expanded), for the years of the VTIMEZONE.
func seriesLast(e *calendar.Event) time.Time {
	last := e.End
	occ, err := e.Occurrences(e.Start, e.Start.AddDate(calendar.MaxSeriesYears, 0, 1), calendar.MaxOccurrences)
	if err == nil && len(occ) > 0 {
		if end := occ[len(occ)-1].End; end.After(last) {
			last = end
		}
	}
	for _, d := range e.Repeat.RDates {
		if end := d.Add(e.End.Sub(e.Start) + 14*time.Hour); end.After(last) {
			last = end
		}
	}
	return last
}

// writeRepeat adds RRULE, EXDATE and RDATE to the master of a series, and
// RECURRENCE-ID to an override, in the zone of its series' DTSTART.
func (b *builder) writeRepeat(ev *ics.VEvent, x *entry) {
	e := x.e
	if isOverride(e) {
		key, ok := calendar.ParseRecurrenceKey(e.RecurrenceKey)
		if !ok {
			return
		}
		value, params := b.wallValue(key, e.AllDay, x.seriesLoc)
		add(ev, ics.ComponentPropertyRecurrenceId, value, params)
		return
	}
	if !e.IsSeries() {
		return
	}
	add(ev, ics.ComponentPropertyRrule, cleanLine(e.Repeat.Rule), nil)
	b.addDates(ev, ics.ComponentPropertyExdate, e.Repeat.ExDates, e.AllDay, x.t.loc)
	b.addDates(ev, ics.ComponentPropertyRdate, e.Repeat.RDates, e.AllDay, x.t.loc)
}

// addDates adds one property listing dates (wall clock carried in UTC).
func (b *builder) addDates(ev *ics.VEvent, prop ics.ComponentProperty, dates []time.Time, allDay bool, loc *time.Location) {
	if len(dates) == 0 {
		return
	}
	values := make([]string, len(dates))
	var params map[string][]string
	for i, d := range dates {
		values[i], params = b.wallValue(d, allDay, loc)
	}
	add(ev, prop, strings.Join(values, ","), params)
}

// wallValue writes a wall-clock time w of a series in loc as DTSTART is
// written: VALUE=DATE for whole days, local time with TZID, or UTC when
// the series has no zone of its own.
func (b *builder) wallValue(w time.Time, allDay bool, loc *time.Location) (string, map[string][]string) {
	if allDay {
		return w.Format("20060102"), b.dateParams
	}
	if loc == nil {
		return w.Format(utcLayout), nil
	}
	return w.Format(localLayout), b.tzidParams(loc)
}
