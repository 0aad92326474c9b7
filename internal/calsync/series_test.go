// SPDX-License-Identifier: AGPL-3.0-or-later

package calsync_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// The network's monthly call as a partner's Outlook publishes it: a series
// with its rule, one date moved (RECURRENCE-ID) and one left out (EXDATE).
const (
	callSeries = "BEGIN:VEVENT\r\nUID:call@migri.example\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:0\r\n" +
		"DTSTART;TZID=FLE Standard Time:20270105T100000\r\nDTEND;TZID=FLE Standard Time:20270105T110000\r\n" +
		"RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6\r\nEXDATE;TZID=FLE Standard Time:20270406T100000\r\n" +
		"SUMMARY:Verkoston kuukausikokous\r\nEND:VEVENT\r\n"
	callMoved = "BEGIN:VEVENT\r\nUID:call@migri.example\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:%s\r\n" +
		"RECURRENCE-ID;TZID=FLE Standard Time:20270302T100000\r\n" +
		"DTSTART;TZID=FLE Standard Time:%s\r\nDTEND;TZID=FLE Standard Time:%s\r\n" +
		"SUMMARY:Verkoston kuukausikokous\r\nEND:VEVENT\r\n"
)

func movedCall(seq, start, end string) string {
	s := callMoved
	for _, v := range []string{seq, start, end} {
		s = strings.Replace(s, "%s", v, 1)
	}
	return s
}

func TestSyncKeepsASeriesOneSeries(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.serve(calendarFile(callSeries, movedCall("1", "20270303T100000", "20270303T110000")), `"v1"`)
	o := f.sync(t, src.ID)
	if o.New != 1 || o.Changed != 1 || o.ErrorID != "" {
		t.Fatalf("first sync: %+v (want one new series and its one changed date)", o)
	}
	evs := f.events(t, src.ID)
	call, ok := evs["call@migri.example"]
	if !ok || !call.IsSeries() || call.Repeat.Rule != "FREQ=MONTHLY;BYDAY=1TU;COUNT=6" || len(call.Repeat.ExDates) != 1 {
		t.Fatalf("series: %+v", call)
	}
	moved, ok := evs[calendar.OverrideDraftUID("call@migri.example", "20270302T100000")]
	hki, _ := time.LoadLocation("Europe/Helsinki")
	if !ok || moved.SeriesID != call.ID || !moved.Overridden || moved.Start.In(hki).Day() != 3 || moved.UID != call.UID {
		t.Fatalf("moved date: %+v", moved)
	}
	dates, err := f.db.ListEvents(f.ctx, calendar.Query{Filter: calendar.Filter{
		From: calendar.Date{Year: 2027, Month: 1, Day: 1}, To: calendar.Date{Year: 2027, Month: 12, Day: 31}}})
	if err != nil {
		t.Fatal(err)
	}
	var days []int
	for _, d := range dates {
		if d.SeriesID == call.ID {
			days = append(days, d.Start.In(hki).Day())
		}
	}
	// Jan 5, Feb 2, Mar 3 (moved from the 2nd), Apr 6 left out, May 4, Jun 1.
	if want := []int{5, 2, 3, 4, 1}; len(days) != len(want) || days[0] != 5 || days[2] != 3 || days[4] != 1 {
		t.Errorf("listed days %v, want %v", days, want)
	}

	// The partner moves the March meeting again: the override changes, with
	// a higher SEQUENCE, and the series stays as it was.
	f.now = f.now.Add(2 * time.Hour)
	f.partner.serve(calendarFile(callSeries, movedCall("2", "20270304T100000", "20270304T110000")), `"v2"`)
	o = f.sync(t, src.ID)
	if o.New != 0 || o.Changed != 1 {
		t.Fatalf("second sync: %+v", o)
	}
	again := f.events(t, src.ID)
	m2 := again[calendar.OverrideDraftUID("call@migri.example", "20270302T100000")]
	if m2.ID != moved.ID || m2.Start.In(hki).Day() != 4 || m2.Sequence <= moved.Sequence {
		t.Errorf("moved again: day %d seq %d (was %d), id %d (was %d)", m2.Start.In(hki).Day(), m2.Sequence, moved.Sequence, m2.ID, moved.ID)
	}
	if again["call@migri.example"].Version != call.Version {
		t.Error("the series was saved although only one date changed")
	}
}
