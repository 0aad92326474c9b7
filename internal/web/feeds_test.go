// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// parseFeed parses an iCal body and returns its events by UID.
func parseFeed(t *testing.T, body string) (*ics.Calendar, map[string]*ics.VEvent) {
	t.Helper()
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Errorf("feed has bare LF line ends")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		out[e.Id()] = e
	}
	return cal, out
}

func prop(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestFeedHasExactlyThePublicEvents(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/feeds/events.ics", http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	_, evs := parseFeed(t, rec.Body.String())
	var want []string
	for k, e := range a.ev {
		if k != "Pending submission" {
			want = append(want, e.UID)
		}
	}
	var got []string
	for uid := range evs {
		got = append(got, uid)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("feed UIDs %q, want %q", got, want)
	}
	c := evs[a.ev["Cancelled webinar"].UID]
	if prop(c, ics.ComponentPropertyStatus) != "CANCELLED" || !strings.HasPrefix(prop(c, ics.ComponentPropertySummary), "Cancelled: ") {
		t.Errorf("cancelled event: STATUS %q SUMMARY %q", prop(c, ics.ComponentPropertyStatus), prop(c, ics.ComponentPropertySummary))
	}
	if s := prop(evs[a.ev["Save the date"].UID], ics.ComponentPropertyStatus); s != "TENTATIVE" {
		t.Errorf("tentative event STATUS %q", s)
	}
	u := prop(evs[a.ev["Oslo seminar"].UID], ics.ComponentPropertyUrl)
	if u != fmt.Sprintf("https://nordcal.example.org/en/events/%d", a.ev["Oslo seminar"].ID) {
		t.Errorf("URL %q", u)
	}
}

func TestFeedFiltersAndLanguage(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/feeds/events.ics?country=NO,SE&lang=fi", http.StatusOK)
	cal, evs := parseFeed(t, rec.Body.String())
	if len(evs) != 2 || evs[a.ev["Oslo seminar"].UID] == nil || evs[a.ev["Swedish only"].UID] == nil {
		t.Fatalf("filtered feed has %d events", len(evs))
	}
	fi := a.bundle.For(lang.FI)
	name := ""
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "X-WR-CALNAME" {
			name = p.Value
		}
	}
	if !strings.Contains(name, fi.T("country.NO")) || !strings.Contains(name, fi.T("country.SE")) {
		t.Errorf("calendar name %q should name the filter in Finnish", name)
	}
	rec = a.get(t, "/feeds/events.ics?lang=fi&category=conference", http.StatusOK)
	_, evs = parseFeed(t, rec.Body.String())
	if s := prop(evs[a.ev["Helsinki conference"].UID], ics.ComponentPropertySummary); s != "Ihmiskaupan uudet muodot Pohjoismaissa" {
		t.Errorf("Finnish summary %q", s)
	}
	for _, q := range []string{"lang=xx", "country=XX", "from=yesterday"} {
		a.get(t, "/feeds/events.ics?"+q, http.StatusBadRequest)
	}
}

