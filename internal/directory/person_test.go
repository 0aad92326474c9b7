// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestValidEmail(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"aino.makela@example.org", true},
		{"Aino.Makela@Example.org", true},
		{"a+ikut@om.example.fi", true},
		{"a@b.c", true},
		{strings.Repeat("a", 254-len("@example.org")) + "@example.org", true},
		{strings.Repeat("a", 255-len("@example.org")) + "@example.org", false},
		{"", false},
		{"aino", false},
		{"@example.org", false},
		{"aino@", false},
		{"aino@localhost", false},
		{"aino@@example.org", false},
		{"Aino Mäkelä <aino@example.org>", false},
		{"<aino@example.org>", false},
		{`"aino"@example.org`, false},
		{"aino@example.org(Aino)", false},
		{"aino makela@example.org", false},
		{"aino@example.org\r\nBcc: all@example.org", false},
		{"aino@example.org, bo@example.org", false},
	} {
		if got := directory.ValidEmail(tc.in); got != tc.want {
			t.Errorf("ValidEmail(%.40q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeGivesTheStoredForm(t *testing.T) {
	helsinki, _ := time.LoadLocation("Europe/Helsinki")
	p := directory.Person{GivenName: "  Aino ", FamilyName: "Mäkelä\t", Email: " Aino.Makela@Example.ORG ", Phone: " +358 29 555 0100 ",
		Country: " fi ", Titles: lang.Texts{lang.FI: "  Koordinaattori ", lang.SV: "   ", lang.EN: ""},
		// 01:30 in Helsinki is still the day before in UTC.
		LegalBasisDate: time.Date(2026, 1, 5, 1, 30, 0, 0, helsinki),
		VerifiedAt:     time.Date(2026, 11, 23, 17, 45, 0, 0, time.UTC)}
	p.Normalize()
	if p.GivenName != "Aino" || p.FamilyName != "Mäkelä" || p.Email != "aino.makela@example.org" || p.Phone != "+358 29 555 0100" {
		t.Errorf("text fields: %q %q %q %q", p.GivenName, p.FamilyName, p.Email, p.Phone)
	}
	if len(p.Titles) != 1 || p.Titles[lang.FI] != "Koordinaattori" {
		t.Errorf("titles: %q", p.Titles)
	}
	if p.OriginalLang != lang.EN || p.Visibility != directory.Hidden || p.Country != "FI" {
		t.Errorf("defaults: lang %q, visibility %q, country %q", p.OriginalLang, p.Visibility, p.Country)
	}
	if want := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC); !p.LegalBasisDate.Equal(want) || p.LegalBasisDate.Location() != time.UTC {
		t.Errorf("legal basis date %v, want %v", p.LegalBasisDate, want)
	}
	if want := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC); !p.VerifiedAt.Equal(want) {
		t.Errorf("verified %v, want %v", p.VerifiedAt, want)
	}
	set := directory.Person{OriginalLang: lang.SV, Visibility: directory.Public}
	set.Normalize()
	if set.OriginalLang != lang.SV || set.Visibility != directory.Public || !set.LegalBasisDate.IsZero() {
		t.Errorf("normalize overwrote given values: %+v", set)
	}
}

func TestPersonValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*directory.Person)
		want map[string]string
	}{
		{"a complete entry is valid", func(*directory.Person) {}, nil},
		{"only a family name", func(p *directory.Person) { p.GivenName = "" }, nil},
		{"only a given name", func(p *directory.Person) { p.FamilyName = "" }, nil},
		{"no e-mail, phone, titles, languages or roles", func(p *directory.Person) {
			p.Email, p.Phone, p.Titles, p.Languages, p.Roles = "", "", nil, nil, nil
		}, nil},
		{"names and titles at the length limit", func(p *directory.Person) {
			p.GivenName, p.FamilyName, p.Titles[lang.SV] = strings.Repeat("å", 100), strings.Repeat("ø", 100), strings.Repeat("ä", 200)
		}, nil},
		{"no name at all", func(p *directory.Person) { p.GivenName, p.FamilyName = "", "" },
			map[string]string{"family_name": "validation.required"}},
		{"a given name too long", func(p *directory.Person) { p.GivenName = strings.Repeat("å", 101) },
			map[string]string{"given_name": "validation.too_long"}},
		{"a family name over two lines", func(p *directory.Person) { p.FamilyName = "Mäkelä\r\nBcc: x" },
			map[string]string{"family_name": "validation.text"}},
		{"a NUL in the given name", func(p *directory.Person) { p.GivenName = "Ai\x00no" },
			map[string]string{"given_name": "validation.text"}},
		{"a family name that is not UTF-8", func(p *directory.Person) { p.FamilyName = "M\xe4kel\xe4" },
			map[string]string{"family_name": "validation.text"}},
		{"a line break in a title", func(p *directory.Person) { p.Titles[lang.EN] = "Coordinator\nsecond line" },
			map[string]string{"title_en": "validation.text"}},
		{"a C1 control character in a title", func(p *directory.Person) { p.Titles[lang.FI] = "Koordinaattori\u0085" },
			map[string]string{"title_fi": "validation.text"}},
		{"an unknown original language", func(p *directory.Person) { p.OriginalLang = "nb" },
			map[string]string{"original_lang": "validation.lang.unknown"}},
		{"a title in an unknown language", func(p *directory.Person) { p.Titles["de"] = "Koordinatorin" },
			map[string]string{"title": "validation.lang.unknown"}},
		{"a title too long", func(p *directory.Person) { p.Titles[lang.SV] = strings.Repeat("ä", 201) },
			map[string]string{"title_sv": "validation.too_long"}},
		{"a bad e-mail", func(p *directory.Person) { p.Email = "Aino <aino@example.org>" },
			map[string]string{"email": "validation.email"}},
		{"letters in the phone number", func(p *directory.Person) { p.Phone = "+358 29 555 ONE" },
			map[string]string{"phone": "validation.phone"}},
		{"a phone number too short", func(p *directory.Person) { p.Phone = "112" },
			map[string]string{"phone": "validation.phone"}},
		{"no country", func(p *directory.Person) { p.Country = "" },
			map[string]string{"country": "validation.country.unknown"}},
		{"an unknown country", func(p *directory.Person) { p.Country = "SU" },
			map[string]string{"country": "validation.country.unknown"}},
		{"a country code not normalised", func(p *directory.Person) { p.Country = "fi" },
			map[string]string{"country": "validation.country.unknown"}},
		{"an unknown spoken language", func(p *directory.Person) { p.Languages = []string{"fi", "klingon"} },
			map[string]string{"languages": "validation.choice"}},
		{"an unknown role", func(p *directory.Person) { p.Roles = []directory.Role{directory.Expert, "minister"} },
			map[string]string{"roles": "validation.choice"}},
		{"no visibility", func(p *directory.Person) { p.Visibility = "" },
			map[string]string{"visibility": "validation.choice"}},
		{"an unknown visibility", func(p *directory.Person) { p.Visibility = "everyone" },
			map[string]string{"visibility": "validation.choice"}},
		{"no legal basis", func(p *directory.Person) { p.LegalBasis = "" },
			map[string]string{"legal_basis": "validation.choice"}},
		{"an unknown legal basis", func(p *directory.Person) { p.LegalBasis = "contract" },
			map[string]string{"legal_basis": "validation.choice"}},
		{"no date for the legal basis", func(p *directory.Person) { p.LegalBasisDate = time.Time{} },
			map[string]string{"legal_basis_date": "validation.required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := validPerson()
			tc.mod(&p)
			wantFields(t, fieldErrors(t, p.Validate()), tc.want)
		})
	}
}

func TestPersonNamesSortAndSearchWithoutAccents(t *testing.T) {
	p := directory.Person{GivenName: "Søren", FamilyName: "Ærø", Email: "soren.aero@example.dk",
		Titles: lang.Texts{lang.DA: "National koordinator", lang.EN: "National Coordinator"}, OriginalLang: lang.DA}
	if p.Name() != "Søren Ærø" {
		t.Errorf("name %q", p.Name())
	}
	if n := (directory.Person{FamilyName: "Mäkelä"}).Name(); n != "Mäkelä" {
		t.Errorf("family name only: %q", n)
	}
	if p.SortKey() != "aero soren" {
		t.Errorf("sort key %q", p.SortKey())
	}
	people := []directory.Person{{GivenName: "Bo", FamilyName: "Öberg"}, {GivenName: "Aino", FamilyName: "Makela"},
		{GivenName: "Bo", FamilyName: "Mäkelä"}, {GivenName: "Åsa", FamilyName: "Aalto"}}
	slices.SortFunc(people, func(a, b directory.Person) int { return strings.Compare(a.SortKey(), b.SortKey()) })
	var order []string
	for _, q := range people {
		order = append(order, q.Name())
	}
	if want := []string{"Åsa Aalto", "Aino Makela", "Bo Mäkelä", "Bo Öberg"}; !slices.Equal(order, want) {
		t.Errorf("order %q, want %q", order, want)
	}
	for _, w := range []string{"soren", "aero", "koordinator", "coordinator", "example.dk"} {
		if !strings.Contains(p.SearchText(), w) {
			t.Errorf("search text %q lacks %q", p.SearchText(), w)
		}
	}
	if got, l := p.Title(lang.FI); got != "National koordinator" || l != lang.DA {
		t.Errorf("title in Finnish falls back to %q (%s)", got, l)
	}
}

func TestQueryTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"Mäkelä", []string{"makela"}},
		{"  Søren\tÆrø  OM ", []string{"soren", "aero", "om"}},
		{"a b c d e f g h i j k l", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}},
	} {
		if got := directory.QueryTerms(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("QueryTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPersonRolesAndVisibility(t *testing.T) {
	p := validPerson()
	if !p.HasRole(directory.NationalCoordinator) || p.HasRole(directory.Press) {
		t.Errorf("roles %v", p.Roles)
	}
	for v, public := range map[directory.Visibility]bool{directory.Public: true, directory.Secretariat: false, directory.Hidden: false, "": false} {
		p.Visibility = v
		if p.IsPublic() != public {
			t.Errorf("visibility %q: public %v", v, p.IsPublic())
		}
	}
}
