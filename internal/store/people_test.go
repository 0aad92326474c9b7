// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

var curator = audit.Actor{ID: 7, Email: "curator@example.org"}

type dirFixture struct {
	db   *store.DB
	svc  *directory.Service
	om   directory.Organisation
	jd   directory.Organisation
	net  directory.Network
	ctx  context.Context
	t    testing.TB
	seen map[string]directory.Person
}

func newDirFixture(t testing.TB) *dirFixture {
	t.Helper()
	db := storetest.Open(t)
	f := &dirFixture{db: db, svc: directory.NewService(db), ctx: context.Background(), t: t, seen: map[string]directory.Person{}}
	f.svc.SetClock(func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) })
	f.om = directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Abbreviation: "OM", Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice"}}
	f.jd = directory.Organisation{Slug: "jamstalldhet-se", OriginalLang: lang.SV, Country: "SE", Type: directory.Agency,
		Names: lang.Texts{lang.SV: "Jämställdhetsmyndigheten", lang.EN: "Swedish Gender Equality Agency"}}
	for _, o := range []*directory.Organisation{&f.om, &f.jd} {
		if err := f.svc.AddOrganisation(f.ctx, curator, o); err != nil {
			t.Fatal(err)
		}
	}
	f.net = directory.Network{Slug: "coordinators", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic coordinators"}}
	if err := f.svc.CreateNetwork(f.ctx, &f.net); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *dirFixture) person(given, family string, vis directory.Visibility, mod ...func(*directory.Person)) directory.Person {
	f.t.Helper()
	p := directory.Person{GivenName: given, FamilyName: family, Country: "FI", Visibility: vis, OrganisationID: &f.om.ID,
		Email: strings.ToLower(lang.Fold(given+"."+family)) + "@example.org", LegalBasis: directory.PublicTask,
		LegalBasisDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Titles: lang.Texts{lang.FI: "Kansallinen koordinaattori"},
		OriginalLang: lang.FI, Roles: []directory.Role{directory.NationalCoordinator}, Languages: []string{"fi", "sv"}}
	for _, m := range mod {
		m(&p)
	}
	if err := f.svc.AddPerson(f.ctx, curator, &p); err != nil {
		f.t.Fatalf("add %s %s: %v", given, family, err)
	}
	return p
}

func names(ps []directory.Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name())
	}
	return out
}

func TestSearchIgnoresCaseAndNordicAccents(t *testing.T) {
	f := newDirFixture(t)
	f.person("Aino", "Mäkelä", directory.Public)
	f.person("Søren", "Ærø", directory.Public)
	f.person("Åsa", "Öberg", directory.Public, func(p *directory.Person) { p.Titles = lang.Texts{lang.SV: "Handläggare för jämställdhet"} })
	cases := []struct{ q, want string }{
		{"makela", "Aino Mäkelä"},
		{"MÄKELÄ", "Aino Mäkelä"},
		{"soren aero", "Søren Ærø"},
		{"asa oberg", "Åsa Öberg"},
		{"jamstalldhet", "Åsa Öberg"},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			r, err := f.svc.Search(f.ctx, directory.Anonymous, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(r.People); len(got) != 1 || got[0] != c.want {
				t.Errorf("people for %q: %v, want [%s]", c.q, got, c.want)
			}
		})
	}
	r, err := f.svc.Search(f.ctx, directory.Anonymous, "jamstalldhet")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Organisations) != 1 || r.Organisations[0].Slug != "jamstalldhet-se" {
		t.Errorf("organisations for jamstalldhet: %+v", r.Organisations)
	}
	if r, _ := f.svc.Search(f.ctx, directory.Anonymous, "50%_"); !r.Empty() {
		t.Errorf("LIKE wildcards must be literal: %+v", r)
	}
}

