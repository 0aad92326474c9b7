// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

// eventIDs are the event ids linked from the items sel of doc, in order.
func eventIDs(t *testing.T, doc *goquery.Document, sel string) []string {
	t.Helper()
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u, err := url.Parse(href)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, path.Base(u.Path))
	})
	return out
}

// TestEmbedListsWhatTheEventListLists: for the same filters the embedded
// list shows the same events in the same order as /{lang}/events, cut to n.
func TestEmbedListsWhatTheEventListLists(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct{ name, lang, query string }{
		{"no filter", "en", ""},
		{"one country", "fi", "country=FI"},
		{"two countries", "sv", "country=NO,SE"},
		{"a category", "da", "category=seminar"},
		{"an organiser", "no", "organiser=om-fi"},
		{"a network", "en", "network=nordic-coordinators"},
		{"free text", "en", "q=conference"},
		{"from a date", "fi", "from=2027-01-01"},
		{"a date range and attendance", "en", "from=2026-11-01&to=2026-12-31&attendance=online"},
		{"nothing matches", "sv", "country=IS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list := eventIDs(t, a.page(t, "/"+tc.lang+"/events?"+tc.query, http.StatusOK), ".event-list .event-title a")
			embed := a.page(t, "/embed/"+tc.lang+"/events?n=50&"+tc.query, http.StatusOK)
			got := eventIDs(t, embed, ".nordcal-event .nordcal-title a")
			if !slices.Equal(got, list) {
				t.Errorf("embed lists %v, the event list %v", got, list)
			}
			frag := a.page(t, "/embed/"+tc.lang+"/events.fragment?n=50&"+tc.query, http.StatusOK)
			if got := eventIDs(t, frag, ".nordcal-event .nordcal-title a"); !slices.Equal(got, list) {
				t.Errorf("fragment lists %v, the event list %v", got, list)
			}
			if len(list) > 1 {
				if got := eventIDs(t, a.page(t, "/embed/"+tc.lang+"/events?n=1&"+tc.query, http.StatusOK), ".nordcal-title a"); !slices.Equal(got, list[:1]) {
					t.Errorf("n=1 lists %v, want %v", got, list[:1])
				}
			}
			if len(list) == 0 && embed.Find(".nordcal-empty").Length() != 1 {
				t.Error("an empty selection says nothing")
			}
		})
	}
}

