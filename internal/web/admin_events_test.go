// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// adminRow is one row of the secretariat's event list as a reader sees it.
type adminRow struct {
	ID                      int64
	Title, TitleLang, State string
	When, Organisers, Clash string
}

func adminRows(doc *goquery.Document) []adminRow {
	var out []adminRow
	doc.Find("table.admin-events tbody tr").Each(func(_ int, tr *goquery.Selection) {
		a := tr.Find("th[scope=row] a")
		id, _ := strconv.ParseInt(strings.TrimPrefix(a.AttrOr("href", ""), "/admin/events/"), 10, 64)
		r := adminRow{ID: id, Title: strings.TrimSpace(a.Text()), TitleLang: a.AttrOr("lang", ""),
			State: strings.TrimSpace(tr.Find("td.state").Text()), When: strings.TrimSpace(tr.Find("td").First().Text()),
			Organisers: strings.TrimSpace(tr.Find("td").Eq(2).Text()), Clash: strings.TrimSpace(tr.Find("td.clash").Text())}
		for _, lv := range []string{"high", "medium", "low"} {
			if tr.Find("td.clash .level-badge").HasClass("level-" + lv) {
				r.Clash = lv
			}
		}
		out = append(out, r)
	})
	return out
}

func rowTitles(rows []adminRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Title
	}
	return out
}

// rowKeys names the rows by their keys in a.ev.
func (a adminEventsApp) rowKeys(rows []adminRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = "event " + strconv.FormatInt(r.ID, 10)
		for k, e := range a.ev {
			if e.ID == r.ID {
				out[i] = k
			}
		}
	}
	return out
}

// adminEventsApp is the test app with, besides the fixture events, an event
// in Copenhagen and submissions in every state a submission can end in.
type adminEventsApp struct {
	*app
	sec *browser
}

func newAdminEventsApp(t *testing.T) adminEventsApp {
	t.Helper()
	a, ts, _, _ := newAdminApp(t)
	ctx := context.Background()
	om := a.ev["Helsinki conference"].Organisers[0]
	kbh := calendar.Event{Status: calendar.Published, OriginalLang: lang.DA,
		Texts:  map[lang.Code]calendar.Text{lang.DA: {Title: "Menneskehandel i København", Description: "Nordisk møde."}},
		AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 2, Day: 3}, EndDate: calendar.Date{Year: 2027, Month: 2, Day: 3},
		Zone: "Europe/Copenhagen", City: "København", Country: "DK", Attendance: calendar.OnSite, Category: calendar.Training,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: om.ID}}}
	if err := a.cal.Create(ctx, &kbh); err != nil {
		t.Fatal(err)
	}
	a.ev["Menneskehandel i København"] = kbh
	actor := audit.Actor{Email: "admin@example.org"}
	for i, title := range []string{"Withdrawn by sender", "Duplicate of Oslo", "Declined by secretariat", "Submitted for review"} {
		day := calendar.Date{Year: 2027, Month: 5, Day: 3 + i}
		e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: title}},
			AllDay: true, StartDate: day, EndDate: day, Zone: "Europe/Oslo", City: "Bergen", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Organisers: []directory.Organisation{{ID: om.ID}}}
		rc, err := a.cal.Submit(ctx, &e, &calendar.Submission{Lang: lang.EN, SubmitterName: "Sender", SubmitterEmail: "sender@example.org"})
		if err != nil {
			t.Fatal(err)
		}
		m := calendar.Moderation{EventID: rc.Event.ID, Version: rc.Event.Version}
		switch i {
		case 0:
			err = a.cal.CancelByToken(ctx, rc.Token)
		case 1:
			m.MergeInto = a.ev["Oslo seminar"].ID
			err = a.cal.Merge(ctx, actor, m)
		case 2:
			m.Reason = "Not about trafficking."
			err = a.cal.Reject(ctx, actor, m)
		}
		if err != nil {
			t.Fatal(err)
		}
		a.ev[title], _ = a.cal.EventAny(ctx, rc.Event.ID)
	}
	sec := a.browser(t, ts)
	if res := sec.login("editor@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	return adminEventsApp{app: a, sec: sec}
}

