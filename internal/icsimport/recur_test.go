// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestRecurrence(t *testing.T) {
	run := func(t *testing.T, opt icsimport.Options, lines ...string) []icsimport.Item {
		t.Helper()
		return mustParse(t, vcal(lines...), opt)
	}
	uids := func(items []icsimport.Item) string {
		var s []string
		for _, it := range items {
			s = append(s, strings.TrimPrefix(it.Event.UID, "r/"))
		}
		return strings.Join(s, " ")
	}
	t.Run("window starts 30 days back and ends two years ahead", func(t *testing.T) {
		items := run(t, icsimport.Options{MaxOccurrences: 200}, event("UID:r", "SUMMARY:Monthly", "DTSTART;TZID=Europe/Helsinki:20250901T100000", "RRULE:FREQ=MONTHLY")...)
		if got := uids(items); !strings.HasPrefix(got, "20251101 20251201 ") || !strings.HasSuffix(got, " 20271001 20271101") || len(items) != 25 {
			t.Errorf("got %d: %s", len(items), got)
		}
	})
	t.Run("UNTIL as a date is inclusive", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Weekly", "DTSTART;TZID=Europe/Oslo:20251201T100000", "RRULE:FREQ=WEEKLY;UNTIL=20251215")...)
		if got := uids(items); got != "20251201 20251208 20251215" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("UNTIL in UTC on a zoned series", func(t *testing.T) {
		// 09:00 UTC is 10:00 in Oslo, the start of the third meeting.
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Weekly", "DTSTART;TZID=Europe/Oslo:20251201T100000", "RRULE:FREQ=WEEKLY;UNTIL=20251215T090000Z")...)
		if got := uids(items); got != "20251201 20251208 20251215" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("wall-clock time kept across summer time", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Weekly", "DTSTART;TZID=Europe/Stockholm:20260323T090000", "DTEND;TZID=Europe/Stockholm:20260323T100000", "RRULE:FREQ=WEEKLY;COUNT=2")...)
		if utc(items[0].Event) != "2026-03-23T08:00:00Z 2026-03-23T09:00:00Z" || utc(items[1].Event) != "2026-03-30T07:00:00Z 2026-03-30T08:00:00Z" {
			t.Errorf("got %s / %s", utc(items[0].Event), utc(items[1].Event))
		}
	})
	t.Run("all-day series with EXDATE and RDATE", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Deadline", "DTSTART;VALUE=DATE:20251205", "DTEND;VALUE=DATE:20251207",
			"RRULE:FREQ=MONTHLY;COUNT=3", "EXDATE;VALUE=DATE:20260105", "RDATE;VALUE=DATE:20260320,20260420")...)
		if got := uids(items); got != "20251205 20260205 20260320 20260420" {
			t.Errorf("got %s", got)
		}
		if e := items[1].Event; !e.AllDay || e.StartDate.String() != "2026-02-05" || e.EndDate.String() != "2026-02-06" {
			t.Errorf("occurrence %+v", e)
		}
	})
	t.Run("RDATE only, with periods", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Sessions", "DTSTART:20251202T100000Z", "DURATION:PT2H",
			"RDATE;VALUE=PERIOD:20251209T100000Z/20251209T120000Z,20251216T100000Z/PT2H")...)
		if got := uids(items); got != "20251202 20251209 20251216" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("DTSTART counts even off the rule", func(t *testing.T) {
		// 2 December 2025 is a Tuesday; the rule gives Mondays.
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Weekly", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2")...)
		if got := uids(items); got != "20251202 20251208 20251215" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("two occurrences on one day keep unique UIDs", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Twice", "DTSTART:20251202T100000Z", "RDATE:20251202T140000Z")...)
		if got := uids(items); got != "20251202 20251202T140000" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("override without summary takes the series' texts", func(t *testing.T) {
		items := run(t, icsimport.Options{}, append(
			event("UID:r", "SUMMARY:Series", "DESCRIPTION:About", "LOCATION:Oslo", "DTSTART:20251202T100000Z", "DTEND:20251202T113000Z", "RRULE:FREQ=WEEKLY;COUNT=2"),
			event("UID:r", "RECURRENCE-ID:20251209T100000Z", "DTSTART:20251210T100000Z", "SEQUENCE:1")...)...)
		e := items[1].Event
		if e.Texts[lang.EN] != (calendar.Text{Title: "Series", Description: "About"}) || e.Venue != "Oslo" || utc(e) != "2025-12-10T10:00:00Z 2025-12-10T11:30:00Z" || e.UID != "r/20251209" || items[1].Line != 13 {
			t.Errorf("got line %d %+v", items[1].Line, e)
		}
	})
	t.Run("override of a date in a timed series", func(t *testing.T) {
		items := run(t, icsimport.Options{}, append(
			event("UID:r", "SUMMARY:Series", "DTSTART;TZID=Europe/Helsinki:20251202T100000", "RRULE:FREQ=WEEKLY;COUNT=2"),
			event("UID:r", "SUMMARY:Moved", "RECURRENCE-ID;VALUE=DATE:20251209", "DTSTART;TZID=Europe/Helsinki:20251209T150000")...)...)
		if len(items) != 2 || items[1].Event.Texts[lang.EN].Title != "Moved" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("newest override wins", func(t *testing.T) {
		items := run(t, icsimport.Options{}, append(append(
			event("UID:r", "SUMMARY:Series", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2"),
			event("UID:r", "SUMMARY:Second", "SEQUENCE:2", "RECURRENCE-ID:20251209T100000Z", "DTSTART:20251209T100000Z")...),
			event("UID:r", "SUMMARY:First", "SEQUENCE:1", "RECURRENCE-ID:20251209T100000Z", "DTSTART:20251209T100000Z")...)...)
		if len(items) != 2 || items[1].Event.Texts[lang.EN].Title != "Second" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("override without its series is a single event", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:lone", "SUMMARY:One occurrence", "RECURRENCE-ID;TZID=Europe/Oslo:20251209T100000", "DTSTART;TZID=Europe/Oslo:20251209T100000")...)
		if len(items) != 1 || items[0].Event.UID != "lone/20251209" || items[0].Event.Zone != "Europe/Oslo" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("override without series or summary", func(t *testing.T) {
		_, err := parse(t, vcal(event("UID:lone", "RECURRENCE-ID:20251209T100000Z", "DTSTART:20251209T100000Z")...), icsimport.Options{})
		assertErr(t, nil, err, icsimport.MsgMissingSummary, 4, nil)
	})
	t.Run("cancelled series", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Off", "STATUS:CANCELLED", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2")...)
		if len(items) != 2 || items[0].Event.Status != calendar.Cancelled || items[1].Event.Status != calendar.Cancelled {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("exactly MaxOccurrences", func(t *testing.T) {
		items := run(t, icsimport.Options{MaxOccurrences: 5}, event("UID:r", "SUMMARY:Daily", "DTSTART:20251202T100000Z", "RRULE:FREQ=DAILY;COUNT=5")...)
		if len(items) != 5 {
			t.Errorf("got %d", len(items))
		}
		_, err := parse(t, vcal(event("UID:r", "SUMMARY:Daily", "DTSTART:20251202T100000Z", "RRULE:FREQ=DAILY;COUNT=6")...), icsimport.Options{MaxOccurrences: 5})
		assertErr(t, nil, err, icsimport.MsgTooManyOccurrences, 8, map[string]any{"Max": 5})
	})
	t.Run("rule matching nothing after DTSTART", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Never", "DTSTART:20251202T100000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")...)
		if len(items) != 1 {
			t.Errorf("got %d", len(items))
		}
	})
	t.Run("leap day yearly", func(t *testing.T) {
		items := run(t, icsimport.Options{Now: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}, event("UID:r", "SUMMARY:Leap", "DTSTART;VALUE=DATE:20200229", "RRULE:FREQ=YEARLY")...)
		if got := uids(items); got != "20280229" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("ISO week numbers", func(t *testing.T) {
		// Week 1 of 2026 starts on Monday 29 December 2025.
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Week one", "DTSTART;VALUE=DATE:20251229", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO")...)
		if got := uids(items); got != "20251229 20270104" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("last weekday of the month", func(t *testing.T) {
		items := run(t, icsimport.Options{}, event("UID:r", "SUMMARY:Last Friday", "DTSTART;TZID=Europe/Copenhagen:20251128T090000", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3")...)
		if got := uids(items); got != "20251128 20251226 20260130" {
			t.Errorf("got %s", got)
		}
	})
}

func TestLimits(t *testing.T) {
	many := func(n int, props ...string) string {
		var lines []string
		for i := 0; i < n; i++ {
			lines = append(lines, event(append([]string{fmt.Sprintf("UID:%d", i), "SUMMARY:Event", "DTSTART:20251202T100000Z"}, props...)...)...)
		}
		return vcal(lines...)
	}
	if items := mustParse(t, many(10), icsimport.Options{MaxEvents: 10}); len(items) != 10 {
		t.Errorf("got %d", len(items))
	}
	_, err := parse(t, many(11), icsimport.Options{MaxEvents: 10})
	assertErr(t, nil, err, icsimport.MsgTooManyEvents, 0, map[string]any{"Max": 10})
	// A series counts once against MaxEvents, its dates against ten
	// times as many.
	if items := mustParseItems(t, many(10, "RRULE:FREQ=WEEKLY;COUNT=2"), icsimport.Options{MaxEvents: 10}); len(items) != 10 {
		t.Errorf("10 series: got %d items", len(items))
	}
	_, err = parse(t, many(11, "RRULE:FREQ=WEEKLY;COUNT=2"), icsimport.Options{MaxEvents: 10})
	assertErr(t, nil, err, icsimport.MsgTooManyEvents, 0, nil)
	if items := mustParseItems(t, many(10, "RRULE:FREQ=DAILY;COUNT=10"), icsimport.Options{MaxEvents: 10}); len(items) != 10 {
		t.Errorf("100 dates: got %d items", len(items))
	}
	_, err = parse(t, many(10, "RRULE:FREQ=DAILY;COUNT=11"), icsimport.Options{MaxEvents: 10})
	assertErr(t, nil, err, icsimport.MsgTooManyEvents, 0, map[string]any{"Max": 10})
	_, err = parse(t, many(201), icsimport.Options{})
	assertErr(t, nil, err, icsimport.MsgTooManyEvents, 0, map[string]any{"Max": 200})

	t.Run("rules that match nothing stay cheap", func(t *testing.T) {
		start := time.Now()
		items := mustParse(t, many(200, "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"), icsimport.Options{})
		if len(items) != 200 {
			t.Errorf("got %d", len(items))
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("too many steps", func(t *testing.T) {
		// Every hour of every day since 1990, twice over: well past the
		// steps Parse allows before the window is reached.
		hours := "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23"
		s := vcal(append(
			event("UID:a", "SUMMARY:A", "DTSTART:19900101T000000Z", "RRULE:FREQ=DAILY;UNTIL=20241231;BYHOUR="+hours),
			event("UID:b", "SUMMARY:B", "DTSTART:19900101T000000Z", "RRULE:FREQ=DAILY;UNTIL=20241231;BYHOUR="+hours)...)...)
		start := time.Now()
		_, err := parse(t, s, icsimport.Options{})
		assertErr(t, nil, err, icsimport.MsgTooComplex, 14, map[string]any{"Title": "B"})
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %s", d)
		}
	})
}

func TestPeriodBudget(t *testing.T) {
	// Daily series from 1900 that ended long ago: few occurrences each, but
	// every one makes rrule-go look at some 180,000 days.
	var lines []string
	for i := 0; i < 60; i++ {
		lines = append(lines, event(fmt.Sprintf("UID:%d", i), "SUMMARY:Old", "DTSTART:19000101T100000Z", "RRULE:FREQ=DAILY;UNTIL=19001231")...)
	}
	lines = append(lines, event("UID:new", "SUMMARY:New", "DTSTART:20251202T100000Z")...)
	_, err := parse(t, vcal(lines...), icsimport.Options{})
	var ie *icsimport.Error
	if !errors.As(err, &ie) || ie.MsgID != icsimport.MsgTooComplex {
		t.Fatalf("got %v", err)
	}
	items := mustParse(t, vcal(append(lines[6*50:], lines[:6*5]...)...), icsimport.Options{})
	if len(items) != 1 || items[0].Event.UID != "new" {
		t.Errorf("got %+v", items)
	}
}
