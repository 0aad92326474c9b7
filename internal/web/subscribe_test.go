// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// addLanguageEvents adds events held in known languages to the fixtures.
func addLanguageEvents(t *testing.T, a *app) {
	t.Helper()
	org := a.ev["Helsinki conference"].Organisers[0].ID
	for _, ev := range []struct {
		key       string
		country   directory.Country
		category  calendar.Category
		languages []string
		status    calendar.Status
	}{
		{"Copenhagen in Swedish", "DK", calendar.Conference, []string{"da", "sv"}, calendar.Published},
		{"Stockholm seminar", "SE", calendar.Seminar, []string{"en", "sv"}, calendar.Published},
		{"Stockholm cancelled", "SE", calendar.Conference, []string{"sv"}, calendar.Cancelled},
		{"Malmö in English", "SE", calendar.Conference, []string{"en"}, calendar.Published},
		{"Turku in Swedish", "FI", calendar.Conference, []string{"sv"}, calendar.Published},
		{"Aarhus meeting in Swedish", "DK", calendar.Meeting, []string{"sv"}, calendar.Published},
	} {
		e := calendar.Event{
			Status: ev.status, OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: ev.key}},
			Start: time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 3, 15, 0, 0, 0, time.UTC),
			Zone: "Europe/Stockholm", City: "Stockholm", Country: ev.country, Attendance: calendar.OnSite,
			Category: ev.category, Audience: calendar.Open, Languages: ev.languages,
			Organisers: []directory.Organisation{{ID: org}},
		}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			t.Fatalf("create %s: %v", ev.key, err)
		}
		a.ev[ev.key] = e
	}
}

// TestFeedWithSeveralValuesAndALanguage: the feed for several countries,
// several categories and a working language holds exactly the events that
// match one value of every filter; cancelled=hide leaves the cancelled one
// out; the JSON API and the list page select the same.
func TestFeedWithSeveralValuesAndALanguage(t *testing.T) {
	a := newApp(t)
	addLanguageEvents(t, a)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"country=DK,SE&category=conference,seminar&language=sv",
			[]string{"Copenhagen in Swedish", "Stockholm cancelled", "Stockholm seminar"}},
		{"country=DK&country=SE&category=conference&category=seminar&language=SV&cancelled=hide",
			[]string{"Copenhagen in Swedish", "Stockholm seminar"}},
		{"country=SE&language=en,da", []string{"Malmö in English", "Stockholm seminar"}},
		{"language=sv&category=meeting", []string{"Aarhus meeting in Swedish"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			var want []string
			for _, k := range tc.want {
				want = append(want, a.ev[k].UID)
			}
			slices.Sort(want)
			_, evs := parseFeed(t, a.get(t, "/feeds/events.ics?"+tc.query, http.StatusOK).Body.String())
			var got []string
			for uid := range evs {
				got = append(got, uid)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("feed UIDs %q, want %q (%q)", got, want, tc.want)
			}
			doc := a.page(t, "/en/events?"+tc.query, http.StatusOK)
			if n := doc.Find("li.event-item").Length(); n != len(want) {
				t.Errorf("list page shows %d events, want %d", n, len(want))
			}
		})
	}
	for _, p := range []string{"/feeds/events.ics?language=tlh", "/feeds/events.atom?language=xx", "/api/v1/events?language=klingon",
		"/en/events?language=zz", "/en/subscribe?language=zz", "/feeds/events.ics?cancelled=maybe", "/en/calendar?language=zz"} {
		a.get(t, p, http.StatusBadRequest)
	}
}

// TestSubscribeBuilderKeepsEveryChoice: the builder's checkboxes show the
// choices of the URL, and the addresses it gives carry exactly those
// filters, whose feed holds the events counted on the page.
func TestSubscribeBuilderKeepsEveryChoice(t *testing.T) {
	a := newApp(t)
	addLanguageEvents(t, a)
	doc := a.page(t, "/da/subscribe?country=DK&country=SE&category=conference,seminar&language=sv&cancelled=hide&lang=sv", http.StatusOK)
	for _, sel := range []string{`input[name=country][value=DK]`, `input[name=country][value=SE]`,
		`input[name=category][value=conference]`, `input[name=category][value=seminar]`,
		`input[name=language][value=sv]`, `input[name=cancelled][value=hide]`} {
		if _, checked := doc.Find(".feed-builder " + sel).Attr("checked"); !checked {
			t.Errorf("%s is not ticked", sel)
		}
	}
	if n := doc.Find(".feed-builder input[type=checkbox][checked]").Length(); n != 6 {
		t.Errorf("%d boxes ticked, want 6", n)
	}
	if n := doc.Find(`.feed-builder input[name=organiser]`).Length(); n != 2 {
		t.Errorf("%d organiser boxes, want one per organisation", n)
	}
	if v := doc.Find(`.feed-builder select[name=lang] option[selected]`).AttrOr("value", ""); v != "sv" {
		t.Errorf("feed language %q", v)
	}
	httpsURL := doc.Find("#url-https").AttrOr("value", "")
	u, err := url.Parse(httpsURL)
	if err != nil || u.Path != "/feeds/events.ics" {
		t.Fatalf("https address %q", httpsURL)
	}
	want := url.Values{"country": {"DK,SE"}, "category": {"conference,seminar"}, "language": {"sv"}, "cancelled": {"hide"}, "lang": {"sv"}}
	if u.Query().Encode() != want.Encode() {
		t.Errorf("address carries %q, want exactly %q", u.Query().Encode(), want.Encode())
	}
	if webcal := doc.Find("#url-webcal").AttrOr("value", ""); webcal != "webcal://nordcal.example.org"+u.RequestURI() {
		t.Errorf("webcal address %q", webcal)
	}
	if want := a.bundle.For(lang.DA).N("subscribe.feed_count", 2); !strings.Contains(doc.Find(".feed-urls p").First().Text(), want) {
		t.Errorf("the page must say the feed holds 2 events (%q): %q", want, doc.Find(".feed-urls p").First().Text())
	}
	_, evs := parseFeed(t, a.get(t, u.RequestURI(), http.StatusOK).Body.String())
	if len(evs) != 2 || evs[a.ev["Copenhagen in Swedish"].UID] == nil || evs[a.ev["Stockholm seminar"].UID] == nil {
		t.Errorf("the built feed holds %d events, want the two counted", len(evs))
	}
}

