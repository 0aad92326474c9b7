// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type fixture struct {
	db      *store.DB
	cal     *calendar.Service
	om, jd  directory.Organisation
	coord   directory.Network
	byTitle map[string]calendar.Event
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	dir := directory.NewService(db)
	f := &fixture{db: db, cal: calendar.NewService(db, db, "test.example.org", func() time.Time { return now }), byTitle: map[string]calendar.Event{}}
	f.om = directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Abbreviation: "OM", Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice, Finland"}}
	f.jd = directory.Organisation{Slug: "jd-no", OriginalLang: lang.NO, Abbreviation: "JD", Country: "NO", Type: directory.Ministry,
		Names: lang.Texts{lang.NO: "Justis- og beredskapsdepartementet"}}
	for _, o := range []*directory.Organisation{&f.om, &f.jd} {
		if err := dir.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	f.coord = directory.Network{Slug: "nordic-coordinators", OriginalLang: lang.EN,
		Names: lang.Texts{lang.EN: "Nordic Working Group of National Coordinators"}}
	if err := dir.CreateNetwork(ctx, &f.coord); err != nil {
		t.Fatal(err)
	}
	add := func(title string, mod func(e *calendar.Event)) {
		e := calendar.Event{
			Status: calendar.Published, OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: title}},
			Start: now.Add(48 * time.Hour), End: now.Add(50 * time.Hour), Zone: "Europe/Helsinki",
			City: "Helsinki", Country: "FI", Attendance: calendar.OnSite, Category: calendar.Meeting,
			Audience: calendar.Open, Organisers: []directory.Organisation{{ID: f.om.ID}},
		}
		mod(&e)
		if err := f.cal.Create(ctx, &e); err != nil {
			t.Fatalf("create %q: %v", title, err)
		}
		f.byTitle[title] = e
	}
	add("Helsinki meeting", func(e *calendar.Event) {
		e.Topics, e.Languages = []calendar.Topic{calendar.Labour}, []string{"fi", "sv"}
		e.Texts[lang.FI] = calendar.Text{Title: "Kokous Mäkelän kanssa", Description: "Ihmiskauppa ja työperäinen hyväksikäyttö"}
	})
	add("Oslo conference", func(e *calendar.Event) {
		e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2027, Month: 1, Day: 12}, calendar.Date{Year: 2027, Month: 1, Day: 14}
		e.Zone, e.City, e.Country, e.Category = "Europe/Oslo", "Oslo", "NO", calendar.Conference
		e.Organisers = []directory.Organisation{{ID: f.jd.ID}, {ID: f.om.ID}}
		e.Networks = []directory.Network{{ID: f.coord.ID}}
		e.Attendance, e.OnlineURL = calendar.Hybrid, "https://meet.example.org/oslo"
		e.Topics = []calendar.Topic{calendar.Children, calendar.Prevention}
		e.Languages = []string{"en", "no"}
	})
	add("Online webinar", func(e *calendar.Event) {
		e.Attendance, e.City, e.Country, e.Category, e.Audience = calendar.Online, "", "", calendar.Seminar, calendar.Invitation
		e.OnlineURL = "https://meet.example.org/w"
	})
	add("Pending submission", func(e *calendar.Event) { e.Status = calendar.Pending })
	add("Past meeting", func(e *calendar.Event) { e.Start, e.End = now.Add(-100*24*time.Hour), now.Add(-99*24*time.Hour) })
	add("Long past", func(e *calendar.Event) { e.Start, e.End = now.Add(-400*24*time.Hour), now.Add(-399*24*time.Hour) })
	add("Cancelled recently", func(e *calendar.Event) {
		e.Status = calendar.Cancelled
		e.Start, e.End = now.Add(-20*24*time.Hour), now.Add(-20*24*time.Hour+time.Hour)
	})
	add("Cancelled long ago", func(e *calendar.Event) {
		e.Status = calendar.Cancelled
		e.Start, e.End = now.Add(-90*24*time.Hour), now.Add(-90*24*time.Hour+time.Hour)
	})
	return f
}

func titles(evs []calendar.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i], _ = e.Title(lang.EN)
	}
	return out
}