// list opens the list with query and wants status.
func (a adminEventsApp) list(t *testing.T, query string, want int) *goquery.Document {
	t.Helper()
	a.sec.t = t
	res, doc := a.sec.get("/admin/events?" + query)
	if res.StatusCode != want {
		t.Fatalf("/admin/events?%s: %d, want %d", query, res.StatusCode, want)
	}
	return doc
}

func TestAdminEventsNeedsSignIn(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	res, _ := a.browser(t, ts).get("/admin/events?q=oslo")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther ||
		loc != "/admin/login?next="+url.QueryEscape("/admin/events?q=oslo") {
		t.Errorf("anonymous: %d → %q, want a redirect to sign-in that comes back", res.StatusCode, loc)
	}
}

func TestAdminEventsListsEveryEventInItsRealState(t *testing.T) {
	a := newAdminEventsApp(t)
	en := a.bundle.For(lang.EN)
	doc := a.list(t, "", http.StatusOK)
	want := map[string]calendar.Standing{
		"Helsinki conference": calendar.StandingPublished, "Cancelled webinar": calendar.StandingCancelled,
		"Save the date": calendar.StandingTentative, "Pending submission": calendar.StandingPending,
		"Withdrawn by sender": calendar.StandingWithdrawn, "Duplicate of Oslo": calendar.StandingDuplicate,
		"Declined by secretariat": calendar.StandingRejected, "Submitted for review": calendar.StandingPending,
	}
	rows := adminRows(doc)
	keys := a.rowKeys(rows)
	if len(rows) != len(a.ev) {
		t.Errorf("%d rows, want every one of the %d events: %q", len(rows), len(a.ev), keys)
	}
	for i, r := range rows {
		if st, ok := want[keys[i]]; ok && r.State != en.T("status."+string(st)) {
			t.Errorf("%s: state %q, want %q", keys[i], r.State, en.T("status."+string(st)))
		}
		if _, ok := a.ev[keys[i]]; !ok {
			t.Errorf("row %q links to event %d, not a stored one", r.Title, r.ID)
		}
	}
	for key := range want {
		if !slices.Contains(keys, key) {
			t.Errorf("%s is missing", key)
		}
	}
	if got := strings.TrimSpace(doc.Find(".result-count").Text()); got != en.N("admin.events.count", len(a.ev)) {
		t.Errorf("count %q", got)
	}
	if doc.Find("table.admin-events caption").Length() != 1 || doc.Find("table.admin-events thead th[scope=col]").Length() != 5 {
		t.Error("the table needs a caption and column headers")
	}
	for _, name := range []string{"q", "status", "organiser", "network", "country", "category", "from", "to", "sort"} {
		if doc.Find(fmt.Sprintf("form[method=get] label[for=f-%s]", name)).Length() != 1 || doc.Find("#f-"+name).Length() != 1 {
			t.Errorf("the form has no labelled control for %s", name)
		}
	}
	helsinki := rowByTitle(t, rows, "Helsinki conference")
	if !strings.Contains(helsinki.When, "Helsinki") || !strings.Contains(helsinki.Organisers, "Ministry of Justice, Finland") {
		t.Errorf("Helsinki row: when %q (needs its zone), organisers %q", helsinki.When, helsinki.Organisers)
	}
	for path, sel := range map[string]string{"/admin/": `main a[href="/admin/events"]`, "/admin/moderation": `.admin-nav a[href="/admin/events"]`} {
		if _, d := a.sec.get(path); d.Find(sel).Length() != 1 {
			t.Errorf("%s has no link %s", path, sel)
		}
	}
}

func rowByTitle(t *testing.T, rows []adminRow, title string) adminRow {
	t.Helper()
	for _, r := range rows {
		if r.Title == title {
			return r
		}
	}
	t.Fatalf("no row %q in %q", title, rowTitles(rows))
	return adminRow{}
}

