// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n_test

import (
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/locales"
)

func TestRepeat(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	// 2 February 2027 is a Tuesday.
	first := calendar.Date{Year: 2027, Month: time.February, Day: 2}
	firstTuesday := calendar.Rule{Freq: calendar.Monthly, Interval: 1, Nth: 1, NthWeekday: time.Tuesday}
	twoWeeks := calendar.Rule{Freq: calendar.Weekly, Interval: 2, Weekdays: []time.Weekday{time.Wednesday, time.Monday}, Count: 12}
	lastFriday := calendar.Rule{Freq: calendar.Monthly, Interval: 3, Nth: -1, NthWeekday: time.Friday,
		Until: calendar.Date{Year: 2027, Month: time.June, Day: 30}}
	day15 := calendar.Rule{Freq: calendar.Monthly, Interval: 1, MonthDay: 15, Count: 1}
	yearly := calendar.Rule{Freq: calendar.Yearly, Interval: 1}
	weekly3 := calendar.Rule{Freq: calendar.Weekly, Interval: 1, Weekdays: []time.Weekday{time.Friday, time.Monday, time.Wednesday}}
	tests := []struct {
		lang lang.Code
		rule calendar.Rule
		want string
	}{
		{lang.EN, firstTuesday, "every month on the first Tuesday"},
		{lang.FI, firstTuesday, "joka kuukauden ensimmäinen tiistai"},
		{lang.SV, firstTuesday, "varje månad första tisdagen"},
		{lang.DA, firstTuesday, "hver måned den første tirsdag"},
		{lang.NO, firstTuesday, "hver måned første tirsdag"},
		{lang.EN, twoWeeks, "every 2 weeks on Monday and Wednesday, 12 times"},
		{lang.FI, twoWeeks, "2 viikon välein maanantaisin ja keskiviikkoisin, 12 kertaa"},
		{lang.SV, twoWeeks, "med 2 veckors mellanrum på måndagar och onsdagar, 12 gånger"},
		{lang.DA, twoWeeks, "hver 2. uge mandag og onsdag, 12 gange"},
		{lang.NO, twoWeeks, "hver 2. uke mandag og onsdag, 12 ganger"},
		{lang.EN, lastFriday, "every 3 months on the last Friday, until 30 June 2027"},
		{lang.FI, lastFriday, "3 kuukauden välein, kuukauden viimeinen perjantai, 30.6.2027 asti"},
		{lang.SV, lastFriday, "med 3 månaders mellanrum, sista fredagen, till och med 30 juni 2027"},
		{lang.DA, lastFriday, "hver 3. måned den sidste fredag, til og med 30. juni 2027"},
		{lang.NO, lastFriday, "hver 3. måned siste fredag, til og med 30. juni 2027"},
		{lang.EN, day15, "every month on day 15, once"},
		{lang.FI, day15, "joka kuukauden 15. päivä, kerran"},
		{lang.SV, day15, "varje månad den 15, en gång"},
		{lang.DA, day15, "hver måned den 15., én gang"},
		{lang.NO, day15, "hver måned den 15., én gang"},
		{lang.EN, yearly, "every year on 2 February"},
		{lang.FI, yearly, "joka vuosi 2. helmikuuta"},
		{lang.SV, yearly, "varje år den 2 februari"},
		{lang.DA, yearly, "hvert år den 2. februar"},
		{lang.NO, yearly, "hvert år 2. februar"},
		{lang.EN, weekly3, "every week on Monday, Wednesday and Friday"},
		{lang.FI, weekly3, "joka viikko maanantaisin, keskiviikkoisin ja perjantaisin"},
		{lang.SV, weekly3, "varje vecka på måndagar, onsdagar och fredagar"},
		{lang.DA, weekly3, "hver uge mandag, onsdag og fredag"},
		{lang.NO, weekly3, "hver uke mandag, onsdag og fredag"},
		// A rule without days falls on the first date's.
		{lang.EN, calendar.Rule{Freq: calendar.Weekly}, "every week on Tuesday"},
		{lang.FI, calendar.Rule{Freq: calendar.Monthly, Interval: 2}, "2 kuukauden välein, kuukauden 2. päivä"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.want, func(t *testing.T) {
			if got := b.For(tt.lang).Repeat(tt.rule, first); got != tt.want {
				t.Errorf("Repeat = %q, want %q", got, tt.want)
			}
		})
	}
}