// TestSubscribeButtonsOpenEachProgram: one link per calendar program, in
// the form each accepts, carrying the built feed, each with a line on what
// to expect, in every language.
func TestSubscribeButtonsOpenEachProgram(t *testing.T) {
	a := newApp(t)
	for _, l := range lang.All {
		t.Run(string(l), func(t *testing.T) {
			doc := a.page(t, "/"+string(l)+"/subscribe?country=FI,SE&language=sv&lang=fi", http.StatusOK)
			httpsURL := doc.Find("#url-https").AttrOr("value", "")
			webcal := doc.Find("#url-webcal").AttrOr("value", "")
			link := func(id string) *url.URL {
				t.Helper()
				li := doc.Find("#client-" + id)
				a := li.Find("a.button")
				if strings.TrimSpace(a.Text()) == "" || strings.TrimSpace(li.Find(".help").Text()) == "" {
					t.Errorf("%s: no label or no line on what to expect", id)
				}
				u, err := url.Parse(a.AttrOr("href", ""))
				if err != nil {
					t.Fatalf("%s: %v", id, err)
				}
				return u
			}
			g := link("google")
			if g.Host != "calendar.google.com" || g.Path != "/calendar/render" || g.Query().Get("cid") != webcal {
				t.Errorf("Google link %q", g)
			}
			for id, host := range map[string]string{"outlook365": "outlook.office.com", "outlookcom": "outlook.live.com"} {
				u := link(id)
				if u.Host != host || u.Path != "/calendar/0/addfromweb" || u.Query().Get("url") != httpsURL ||
					!strings.Contains(u.Query().Get("name"), a.bundle.For(l).T("country.SE")) {
					t.Errorf("%s link %q", id, u)
				}
			}
			for _, id := range []string{"apple", "thunderbird"} {
				if u := link(id); u.String() != webcal {
					t.Errorf("%s link %q, want %q", id, u, webcal)
				}
			}
			if link("copy").Fragment != "url-https" {
				t.Error("the copy button does not lead to the address")
			}
		})
	}
}

// TestDirectoryLinksToTheFilledInSubscribePage: an organisation's,
// network's or country's page sends readers to the subscribe page with
// its filter ticked, not to a raw .ics download.
func TestDirectoryLinksToTheFilledInSubscribePage(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct {
		page, link, box, param, value string
	}{
		{"/fi/directory/organisations/om-fi", "a.feed-link", "organiser", "organiser", "om-fi"},
		{"/sv/directory/networks/nordic-coordinators", "a.feed-link", "network", "network", "nordic-coordinators"},
		{"/da/directory/countries/NO", "a.feed-link", "country", "country", "NO"},
	} {
		t.Run(tc.page, func(t *testing.T) {
			href := a.page(t, tc.page, http.StatusOK).Find(tc.link).AttrOr("href", "")
			u, err := url.Parse(href)
			if err != nil || !strings.HasSuffix(u.Path, "/subscribe") || u.Query().Get(tc.param) != tc.value {
				t.Fatalf("link %q, want the subscribe page with %s=%s", href, tc.param, tc.value)
			}
			doc := a.page(t, href, http.StatusOK)
			if _, ok := doc.Find(`.feed-builder input[name=` + tc.box + `][value="` + tc.value + `"]`).Attr("checked"); !ok {
				t.Errorf("%s %s is not ticked on the subscribe page", tc.box, tc.value)
			}
			feedURL, _ := url.Parse(doc.Find("#url-https").AttrOr("value", ""))
			if feedURL == nil || feedURL.Query().Get(tc.param) != tc.value {
				t.Errorf("feed address %v lacks %s=%s", feedURL, tc.param, tc.value)
			}
		})
	}
}