// TestEmbedPage: its own minimal layout, absolute links that leave the
// frame, the zone named with every timed event, the display options.
func TestEmbedPage(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/embed/fi/events", http.StatusOK)
	if l, _ := doc.Find("html").Attr("lang"); l != "fi" {
		t.Errorf("html lang %q", l)
	}
	if doc.Find("nav, header, footer, form, script").Length() != 0 {
		t.Error("the embed page carries site navigation, forms or scripts")
	}
	if r, _ := doc.Find(`meta[name=robots]`).Attr("content"); r != "noindex" {
		t.Errorf("robots %q", r)
	}
	first := doc.Find(".nordcal-event").First()
	a1 := first.Find(".nordcal-title a")
	href, _ := a1.Attr("href")
	if want := "https://nordcal.example.org/fi/events/" + strconv.FormatInt(a.ev["Helsinki conference"].ID, 10); href != want {
		t.Errorf("first link %q, want %q", href, want)
	}
	if tg, _ := a1.Attr("target"); tg != "_top" {
		t.Errorf("link target %q", tg)
	}
	if got := strings.TrimSpace(a1.Text()); got != "Ihmiskaupan uudet muodot Pohjoismaissa" {
		t.Errorf("title %q", got)
	}
	when := first.Find(".nordcal-when").Text()
	if !strings.Contains(when, "26.11.2026") || !strings.Contains(when, "Helsingin aikaa") {
		t.Errorf("when %q: no date or no zone", when)
	}
	if !strings.Contains(first.Find(".nordcal-meta").Text(), "Paasitorni") || !strings.Contains(first.Find(".nordcal-organisers").Text(), "Oikeusministeriö") {
		t.Errorf("place or organiser missing: %q", first.Text())
	}
	cancelled := doc.Find(".nordcal-event.status-cancelled")
	if cancelled.Length() != 1 || strings.TrimSpace(cancelled.Find(".badge").Text()) == "" {
		t.Error("the cancelled event does not say so in words")
	}
	if more, _ := doc.Find(".nordcal-more a").Attr("href"); more != "https://nordcal.example.org/fi/events" {
		t.Errorf("more link %q", more)
	}

	for _, tc := range []struct {
		name, query string
		check       func(*goquery.Document) bool
	}{
		{"compact has one meta line and no category", "style=compact", func(d *goquery.Document) bool {
			return d.Find(".nordcal-style-compact").Length() == 1 && d.Find(".nordcal-category").Length() == 0 &&
				strings.Contains(d.Find(".nordcal-meta").First().Text(), "Ministry of Justice, Finland")
		}},
		{"full shows the category", "style=full", func(d *goquery.Document) bool { return d.Find(".nordcal-category").Length() > 0 }},
		{"filters=show names the filters", "country=FI&filters=show", func(d *goquery.Document) bool {
			return strings.Contains(d.Find(".nordcal-showing").Text(), "Finland")
		}},
		{"filters are hidden by default", "country=FI", func(d *goquery.Document) bool { return d.Find(".nordcal-showing").Length() == 0 }},
		{"dark theme", "theme=dark", func(d *goquery.Document) bool { return d.Find("body.nordcal-theme-dark").Length() == 1 }},
		{"inherit theme", "theme=INHERIT", func(d *goquery.Document) bool { return d.Find("body.nordcal-theme-inherit").Length() == 1 }},
		{"light is the default", "", func(d *goquery.Document) bool { return d.Find("body.nordcal-theme-light").Length() == 1 }},
		{"n limits the list and the link counts the rest", "n=2", func(d *goquery.Document) bool {
			return d.Find(".nordcal-event").Length() == 2 && strings.TrimSpace(d.Find(".nordcal-more").Text()) == "All 5 events in the Nordic anti-trafficking calendar"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := a.page(t, "/embed/en/events?"+tc.query, http.StatusOK); !tc.check(d) {
				t.Errorf("%s: not so", tc.query)
			}
		})
	}

	t.Run("Norwegian aliases redirect, and the list says nb", func(t *testing.T) {
		rec := a.get(t, "/embed/nb/events?n=3", http.StatusMovedPermanently)
		if loc := rec.Header().Get("Location"); loc != "/embed/no/events?n=3" {
			t.Errorf("Location %q", loc)
		}
		if l, _ := a.page(t, "/embed/no/events", http.StatusOK).Find("html").Attr("lang"); l != "nb" {
			t.Errorf("html lang %q", l)
		}
		a.get(t, "/embed/de/events", http.StatusNotFound)
	})
	t.Run("cached: ETag and 304", func(t *testing.T) {
		for _, p := range []string{"/embed/sv/events?country=SE", "/embed/sv/events.fragment?country=SE"} {
			rec := a.get(t, p, http.StatusOK)
			etag := rec.Header().Get("ETag")
			if etag == "" {
				t.Fatalf("%s: no ETag", p)
			}
			again := a.get(t, p, http.StatusNotModified, "If-None-Match", etag)
			if again.Body.Len() != 0 {
				t.Errorf("%s: 304 with a body", p)
			}
		}
	})
}

// TestEmbedBadDisplayOptions: a bad option is a 400 page in the embed's
// own layout, naming the option, like a bad filter; never a 500.
func TestEmbedBadDisplayOptions(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct{ query, field string }{
		{"n=0", "Number of events"},
		{"n=51", "Number of events"},
		{"n=ten", "Number of events"},
		{"n=2.5", "Number of events"},
		{"n=-1", "Number of events"},
		{"style=huge", "Layout"},
		{"filters=maybe", "Chosen filters"},
		{"theme=pink", "Colours"},
		{"country=XX", "Country"},
		{"from=tomorrow", "From"},
	} {
		for _, route := range []string{"/embed/en/events", "/embed/en/events.fragment", "/en/subscribe/embed"} {
			t.Run(route+"?"+tc.query, func(t *testing.T) {
				doc := a.page(t, route+"?"+tc.query, http.StatusBadRequest)
				if !strings.Contains(doc.Text(), tc.field) {
					t.Errorf("the error does not name %q: %s", tc.field, truncate(doc.Text()))
				}
				embedded := strings.HasPrefix(route, "/embed/")
				if embedded == (doc.Find(".main-nav").Length() > 0) {
					t.Errorf("site navigation shown: %v", !embedded)
				}
			})
		}
	}
	rec := a.get(t, "/embed/en/events?theme=dark&n=0", http.StatusBadRequest)
	if !strings.Contains(rec.Body.String(), "nordcal-theme-dark") {
		t.Error("the error page lost the valid theme")
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
		t.Errorf("the embed's error page cannot be framed: %q", csp)
	}
}

