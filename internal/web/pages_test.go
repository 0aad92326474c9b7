// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/lang"
)

func manySlugs(n int) string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("org-%d", i))
	}
	return strings.Join(out, ",")
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRootRedirectsToBrowserLanguage(t *testing.T) {
	a := newApp(t)
	tests := []struct {
		accept, cookie, want string
	}{
		{"fi-FI,fi;q=0.9,en;q=0.8", "", "/fi/"},
		{"sv-FI,sv;q=0.9", "", "/sv/"},
		{"da-DK", "", "/da/"},
		{"nb-NO,nb;q=0.9", "", "/no/"},
		{"nb", "", "/no/"},
		{"nn-NO", "", "/no/"},
		{"no", "", "/no/"},
		{"de-DE,de;q=0.9", "", "/en/"},
		{"", "", "/en/"},
		{"fi", "sv", "/sv/"},
		{strings.Repeat("x", 5000), "", "/en/"},
	}
	for _, tt := range tests {
		t.Run(tt.accept+"/"+tt.cookie, func(t *testing.T) {
			hdr := []string{"Accept-Language", tt.accept}
			if tt.cookie != "" {
				hdr = append(hdr, "Cookie", "lang="+tt.cookie)
			}
			rec := a.get(t, "/", http.StatusFound, hdr...)
			if got := rec.Header().Get("Location"); got != tt.want {
				t.Errorf("Location %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNorwegianAliasesRedirectToNo(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/nb/events?country=NO", "/nn/events?country=NO", "/nb-NO/events?country=NO"} {
		rec := a.get(t, p, http.StatusMovedPermanently)
		if got := rec.Header().Get("Location"); got != "/no/events?country=NO" {
			t.Errorf("%s → %q, want /no/events?country=NO", p, got)
		}
	}
	a.page(t, "/xx/events", http.StatusNotFound)
}

// pagesToCheck are the public pages every language must render.
func pagesToCheck(a *app) []string {
	return []string{
		"/", "/events", "/events?country=FI&category=conference", "/calendar", "/calendar/2027/01",
		"/year", "/year/2027", "/subscribe", "/subscribe?country=NO&lang=sv", "/accessibility",
		fmt.Sprintf("/events/%d", a.ev["Helsinki conference"].ID),
		fmt.Sprintf("/events/%d", a.ev["Swedish only"].ID),
		fmt.Sprintf("/events/%d", a.ev["Cancelled webinar"].ID),
	}
}

// messageID matches what an untranslated message ID looks like in a page.
var messageID = regexp.MustCompile(`\b[a-z]+(\.[a-z_0-9]+)+\b`)

func TestEveryPageRendersInEveryLanguage(t *testing.T) {
	a := newApp(t)
	ids := a.bundle.IDs(lang.EN)
	for _, l := range lang.All {
		for _, p := range pagesToCheck(a) {
			t.Run(string(l)+p, func(t *testing.T) {
				doc := a.page(t, "/"+string(l)+p, http.StatusOK)
				if got, _ := doc.Find("html").Attr("lang"); got != l.Tag() {
					t.Errorf("html lang %q, want %q", got, l.Tag())
				}
				if strings.TrimSpace(doc.Find("title").Text()) == "" || doc.Find("h1").Length() != 1 {
					t.Errorf("want a title and exactly one h1")
				}
				for _, m := range messageID.FindAllString(doc.Find("body").Text(), -1) {
					if ids[m] {
						t.Errorf("untranslated message ID %q on the page", m)
					}
				}
				if doc.Find("footer a[href='/admin/login?lang="+string(l)+"']").Length() != 1 {
					t.Errorf("the footer must link to the secretariat sign-in in the page's language")
				}
				if doc.Find("a.skip-link[href='#main']").Length() != 1 || doc.Find("main#main").Length() != 1 {
					t.Errorf("skip link or main landmark missing")
				}
				if n := doc.Find("link[rel=alternate][hreflang]:not([hreflang=x-default])").Length(); n != 5 {
					t.Errorf("%d hreflang links, want 5", n)
				}
				if home := p == "/"; (doc.Find("link[hreflang=x-default]").Length() == 1) != home {
					t.Errorf("x-default hreflang belongs on the home page only (home=%v)", home)
				}
				doc.Find("select, input:not([type=hidden])").Each(func(_ int, s *goquery.Selection) {
					id, _ := s.Attr("id")
					if id == "" || doc.Find("label[for='"+id+"']").Length() != 1 {
						t.Errorf("form field %q has no label", id)
					}
				})
			})
		}
	}
}

func TestLanguageSwitcherKeepsPageAndFilters(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/fi/events?country=SE&category=conference", http.StatusOK)
	got := map[string]string{}
	doc.Find(".lang-switch a").Each(func(_ int, s *goquery.Selection) {
		got[s.AttrOr("hreflang", "")] = s.AttrOr("href", "")
	})
	for _, l := range lang.All {
		want := "/" + string(l) + "/events?country=SE&category=conference"
		if got[l.Tag()] != want { // hreflang="nb" for /no/
			t.Errorf("switch to %s: %q, want %q", l, got[l.Tag()], want)
		}
	}
	if cur := doc.Find(".lang-switch a[aria-current]").AttrOr("hreflang", ""); cur != "fi" {
		t.Errorf("current language marked %q", cur)
	}
	id := a.ev["Helsinki conference"].ID
	doc = a.page(t, fmt.Sprintf("/sv/events/%d", id), http.StatusOK)
	if href := doc.Find(".lang-switch a[hreflang=en]").AttrOr("href", ""); href != fmt.Sprintf("/en/events/%d", id) {
		t.Errorf("event page switch to en: %q", href)
	}
}

func TestEventListFilters(t *testing.T) {
	a := newApp(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"Helsinki conference", "Swedish only", "Cancelled webinar", "Oslo seminar", "Save the date"}},
		{"country=NO", []string{"Oslo seminar"}},
		{"organiser=jd-no", []string{"Oslo seminar"}},
		{"network=nordic-coordinators", []string{"Oslo seminar"}},
		{"category=conference", []string{"Helsinki conference"}},
		{"topic=labour", []string{"Helsinki conference"}},
		{"attendance=online", []string{"Cancelled webinar"}},
		{"audience=open&from=2027-01-01&to=2027-01-31", []string{"Oslo seminar"}},
		{"q=ihmiskaupan", []string{"Helsinki conference"}},
		{"q=MANNISKOHANDEL", []string{"Swedish only"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			doc := a.page(t, "/en/events?"+tt.query, http.StatusOK)
			got := texts(doc, ".event-title a")
			want := slices.Clone(tt.want)
			for i, w := range want {
				if w == "Swedish only" {
					want[i] = "Nordisk konferens om människohandel"
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestListShowsActiveFiltersAsRemovableChips(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/en/events?country=FI,NO&category=conference", http.StatusOK)
	var hrefs []string
	doc.Find(".chips a").Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
	want := []string{"/en/events?category=conference&country=NO", "/en/events?category=conference&country=FI", "/en/events?country=FI%2CNO"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("chips %q, want %q", hrefs, want)
	}
	if !doc.Find("select#f-country").Is("[multiple]") {
		t.Errorf("two selected countries must keep a multiple select so the form loses neither")
	}
}

func TestBadQueryIsA400InTheUsersLanguage(t *testing.T) {
	a := newApp(t)
	fi := a.bundle.For(lang.FI)
	tests := []struct{ name, query, field string }{
		{"unknown country", "country=XX", "country"},
		{"unknown category", "category=party", "category"},
		{"unknown organiser", "organiser=no-such-org", "organiser"},
		{"malformed date", "from=2026-13-45", "from"},
		{"not a date", "to=tomorrow", "to"},
		{"to before from", "from=2026-12-01&to=2026-11-01", "to"},
		{"huge text", "q=" + strings.Repeat("a", 300), "q"},
		{"too many values", "organiser=" + manySlugs(21), "organiser"},
		{"bad page cursor", "after=abc", "page"},
		{"cursor of no event", "before=987654321", "page"},
		{"slug with markup", "organiser=%3Cscript%3E", "organiser"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := a.page(t, "/fi/events?"+tt.query, http.StatusBadRequest)
			if h1 := doc.Find("h1").Text(); h1 != fi.T("error.heading", "Status", 400) {
				t.Errorf("h1 %q is not the Finnish error heading", h1)
			}
			if got := texts(doc, ".error-fields strong"); !slices.Contains(got, fi.T("field."+tt.field)) {
				t.Errorf("field labels %q do not name %q", got, fi.T("field."+tt.field))
			}
		})
	}
	t.Run("query string over the limit", func(t *testing.T) {
		a.page(t, "/sv/events?q="+strings.Repeat("x", 5000), http.StatusBadRequest)
	})
	t.Run("month out of range is not found", func(t *testing.T) {
		a.page(t, "/da/calendar/2026/13", http.StatusNotFound)
		a.page(t, "/da/calendar/99999/01", http.StatusNotFound)
	})
	t.Run("unknown event", func(t *testing.T) {
		a.page(t, "/no/events/999999", http.StatusNotFound)
		a.page(t, "/no/events/abc", http.StatusNotFound)
	})
}

func TestEventPage(t *testing.T) {
	a := newApp(t)
	t.Run("times in the event's zone with the zone named, and in the viewer's", func(t *testing.T) {
		doc := a.page(t, fmt.Sprintf("/sv/events/%d", a.ev["Helsinki conference"].ID), http.StatusOK)
		sv := a.bundle.For(lang.SV)
		when := doc.Find(".facts dd").First().Text()
		for _, want := range []string{sv.Time(mustTime(t, "2026-11-26T11:00:00+02:00")), "UTC+2", sv.T("zone.europe_helsinki")} {
			if !strings.Contains(when, want) {
				t.Errorf("when %q lacks %q", when, want)
			}
		}
		if v := doc.Find(".viewer-time").Text(); !strings.Contains(v, sv.Time(mustTime(t, "2026-11-26T10:00:00+01:00"))) {
			t.Errorf("Swedish reader should also see Stockholm time, got %q", v)
		}
		doc = a.page(t, fmt.Sprintf("/fi/events/%d", a.ev["Helsinki conference"].ID), http.StatusOK)
		if doc.Find(".viewer-time").Length() != 0 {
			t.Errorf("Finnish reader in Helsinki time needs no second time")
		}
		doc = a.page(t, fmt.Sprintf("/fi/events/%d", a.ev["Helsinki conference"].ID), http.StatusOK, "Cookie", "tz=America/Nuuk")
		if doc.Find(".viewer-time").Length() != 1 {
			t.Errorf("a reader whose browser is in Nuuk should see Nuuk time")
		}
	})
	t.Run("fallback to the original language is marked", func(t *testing.T) {
		doc := a.page(t, fmt.Sprintf("/fi/events/%d", a.ev["Swedish only"].ID), http.StatusOK)
		if l := doc.Find("h1").AttrOr("lang", ""); l != "sv" {
			t.Errorf("Swedish title on a Finnish page needs lang=sv, got %q", l)
		}
		if doc.Find(".notice-fallback").Length() != 1 {
			t.Errorf("missing fallback note")
		}
		doc = a.page(t, fmt.Sprintf("/sv/events/%d", a.ev["Swedish only"].ID), http.StatusOK)
		if doc.Find(".notice-fallback").Length() != 0 || doc.Find("h1[lang]").Length() != 0 {
			t.Errorf("no fallback note when the page language has the text")
		}
	})
	t.Run("cancelled and tentative are marked in words", func(t *testing.T) {
		doc := a.page(t, fmt.Sprintf("/en/events/%d", a.ev["Cancelled webinar"].ID), http.StatusOK)
		if doc.Find(".notice-cancelled").Length() != 1 {
			t.Errorf("cancelled notice missing")
		}
		doc = a.page(t, fmt.Sprintf("/en/events/%d", a.ev["Save the date"].ID), http.StatusOK)
		if doc.Find(".notice-tentative").Length() != 1 {
			t.Errorf("tentative notice missing")
		}
	})
	t.Run("organiser and network links filter the list", func(t *testing.T) {
		doc := a.page(t, fmt.Sprintf("/en/events/%d", a.ev["Oslo seminar"].ID), http.StatusOK)
		if got := texts(doc, ".facts a[href='/en/events?organiser=jd-no']"); len(got) != 1 {
			t.Errorf("organiser link missing")
		}
		if got := texts(doc, ".facts a[href='/en/events?network=nordic-coordinators']"); len(got) != 1 {
			t.Errorf("network link missing")
		}
		if href := doc.Find("a[download]").AttrOr("href", ""); href != fmt.Sprintf("/events/%d.ics?lang=en", a.ev["Oslo seminar"].ID) {
			t.Errorf("add-to-calendar link %q", href)
		}
	})
	t.Run("pending events are not public", func(t *testing.T) {
		a.page(t, fmt.Sprintf("/en/events/%d", a.ev["Pending submission"].ID), http.StatusNotFound)
	})
}

func TestMonthView(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/fi/calendar/2027/01", http.StatusOK)
	fi := a.bundle.For(lang.FI)
	if weeks := texts(doc, "table.month tbody th .visually-hidden"); len(weeks) != 5 || weeks[0] != fi.WeekNumber(53) || weeks[1] != fi.WeekNumber(1) {
		t.Errorf("week rows %q (January 2027 starts in ISO week 53 of 2026)", weeks)
	}
	cells := doc.Find("table.month td").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find("a[href*='/fi/events/']").Length() > 0
	})
	if cells.Length() != 3 {
		t.Errorf("the 12–14 January seminar should fill 3 day cells, found %d", cells.Length())
	}
	if doc.Find("td[aria-current=date]").Length() != 0 {
		t.Errorf("today is not in January 2027")
	}
	doc = a.page(t, "/en/calendar", http.StatusOK)
	if doc.Find("td[aria-current=date] .today-label").Length() != 1 {
		t.Errorf("today must be marked in the current month")
	}
	if h1 := doc.Find("h1").Text(); h1 != a.bundle.For(lang.EN).MonthYear(2026, 11) {
		t.Errorf("current month heading %q", h1)
	}
	doc = a.page(t, "/en/calendar/2027/01?country=FI", http.StatusOK)
	if doc.Find("td a[href*='/en/events/']").Length() != 0 {
		t.Errorf("country filter must apply to the month view")
	}
	if href := doc.Find("a[rel=next]").AttrOr("href", ""); href != "/en/calendar/2027/02?country=FI" {
		t.Errorf("next month keeps filters: %q", href)
	}
}

func TestYearView(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/en/year/2027", http.StatusOK)
	if h := doc.Find("h1").Text(); !strings.Contains(h, "2027") {
		t.Errorf("heading %q does not name the year", h)
	}
	if n := doc.Find("table.year tbody tr").Length(); n != 12 {
		t.Fatalf("%d month rows, want 12", n)
	}
	jan := doc.Find("table.year tbody tr").First()
	var marked []string
	jan.Find("td.has-events a").Each(func(_ int, s *goquery.Selection) { marked = append(marked, s.AttrOr("href", "")) })
	want := []string{"/en/events?from=2027-01-12&to=2027-01-12", "/en/events?from=2027-01-13&to=2027-01-13", "/en/events?from=2027-01-14&to=2027-01-14"}
	if !slices.Equal(marked, want) {
		t.Errorf("January links %q, want %q", marked, want)
	}
	if n := doc.Find("table.year tbody tr").Eq(1).Find("td.no-day").Length(); n != 3 {
		t.Errorf("February 2027 has 28 days: %d empty cells, want 3", n)
	}
}

func TestSecurityHeaders(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/en/events", http.StatusOK)
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
		"Referrer-Policy": "strict-origin-when-cross-origin"} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if hsts := rec.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=31536000") {
		t.Errorf("HSTS %q: the site is served over https", hsts)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if rec.Header().Get("X-Request-Id") == "" {
		t.Errorf("no request id")
	}
}

func TestHealthz(t *testing.T) {
	a := newApp(t)
	a.get(t, "/healthz", http.StatusOK)
	_ = a.db.Close()
	a.get(t, "/healthz", http.StatusServiceUnavailable)
}
