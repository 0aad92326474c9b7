// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"bytes"
	"context"
	"slices"
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

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestMigrationKeepsDocumentsAndMemberships stores a document and
// memberships as the release before migration 00020 did and checks that
// they survive: the title becomes the original-language text, the one
// language the list of languages, a convention legislation.
func TestMigrationKeepsDocumentsAndMemberships(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.MigrateTo(ctx, 16); err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.SQL()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO organisations (slug, original_lang, country, type, created_at, updated_at) VALUES ('coe', 'en', 'INT', 'international', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
		`INSERT INTO networks (slug, original_lang, created_at, updated_at) VALUES ('net', 'en', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
		`INSERT INTO network_members (network_id, organisation_id, role) SELECT n.id, o.id, 'chair' FROM networks n, organisations o`,
		`INSERT INTO documents (title, url, lang, country, type, date, search, created_at, updated_at) VALUES
			('Europarådets konvention', 'https://rm.coe.int/x', 'da', 'INT', 'convention', '2005-05-16', 'europaradets konvention', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
			('Islensk skyrsla', 'https://example.is/x', 'is', 'IS', 'report', '2024-02-01', 'islensk skyrsla', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
	} {
		if _, err := sqlDB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	docs, err := db.ListDocuments(ctx, directory.DocumentQuery{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	byTitle := map[string]directory.Document{}
	for _, d := range docs {
		byTitle[d.Title] = d
	}
	c := byTitle["Europarådets konvention"]
	if c.Type != directory.Legislation || c.OriginalLang != lang.DA || c.Titles[lang.DA] != "Europarådets konvention" ||
		!slices.Equal(c.Languages, []string{"da"}) || !c.Active() {
		t.Errorf("convention after the migration: %+v", c)
	}
	if is := byTitle["Islensk skyrsla"]; is.OriginalLang != lang.EN || !slices.Equal(is.Languages, []string{"is"}) || is.Titles[lang.EN] != "Islensk skyrsla" {
		t.Errorf("a document in a language outside the interface: %+v", is)
	}
	ms, err := db.ListMembers(ctx, directory.MemberQuery{})
	if err != nil || len(ms) != 1 || ms[0].Role != directory.Chair || !ms[0].From.IsZero() || !ms[0].To.IsZero() {
		t.Errorf("membership after the migration: %+v %v", ms, err)
	}
	nets, _ := db.ListNetworks(ctx)
	if len(nets) != 1 || nets[0].Status != directory.NetworkActive {
		t.Errorf("network status after the migration: %+v", nets)
	}
}

type curation struct {
	db         *store.DB
	svc        *directory.Service
	om, jd     directory.Organisation
	keep, drop directory.Network
	aino, sven directory.Person
}

func newCuration(t *testing.T) curation {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	f := curation{db: db, svc: directory.NewService(db)}
	f.om = directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Country: "FI", Type: directory.Ministry, Names: lang.Texts{lang.FI: "Oikeusministeriö"}}
	f.jd = directory.Organisation{Slug: "jd-no", OriginalLang: lang.NO, Country: "NO", Type: directory.Ministry, Names: lang.Texts{lang.NO: "Justisdepartementet"}}
	for _, o := range []*directory.Organisation{&f.om, &f.jd} {
		if err := f.svc.AddOrganisation(ctx, curator, o); err != nil {
			t.Fatal(err)
		}
	}
	f.keep = directory.Network{Slug: "nordic-coordinators", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic coordinators"}}
	f.drop = directory.Network{Slug: "nordic-coordinators-old", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic coordinators (duplicate)"},
		ParentBodies: lang.Texts{lang.EN: "Nordic Council of Ministers for Justice"}}
	for _, n := range []*directory.Network{&f.keep, &f.drop} {
		if err := f.svc.AddNetwork(ctx, curator, n); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []*directory.Person{&f.aino, &f.sven} {
		p.Country, p.Visibility, p.LegalBasis, p.LegalBasisDate = "FI", directory.Public, directory.PublicTask, utcDay(2026, 1, 1)
	}
	f.aino.GivenName, f.aino.FamilyName, f.sven.GivenName, f.sven.FamilyName = "Aino", "Mäkelä", "Sven", "Berg"
	for _, p := range []*directory.Person{&f.aino, &f.sven} {
		if err := f.svc.AddPerson(ctx, curator, p); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestOneOpenMembershipPerMemberAndNetwork(t *testing.T) {
	f := newCuration(t)
	ctx := context.Background()
	m := directory.Member{NetworkID: f.keep.ID, PersonID: &f.aino.ID, Role: directory.Chair, From: utcDay(2024, 1, 1)}
	if err := f.svc.AddMembership(ctx, curator, &m); err != nil {
		t.Fatal(err)
	}
	again := directory.Member{NetworkID: f.keep.ID, PersonID: &f.aino.ID, Role: directory.MemberOf}
	if err := f.svc.AddMembership(ctx, curator, &again); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a second open membership: %v", err)
	}
	if _, err := f.svc.EndMembership(ctx, curator, f.keep.ID, m.ID, utcDay(2025, 12, 31)); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddMembership(ctx, curator, &again); err != nil {
		t.Fatalf("joining again after the end: %v", err)
	}
	// Reopening the ended one would make two open memberships.
	if _, err := f.svc.SaveMembership(ctx, curator, f.keep.ID, m.ID, directory.Chair, m.From, time.Time{}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("reopening: %v", err)
	}
	// A membership of another network cannot be reached through this one.
	if _, err := f.svc.EndMembership(ctx, curator, f.drop.ID, m.ID, time.Time{}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("through another network: %v", err)
	}
	if err := f.svc.AddMembership(ctx, curator, &directory.Member{NetworkID: f.keep.ID, PersonID: ptr(int64(999999)), Role: directory.MemberOf}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("an unknown person: %v", err)
	}
	current, past, err := f.svc.Memberships(ctx, f.keep.ID)
	if err != nil || len(current) != 1 || len(past) != 1 || past[0].ID != m.ID || !past[0].To.Equal(utcDay(2025, 12, 31)) {
		t.Errorf("current %+v, past %+v, %v", current, past, err)
	}
	entries, _, _ := f.db.ListAudit(ctx, audit.Filter{RecordType: directory.RecordNetwork, Action: directory.ActionMemberEnd})
	if len(entries) != 1 || entries[0].Actor != curator || entries[0].RecordID != f.keep.ID ||
		!slices.ContainsFunc(entries[0].Changes, func(c audit.Change) bool { return c.Field == "to" && c.After == "2025-12-31" }) {
		t.Errorf("end recorded as %+v", entries)
	}
}

func ptr[T any](v T) *T { return &v }

func TestMergeNetworksMovesEverything(t *testing.T) {
	f := newCuration(t)
	ctx := context.Background()
	add := func(n directory.Network, m directory.Member) {
		t.Helper()
		m.NetworkID = n.ID
		if err := f.svc.AddMembership(ctx, curator, &m); err != nil {
			t.Fatal(err)
		}
	}
	add(f.keep, directory.Member{PersonID: &f.aino.ID, Role: directory.Chair})
	add(f.drop, directory.Member{PersonID: &f.aino.ID, Role: directory.MemberOf})                             // keep's open one wins
	add(f.drop, directory.Member{PersonID: &f.sven.ID, Role: directory.Secretary})                            // moves
	add(f.drop, directory.Member{OrganisationID: &f.om.ID, Role: directory.Observer, To: utcDay(2020, 1, 1)}) // history moves
	doc := directory.Document{Title: "Report", Languages: []string{"en"}, URL: "https://example.org/r", Country: "INT",
		Type: directory.Report, Date: utcDay(2024, 1, 1), NetworkID: &f.drop.ID}
	if err := f.svc.AddDocument(ctx, curator, &doc); err != nil {
		t.Fatal(err)
	}
	cal := calendar.NewService(f.db, f.db, "test.example.org", time.Now)
	e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Meeting"}},
		Start: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 1, 11, 0, 0, 0, time.UTC), Zone: "Europe/Oslo",
		City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Internal,
		Organisers: []directory.Organisation{{ID: f.jd.ID}}, Networks: []directory.Network{{ID: f.drop.ID}, {ID: f.keep.ID}}}
	if err := cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.MergeNetworks(ctx, curator, f.keep.ID, f.drop.ID, f.drop.Version+5); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("stale version: %v", err)
	}
	if err := f.svc.MergeNetworks(ctx, curator, f.keep.ID, f.keep.ID, f.keep.Version); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("into itself: %v", err)
	}
	if err := f.svc.MergeNetworks(ctx, curator, f.keep.ID, f.drop.ID, f.drop.Version); err != nil {
		t.Fatal(err)
	}
	ms, _ := f.db.ListMembers(ctx, directory.MemberQuery{NetworkID: f.keep.ID})
	var roles []string
	for _, m := range ms {
		roles = append(roles, string(m.Role))
	}
	if !slices.Equal(roles, []string{"chair", "secretary", "observer"}) {
		t.Errorf("memberships after the merge: %v", roles)
	}
	if ms, _ := f.db.ListMembers(ctx, directory.MemberQuery{NetworkID: f.drop.ID}); len(ms) != 0 {
		t.Errorf("memberships left on the merged network: %+v", ms)
	}
	if d, _ := f.db.DocumentByID(ctx, doc.ID); d.NetworkID == nil || *d.NetworkID != f.keep.ID {
		t.Errorf("document publisher: %v", d.NetworkID)
	}
	got, _ := cal.EventAny(ctx, e.ID)
	if len(got.Networks) != 1 || got.Networks[0].ID != f.keep.ID {
		t.Errorf("event networks after the merge: %+v", got.Networks)
	}
	dropped, _ := f.db.NetworkByID(ctx, f.drop.ID)
	if dropped.Status != directory.NetworkMerged || dropped.MergedIntoID == nil || *dropped.MergedIntoID != f.keep.ID ||
		dropped.ParentBodies[lang.EN] != "Nordic Council of Ministers for Justice" {
		t.Errorf("merged network kept as %+v", dropped)
	}
	if _, err := f.svc.ArchiveNetwork(ctx, curator, f.drop.ID, dropped.Version, false); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("restoring a merged network: %v", err)
	}
	// Public readers see no memberships of networks that are not active.
	other := directory.Network{Slug: "closed", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Closed"}}
	if err := f.svc.AddNetwork(ctx, curator, &other); err != nil {
		t.Fatal(err)
	}
	add(other, directory.Member{PersonID: &f.sven.ID, Role: directory.MemberOf})
	if _, err := f.svc.ArchiveNetwork(ctx, curator, other.ID, other.Version, true); err != nil {
		t.Fatal(err)
	}
	roster, _ := f.svc.Roster(ctx, directory.Anonymous, directory.MemberQuery{PersonID: f.sven.ID})
	if len(roster) != 1 || roster[0].NetworkID != f.keep.ID {
		t.Errorf("Sven's public memberships: %+v", roster)
	}
}

func TestDocumentsWithFilesAndAttachments(t *testing.T) {
	f := newCuration(t)
	ctx := context.Background()
	pdf := []byte("%PDF-1.7\n% a test file\n%%EOF\n")
	d := directory.Document{Titles: lang.Texts{lang.FI: "Toimintaohjelma", lang.SV: "Handlingsprogram"}, Summaries: lang.Texts{lang.FI: "Tiivistelmä."},
		OriginalLang: lang.FI, Languages: []string{"fi", "sv", "en"}, Country: "FI", Type: directory.ActionPlan, Date: utcDay(2025, 6, 1),
		OrganisationID: &f.om.ID, Topics: []string{"victims", "labour"}, File: &directory.DocumentFile{Name: "Toimintaohjelma 2025.PDF", Content: pdf}}
	if err := f.svc.AddDocument(ctx, curator, &d); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.DocumentByID(ctx, d.ID)
	if err != nil || got.File == nil || got.File.Content != nil || got.File.Name != "toimintaohjelma-2025.pdf" || got.File.Size != int64(len(pdf)) ||
		!slices.Equal(got.Languages, []string{"fi", "sv", "en"}) || !slices.Equal(got.Topics, []string{"labour", "victims"}) ||
		got.Titles[lang.SV] != "Handlingsprogram" || got.Summaries[lang.FI] != "Tiivistelmä." || got.Title != "Toimintaohjelma" {
		t.Fatalf("stored %+v file %+v, %v", got, got.File, err)
	}
	file, err := f.svc.File(ctx, d.ID)
	if err != nil || !bytes.Equal(file.Content, pdf) || len(file.SHA256) != 64 {
		t.Fatalf("file %+v, %v", file, err)
	}
	for _, tc := range []struct {
		name string
		q    directory.DocumentQuery
		want int
	}{
		{"by language", directory.DocumentQuery{Lang: "sv"}, 1},
		{"by another language", directory.DocumentQuery{Lang: "no"}, 0},
		{"by topic", directory.DocumentQuery{Topic: "labour"}, 1},
		{"by year", directory.DocumentQuery{Year: 2025}, 1},
		{"by another year", directory.DocumentQuery{Year: 2024}, 0},
		{"by publisher", directory.DocumentQuery{OrganisationID: f.om.ID}, 1},
		{"by a translated title", directory.DocumentQuery{Query: "handlingsprogram"}, 1},
		{"by the summary", directory.DocumentQuery{Query: "tiivistelma"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if ds, err := f.svc.Documents(ctx, tc.q); err != nil || len(ds) != tc.want {
				t.Errorf("%d documents, want %d (%v)", len(ds), tc.want, err)
			}
		})
	}
	// Archived documents leave the library but stay on their events.
	cal := calendar.NewService(f.db, f.db, "test.example.org", time.Now)
	e := calendar.Event{Status: calendar.Published, OriginalLang: lang.FI, Texts: map[lang.Code]calendar.Text{lang.FI: {Title: "Työryhmän kokous"}},
		Start: time.Date(2027, 2, 1, 11, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 1, 13, 0, 0, 0, time.UTC), Zone: "Europe/Helsinki",
		City: "Helsinki", Country: "FI", Attendance: calendar.Hybrid, OnlineURL: "https://meet.example.org/x", Category: calendar.Meeting,
		Audience: calendar.Invitation, Organisers: []directory.Organisation{{ID: f.om.ID}}}
	if err := cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	before, _ := f.db.DataVersion(ctx)
	if err := f.svc.Attach(ctx, curator, e.ID, d.ID, directory.AttachAgenda); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.db.DataVersion(ctx); after.Stamp == before.Stamp {
		t.Error("attaching did not move the change stamp: the cached event page would stay old")
	}
	if err := f.svc.Attach(ctx, curator, e.ID, d.ID, directory.AttachReport); err != nil {
		t.Fatalf("changing the role: %v", err)
	}
	if err := f.svc.Attach(ctx, curator, 999999, d.ID, directory.AttachAgenda); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("an unknown event: %v", err)
	}
	if _, err := f.svc.ArchiveDocument(ctx, curator, d.ID, got.Version, true); err != nil {
		t.Fatal(err)
	}
	if ds, _ := f.svc.Documents(ctx, directory.DocumentQuery{}); len(ds) != 0 {
		t.Errorf("an archived document is in the library: %+v", ds)
	}
	as, err := f.svc.Attachments(ctx, e.ID)
	if err != nil || len(as) != 1 || as[0].Role != directory.AttachReport || as[0].Document.Title != "Toimintaohjelma" {
		t.Errorf("attachments %+v, %v", as, err)
	}
	if file, err := f.svc.File(ctx, d.ID); err != nil || !bytes.Equal(file.Content, pdf) {
		t.Errorf("archiving lost the file: %v", err)
	}
	if err := f.svc.Detach(ctx, curator, e.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Detach(ctx, curator, e.ID, d.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("detaching twice: %v", err)
	}
	entries, _, _ := f.db.ListAudit(ctx, audit.Filter{RecordType: directory.RecordDocument})
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
	}
	slices.Reverse(actions)
	if !slices.Equal(actions, []string{"document.create", "document.attach", "document.attach", "document.archive", "document.detach"}) {
		t.Errorf("audit %v", actions)
	}
}
