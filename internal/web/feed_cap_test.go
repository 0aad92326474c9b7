// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// TestFullFeedNeverDropsUpcomingEvents stores 10,000 public events, 6,000
// past and 4,000 upcoming, more than one feed holds (MaxFeedEvents): the
// feed keeps every upcoming event and fills up with the most recent past
// ones, and says so in the feed and on the subscribe page.
func TestFullFeedNeverDropsUpcomingEvents(t *testing.T) {
	const past, upcoming = 6000, 4000
	a := newAppOn(t, storetest.Open(t))
	orgs, err := directory.NewService(a.db).Organisations(context.Background())
	if err != nil || len(orgs) == 0 {
		t.Fatal("no organisations", err)
	}
	// The fixture's own events are a handful around now; they count too.
	before, err := a.cal.FeedCount(context.Background(), calendar.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	uid := func(kind string, i int) string { return fmt.Sprintf("%s-%d@cap.example.org", kind, i) }
	add := func(kind string, i int, start time.Time) {
		e := calendar.Event{UID: uid(kind, i), Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("%s %d", kind, i)}},
			Start: start, End: start.Add(30 * time.Minute), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Organisers: []directory.Organisation{orgs[i%len(orgs)]}}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	for i := range past { // hour by hour back from now: i = 0 is the most recent
		add("past", i, now.Add(-time.Duration(i+1)*time.Hour))
	}
	for i := range upcoming {
		add("upcoming", i, now.Add(time.Duration(i+1)*time.Hour))
	}

	body := a.get(t, "/feeds/events.ics?lang=en", http.StatusOK).Body.String()
	cal, evs := parseFeed(t, body)
	if len(evs) != calendar.MaxFeedEvents {
		t.Fatalf("the feed holds %d events, want the cap %d", len(evs), calendar.MaxFeedEvents)
	}
	for i := range upcoming {
		if evs[uid("upcoming", i)] == nil {
			t.Fatalf("upcoming event %d is missing from the feed", i)
		}
	}
	kept := 0
	for i := range past {
		if evs[uid("past", i)] != nil {
			kept++
			if i >= calendar.MaxFeedEvents {
				t.Fatalf("past event %d is kept although more recent ones fill the feed", i)
			}
		}
	}
	if kept == 0 || kept > calendar.MaxFeedEvents-upcoming {
		t.Errorf("%d past events kept, want the most recent ones up to the cap", kept)
	}
	total := before + past + upcoming
	desc := ""
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyXWRCalDesc) {
			desc = p.Value
		}
	}
	en := a.bundle.For(lang.EN)
	if want := en.Number(total); !strings.Contains(desc, want) || !strings.Contains(desc, en.Number(calendar.MaxFeedEvents)) {
		t.Errorf("X-WR-CALDESC must say the feed holds %d of %s events: %q", calendar.MaxFeedEvents, want, desc)
	}
	doc := a.page(t, "/en/subscribe", http.StatusOK)
	if want := en.T("subscribe.feed_capped", "Max", en.Number(calendar.MaxFeedEvents), "Total", en.Number(total)); !strings.Contains(doc.Find("main").Text(), want) {
		t.Errorf("the subscribe page must say the feed is capped: want %q", want)
	}
	// A filtered feed under the cap holds everything and says nothing.
	body = a.get(t, "/feeds/events.ics?lang=en&category=conference", http.StatusOK).Body.String()
	if strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), "most recent past") {
		t.Errorf("a feed under the cap must not say it is capped: %.600s", body)
	}
}
