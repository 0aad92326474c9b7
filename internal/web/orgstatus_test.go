// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// orgForm is a valid new-organisation form.
func orgForm(tok, slug, name, registry string) url.Values {
	return url.Values{"_csrf": {tok}, "slug": {slug}, "name_fi": {name}, "original_lang": {"fi"}, "country": {"FI"},
		"type": {"agency"}, "registry_id": {registry}}
}

// Registry identifiers are checked with their check digit (messages in
// the curator's language), written as the registry does, and a second
// organisation with the same identifier or the same name in the same
// country is only saved once the curator confirms it is a different one.
func TestOrganisationRegistryIDsAndDuplicateWarnings(t *testing.T) {
	a, b, _ := curator(t)
	ctx := context.Background()
	sv := a.bundle.For(lang.SV)
	tok := b.token("/admin/directory/organisations/new?lang=sv")
	res, doc := b.post("/admin/directory/organisations", orgForm(tok, "migri", "Maahanmuuttovirasto", "1765514-4"))
	if res.StatusCode != http.StatusBadRequest || strings.TrimSpace(doc.Find("#f-registry_id-error").Text()) != sv.T("validation.registry.check") {
		t.Fatalf("wrong check digit: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	if v, _ := doc.Find("#f-registry_id").Attr("value"); v != "1765514-4" {
		t.Errorf("input lost: %q", v)
	}
	// Nokia Oyj's published Y-tunnus, typed without the hyphen.
	if res, doc := b.post("/admin/directory/organisations", orgForm(tok, "nokia", "Nokia Oyj", "0112038 9")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid ID: %d %q", res.StatusCode, texts(doc, ".field-error, .error-summary"))
	}
	nokia, err := a.db.OrganisationBySlug(ctx, "nokia")
	if err != nil || nokia.RegistryID != "0112038-9" || nokia.Status != directory.OrgActive || !nokia.VerifiedAt.Equal(today()) {
		t.Fatalf("stored %+v %v", nokia, err)
	}
	for _, tc := range []struct {
		name, slug, org, registry, msg string
	}{
		{"same identifier", "nokia-2", "Nokia Corporation", "0112038-9", "directory.registry.duplicate"},
		{"same name, other case and accents", "om-2", "OIKEUSMINISTERIO", "", "directory.org.similar_name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := orgForm(tok, tc.slug, tc.org, tc.registry)
			res, doc := b.post("/admin/directory/organisations", form)
			if res.StatusCode != http.StatusConflict || !strings.Contains(doc.Find("#org-warnings").Text(), sv.T(tc.msg)) ||
				doc.Find("#confirm_duplicate").Length() != 1 {
				t.Fatalf("no warning: %d %q", res.StatusCode, doc.Find("main").Text())
			}
			if _, err := a.db.OrganisationBySlug(ctx, tc.slug); err == nil {
				t.Fatal("saved despite the warning")
			}
			form.Set("confirm_duplicate", "yes")
			if res, _ := b.post("/admin/directory/organisations", form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("confirmed: %d", res.StatusCode)
			}
		})
	}
}

