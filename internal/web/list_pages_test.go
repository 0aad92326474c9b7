// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// listPageOf is what one page of the public list shows.
type listPageOf struct {
	titles     []string
	prev, next string
	count      string
}

func readListPage(t *testing.T, a *app, target string) listPageOf {
	t.Helper()
	doc := a.page(t, target, http.StatusOK)
	var p listPageOf
	doc.Find(".event-list .event-title").Each(func(_ int, s *goquery.Selection) {
		p.titles = append(p.titles, strings.TrimSpace(s.Text()))
	})
	p.prev, _ = doc.Find(`nav.pager a[rel="prev"]`).Attr("href")
	p.next, _ = doc.Find(`nav.pager a[rel="next"]`).Attr("href")
	p.count = strings.TrimSpace(doc.Find(".result-count").Text())
	return p
}

// TestListPagesKeyset walks the public list forwards and backwards over
// 133 upcoming events, three to each start time: every event once, in
// start order, 50 to a page, no link past either end.
func TestListPagesKeyset(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	orgs, err := directory.NewService(a.db).Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type ev struct {
		title string
		start time.Time
		id    int64
	}
	var want []ev
	// The fixture's upcoming public events are listed too.
	for _, e := range a.ev {
		if e.IsPublic() && e.End.After(now) {
			want = append(want, ev{firstTitle(e), e.Start, e.ID})
		}
	}
	for i := range 133 {
		start := now.Add(time.Duration(i/3+1) * 24 * time.Hour)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Paged event %03d", i)}},
			Start: start, End: start.Add(time.Hour), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Organisers: []directory.Organisation{orgs[0]}}
		if i%2 == 0 {
			e.Category = calendar.Conference
		}
		if err := a.cal.Create(ctx, &e); err != nil {
			t.Fatal(err)
		}
		want = append(want, ev{e.Texts[lang.EN].Title, e.Start, e.ID})
	}
	past := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Over already"}},
		Start: now.Add(-48 * time.Hour), End: now.Add(-47 * time.Hour), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
		Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open, Organisers: []directory.Organisation{orgs[0]}}
	if err := a.cal.Create(ctx, &past); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(x, y ev) int {
		if c := x.start.Compare(y.start); c != 0 {
			return c
		}
		return int(x.id - y.id)
	})
	wantTitles := make([]string, len(want))
	for i, w := range want {
		wantTitles[i] = w.title
	}

	var pages []listPageOf
	u := "/en/events"
	for u != "" {
		p := readListPage(t, a, u)
		if len(p.titles) == 0 || len(p.titles) > 50 {
			t.Fatalf("%s: %d events on a page", u, len(p.titles))
		}
		if (len(pages) == 0) != (p.prev == "") {
			t.Errorf("%s: previous link %q on page %d", u, p.prev, len(pages)+1)
		}
		if want := a.bundle.For(lang.EN).N("events.count", len(want)); p.count != want {
			t.Errorf("%s: count %q, want %q", u, p.count, want)
		}
		pages = append(pages, p)
		u = p.next
		if len(pages) > 10 {
			t.Fatal("the next links do not end")
		}
	}
	var got []string
	for _, p := range pages {
		got = append(got, p.titles...)
	}
	if !slices.Equal(got, wantTitles) {
		t.Fatalf("walking forwards listed\n%v\nwant\n%v", got, wantTitles)
	}
	if len(pages) != 3 || len(pages[2].titles) != len(want)-100 {
		t.Errorf("%d pages, the last with %d events; want 3, the last with %d", len(pages), len(pages[len(pages)-1].titles), len(want)-100)
	}

	// Back from the last page: the same pages, and the first one has no
	// previous link.
	u = pages[len(pages)-1].prev
	for i := len(pages) - 2; i >= 0; i-- {
		p := readListPage(t, a, u)
		if !slices.Equal(p.titles, pages[i].titles) {
			t.Errorf("page %d read backwards: %v, want %v", i+1, p.titles, pages[i].titles)
		}
		if (i == 0) != (p.prev == "") || p.next == "" {
			t.Errorf("page %d read backwards: prev %q next %q", i+1, p.prev, p.next)
		}
		u = p.prev
	}

	t.Run("filters stay in the page links", func(t *testing.T) {
		var got []string
		u := "/en/events?category=conference"
		for u != "" {
			p := readListPage(t, a, u)
			if p.next != "" && !strings.Contains(p.next, "category=conference") {
				t.Errorf("next link %q lost the filter", p.next)
			}
			got = append(got, p.titles...)
			u = p.next
		}
		if len(got) != 67+1 { // 67 paged conferences and the fixture's Helsinki conference
			t.Errorf("%d conferences listed: %v", len(got), got)
		}
	})
}

func firstTitle(e calendar.Event) string {
	title, _ := e.Title(lang.EN)
	return title
}

// TestListPagesCountCap: above the cap the list and the home page say
// "more than", and a
// cursor that is not an event ID is a 400 with the field named.
func TestListPagesCountCap(t *testing.T) {
	a := newApp(t)
	fillFast(t, a, 2300) // a year from half a year ago: about 1,160 upcoming, over the cap
	p := readListPage(t, a, "/en/events")
	l := a.bundle.For(lang.EN)
	if want := l.T("events.count_over", "Count", l.Number(calendar.BrowseCountCap)); p.count != want {
		t.Errorf("count %q, want %q", p.count, want)
	}
	if p.next == "" || len(p.titles) != 50 {
		t.Errorf("first page: %d events, next %q", len(p.titles), p.next)
	}
	home := a.page(t, "/en/", http.StatusOK)
	if want := l.T("home.all_upcoming_over", "Count", l.Number(calendar.BrowseCountCap)); !strings.Contains(home.Text(), want) {
		t.Errorf("the home page does not say %q", want)
	}
	for _, q := range []string{"after=abc", "after=0", "before=-4", "after=99999999", "after=1&before=2"} {
		a.get(t, "/en/events?"+q, http.StatusBadRequest)
	}
}