func TestAdminEventsTitlesInTheViewersLanguage(t *testing.T) {
	a := newAdminEventsApp(t)
	rows := adminRows(a.list(t, "lang=fi&sort=start", http.StatusOK))
	byID := map[int64]adminRow{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	if r := byID[a.ev["Helsinki conference"].ID]; r.Title != "Ihmiskaupan uudet muodot Pohjoismaissa" || r.TitleLang != "fi" {
		t.Errorf("translated title: %q (%s)", r.Title, r.TitleLang)
	}
	if r := byID[a.ev["Oslo seminar"].ID]; r.Title != "Oslo seminar" || r.TitleLang != "en" {
		t.Errorf("fallback title: %q (%s), want the English title marked lang=en", r.Title, r.TitleLang)
	}
}

func TestAdminEventsSearchAndFilters(t *testing.T) {
	a := newAdminEventsApp(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"accent-free text finds accented", "q=kobenhavn", []string{"Menneskehandel i København"}},
		{"case and accents ignored", "q=K%C3%98BENHAVN+menneskehandel", []string{"Menneskehandel i København"}},
		{"text in another language", "q=ihmiskaupan", []string{"Helsinki conference"}},
		{"venue", "q=paasitorni", []string{"Helsinki conference", "Swedish only", "Save the date", "Pending submission"}},
		{"withdrawn", "status=withdrawn", []string{"Withdrawn by sender"}},
		{"duplicate", "status=duplicate", []string{"Duplicate of Oslo"}},
		{"declined only", "status=rejected", []string{"Declined by secretariat"}},
		{"pending", "status=pending", []string{"Pending submission", "Submitted for review"}},
		{"several statuses", "status=cancelled,tentative", []string{"Cancelled webinar", "Save the date"}},
		{"repeated status", "status=withdrawn&status=duplicate", []string{"Withdrawn by sender", "Duplicate of Oslo"}},
		{"organiser", "organiser=jd-no", []string{"Oslo seminar"}},
		{"network", "network=nordic-coordinators", []string{"Oslo seminar"}},
		{"country", "country=SE", []string{"Swedish only"}},
		{"category", "category=training", []string{"Menneskehandel i København"}},
		{"date range", "from=2027-05-01&to=2027-05-31", []string{"Withdrawn by sender", "Duplicate of Oslo", "Declined by secretariat", "Submitted for review"}},
		{"filters combine", "from=2027-05-01&status=pending&q=review", []string{"Submitted for review"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.rowKeys(adminRows(a.list(t, tt.query, http.StatusOK)))
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("?%s: %q, want %q", tt.query, got, want)
			}
		})
	}
	t.Run("the form shows the filters used", func(t *testing.T) {
		doc := a.list(t, "q=kobenhavn&status=withdrawn,duplicate&organiser=om-fi&sort=title&from=2026-01-01", http.StatusOK)
		if v := doc.Find("#f-q").AttrOr("value", ""); v != "kobenhavn" {
			t.Errorf("search field %q", v)
		}
		if got := texts(doc, "#f-status option[selected]"); len(got) != 2 || doc.Find("#f-status[multiple]").Length() != 1 {
			t.Errorf("status options selected: %q", got)
		}
		if v := doc.Find("#f-organiser option[selected]").AttrOr("value", ""); v != "om-fi" {
			t.Errorf("organiser selected %q", v)
		}
		if v := doc.Find("#f-sort option[selected]").AttrOr("value", ""); v != "title" {
			t.Errorf("sort selected %q", v)
		}
		if v := doc.Find("#f-from").AttrOr("value", ""); v != "2026-01-01" {
			t.Errorf("from %q", v)
		}
	})
	t.Run("nothing found says so", func(t *testing.T) {
		doc := a.list(t, "q=nowhere+to+be+found", http.StatusOK)
		if doc.Find("table.admin-events").Length() != 0 || strings.TrimSpace(doc.Find("p.empty").Text()) != a.bundle.For(lang.EN).T("admin.events.none") {
			t.Errorf("empty result: table %d, message %q", doc.Find("table.admin-events").Length(), doc.Find("p.empty").Text())
		}
	})
}

