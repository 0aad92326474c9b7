// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// curator signs in as the editor on an app with a small directory.
func curator(t *testing.T) (*app, *browser, *directory.Service) {
	t.Helper()
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	if res := b.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	a.ts = ts
	return a, b, directory.NewService(a.db)
}

// adminBrowser signs in as the admin on a's test server.
func (a *app) adminBrowser(t *testing.T) *browser {
	t.Helper()
	b := a.browser(t, a.ts)
	if res := b.login("admin@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin sign-in: %d", res.StatusCode)
	}
	return b
}

func personValues(tok string, mod map[string]string) url.Values {
	v := url.Values{"_csrf": {tok}, "given_name": {"Aino"}, "family_name": {"Mäkelä"}, "email": {"aino.makela@example.org"},
		"phone": {"+358 29 555 0100"}, "country": {"FI"}, "original_lang": {"fi"}, "title_fi": {"Kansallinen koordinaattori"},
		"visibility": {"public"}, "legal_basis": {"public_task"}, "legal_basis_date": {"2026-01-05"},
		"roles": {"national_coordinator"}, "languages": {"fi", "sv"}}
	for k, val := range mod {
		v.Set(k, val)
	}
	return v
}

func addPerson(t *testing.T, svc *directory.Service, given, family string, vis directory.Visibility, mod ...func(*directory.Person)) directory.Person {
	t.Helper()
	p := directory.Person{GivenName: given, FamilyName: family, Country: "FI", Visibility: vis, LegalBasis: directory.Consent,
		LegalBasisDate: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Email: strings.ToLower(lang.Fold(given+"."+family)) + "@example.org"}
	for _, m := range mod {
		m(&p)
	}
	if err := svc.AddPerson(context.Background(), audit.CLI, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCuratorCreatesAndEditsAPerson(t *testing.T) {
	a, b, _ := curator(t)
	tok := b.token("/admin/directory/people/new")
	res, doc := b.post("/admin/directory/people", personValues(tok, map[string]string{"email": "not-an-address", "country": "XX"}))
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid form: %d", res.StatusCode)
	}
	if v, _ := doc.Find("#f-family_name").Attr("value"); v != "Mäkelä" {
		t.Errorf("typed input lost: %q", v)
	}
	for _, id := range []string{"#f-email", "#f-country"} {
		if inv, _ := doc.Find(id).Attr("aria-invalid"); inv != "true" {
			t.Errorf("%s not marked invalid", id)
		}
	}
	res, _ = b.post("/admin/directory/people", personValues(tok, nil))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/directory/people/") {
		t.Fatalf("create: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	edit := res.Header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(edit, "/admin/directory/people/"), 10, 64)
	_, doc = b.get(edit)
	version, _ := doc.Find(".person-form input[name=version]").Attr("value")
	if got, _ := doc.Find("#f-title_fi").Attr("value"); got != "Kansallinen koordinaattori" {
		t.Errorf("title: %q", got)
	}
	res, _ = b.post(edit, personValues(tok, map[string]string{"version": version, "phone": "+358 29 555 0199"}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	// The same stale form again: refused with the conflict notice, input kept.
	res, doc = b.post(edit, personValues(tok, map[string]string{"version": version, "phone": "+358 29 555 0777"}))
	if res.StatusCode != http.StatusConflict || doc.Find(".notice-conflict").Length() != 1 {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if v, _ := doc.Find("#f-phone").Attr("value"); v != "+358 29 555 0777" {
		t.Errorf("typed phone lost: %q", v)
	}
	p, _ := a.db.PersonByID(context.Background(), id)
	if p.Phone != "+358 29 555 0199" || p.Version != 2 {
		t.Errorf("stored: %q v%d", p.Phone, p.Version)
	}
	entries, _, _ := a.db.ListAudit(context.Background(), audit.Filter{RecordType: directory.RecordPerson})
	if len(entries) != 2 || entries[0].Actor.Email != "editor@example.org" || entries[0].Action != directory.ActionPersonUpdate {
		t.Errorf("audit: %+v", entries)
	}
	// The audit page names the changed field in the reader's language.
	_, doc = a.adminBrowser(t).get("/admin/audit?type=person")
	if trail := doc.Find("table").Text(); !strings.Contains(trail, "Telephone") || strings.Contains(trail, "Account created") {
		t.Errorf("audit trail filtered to contacts: %s", trail)
	}
}

func TestFreshnessListAndVerifiedToday(t *testing.T) {
	a, b, svc := curator(t)
	old := addPerson(t, svc, "Göran", "Ståhl", directory.Secretariat, func(p *directory.Person) {
		p.VerifiedAt = time.Now().AddDate(-2, 0, 0)
	})
	addPerson(t, svc, "Fresh", "Person", directory.Public)
	_, doc := b.get("/admin/directory/freshness")
	if got := texts(doc, ".freshness tbody th"); len(got) != 1 || got[0] != "Göran Ståhl" {
		t.Fatalf("stale entries: %v", got)
	}
	form := doc.Find(".freshness form")
	action, _ := form.Attr("action")
	version, _ := form.Find("input[name=version]").Attr("value")
	res, _ := b.post(action, url.Values{"_csrf": {b.token("/admin/directory/freshness")}, "version": {version}, "back": {"freshness"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/directory/freshness" {
		t.Fatalf("verify: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = b.get("/admin/directory/freshness")
	if doc.Find(".freshness tbody tr").Length() != 0 {
		t.Error("the verified entry is still listed")
	}
	p, _ := a.db.PersonByID(context.Background(), old.ID)
	if p.VerifiedAt.Format(time.DateOnly) != time.Now().UTC().Format(time.DateOnly) {
		t.Errorf("verified at %v", p.VerifiedAt)
	}
}

func TestMovingMergingAndErasingPeople(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	jd, _ := a.db.OrganisationBySlug(ctx, "jd-no")
	net, _ := a.db.NetworkBySlug(ctx, "nordic-coordinators")
	keep := addPerson(t, svc, "Bjørn", "Dæhli", directory.Public)
	dup := addPerson(t, svc, "B.", "Daehli", directory.Public, func(p *directory.Person) { p.Phone = "+47 555 0101"; p.Email = "bd@example.org" })
	if err := svc.AddMember(ctx, &directory.Member{NetworkID: net.ID, PersonID: &dup.ID, Role: directory.Chair}); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/admin/directory/people/%d", keep.ID)
	_, doc := b.get(page)
	if got := texts(doc, ".duplicates li a"); len(got) != 1 || got[0] != "B. Daehli" {
		t.Errorf("suggested duplicates: %v", got)
	}
	tok := b.token(page)
	res, _ := b.post(page+"/move", url.Values{"_csrf": {tok}, "version": {"1"}, "organisation": {strconv.FormatInt(jd.ID, 10)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: %d", res.StatusCode)
	}
	res, _ = b.post(page+"/merge", url.Values{"_csrf": {tok}, "version": {"2"}, "duplicate": {strconv.FormatInt(dup.ID, 10)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	got, _ := a.db.PersonByID(ctx, keep.ID)
	if got.OrganisationID == nil || *got.OrganisationID != jd.ID || got.Phone != "+47 555 0101" {
		t.Errorf("after move and merge: %+v", got)
	}
	ms, _ := a.db.ListMembers(ctx, directory.MemberQuery{NetworkID: net.ID})
	if len(ms) != 1 || *ms[0].PersonID != keep.ID {
		t.Errorf("memberships: %+v", ms)
	}
	pub := fmt.Sprintf("/en/directory/people/%d", keep.ID)
	if res, _ := b.get(pub); res.StatusCode != http.StatusOK {
		t.Fatalf("public page before erasure: %d", res.StatusCode)
	}
	// Erasure needs the confirmation box.
	res, doc = b.post(page+"/erase", url.Values{"_csrf": {tok}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#erase-error").Length() != 1 {
		t.Fatalf("unconfirmed erasure: %d", res.StatusCode)
	}
	res, _ = b.post(page+"/erase", url.Values{"_csrf": {tok}, "confirm": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase: %d", res.StatusCode)
	}
	for _, u := range []string{pub, pub + "/vcard"} {
		if res, _ := b.get(u); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s after erasure: %d", u, res.StatusCode)
		}
	}
	for _, u := range []string{"/en/search?q=daehli", "/en/directory/networks/nordic-coordinators", "/en/directory/networks/nordic-coordinators/csv",
		"/api/v1/people", "/api/v1/networks", "/admin/directory?q=daehli"} {
		_, doc := b.get(u)
		if body, _ := doc.Html(); strings.Contains(body, "Dæhli") || strings.Contains(body, "Daehli") || strings.Contains(body, "bd@example.org") {
			t.Errorf("%s still shows the erased person", u)
		}
	}
	_, doc = a.adminBrowser(t).get("/admin/audit")
	if body, _ := doc.Html(); strings.Contains(body, "Dæhli") || strings.Contains(body, "bd@example.org") || !strings.Contains(body, "Contact erased") {
		t.Error("the audit trail shows the erased person, or not the erasure")
	}
	entries, _, _ := a.db.ListAudit(ctx, audit.Filter{Action: directory.ActionPersonErase})
	if len(entries) != 1 || entries[0].RecordLabel != "" || len(entries[0].Changes) != 0 {
		t.Errorf("erasure entry: %+v", entries)
	}
}

func TestSecretariatOnlyPeopleAreVisibleToCurators(t *testing.T) {
	_, b, svc := curator(t)
	p := addPerson(t, svc, "Sigrid", "Salainen", directory.Secretariat)
	_, doc := b.get("/admin/directory?q=salainen")
	if got := texts(doc, ".admin-people tbody th"); len(got) != 1 || got[0] != "Sigrid Salainen" {
		t.Errorf("curator list: %v", got)
	}
	if res, _ := b.get(fmt.Sprintf("/en/directory/people/%d", p.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("public page of a secretariat-only person, even when signed in: %d", res.StatusCode)
	}
}

func TestOrganisationCurationPages(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	tok := b.token("/admin/directory/organisations/new")
	vals := url.Values{"_csrf": {tok}, "slug": {"om-fi"}, "name_fi": {"Kaksoiskappale"}, "original_lang": {"fi"}, "country": {"FI"}, "type": {"ministry"}}
	res, doc := b.post("/admin/directory/organisations", vals)
	if res.StatusCode != http.StatusConflict || doc.Find("#f-slug-error").Length() != 1 {
		t.Fatalf("taken slug: %d", res.StatusCode)
	}
	vals.Set("slug", "oikeusministerio-dup")
	res, _ = b.post("/admin/directory/organisations", vals)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	dupPage := res.Header.Get("Location")
	dup, err := a.db.OrganisationBySlug(ctx, "oikeusministerio-dup")
	if err != nil {
		t.Fatal(err)
	}
	addPerson(t, svc, "Aino", "Mäkelä", directory.Public, func(p *directory.Person) { p.OrganisationID = &dup.ID })
	res, doc = b.post(dupPage+"/delete", url.Values{"_csrf": {tok}, "version": {"1"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(doc.Find(".error-summary").Text(), "Merge") {
		t.Fatalf("delete in use: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	om, _ := a.db.OrganisationBySlug(ctx, "om-fi")
	res, _ = b.post(dupPage+"/merge", url.Values{"_csrf": {tok}, "version": {"1"}, "into": {strconv.FormatInt(om.ID, 10)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	_, doc = b.get(res.Header.Get("Location"))
	if got := texts(doc, "#h-people + ul a"); len(got) != 1 || got[0] != "Aino Mäkelä" {
		t.Errorf("people after merge: %v", got)
	}
	if _, err := a.db.OrganisationBySlug(ctx, "oikeusministerio-dup"); err == nil {
		t.Error("the duplicate is still stored")
	}
	// Edit with switchboard and address; the public page shows them.
	_, doc = b.get(fmt.Sprintf("/admin/directory/organisations/%d", om.ID))
	version, _ := doc.Find(".org-form input[name=version]").Attr("value")
	vals = url.Values{"_csrf": {tok}, "version": {version}, "slug": {"om-fi"}, "name_fi": {"Oikeusministeriö"}, "name_en": {"Ministry of Justice, Finland"},
		"original_lang": {"fi"}, "country": {"FI"}, "type": {"ministry"}, "switchboard": {"+358 295 150 555"}, "address": {"Eteläesplanadi 10, Helsinki"}, "abbreviation": {"OM"}}
	if res, _ := b.post(fmt.Sprintf("/admin/directory/organisations/%d", om.ID), vals); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save organisation: %d", res.StatusCode)
	}
	_, doc = b.get("/en/directory/organisations/om-fi")
	if !strings.Contains(doc.Find(".facts").Text(), "Eteläesplanadi 10, Helsinki") {
		t.Error("the address is not on the public page")
	}
}

func TestCSVImportPreviewsAndIsAllOrNothing(t *testing.T) {
	a, b, _ := curator(t)
	tok := b.token("/admin/directory/import")
	bad := "given_name,family_name,organisation,title_en,email,country,roles,visibility,legal_basis,legal_basis_date\r\n" +
		"Märta,Lindqvist,om-fi,Coordinator,marta@example.org,SE,national_coordinator,public,public_task,2026-01-01\r\n" +
		"Bad,Row,no-such-org,,broken,XX,,public,public_task,2026-01-01\r\n"
	res, doc := b.post("/admin/directory/import", url.Values{"_csrf": {tok}, "kind": {"people"}, "csv": {bad}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("preview with bad rows: %d", res.StatusCode)
	}
	if got := texts(doc, ".import-error td:first-child"); len(got) != 1 || got[0] != "3" {
		t.Errorf("error rows: %v", got)
	}
	if got := texts(doc, ".row-errors li"); len(got) != 3 {
		t.Errorf("row errors: %v", got)
	}
	if doc.Find(`form[action="/admin/directory/import/apply"]`).Length() != 0 {
		t.Error("a plan with errors may be applied")
	}
	// Applying anyway (a forged request) stores nothing.
	b.post("/admin/directory/import/apply", url.Values{"_csrf": {tok}, "kind": {"people"}, "csv": {bad}})
	if ps, _ := directory.NewService(a.db).People(context.Background(), directory.Curator, directory.PersonQuery{}); len(ps) != 0 {
		t.Fatalf("half an import was stored: %d people", len(ps))
	}
	good := strings.Join(strings.Split(bad, "\r\n")[:2], "\r\n")
	res, doc = b.post("/admin/directory/import", url.Values{"_csrf": {tok}, "kind": {"people"}, "csv": {good}})
	if res.StatusCode != http.StatusOK || doc.Find(".import-create").Length() != 1 {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	csvText := doc.Find(`form[action="/admin/directory/import/apply"] textarea[name=csv]`).Text()
	res, _ = b.post("/admin/directory/import/apply", url.Values{"_csrf": {tok}, "kind": {"people"}, "csv": {csvText}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("apply: %d", res.StatusCode)
	}
	ps, _ := directory.NewService(a.db).People(context.Background(), directory.Anonymous, directory.PersonQuery{Query: "marta"})
	if len(ps) != 1 || ps[0].Name() != "Märta Lindqvist" {
		t.Errorf("imported: %+v", ps)
	}
}
