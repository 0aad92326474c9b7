// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// checked is the day the clash tests ask about, far from the fixture's events.
var checked = calendar.Date{Year: 2027, Month: 6, Day: 15}

// wholeDays returns a stored-ready whole-day conference from first to last
// (days relative to checked).
func wholeDays(title string, first, last int, org int64) calendar.Event {
	loc, _ := time.LoadLocation("Europe/Oslo")
	a, b := checked.AddDays(first), checked.AddDays(last)
	return calendar.Event{Status: calendar.Published, OriginalLang: lang.EN, UID: title + "@test.example.org",
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: title}}, AllDay: true, StartDate: a, EndDate: b,
		Start: a.In(loc).UTC(), End: b.AddDays(1).In(loc).UTC(), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
		Attendance: calendar.OnSite, Category: calendar.Conference, Audience: calendar.Open,
		Organisers: []directory.Organisation{{ID: org}}}
}

// span is the first and last day of an event.
type span [2]calendar.Date

func spanOf(e calendar.Event) span {
	first, last := e.Days()
	return span{first, last}
}

// clashFacets returns what ClashFacets finds for checked: the IDs from the
// full query and the spans from the light one of the free-date search
// (same category, leaving exclude out).
func clashFacets(t *testing.T, db *store.DB, exclude int64) (ids []int64, spans []span) {
	t.Helper()
	ctx := context.Background()
	q := calendar.FacetQuery{First: checked, Last: checked, Statuses: calendar.ClashStatuses}
	fs, err := db.ClashFacets(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	q.Category, q.Exclude = calendar.Conference, exclude
	if fs, err = db.ClashFacets(ctx, q); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.ID != 0 || f.Category != calendar.Conference {
			t.Errorf("span %+v: want category %s and no ID", f, calendar.Conference)
		}
		spans = append(spans, span{f.FirstDay, f.LastDay})
	}
	return ids, spans
}

// TestClashFacetsLookBack checks the edges of the two look-backs: a short
// event (at most a week from first to last day) is found from the one-week
// range, a long one from the range that reaches back as far as an event may
// last.
func TestClashFacetsLookBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tests := []struct {
		name        string
		first, last int // days from the checked day
		found       bool
	}{
		{"long event: 40 days, began 35 days before", -35, 4, true},
		{"long event that ends on the day", -45, 0, true},
		{"longest event (60 days) that ends on the day", -59, 0, true},
		{"first long span (8 days) that ends on the day", -8, 0, true},
		{"short event just inside the look-back: began 7 days before", -7, 0, true},
		{"short event that began 7 days before and goes on", -7, 3, true},
		{"one-day event on the day", 0, 0, true},
		{"short event that ended the day before", -8, -1, false},
		{"long event that ended the day before", -40, -1, false},
		{"event the day after", 1, 1, false},
	}
	evs := make([]calendar.Event, len(tests))
	for i, tt := range tests {
		evs[i] = wholeDays(tt.name, tt.first, tt.last, f.om.ID)
		if err := f.db.SaveEvents(ctx, calendar.EventChange{Event: &evs[i], Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventCreate, RecordType: "event"}}); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
	}
	// A second event on the days of the first: one span, two events.
	twin := wholeDays("twin", tests[0].first, tests[0].last, f.om.ID)
	if err := f.db.SaveEvents(ctx, calendar.EventChange{Event: &twin, Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventCreate, RecordType: "event"}}); err != nil {
		t.Fatal(err)
	}
	ids, spans := clashFacets(t, f.db, 0)
	for i, tt := range tests {
		if slices.Contains(ids, evs[i].ID) != tt.found {
			t.Errorf("full query: %s: found %v, want %v", tt.name, !tt.found, tt.found)
		}
		want := 0
		if tt.found {
			want = 1
		}
		if n := count(spans, spanOf(evs[i])); n != want {
			t.Errorf("same-category query: %s: its span found %d times, want %d", tt.name, n, want)
		}
	}
	if !slices.Contains(ids, twin.ID) {
		t.Error("full query: the twin is not found")
	}
	t.Run("the candidate itself takes no days", func(t *testing.T) {
		if _, spans := clashFacets(t, f.db, evs[1].ID); slices.Contains(spans, spanOf(evs[1])) {
			t.Errorf("span of event %d found though excluded", evs[1].ID)
		}
		if _, spans := clashFacets(t, f.db, evs[0].ID); !slices.Contains(spans, spanOf(evs[0])) {
			t.Error("excluding one of two events on the same days frees them")
		}
	})
}

