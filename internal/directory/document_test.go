// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/directory"
)

func validDocument() directory.Document {
	return directory.Document{Title: "Nasjonal strategi mot menneskehandel 2025–2030",
		URL: "https://www.regjeringen.no/no/dokumenter/strategi/id1", Lang: "no", Country: "NO", Type: directory.Strategy,
		Date: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)}
}

func TestDocumentValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*directory.Document)
		want map[string]string
	}{
		{"a complete document is valid", func(*directory.Document) {}, nil},
		{"published by an organisation", func(d *directory.Document) { d.OrganisationID = ptr(int64(1)) }, nil},
		{"published by a network", func(d *directory.Document) { d.NetworkID = ptr(int64(1)) }, nil},
		{"a title at the length limit", func(d *directory.Document) { d.Title = strings.Repeat("ä", 300) }, nil},
		{"in a language outside the interface", func(d *directory.Document) { d.Lang = "ru" }, nil},
		{"no title", func(d *directory.Document) { d.Title = " \t " }, map[string]string{"title": "validation.required"}},
		{"a title too long", func(d *directory.Document) { d.Title = strings.Repeat("ä", 301) },
			map[string]string{"title": "validation.too_long"}},
		{"no URL", func(d *directory.Document) { d.URL = "" }, map[string]string{"url": "validation.https"}},
		{"a plain http URL", func(d *directory.Document) { d.URL = "http://www.regjeringen.no/strategi.pdf" },
			map[string]string{"url": "validation.https"}},
		{"a URL without host", func(d *directory.Document) { d.URL = "https:///strategi.pdf" },
			map[string]string{"url": "validation.https"}},
		{"a URL too long", func(d *directory.Document) { d.URL = "https://example.org/" + strings.Repeat("a", 2000) },
			map[string]string{"url": "validation.https"}},
		{"no language", func(d *directory.Document) { d.Lang = "" }, map[string]string{"lang": "validation.choice"}},
		{"an unknown language", func(d *directory.Document) { d.Lang = "nb" }, map[string]string{"lang": "validation.choice"}},
		{"an unknown country", func(d *directory.Document) { d.Country = "EU" },
			map[string]string{"country": "validation.country.unknown"}},
		{"a country code not in its stored form", func(d *directory.Document) { d.Country = "no" },
			map[string]string{"country": "validation.country.unknown"}},
		{"a line break in the title", func(d *directory.Document) { d.Title = "Strategy\r\n2025" },
			map[string]string{"title": "validation.text"}},
		{"a URL that is not UTF-8", func(d *directory.Document) { d.URL = "https://example.org/strategi-\xe5.pdf" },
			map[string]string{"url": "validation.https"}},
		{"an unknown type", func(d *directory.Document) { d.Type = "memo" }, map[string]string{"type": "validation.choice"}},
		{"both an organisation and a network", func(d *directory.Document) {
			d.OrganisationID, d.NetworkID = ptr(int64(1)), ptr(int64(2))
		}, map[string]string{"organisation": "validation.one_of"}},
		{"no date", func(d *directory.Document) { d.Date = time.Time{} }, map[string]string{"date": "validation.required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := validDocument()
			tc.mod(&d)
			wantFields(t, fieldErrors(t, d.Validate()), tc.want)
		})
	}
}

func TestDocumentValidateNormalisesTitleAndDate(t *testing.T) {
	d := validDocument()
	d.Title = "  Action programme  "
	d.Date = time.Date(2025, 3, 4, 23, 30, 0, 0, time.FixedZone("EET", -2*3600)) // 5 March in UTC
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if d.Title != "Action programme" {
		t.Errorf("title %q", d.Title)
	}
	if want := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC); !d.Date.Equal(want) || d.Date.Location() != time.UTC {
		t.Errorf("date %v, want %v", d.Date, want)
	}
}

func TestMemberValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    directory.Member
		want map[string]string
	}{
		{"an organisation", directory.Member{OrganisationID: ptr(int64(1)), Role: directory.Chair}, nil},
		{"a person", directory.Member{PersonID: ptr(int64(1)), Role: directory.Observer}, nil},
		{"nobody", directory.Member{Role: directory.MemberOf}, map[string]string{"member": "validation.one_of"}},
		{"both", directory.Member{OrganisationID: ptr(int64(1)), PersonID: ptr(int64(2)), Role: directory.MemberOf},
			map[string]string{"member": "validation.one_of"}},
		{"no role", directory.Member{PersonID: ptr(int64(1))}, map[string]string{"role": "validation.choice"}},
		{"an unknown role", directory.Member{PersonID: ptr(int64(1)), Role: "president"}, map[string]string{"role": "validation.choice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantFields(t, fieldErrors(t, tc.m.Validate()), tc.want)
		})
	}
}