// An organisation that events refer to is not deleted but marked merged
// into another or closed: its public page says so (with a link to the
// one it merged into), and the registration form no longer offers it.
func TestOrganisationStatusInsteadOfDeletion(t *testing.T) {
	a, b, _ := curator(t)
	ctx := context.Background()
	om, _ := a.db.OrganisationBySlug(ctx, "om-fi")
	jd, _ := a.db.OrganisationBySlug(ctx, "jd-no")
	page := "/admin/directory/organisations/" + itoa(om.ID)
	tok := b.token(page)
	res, doc := b.post(page+"/delete", url.Values{"_csrf": {tok}, "version": {itoa(int64(om.Version))}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(doc.Find(".error-summary").Text(), "status") {
		t.Fatalf("delete in use: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	form := url.Values{"_csrf": {tok}, "version": {itoa(int64(om.Version))}, "slug": {"om-fi"}, "name_fi": {"Oikeusministeriö"},
		"name_en": {"Ministry of Justice, Finland"}, "original_lang": {"fi"}, "country": {"FI"}, "type": {"ministry"},
		"abbreviation": {"OM"}, "status": {"merged"}}
	res, doc = b.post(page, form)
	if res.StatusCode != http.StatusBadRequest || doc.Find("#f-merged_into-error").Length() != 1 {
		t.Fatalf("merged without a target: %d", res.StatusCode)
	}
	form.Set("merged_into", itoa(jd.ID))
	if res, doc := b.post(page, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark merged: %d %q", res.StatusCode, texts(doc, ".field-error, .error-summary"))
	}
	_, doc = b.get("/en/directory/organisations/om-fi")
	status := doc.Find("#org-status")
	if href, _ := status.Find("a").Attr("href"); !strings.Contains(status.Text(), a.bundle.For(lang.EN).T("directory.org.merged_into")) ||
		href != "/en/directory/organisations/jd-no" {
		t.Errorf("merged notice %q → %q", status.Text(), href)
	}
	if ev, _ := a.db.EventByID(ctx, a.ev["Helsinki conference"].ID); len(ev.Organisers) == 0 || ev.Organisers[0].ID != om.ID {
		t.Errorf("the event lost its organiser")
	}
	_, doc = b.get("/en/events/new")
	if doc.Find(`select[name=organiser] option[value="`+itoa(om.ID)+`"]`).Length() != 0 {
		t.Errorf("the registration form still offers the merged organisation")
	}
	if doc.Find(`select[name=organiser] option[value="`+itoa(jd.ID)+`"]`).Length() != 1 {
		t.Errorf("the registration form lost an active organisation")
	}

	om, _ = a.db.OrganisationBySlug(ctx, "om-fi")
	form.Set("version", itoa(int64(om.Version)))
	form.Set("status", "closed")
	if res, _ := b.post(page, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark closed: %d", res.StatusCode)
	}
	_, doc = b.get("/fi/directory/organisations/om-fi")
	if got := strings.TrimSpace(doc.Find("#org-status").Text()); got != a.bundle.For(lang.FI).T("directory.org.closed") {
		t.Errorf("closed notice %q", got)
	}
}

// Organisations have a stale list as people do, and a verify button that
// records the day and the curator.
func TestOrganisationFreshness(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	old := directory.Organisation{Slug: "rvts-ost", OriginalLang: lang.NO, Country: "NO", Type: directory.Agency,
		Names: lang.Texts{lang.NO: "RVTS Øst"}, VerifiedAt: time.Now().AddDate(-2, 0, 0)}
	if err := svc.AddOrganisation(ctx, audit.CLI, &old); err != nil {
		t.Fatal(err)
	}
	_, doc := b.get("/admin/directory/freshness")
	if got := texts(doc, "#stale-orgs tbody th"); len(got) != 1 || got[0] != "RVTS Øst" {
		t.Fatalf("stale organisations: %v", got)
	}
	form := doc.Find("#stale-orgs form")
	action, _ := form.Attr("action")
	tok, _ := form.Find("input[name=_csrf]").Attr("value")
	if res, _ := b.post(action, url.Values{"_csrf": {tok}, "version": {"1"}, "back": {"freshness"}}); res.StatusCode != http.StatusSeeOther ||
		res.Header.Get("Location") != "/admin/directory/freshness" {
		t.Fatalf("verify: %d", res.StatusCode)
	}
	o, _ := a.db.OrganisationBySlug(ctx, "rvts-ost")
	if !o.VerifiedAt.Equal(today()) || o.VerifiedBy != "editor@example.org" {
		t.Errorf("verified %v by %q", o.VerifiedAt, o.VerifiedBy)
	}
	if _, doc = b.get("/admin/directory/freshness"); doc.Find("#stale-orgs").Length() != 0 {
		t.Errorf("still stale")
	}
	_, doc = b.get("/admin/directory/organisations/" + itoa(o.ID))
	if !strings.Contains(doc.Find("#history").Text(), a.bundle.For(lang.EN).T("audit.action.organisation.verify")) {
		t.Errorf("history: %q", doc.Find("#history").Text())
	}
}