func TestAdminEventsSorting(t *testing.T) {
	a := newAdminEventsApp(t)
	ctx := context.Background()
	// The oldest event, changed last.
	e := a.ev["Helsinki conference"]
	e.Venue = "Säätytalo"
	// The web tests' clock stands still; this change is made an hour later.
	later := calendar.NewService(a.db, a.db, "test.example.org", func() time.Time { return now.Add(time.Hour) })
	if err := later.Edit(ctx, audit.CLI, &e); err != nil {
		t.Fatal(err)
	}
	byStart := func(desc bool) func(x, y adminRow) int {
		return func(x, y adminRow) int {
			ex, _ := a.cal.EventAny(ctx, x.ID)
			ey, _ := a.cal.EventAny(ctx, y.ID)
			if desc {
				ex, ey = ey, ex
			}
			return ex.Start.Compare(ey.Start)
		}
	}
	t.Run("start", func(t *testing.T) {
		rows := adminRows(a.list(t, "sort=start", http.StatusOK))
		if !slices.IsSortedFunc(rows, byStart(false)) || rows[0].Title != "Helsinki conference" {
			t.Errorf("not earliest first: %q", rowTitles(rows))
		}
	})
	t.Run("start_desc", func(t *testing.T) {
		rows := adminRows(a.list(t, "sort=start_desc", http.StatusOK))
		if !slices.IsSortedFunc(rows, byStart(true)) || rows[len(rows)-1].Title != "Helsinki conference" {
			t.Errorf("not latest first: %q", rowTitles(rows))
		}
	})
	t.Run("changed, the default", func(t *testing.T) {
		for _, q := range []string{"", "sort=changed"} {
			rows := adminRows(a.list(t, q, http.StatusOK))
			if rows[0].Title != "Helsinki conference" || rows[1].Title != "Submitted for review" {
				t.Errorf("?%s: last changed not first: %q", q, rowTitles(rows))
			}
		}
	})
	t.Run("title", func(t *testing.T) {
		rows := adminRows(a.list(t, "sort=title", http.StatusOK))
		got := rowTitles(rows)
		if !slices.IsSortedFunc(got, func(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) }) {
			t.Errorf("not by title: %q", got)
		}
	})
}

