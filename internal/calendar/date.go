// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time or zone, used for whole-day events,
// deadlines and date filters.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses an ISO date (2006-01-02). It rejects impossible days.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 {
		return Date{}, fmt.Errorf("calendar: date %q is not YYYY-MM-DD", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// DateOf returns the day t falls on in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return o.Before(d) }

// DaysUntil returns the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int { return o.dayNumber() - d.dayNumber() }

// dayNumber counts days in the proleptic Gregorian calendar (days from
// civil, as in Howard Hinnant's date algorithms), without time.Time.
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// ISOWeek returns the ISO 8601 year and week number of d.
func (d Date) ISOWeek() (year, week int) { return d.In(time.UTC).ISOWeek() }