func TestAnonymousViewersSeePublicPeopleOnly(t *testing.T) {
	f := newDirFixture(t)
	pub := f.person("Aino", "Mäkelä", directory.Public)
	sec := f.person("Eeva", "Secret", directory.Secretariat)
	hid := f.person("Hilla", "Hidden", directory.Hidden)
	for _, p := range []directory.Person{pub, sec, hid} {
		if err := f.svc.AddMember(f.ctx, &directory.Member{NetworkID: f.net.ID, PersonID: &p.ID, Role: directory.MemberOf}); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := f.svc.People(f.ctx, directory.Anonymous, directory.PersonQuery{})
	if got := names(all); len(got) != 1 || got[0] != "Aino Mäkelä" {
		t.Errorf("anonymous list: %v", got)
	}
	cur, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{})
	if len(cur) != 3 {
		t.Errorf("curator list: %v", names(cur))
	}
	for _, p := range []directory.Person{sec, hid} {
		if _, err := f.svc.Person(f.ctx, directory.Anonymous, p.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("anonymous reads %s: %v, want NotFound", p.Name(), err)
		}
		r, _ := f.svc.Search(f.ctx, directory.Anonymous, p.FamilyName)
		if len(r.People) != 0 {
			t.Errorf("anonymous search finds %s", p.Name())
		}
	}
	roster, err := f.svc.Roster(f.ctx, directory.Anonymous, directory.MemberQuery{NetworkID: f.net.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(roster) != 1 || roster[0].Person.ID != pub.ID {
		t.Errorf("anonymous roster: %+v", roster)
	}
}

func TestUpdatePersonChecksVersionAndAudits(t *testing.T) {
	f := newDirFixture(t)
	p := f.person("Aino", "Mäkelä", directory.Public)
	stale := p
	p.Phone = "+358 29 555 0101"
	if err := f.svc.SavePerson(f.ctx, curator, &p); err != nil {
		t.Fatal(err)
	}
	stale.Phone = "+358 29 555 0999"
	if err := f.svc.SavePerson(f.ctx, curator, &stale); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("stale save: %v, want Conflict", err)
	}
	entries, _, _ := f.db.ListAudit(f.ctx, audit.Filter{RecordType: directory.RecordPerson})
	if len(entries) != 2 || entries[0].Action != directory.ActionPersonUpdate {
		t.Fatalf("audit: %+v", entries)
	}
	if c := entries[0].Changes; len(c) != 1 || c[0].Field != "phone" || c[0].After != "+358 29 555 0101" {
		t.Errorf("changes: %+v", c)
	}
}

func TestErasureRemovesThePersonEverywhere(t *testing.T) {
	f := newDirFixture(t)
	p := f.person("Aino", "Mäkelä", directory.Public)
	if err := f.svc.AddMember(f.ctx, &directory.Member{NetworkID: f.net.ID, PersonID: &p.ID, Role: directory.Chair}); err != nil {
		t.Fatal(err)
	}
	p.Phone = "+358 29 555 0101"
	if err := f.svc.SavePerson(f.ctx, curator, &p); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ErasePerson(f.ctx, curator, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.PersonByID(f.ctx, p.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("person still stored: %v", err)
	}
	if ms, _ := f.db.ListMembers(f.ctx, directory.MemberQuery{PersonID: p.ID}); len(ms) != 0 {
		t.Errorf("memberships left: %+v", ms)
	}
	entries, _, _ := f.db.ListAudit(f.ctx, audit.Filter{})
	for _, e := range entries {
		if e.RecordType != directory.RecordPerson {
			continue
		}
		blob := fmt.Sprintf("%s %+v", e.RecordLabel, e.Changes)
		for _, pd := range []string{"Mäkelä", "Aino", "example.org", "555"} {
			if strings.Contains(blob, pd) {
				t.Errorf("audit entry %s still holds %q: %s", e.Action, pd, blob)
			}
		}
	}
	if entries[0].Action != directory.ActionPersonErase || entries[0].RecordID != p.ID {
		t.Errorf("last entry: %+v", entries[0])
	}
	if err := f.svc.ErasePerson(f.ctx, curator, p.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("second erasure: %v", err)
	}
}

func TestMergePeopleCombinesAndMovesMemberships(t *testing.T) {
	f := newDirFixture(t)
	keep := f.person("Aino", "Mäkelä", directory.Public, func(p *directory.Person) { p.Phone = "" })
	drop := f.person("A.", "Makela", directory.Public, func(p *directory.Person) {
		p.Phone, p.Email = "+358 29 555 0102", "aino.dup@example.org"
		p.Roles = []directory.Role{directory.ContactPoint}
	})
	if err := f.svc.AddMember(f.ctx, &directory.Member{NetworkID: f.net.ID, PersonID: &drop.ID, Role: directory.Chair}); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version, drop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "+358 29 555 0102" || !got.HasRole(directory.ContactPoint) || !got.HasRole(directory.NationalCoordinator) {
		t.Errorf("merged: %+v", got)
	}
	if _, err := f.db.PersonByID(f.ctx, drop.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("duplicate not deleted: %v", err)
	}
	ms, _ := f.db.ListMembers(f.ctx, directory.MemberQuery{NetworkID: f.net.ID})
	if len(ms) != 1 || *ms[0].PersonID != keep.ID || ms[0].Role != directory.Chair {
		t.Errorf("memberships: %+v", ms)
	}
	if _, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version, drop.ID); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("merging a gone duplicate: %v", err)
	}
}

