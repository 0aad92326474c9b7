// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
)

func TestFeedLastModifiedMovesWhenAnEventLeaves(t *testing.T) {
	a := newApp(t)
	first := a.get(t, "/feeds/events.ics?country=NO", http.StatusOK)
	lastMod := first.Header().Get("Last-Modified")
	time.Sleep(1100 * time.Millisecond) // Last-Modified has one-second resolution
	e, err := a.db.EventByID(context.Background(), a.ev["Oslo seminar"].ID)
	if err != nil {
		t.Fatal(err)
	}
	// No transition takes a published event out of feeds; the store is
	// told to, as a moderation mistake undone by hand would.
	e.Status, e.UpdatedAt = calendar.Rejected, time.Now()
	if err := a.db.SaveEvents(context.Background(), calendar.EventChange{Event: &e,
		Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventUpdate, RecordType: "event", RecordID: e.ID}}); err != nil {
		t.Fatal(err)
	}
	rec := a.do(t, http.MethodGet, "/feeds/events.ics?country=NO", "If-Modified-Since", lastMod)
	if rec.Code != http.StatusOK {
		t.Fatalf("after the only event left the feed, If-Modified-Since got %d, want 200", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
		t.Errorf("the rejected event is still in the feed")
	}
}

func TestLanguageChoiceIsRemembered(t *testing.T) {
	a := newApp(t)
	rec := a.get(t, "/fi/events", http.StatusOK, "Accept-Language", "en")
	cookie := rec.Header().Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "lang=fi") {
		t.Fatalf("Set-Cookie %q, want lang=fi", cookie)
	}
	rec = a.get(t, "/", http.StatusFound, "Accept-Language", "en", "Cookie", "lang=fi")
	if loc := rec.Header().Get("Location"); loc != "/fi/" {
		t.Errorf("/ with the remembered choice → %q", loc)
	}
	if rec := a.get(t, "/fi/events", http.StatusOK, "Cookie", "lang=fi"); rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("the cookie is rewritten on every request")
	}
}

func TestNorwegianAliasesInFeedAPIAndSubscribe(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/feeds/events.ics?lang=nb", "/api/v1/events?lang=nb-NO",
		fmt.Sprintf("/events/%d.ics?lang=nn", a.ev["Oslo seminar"].ID), "/fi/subscribe?lang=nb"} {
		a.get(t, p, http.StatusOK)
	}
	doc := a.page(t, "/fi/subscribe?lang=nb", http.StatusOK)
	if v := doc.Find("#url-https").AttrOr("value", ""); !strings.Contains(v, "lang=no") {
		t.Errorf("the built feed URL must use the canonical code: %q", v)
	}
}

func TestHeadOnPagesAndHealth(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/", "/healthz", "/en/", "/fi/events", "/sv/calendar", "/da/year/2027", "/no/subscribe"} {
		if rec := a.do(t, http.MethodHead, p); rec.Code != http.StatusOK && rec.Code != http.StatusFound {
			t.Errorf("HEAD %s: %d", p, rec.Code)
		}
	}
}

func TestListClassesUseStatusCodes(t *testing.T) {
	a := newApp(t)
	doc := a.page(t, "/fi/events", http.StatusOK)
	if doc.Find("li.event-item.status-cancelled").Length() != 1 || doc.Find("li.event-item.status-tentative").Length() != 1 {
		t.Errorf("status classes must be codes, not translated labels")
	}
}

func TestMonthNavigationStaysInRange(t *testing.T) {
	a := newApp(t)
	if a.page(t, "/en/calendar/2000/01", http.StatusOK).Find("a[rel=prev]").Length() != 0 {
		t.Errorf("January 2000 must not link to December 1999")
	}
	if a.page(t, "/en/calendar/2100/12", http.StatusOK).Find("a[rel=next]").Length() != 0 {
		t.Errorf("December 2100 must not link to January 2101")
	}
}
