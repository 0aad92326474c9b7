// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// directoryActor makes the fixtures of these tests.
var directoryActor = audit.CLI

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// smallPDF is a minimal valid PDF file (one empty page).
var smallPDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

// postDocument sends the document form as multipart, with a file when
// name is not empty.
func postDocument(t *testing.T, b *browser, path string, fields url.Values, name string, content []byte) (*http.Response, *goquery.Document) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := w.CreateFormFile("file", name)
		_, _ = fw.Write(content)
	}
	_ = w.Close()
	res, err := b.c.Post(b.base+path, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	return res, doc
}

func documentValues(tok string, mod map[string]string) url.Values {
	v := url.Values{"_csrf": {tok}, "original_lang": {"no"}, "title_no": {"Nasjonal strategi mot menneskehandel 2025–2030"},
		"title_en": {"National strategy against human trafficking 2025–2030"}, "summary_en": {"Thirty measures; measure 3 asks for web resources."},
		"type": {"strategy"}, "country": {"NO"}, "date": {"2025-03-04"}, "languages": {"no", "en"}, "topics": {"prevention", "victims"}}
	for k, val := range mod {
		if val == "" {
			v.Del(k)
		} else {
			v.Set(k, val)
		}
	}
	return v
}

func TestCuratorUploadsADocument(t *testing.T) {
	a, b, _ := curator(t)
	ctx := context.Background()
	sv := a.bundle.For(lang.SV)
	tok := b.token("/admin/directory/documents/new?lang=sv")

	if res, _ := postDocument(t, b, "/admin/directory/documents", documentValues("", nil), "strategi.pdf", smallPDF); res.StatusCode != http.StatusForbidden {
		t.Fatalf("without CSRF: %d", res.StatusCode)
	}
	a.dir.MaxFileBytes = 4096
	for _, tc := range []struct {
		name    string
		mod     map[string]string
		file    string
		content []byte
		want    map[string]string // element ID → message ID
	}{
		{"no title in the original language, nothing to read", map[string]string{"title_no": ""}, "", nil,
			map[string]string{"#f-title-error": "validation.required", "#f-source-error": "directory.doc.link_or_file"}},
		{"a file that is not a PDF", nil, "strategi.pdf", []byte("<html><script>alert(1)</script></html>"),
			map[string]string{"#f-file-error": "validation.pdf"}},
		{"a PDF over the size limit", nil, "big.pdf", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 5000)...),
			map[string]string{"#f-file-error": "validation.file_too_large"}},
		{"a link that is not https", map[string]string{"url": "http://www.regjeringen.no/strategi"}, "", nil,
			map[string]string{"#f-url-error": "validation.https"}},
		{"both a link and a file", map[string]string{"url": "https://www.regjeringen.no/strategi"}, "s.pdf", smallPDF,
			map[string]string{"#f-source-error": "directory.doc.link_or_file"}},
		{"an unknown topic and no language", map[string]string{"topics": "weather", "languages": ""}, "s.pdf", smallPDF,
			map[string]string{"#f-topics-error": "validation.choice", "#f-languages-error": "validation.required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := postDocument(t, b, "/admin/directory/documents", documentValues(tok, tc.mod), tc.file, tc.content)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			for id, msg := range tc.want {
				if got := strings.TrimSpace(doc.Find(id).Text()); got != sv.T(msg) {
					t.Errorf("%s: %q, want the Swedish %q", id, got, sv.T(msg))
				}
			}
			if v, _ := doc.Find("#f-title_en").Attr("value"); v != "National strategy against human trafficking 2025–2030" {
				t.Errorf("typed title lost: %q", v)
			}
		})
	}
	// A body far over the limit is refused before it is read, without a 500.
	huge := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 4096+(1<<20)+10)...)
	if res, _ := postDocument(t, b, "/admin/directory/documents", documentValues(tok, nil), "huge.pdf", huge); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("huge upload: %d, want 413", res.StatusCode)
	}
	if docs, _ := a.db.ListDocuments(ctx, directory.DocumentQuery{Archived: true}); len(docs) != 0 {
		t.Fatalf("refused forms stored %d documents", len(docs))
	}

	res, _ := postDocument(t, b, "/admin/directory/documents", documentValues(tok, nil), `C:\Users\x\Nasjonal strategi 2025.pdf`, smallPDF)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	edit := res.Header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(edit, "/admin/directory/documents/"), 10, 64)
	d, err := a.db.DocumentByID(ctx, id)
	if err != nil || d.File == nil || d.File.Name != "nasjonal-strategi-2025.pdf" || d.File.Size != int64(len(smallPDF)) ||
		d.Title != "Nasjonal strategi mot menneskehandel 2025–2030" || !slices.Equal(d.Languages, []string{"no", "en"}) ||
		!slices.Equal(d.Topics, []string{"prevention", "victims"}) {
		t.Fatalf("stored %+v %+v, %v", d, d.File, err)
	}

	// The file is served as a PDF download with a strong ETag.
	file := "/files/documents/" + strconv.FormatInt(id, 10)
	rec := a.get(t, file, http.StatusOK)
	sum := sha256.Sum256(smallPDF)
	h := rec.Header()
	if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Content-Disposition") != `attachment; filename="nasjonal-strategi-2025.pdf"` || h.Get("ETag") != `"`+hex.EncodeToString(sum[:])+`"` ||
		!bytes.Equal(rec.Body.Bytes(), smallPDF) {
		t.Errorf("file: %v, %d bytes", h, rec.Body.Len())
	}
	if r := a.get(t, file, http.StatusNotModified, "If-None-Match", h.Get("ETag")); r.Body.Len() != 0 {
		t.Error("304 with a body")
	}
	a.get(t, "/files/documents/999999", http.StatusNotFound)

	// Editing keeps the file unless a new one is chosen or it is removed for a link.
	_, page := b.get(edit)
	version, _ := page.Find(".document-form input[name=version]").Attr("value")
	res, _ = postDocument(t, b, edit, documentValues(tok, map[string]string{"version": version, "title_sv": "Nationell strategi mot människohandel"}), "", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	if d, _ = a.db.DocumentByID(ctx, id); d.File == nil || d.Titles[lang.SV] != "Nationell strategi mot människohandel" || d.Version != 2 {
		t.Errorf("after save: %+v", d)
	}
	res, doc := postDocument(t, b, edit, documentValues(tok, map[string]string{"version": version}), "", nil)
	if res.StatusCode != http.StatusConflict || doc.Find(".notice-conflict").Length() != 1 {
		t.Errorf("stale save: %d", res.StatusCode)
	}
	res, _ = postDocument(t, b, edit, documentValues(tok, map[string]string{"version": "2", "remove_file": "yes", "url": "https://www.regjeringen.no/no/dokumenter/strategi/id1"}), "", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("replace the file with a link: %d", res.StatusCode)
	}
	if d, _ = a.db.DocumentByID(ctx, id); d.File != nil || d.URL == "" {
		t.Errorf("file not replaced by the link: %+v", d)
	}
	a.get(t, file, http.StatusNotFound)

	var actions []string
	for _, e := range auditActions(t, a, directory.RecordDocument) {
		actions = append(actions, e.Action)
		if e.Actor.Email != "editor@example.org" {
			t.Errorf("%s by %q", e.Action, e.Actor.Email)
		}
	}
	if !slices.Equal(actions, []string{"document.create", "document.update", "document.update"}) {
		t.Errorf("audit %v", actions)
	}
}