func count[T comparable](s []T, v T) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// TestEveryEventWriteKeepsTheSpan changes an event between short and long
// through every store method that writes events (the service's create,
// update, submission, moderation, manage-link edit, merge and import all
// end in one of them) and checks that the clash check follows.
func TestEveryEventWriteKeepsTheSpan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	entry := func(id int64) audit.Entry {
		return audit.Entry{Actor: audit.CLI, Action: calendar.EventUpdate, RecordType: "event", RecordID: id}
	}
	long := func(title string) calendar.Event { return wholeDays(title, -35, 4, f.om.ID) }
	short := func(title string) calendar.Event { return wholeDays(title, -3, -1, f.om.ID) }
	found := func(t *testing.T, id int64) bool {
		t.Helper()
		e, err := f.db.EventByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ids, spans := clashFacets(t, f.db, 0)
		if slices.Contains(ids, id) != slices.Contains(spans, spanOf(e)) {
			t.Fatalf("full query %v and same-category query %v disagree on %d", ids, spans, id)
		}
		return slices.Contains(ids, id)
	}
	paths := []struct {
		name   string
		create func(e *calendar.Event) error
		update func(e *calendar.Event) error
	}{
		{"SaveEvents", func(e *calendar.Event) error {
			return f.db.SaveEvents(ctx, calendar.EventChange{Event: e, Audit: entry(0)})
		}, func(e *calendar.Event) error {
			return f.db.SaveEvents(ctx, calendar.EventChange{Event: e, Audit: entry(e.ID)})
		}},
	}
	for i, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			e := long(fmt.Sprintf("long-%d", i))
			if err := p.create(&e); err != nil {
				t.Fatal(err)
			}
			if !found(t, e.ID) {
				t.Fatal("a long event created long is not found")
			}
			s := short(fmt.Sprintf("short-%d", i))
			if err := p.create(&s); err != nil {
				t.Fatal(err)
			}
			if found(t, s.ID) {
				t.Fatal("a short event that ended the day before is found")
			}
			// The short one becomes long, the long one short.
			for _, c := range []struct {
				e    *calendar.Event
				to   calendar.Event
				want bool
			}{{&s, long("became long"), true}, {&e, short("became short"), false}} {
				stored, err := f.db.EventByID(ctx, c.e.ID)
				if err != nil {
					t.Fatal(err)
				}
				next := c.to
				next.ID, next.UID, next.Version, next.CreatedAt = stored.ID, stored.UID, stored.Version, stored.CreatedAt
				if err := p.update(&next); err != nil {
					t.Fatal(err)
				}
				if got := found(t, next.ID); got != c.want {
					t.Errorf("event %d after update: found %v, want %v", next.ID, got, c.want)
				}
			}
		})
	}
}