// TestOnlyEmbedRoutesMayBeFramed: the embed routes drop X-Frame-Options
// and relax frame-ancestors, keeping the rest of the policy; every other
// answer, including an embed route's neighbours, still refuses frames.
func TestOnlyEmbedRoutesMayBeFramed(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/embed/en/events", "/embed/fi/events.fragment?country=FI", "/embed/da/events?n=99"} {
		h := a.do(t, http.MethodGet, p).Header()
		if h.Get("X-Frame-Options") != "" {
			t.Errorf("%s: X-Frame-Options %q", p, h.Get("X-Frame-Options"))
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors *") || strings.Contains(csp, "'none'; form") || !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Strict-Transport-Security") == "" {
			t.Errorf("%s lost a security header", p)
		}
	}
	for _, p := range []string{"/en/events", "/en/", "/fi/subscribe/embed", "/fi/subscribe", "/api/v1/events", "/feeds/events.ics",
		"/static/js/embed.js", "/embed/xx/events", "/embed/en/nothing", "/en/events?from=bad", "/admin/login"} {
		h := a.do(t, http.MethodGet, p).Header()
		if h.Get("X-Frame-Options") != "DENY" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s may be framed: X-Frame-Options %q, CSP %q", p, h.Get("X-Frame-Options"), h.Get("Content-Security-Policy"))
		}
	}
}

// TestEmbedFragment: what embed.js inserts into another site's page is a
// bare section of escaped HTML without scripts, readable cross-origin
// without credentials; normal pages send no CORS header.
func TestEmbedFragment(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	hostile := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: `<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted"`}},
		Start: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Zone: "Europe/Oslo", City: "Oslo <b>", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
		Organisers: []directory.Organisation{{ID: a.ev["Oslo seminar"].Organisers[0].ID}}}
	if err := a.cal.Create(ctx, &hostile); err != nil {
		t.Fatal(err)
	}
	rec := a.get(t, "/embed/en/events.fragment", http.StatusOK, "Origin", "https://partner.example.net")
	body := rec.Body.String()
	for _, bad := range []string{"<script", "<img", "<html", "<body", "<link", "<b>"} {
		if strings.Contains(strings.ToLower(body), bad) {
			t.Errorf("fragment contains %q", bad)
		}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Find("script, img, b, [onerror]").Length() != 0 {
		t.Error("the fragment holds elements from the event's text")
	}
	sec := doc.Find("body > section.nordcal-embed")
	if sec.Length() != 1 {
		t.Fatalf("the fragment is not one section: %s", truncate(body))
	}
	if l, _ := sec.Attr("lang"); l != "en" {
		t.Errorf("section lang %q", l)
	}
	if got := strings.TrimSpace(sec.Find(".nordcal-title a").First().Text()); got != hostile.Texts[lang.EN].Title {
		t.Errorf("first title %q", got)
	}
	h := rec.Header()
	if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("CORS: allow-origin %q, credentials %q", h.Get("Access-Control-Allow-Origin"), h.Get("Access-Control-Allow-Credentials"))
	}
	if bad := a.get(t, "/embed/en/events.fragment?n=0", http.StatusBadRequest, "Origin", "https://partner.example.net"); bad.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Error("the fragment's error is not readable by the script")
	}
	for _, p := range []string{"/en/events", "/embed/en/events", "/en/subscribe/embed", "/en/"} {
		if got := a.get(t, p, http.StatusOK, "Origin", "https://partner.example.net").Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", p, got)
		}
	}
}