// addDocument stores a document directly (the fixtures of library tests).
func addDocument(t *testing.T, a *app, d directory.Document) directory.Document {
	t.Helper()
	if d.URL == "" && d.File == nil {
		d.URL = "https://example.org/" + strings.ReplaceAll(strings.ToLower(d.Title), " ", "-")
	}
	if err := a.dir.AddDocument(context.Background(), directoryActor, &d); err != nil {
		t.Fatalf("add %s: %v", d.Title, err)
	}
	return d
}

func TestLibraryFiltersServerSide(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	om, _ := a.db.OrganisationBySlug(ctx, "om-fi")
	strategy := addDocument(t, a, directory.Document{Title: "Nasjonal strategi", OriginalLang: lang.NO, Languages: []string{"no", "en"},
		Type: directory.Strategy, Country: "NO", Date: day(2025, 3, 4), Topics: []string{"prevention", "victims"}})
	plan := addDocument(t, a, directory.Document{Title: "Ihmiskaupan vastainen toimintaohjelma", OriginalLang: lang.FI, Languages: []string{"fi", "sv"},
		Type: directory.ActionPlan, Country: "FI", OrganisationID: &om.ID, Date: day(2021, 6, 1), Topics: []string{"labour"},
		Summaries: lang.Texts{lang.FI: "Toimenpiteet 2021–2023."}, Titles: lang.Texts{lang.SV: "Handlingsprogram mot människohandel"}})
	archived := addDocument(t, a, directory.Document{Title: "Old report", OriginalLang: lang.EN, Languages: []string{"en"},
		Type: directory.Report, Country: "INT", Date: day(2009, 1, 1)})
	if _, err := a.dir.ArchiveDocument(ctx, directoryActor, archived.ID, archived.Version, true); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", []int64{strategy.ID, plan.ID}},
		{"?type=action_plan", []int64{plan.ID}},
		{"?country=NO", []int64{strategy.ID}},
		{"?organisation=om-fi", []int64{plan.ID}},
		{"?language=sv", []int64{plan.ID}},
		{"?language=en", []int64{strategy.ID}},
		{"?topic=victims", []int64{strategy.ID}},
		{"?topic=children", nil},
		{"?year=2021", []int64{plan.ID}},
		{"?year=2021&type=strategy", nil},
		{"?q=handlingsprogram", []int64{plan.ID}},
		{"?q=old+report", nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			doc := a.page(t, "/sv/documents"+tc.query, http.StatusOK)
			var got []int64
			doc.Find(".doc-item").Each(func(_ int, s *goquery.Selection) {
				href, _ := s.Find("a").First().Attr("href")
				for _, d := range []directory.Document{strategy, plan, archived} {
					if href == d.URL {
						got = append(got, d.ID)
					}
				}
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// Titles and summaries in the reader's language, marked when they fall back.
	doc := a.page(t, "/sv/documents?type=action_plan", http.StatusOK)
	if link := doc.Find(".doc-item a").First(); link.Text() != "Handlingsprogram mot människohandel" || link.AttrOr("lang", "") != "sv" {
		t.Errorf("title in Swedish: %q lang %q", link.Text(), link.AttrOr("lang", ""))
	}
	if s := doc.Find(".doc-summary"); s.Text() != "Toimenpiteet 2021–2023." || s.AttrOr("lang", "") != "fi" {
		t.Errorf("summary falls back to Finnish: %q lang %q", s.Text(), s.AttrOr("lang", ""))
	}
	if opts := doc.Find("#d-year option").Length(); opts != 3 {
		t.Errorf("year choices: %d options, want any + 2021 + 2025", opts)
	}
	for _, bad := range []string{"?topic=weather", "?year=20x1", "?year=1066"} {
		a.get(t, "/sv/documents"+bad, http.StatusBadRequest)
	}
}

func TestAttachingDocumentsToEvents(t *testing.T) {
	a, b, _ := curator(t)
	ctx := context.Background()
	ev := a.ev["Helsinki conference"]
	agenda := addDocument(t, a, directory.Document{Title: "Esityslista", OriginalLang: lang.FI, Languages: []string{"fi"},
		Titles: lang.Texts{lang.EN: "Agenda of the conference"}, Type: directory.Minutes, Country: "FI", Date: day(2026, 11, 20),
		File: &directory.DocumentFile{Name: "esityslista.pdf", Content: smallPDF}})
	report := addDocument(t, a, directory.Document{Title: "Conference report", OriginalLang: lang.EN, Languages: []string{"en"},
		Type: directory.Report, Country: "FI", Date: day(2026, 12, 1)})
	// The library's CSV points to an uploaded file by its full address.
	if body := a.get(t, "/en/documents/csv?type=minutes", http.StatusOK).Body.String(); !strings.Contains(body, "https://nordcal.example.org/files/documents/"+strconv.FormatInt(agenda.ID, 10)) ||
		!strings.Contains(body, "Agenda of the conference") {
		t.Errorf("library CSV: %s", body)
	}
	public := "/en/events/" + strconv.FormatInt(ev.ID, 10)
	if doc := a.page(t, public, http.StatusOK); doc.Find(".event-documents").Length() != 0 {
		t.Fatal("documents before any is attached")
	}
	adminEvent := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
	tok := b.token(adminEvent)
	if res, _ := b.post(adminEvent+"/documents", url.Values{"document": {strconv.FormatInt(agenda.ID, 10)}, "role": {"agenda"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("without CSRF: %d", res.StatusCode)
	}
	if res, doc := b.post(adminEvent+"/documents", url.Values{"_csrf": {tok}, "document": {strconv.FormatInt(agenda.ID, 10)}, "role": {"minutes"}}); res.StatusCode != http.StatusBadRequest ||
		doc.Find("#attach-role-error").Length() != 1 {
		t.Fatalf("unknown role: %d", res.StatusCode)
	}
	if res, _ := b.post(adminEvent+"/documents", url.Values{"_csrf": {tok}, "document": {strconv.FormatInt(agenda.ID, 10)}, "role": {"agenda"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach from the event page: %d", res.StatusCode)
	}
	// From the document's page, by event number: an unknown number is a field message.
	docPage := "/admin/directory/documents/" + strconv.FormatInt(report.ID, 10)
	if res, doc := b.post(docPage+"/events", url.Values{"_csrf": {tok}, "event": {"999999"}, "role": {"report"}}); res.StatusCode != http.StatusBadRequest ||
		doc.Find("#a-event-error").Length() != 1 {
		t.Fatalf("unknown event: %d", res.StatusCode)
	}
	if res, _ := b.post(docPage+"/events", url.Values{"_csrf": {tok}, "event": {strconv.FormatInt(ev.ID, 10)}, "role": {"report"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach from the document page: %d", res.StatusCode)
	}
	// The cached public page is rendered afresh (the change stamp moved).
	doc := a.page(t, public, http.StatusOK)
	items := doc.Find(".event-documents .doc-item")
	if items.Length() != 2 {
		t.Fatalf("%d documents on the event page", items.Length())
	}
	first := items.First()
	if first.Find(".doc-role").Text() != "Agenda:" || first.Find("a").Text() != "Agenda of the conference" ||
		first.Find("a").AttrOr("href", "") != "/files/documents/"+strconv.FormatInt(agenda.ID, 10) {
		t.Errorf("agenda: %q %q %q", first.Find(".doc-role").Text(), first.Find("a").Text(), first.Find("a").AttrOr("href", ""))
	}
	if fi := a.page(t, "/fi/events/"+strconv.FormatInt(ev.ID, 10), http.StatusOK); fi.Find(".event-documents a").First().Text() != "Esityslista" {
		t.Errorf("Finnish page: %q", fi.Find(".event-documents a").First().Text())
	}
	// The event's own fields did not change: no new sequence for calendars.
	after, _ := a.cal.EventAny(ctx, ev.ID)
	if after.Sequence != ev.Sequence || after.Version != ev.Version {
		t.Errorf("attaching changed the event: sequence %d→%d, version %d→%d", ev.Sequence, after.Sequence, ev.Version, after.Version)
	}
	// Archived documents stay on their events; detaching removes them.
	if _, err := a.dir.ArchiveDocument(ctx, directoryActor, report.ID, report.Version, true); err != nil {
		t.Fatal(err)
	}
	if n := a.page(t, public, http.StatusOK).Find(".event-documents .doc-item").Length(); n != 2 {
		t.Errorf("after archiving: %d documents on the event", n)
	}
	if res, _ := b.post(adminEvent+"/documents/"+strconv.FormatInt(agenda.ID, 10)+"/detach", url.Values{"_csrf": {tok}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("detach: %d", res.StatusCode)
	}
	if n := a.page(t, public, http.StatusOK).Find(".event-documents .doc-item").Length(); n != 1 {
		t.Errorf("after detaching: %d documents", n)
	}
	var actions []string
	for _, e := range auditActions(t, a, directory.RecordDocument) {
		actions = append(actions, e.Action)
	}
	for _, want := range []string{"document.attach", "document.detach", "document.archive"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
}
