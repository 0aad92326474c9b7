// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import "github.com/nordcal/nordcal/internal/directory"

// Holiday is a public holiday (or a de facto day off) in one country.
type Holiday struct {
	Date    Date
	Country directory.Country
	// NameID is the message ID of the holiday's name ("holiday.christmas_day").
	NameID string
	// Official is false for days that are not public holidays by law but
	// on which offices are closed in practice (Midsummer Eve in Sweden).
	Official bool
}

// Holidays answers which holidays fall in a span of days.
type Holidays interface {
	// Between returns the holidays of country from first to last inclusive,
	// ordered by date; a country without a holiday calendar has none.
	Between(country directory.Country, first, last Date) []Holiday
}
