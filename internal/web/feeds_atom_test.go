// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"compress/gzip"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/feed"
)

type webAtom struct {
	Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID    string `xml:"id"`
		Title struct {
			Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Value string `xml:",chardata"`
		} `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func parseAtom(t *testing.T, body []byte) webAtom {
	t.Helper()
	var f webAtom
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatalf("Atom feed does not parse: %v", err)
	}
	return f
}

// TestAtomFeedHasTheEventsOfTheICalFeed: for the same filter and language
// the Atom feed holds exactly the events of the iCal feed, newest change
// first, with ids made from their UIDs.
func TestAtomFeedHasTheEventsOfTheICalFeed(t *testing.T) {
	a := newApp(t)
	for _, q := range []string{"", "lang=fi", "country=FI", "country=NO,SE&lang=sv", "category=seminar&lang=no", "network=nordic-coordinators"} {
		t.Run(q, func(t *testing.T) {
			_, evs := parseFeed(t, a.get(t, "/feeds/events.ics?"+q, http.StatusOK).Body.String())
			rec := a.get(t, "/feeds/events.atom?"+q, http.StatusOK)
			if ct := rec.Header().Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			f := parseAtom(t, rec.Body.Bytes())
			var want, got []string
			for uid := range evs {
				want = append(want, feed.EntryID("nordcal.example.org", uid))
			}
			var updated []string
			for _, e := range f.Entries {
				got = append(got, e.ID)
				updated = append(updated, e.Updated)
			}
			if !slices.IsSortedFunc(updated, func(x, y string) int { return strings.Compare(y, x) }) {
				t.Errorf("entries not newest first: %q", updated)
			}
			slices.Sort(want)
			slices.Sort(got)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("Atom ids %q, want %q", got, want)
			}
			v, _ := url.ParseQuery(q)
			l := v.Get("lang")
			if l == "" {
				l = "en"
			}
			self := ""
			for _, link := range f.Links {
				if link.Rel == "self" {
					self = link.Href
				}
			}
			if !strings.HasPrefix(self, "https://nordcal.example.org/feeds/events.atom?") || !strings.Contains(self, "lang="+l) {
				t.Errorf("self link %q", self)
			}
		})
	}
}

func TestAtomEntriesAreLocalised(t *testing.T) {
	a := newApp(t)
	f := parseAtom(t, a.get(t, "/feeds/events.atom?lang=no", http.StatusOK).Body.Bytes())
	if f.Lang != "nb" || !strings.Contains(f.Title, "Nordisk") {
		t.Errorf("feed lang %q title %q", f.Lang, f.Title)
	}
	found := 0
	for _, e := range f.Entries {
		switch e.Link.Href {
		case "https://nordcal.example.org/no/events/" + strconv.FormatInt(a.ev["Swedish only"].ID, 10):
			found++
			if e.Title.Lang != "sv" || e.Title.Value != "Nordisk konferens om människohandel" {
				t.Errorf("Swedish-only event: title %q (%s)", e.Title.Value, e.Title.Lang)
			}
			// 08:00 UTC is 09:00 in Stockholm; the zone is named.
			if !strings.Contains(e.Summary, "09.00") || !strings.Contains(e.Summary, "UTC+1") {
				t.Errorf("summary %q lacks the local time and zone", e.Summary)
			}
		case "https://nordcal.example.org/no/events/" + strconv.FormatInt(a.ev["Cancelled webinar"].ID, 10):
			found++
			if !strings.HasPrefix(e.Title.Value, a.bundle.For("no").T("feed.cancelled_prefix")) {
				t.Errorf("cancelled title %q", e.Title.Value)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the 2 checked entries", found)
	}
}

// TestAtomFeedIsServedLikeTheICalFeed: ETag, Last-Modified, 304, gzip,
// HEAD, and the same 400 for bad input.
func TestAtomFeedIsServedLikeTheICalFeed(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/feeds/events.atom?country=FI", http.StatusOK)
	etag, lm := rec.Header().Get("ETag"), rec.Header().Get("Last-Modified")
	if etag == "" || lm == "" || rec.Header().Get("Cache-Control") == "" {
		t.Fatalf("ETag %q Last-Modified %q", etag, lm)
	}
	if r := a.get(t, "/feeds/events.atom?country=FI", http.StatusNotModified, "If-None-Match", etag); r.Body.Len() != 0 {
		t.Error("304 with a body")
	}
	a.get(t, "/feeds/events.atom?country=FI", http.StatusNotModified, "If-Modified-Since", lm)
	gz := a.get(t, "/feeds/events.atom?country=FI", http.StatusOK, "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag {
		t.Fatalf("gzip: encoding %q etag %q", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	if readAll(t, zr) != rec.Body.String() {
		t.Error("gzip body differs")
	}
	if h := a.do(t, http.MethodHead, "/feeds/events.atom?country=FI"); h.Code != http.StatusOK || h.Body.Len() != 0 {
		t.Errorf("HEAD: %d, %d bytes", h.Code, h.Body.Len())
	}
	for _, q := range []string{"lang=xx", "country=XX", "organiser=nobody", "from=2026-13-01"} {
		a.get(t, "/feeds/events.atom?"+q, http.StatusBadRequest)
	}
}

// TestEventListAnnouncesItsFeeds: the list page links its Atom and iCal
// feeds, with its filter, in the head and in the page.
func TestEventListAnnouncesItsFeeds(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/sv/events?country=FI&category=conference", http.StatusOK)
	href, ok := doc.Find(`head link[rel=alternate][type="application/atom+xml"]`).Attr("href")
	if !ok {
		t.Fatal("no Atom link in the head")
	}
	u, err := url.Parse(href)
	if err != nil || u.Path != "/feeds/events.atom" || u.Query().Get("country") != "FI" ||
		u.Query().Get("category") != "conference" || u.Query().Get("lang") != "sv" {
		t.Errorf("Atom link %q", href)
	}
	if doc.Find(`.view-links a[href="`+href+`"]`).Length() != 1 {
		t.Error("the Atom feed is not linked in the page")
	}
	a.get(t, href, http.StatusOK)
}