func TestOrganisationCuration(t *testing.T) {
	f := newDirFixture(t)
	dup := directory.Organisation{Slug: "oikeusministerio", OriginalLang: lang.FI, Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö (kaksoiskappale)"}}
	if err := f.svc.AddOrganisation(f.ctx, curator, &dup); err != nil {
		t.Fatal(err)
	}
	p := f.person("Aino", "Mäkelä", directory.Public, func(p *directory.Person) { p.OrganisationID = &dup.ID })
	if err := f.svc.DeleteOrganisation(f.ctx, curator, dup.ID, dup.Version); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("delete in use: %v", err)
	}
	if err := f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, dup.ID, dup.Version+1); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("merge with a stale version: %v", err)
	}
	if err := f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, dup.ID, dup.Version); err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.PersonByID(f.ctx, p.ID)
	if got.OrganisationID == nil || *got.OrganisationID != f.om.ID {
		t.Errorf("person not moved by the merge: %v", got.OrganisationID)
	}
	if _, err := f.db.OrganisationByID(f.ctx, dup.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("duplicate kept: %v", err)
	}
	empty := directory.Organisation{Slug: "empty-unit", OriginalLang: lang.EN, Country: "FI", Type: directory.Agency, Names: lang.Texts{lang.EN: "Empty"}, ParentID: &f.om.ID}
	if err := f.svc.AddOrganisation(f.ctx, curator, &empty); err != nil {
		t.Fatal(err)
	}
	om, _ := f.db.OrganisationByID(f.ctx, f.om.ID)
	om.ParentID = &empty.ID
	if err := f.svc.SaveOrganisation(f.ctx, curator, &om); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a cycle of units: %v", err)
	}
	if err := f.svc.DeleteOrganisation(f.ctx, curator, empty.ID, empty.Version); err != nil {
		t.Errorf("delete unused: %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	f := newDirFixture(t)
	existing := f.person("Aino", "Mäkelä", directory.Public)
	csv := "given_name,family_name,organisation,title_en,email,phone,country,languages,roles,visibility,legal_basis,legal_basis_date\r\n" +
		"Aino,Mäkelä,om-fi,National coordinator,aino.makela@example.org,+358 29 555 0100,FI,fi sv,national_coordinator,public,public_task,2026-01-05\r\n" +
		"Bjørn,Dæhli,om-fi,,bjorn@example.org,,NO,no,contact_point,public,consent,2026-02-01\r\n" +
		"Bad,Row,nowhere,,not-an-email,,XX,,king,secret,,2026-13-01\r\n"
	plan, err := f.svc.PlanImport(f.ctx, directory.ImportPeople, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if plan.OK() || plan.Count(directory.ImportError) != 1 || plan.Count(directory.ImportCreate) != 1 || plan.Count(directory.ImportUpdate) != 1 {
		t.Fatalf("plan: %+v", plan)
	}
	bad := plan.Rows[2]
	for _, col := range []string{"organisation", "email", "country", "roles", "visibility", "legal_basis", "legal_basis_date"} {
		if bad.Errors[col] == "" {
			t.Errorf("row 4: no error for %s (%v)", col, bad.Errors)
		}
	}
	if _, err := f.svc.ApplyImport(f.ctx, curator, directory.ImportPeople, strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{})
	if len(all) != 1 || all[0].Phone != existing.Phone {
		t.Fatalf("a plan with errors changed data: %v", names(all))
	}
	good := strings.Join(strings.Split(csv, "\r\n")[:3], "\r\n")
	plan, err = f.svc.ApplyImport(f.ctx, curator, directory.ImportPeople, strings.NewReader(good))
	if err != nil || !plan.OK() {
		t.Fatalf("apply: %v %+v", err, plan)
	}
	all, _ = f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{})
	if len(all) != 2 || all[0].Name() != "Bjørn Dæhli" || all[1].Phone != "+358 29 555 0100" {
		t.Errorf("after import: %+v", all)
	}
	// A failure inside the transaction rolls back the rows before it.
	orgCSV := "slug,name_en,original_lang,country,type,parent\nnew-unit,New unit,en,FI,agency,om-fi\nsecond-unit,Second,en,FI,agency,new-unit\n"
	plan, _ = f.svc.PlanImport(f.ctx, directory.ImportOrganisations, strings.NewReader(orgCSV))
	if !plan.OK() {
		t.Fatalf("org plan: %+v", plan)
	}
	plan.Rows[1].Organisation.Slug = "om-fi" // collides in the database, after the first row was written
	if err := f.db.ApplyImport(f.ctx, plan, curator); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("colliding import: %v", err)
	}
	if _, err := f.db.OrganisationBySlug(f.ctx, "new-unit"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("half an import was stored: %v", err)
	}
}

// BenchmarkSearchPeople searches a directory of 10,000 people, accent-folded.
func BenchmarkSearchPeople(b *testing.B) {
	f := newDirFixture(b)
	given := []string{"Aino", "Åsa", "Søren", "Bjørn", "Eero", "Jóna", "Märta", "Ólafur", "Kirsti", "Jens"}
	family := []string{"Mäkelä", "Öberg", "Ærø", "Dæhli", "Virtanen", "Jónsdóttir", "Lindqvist", "Hansen", "Nieminen", "Berg"}
	ctx := context.Background()
	svc := f.svc
	for i := 0; i < 10000; i++ {
		p := directory.Person{GivenName: given[i%10], FamilyName: fmt.Sprintf("%s%d", family[(i/10)%10], i),
			Country: "FI", Visibility: directory.Public, LegalBasis: directory.PublicTask, LegalBasisDate: time.Now(),
			Email: fmt.Sprintf("p%d@example.org", i), Titles: lang.Texts{lang.EN: "Senior adviser"}}
		if i%3 == 0 {
			p.Visibility = directory.Hidden
		}
		if err := svc.AddPerson(ctx, curator, &p); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := svc.Search(ctx, directory.Anonymous, "makela 12")
		if err != nil || len(r.People) == 0 {
			b.Fatalf("%v %d", err, len(r.People))
		}
	}
}
