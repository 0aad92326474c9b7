// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Nasjonal strategi 2025–2030.pdf":  "nasjonal-strategi-2025-2030.pdf",
		`C:\Users\x\Handlingsplan ÅÄÖ.PDF`: "handlingsplan-aao.pdf",
		"../../etc/passwd":                 "passwd.pdf",
		"\"; filename=evil.html":           "filename-evil-html.pdf",
		"":                                 "document.pdf",
		"€€€.pdf":                          "document.pdf",
		strings.Repeat("a", 200) + ".pdf":  strings.Repeat("a", 76) + ".pdf",
	} {
		if got := directory.SafeFileName(in, "document"); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

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
		{"neither a link nor a file", func(d *directory.Document) { d.URL = "" }, map[string]string{"source": "directory.doc.link_or_file"}},
		{"both a link and a file", func(d *directory.Document) { d.File = &directory.DocumentFile{Content: []byte("%PDF-1.7\n")} },
			map[string]string{"source": "directory.doc.link_or_file"}},
		{"an uploaded PDF instead of a link", func(d *directory.Document) {
			d.URL, d.File = "", &directory.DocumentFile{Name: "strategi.pdf", Content: []byte("%PDF-1.4\n%âãÏÓ\n")}
		}, nil},
		{"an uploaded file that is not a PDF", func(d *directory.Document) {
			d.URL, d.File = "", &directory.DocumentFile{Name: "strategi.pdf", Content: []byte("<html><script>alert(1)</script>")}
		}, map[string]string{"file": "validation.pdf"}},
		{"a PDF magic that is not at the start", func(d *directory.Document) {
			d.URL, d.File = "", &directory.DocumentFile{Name: "x.pdf", Content: []byte("GIF89a %PDF-1.4")}
		}, map[string]string{"file": "validation.pdf"}},
		{"the stored file kept (no new content)", func(d *directory.Document) {
			d.URL, d.File = "", &directory.DocumentFile{Name: "x.pdf", Size: 10, SHA256: "ab"}
		}, nil},
		{"titles in several languages", func(d *directory.Document) {
			d.Titles = lang.Texts{lang.NO: "Nasjonal strategi", lang.EN: "National strategy"}
			d.Summaries = lang.Texts{lang.EN: "Measures 1–30.\nMeasure 3: web resources."}
		}, nil},
		{"a translation but no title in the original language", func(d *directory.Document) {
			d.Title, d.Titles = "", lang.Texts{lang.EN: "National strategy"}
		}, map[string]string{"title": "validation.required"}},
		{"a summary with a control character", func(d *directory.Document) { d.Summaries = lang.Texts{lang.NO: "a\x00b"} },
			map[string]string{"summary": "validation.text"}},
		{"a summary too long", func(d *directory.Document) { d.Summaries = lang.Texts{lang.NO: strings.Repeat("x", 3001)} },
			map[string]string{"summary": "validation.too_long"}},
		{"several languages", func(d *directory.Document) { d.Languages = []string{"no", "en", "se"} }, nil},
		{"topics of the calendar", func(d *directory.Document) { d.Topics = []string{"victims", "labour"} }, nil},
		{"an unknown topic", func(d *directory.Document) { d.Topics = []string{"weather"} }, map[string]string{"topics": "validation.choice"}},
		{"an original language outside the interface", func(d *directory.Document) { d.Titles, d.OriginalLang = nil, "ru" },
			map[string]string{"original_lang": "validation.lang.unknown", "title": "validation.lang.unknown"}},
		{"a plain http URL", func(d *directory.Document) { d.URL = "http://www.regjeringen.no/strategi.pdf" },
			map[string]string{"url": "validation.https"}},
		{"a URL without host", func(d *directory.Document) { d.URL = "https:///strategi.pdf" },
			map[string]string{"url": "validation.https"}},
		{"a URL too long", func(d *directory.Document) { d.URL = "https://example.org/" + strings.Repeat("a", 2000) },
			map[string]string{"url": "validation.https"}},
		{"no language", func(d *directory.Document) { d.Lang = "" }, map[string]string{"languages": "validation.required"}},
		{"an unknown language", func(d *directory.Document) { d.Lang = "nb" }, map[string]string{"languages": "validation.choice"}},
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
		{"a vice-chair from a date", directory.Member{PersonID: ptr(int64(1)), Role: directory.ViceChair, From: day(2025, 1, 1)}, nil},
		{"ended on the day it began", directory.Member{PersonID: ptr(int64(1)), Role: directory.MemberOf, From: day(2025, 1, 1), To: day(2025, 1, 1)}, nil},
		{"ended before it began", directory.Member{PersonID: ptr(int64(1)), Role: directory.MemberOf, From: day(2025, 2, 1), To: day(2025, 1, 31)},
			map[string]string{"to": "validation.date_order"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantFields(t, fieldErrors(t, tc.m.Validate()), tc.want)
		})
	}
}
