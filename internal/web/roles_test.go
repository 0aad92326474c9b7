// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// A role is created, edited, assigned, handed over and retired in the
// secretariat area; its public page shows its functional mailbox always,
// its holder only when the holder is public, keeps its earlier holders,
// and the role is found by the directory search and on its country page.
func TestRolesOutliveTheirHolders(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	first := addPerson(t, svc, "Sigrún", "Jónsdóttir", directory.Secretariat, func(p *directory.Person) { p.Country = "IS" })
	second := addPerson(t, svc, "Helga", "Magnúsdóttir", directory.Public, func(p *directory.Person) { p.Country = "IS" })

	tok := b.token("/admin/directory/roles?lang=fi")
	form := url.Values{"_csrf": {tok}, "slug": {"coordinator-is"}, "title_en": {"National coordinator against human trafficking, Iceland"},
		"title_fi": {"Ihmiskaupan vastaisen toiminnan kansallinen koordinaattori, Islanti"}, "original_lang": {"en"}, "country": {"IS"},
		"topics": {"prevention", "not-a-topic"}, "mailbox": {"not an address"}}
	res, doc := b.post("/admin/directory/roles", form)
	fi := a.bundle.For(lang.FI)
	if res.StatusCode != http.StatusBadRequest || strings.TrimSpace(doc.Find("#f-topics-error").Text()) != fi.T("validation.choice") {
		t.Fatalf("bad topic: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	form["topics"] = []string{"prevention", "victims"}
	if res, doc = b.post("/admin/directory/roles", form); res.StatusCode != http.StatusBadRequest ||
		strings.TrimSpace(doc.Find("#f-mailbox-error").Text()) != fi.T("validation.email") {
		t.Fatalf("bad mailbox: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	form.Set("mailbox", "mansal@example.org")
	res, _ = b.post("/admin/directory/roles", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	page := res.Header.Get("Location")
	if res, _ := b.post("/admin/directory/roles", form); res.StatusCode != http.StatusConflict {
		t.Errorf("taken slug: %d", res.StatusCode)
	}
	tok = b.token(page)
	assign := func(p directory.Person, from string) {
		t.Helper()
		if res, doc := b.post(page+"/holders", url.Values{"_csrf": {tok}, "person": {itoa(p.ID)}, "from": {from}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign %s: %d %q", p.Name(), res.StatusCode, texts(doc, ".field-error"))
		}
	}
	assign(first, "2024-01-01")

	visitor := a.browser(t, a.ts)
	_, doc = visitor.get("/en/directory/roles/coordinator-is")
	if got := strings.TrimSpace(doc.Find("#role-mailbox").Text()); got != "mansal@example.org" {
		t.Errorf("mailbox %q", got)
	}
	if doc.Find("#role-holder-hidden").Length() != 1 || strings.Contains(doc.Text(), "Jónsdóttir") {
		t.Errorf("a secretariat-only holder shows on the public page: %q", doc.Find("main").Text())
	}

	// The holder changes: the role keeps its page and its history.
	_, doc = b.get(page)
	end, _ := doc.Find("#role-holders form").Attr("action")
	if res, doc := b.post(end, url.Values{"_csrf": {tok}, "to": {"2023-12-01"}}); res.StatusCode != http.StatusBadRequest ||
		doc.Find("#h-to-error").Length() != 1 {
		t.Errorf("end before start: %d", res.StatusCode)
	}
	if res, _ := b.post(end, url.Values{"_csrf": {tok}, "to": {"2026-06-30"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("end holding: %d", res.StatusCode)
	}
	assign(second, "2026-07-01")
	_, doc = visitor.get("/en/directory/roles/coordinator-is")
	if got := texts(doc, "#role-holders a"); len(got) != 1 || got[0] != "Helga Magnúsdóttir" {
		t.Errorf("current holder %v", got)
	}
	_, doc = b.get(page)
	if h := doc.Find("#role-history").Text(); !strings.Contains(h, "Sigrún Jónsdóttir") {
		t.Errorf("history on the secretariat page: %q", h)
	}
	if h := doc.Find("#history").Text(); !strings.Contains(h, fi.T("audit.action.role.assign")) || !strings.Contains(h, fi.T("audit.action.role.end_holding")) {
		t.Errorf("change history: %q", h)
	}

	// Found like people: by search (in any language's title) and on the country page.
	_, doc = visitor.get("/fi/search?q=koordinaattori+islanti")
	if got := texts(doc, ".results-roles li > a:first-child"); len(got) != 1 || !strings.Contains(got[0], "Islanti") {
		t.Errorf("search: %v", got)
	}
	_, doc = visitor.get("/en/directory/countries/IS")
	if doc.Find(`.roles a[href="/en/directory/roles/coordinator-is"]`).Length() != 1 {
		t.Errorf("country page does not list the role")
	}

	// Edit, then retire: the page stays, marked, the holding ends, and the role leaves the lists.
	r, err := a.db.RoleBySlug(ctx, "coordinator-is")
	if err != nil {
		t.Fatal(err)
	}
	form.Set("_csrf", tok)
	form.Set("version", itoa(int64(r.Version)))
	form.Set("title_en", "National coordinator against trafficking in human beings, Iceland")
	if res, _ := b.post(page, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if res, _ := b.post(page+"/retire", url.Values{"_csrf": {tok}, "version": {itoa(int64(r.Version))}}); res.StatusCode != http.StatusConflict {
		t.Errorf("retire at a stale version: %d", res.StatusCode)
	}
	if res, _ := b.post(page+"/retire", url.Values{"_csrf": {tok}, "version": {itoa(int64(r.Version + 1))}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("retire: %d", res.StatusCode)
	}
	res, doc = visitor.get("/en/directory/roles/coordinator-is")
	if res.StatusCode != http.StatusOK || doc.Find("#role-retired").Length() != 1 || doc.Find("#role-holders").Length() != 0 {
		t.Errorf("retired role page: %d %q", res.StatusCode, doc.Find("main").Text())
	}
	if _, doc = visitor.get("/en/directory/countries/IS"); doc.Find(".roles").Length() != 0 {
		t.Errorf("retired role still listed")
	}
	if r, _ := a.db.RoleBySlug(ctx, "coordinator-is"); !r.Retired || r.Holders[1].To.IsZero() || r.Titles[lang.EN] != "National coordinator against trafficking in human beings, Iceland" {
		t.Errorf("stored %+v", r)
	}
}
