// SPDX-License-Identifier: AGPL-3.0-or-later

package calsync_test

import (
	"context"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/calsync"
	"github.com/nordcal/nordcal/internal/config"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

var secretariat = audit.Actor{ID: 1, Email: "secretariat@example.org"}

// partner is a real local HTTPS server serving a calendar that the test
// changes, answering conditional requests as a web server would.
type partner struct {
	srv *httptest.Server
	mu  sync.Mutex
	// body and etag are what it serves now; status, when set, is sent
	// instead of the calendar.
	body, etag string
	status     int
	// requests records the conditional headers of every request.
	requests []http.Header
	// inFlight and maxInFlight count requests being answered at once.
	inFlight, maxInFlight int
	hold                  chan struct{}
}

func newPartner(t *testing.T) *partner {
	p := &partner{}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.inFlight++
		p.maxInFlight = max(p.maxInFlight, p.inFlight)
		p.requests = append(p.requests, r.Header.Clone())
		body, etag, status, hold := p.body, p.etag, p.status, p.hold
		p.mu.Unlock()
		defer func() { p.mu.Lock(); p.inFlight--; p.mu.Unlock() }()
		if hold != nil {
			<-hold
		}
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 01 Nov 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *partner) serve(body, etag string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.body, p.etag, p.status = body, etag, 0
}

func (p *partner) last() http.Header {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests[len(p.requests)-1]
}

// fetcherFor builds the fetcher as the server does: from the configuration,
// with the test server allowed by NORDCAL_FETCH_ALLOW and its certificate
// trusted through a PEM file named by NORDCAL_FETCH_CA.
func fetcherFor(t *testing.T, p *partner, allow string) *fetch.Fetcher {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.srv.Certificate().Raw})
	if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NORDCAL_FETCH_ALLOW": allow, "NORDCAL_FETCH_CA": ca, "NORDCAL_DEMO": "false"}
	cfg, err := config.Load(nil, func(k string) string { return env[k] }, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fetch.New(cfg.FetchOptions())
}

type fixture struct {
	ctx     context.Context
	db      *store.DB
	cal     *calendar.Service
	sources *calendar.SourceService
	runner  *calsync.Runner
	partner *partner
	org     directory.Organisation
	now     time.Time
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), db: db, partner: newPartner(t), now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	if f.db == nil {
		f.db = storetest.Open(t)
	}
	f.org = directory.Organisation{Slug: "migri-fi", OriginalLang: lang.FI, Country: "FI", Type: directory.Agency,
		Names: lang.Texts{lang.FI: "Maahanmuuttovirasto"}}
	if err := directory.NewService(f.db).CreateOrganisation(f.ctx, &f.org); err != nil && !apperr.Is(err, apperr.Conflict) {
		t.Fatal(err)
	}
	f.cal = calendar.NewService(f.db, f.db, "test.example.org", func() time.Time { return f.now })
	f.sources = calendar.NewSourceService(f.cal, f.db)
	f.runner = &calsync.Runner{Sources: f.sources, Fetcher: fetcherFor(t, f.partner, "127.0.0.1")}
	return f
}

func (f *fixture) addSource(t *testing.T, trust calendar.Trust, autoCancel int) calendar.Source {
	t.Helper()
	src := calendar.Source{Name: "Migri events", URL: strings.Replace(f.partner.srv.URL, "https://", "webcal://", 1) + "/cal.ics",
		Trust: trust, AutoCancelAfter: autoCancel,
		Defaults: calendar.Event{Organisers: []directory.Organisation{{ID: f.org.ID}}, Category: calendar.Seminar,
			Country: "FI", City: "Helsinki", Attendance: calendar.OnSite, Audience: calendar.Open, Zone: "Europe/Helsinki",
			OriginalLang: lang.FI}}
	if err := f.sources.SaveSource(f.ctx, secretariat, &src); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(src.URL, "https://") {
		t.Fatalf("webcal address stored as %q", src.URL)
	}
	return src
}

