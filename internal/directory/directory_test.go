// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestParseCountry(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want directory.Country
		ok   bool
	}{
		{"FI", "FI", true},
		{"fi", "FI", true},
		{" se\t", "SE", true},
		{"Ax", "AX", true},
		{"INT", "INT", true},
		{"int", "INT", true},
		{"DE", "DE", true},
		{"XX", "", false},
		{"FIN", "", false},
		{"F I", "", false},
		{"", "", false},
		{"US", "", false},
	} {
		got, ok := directory.ParseCountry(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseCountry(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEveryCountryHasItsOwnZone(t *testing.T) {
	for c, want := range map[directory.Country]string{
		"FI": "Europe/Helsinki", "IS": "Atlantic/Reykjavik", "GL": "America/Nuuk", "FO": "Atlantic/Faroe",
		"AX": "Europe/Mariehamn", "LT": "Europe/Vilnius", "INT": "Europe/Copenhagen",
		"XX": "Europe/Copenhagen", "": "Europe/Copenhagen",
	} {
		if got := c.Zone(); got != want {
			t.Errorf("%q.Zone() = %q, want %q", c, got, want)
		}
	}
	nordic := 0
	for _, k := range directory.Countries {
		if k.Nordic {
			nordic++
		}
	}
	if nordic != 8 {
		t.Errorf("%d Nordic countries and areas, want 8 (five states, Åland, the Faroes, Greenland)", nordic)
	}
}

func TestValidSlug(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"om-fi", true},
		{"a", true},
		{"nb8-2009", true},
		{strings.Repeat("a", 80), true},
		{strings.Repeat("a", 81), false},
		{"", false},
		{"Om-fi", false},
		{"-om", false},
		{"om-", false},
		{"om--fi", false},
		{"om_fi", false},
		{"om fi", false},
		{"oikeusministeriö", false},
		{"om/fi", false},
	} {
		if got := directory.ValidSlug(tc.in); got != tc.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestValidWebURL(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", 2000-len("https://example.org/"))
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"https://oikeusministerio.fi", true},
		{"http://example.org/path?q=1#x", true},
		{"HTTPS://example.org", true},
		{long, true},
		{long + "a", false},
		{"", false},
		{"example.org", false},
		{"//example.org", false},
		{"https://", false},
		{"https:///path", false},
		{"ftp://example.org", false},
		{"javascript:alert(1)", false},
		{"mailto:coordinator@example.org", false},
		{"https://exa mple.org", false},
		{"https://example.org/\nSet-Cookie: x", false},
		{"https://example.org/\xff", false},
	} {
		if got := directory.ValidWebURL(tc.in); got != tc.want {
			t.Errorf("ValidWebURL(%.40q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestOrganisationValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*directory.Organisation)
		want map[string]string
	}{
		{"a complete organisation is valid", func(*directory.Organisation) {}, nil},
		{"optional fields may be empty", func(o *directory.Organisation) {
			o.Abbreviation, o.Website, o.Switchboard, o.Address = "", "", "", ""
		}, nil},
		{"names at the length limit", func(o *directory.Organisation) {
			o.Names[lang.FI], o.Abbreviation, o.Address = strings.Repeat("ä", 200), strings.Repeat("Ö", 30), strings.Repeat("å", 300)
		}, nil},
		{"a bad slug", func(o *directory.Organisation) { o.Slug = "Migri FI" },
			map[string]string{"slug": "validation.slug"}},
		{"no name in the original language", func(o *directory.Organisation) { delete(o.Names, lang.FI) },
			map[string]string{"name": "validation.required"}},
		{"a blank name in the original language", func(o *directory.Organisation) { o.Names[lang.FI] = " \t" },
			map[string]string{"name": "validation.required"}},
		{"an unknown original language", func(o *directory.Organisation) { o.OriginalLang = "de" },
			map[string]string{"original_lang": "validation.lang.unknown", "name": "validation.required"}},
		{"a name in an unknown language", func(o *directory.Organisation) { o.Names["de"] = "Einwanderungsbehörde" },
			map[string]string{"name": "validation.lang.unknown"}},
		{"a name too long, counted in characters", func(o *directory.Organisation) { o.Names[lang.EN] = strings.Repeat("ä", 201) },
			map[string]string{"name": "validation.too_long"}},
		{"an abbreviation too long", func(o *directory.Organisation) { o.Abbreviation = strings.Repeat("M", 31) },
			map[string]string{"abbreviation": "validation.too_long"}},
		{"an unknown country", func(o *directory.Organisation) { o.Country = "XX" },
			map[string]string{"country": "validation.country.unknown"}},
		{"no country", func(o *directory.Organisation) { o.Country = "" },
			map[string]string{"country": "validation.country.unknown"}},
		{"a country code not in its stored form", func(o *directory.Organisation) { o.Country = "fi" },
			map[string]string{"country": "validation.country.unknown"}},
		{"a NUL in a name", func(o *directory.Organisation) { o.Names[lang.EN] = "Finnish\x00Immigration Service" },
			map[string]string{"name": "validation.text"}},
		{"a name that is not UTF-8", func(o *directory.Organisation) { o.Names[lang.FI] = "Maahanmuuttovirasto \xe4" },
			map[string]string{"name": "validation.text"}},
		{"an escape in the abbreviation", func(o *directory.Organisation) { o.Abbreviation = "\x1b[31mMigri" },
			map[string]string{"abbreviation": "validation.text"}},
		{"a tab in the address", func(o *directory.Organisation) { o.Address = "Panimokatu 2a\tHelsinki" },
			map[string]string{"address": "validation.text"}},
		{"a line separator in a name", func(o *directory.Organisation) { o.Names[lang.FI] = "Maahanmuutto\u2028virasto" },
			map[string]string{"name": "validation.text"}},
		{"an unknown type", func(o *directory.Organisation) { o.Type = "company" },
			map[string]string{"type": "validation.choice"}},
		{"no type", func(o *directory.Organisation) { o.Type = "" },
			map[string]string{"type": "validation.choice"}},
		{"a website that is not http(s)", func(o *directory.Organisation) { o.Website = "ftp://migri.fi" },
			map[string]string{"website": "validation.url"}},
		{"a website without scheme", func(o *directory.Organisation) { o.Website = "migri.fi" },
			map[string]string{"website": "validation.url"}},
		{"a switchboard that is no number", func(o *directory.Organisation) { o.Switchboard = "ask reception" },
			map[string]string{"switchboard": "validation.phone"}},
		{"a switchboard too short", func(o *directory.Organisation) { o.Switchboard = "5550" },
			map[string]string{"switchboard": "validation.phone"}},
		{"an address over one line", func(o *directory.Organisation) { o.Address = "Panimokatu 2a\nHelsinki" },
			map[string]string{"address": "validation.text"}},
		{"an address too long", func(o *directory.Organisation) { o.Address = strings.Repeat("a", 301) },
			map[string]string{"address": "validation.too_long"}},
		{"its own parent", func(o *directory.Organisation) { o.ID, o.ParentID = 5, ptr(int64(5)) },
			map[string]string{"parent": "validation.parent_self"}},
		{"another organisation as parent", func(o *directory.Organisation) { o.ID, o.ParentID = 5, ptr(int64(6)) }, nil},
		{"a new organisation under an existing one", func(o *directory.Organisation) { o.ParentID = ptr(int64(5)) }, nil},
		{"every problem at once", func(o *directory.Organisation) {
			*o = directory.Organisation{Names: lang.Texts{}, Website: "x", Switchboard: "x"}
		}, map[string]string{"slug": "validation.slug", "original_lang": "validation.lang.unknown", "name": "validation.required",
			"country": "validation.country.unknown", "type": "validation.choice", "website": "validation.url",
			"switchboard": "validation.phone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := validOrg()
			tc.mod(&o)
			wantFields(t, fieldErrors(t, o.Validate()), tc.want)
		})
	}
}

func TestNetworkValidate(t *testing.T) {
	valid := func() directory.Network {
		return directory.Network{Slug: "cbss-tf-thb", OriginalLang: lang.EN, Abbreviation: "TF-THB",
			ParentBodies: lang.Texts{lang.EN: "Council of the Baltic Sea States", lang.SV: "Östersjöstaternas råd"}, Website: "https://cbss.org",
			Names:        lang.Texts{lang.EN: "CBSS Task Force against Trafficking in Human Beings"},
			Descriptions: lang.Texts{lang.EN: "Intergovernmental task force.", lang.FI: "Hallitustenvälinen työryhmä."}}
	}
	for _, tc := range []struct {
		name string
		mod  func(*directory.Network)
		want map[string]string
	}{
		{"a complete network is valid", func(*directory.Network) {}, nil},
		{"only a name is needed", func(n *directory.Network) {
			n.Abbreviation, n.ParentBodies, n.Website, n.Descriptions = "", nil, "", nil
		}, nil},
		{"texts at the length limits", func(n *directory.Network) {
			n.Descriptions[lang.FI], n.ParentBodies[lang.SV] = strings.Repeat("ä", 5000), strings.Repeat("ö", 300)
		}, nil},
		{"a bad slug", func(n *directory.Network) { n.Slug = "CBSS" }, map[string]string{"slug": "validation.slug"}},
		{"no name", func(n *directory.Network) { n.Names = nil }, map[string]string{"name": "validation.required"}},
		{"a name only in another language", func(n *directory.Network) { n.Names = lang.Texts{lang.SV: "Arbetsgruppen"} },
			map[string]string{"name": "validation.required"}},
		{"an unknown original language", func(n *directory.Network) { n.OriginalLang = "ru" },
			map[string]string{"original_lang": "validation.lang.unknown", "name": "validation.required"}},
		{"a description too long", func(n *directory.Network) { n.Descriptions[lang.FI] = strings.Repeat("ä", 5001) },
			map[string]string{"description": "validation.too_long"}},
		{"an abbreviation too long", func(n *directory.Network) { n.Abbreviation = strings.Repeat("T", 31) },
			map[string]string{"abbreviation": "validation.too_long"}},
		{"a parent body too long in one language", func(n *directory.Network) { n.ParentBodies[lang.SV] = strings.Repeat("ö", 301) },
			map[string]string{"parent_body": "validation.too_long"}},
		{"a bad website", func(n *directory.Network) { n.Website = "javascript:alert(1)" },
			map[string]string{"website": "validation.url"}},
		{"a description over several lines", func(n *directory.Network) { n.Descriptions[lang.EN] = "Meets twice a year.\r\n\tChair: Finland." }, nil},
		{"a NUL in a description", func(n *directory.Network) { n.Descriptions[lang.EN] = "Meets\x00" },
			map[string]string{"description": "validation.text"}},
		{"a line break in a name", func(n *directory.Network) { n.Names[lang.EN] = "CBSS\nTask Force" },
			map[string]string{"name": "validation.text"}},
		{"a control character in the abbreviation", func(n *directory.Network) { n.Abbreviation = "TF\x7f" },
			map[string]string{"abbreviation": "validation.text"}},
		{"a line break in the parent body", func(n *directory.Network) { n.ParentBodies[lang.EN] = "CBSS\r\nSecretariat" },
			map[string]string{"parent_body": "validation.text"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := valid()
			tc.mod(&n)
			wantFields(t, fieldErrors(t, n.Validate()), tc.want)
		})
	}
}

func TestNamesFallBackToTheOriginalLanguageThenEnglish(t *testing.T) {
	o := directory.Organisation{OriginalLang: lang.FI,
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice", lang.DA: "  "}}
	n := directory.Network{OriginalLang: lang.NO, Names: lang.Texts{lang.NO: "Nettverket", lang.EN: "The network"},
		Descriptions: lang.Texts{lang.EN: "About the network"}}
	for _, tc := range []struct {
		name     string
		get      func() (string, lang.Code)
		want     string
		wantLang lang.Code
	}{
		{"the language asked for", func() (string, lang.Code) { return o.Name(lang.SV) }, "Justitieministeriet", lang.SV},
		{"the original when missing", func() (string, lang.Code) { return o.Name(lang.NO) }, "Oikeusministeriö", lang.FI},
		{"the original when blank", func() (string, lang.Code) { return o.Name(lang.DA) }, "Oikeusministeriö", lang.FI},
		{"a network's own name", func() (string, lang.Code) { return n.Name(lang.FI) }, "Nettverket", lang.NO},
		{"English when the original is missing", func() (string, lang.Code) { return n.Description(lang.FI) }, "About the network", lang.EN},
		{"English asked for", func() (string, lang.Code) { return n.Name(lang.EN) }, "The network", lang.EN},
		{"any language when neither the original nor English exists", func() (string, lang.Code) {
			return directory.Organisation{OriginalLang: lang.FI, Names: lang.Texts{lang.DA: "Justitsministeriet"}}.Name(lang.SV)
		}, "Justitsministeriet", lang.DA},
		{"nothing at all", func() (string, lang.Code) { return directory.Network{OriginalLang: lang.FI}.Description(lang.SV) }, "", lang.SV},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, l := tc.get()
			if got != tc.want || l != tc.wantLang {
				t.Errorf("got %q (%s), want %q (%s)", got, l, tc.want, tc.wantLang)
			}
		})
	}
}
