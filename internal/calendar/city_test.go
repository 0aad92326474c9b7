// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

// TestCityKey: the same city in another language, case or accents has
// the same key; different cities do not.
func TestCityKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"København", "Copenhagen", true},
		{"København", "Köpenhamn", true},
		{"København", "Kööpenhamina", true},
		{"København", "Kopenhagen", true},
		{"København", "Kaupmannahöfn", true},
		{"Copenhagen", "Kööpenhamina", true},
		{"kobenhavn", "KØBENHAVN", true},
		{"Helsinki", "Helsingfors", true},
		{"Göteborg", "Gothenburg", true},
		{"Gøteborg", "Göteborg", true},
		{"Gothenburg", "Gautaborg", true},
		{"Tórshavn", "Thorshavn", true},
		{"Torshavn", "Tórshavn", true},
		{"Nuuk", "Godthåb", true},
		{"Godthaab", "nuuk", true},
		{"Reykjavík", "Reykjavik", true},
		{"reykjavik", "Reykjavík", true},
		{"Turku", "Åbo", true},
		{"Tampere", "Tammerfors", true},
		{"Vaasa", "Vasa", true},
		{"Oulu", "Uleåborg", true},
		{"Espoo", "Esbo", true},
		{"Vantaa", "Vanda", true},
		{"Mariehamn", "Maarianhamina", true},
		{"Malmö", "Malmo", true},
		{"Århus", "Aarhus", true},
		{"Trondheim", "Trondhjem", true},
		{"Stockholm", "Tukholma", true},
		{"Tromsø", "Romsa", true},
		{"Mikkeli", "S:t Michel", true},
		{"  Helsinki ", "helsinki", true},
		{"Sankt  Michel", "Mikkeli", true},
		{"Oslo", "Bergen", false},
		{"Helsinki", "Espoo", false},
		{"Copenhagen", "Helsingør", false},
		{"Vaasa", "Vantaa", false},
		{"Stockholm", "Göteborg", false},
		{"Timbuktu", "Timbuktu", true},
		{"Timbuktu", "timbuktú", true},
		{"Timbuktu", "Oslo", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			ka, kb := calendar.CityKey(tt.a), calendar.CityKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("CityKey(%q) = %q, CityKey(%q) = %q, same = %v, want %v", tt.a, ka, tt.b, kb, ka == kb, tt.same)
			}
		})
	}
	for _, blank := range []string{"", "   "} {
		if k := calendar.CityKey(blank); k != "" {
			t.Errorf("CityKey(%q) = %q, want empty", blank, k)
		}
	}
}

// TestCompareSameCityInAnyLanguage: two events in Copenhagen and
// København clash as two in København do, with the same-city reason; an
// unknown city is still the same as itself, and Oslo is not Bergen.
func TestCompareSameCityInAnyLanguage(t *testing.T) {
	in := func(id int64, city string) calendar.Facets {
		country := directory.Country("DK")
		if city == "Oslo" || city == "Bergen" {
			country = "NO"
		}
		f := allDay(id, "2027-04-06", "2027-04-06", calendar.Meeting, country)
		f.City, f.CityKey = city, calendar.CityKey(city)
		return f
	}
	rules := calendar.DefaultClashRules
	same, _ := calendar.Compare(in(0, "København"), in(1, "København"), rules)
	if !slices.Contains(reasonIDs(same), "clash.reason.same_city") {
		t.Fatalf("København and København: reasons %v lack the same city", reasonIDs(same))
	}
	country, _ := calendar.Compare(in(0, "Oslo"), in(1, "Bergen"), rules)
	if slices.Contains(reasonIDs(country), "clash.reason.same_city") || country.Score >= same.Score {
		t.Fatalf("Oslo and Bergen: score %d %v, want less than the same city's %d", country.Score, reasonIDs(country), same.Score)
	}
	for _, tt := range []struct {
		name     string
		a, b     calendar.Facets
		sameCity bool
	}{
		{"Copenhagen and København", in(0, "Copenhagen"), in(1, "København"), true},
		{"Kööpenhamina and Köpenhamn", in(0, "Kööpenhamina"), in(1, "Köpenhamn"), true},
		{"an unknown city and itself", in(0, "Timbuktu"), in(1, "timbuktu "), true},
		{"Oslo and Bergen", in(0, "Oslo"), in(1, "Bergen"), false},
		{"facets built without the key", func() calendar.Facets { f := in(0, "Copenhagen"); f.CityKey = ""; return f }(),
			func() calendar.Facets { f := in(1, "København"); f.CityKey = ""; return f }(), true},
		{"no city is not the same city", in(0, ""), in(1, ""), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := calendar.Compare(tt.a, tt.b, rules)
			if !ok {
				t.Fatal("no clash")
			}
			want := country
			if tt.sameCity {
				want = same
			}
			if c.Score != want.Score || c.Level != want.Level || !slices.Equal(reasonIDs(c), reasonIDs(want)) {
				t.Errorf("score %d level %v %v, want score %d level %v %v", c.Score, c.Level, reasonIDs(c),
					want.Score, want.Level, reasonIDs(want))
			}
		})
	}
}