func (f *fixture) sync(t *testing.T, id int64) calsync.Outcome {
	t.Helper()
	o, err := f.runner.Sync(f.ctx, id, true)
	if err != nil {
		t.Fatal(err)
	}
	if o.Skipped {
		t.Fatal("sync skipped")
	}
	return o
}

// events returns the source's events by the source's UID.
func (f *fixture) events(t *testing.T, id int64) map[string]calendar.Event {
	t.Helper()
	_, links, err := f.sources.Source(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]calendar.Event{}
	for _, l := range links {
		e, err := f.cal.EventAny(f.ctx, l.EventID)
		if err != nil {
			t.Fatal(err)
		}
		out[l.UID] = e
	}
	return out
}

func (f *fixture) link(t *testing.T, id int64, uid string) calendar.SourceLink {
	t.Helper()
	_, links, err := f.sources.Source(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.UID == uid {
			return l
		}
	}
	t.Fatalf("no link for %s", uid)
	return calendar.SourceLink{}
}

const (
	seminar = "BEGIN:VEVENT\r\nUID:seminar@migri.example\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:%s\r\n" +
		"DTSTART;TZID=W. Europe Standard Time:%s\r\nDTEND;TZID=W. Europe Standard Time:%s\r\n" +
		"SUMMARY:Ihmiskaupan uhrien tunnistaminen\r\nDESCRIPTION:<p>Koulutus <b>viranomaisille</b>.</p><p>Ilmoittaudu&nbsp;<a href=\"https://migri.example/reg\">täällä</a></p>\r\n" +
		"LOCATION:Maahanmuuttovirasto\\, Helsinki\r\nCATEGORIES:Koulutus\r\nEND:VEVENT\r\n"
	day = "BEGIN:VEVENT\r\nUID:day@migri.example\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270318\r\n" +
		"DTEND;VALUE=DATE:20270319\r\nSUMMARY:EU:n ihmiskaupan vastainen päivä\r\nEND:VEVENT\r\n"
)

func calendarFile(events ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n" +
		"X-PUBLISHED-TTL:PT4H\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"
}

func seminarV(seq, start, end string) string {
	s := seminar
	for _, v := range []string{seq, start, end} {
		s = strings.Replace(s, "%s", v, 1)
	}
	return s
}