// TestEmbedOriginsLimitFramesAndScripts: with NORDCAL_EMBED_ORIGINS set,
// only this site and those origins may frame the list or read the fragment.
func TestEmbedOriginsLimitFramesAndScripts(t *testing.T) {
	db := storetest.Open(t)
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://nordcal.example.org")
	srv, err := web.New(web.Deps{Calendar: calendar.NewService(db, db, "test.example.org", func() time.Time { return now }),
		Directory: directory.NewService(db), Bundle: bundle, BaseURL: base, DefaultLang: lang.EN,
		DefaultZone: mustZone(t, "Europe/Copenhagen"), Ping: db.Ping, Sessions: db.Sessions(),
		EmbedOrigins: []string{"https://partner.example.net", "https://*.example.fi"}})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{srv: srv}
	csp := a.get(t, "/embed/en/events", http.StatusOK).Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self' https://partner.example.net https://*.example.fi;") {
		t.Errorf("CSP %q", csp)
	}
	for _, tc := range []struct{ origin, want string }{
		{"https://partner.example.net", "https://partner.example.net"},
		{"https://www.example.fi", "https://www.example.fi"},
		{"https://example.fi", ""},
		{"http://partner.example.net", ""},
		{"https://partner.example.net.evil.org", ""},
		{"https://evilexample.fi", ""},
		{"", ""},
	} {
		rec := a.get(t, "/embed/en/events.fragment", http.StatusOK, "Origin", tc.origin)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tc.want {
			t.Errorf("Origin %q: allowed %q, want %q", tc.origin, got, tc.want)
		}
		if !slices.Contains(rec.Header().Values("Vary"), "Origin") {
			t.Errorf("Origin %q: no Vary: Origin", tc.origin)
		}
	}
}

// TestEmbedBuilder: the page "Show these events on your site" turns the
// chosen filters and options into the two snippets and a preview, and the
// subscribe page links to it with its filters.
func TestEmbedBuilder(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/fi/subscribe/embed?country=FI&category=conference&n=5&style=compact&lang=sv", http.StatusOK)
	if m, _ := doc.Find("form.filters").Attr("method"); m != "get" {
		t.Errorf("form method %q", m)
	}
	for sel, want := range map[string]string{
		"#f-country option[selected]": "FI", "#f-category option[selected]": "conference", "#f-n option[selected]": "5",
		"#f-style option[selected]": "compact", "#f-lang option[selected]": "sv", "#f-theme option[selected]": "light",
	} {
		if got, _ := doc.Find(sel).Attr("value"); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	frame := doc.Find("textarea#code-frame").Text()
	if !strings.Contains(frame, `<iframe src="https://nordcal.example.org/embed/sv/events?category=conference&amp;country=FI&amp;n=5&amp;style=compact"`) ||
		!strings.Contains(frame, `title="Kommande evenemang – Nordisk kalender mot människohandel"`) {
		t.Errorf("iframe snippet %q", frame)
	}
	script := doc.Find("textarea#code-script").Text()
	for _, want := range []string{`data-nordcal-events="category=conference&amp;country=FI"`, `data-nordcal-lang="sv"`, `data-nordcal-n="5"`,
		`data-nordcal-style="compact"`, `<script src="https://nordcal.example.org/static/js/embed.js" async></script>`,
		`<a href="https://nordcal.example.org/sv/events?category=conference&amp;country=FI">`} {
		if !strings.Contains(script, want) {
			t.Errorf("script snippet lacks %s:\n%s", want, script)
		}
	}
	if ro, ok := doc.Find("textarea#code-frame").Attr("readonly"); !ok || ro != "" {
		t.Error("the snippet is not read-only")
	}
	src, _ := doc.Find(".embed-preview iframe").Attr("src")
	if src != "/embed/sv/events?category=conference&country=FI&n=5&style=compact" {
		t.Errorf("preview %q", src)
	}
	a.page(t, src, http.StatusOK)
	if !strings.Contains(doc.Find(".embed-code p").First().Text(), "1 tapahtuma") {
		t.Errorf("count: %q", doc.Find(".embed-code p").First().Text())
	}

	t.Run("a number outside the offered ones stays chosen", func(t *testing.T) {
		d := a.page(t, "/en/subscribe/embed?n=7", http.StatusOK)
		if got := texts(d, "#f-n option"); !slices.Equal(got, []string{"3", "5", "7", "10", "15", "20", "30", "50"}) {
			t.Errorf("options %v", got)
		}
		if v, _ := d.Find("#f-n option[selected]").Attr("value"); v != "7" {
			t.Errorf("selected %q", v)
		}
	})
	t.Run("bad list language", func(t *testing.T) { a.get(t, "/en/subscribe/embed?lang=de", http.StatusBadRequest) })
	t.Run("the subscribe page links here with its filters", func(t *testing.T) {
		d := a.page(t, "/da/subscribe?country=DK&topic=labour", http.StatusOK)
		if href, _ := d.Find(".embed-link a").Attr("href"); href != "/da/subscribe/embed?country=DK&topic=labour" {
			t.Errorf("link %q", href)
		}
	})
}
