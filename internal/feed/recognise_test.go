// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/feed/feedtest"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestRecogniserTitle(t *testing.T) {
	r := feedtest.Recogniser(t)
	tests := []struct {
		name, title, want string
		cancelled         bool
	}{
		{"en", "Cancelled: Oslo seminar", "Oslo seminar", true},
		{"fi", "PERUTTU: Työryhmän kokous", "Työryhmän kokous", true},
		{"sv", "INSTÄLLT: Nordiskt möte", "Nordiskt möte", true},
		{"da", "AFLYST: Nordisk møde", "Nordisk møde", true},
		{"no", "AVLYST: Nordisk møte", "Nordisk møte", true},
		{"an English title in a Finnish feed", "PERUTTU: Cancelled webinar", "Cancelled webinar", true},
		{"twice, from an earlier import", "PERUTTU: PERUTTU: Kokous", "Kokous", true},
		{"in two languages", "Cancelled: AVLYST: Møte", "Møte", true},
		{"no prefix", "Cancelled meeting of the network", "Cancelled meeting of the network", false},
		{"the word later in the title", "Kokous PERUTTU: uusi aika", "Kokous PERUTTU: uusi aika", false},
		{"other case", "peruttu: kokous", "peruttu: kokous", false},
		{"the prefix alone", "Cancelled:", "Cancelled:", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := r.Title(tt.title)
			if got != tt.want || ok != tt.cancelled {
				t.Errorf("Title(%q) = %q, %v; want %q, %v", tt.title, got, ok, tt.want, tt.cancelled)
			}
		})
	}
}

func TestRecogniserDescription(t *testing.T) {
	r := feedtest.Recogniser(t)
	const page = "https://nordcal.example.org/fi/events/1"
	tests := []struct {
		name, desc, text string
		own              bool
	}{
		{"en, every fact", "Three days on labour exploitation.\n\nOrganisers: Ministry of Justice, Finland, Nordic Council of Ministers\n" +
			"Online: https://meet.example.org/j/1\nRegistration: https://om.fi/r?a=1\nRegistration deadline: 15 Nov 2026\n" +
			"More information: " + page, "Three days on labour exploitation.", true},
		{"fi, facts only", "Järjestäjät: Oikeusministeriö\nLisätietoja: " + page, "", true},
		{"sv, paragraphs kept", "Första stycket.\n\nAndra stycket.\n\nArrangörer: Justitieministeriet\nMer information: " + page,
			"Första stycket.\n\nAndra stycket.", true},
		{"da, deadline", "Mødet er åbent.\n\nArrangører: Nordisk Ministerråd\nTilmeldingsfrist: 20.11.2026\nMere information: " + page,
			"Mødet er åbent.", true},
		{"no, online link", "Digitalt: https://meet.example.org/w\nMer informasjon: " + page, "", true},
		{"the page alone", "More information: " + page, "", true},
		{"a line break a calendar program added", "Kokous.\n\nLisätietoja: " + page + "\n", "Kokous.", true},
		{"a description of one's own ending in a link", "Sign up early.\n\nRegistration: https://om.fi/r", "", false},
		{"the page is not a link", "Kokous.\n\nLisätietoja: katso verkkosivut", "", false},
		{"two languages", "Kokous.\n\nJärjestäjät: OM\nMore information: " + page, "", false},
		{"facts out of order", "Registration: https://om.fi/r\nOrganisers: OM\nMore information: " + page, "", false},
		{"a fact twice", "Organisers: OM\nOrganisers: NCM\nMore information: " + page, "", false},
		{"a line of one's own among the facts", "Organisers: OM\nBring your laptop.\nMore information: " + page, "", false},
		{"an online fact that is no link", "Online: ask the organisers\nMore information: " + page, "", false},
		{"no description", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, gotPage, ok := r.Description(tt.desc)
			want, wantPage := tt.text, page
			if !tt.own {
				want, wantPage = tt.desc, ""
			}
			if text != want || gotPage != wantPage || ok != tt.own {
				t.Errorf("Description(%q) = %q, %q, %v; want %q, %q, %v", tt.desc, text, gotPage, ok, want, wantPage, tt.own)
			}
		})
	}
}

