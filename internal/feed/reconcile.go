// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"slices"
	"strings"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// Reconcile gives read, an event read back from a calendar file with a
// Recogniser, the values of stored, the calendar's event with the same
// UID, wherever the file says no more about them than a feed writes for
// stored:
//
//   - the title and description, when they are what a feed in one of the
//     languages shows, fallbacks included: read then holds stored's text in
//     the language the title is in. A fallback text thus does not become a
//     translation, and the LANGUAGE a calendar program writes (Outlook
//     writes its own) does not count.
//   - the venue, address, city and country, when they join into the same
//     place: reading a LOCATION back cannot always tell a venue with a
//     comma from a venue and an address (see Recogniser.Location).
//   - the zone, when the times are the same: dates carry no zone, and a
//     feed writes in UTC the times it cannot write in the event's zone.
//
// Everything else in read stays as it is. Texts are compared word by
// word, because importers fold white space.
func Reconcile(stored calendar.Event, read *calendar.Event) {
	if t, ok := read.Texts[read.OriginalLang]; ok {
		for _, l := range lang.All {
			title, titleLang := stored.Title(l)
			desc, _ := stored.Description(l)
			if sameWords(t.Title, title) && sameWords(t.Description, desc) {
				read.OriginalLang = titleLang
				read.Texts = map[lang.Code]calendar.Text{titleLang: stored.Texts[titleLang]}
				break
			}
		}
	}
	if sameWords(placeText(*read), placeText(stored)) && (read.Country == "" || read.Country == stored.Country) {
		read.Venue, read.Address, read.City, read.Country = stored.Venue, stored.Address, stored.City, stored.Country
	}
	if sameTimes(stored, *read) {
		read.Zone = stored.Zone
	}
}

// placeText is the venue, address and city as LOCATION joins them.
func placeText(e calendar.Event) string {
	parts := make([]string, 0, 3)
	for _, s := range [...]string{e.Venue, e.Address, e.City} {
		if s = cleanLine(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func sameTimes(a, b calendar.Event) bool {
	if a.AllDay != b.AllDay {
		return false
	}
	if a.AllDay {
		return a.StartDate == b.StartDate && a.EndDate == b.EndDate
	}
	return a.Start.Equal(b.Start) && a.End.Equal(b.End)
}

// sameWords reports whether a and b differ at most in white space.
func sameWords(a, b string) bool { return slices.Equal(strings.Fields(a), strings.Fields(b)) }