func TestSyncKeepsAPartnerCalendar(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000"), day), `"v1"`)

	// First sync: both events are created, published (trust: publish), in
	// the importer's terms (Outlook zone names, HTML turned into text).
	o := f.sync(t, src.ID)
	if o.New != 2 || o.Seen != 2 || o.ErrorID != "" {
		t.Fatalf("first sync: %+v", o)
	}
	evs := f.events(t, src.ID)
	sem := evs["seminar@migri.example"]
	if sem.Status != calendar.Published || sem.Zone != "Europe/Berlin" && sem.Zone != "Europe/Copenhagen" && sem.Zone != "Europe/Stockholm" && sem.Zone != "Europe/Oslo" {
		t.Errorf("seminar: status %s zone %s", sem.Status, sem.Zone)
	}
	desc := sem.Texts[lang.FI].Description
	if strings.Contains(desc, "<") || !strings.Contains(desc, "Koulutus viranomaisille.") || !strings.Contains(desc, "täällä (https://migri.example/reg)") {
		t.Errorf("description not turned into text: %q", desc)
	}
	if len(sem.Organisers) != 1 || sem.Organisers[0].ID != f.org.ID || sem.Category != calendar.Seminar || sem.City != "Helsinki" {
		t.Errorf("defaults not applied: %+v", sem)
	}
	s, _, _ := f.sources.Source(f.ctx, src.ID)
	if s.Health.Interval != 4*time.Hour || !s.Health.NextRun.Equal(f.now.Add(4*time.Hour)) || s.Health.HTTPStatus != 200 {
		t.Errorf("schedule: interval %v next %v status %d", s.Health.Interval, s.Health.NextRun, s.Health.HTTPStatus)
	}
	entries, _, err := f.db.ListAudit(f.ctx, audit.Filter{Actor: src.Actor().Email})
	if err != nil || len(entries) != 2 || entries[0].Action != calendar.EventSync {
		t.Errorf("audit with the source as actor: %d entries, %v", len(entries), err)
	}

	// A 304 changes nothing, and the request was conditional.
	f.now = f.now.Add(time.Hour)
	o = f.sync(t, src.ID)
	if h := f.partner.last(); h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != "Mon, 01 Nov 2026 10:00:00 GMT" {
		t.Errorf("conditional headers: %v", h)
	}
	if !o.NotModified || o.New+o.Changed+o.Gone != 0 {
		t.Errorf("304: %+v", o)
	}
	if again := f.events(t, src.ID); again["seminar@migri.example"].Version != sem.Version {
		t.Error("304 changed the event")
	}

	// Second version: the seminar moves (SEQUENCE 1): it is updated through
	// the one write path and its SEQUENCE rises.
	f.partner.serve(calendarFile(seminarV("1", "20270311T090000", "20270311T120000"), day), `"v2"`)
	o = f.sync(t, src.ID)
	if o.Changed != 1 || o.New != 0 {
		t.Fatalf("second sync: %+v", o)
	}
	moved := f.events(t, src.ID)["seminar@migri.example"]
	if moved.Sequence <= sem.Sequence || moved.Start.Sub(sem.Start) != 24*time.Hour {
		t.Errorf("moved: sequence %d→%d, start %v→%v", sem.Sequence, moved.Sequence, sem.Start, moved.Start)
	}

	// A broken file leaves every event as it is and says why in words.
	f.partner.serve("<html><body>Maintenance</body></html>", `"broken"`)
	o = f.sync(t, src.ID)
	if o.ErrorID != "import.error.syntax" {
		t.Errorf("broken file: %+v", o)
	}
	s, _, _ = f.sources.Source(f.ctx, src.ID)
	if s.Health.Failures != 1 || s.Health.ErrorID != "import.error.syntax" || !s.Health.NextRun.After(f.now) {
		t.Errorf("broken file health: %+v", s.Health)
	}
	if after := f.events(t, src.ID)["seminar@migri.example"]; after.Version != moved.Version {
		t.Error("broken file changed an event")
	}

	// The all-day event is removed: the secretariat is asked to cancel it,
	// nothing is cancelled yet.
	f.partner.serve(calendarFile(seminarV("1", "20270311T090000", "20270311T120000")), `"v3"`)
	o = f.sync(t, src.ID)
	if o.Gone != 1 {
		t.Fatalf("removal: %+v", o)
	}
	l := f.link(t, src.ID, "day@migri.example")
	gone := f.events(t, src.ID)["day@migri.example"]
	if l.Open != calendar.LinkGone || gone.Status != calendar.Published {
		t.Fatalf("removal: open %q status %s", l.Open, gone.Status)
	}
	open, _, err := f.sources.OpenLinks(f.ctx)
	if err != nil || len(open) != 1 || open[0].SourceName != "Migri events" {
		t.Errorf("review queue: %+v %v", open, err)
	}
	if err := f.sources.Decide(f.ctx, secretariat, l.ID, gone.Version, calendar.DecideCancel); err != nil {
		t.Fatal(err)
	}
	if e := f.events(t, src.ID)["day@migri.example"]; e.Status != calendar.Cancelled || e.Sequence <= gone.Sequence {
		t.Errorf("cancelled: %s seq %d", e.Status, e.Sequence)
	}
}