func TestRecogniserLocation(t *testing.T) {
	r := feedtest.Recogniser(t)
	tests := []struct {
		name, loc string
		want      feed.Place
	}{
		{"fi, hybrid", "Paasitorni, Helsinki, Suomi, Etänä: https://meet.example.org/hki",
			feed.Place{Venue: "Paasitorni", City: "Helsinki", Country: "FI"}},
		{"en, online only", "Online: https://meet.example.org/w", feed.Place{}},
		{"sv, online without a link", "Digitalt", feed.Place{}},
		{"fi, city only", "Oslo, Norja", feed.Place{City: "Oslo", Country: "NO"}},
		{"sv, venue, address and city", "Norra Latin, Drottninggatan 71B, Stockholm, Sverige",
			feed.Place{Venue: "Norra Latin", Address: "Drottninggatan 71B", City: "Stockholm", Country: "SE"}},
		{"da, hybrid", "Nordens Hus, Ved Stranden 18, København, Danmark, Online: https://meet.example.org/k",
			feed.Place{Venue: "Nordens Hus", Address: "Ved Stranden 18", City: "København", Country: "DK"}},
		{"no, a venue with a comma is a guess", "Kripos, Brynsalléen 6, Oslo, Norge",
			feed.Place{Venue: "Kripos", Address: "Brynsalléen 6", City: "Oslo", Country: "NO"}},
		{"en, four parts", "Kokoushuone Potentia, 2. krs, Meritullinkatu 10, Helsinki, Finland",
			feed.Place{Venue: "Kokoushuone Potentia", Address: "2. krs, Meritullinkatu 10", City: "Helsinki", Country: "FI"}},
		{"fi, country only", "Tanska", feed.Place{Country: "DK"}},
		{"no country", "Paasitorni, Helsinki", feed.Place{Venue: "Paasitorni", City: "Helsinki"}},
		{"en, Faroe Islands", "Norðurlandahúsið, Tórshavn, Faroe Islands", feed.Place{Venue: "Norðurlandahúsið", City: "Tórshavn", Country: "FO"}},
		{"empty", "", feed.Place{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Location(tt.loc); got != tt.want {
				t.Errorf("Location(%q) = %+v, want %+v", tt.loc, got, tt.want)
			}
		})
	}
}

// TestRecogniserCountryNamesAreUnambiguous: a country name means the same
// country in every language that uses it, or LOCATION could not be read
// back.
func TestRecogniserCountryNamesAreUnambiguous(t *testing.T) {
	seen := map[string]directory.Country{}
	for _, l := range lang.All {
		for code, name := range feedtest.Strings(t, l).Country {
			if other, ok := seen[name]; ok && other != code {
				t.Errorf("%s: %q names both %s and %s", l, name, other, code)
			}
			seen[name] = code
		}
	}
}

// TestRecogniserReadsBackWhatWriteWrites writes the fixtures in each
// language with the real words and reads each event's SUMMARY, DESCRIPTION
// and LOCATION back into its own title, description and place.
func TestRecogniserReadsBackWhatWriteWrites(t *testing.T) {
	r := feedtest.Recogniser(t)
	events := append([]calendar.Event{conferenceEvent(), hybridEvent(), cancelledEvent(), tentativeEvent(), fallbackEvent()},
		append(lettersEvents(), edgeEvents()...)...)
	byUID := map[string]calendar.Event{}
	for _, e := range events {
		byUID[e.UID] = e
	}
	for _, l := range lang.All {
		t.Run(string(l), func(t *testing.T) {
			c := testCalendar(l)
			c.Strings = feedtest.Strings(t, l)
			p := parse(t, write(t, c, events))
			if len(p.events) != len(events)-1 { // the pending one is left out
				t.Fatalf("%d events written", len(p.events))
			}
			for _, ve := range p.events {
				e := byUID[value(ve, ics.ComponentPropertyUniqueId)]
				title, cancelled := r.Title(value(ve, ics.ComponentPropertySummary))
				wantTitle, _ := e.Title(l)
				if title != wantTitle || cancelled != (e.Status == calendar.Cancelled) {
					t.Errorf("%s: title %q (cancelled %v), want %q", e.UID, title, cancelled, wantTitle)
				}
				text, page, ok := r.Description(value(ve, ics.ComponentPropertyDescription))
				wantText, _ := e.Description(l)
				if !ok || text != wantText || page != c.EventURL(e) {
					t.Errorf("%s: description %q, page %q (%v), want %q, %q", e.UID, text, page, ok, wantText, c.EventURL(e))
				}
				place := r.Location(value(ve, ics.ComponentPropertyLocation))
				want := feed.Place{Venue: e.Venue, Address: e.Address, City: e.City, Country: e.Country}
				if e.Attendance == calendar.Online {
					want = feed.Place{}
				}
				if strings.Contains(e.Venue, ", ") {
					// A guess, but one that joins into the same place.
					joined := func(p feed.Place) string {
						var parts []string
						for _, s := range []string{p.Venue, p.Address, p.City} {
							if s != "" {
								parts = append(parts, s)
							}
						}
						return strings.Join(parts, ", ")
					}
					if joined(place) != joined(want) || place.Country != want.Country {
						t.Errorf("%s: place %+v does not join into %+v", e.UID, place, want)
					}
				} else if place != want {
					t.Errorf("%s: place %+v, want %+v", e.UID, place, want)
				}
			}
		})
	}
}