func TestListFilters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"no filter lists upcoming public events", "", []string{"Helsinki meeting", "Online webinar", "Oslo conference"}},
		{"country matches the event's country", "country=no", []string{"Oslo conference"}},
		{"country matches an organiser's country", "country=FI", []string{"Helsinki meeting", "Online webinar", "Oslo conference"}},
		{"organiser", "organiser=jd-no", []string{"Oslo conference"}},
		{"network", "network=nordic-coordinators", []string{"Oslo conference"}},
		{"category list", "category=conference,seminar", []string{"Online webinar", "Oslo conference"}},
		{"repeated parameters", "category=conference&category=meeting", []string{"Helsinki meeting", "Oslo conference"}},
		{"topic", "topic=labour", []string{"Helsinki meeting"}},
		{"attendance", "attendance=online,hybrid", []string{"Online webinar", "Oslo conference"}},
		{"audience", "audience=invitation", []string{"Online webinar"}},
		{"date range touches all-day days", "from=2027-01-14&to=2027-02-01", []string{"Oslo conference"}},
		{"date range excludes after", "from=2027-01-15", nil},
		{"from in the past includes past and cancelled events", "from=2026-08-01&to=2026-09-01", []string{"Cancelled long ago", "Past meeting"}},
		{"language the event is held in", "language=sv", []string{"Helsinki meeting"}},
		{"any of several languages", "language=no,sv", []string{"Helsinki meeting", "Oslo conference"}},
		{"language nb is Norwegian", "language=nb", []string{"Oslo conference"}},
		{"language codes match whole codes", "language=se", nil},
		{"no event in that language", "language=da", nil},
		{"languages with other filters", "language=sv,en&country=NO", []string{"Oslo conference"}},
		{"cancelled events hidden", "from=2026-08-01&to=2026-09-01&cancelled=hide", []string{"Past meeting"}},
		{"text ignores case and accents", "q=MAKELAN", []string{"Helsinki meeting"}},
		{"text matches organiser names", "q=beredskapsdepartementet", []string{"Oslo conference"}},
		{"text needs every word", "q=helsinki+nothing", nil},
		{"text wildcards are literal", "q=%25", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			filter, err := calendar.FilterFromQuery(q)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			page, err := f.cal.List(ctx, filter, 1, 50)
			if err != nil {
				t.Fatalf("list: %v", err)
			}
			got := titles(page.Events)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if page.Total != len(tt.want) {
				t.Errorf("total %d, want %d", page.Total, len(tt.want))
			}
		})
	}
}

func TestListUnknownOrganiserIsInvalid(t *testing.T) {
	f := newFixture(t)
	_, err := f.cal.List(context.Background(), calendar.Filter{Organisers: []string{"no-such-org"}}, 1, 10)
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("got %v, want Invalid", err)
	}
}

func TestFeedWindows(t *testing.T) {
	f := newFixture(t)
	evs, _, err := f.cal.Feed(context.Background(), calendar.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := titles(evs)
	want := []string{"Past meeting", "Cancelled recently", "Helsinki meeting", "Online webinar", "Oslo conference"}
	if !slices.Equal(got, want) {
		t.Errorf("feed has %q, want %q (ordered by start; long-past, long-cancelled and pending left out)", got, want)
	}
}

func TestEventRoundTrip(t *testing.T) {
	f := newFixture(t)
	want := f.byTitle["Oslo conference"]
	got, err := f.cal.Event(context.Background(), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.UID != want.UID || got.UID == "" {
		t.Errorf("UID %q, want %q", got.UID, want.UID)
	}
	if !got.AllDay || got.StartDate != want.StartDate || got.EndDate != want.EndDate {
		t.Errorf("days %v–%v, want %v–%v", got.StartDate, got.EndDate, want.StartDate, want.EndDate)
	}
	if wantStart := time.Date(2027, 1, 12, 0, 0, 0, 0, time.FixedZone("", 3600)); !got.Start.Equal(wantStart) {
		t.Errorf("start %v, want local midnight %v", got.Start, wantStart)
	}
	if len(got.Organisers) != 2 || got.Organisers[0].Slug != "jd-no" || got.Organisers[1].Slug != "om-fi" {
		t.Errorf("organisers %+v, want jd-no then om-fi", got.Organisers)
	}
	if n, _ := got.Organisers[1].Name(lang.SV); n != "Justitieministeriet" {
		t.Errorf("organiser name in sv = %q", n)
	}
	if len(got.Networks) != 1 || got.Networks[0].Slug != "nordic-coordinators" {
		t.Errorf("networks %+v", got.Networks)
	}
	if !slices.Equal(got.Topics, []calendar.Topic{calendar.Children, calendar.Prevention}) {
		t.Errorf("topics %v", got.Topics)
	}
	if got.OnlineURL != want.OnlineURL || got.Attendance != calendar.Hybrid || got.Zone != "Europe/Oslo" {
		t.Errorf("got %+v", got)
	}
}

func TestPendingIsNotPublic(t *testing.T) {
	f := newFixture(t)
	_, err := f.cal.Event(context.Background(), f.byTitle["Pending submission"].ID)
	if !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("got %v, want NotFound", err)
	}
}

func TestUpdateSequence(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.byTitle["Helsinki meeting"]
	tests := []struct {
		name   string
		change func(e *calendar.Event)
		bump   bool
	}{
		{"description only", func(e *calendar.Event) {
			e.Texts[lang.EN] = calendar.Text{Title: "Helsinki meeting", Description: "New agenda"}
		}, false},
		{"time", func(e *calendar.Event) { e.Start = e.Start.Add(time.Hour); e.End = e.End.Add(time.Hour) }, true},
		{"place", func(e *calendar.Event) { e.Venue = "Paasitorni" }, true},
		{"status", nil, true},
		{"nothing", func(e *calendar.Event) {}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := f.db.EventByID(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			next := before
			next.Texts = map[lang.Code]calendar.Text{}
			for k, v := range before.Texts {
				next.Texts[k] = v
			}
			if tt.change == nil { // the status changes through its own transition
				err = f.cal.Cancel(ctx, audit.CLI, next.ID, next.Version)
			} else {
				tt.change(&next)
				err = f.cal.Edit(ctx, audit.CLI, &next)
			}
			if err != nil {
				t.Fatal(err)
			}
			after, err := f.db.EventByID(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantSeq := before.Sequence
			if tt.bump {
				wantSeq++
			}
			if after.Sequence != wantSeq {
				t.Errorf("sequence %d, want %d", after.Sequence, wantSeq)
			}
			if after.UID != before.UID {
				t.Errorf("UID changed from %q to %q", before.UID, after.UID)
			}
			if after.UpdatedAt.Before(before.UpdatedAt) {
				t.Errorf("updated_at went back")
			}
		})
	}
}

func TestDuplicateUIDAndSlugConflict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.byTitle["Helsinki meeting"]
	e.ID = 0
	if err := f.db.SaveEvents(ctx, calendar.EventChange{Event: &e, Audit: audit.Entry{Actor: audit.CLI,
		Action: calendar.EventCreate, RecordType: "event"}}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("duplicate UID: got %v, want Conflict", err)
	}
	o := f.om
	if err := f.db.CreateOrganisation(ctx, &o); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("duplicate slug: got %v, want Conflict", err)
	}
}