func TestSyncUnderReview(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustReview, 0)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000")), `"v1"`)
	f.sync(t, src.ID)
	pending, err := f.cal.Pending(f.ctx)
	if err != nil || len(pending) != 1 || pending[0].Submission.SubmitterName != "Migri events" {
		t.Fatalf("new event not in the review queue: %+v %v", pending, err)
	}
	e := pending[0].Event
	if err := f.cal.Approve(f.ctx, secretariat, calendar.Moderation{EventID: e.ID, Version: e.Version}); err != nil {
		t.Fatal(err)
	}
	published := f.events(t, src.ID)["seminar@migri.example"]

	// The change waits for approval; the published version stays.
	f.partner.serve(calendarFile(seminarV("1", "20270313T090000", "20270313T120000")), `"v2"`)
	f.sync(t, src.ID)
	if now := f.events(t, src.ID)["seminar@migri.example"]; now.Version != published.Version || !now.Start.Equal(published.Start) {
		t.Fatal("a change under review was applied at once")
	}
	l := f.link(t, src.ID, "seminar@migri.example")
	if l.Open != calendar.LinkChange {
		t.Fatalf("open = %q", l.Open)
	}
	if err := f.sources.Decide(f.ctx, secretariat, l.ID, published.Version, calendar.DecideApply); err != nil {
		t.Fatal(err)
	}
	applied := f.events(t, src.ID)["seminar@migri.example"]
	if applied.Start.Sub(published.Start) != 72*time.Hour || applied.Sequence <= published.Sequence || applied.Status != calendar.Published {
		t.Errorf("applied: %v seq %d %s", applied.Start, applied.Sequence, applied.Status)
	}
	if f.link(t, src.ID, "seminar@migri.example").Open != "" {
		t.Error("the change is still open")
	}
}

func TestSyncNeverOverwritesAHandEdit(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000")), `"v1"`)
	f.sync(t, src.ID)
	e := f.events(t, src.ID)["seminar@migri.example"]
	e.Venue = "Paasitorni"
	if err := f.cal.Edit(f.ctx, secretariat, &e); err != nil {
		t.Fatal(err)
	}
	f.partner.serve(calendarFile(seminarV("1", "20270312T090000", "20270312T120000")), `"v2"`)
	f.sync(t, src.ID)
	after := f.events(t, src.ID)["seminar@migri.example"]
	if after.Venue != "Paasitorni" || !after.Start.Equal(e.Start) {
		t.Fatalf("hand edit overwritten: %q %v", after.Venue, after.Start)
	}
	l := f.link(t, src.ID, "seminar@migri.example")
	if l.Open != calendar.LinkConflict || l.Proposed == nil {
		t.Fatalf("conflict not recorded: %q", l.Open)
	}
	if _, diff, ok := calendar.Proposal(l, after); !ok || len(diff) == 0 {
		t.Error("the conflict shows no difference")
	}
}

func TestSyncAutoCancelsAfterNSyncs(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 2)
	f.partner.serve(calendarFile(day), `"v1"`)
	f.sync(t, src.ID)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000")), `"v2"`)
	f.sync(t, src.ID)
	if e := f.events(t, src.ID)["day@migri.example"]; e.Status != calendar.Published {
		t.Fatalf("cancelled after one sync: %s", e.Status)
	}
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000")), `"v3"`)
	f.sync(t, src.ID)
	if e := f.events(t, src.ID)["day@migri.example"]; e.Status != calendar.Cancelled {
		t.Fatalf("not cancelled after two syncs: %s", e.Status)
	}
}

func TestSyncFilter(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	src.Filter = "koulutus"
	if err := f.sources.SaveSource(f.ctx, secretariat, &src); err != nil {
		t.Fatal(err)
	}
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000"), day), `"v1"`)
	if o := f.sync(t, src.ID); o.Seen != 1 || o.New != 1 {
		t.Errorf("filter by category: %+v", o)
	}
}

func TestSyncErrorsInWords(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.mu.Lock()
	f.partner.status = http.StatusNotFound
	f.partner.mu.Unlock()
	o := f.sync(t, src.ID)
	s, _, _ := f.sources.Source(f.ctx, src.ID)
	if o.ErrorID != "fetch.error.status" || s.Health.HTTPStatus != 404 || s.Health.ErrorArgs["Status"] != float64(404) {
		t.Errorf("404: %+v %+v", o, s.Health)
	}
	// Back-off: the interval, doubled per failure, at most a day.
	for i := 0; i < 8; i++ {
		f.sync(t, src.ID)
	}
	s, _, _ = f.sources.Source(f.ctx, src.ID)
	if s.Health.Failures != 9 || s.Health.NextRun.Sub(f.now) != calendar.MaxBackoff {
		t.Errorf("back-off after 9 failures: %v", s.Health.NextRun.Sub(f.now))
	}
}

