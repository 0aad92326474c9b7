// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

var anyManageLinkRE = regexp.MustCompile(`https://nordcal\.example\.org/(fi|sv|da|no|en)/manage/[A-Za-z0-9_-]{43}`)

// askForLinks posts the lost-link form and returns the page it leads to,
// its main text, and how long the POST took.
func askForLinks(t *testing.T, b *browser, l lang.Code, email string) (int, string, string, time.Duration) {
	t.Helper()
	path := "/" + string(l) + "/manage"
	form := url.Values{"_csrf": {b.token(path)}, "email": {email}}
	start := time.Now()
	res, _ := b.post(path, form)
	took := time.Since(start)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther {
		return res.StatusCode, loc, "", took
	}
	_, doc := b.get(loc)
	return res.StatusCode, loc, strings.Join(strings.Fields(doc.Find("main").Text()), " "), took
}

// Lost links: the page answers the same for a known and an unknown
// address; the known one gets a mail, in the page's language, with a new
// link for each registration; the old links stop working; the address
// gets at most one such mail per quarter hour.
func TestLostLinksAreRenewedAndMailedWithoutTellingWhoIsKnown(t *testing.T) {
	for _, l := range []lang.Code{lang.FI, lang.SV} {
		t.Run(string(l), func(t *testing.T) {
			a, ts, _, _ := newAdminApp(t)
			srv := mailtest.Start(t, mailtest.Options{})
			withNotices(t, a, srv)
			org := a.browser(t, ts)
			email := "liisa." + string(l) + "@example.org"
			registerIn(t, a, org, lang.EN, "Seminar on labour exploitation", email)
			registerIn(t, a, org, l, "Toinen tapahtuma", email)
			old := mailsTo(t, a, srv, email)
			if len(old) != 2 {
				t.Fatalf("%d registration mails", len(old))
			}
			oldLink := anyManageLinkRE.FindString(old[0].Text)

			_, doc := org.get("/" + string(l) + "/manage")
			if doc.Find(`form[method=post] input[name=_csrf]`).Length() != 1 || doc.Find(`input[type=email][name=email][required]`).Length() != 1 ||
				doc.Find(`label[for=email]`).Text() != a.bundle.For(l).T("field.email") {
				t.Fatalf("no lost-link form")
			}

			visitor := a.browser(t, ts)
			codeK, locK, pageK, tookK := askForLinks(t, visitor, l, strings.ToUpper(email))
			codeU, locU, pageU, tookU := askForLinks(t, visitor, l, "nobody."+string(l)+"@example.org")
			if codeK != http.StatusSeeOther || codeK != codeU || locK != locU || pageK != pageU {
				t.Fatalf("known and unknown addresses answered differently:\n%d %s %s\n%d %s %s", codeK, locK, pageK, codeU, locU, pageU)
			}
			if !strings.Contains(pageK, a.bundle.For(l).T("recover.sent")) {
				t.Errorf("no confirmation on the page: %s", pageK)
			}
			if tookK < 300*time.Millisecond || tookU < 300*time.Millisecond {
				t.Errorf("answers took %v and %v, both should take at least 300 ms", tookK, tookU)
			}
			t.Logf("known address %v, unknown %v", tookK, tookU)

			got := mailsTo(t, a, srv, email)
			if len(got) != 3 {
				t.Fatalf("%d mails to the known address, want the two registrations and one with new links", len(got))
			}
			if n := len(mailsTo(t, a, srv, "nobody."+string(l)+"@example.org")); n != 0 {
				t.Errorf("%d mails to an unknown address", n)
			}
			m := got[2]
			loc := a.bundle.For(l)
			if m.Subject != loc.T("notify.recover.subject") || m.Header.Get("Content-Language") != l.Tag() {
				t.Errorf("subject %q, language %q", m.Subject, m.Header.Get("Content-Language"))
			}
			links := anyManageLinkRE.FindAllString(m.Text, -1)
			if len(links) != 2 || links[0] == links[1] || links[0] == oldLink || links[1] == oldLink {
				t.Fatalf("links %v (old %s):\n%s", links, oldLink, m.Text)
			}
			for _, k := range links {
				if !strings.Contains(k, "/"+string(l)+"/manage/") {
					t.Errorf("link %s not in the page's language", k)
				}
				if res, _ := org.get(strings.TrimPrefix(k, "https://nordcal.example.org")); res.StatusCode != http.StatusOK {
					t.Errorf("new link %s: %d", k, res.StatusCode)
				}
			}
			if res, doc := org.get(strings.TrimPrefix(oldLink, "https://nordcal.example.org")); res.StatusCode != http.StatusNotFound ||
				doc.Find(`a[href="/en/manage"]`).Length() != 1 {
				t.Errorf("old link: %d, or no way to new links", res.StatusCode)
			}
			for _, w := range []string{loc.T("notify.recover.old"), loc.T("notify.recover.not_you")} {
				if !strings.Contains(m.Text, w) {
					t.Errorf("mail lacks %q", w)
				}
			}

			// Asked again at once: the same page, no new mail, the links stay.
			if _, _, page, _ := askForLinks(t, visitor, l, email); page != pageK {
				t.Errorf("second request answered differently: %s", page)
			}
			if n := len(mailsTo(t, a, srv, email)); n != 3 {
				t.Errorf("%d mails after a second request within the quarter hour", n)
			}
			if res, _ := org.get(strings.TrimPrefix(links[0], "https://nordcal.example.org")); res.StatusCode != http.StatusOK {
				t.Errorf("a second request replaced the links: %d", res.StatusCode)
			}
		})
	}
}

// Bad input is answered on the form, never with a 500; without a CSRF
// token nothing happens.
func TestLostLinkFormRefusesBadInput(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withNotices(t, a, srv)
	b := a.browser(t, ts)
	for _, tt := range []struct{ name, email string }{
		{"empty", ""}, {"no at sign", "liisa.example.org"}, {"header injection", "liisa@example.org\r\nBcc: x@example.com"},
		{"too long", strings.Repeat("a", 250) + "@example.org"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, doc := b.post("/en/manage", url.Values{"_csrf": {b.token("/en/manage")}, "email": {tt.email}})
			if res.StatusCode != http.StatusBadRequest || doc.Find(`#email[aria-invalid=true][aria-describedby=email-error]`).Length() != 1 ||
				doc.Find("#email-error").Text() == "" {
				t.Errorf("%d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
			}
		})
	}
	if res, _ := b.post("/en/manage", url.Values{"email": {"liisa@example.org"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("without a CSRF token: %d", res.StatusCode)
	}
}
