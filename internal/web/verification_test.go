// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

// curatorActor starts campaigns in the tests that skip the form.
var curatorActor = audit.Actor{ID: 2, Email: "editor@example.org"}

var verifyLinkRE = regexp.MustCompile(`https://nordcal\.example\.org/(fi|sv|da|no|en)/verify/[A-Za-z0-9_-]{43}`)

// linkMailer keeps the verification mails instead of sending them, for the
// tests that are about the page rather than the mail.
type linkMailer struct{ mails []directory.VerificationMail }

func (m *linkMailer) SendVerification(_ context.Context, v directory.VerificationMail) error {
	m.mails = append(m.mails, v)
	return nil
}

// today is the directory's day (it runs on the real clock).
func today() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// startCampaign posts the campaign form as the signed-in b.
func startCampaign(t *testing.T, b *browser, form url.Values) (*http.Response, []string) {
	t.Helper()
	form.Set("_csrf", b.token("/admin/directory/verification"))
	res, doc := b.post("/admin/directory/verification", form)
	return res, texts(doc, ".field-error, .error-summary")
}

// A campaign to the stale entries mails each of them, through the real
// SMTP test server, a link in their own language; the link opens their
// entry, one click confirms it, and "last verified" is today, by the
// person themself. The link then no longer works.
func TestVerificationCampaignThroughSMTP(t *testing.T) {
	a, b, svc := curator(t)
	srv := mailtest.Start(t, mailtest.Options{})
	a.srv.Directory.Verifier(withNotices(t, a, srv), 0)
	stale := addPerson(t, svc, "Göran", "Ståhl", directory.Secretariat, func(p *directory.Person) {
		p.VerifiedAt, p.Languages = time.Now().AddDate(-2, 0, 0), []string{"ru", "sv", "en"}
	})
	fresh := addPerson(t, svc, "Fresh", "Person", directory.Public)

	if res, errs := startCampaign(t, b, url.Values{"set": {"stale"}, "lang": {"en"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("campaign: %d %v", res.StatusCode, errs)
	}
	if _, doc := b.get("/admin/directory/verification"); !slices.Equal(texts(doc, "#campaigns tbody td:nth-child(2)"),
		[]string{a.bundle.For(lang.EN).T("verify.admin.set.stale")}) || !slices.Equal(texts(doc, "#campaigns tbody td:nth-child(3)"), []string{"1"}) {
		t.Errorf("campaign list: %q", doc.Find("#campaigns").Text())
	}
	if n := len(mailsTo(t, a, srv, fresh.Email)); n != 0 {
		t.Errorf("%d mails to an entry that is not stale", n)
	}
	mails := mailsTo(t, a, srv, stale.Email)
	if len(mails) != 1 {
		t.Fatalf("%d mails to the stale entry", len(mails))
	}
	sv := a.bundle.For(lang.SV)
	if mails[0].Subject != sv.T("verify.mail.subject") || !strings.Contains(mails[0].Text, "Göran Ståhl") {
		t.Errorf("mail not in the person's language or without their entry: %q\n%s", mails[0].Subject, mails[0].Text)
	}
	link := verifyLinkRE.FindString(mails[0].Text)
	if !strings.Contains(link, "/sv/verify/") {
		t.Fatalf("no Swedish link in %s", mails[0].Text)
	}
	path := strings.TrimPrefix(link, "https://nordcal.example.org")

	person := a.browser(t, a.ts)
	res, doc := person.get(path)
	if res.StatusCode != http.StatusOK || strings.TrimSpace(doc.Find("h1").Text()) != sv.T("verify.heading") ||
		!strings.Contains(doc.Find("#verify-entry").Text(), "Göran Ståhl") {
		t.Fatalf("verification page: %d %q", res.StatusCode, doc.Find("main").Text())
	}
	if res.Header.Get("Referrer-Policy") != "no-referrer" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("private page headers: %v", res.Header)
	}
	// Without the form's token the confirmation is refused and changes nothing.
	if res, _ := person.post(path+"/confirm", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("confirm without CSRF token: %d", res.StatusCode)
	}
	if p, _ := a.db.PersonByID(context.Background(), stale.ID); !p.VerifiedAt.Before(today().AddDate(-1, 0, 0)) {
		t.Fatalf("refused confirmation verified the entry: %v", p.VerifiedAt)
	}
	res, _ = person.post(path+"/confirm", url.Values{"_csrf": {person.token(path)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sv/verify/done?done=confirmed" {
		t.Fatalf("confirm: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = person.get(res.Header.Get("Location"))
	if got := strings.TrimSpace(doc.Find("#verify-done").Text()); got != sv.T("verify.done.confirmed") {
		t.Errorf("thank-you page: %q", got)
	}
	p, err := a.db.PersonByID(context.Background(), stale.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !p.VerifiedAt.Equal(today()) || p.VerifiedBy != directory.SelfVerified {
		t.Errorf("last verified %v by %q, want today by the person", p.VerifiedAt, p.VerifiedBy)
	}
	// The secretariat sees who verified it, and the change in the history.
	_, doc = b.get("/admin/directory/people/" + itoa(stale.ID))
	if !strings.Contains(doc.Find("main").Text(), a.bundle.For(lang.EN).T("verify.by_self")) ||
		!strings.Contains(doc.Find("#history").Text(), a.bundle.For(lang.EN).T("audit.action.person.self_verify")) {
		t.Errorf("person page does not show the self-verification: %s", doc.Find("main").Text())
	}
	// The link served its one purpose.
	if res, doc := person.get(path); res.StatusCode != http.StatusConflict || !strings.Contains(doc.Text(), sv.T("verify.link.used")) {
		t.Errorf("used link: %d", res.StatusCode)
	}
	if stale, _ := svc.Stale(context.Background()); slices.ContainsFunc(stale, func(x directory.Person) bool { return x.ID == p.ID }) {
		t.Errorf("confirmed entry still stale")
	}
}

// linkFor starts a campaign for the people of country through the service
// and returns the path of the link mailed to the person with email.
func linkFor(t *testing.T, a *app, m *linkMailer, country directory.Country, email string) string {
	t.Helper()
	if _, err := a.srv.Directory.StartCampaign(context.Background(), curatorActor, directory.CampaignSelection{Country: country}, lang.FI); err != nil {
		t.Fatal(err)
	}
	for _, v := range m.mails {
		if v.Person.Email == email {
			return v.Path
		}
	}
	t.Fatalf("no link mailed to %s", email)
	return ""
}

// The person proposes changes from their link in Finnish; a bad address
// is refused next to the field in Finnish, a good proposal waits in the
// review queue with a side-by-side diff, and approving it lands the
// change through the directory service, audited, verified by the person.
func TestProposedChangeApprovedLands(t *testing.T) {
	a, b, svc := curator(t)
	m := &linkMailer{}
	a.srv.Directory.Verifier(m, 0)
	aino := addPerson(t, svc, "Aino", "Mäkelä", directory.Public, func(p *directory.Person) {
		p.Phone, p.Titles, p.OriginalLang = "+358 29 555 0100", lang.Texts{lang.FI: "Erityisasiantuntija"}, lang.FI
		p.VerifiedAt = time.Now().AddDate(0, -3, 0)
	})
	path := linkFor(t, a, m, "FI", aino.Email)
	if !strings.HasPrefix(path, "/fi/verify/") {
		t.Fatalf("link %s not in the campaign's language", path)
	}
	fi := a.bundle.For(lang.FI)
	person := a.browser(t, a.ts)
	tok := person.token(path)
	form := url.Values{"_csrf": {tok}, "given_name": {"Aino"}, "family_name": {"Mäkelä"}, "email": {"not an address"},
		"phone": {"+358 29 555 0199"}, "title_fi": {"Kansallinen koordinaattori"}, "note": {"Uusi tehtävä 1.12."}}
	res, doc := person.post(path+"/propose", form)
	if res.StatusCode != http.StatusBadRequest || strings.TrimSpace(doc.Find("#p-email-error").Text()) != fi.T("validation.email") {
		t.Fatalf("bad address: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	if v, _ := doc.Find("#p-phone").Attr("value"); v != "+358 29 555 0199" {
		t.Errorf("the form lost the input: %q", v)
	}
	form.Set("email", aino.Email)
	if res, _ := person.post(path+"/propose", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: %d", res.StatusCode)
	}
	if p, _ := a.db.PersonByID(context.Background(), aino.ID); p.Phone != aino.Phone {
		t.Fatalf("a proposal changed the entry before review: %s", p.Phone)
	}

	_, doc = b.get("/admin/directory/proposals")
	href, ok := doc.Find("#proposals tbody a").First().Attr("href")
	if !ok {
		t.Fatalf("no proposal in the queue: %s", doc.Find("main").Text())
	}
	_, doc = b.get(href)
	en := a.bundle.For(lang.EN)
	rows := map[string][2]string{}
	doc.Find("#diff tbody tr").Each(func(_ int, s *goquery.Selection) {
		rows[strings.TrimSpace(s.Find("th").Text())] = [2]string{strings.TrimSpace(s.Find("td").Eq(0).Text()), strings.TrimSpace(s.Find("td").Eq(1).Text())}
	})
	if got := rows[en.T("admin.dir.field.phone")]; got != [2]string{"+358 29 555 0100", "+358 29 555 0199"} {
		t.Errorf("phone row %v in %v", got, rows)
	}
	if got := rows[en.T("admin.dir.field.title")+" (Finnish)"]; got != [2]string{"Erityisasiantuntija", "Kansallinen koordinaattori"} {
		t.Errorf("title row %v in %v", got, rows)
	}
	if len(rows) != 2 || !strings.Contains(doc.Find("main").Text(), "Uusi tehtävä 1.12.") {
		t.Errorf("diff rows %v, note missing?", rows)
	}
	tok = b.token(href)
	if res, _ := b.post(href+"/approve", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("approve without CSRF token: %d", res.StatusCode)
	}
	if res, _ := b.post(href+"/approve", url.Values{"_csrf": {tok}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	p, _ := a.db.PersonByID(context.Background(), aino.ID)
	if p.Phone != "+358 29 555 0199" || p.Titles[lang.FI] != "Kansallinen koordinaattori" || !p.VerifiedAt.Equal(today()) ||
		p.VerifiedBy != directory.SelfVerified {
		t.Errorf("approved change did not land: %+v", p)
	}
	_, doc = b.get("/admin/directory/people/" + itoa(aino.ID))
	if h := doc.Find("#history").Text(); !strings.Contains(h, en.T("audit.action.proposal.approve")) || !strings.Contains(h, "+358 29 555 0199") ||
		!strings.Contains(h, en.T("admin.dir.field.title")+" (Finnish): Erityisasiantuntija → Kansallinen koordinaattori") {
		t.Errorf("history: %s", h)
	}
	if res, _ := b.post(href+"/approve", url.Values{"_csrf": {tok}}); res.StatusCode != http.StatusConflict {
		t.Errorf("second approval: %d", res.StatusCode)
	}
	if _, doc = b.get("/admin/directory/proposals"); doc.Find("#proposals").Length() != 0 {
		t.Errorf("queue not empty after approval")
	}
}

// Links expire after the configured time, and hiding from the link
// applies at once; erasure waits for the secretariat.
func TestVerificationLinkExpiryHideAndErasure(t *testing.T) {
	a, b, svc := curator(t)
	m := &linkMailer{}
	a.srv.Directory.Verifier(m, 48*time.Hour)
	aino := addPerson(t, svc, "Aino", "Mäkelä", directory.Public)
	bo := addPerson(t, svc, "Bo", "Berg", directory.Public)
	ainoPath, boPath := linkFor(t, a, m, "FI", aino.Email), linkFor(t, a, m, "FI", bo.Email)

	visitor := a.browser(t, a.ts)
	if res, _ := visitor.get("/en/directory/people/" + itoa(aino.ID)); res.StatusCode != http.StatusOK {
		t.Fatalf("public page: %d", res.StatusCode)
	}
	person := a.browser(t, a.ts)
	if res, _ := person.post(ainoPath+"/hide", url.Values{"_csrf": {person.token(ainoPath)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("hide: %d", res.StatusCode)
	}
	if res, _ := visitor.get("/en/directory/people/" + itoa(aino.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("hidden entry still public: %d", res.StatusCode)
	}

	if res, _ := person.post(boPath+"/erase", url.Values{"_csrf": {person.token(boPath)}, "erase_note": {"I retired."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase request: %d", res.StatusCode)
	}
	if _, err := a.db.PersonByID(context.Background(), bo.ID); err != nil {
		t.Fatalf("erasure did not wait for the secretariat: %v", err)
	}
	_, doc := b.get("/admin/directory/proposals")
	href, _ := doc.Find("#proposals tbody a").First().Attr("href")
	if res, _ := b.post(href+"/approve", url.Values{"_csrf": {b.token(href)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve erasure: %d", res.StatusCode)
	}
	if _, err := a.db.PersonByID(context.Background(), bo.ID); err == nil {
		t.Errorf("approved erasure left the person")
	}

	// A fresh link works until it expires, then says so.
	carl := addPerson(t, svc, "Carl", "Nyström", directory.Public, func(p *directory.Person) { p.Country = "SE" })
	carlPath := linkFor(t, a, m, "SE", carl.Email)
	if res, _ := person.get(carlPath); res.StatusCode != http.StatusOK {
		t.Fatalf("fresh link: %d", res.StatusCode)
	}
	a.srv.Directory.SetClock(func() time.Time { return time.Now().Add(49 * time.Hour) })
	t.Cleanup(func() { a.srv.Directory.SetClock(nil) })
	res, doc := person.get(carlPath)
	if res.StatusCode != http.StatusNotFound || !strings.Contains(doc.Text(), a.bundle.For(lang.FI).T("verify.link.expired")) {
		t.Errorf("expired link: %d", res.StatusCode)
	}
	if res, _ := person.get("/fi/verify/" + strings.Repeat("A", 43)); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown link: %d", res.StatusCode)
	}
}