func TestSyncRefusesARedirectToAPrivateAddress(t *testing.T) {
	f := newFixture(t, nil)
	// A second server on another loopback address, not allowed.
	inner := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the private address was reached")
	}))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skip("no 127.0.0.2 on this machine")
	}
	inner.Listener.Close()
	inner.Listener = ln
	inner.StartTLS()
	defer inner.Close()
	src := f.addSource(t, calendar.TrustPublish, 0)
	redirect := httptest.NewTLSServer(http.RedirectHandler(inner.URL+"/cal.ics", http.StatusFound))
	defer redirect.Close()
	f.partner.srv.Config.Handler = redirect.Config.Handler
	o := f.sync(t, src.ID)
	if o.ErrorID != "fetch.error.refused" {
		t.Errorf("redirect to a private address: %+v", o)
	}
}

func TestTwoInstancesNeverSyncOneSourceAtOnce(t *testing.T) {
	dsn := storetest.DSN(t)
	open := func() *store.DB {
		db, err := store.Open(context.Background(), dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	a := newFixture(t, open())
	b := newFixture(t, open())
	b.partner = a.partner
	b.runner.Fetcher = a.runner.Fetcher
	src := a.addSource(t, calendar.TrustPublish, 0)
	a.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000"), day), `"v1"`)
	a.partner.mu.Lock()
	a.partner.hold = make(chan struct{})
	a.partner.mu.Unlock()

	// Instance a holds the lease while its fetch is answered; b, asked to
	// sync the same source meanwhile, skips it.
	done := make(chan calsync.Outcome)
	go func() {
		o, err := a.runner.Sync(a.ctx, src.ID, true)
		if err != nil {
			t.Error(err)
		}
		done <- o
	}()
	for {
		a.partner.mu.Lock()
		n := a.partner.inFlight
		a.partner.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	ob, err := b.runner.Sync(b.ctx, src.ID, true)
	if err != nil || !ob.Skipped {
		t.Errorf("b synced while a held the lease: %+v %v", ob, err)
	}
	close(a.partner.hold)
	if oa := <-done; oa.Skipped || oa.New != 2 {
		t.Errorf("a: %+v", oa)
	}

	// Many syncs from both at once: never two fetches of the source at the
	// same time, and each event once.
	a.partner.mu.Lock()
	a.partner.hold, a.partner.maxInFlight = nil, 0
	a.partner.mu.Unlock()
	a.partner.serve(calendarFile(seminarV("1", "20270311T090000", "20270311T120000"), day), `"v2"`)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		for _, f := range []*fixture{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := f.runner.Sync(f.ctx, src.ID, true); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	if a.partner.maxInFlight > 1 {
		t.Errorf("%d fetches of one source at once", a.partner.maxInFlight)
	}
	if evs := a.events(t, src.ID); len(evs) != 2 {
		t.Errorf("%d events, want 2", len(evs))
	}
}

func TestASyncedMoveIntoASeriousClashIsFlagged(t *testing.T) {
	f := newFixture(t, nil)
	// A conference of the same organiser in the same city on 13 March.
	conf := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Nordic conference on trafficking"}},
		Start: time.Date(2027, 3, 13, 7, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 13, 15, 0, 0, 0, time.UTC),
		Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI", Attendance: calendar.OnSite, Category: calendar.Seminar,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: f.org.ID}}}
	if err := f.cal.Create(f.ctx, &conf); err != nil {
		t.Fatal(err)
	}
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000")), `"v1"`)
	f.sync(t, src.ID)
	if l := f.link(t, src.ID, "seminar@migri.example"); l.Clash != nil {
		t.Fatalf("clash before the move: %+v", l.Clash)
	}
	f.partner.serve(calendarFile(seminarV("1", "20270313T090000", "20270313T120000")), `"v2"`)
	f.sync(t, src.ID)
	l := f.link(t, src.ID, "seminar@migri.example")
	if l.Clash == nil || l.Clash.MovedDays != 3 || l.Clash.OtherID != conf.ID || l.Clash.OtherTitle != "Nordic conference on trafficking" {
		t.Fatalf("clash after the move: %+v", l.Clash)
	}
	open, _, err := f.sources.OpenLinks(f.ctx)
	if err != nil || len(open) != 1 || !open[0].Needs() {
		t.Fatalf("not in the review queue: %+v %v", open, err)
	}
	e := f.events(t, src.ID)["seminar@migri.example"]
	if err := f.sources.Decide(f.ctx, secretariat, l.ID, e.Version, calendar.DecideDismiss); err != nil {
		t.Fatal(err)
	}
	if open, _, _ := f.sources.OpenLinks(f.ctx); len(open) != 0 {
		t.Errorf("still open after noting: %+v", open)
	}
}

// Everything one sync writes is one transaction that commits only while its
// lease holds: a sync that lost its lease (its instance stalled past the
// expiry and another took over) stores nothing, neither events nor health.
func TestASyncWithoutItsLeaseStoresNothing(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	f.partner.serve(calendarFile(seminarV("0", "20270310T090000", "20270310T120000"), day), `"v1"`)
	leased, token, ok, err := f.sources.Lease(f.ctx, src.ID, time.Minute, true)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, _, again, err := f.sources.Lease(f.ctx, src.ID, time.Minute, true); err != nil || again {
		t.Fatal("a held lease was given twice")
	}
	drafts := []calendar.SyncDraft{{UID: "x@partner.example", Event: calendar.Event{OriginalLang: lang.FI,
		Texts: map[lang.Code]calendar.Text{lang.FI: {Title: "Tapahtuma"}}, AllDay: true,
		StartDate: calendar.Date{Year: 2027, Month: 5, Day: 4}, EndDate: calendar.Date{Year: 2027, Month: 5, Day: 4},
		Status: calendar.Published}}}
	_, err = f.sources.ApplySync(f.ctx, leased, token+"-stale", calendar.SyncFetch{HTTPStatus: 200, Drafts: drafts})
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("stale lease: %v", err)
	}
	if evs := f.events(t, src.ID); len(evs) != 0 {
		t.Errorf("%d events stored without the lease", len(evs))
	}
	if s, _, _ := f.sources.Source(f.ctx, src.ID); !s.Health.LastAttempt.IsZero() {
		t.Error("health stored without the lease")
	}
	// Releasing needs the token too.
	if err := f.sources.Release(f.ctx, src.ID, token+"-stale"); err != nil {
		t.Fatal(err)
	}
	if _, _, again, _ := f.sources.Lease(f.ctx, src.ID, time.Minute, true); again {
		t.Fatal("a stale token released the lease")
	}
	// The holder's own write goes through and releases the lease.
	if res, err := f.sources.ApplySync(f.ctx, leased, token, calendar.SyncFetch{HTTPStatus: 200, Drafts: drafts}); err != nil || res.New != 1 {
		t.Fatalf("holder: %+v %v", res, err)
	}
	if _, _, ok, err := f.sources.Lease(f.ctx, src.ID, time.Minute, true); err != nil || !ok {
		t.Error("the lease was not released")
	}
}

// Partners' calendars keep their past events: the sync neither takes them
// in nor asks to cancel an event that is over when the file drops it.
func TestSyncLeavesThePastAlone(t *testing.T) {
	f := newFixture(t, nil)
	src := f.addSource(t, calendar.TrustPublish, 0)
	past := strings.NewReplacer("day@migri.example", "past@migri.example", "20270318", "20261001", "20270319", "20261002").Replace(day)
	f.partner.serve(calendarFile(past, day), `"v1"`)
	if o := f.sync(t, src.ID); o.Seen != 1 || o.New != 1 {
		t.Fatalf("a past event was taken in: %+v", o)
	}
	// Time passes beyond the all-day event; the file drops it.
	f.now = time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	f.partner.serve(calendarFile(past, seminarV("0", "20270410T090000", "20270410T120000")), `"v2"`)
	o := f.sync(t, src.ID)
	if o.Gone != 0 || f.link(t, src.ID, "day@migri.example").Open != "" {
		t.Errorf("an event that is over was reported gone: %+v", o)
	}
}
