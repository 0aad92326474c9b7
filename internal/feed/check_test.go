// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// checkLines asserts the octet-level rules of RFC 5545 §3.1: every line
// ends in CRLF, there is no CR or LF anywhere else, and no line is longer
// than 75 octets or splits a UTF-8 character.
func checkLines(t testing.TB, body []byte) {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("feed does not end with CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a character split by folding?): %q", i+1, l)
		}
		if len(l) == 0 {
			t.Errorf("line %d is empty", i+1)
		}
	}
}

// parsed is a feed read back with golang-ical.
type parsed struct {
	cal    *ics.Calendar
	events []*ics.VEvent
	zones  map[string]*ics.VTimezone
}

// parse reads body back and checks what every feed must satisfy: the
// calendar properties, one VTIMEZONE per TZID used and declared before the
// events, and per event UID, DTSTAMP, DTSTART, DTEND after DTSTART,
// ORGANIZER under METHOD:PUBLISH, and no property the writer never writes.
func parse(t testing.TB, body []byte) parsed {
	t.Helper()
	checkLines(t, body)
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the feed: %v\n%s", err, body)
	}
	p := parsed{cal: cal, zones: map[string]*ics.VTimezone{}}
	calProps := map[string][]string{}
	for _, cp := range cal.CalendarProperties {
		calProps[cp.IANAToken] = append(calProps[cp.IANAToken], cp.Value)
	}
	for prop, want := range map[string]string{"VERSION": "2.0", "PRODID": "-//nordcal//nordcal 1.0//EN", "CALSCALE": "GREGORIAN",
		"REFRESH-INTERVAL": "PT1H", "X-PUBLISHED-TTL": "PT1H"} {
		if got := calProps[prop]; len(got) != 1 || got[0] != want {
			t.Errorf("VCALENDAR %s = %q, want exactly %q", prop, got, want)
		}
	}
	if n, x := calProps["NAME"], calProps["X-WR-CALNAME"]; len(n) > 1 || len(n) != len(x) || (len(n) == 1 && n[0] != x[0]) {
		t.Errorf("NAME %q and X-WR-CALNAME %q differ", n, x)
	}
	publish := len(calProps["METHOD"]) == 1 && calProps["METHOD"][0] == "PUBLISH"
	if m := calProps["METHOD"]; len(m) > 0 && !publish {
		t.Errorf("METHOD = %q", m)
	}

	sawEvent := false
	for _, c := range cal.Components {
		switch c := c.(type) {
		case *ics.VTimezone:
			if sawEvent {
				t.Errorf("a VTIMEZONE follows a VEVENT")
			}
			id := c.GetProperty(ics.ComponentPropertyTzid)
			if id == nil || id.Value == "" {
				t.Fatalf("VTIMEZONE without TZID")
			}
			if p.zones[id.Value] != nil {
				t.Errorf("two VTIMEZONEs for %s", id.Value)
			}
			p.zones[id.Value] = c
			if len(c.Components) == 0 {
				t.Errorf("VTIMEZONE %s has no STANDARD or DAYLIGHT", id.Value)
			}
		case *ics.VEvent:
			sawEvent = true
			p.events = append(p.events, c)
		default:
			t.Errorf("unexpected component %T", c)
		}
	}
	used := map[string]bool{}
	for _, e := range p.events {
		uid := value(e, ics.ComponentPropertyUniqueId)
		for _, prop := range []ics.ComponentProperty{ics.ComponentPropertyUniqueId, ics.ComponentPropertyDtstamp,
			ics.ComponentPropertyDtStart, ics.ComponentPropertySequence, ics.ComponentPropertyStatus, ics.ComponentPropertySummary} {
			if n := len(e.GetProperties(prop)); n != 1 {
				t.Errorf("event %s has %d %s", uid, n, prop)
			}
		}
		if publish && len(e.GetProperties(ics.ComponentPropertyOrganizer)) != 1 {
			t.Errorf("event %s has no ORGANIZER under METHOD:PUBLISH", uid)
		}
		if s := value(e, ics.ComponentPropertyDtstamp); !strings.HasSuffix(s, "Z") {
			t.Errorf("event %s DTSTAMP %q is not UTC", uid, s)
		}
		for _, prop := range e.Properties {
			switch prop.IANAToken {
			case "UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "STATUS", "SUMMARY", "DTSTART", "DTEND",
				"LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "CATEGORIES", "ORGANIZER", "CLASS", "TRANSP", "RRULE":
			case "RECURRENCE-ID", "EXDATE", "RDATE":
				// The value type and zone of DTSTART (RFC 5545 3.8.4.4,
				// 3.8.5.1, 3.8.5.2).
				for _, k := range []string{"TZID", "VALUE"} {
					if got, want := param(e, ics.ComponentProperty(prop.IANAToken), k), param(e, ics.ComponentPropertyDtStart, k); got != want {
						t.Errorf("event %s: %s %s=%q, DTSTART has %q", uid, prop.IANAToken, k, got, want)
					}
				}
			case "CONTACT":
				for k := range prop.ICalParameters {
					if k != "ALTREP" && k != "LANGUAGE" {
						t.Errorf("event %s has CONTACT with the parameter %s", uid, k)
					}
				}
			default:
				t.Errorf("event %s has an unexpected property %s:%s", uid, prop.IANAToken, prop.Value)
			}
			if tz := prop.ICalParameters["TZID"]; len(tz) > 0 {
				used[tz[0]] = true
			}
		}
		start, end := eventTimes(t, e, p.zones)
		if !end.IsZero() && !end.After(start) {
			t.Errorf("event %s: DTEND %v is not after DTSTART %v", uid, end, start)
		}
	}
	for tz := range used {
		if p.zones[tz] == nil {
			t.Errorf("TZID %s is used but has no VTIMEZONE", tz)
		}
	}
	for tz := range p.zones {
		if !used[tz] {
			t.Errorf("VTIMEZONE %s is not used", tz)
		}
	}
	return p
}