// TestMigrationBackfillsSpan stores events as the release before migration
// 00007 did, migrates, and checks the spans the migration computed.
func TestMigrationBackfillsSpan(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.MigrateTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		uid         string
		first, last int // days from the checked day
		span        int
		found       bool
	}{
		{"long", -35, 4, 39, true},
		{"short-inside", -7, 0, 7, true},
		{"one-day", 0, 0, 0, true},
		{"short-before", -8, -1, 7, false},
		{"long-across-new-year", -200, -160, 40, false},
	}
	for _, r := range rows {
		first, last := checked.AddDays(r.first), checked.AddDays(r.last)
		if _, err := sqlDB.ExecContext(ctx, fmt.Sprintf(`INSERT INTO events (uid, status, original_lang, all_day, start_at, end_at,
			start_day, end_day, zone, attendance, category, audience, created_at, updated_at)
			VALUES ('%s', 'published', 'en', TRUE, '%s 00:00:00+00:00', '%s 00:00:00+00:00', '%s', '%s', 'UTC', 'on-site',
			'conference', 'open', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
			r.uid, first, last.AddDays(1), first, last)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	res, err := sqlDB.QueryContext(ctx, "SELECT uid, span_days FROM events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	for res.Next() {
		var uid string
		var span int
		if err := res.Scan(&uid, &span); err != nil {
			t.Fatal(err)
		}
		got[uid] = span
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	full, _ := clashFacets(t, db, 0)
	for _, r := range rows {
		if got[r.uid] != r.span {
			t.Errorf("%s: span_days %d, want %d", r.uid, got[r.uid], r.span)
		}
		e, err := db.EventByUID(ctx, r.uid)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(full, e.ID) != r.found {
			t.Errorf("%s: found %v, want %v", r.uid, !r.found, r.found)
		}
	}
}

// TestEventSummaries checks what the clash list names and dates events by.
func TestEventSummaries(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	helsinki, oslo, pending := f.byTitle["Helsinki meeting"], f.byTitle["Oslo conference"], f.byTitle["Pending submission"]
	got, err := f.db.EventSummaries(ctx, []int64{helsinki.ID, oslo.ID, pending.ID, 999999})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]calendar.Event{}
	for _, e := range got {
		byID[e.ID] = e
	}
	if len(got) != 3 || len(byID) != 3 {
		t.Fatalf("got %d events %v, want the three stored ones", len(got), titles(got))
	}
	for _, want := range []calendar.Event{helsinki, oslo, pending} {
		e := byID[want.ID]
		for _, l := range []lang.Code{lang.EN, lang.FI, lang.SV} {
			gt, gl := e.Title(l)
			wt, wl := want.Title(l)
			if gt != wt || gl != wl {
				t.Errorf("event %d title in %s: %q (%s), want %q (%s)", want.ID, l, gt, gl, wt, wl)
			}
		}
		if e.Status != want.Status || e.AllDay != want.AllDay || !e.Start.Equal(want.Start) || !e.End.Equal(want.End) ||
			e.Zone != want.Zone || e.OriginalLang != want.OriginalLang {
			t.Errorf("event %d: %+v, want %+v", want.ID, e, want)
		}
		gf, gl := e.Days()
		wf, wl := want.Days()
		if gf != wf || gl != wl {
			t.Errorf("event %d days %v–%v, want %v–%v", want.ID, gf, gl, wf, wl)
		}
	}
	if d, _ := byID[helsinki.ID].Description(lang.FI); d != "" {
		t.Errorf("description %q loaded; summaries leave it out", d)
	}
}

// TestClashFacetsCarryTheCityKey: the store folds each event's city once,
// as it reads the facets, so that the clash rules only compare keys.
func TestClashFacetsCarryTheCityKey(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cities := map[int64]string{}
	for _, city := range []string{"Copenhagen", " Kööpenhamina", "Bergen", ""} {
		e := wholeDays("in "+city, 0, 0, f.om.ID)
		e.City = city
		if err := f.db.SaveEvents(ctx, calendar.EventChange{Event: &e, Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventCreate, RecordType: "event"}}); err != nil {
			t.Fatal(err)
		}
		cities[e.ID] = city
	}
	fs, err := f.db.ClashFacets(ctx, calendar.FacetQuery{First: checked, Last: checked, Statuses: calendar.ClashStatuses})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, fc := range fs {
		city, ok := cities[fc.ID]
		if !ok {
			continue
		}
		found++
		if want := calendar.CityKey(city); fc.CityKey != want {
			t.Errorf("%q: CityKey %q, want %q", city, fc.CityKey, want)
		}
	}
	if found != len(cities) {
		t.Errorf("found %d of %d events", found, len(cities))
	}
}
