// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/privacy"
	"github.com/nordcal/nordcal/internal/web"
)

// Anyone may suggest a correction from a public page: the form needs its
// CSRF token, a filled honeypot is refused, bad input is answered in the
// page's language next to the field, and a good suggestion waits in the
// secretariat's queue, where rejecting it leaves the entry alone.
func TestSuggestCorrection(t *testing.T) {
	a, b, svc := curator(t)
	p := addPerson(t, svc, "Aino", "Mäkelä", directory.Public, func(p *directory.Person) { p.Phone = "+358 29 555 0100" })
	visitor := a.browser(t, a.ts)
	_, doc := visitor.get("/da/directory/people/" + itoa(p.ID))
	href, ok := doc.Find("a.suggest-correction").Attr("href")
	if !ok {
		t.Fatal("no correction link on the person page")
	}
	da := a.bundle.For(lang.DA)
	_, doc = visitor.get(href)
	if got := strings.TrimSpace(doc.Find("h1").Text()); got != da.T("correction.heading", "Name", "Aino Mäkelä") {
		t.Errorf("heading %q", got)
	}
	tok, _ := doc.Find("form input[name=_csrf]").Attr("value")
	form := url.Values{"_csrf": {tok}, "given_name": {"Aino"}, "family_name": {"Mäkelä"}, "email": {p.Email},
		"phone": {"+358 29 555 0177"}, "note": {"Nyt nummer."}, "proposer_email": {"not-an-address"}}
	noToken := url.Values{}
	for k, v := range form {
		if k != "_csrf" {
			noToken[k] = v
		}
	}
	if res, _ := visitor.post(href, noToken); res.StatusCode != http.StatusForbidden {
		t.Errorf("without CSRF token: %d", res.StatusCode)
	}
	trap := url.Values{"homepage": {"http://spam.example"}}
	for k, v := range form {
		trap[k] = v
	}
	if res, _ := visitor.post(href, trap); res.StatusCode != http.StatusBadRequest {
		t.Errorf("honeypot: %d", res.StatusCode)
	}
	res, doc := visitor.post(href, form)
	if res.StatusCode != http.StatusBadRequest || strings.TrimSpace(doc.Find("#proposer_email-error").Text()) != da.T("validation.email") {
		t.Fatalf("bad proposer address: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	if v, _ := doc.Find("#p-phone").Attr("value"); v != "+358 29 555 0177" {
		t.Errorf("input lost: %q", v)
	}
	form.Set("note", strings.Repeat("x", directory.MaxProposalNote+1))
	form.Set("proposer_email", "")
	if res, doc := visitor.post(href, form); res.StatusCode != http.StatusBadRequest || doc.Find("#note-error").Length() != 1 {
		t.Errorf("oversized note: %d", res.StatusCode)
	}
	form.Set("note", "Nyt nummer.")
	form.Set("proposer_email", "kollega@example.org")
	res, _ = visitor.post(href, form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != href+"?sent=1" {
		t.Fatalf("suggest: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, doc := visitor.get(res.Header.Get("Location")); doc.Find("#correction-sent").Length() != 1 {
		t.Errorf("no confirmation")
	}
	_, doc = b.get("/admin/directory/proposals")
	row := doc.Find("#proposals tbody tr").First()
	if !strings.Contains(row.Text(), a.bundle.For(lang.EN).T("proposal.source.public")) {
		t.Fatalf("queue row %q", row.Text())
	}
	link, _ := row.Find("a").Attr("href")
	_, doc = b.get(link)
	if !strings.Contains(doc.Find("main").Text(), "kollega@example.org") || doc.Find("#diff tbody tr").Length() != 1 {
		t.Errorf("review page: %q", doc.Find("main").Text())
	}
	if res, _ := b.post(link+"/reject", url.Values{"_csrf": {b.token(link)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", res.StatusCode)
	}
	if got, _ := a.db.PersonByID(t.Context(), p.ID); got.Phone != "+358 29 555 0100" {
		t.Errorf("rejected correction changed the entry: %s", got.Phone)
	}

	// Organisations have the same form.
	_, doc = visitor.get("/sv/directory/organisations/om-fi")
	if href, _ := doc.Find("a.suggest-correction").Attr("href"); href != "/sv/directory/organisations/om-fi/correct" {
		t.Fatalf("organisation correction link %q", href)
	}
	tok = visitor.token("/sv/directory/organisations/om-fi/correct")
	res, doc = visitor.post("/sv/directory/organisations/om-fi/correct", url.Values{"_csrf": {tok}, "registry_id": {"0245975-1"}})
	if res.StatusCode != http.StatusBadRequest ||
		strings.TrimSpace(doc.Find("#p-registry_id-error").Text()) != a.bundle.For(lang.SV).T("validation.registry.check") {
		t.Errorf("bad business ID: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	if res, doc := visitor.post("/sv/directory/organisations/om-fi/correct", url.Values{"_csrf": {tok}, "registry_id": {"0245975-5"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("good business ID: %d %q", res.StatusCode, texts(doc, ".field-error, .error-summary"))
	}
}

// The privacy notice has a section for every kind of personal data in
// privacy.Kinds, in every language, with the configured controller.
func TestPrivacyNoticeCoversEveryKind(t *testing.T) {
	a := newApp(t)
	a.srv.Privacy = web.PrivacyNotice{ControllerName: "Nordic Council of Ministers", ControllerAddress: "Ved Stranden 18, DK-1061 København K",
		Retention: privacy.Policy{RejectedMonths: 6, ProposalsMonths: 12, LoginDays: 1}, LinkDays: 30}
	seen := map[string]bool{}
	for _, l := range lang.All {
		doc := a.page(t, "/"+string(l)+"/privacy", http.StatusOK)
		if got := doc.Find("address").Text(); !strings.Contains(got, "Ved Stranden 18") || !strings.Contains(got, "Nordic Council of Ministers") {
			t.Errorf("%s: controller %q", l, got)
		}
		for _, k := range privacy.Kinds {
			sec := doc.Find("#kind-" + k.ID)
			h := strings.TrimSpace(sec.Find("h3").Text())
			if sec.Length() != 1 || h == "" || strings.TrimSpace(sec.Find("p").Text()) == "" {
				t.Errorf("%s: no section for %s", l, k.ID)
			}
			if seen[string(l)+h] {
				t.Errorf("%s: heading %q twice", l, h)
			}
			seen[string(l)+h] = true
		}
		if got := doc.Find("#kind-submitters").Text(); !strings.Contains(got, " 6 ") {
			t.Errorf("%s: the submitters' retention does not name 6 months: %q", l, got)
		}
	}
	if seen["en"+a.bundle.For(lang.FI).T("privacy.kind.directory.heading")] {
		t.Error("Finnish heading on the English page")
	}
}