func value(c interface {
	GetProperty(ics.ComponentProperty) *ics.IANAProperty
}, prop ics.ComponentProperty) string {
	if p := c.GetProperty(prop); p != nil {
		return p.Value
	}
	return ""
}

func param(e *ics.VEvent, prop ics.ComponentProperty, name string) string {
	if p := e.GetProperty(prop); p != nil && len(p.ICalParameters[name]) == 1 {
		return p.ICalParameters[name][0]
	}
	return ""
}

// eventTimes returns an event's DTSTART and DTEND (zero when absent) as
// instants, reading TZID times through the feed's own VTIMEZONE. Dates are
// returned as midnight UTC.
func eventTimes(t testing.TB, e *ics.VEvent, zones map[string]*ics.VTimezone) (start, end time.Time) {
	t.Helper()
	read := func(prop ics.ComponentProperty) time.Time {
		p := e.GetProperty(prop)
		if p == nil {
			return time.Time{}
		}
		if len(p.ICalParameters["VALUE"]) == 1 && p.ICalParameters["VALUE"][0] == "DATE" {
			d, err := time.Parse("20060102", p.Value)
			if err != nil {
				t.Fatalf("%s %q is not a DATE", prop, p.Value)
			}
			return d
		}
		if strings.HasSuffix(p.Value, "Z") {
			d, err := time.Parse("20060102T150405Z", p.Value)
			if err != nil {
				t.Fatalf("%s %q is not a UTC DATE-TIME", prop, p.Value)
			}
			return d
		}
		tz := p.ICalParameters["TZID"]
		if len(tz) != 1 || zones[tz[0]] == nil {
			t.Fatalf("%s %q is floating or its TZID has no VTIMEZONE", prop, p.Value)
		}
		wall, err := time.Parse("20060102T150405", p.Value)
		if err != nil {
			t.Fatalf("%s %q is not a DATE-TIME", prop, p.Value)
		}
		return readVTimezone(t, zones[tz[0]]).toUTC(wall)
	}
	return read(ics.ComponentPropertyDtStart), read(ics.ComponentPropertyDtEnd)
}
