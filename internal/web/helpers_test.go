// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/calsync"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

// now is the fixed clock of every web test: Monday of ISO week 48, 2026.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type app struct {
	srv     *web.Server
	db      *store.DB
	cal     *calendar.Service
	bundle  *i18n.Bundle
	ev      map[string]calendar.Event
	authSvc *auth.Service
	// dir is the directory service the server uses.
	dir *directory.Service
	// ts is the TLS test server of the secretariat tests, when started.
	ts *httptest.Server
	// notices passes the calendar's notices on, once a test sets its
	// target (see withNotices).
	notices *forwardNotices
}

func (a *app) auth() *auth.Service { return a.authSvc }

// serve builds an application instance on db with the fixed test clock
// and a key for second-factor secrets.
func serve(t testing.TB, db *store.DB) *app {
	t.Helper()
	return serveWith(t, db, auth.WithSecretKey(testSecretKey))
}

// serveWith is serve with the given account options.
func serveWith(t testing.TB, db *store.DB, opts ...auth.Option) *app {
	t.Helper()
	dir := directory.NewService(db)
	notices := &forwardNotices{}
	cal := calendar.NewService(db, db, "test.example.org", func() time.Time { return now }, calendar.WithHolidays(&holiday.Nordic{}),
		calendar.WithNotifier(notices))
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://nordcal.example.org")
	authSvc := auth.NewService(db, time.Now, opts...)
	sources := calendar.NewSourceService(cal, db)
	srv, err := web.New(web.Deps{Calendar: cal, Directory: dir, Bundle: bundle, BaseURL: base,
		DefaultLang: lang.EN, DefaultZone: mustZone(t, "Europe/Copenhagen"), ContactEmail: "calendar@example.org",
		Ping: db.Ping, Auth: authSvc, Audit: db, Sessions: db.Sessions(), Sources: sources,
		Sync: &calsync.Runner{Sources: sources, Fetcher: fetch.New(fetch.Options{})}})
	if err != nil {
		t.Fatal(err)
	}
	return &app{srv: srv, db: db, cal: cal, bundle: bundle, ev: map[string]calendar.Event{}, authSvc: authSvc, notices: notices, dir: dir}
}

// newApp serves a fresh database holding the fixture events.
func newApp(t testing.TB) *app {
	t.Helper()
	return newAppOn(t, storetest.Open(t))
}

func newAppOn(t testing.TB, db *store.DB) *app {
	t.Helper()
	ctx := context.Background()
	a := serve(t, db)
	dir, cal := directory.NewService(db), a.cal

	om := directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Abbreviation: "OM", Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice, Finland"}}
	jd := directory.Organisation{Slug: "jd-no", OriginalLang: lang.NO, Abbreviation: "JD", Country: "NO", Type: directory.Ministry,
		Names: lang.Texts{lang.NO: "Justis- og beredskapsdepartementet", lang.EN: "Ministry of Justice and Public Security"}}
	for _, o := range []*directory.Organisation{&om, &jd} {
		if err := dir.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	coord := directory.Network{Slug: "nordic-coordinators", OriginalLang: lang.EN,
		Names: lang.Texts{lang.EN: "Nordic Working Group of National Coordinators", lang.FI: "Kansallisten koordinaattorien pohjoismainen työryhmä"}}
	if err := dir.CreateNetwork(ctx, &coord); err != nil {
		t.Fatal(err)
	}
	add := func(key string, mod func(e *calendar.Event)) {
		e := calendar.Event{
			Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: key}},
			Start: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 26, 17, 30, 0, 0, time.UTC),
			Zone: "Europe/Helsinki", Venue: "Paasitorni", City: "Helsinki", Country: "FI",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Organisers: []directory.Organisation{{ID: om.ID}},
		}
		mod(&e)
		if err := cal.Create(ctx, &e); err != nil {
			t.Fatalf("create %s: %v", key, err)
		}
		a.ev[key] = e
	}
	add("Helsinki conference", func(e *calendar.Event) {
		e.Category, e.Attendance, e.OnlineURL = calendar.Conference, calendar.Hybrid, "https://meet.example.org/hki"
		e.OriginalLang = lang.FI
		e.Texts = map[lang.Code]calendar.Text{
			lang.FI: {Title: "Ihmiskaupan uudet muodot Pohjoismaissa", Description: "Konferenssi ihmiskaupasta.\n\nToinen kappale."},
			lang.EN: {Title: "Helsinki conference", Description: "A conference on human trafficking."},
		}
		e.Topics = []calendar.Topic{calendar.Labour, calendar.ResearchData}
		e.RegistrationURL, e.RegistrationDeadline = "https://example.org/register", calendar.Date{Year: 2026, Month: 11, Day: 20}
	})
	add("Oslo seminar", func(e *calendar.Event) {
		e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2027, Month: 1, Day: 12}, calendar.Date{Year: 2027, Month: 1, Day: 14}
		e.Zone, e.Venue, e.City, e.Country, e.Category = "Europe/Oslo", "", "Oslo", "NO", calendar.Seminar
		e.Organisers = []directory.Organisation{{ID: jd.ID}}
		e.Networks = []directory.Network{{ID: coord.ID}}
	})
	add("Swedish only", func(e *calendar.Event) {
		e.OriginalLang = lang.SV
		e.Texts = map[lang.Code]calendar.Text{lang.SV: {Title: "Nordisk konferens om människohandel", Description: "På svenska."}}
		e.Start, e.End = time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC), time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
		e.Zone, e.City, e.Country = "Europe/Stockholm", "Stockholm", "SE"
	})
	add("Cancelled webinar", func(e *calendar.Event) {
		e.Status, e.Attendance, e.City, e.Country, e.Venue = calendar.Cancelled, calendar.Online, "", "", ""
		e.OnlineURL, e.Category = "https://meet.example.org/w", calendar.Seminar
		e.Start, e.End = time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 10, 13, 0, 0, 0, time.UTC)
	})
	add("Save the date", func(e *calendar.Event) {
		e.Status = calendar.Tentative
		e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2027, Month: 3, Day: 2}, calendar.Date{Year: 2027, Month: 3, Day: 2}
	})
	add("Pending submission", func(e *calendar.Event) { e.Status = calendar.Pending })
	return a
}

func mustZone(t testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// do sends a request through the echo router.
func (a *app) do(t *testing.T, method, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	a.srv.ServeHTTP(rec, req)
	return rec
}

// get requests target and fails the test unless the status is want.
func (a *app) get(t *testing.T, target string, want int, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	rec := a.do(t, http.MethodGet, target, hdr...)
	if rec.Code != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", target, rec.Code, want, truncate(rec.Body.String()))
	}
	return rec
}

// page requests an HTML page and parses it.
func (a *app) page(t *testing.T, target string, want int, hdr ...string) *goquery.Document {
	t.Helper()
	rec := a.get(t, target, want, hdr...)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: content type %q", target, ct)
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func truncate(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
