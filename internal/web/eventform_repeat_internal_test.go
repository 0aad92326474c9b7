// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

func TestRepeatFormRule(t *testing.T) {
	helsinki, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	// 2 February 2027 is the first Tuesday of its month.
	first := calendar.Date{Year: 2027, Month: time.February, Day: 2}
	tests := []struct {
		name   string
		form   RepeatForm
		allDay bool
		want   string
		field  string // the field reported, "" for none
	}{
		{"does not repeat", RepeatForm{Interval: "1", End: "count"}, false, "", ""},
		{"weekly on two days every two weeks", RepeatForm{Kind: "weekly", Interval: "2", Days: []string{"3", "1"}, End: "count", Count: "12"},
			false, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=12", ""},
		{"weekly without days", RepeatForm{Kind: "weekly", Interval: "1", End: "count", Count: "4"}, false, "FREQ=WEEKLY;COUNT=4", ""},
		{"monthly on a day until a date, timed", RepeatForm{Kind: "monthly", Interval: "1", MonthBy: "day", MonthDay: "15", End: "until", Until: "2027-06-30"},
			false, "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270630T205959Z", ""},
		{"monthly on a day until a date, whole days", RepeatForm{Kind: "monthly", MonthBy: "day", MonthDay: "15", End: "until", Until: "2027-06-30"},
			true, "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270630", ""},
		{"monthly on the last Friday", RepeatForm{Kind: "monthly", Interval: "3", MonthBy: "nth", Nth: "-1", NthDay: "5", End: "count", Count: "4"},
			false, "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=4", ""},
		{"monthly n-th weekday from the start date", RepeatForm{Kind: "monthly", Interval: "1", MonthBy: "nth", End: "count", Count: "6"},
			false, "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", ""},
		{"yearly, never ending", RepeatForm{Kind: "yearly", Interval: "1", End: "never"}, false, "FREQ=YEARLY", ""},
		{"an imported rule kept", RepeatForm{Kind: repeatKeep, Kept: "FREQ=DAILY;BYHOUR=9;COUNT=3"}, false, "FREQ=DAILY;BYHOUR=9;COUNT=3", ""},
		{"keep without a rule", RepeatForm{Kind: repeatKeep}, false, "", "repeat"},
		{"unknown kind", RepeatForm{Kind: "hourly", End: "count", Count: "3"}, false, "", "repeat"},
		{"interval too large", RepeatForm{Kind: "weekly", Interval: "13", End: "count", Count: "3"}, false, "FREQ=WEEKLY;COUNT=3", "repeat_interval"},
		{"interval not a number", RepeatForm{Kind: "weekly", Interval: "two", End: "count", Count: "3"}, false, "FREQ=WEEKLY;COUNT=3", "repeat_interval"},
		{"bad weekday", RepeatForm{Kind: "weekly", Days: []string{"7"}, End: "count", Count: "3"}, false, "FREQ=WEEKLY;COUNT=3", "repeat_days"},
		{"bad day of the month", RepeatForm{Kind: "monthly", MonthBy: "day", MonthDay: "32", End: "count", Count: "3"}, false,
			"FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3", "repeat_month_day"},
		{"bad n-th", RepeatForm{Kind: "monthly", MonthBy: "nth", Nth: "5", NthDay: "2", End: "count", Count: "3"}, false,
			"FREQ=MONTHLY;BYDAY=5TU;COUNT=3", "repeat_month_by"},
		// Once made String index the weekday codes with 9: a panic, a 500.
		{"bad weekday of the n-th", RepeatForm{Kind: "monthly", MonthBy: "nth", Nth: "1", NthDay: "9", End: "count", Count: "3"}, false,
			"FREQ=MONTHLY;COUNT=3", "repeat_month_by"},
		{"count missing", RepeatForm{Kind: "monthly", End: "count"}, false, "FREQ=MONTHLY", "repeat_count"},
		{"count not a number", RepeatForm{Kind: "monthly", End: "count", Count: "many"}, false, "FREQ=MONTHLY", "repeat_count"},
		{"until not a date", RepeatForm{Kind: "monthly", End: "until", Until: "30.6.2027"}, false, "FREQ=MONTHLY", "repeat_until"},
		{"no end chosen", RepeatForm{Kind: "monthly"}, false, "FREQ=MONTHLY", "repeat_end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := apperr.Fields{}
			got := tt.form.rule(first, tt.allDay, helsinki, fe)
			if tt.field == "" && len(fe) > 0 {
				t.Fatalf("errors %v", fe)
			}
			if tt.field != "" {
				if _, ok := fe[tt.field]; !ok || len(fe) != 1 {
					t.Fatalf("errors %v, want one on %s", fe, tt.field)
				}
				return
			}
			if got != tt.want {
				t.Errorf("rule = %q, want %q", got, tt.want)
			}
		})
	}
}

// A rule the form wrote reads back into the same form, and one it cannot
// show is kept as text.
func TestRepeatFormOfRoundTrip(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	start := time.Date(2027, 2, 2, 10, 0, 0, 0, oslo).UTC()
	for _, rule := range []string{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=12", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630T215959Z",
		"FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", "FREQ=YEARLY"} {
		e := calendar.Event{Zone: "Europe/Oslo", Start: start, End: start.Add(2 * time.Hour), Repeat: calendar.Repeat{Rule: rule}}
		f := repeatFormOf(e)
		fe := apperr.Fields{}
		if got := f.rule(calendar.DateOf(start.In(oslo)), false, oslo, fe); got != rule || len(fe) > 0 {
			t.Errorf("%s → %+v → %q %v", rule, f, got, fe)
		}
	}
	e := calendar.Event{Zone: "Europe/Oslo", Start: start, End: start.Add(time.Hour), Repeat: calendar.Repeat{Rule: "FREQ=DAILY;COUNT=3"}}
	if f := repeatFormOf(e); f.Kind != repeatKeep || f.Kept != "FREQ=DAILY;COUNT=3" {
		t.Errorf("imported rule: %+v", f)
	}
}