func TestFeedHTTPCaching(t *testing.T) {
	a := newApp(t)
	first := a.get(t, "/feeds/events.ics", http.StatusOK)
	etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if etag == "" || lastMod == "" || first.Header().Get("Cache-Control") == "" {
		t.Fatalf("ETag %q Last-Modified %q Cache-Control %q", etag, lastMod, first.Header().Get("Cache-Control"))
	}
	second := a.get(t, "/feeds/events.ics", http.StatusOK)
	if second.Body.String() != first.Body.String() || second.Header().Get("ETag") != etag {
		t.Errorf("feed is not byte-stable between requests")
	}
	if rec := a.do(t, http.MethodGet, "/feeds/events.ics", "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := a.do(t, http.MethodGet, "/feeds/events.ics", "If-Modified-Since", lastMod); rec.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d", rec.Code)
	}
	if rec := a.do(t, http.MethodHead, "/feeds/events.ics"); rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
		t.Errorf("HEAD: %d, %d bytes, ETag %q", rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
	}
	gz := a.get(t, "/feeds/events.ics", http.StatusOK, "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag {
		t.Errorf("gzip: encoding %q, ETag %q must differ from identity %q", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"), etag)
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	if readAll(t, zr) != first.Body.String() {
		t.Errorf("gzip body differs")
	}

	// Rescheduling an event changes the feed and its ETag, and SEQUENCE rises.
	e, err := a.db.EventByID(context.Background(), a.ev["Helsinki conference"].ID)
	if err != nil {
		t.Fatal(err)
	}
	e.Start, e.End = e.Start.Add(24*60*60*1e9), e.End.Add(24*60*60*1e9)
	if err := a.cal.Edit(context.Background(), audit.CLI, &e); err != nil {
		t.Fatal(err)
	}
	if rec := a.do(t, http.MethodGet, "/feeds/events.ics", "If-None-Match", etag); rec.Code != http.StatusOK {
		t.Fatalf("after a change If-None-Match must miss, got %d", rec.Code)
	} else {
		_, evs := parseFeed(t, rec.Body.String())
		if s := prop(evs[e.UID], ics.ComponentPropertySequence); s != "1" {
			t.Errorf("SEQUENCE after reschedule = %q, want 1", s)
		}
	}
}

func TestEventICS(t *testing.T) {
	a := newApp(t)
	e := a.ev["Oslo seminar"]
	rec := a.get(t, fmt.Sprintf("/events/%d.ics?lang=no", e.ID), http.StatusOK)
	_, evs := parseFeed(t, rec.Body.String())
	if len(evs) != 1 || evs[e.UID] == nil {
		t.Fatalf("want exactly the one event, got %d", len(evs))
	}
	dt := evs[e.UID].GetProperty(ics.ComponentPropertyDtStart)
	if dt.Value != "20270112" || prop(evs[e.UID], ics.ComponentPropertyDtEnd) != "20270115" {
		t.Errorf("all-day DTSTART %q DTEND %q, want 20270112 and exclusive 20270115", dt.Value, prop(evs[e.UID], ics.ComponentPropertyDtEnd))
	}
	a.get(t, fmt.Sprintf("/events/%d.ics", a.ev["Pending submission"].ID), http.StatusNotFound)
	a.get(t, "/events/abc.ics", http.StatusNotFound)
	a.get(t, fmt.Sprintf("/events/%d", e.ID), http.StatusNotFound)
}

func TestAPIEvents(t *testing.T) {
	a := newApp(t)
	var list struct {
		Events []struct {
			ID        int64    `json:"id"`
			UID       string   `json:"uid"`
			Title     string   `json:"title"`
			TitleLang string   `json:"title_lang"`
			Status    string   `json:"status"`
			AllDay    bool     `json:"all_day"`
			StartDate string   `json:"start_date"`
			EndDate   string   `json:"end_date"`
			Topics    []string `json:"topics"`
			ICSURL    string   `json:"ics_url"`
		} `json:"events"`
		Total int `json:"total"`
	}
	rec := a.get(t, "/api/v1/events?lang=fi&per_page=2", http.StatusOK)
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if list.Total != 5 || len(list.Events) != 2 {
		t.Fatalf("total %d, page of %d; want 5 and 2", list.Total, len(list.Events))
	}
	if e := list.Events[0]; e.Title != "Ihmiskaupan uudet muodot Pohjoismaissa" || e.TitleLang != "fi" ||
		!slices.Equal(e.Topics, []string{"labour", "research"}) || !strings.HasSuffix(e.ICSURL, ".ics?lang=fi") {
		t.Errorf("first event %+v", e)
	}
	rec = a.get(t, "/api/v1/events?country=NO", http.StatusOK)
	list.Events = nil
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Events) != 1 || !list.Events[0].AllDay || list.Events[0].StartDate != "2027-01-12" || list.Events[0].EndDate != "2027-01-14" {
		t.Errorf("country=NO gave %+v", list.Events)
	}
	rec = a.get(t, "/api/v1/events?country=XX&lang=sv", http.StatusBadRequest)
	var apiErr struct {
		Error struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
			Fields  []struct {
				Field string `json:"field"`
			} `json:"fields"`
		} `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &apiErr); err != nil {
		t.Fatalf("error body is not JSON: %v", err)
	}
	if apiErr.Error.Status != 400 || len(apiErr.Error.Fields) != 1 || apiErr.Error.Fields[0].Field != "country" {
		t.Errorf("error %+v", apiErr)
	}
	a.get(t, "/api/v1/events?per_page=1000", http.StatusBadRequest)
	rec = a.get(t, "/api/v1/openapi.json", http.StatusOK)
	var spec map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &spec); err != nil || spec["paths"].(map[string]any)["/events"] == nil {
		t.Errorf("openapi document: %v", err)
	}
}

func TestSubscribeBuildsWorkingFeedURLs(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/sv/subscribe?country=NO&category=seminar&lang=da", http.StatusOK)
	httpsURL := doc.Find("#url-https").AttrOr("value", "")
	webcal := doc.Find("#url-webcal").AttrOr("value", "")
	if !strings.HasPrefix(httpsURL, "https://nordcal.example.org/feeds/events.ics?") || webcal != "webcal://"+strings.TrimPrefix(httpsURL, "https://") {
		t.Fatalf("https %q webcal %q", httpsURL, webcal)
	}
	u, _ := url.Parse(httpsURL)
	if q := u.Query(); q.Get("lang") != "da" || q.Get("country") != "NO" || q.Get("category") != "seminar" {
		t.Errorf("feed URL query %v", q)
	}
	if want := a.bundle.For(lang.SV).N("subscribe.feed_count", 1); !strings.Contains(doc.Find(".feed-urls p").First().Text(), want) {
		t.Errorf("the page must say the built feed holds exactly one event (%q)", want)
	}
	if n := doc.Find(".results h3").Length(); n != 4 {
		t.Errorf("%d client instructions, want Outlook, Google, Apple, Thunderbird", n)
	}
	rec := a.get(t, u.RequestURI(), http.StatusOK)
	_, evs := parseFeed(t, rec.Body.String())
	want := map[string]bool{a.ev["Oslo seminar"].UID: true}
	if len(evs) != len(want) || evs[a.ev["Oslo seminar"].UID] == nil {
		t.Errorf("built feed returned %d events, want exactly the Oslo seminar", len(evs))
	}
	_ = calendar.Seminar
}

// TestFeedConditionalRequests: the validators work as RFC 9110 says,
// whichever way clients send them.
func TestFeedConditionalRequests(t *testing.T) {
	a := newApp(t)
	first := a.get(t, "/feeds/events.ics", http.StatusOK)
	etag, lastMod, size := first.Header().Get("ETag"), first.Header().Get("Last-Modified"), first.Body.Len()
	if cl := first.Header().Get("Content-Length"); cl != strconv.Itoa(size) {
		t.Errorf("Content-Length %q for %d bytes", cl, size)
	}
	modified, err := http.ParseTime(lastMod)
	if err != nil {
		t.Fatal(err)
	}
	before, after := modified.Add(-time.Hour).Format(http.TimeFormat), modified.Add(time.Hour).Format(http.TimeFormat)
	for _, tc := range []struct {
		name string
		hdr  []string
		want int
	}{
		{"weak form of the ETag", []string{"If-None-Match", "W/" + etag}, http.StatusNotModified},
		{"ETag in a list", []string{"If-None-Match", `"other", ` + etag}, http.StatusNotModified},
		{"any", []string{"If-None-Match", "*"}, http.StatusNotModified},
		{"other ETag", []string{"If-None-Match", `"other"`}, http.StatusOK},
		{"other ETag wins over a later date", []string{"If-None-Match", `"other"`, "If-Modified-Since", after}, http.StatusOK},
		{"modified since an earlier date", []string{"If-Modified-Since", before}, http.StatusOK},
		{"not modified since a later date", []string{"If-Modified-Since", after}, http.StatusNotModified},
		{"unreadable date", []string{"If-Modified-Since", "yesterday"}, http.StatusOK},
		{"range", []string{"Range", "bytes=0-14"}, http.StatusPartialContent},
		{"If-Match with another ETag", []string{"If-Match", `"other"`}, http.StatusPreconditionFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := a.do(t, http.MethodGet, "/feeds/events.ics", tc.hdr...)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
			switch rec.Code {
			case http.StatusNotModified:
				if rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag || rec.Header().Get("Content-Type") != "" {
					t.Errorf("304 with %d bytes, ETag %q, Content-Type %q", rec.Body.Len(), rec.Header().Get("ETag"), rec.Header().Get("Content-Type"))
				}
			case http.StatusOK:
				if rec.Body.Len() != size {
					t.Errorf("%d bytes, want %d", rec.Body.Len(), size)
				}
			case http.StatusPartialContent:
				if rec.Body.String() != "BEGIN:VCALENDAR" {
					t.Errorf("range gave %q", rec.Body.String())
				}
			}
		})
	}
}
