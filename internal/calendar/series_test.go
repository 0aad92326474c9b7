// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

func TestOccurrences(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	hki, _ := time.LoadLocation("Europe/Helsinki")
	day := func(s string) calendar.Date { d, _ := calendar.ParseDate(s); return d }
	wall := func(s string) time.Time { w, _ := time.ParseInLocation("2006-01-02 15:04", s, time.UTC); return w }
	tests := []struct {
		name string
		e    calendar.Event
		want []string // local starts in the event's zone
	}{
		{"monthly first Tuesday across DST", calendar.Event{Zone: "Europe/Oslo",
			Start: time.Date(2027, 2, 2, 10, 0, 0, 0, oslo), End: time.Date(2027, 2, 2, 11, 0, 0, 0, oslo),
			Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=4"}},
			[]string{"2027-02-02 10:00", "2027-03-02 10:00", "2027-04-06 10:00", "2027-05-04 10:00"}},
		{"last Friday, until a UTC instant", calendar.Event{Zone: "Europe/Helsinki",
			Start: time.Date(2027, 9, 24, 13, 0, 0, 0, hki), End: time.Date(2027, 9, 24, 14, 0, 0, 0, hki),
			Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271126T110000Z"}},
			[]string{"2027-09-24 13:00", "2027-10-29 13:00", "2027-11-26 13:00"}},
		{"every two weeks on Monday and Wednesday", calendar.Event{Zone: "Europe/Oslo",
			Start: time.Date(2027, 3, 22, 9, 0, 0, 0, oslo), End: time.Date(2027, 3, 22, 10, 0, 0, 0, oslo),
			Repeat: calendar.Repeat{Rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=5"}},
			[]string{"2027-03-22 09:00", "2027-03-24 09:00", "2027-04-05 09:00", "2027-04-07 09:00", "2027-04-19 09:00"}},
		{"quarterly, one date excluded and one added", calendar.Event{Zone: "Europe/Oslo",
			Start: time.Date(2027, 1, 15, 10, 0, 0, 0, oslo), End: time.Date(2027, 1, 15, 12, 0, 0, 0, oslo),
			Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;INTERVAL=3;COUNT=4",
				ExDates: []time.Time{wall("2027-04-15 10:00")}, RDates: []time.Time{wall("2027-05-20 10:00")}}},
			[]string{"2027-01-15 10:00", "2027-05-20 10:00", "2027-07-15 10:00", "2027-10-15 10:00"}},
		{"whole days yearly until a date", calendar.Event{Zone: "Europe/Oslo", AllDay: true,
			StartDate: day("2027-10-18"), EndDate: day("2027-10-19"),
			Repeat: calendar.Repeat{Rule: "FREQ=YEARLY;UNTIL=20291018"}},
			[]string{"2027-10-18 00:00", "2028-10-18 00:00", "2029-10-18 00:00"}},
		{"a single event is its own date", calendar.Event{Zone: "Europe/Oslo",
			Start: time.Date(2027, 1, 5, 10, 0, 0, 0, oslo), End: time.Date(2027, 1, 5, 11, 0, 0, 0, oslo)},
			[]string{"2027-01-05 10:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			if e.AllDay {
				loc := e.Location()
				e.Start, e.End = e.StartDate.In(loc), e.EndDate.AddDays(1).In(loc)
			}
			occ, err := e.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), 100)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range occ {
				got = append(got, o.Start.In(e.Location()).Format("2006-01-02 15:04"))
				if !e.AllDay && o.End.Sub(o.Start) != e.End.Sub(e.Start) {
					t.Errorf("%s lasts %v", o.Start, o.End.Sub(o.Start))
				}
				if e.AllDay && o.StartDate.DaysUntil(o.EndDate) != 1 {
					t.Errorf("%s runs %v to %v", o.Start, o.StartDate, o.EndDate)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestOccurrencesWindowAndCap(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	e := calendar.Event{Zone: "Europe/Oslo", Start: time.Date(2027, 1, 4, 10, 0, 0, 0, oslo),
		End: time.Date(2027, 1, 4, 11, 0, 0, 0, oslo), Repeat: calendar.Repeat{Rule: "FREQ=WEEKLY"}}
	occ, err := e.Occurrences(time.Date(2027, 3, 1, 0, 0, 0, 0, oslo), time.Date(2027, 4, 1, 0, 0, 0, 0, oslo), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 5 || occ[0].Start.In(oslo).Day() != 1 || occ[4].Start.In(oslo).Day() != 29 {
		t.Errorf("March of a weekly Monday series: %v", occ)
	}
	occ, _ = e.Occurrences(e.Start, e.Start.AddDate(10, 0, 0), 3)
	if len(occ) != 4 {
		t.Errorf("a cap of 3 gave %d occurrences, want 4 (one more than the cap)", len(occ))
	}
}

func TestRuleRoundTrip(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	tests := []struct {
		rule   calendar.Rule
		allDay bool
		want   string
	}{
		{calendar.Rule{Freq: calendar.Monthly, Interval: 1, Nth: 1, NthWeekday: time.Tuesday, Count: 12}, false, "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"},
		{calendar.Rule{Freq: calendar.Monthly, Interval: 1, Nth: -1, NthWeekday: time.Friday}, false, "FREQ=MONTHLY;BYDAY=-1FR"},
		{calendar.Rule{Freq: calendar.Weekly, Interval: 2, Weekdays: []time.Weekday{time.Sunday, time.Monday}, Until: calendar.Date{Year: 2027, Month: 6, Day: 30}}, false, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;UNTIL=20270630T215959Z"},
		{calendar.Rule{Freq: calendar.Monthly, Interval: 1, MonthDay: 15, Until: calendar.Date{Year: 2027, Month: 6, Day: 30}}, true, "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270630"},
		{calendar.Rule{Freq: calendar.Yearly, Interval: 1, Count: 3}, false, "FREQ=YEARLY;COUNT=3"},
	}
	for _, tt := range tests {
		got := tt.rule.String(tt.allDay, oslo)
		if got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
			continue
		}
		back, ok := calendar.ParseRule(got, oslo)
		if !ok || back.String(tt.allDay, oslo) != got {
			t.Errorf("ParseRule(%s) = %+v, %v", got, back, ok)
		}
	}
	for _, custom := range []string{"FREQ=MONTHLY;BYMONTH=3", "FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=5MO", "X"} {
		if _, ok := calendar.ParseRule(custom, oslo); ok {
			t.Errorf("ParseRule(%s) took a rule the forms do not offer", custom)
		}
	}
}