func TestUnknownOrganiserRefusedWithoutHalfRecord(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, _ := f.db.CountEvents(ctx, calendar.Query{Statuses: calendar.Statuses})
	e := f.byTitle["Helsinki meeting"]
	e.ID, e.UID = 0, ""
	e.Organisers = []directory.Organisation{{ID: f.om.ID}, {ID: 99999}}
	if err := f.cal.Create(ctx, &e); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("got %v, want Invalid", err)
	}
	after, _ := f.db.CountEvents(ctx, calendar.Query{Statuses: calendar.Statuses})
	if after != before {
		t.Errorf("events %d → %d: a refused create left a record", before, after)
	}
}

func TestEventByIDNotFound(t *testing.T) {
	f := newFixture(t)
	if _, err := f.db.EventByID(context.Background(), 123456); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("got %v, want NotFound", err)
	}
}

func TestParseDSN(t *testing.T) {
	tests := []struct {
		in      string
		dialect store.Dialect
		ok      bool
	}{
		{"sqlite:data/nordcal.db", store.SQLite, true},
		{"postgres://u:p@127.0.0.1/db?sslmode=disable", store.Postgres, true},
		{"postgresql://u@h/db", store.Postgres, true},
		{"sqlite:", "", false},
		{"sqlite:x.db?mode=memory", "", false},
		{"mysql://x", "", false},
		{"data/nordcal.db", "", false},
	}
	for _, tt := range tests {
		d, _, err := store.ParseDSN(tt.in)
		if (err == nil) != tt.ok || d != tt.dialect {
			t.Errorf("ParseDSN(%q) = %q, %v; want %q ok=%v", tt.in, d, err, tt.dialect, tt.ok)
		}
	}
}

// TestConcurrentWritesLoseNothing creates and updates events from many
// goroutines at once: every write lands and none fails with "database is
// locked" (SQLite runs with WAL, a busy timeout and immediate transactions).
func TestConcurrentWritesLoseNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, _ := f.db.CountEvents(ctx, calendar.Query{Statuses: calendar.Statuses})
	const workers, each = 8, 40
	errs := make(chan error, workers*each)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				e := calendar.Event{
					Status: calendar.Pending, OriginalLang: lang.EN,
					Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Submission %d/%d", w, i)}},
					Start: now.Add(time.Duration(w*each+i) * time.Hour), End: now.Add(time.Duration(w*each+i+1) * time.Hour),
					Zone: "Europe/Oslo", City: "Oslo", Attendance: calendar.OnSite, Category: calendar.Meeting,
					Audience: calendar.Open, Organisers: []directory.Organisation{{ID: f.om.ID}},
				}
				if err := f.cal.Create(ctx, &e); err != nil {
					errs <- err
					continue
				}
				e.Venue = "Updated"
				if err := f.cal.Edit(ctx, audit.CLI, &e); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write failed: %v", err)
	}
	after, _ := f.db.CountEvents(ctx, calendar.Query{Statuses: calendar.Statuses})
	if after-before != workers*each {
		t.Errorf("%d events written, want %d", after-before, workers*each)
	}
}