func TestAdminEventsPaginationKeepsFilters(t *testing.T) {
	a := newAdminEventsApp(t)
	ctx := context.Background()
	om := a.ev["Helsinki conference"].Organisers[0]
	for i := range 60 {
		start := time.Date(2027, 6, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 24 * time.Hour)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Online briefing %02d", i)}},
			Start: start, End: start.Add(time.Hour), Zone: "Europe/Helsinki", Attendance: calendar.Online,
			OnlineURL: "https://meet.example.org/x", Category: calendar.Seminar, Audience: calendar.Open,
			Organisers: []directory.Organisation{{ID: om.ID}}}
		if err := a.cal.Create(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	doc := a.list(t, "q=briefing&category=seminar&sort=start", http.StatusOK)
	rows := adminRows(doc)
	if len(rows) != 50 || rows[0].Title != "Online briefing 00" || rows[49].Title != "Online briefing 49" {
		t.Fatalf("page 1: %d rows %q…", len(rows), rowTitles(rows)[:min(3, len(rows))])
	}
	if got := strings.TrimSpace(doc.Find(".result-count").Text()); got != a.bundle.For(lang.EN).N("admin.events.count", 60) {
		t.Errorf("count %q", got)
	}
	if cur := doc.Find(".pager a[aria-current=page]").Text(); cur != "1" {
		t.Errorf("current page %q", cur)
	}
	next, ok := doc.Find(".pager a[rel=next]").Attr("href")
	if !ok {
		t.Fatal("no link to page 2")
	}
	u, _ := url.Parse(next)
	if q := u.Query(); u.Path != "/admin/events" || q.Get("page") != "2" || q.Get("q") != "briefing" || q.Get("category") != "seminar" || q.Get("sort") != "start" {
		t.Errorf("next page %q loses the filters", next)
	}
	if numbered := doc.Find(`.pager .page-links a[href="` + next + `"]`).Text(); numbered != "2" {
		t.Errorf("numbered link to page 2: %q", numbered)
	}
	a.sec.t = t
	_, doc = a.sec.get(next)
	rows = adminRows(doc)
	if len(rows) != 10 || rows[0].Title != "Online briefing 50" || rows[9].Title != "Online briefing 59" {
		t.Errorf("page 2: %q", rowTitles(rows))
	}
	if doc.Find(".pager a[rel=next]").Length() != 0 || doc.Find(".pager a[rel=prev]").Length() != 1 {
		t.Error("the last page links back, not on")
	}
	if c := doc.Find("table.admin-events caption").Text(); c != a.bundle.For(lang.EN).T("admin.events.caption", "First", 51, "Last", 60, "Total", 60) {
		t.Errorf("caption %q", c)
	}
}

func TestAdminEventsBadParametersAreExplained(t *testing.T) {
	a := newAdminEventsApp(t)
	en := a.bundle.For(lang.EN)
	tests := []struct{ query, field, msg string }{
		{"page=-3", "page", "filter.bad_page"},
		{"page=abc", "page", "filter.bad_page"},
		{"page=99", "page", "filter.bad_page"},
		{"status=lost", "status", "filter.unknown_value"},
		{"sort=random", "sort", "filter.unknown_value"},
		{"from=2026-13-01", "from", "filter.bad_date"},
		{"from=2027-02-01&to=2027-01-01", "to", "filter.to_before_from"},
		{"country=XX", "country", "filter.unknown_value"},
		{"organiser=no-such-org", "organiser", "filter.unknown_value"},
		{"q=" + strings.Repeat("x", 201), "q", "filter.query_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 30)], func(t *testing.T) {
			doc := a.list(t, tt.query+"&category=seminar", http.StatusBadRequest)
			want := en.T("field."+tt.field) + ": " + en.T(tt.msg)
			if got := texts(doc, ".error-summary li"); !slices.Contains(got, want) {
				t.Errorf("messages %q, want %q", got, want)
			}
			if doc.Find("table.admin-events").Length() != 0 {
				t.Error("a bad query shows no results")
			}
			if v := doc.Find("#f-category option[selected]").AttrOr("value", ""); v != "seminar" {
				t.Errorf("the good filters stay in the form: category %q", v)
			}
		})
	}
	t.Run("every problem at once", func(t *testing.T) {
		doc := a.list(t, "page=-3&status=lost&from=soon", http.StatusBadRequest)
		if got := texts(doc, ".error-summary li"); len(got) != 3 {
			t.Errorf("messages %q", got)
		}
		if href := doc.Find(".error-summary li a").First().AttrOr("href", ""); href != "#f-status" {
			t.Errorf("the first message links to %q, want the status control", href)
		}
	})
}

// TestAdminEventsClashLevelIsTheEventsOwn checks the level each row shows
// against the clash check of the event's own page, in an order that puts
// events from many weeks on one page.
func TestAdminEventsClashLevelIsTheEventsOwn(t *testing.T) {
	a := newAdminEventsApp(t)
	ctx := context.Background()
	// A clash with the Oslo seminar: the same network, the same days.
	clash := a.ev["Oslo seminar"]
	clash.ID, clash.UID, clash.Texts = 0, "", map[lang.Code]calendar.Text{lang.EN: {Title: "Network meeting in Oslo"}}
	if err := a.cal.Create(ctx, &clash); err != nil {
		t.Fatal(err)
	}
	en := a.bundle.For(lang.EN)
	seen := map[string]bool{}
	for _, q := range []string{"sort=title", "sort=start", "status=pending"} {
		for _, r := range adminRows(a.list(t, q, http.StatusOK)) {
			e, err := a.cal.EventAny(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(calendar.ClashStatuses, e.Status) {
				if r.Clash != en.T("admin.events.clash_na") {
					t.Errorf("%s (%s): clash %q, want no check", r.Title, e.Status, r.Clash)
				}
				continue
			}
			rep, err := a.cal.Clashes(ctx, e)
			if err != nil {
				t.Fatal(err)
			}
			want := en.T("clash.none_short")
			if rep.Worst() > 0 {
				want = rep.Worst().String()
			}
			if r.Clash != want {
				t.Errorf("?%s: %s shows %q, its own page %q", q, r.Title, r.Clash, want)
			}
			seen[want] = true
		}
	}
	if !seen["high"] || !seen[en.T("clash.none_short")] {
		t.Errorf("the fixture must hold serious clashes and clear events, saw %v", seen)
	}
}
