// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestAddPerson(t *testing.T) {
	t.Run("stores the normalised entry, verified today, with an audit entry", func(t *testing.T) {
		f := newFixture(t)
		p := validPerson()
		p.GivenName, p.Email, p.OrganisationID = " Aino ", "Aino.Makela@Example.org", &f.om.ID
		if err := f.svc.AddPerson(f.ctx, curator, &p); err != nil {
			t.Fatal(err)
		}
		if p.ID == 0 || p.Version != 1 {
			t.Fatalf("id %d version %d", p.ID, p.Version)
		}
		got, err := f.db.PersonByID(f.ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.GivenName != "Aino" || got.Email != "aino.makela@example.org" || !got.VerifiedAt.Equal(today) ||
			got.Titles[lang.FI] != "Kansallinen koordinaattori" || !slices.Equal(got.Languages, []string{"fi", "sv"}) {
			t.Errorf("stored %+v", got)
		}
		es := f.audit(directory.RecordPerson)
		if len(es) != 1 || es[0].Action != directory.ActionPersonCreate || es[0].RecordID != p.ID ||
			es[0].RecordLabel != "Aino Mäkelä" || es[0].Actor != curator {
			t.Fatalf("audit %+v", es)
		}
		for _, c := range es[0].Changes {
			if c.Before != "" {
				t.Errorf("a new entry has a before value: %+v", c)
			}
		}
		if !slices.Contains(changed(es[0]), "email") || !slices.Contains(changed(es[0]), "title_fi") {
			t.Errorf("created fields %v", changed(es[0]))
		}
	})
	t.Run("keeps a verification date the caller gives", func(t *testing.T) {
		f := newFixture(t)
		p := f.person("Bo", "Berg", func(p *directory.Person) { p.VerifiedAt = time.Date(2024, 6, 1, 15, 0, 0, 0, time.UTC) })
		got, _ := f.db.PersonByID(f.ctx, p.ID)
		if want := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC); !got.VerifiedAt.Equal(want) {
			t.Errorf("verified %v, want %v", got.VerifiedAt, want)
		}
	})
	t.Run("a new entry without visibility is hidden", func(t *testing.T) {
		f := newFixture(t)
		p := f.person("Bo", "Berg", func(p *directory.Person) { p.Visibility = "" })
		if p.Visibility != directory.Hidden {
			t.Errorf("visibility %q", p.Visibility)
		}
	})
	t.Run("an invalid entry stores nothing", func(t *testing.T) {
		f := newFixture(t)
		p := validPerson()
		p.Email = "not an address"
		wantFields(t, fieldErrors(t, f.svc.AddPerson(f.ctx, curator, &p)), map[string]string{"email": "validation.email"})
		if all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{}); len(all) != 0 || len(f.audit(directory.RecordPerson)) != 0 {
			t.Errorf("stored %d people and an audit entry", len(all))
		}
	})
	t.Run("an unknown organisation is refused", func(t *testing.T) {
		f := newFixture(t)
		p := validPerson()
		p.OrganisationID = ptr(int64(999))
		if err := f.svc.AddPerson(f.ctx, curator, &p); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("error %v, want Invalid", err)
		}
		if all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{}); len(all) != 0 {
			t.Errorf("stored %d people", len(all))
		}
	})
}

func TestViewersSeeOnlyWhatTheyMay(t *testing.T) {
	f := newFixture(t)
	pub := f.person("Aino", "Mäkelä")
	sec := f.person("Bo", "Berg", func(p *directory.Person) { p.Visibility = directory.Secretariat })
	hid := f.person("Cai", "Carlsson", func(p *directory.Person) { p.Visibility = directory.Hidden })
	for _, tc := range []struct {
		v    directory.Viewer
		want []int64
	}{
		{directory.Anonymous, []int64{pub.ID}},
		{directory.Curator, []int64{sec.ID, hid.ID, pub.ID}}, // by family name
	} {
		got, err := f.svc.People(f.ctx, tc.v, directory.PersonQuery{Visibilities: directory.Visibilities})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), tc.want) {
			t.Errorf("viewer %d sees %v, want %v", tc.v, ids(got), tc.want)
		}
		for _, p := range []directory.Person{pub, sec, hid} {
			_, err := f.svc.Person(f.ctx, tc.v, p.ID)
			if visible := slices.Contains(tc.want, p.ID); visible != (err == nil) {
				t.Errorf("viewer %d, person %s: %v", tc.v, p.Visibility, err)
			} else if !visible && !apperr.Is(err, apperr.NotFound) {
				t.Errorf("a hidden entry is %v, want NotFound", err)
			}
		}
	}
	if _, err := f.svc.Person(f.ctx, directory.Curator, 999); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown person: %v", err)
	}
}

func TestSavePerson(t *testing.T) {
	f := newFixture(t)
	p := f.person("Aino", "Mäkelä", func(p *directory.Person) { p.VerifiedAt = time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC) })
	stale := p
	t.Run("stores the change and audits only the changed fields", func(t *testing.T) {
		p.Phone, p.Titles[lang.SV] = "+358 29 555 0101", "Nationell samordnare"
		if err := f.svc.SavePerson(f.ctx, curator, &p); err != nil {
			t.Fatal(err)
		}
		if p.Version != 2 {
			t.Errorf("version %d, want 2", p.Version)
		}
		got, _ := f.db.PersonByID(f.ctx, p.ID)
		if got.Phone != "+358 29 555 0101" || got.Titles[lang.SV] != "Nationell samordnare" || got.Version != 2 {
			t.Errorf("stored %+v", got)
		}
		if !got.VerifiedAt.Equal(today) {
			t.Errorf("saving did not verify: %v", got.VerifiedAt)
		}
		e := f.audit(directory.RecordPerson)[0]
		if e.Action != directory.ActionPersonUpdate || e.RecordID != p.ID {
			t.Fatalf("audit %+v", e)
		}
		if want := []string{"phone", "title_sv", "verified_at", "verified_by"}; !slices.Equal(changed(e), want) {
			t.Errorf("changed %v, want %v", changed(e), want)
		}
	})
	t.Run("a stale version is a conflict and changes nothing", func(t *testing.T) {
		stale.Phone = "+358 29 555 0999"
		wantErr(t, f.svc.SavePerson(f.ctx, curator, &stale), apperr.Conflict, "error.conflict.version")
		got, _ := f.db.PersonByID(f.ctx, p.ID)
		if got.Phone != "+358 29 555 0101" || got.Version != 2 {
			t.Errorf("stored %q version %d", got.Phone, got.Version)
		}
		if n := len(f.audit(directory.RecordPerson)); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
	})
	t.Run("invalid input is refused before the store", func(t *testing.T) {
		bad := p
		bad.Country = "XX"
		wantFields(t, fieldErrors(t, f.svc.SavePerson(f.ctx, curator, &bad)), map[string]string{"country": "validation.country.unknown"})
	})
	t.Run("an unknown person is NotFound", func(t *testing.T) {
		gone := p
		gone.ID = 999
		wantErr(t, f.svc.SavePerson(f.ctx, curator, &gone), apperr.NotFound, "")
	})
}

func TestMovePerson(t *testing.T) {
	f := newFixture(t)
	p := f.person("Aino", "Mäkelä")
	moved, err := f.svc.MovePerson(f.ctx, curator, p.ID, p.Version, f.jd.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.PersonByID(f.ctx, p.ID)
	if got.OrganisationID == nil || *got.OrganisationID != f.jd.ID || moved.Version != 2 || got.Version != 2 {
		t.Fatalf("after the move: %v version %d", got.OrganisationID, got.Version)
	}
	e := f.audit(directory.RecordPerson)[0]
	if e.Action != directory.ActionPersonMove || !slices.Equal(changed(e), []string{"organisation"}) ||
		e.Changes[0].Before != strconv.FormatInt(f.om.ID, 10) || e.Changes[0].After != strconv.FormatInt(f.jd.ID, 10) {
		t.Errorf("audit %+v", e)
	}
	t.Run("to an unknown organisation", func(t *testing.T) {
		_, err := f.svc.MovePerson(f.ctx, curator, p.ID, moved.Version, 999)
		wantFields(t, fieldErrors(t, err), map[string]string{"organisation": "validation.choice"})
	})
	t.Run("at a stale version", func(t *testing.T) {
		_, err := f.svc.MovePerson(f.ctx, curator, p.ID, p.Version, f.om.ID)
		wantErr(t, err, apperr.Conflict, "error.conflict.version")
		if got, _ := f.db.PersonByID(f.ctx, p.ID); *got.OrganisationID != f.jd.ID {
			t.Errorf("a stale move moved the person")
		}
	})
	t.Run("an unknown person", func(t *testing.T) {
		_, err := f.svc.MovePerson(f.ctx, curator, 999, 1, f.om.ID)
		wantErr(t, err, apperr.NotFound, "")
	})
}

func TestVerifyPersonAndStaleEntries(t *testing.T) {
	f := newFixture(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	older := f.person("Aino", "Mäkelä", func(p *directory.Person) { p.VerifiedAt = day(2024, 3, 1) })
	old := f.person("Bo", "Berg", func(p *directory.Person) { p.VerifiedAt = day(2025, 6, 1) })
	f.person("Cai", "Carlsson", func(p *directory.Person) { p.VerifiedAt = day(2025, 11, 24) }) // within the year
	f.person("Dan", "Dahl", func(p *directory.Person) { p.Visibility = directory.Hidden; p.VerifiedAt = day(2025, 1, 1) })
	stale, err := f.svc.Stale(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range stale {
		got = append(got, p.Name())
	}
	if want := []string{"Aino Mäkelä", "Dan Dahl", "Bo Berg"}; !slices.Equal(got, want) {
		t.Errorf("stale %q, want %q (oldest first, hidden entries too)", got, want)
	}

	v, err := f.svc.VerifyPerson(f.ctx, curator, old.ID, old.Version)
	if err != nil {
		t.Fatal(err)
	}
	if !v.VerifiedAt.Equal(today) || v.Version != 2 {
		t.Errorf("verified %v version %d", v.VerifiedAt, v.Version)
	}
	e := f.audit(directory.RecordPerson)[0]
	if e.Action != directory.ActionPersonVerify || !slices.Equal(changed(e), []string{"verified_at", "verified_by"}) ||
		e.Changes[0].Before != "2025-06-01" || e.Changes[0].After != "2026-11-23" {
		t.Errorf("audit %+v", e)
	}
	if stale, _ = f.svc.Stale(f.ctx); slices.Contains(ids(stale), old.ID) {
		t.Errorf("a verified entry is still stale")
	}
	_, err = f.svc.VerifyPerson(f.ctx, curator, old.ID, old.Version)
	wantErr(t, err, apperr.Conflict, "error.conflict.version")
	_, err = f.svc.VerifyPerson(f.ctx, curator, 999, 1)
	wantErr(t, err, apperr.NotFound, "")

	// A year later the entry verified today is due again.
	f.now = f.now.AddDate(1, 0, 1)
	if stale, _ = f.svc.Stale(f.ctx); !slices.Contains(ids(stale), old.ID) || !slices.Contains(ids(stale), older.ID) {
		t.Errorf("a year later: %v", ids(stale))
	}
}

func TestMergePeople(t *testing.T) {
	setup := func(t *testing.T) (*fixture, directory.Person, directory.Person) {
		f := newFixture(t)
		keep := f.person("Aino", "Mäkelä", func(p *directory.Person) {
			p.Phone, p.OrganisationID = "", nil
			p.Titles = lang.Texts{lang.FI: "Kansallinen koordinaattori"}
			p.VerifiedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		})
		drop := f.person("A.", "Makela", func(p *directory.Person) {
			p.Email, p.Phone = "aino.dup@example.org", "+358 29 555 0102"
			p.Titles = lang.Texts{lang.FI: "Koordinaattori", lang.EN: "National coordinator"}
			p.Languages, p.Roles = []string{"sv", "en"}, []directory.Role{directory.ContactPoint, directory.NationalCoordinator}
			p.VerifiedAt = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		})
		return f, keep, drop
	}
	t.Run("fills keep from drop, combines lists and moves memberships", func(t *testing.T) {
		f, keep, drop := setup(t)
		other := directory.Network{Slug: "police-network", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic Police Network"}}
		if err := f.svc.CreateNetwork(f.ctx, &other); err != nil {
			t.Fatal(err)
		}
		f.member(directory.Member{NetworkID: f.net.ID, PersonID: &keep.ID, Role: directory.MemberOf})
		f.member(directory.Member{NetworkID: f.net.ID, PersonID: &drop.ID, Role: directory.Chair})
		f.member(directory.Member{NetworkID: other.ID, PersonID: &drop.ID, Role: directory.Secretary})

		got, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version, drop.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := f.db.PersonByID(f.ctx, keep.ID)
		for _, p := range []directory.Person{got, stored} {
			if p.GivenName != "Aino" || p.Email != "aino.makela@example.org" {
				t.Errorf("keep's own values were overwritten: %q %q", p.GivenName, p.Email)
			}
			if p.Phone != "+358 29 555 0102" || p.OrganisationID == nil || *p.OrganisationID != f.om.ID {
				t.Errorf("empty fields not filled from the duplicate: %q %v", p.Phone, p.OrganisationID)
			}
			if p.Titles[lang.FI] != "Kansallinen koordinaattori" || p.Titles[lang.EN] != "National coordinator" {
				t.Errorf("titles %q", p.Titles)
			}
			if !slices.Equal(p.Languages, []string{"fi", "sv", "en"}) {
				t.Errorf("languages %v", p.Languages)
			}
			if !slices.Equal(p.Roles, []directory.Role{directory.NationalCoordinator, directory.ContactPoint}) {
				t.Errorf("roles %v", p.Roles)
			}
			if !p.VerifiedAt.Equal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("verified %v, want the newer date", p.VerifiedAt)
			}
		}
		if stored.Version != keep.Version+1 {
			t.Errorf("version %d, want %d", stored.Version, keep.Version+1)
		}
		if _, err := f.db.PersonByID(f.ctx, drop.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the duplicate is still stored: %v", err)
		}
		ms, _ := f.db.ListMembers(f.ctx, directory.MemberQuery{PersonID: keep.ID})
		var roles []string
		for _, m := range ms {
			roles = append(roles, fmt.Sprintf("%d:%s", m.NetworkID, m.Role))
		}
		// keep stays member of the network both were in, with its own role.
		if want := []string{fmt.Sprintf("%d:member", f.net.ID), fmt.Sprintf("%d:secretary", other.ID)}; !slices.Equal(roles, want) {
			t.Errorf("memberships %v, want %v", roles, want)
		}
		e := f.audit(directory.RecordPerson)[0]
		if e.Action != directory.ActionPersonMerge || e.RecordID != keep.ID {
			t.Fatalf("audit %+v", e)
		}
		from := e.Changes[len(e.Changes)-1]
		if from.Field != "merged_from" || from.Before != strconv.FormatInt(drop.ID, 10) {
			t.Errorf("merged_from %+v", from)
		}
	})
	t.Run("a stale keep version is a conflict and keeps the duplicate", func(t *testing.T) {
		f, keep, drop := setup(t)
		_, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version+1, drop.ID)
		wantErr(t, err, apperr.Conflict, "error.conflict.version")
		if _, err := f.db.PersonByID(f.ctx, drop.ID); err != nil {
			t.Errorf("the duplicate went in a failed merge: %v", err)
		}
		if got, _ := f.db.PersonByID(f.ctx, keep.ID); got.Phone != "" {
			t.Errorf("keep changed in a failed merge: %+v", got)
		}
	})
	t.Run("refuses merging a person into themselves", func(t *testing.T) {
		f, keep, _ := setup(t)
		_, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version, keep.ID)
		wantFields(t, fieldErrors(t, err), map[string]string{"merge": "directory.merge.same"})
	})
	t.Run("an unknown duplicate is invalid, an unknown keep not found", func(t *testing.T) {
		f, keep, drop := setup(t)
		_, err := f.svc.MergePeople(f.ctx, curator, keep.ID, keep.Version, 999)
		wantFields(t, fieldErrors(t, err), map[string]string{"merge": "directory.merge.unknown"})
		_, err = f.svc.MergePeople(f.ctx, curator, 999, 1, drop.ID)
		wantErr(t, err, apperr.NotFound, "")
	})
}

// TestErasePerson checks what GDPR article 17 asks: after erasure nothing
// identifies the person, and the trail keeps only that an erasure happened.
func TestErasePerson(t *testing.T) {
	f := newFixture(t)
	// An earlier duplicate merged into the person holds their data too.
	dup := f.person("A.", "Mäkelä", func(p *directory.Person) { p.Email, p.Phone = "a.makela@example.org", "+358 40 555 0199" })
	p := f.person("Aino", "Mäkelä", func(p *directory.Person) { p.Phone = "" })
	bystander := f.person("Bo", "Berg")
	f.member(directory.Member{NetworkID: f.net.ID, PersonID: &p.ID, Role: directory.Chair})
	f.member(directory.Member{NetworkID: f.net.ID, PersonID: &bystander.ID, Role: directory.MemberOf})
	p, err := f.svc.MergePeople(f.ctx, curator, p.ID, p.Version, dup.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Titles[lang.SV] = "Nationell samordnare"
	if err := f.svc.SavePerson(f.ctx, curator, &p); err != nil {
		t.Fatal(err)
	}
	before := f.audit(directory.RecordPerson)

	if err := f.svc.ErasePerson(f.ctx, curator, p.ID); err != nil {
		t.Fatal(err)
	}
	t.Run("the entry and its memberships are gone", func(t *testing.T) {
		if _, err := f.db.PersonByID(f.ctx, p.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("still stored: %v", err)
		}
		all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{})
		if !slices.Equal(ids(all), []int64{bystander.ID}) {
			t.Errorf("people left %v", ids(all))
		}
		for _, q := range []string{"aino", "makela", "samordnare", "example.org"} {
			found, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{Query: q})
			if slices.Contains(ids(found), p.ID) {
				t.Errorf("search %q still finds the person", q)
			}
		}
		ms, _ := f.db.ListMembers(f.ctx, directory.MemberQuery{NetworkID: f.net.ID})
		if len(ms) != 1 || *ms[0].PersonID != bystander.ID {
			t.Errorf("memberships left %+v", ms)
		}
	})
	t.Run("the trail says only that something happened", func(t *testing.T) {
		after := f.audit(directory.RecordPerson)
		if len(after) != len(before)+1 {
			t.Fatalf("%d entries after erasure, want %d: erasure keeps the trail's shape", len(after), len(before)+1)
		}
		erase := after[0]
		if erase.Action != directory.ActionPersonErase || erase.RecordID != p.ID || erase.Actor != curator ||
			erase.RecordLabel != "" || len(erase.Changes) != 0 {
			t.Errorf("erasure entry %+v", erase)
		}
		for i, e := range after[1:] {
			if e.Action != before[i].Action || e.RecordID != before[i].RecordID || !e.At.Equal(before[i].At) {
				t.Errorf("entry %d changed its action, record or time: %+v", i, e)
			}
			about := e.RecordID == p.ID || e.RecordID == dup.ID
			blob := e.RecordLabel + fmt.Sprint(e.Changes)
			if about && (e.RecordLabel != "" || len(e.Changes) != 0) {
				t.Errorf("%s entry about the erased person keeps %q", e.Action, blob)
			}
			if !about && e.RecordLabel != "Bo Berg" {
				t.Errorf("%s entry about someone else was blanked: %+v", e.Action, e)
			}
			if about {
				continue
			}
			for _, pd := range []string{"Aino", "Mäkelä", "makela", "0199"} {
				if strings.Contains(blob, pd) {
					t.Errorf("%s entry still holds %q", e.Action, pd)
				}
			}
		}
	})
	t.Run("erasing again is NotFound", func(t *testing.T) {
		wantErr(t, f.svc.ErasePerson(f.ctx, curator, p.ID), apperr.NotFound, "")
		if n := len(f.audit(directory.RecordPerson)); n != len(before)+1 {
			t.Errorf("a failed erasure was recorded: %d entries", n)
		}
	})
}

func TestRoster(t *testing.T) {
	f := newFixture(t)
	migri := f.org("migri-fi", func(o *directory.Organisation) { o.Names = lang.Texts{lang.FI: "Maahanmuuttovirasto"} })
	chair := f.person("Øystein", "Ås", func(p *directory.Person) { p.OrganisationID, p.Country = &f.jd.ID, "NO" })
	member := f.person("Aino", "Mäkelä")
	hidden := f.person("Cai", "Carlsson", func(p *directory.Person) { p.Visibility = directory.Hidden })
	f.member(directory.Member{NetworkID: f.net.ID, PersonID: &member.ID, Role: directory.MemberOf})
	f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &migri.ID, Role: directory.Observer})
	f.member(directory.Member{NetworkID: f.net.ID, PersonID: &hidden.ID, Role: directory.Chair})
	f.member(directory.Member{NetworkID: f.net.ID, PersonID: &chair.ID, Role: directory.Chair})
	f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &f.om.ID, Role: directory.MemberOf})

	label := func(r directory.RosterEntry) string {
		if r.Person != nil {
			return string(r.Role) + " " + r.Person.Name()
		}
		return string(r.Role) + " " + r.Organisation.Slug
	}
	for _, tc := range []struct {
		v    directory.Viewer
		want []string
	}{
		{directory.Anonymous, []string{"chair Øystein Ås", "member Aino Mäkelä", "member om-fi", "observer migri-fi"}},
		{directory.Curator, []string{"chair Øystein Ås", "chair Cai Carlsson", "member Aino Mäkelä", "member om-fi", "observer migri-fi"}},
	} {
		rs, err := f.svc.Roster(f.ctx, tc.v, directory.MemberQuery{NetworkID: f.net.ID})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, label(r))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("viewer %d: roster %q, want %q", tc.v, got, tc.want)
		}
		for _, r := range rs {
			if r.Network == nil || r.Network.ID != f.net.ID {
				t.Errorf("%s: network %v", label(r), r.Network)
			}
			if r.Person != nil && r.Person.ID == chair.ID && (r.PersonOrg == nil || r.PersonOrg.ID != f.jd.ID || r.Country() != "NO") {
				t.Errorf("the chair's organisation %v, country %s", r.PersonOrg, r.Country())
			}
		}
	}
}

func TestMembersAndDocuments(t *testing.T) {
	f := newFixture(t)
	p := f.person("Aino", "Mäkelä")
	t.Run("a membership is validated, then unique per network", func(t *testing.T) {
		wantFields(t, fieldErrors(t, f.svc.AddMember(f.ctx, &directory.Member{NetworkID: f.net.ID, Role: directory.Chair})),
			map[string]string{"member": "validation.one_of"})
		f.member(directory.Member{NetworkID: f.net.ID, PersonID: &p.ID, Role: directory.Chair})
		if err := f.svc.AddMember(f.ctx, &directory.Member{NetworkID: f.net.ID, PersonID: &p.ID, Role: directory.Deputy}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("the same person twice: %v, want Conflict", err)
		}
		if err := f.svc.AddMember(f.ctx, &directory.Member{NetworkID: 999, PersonID: &p.ID, Role: directory.Deputy}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an unknown network: %v, want Invalid", err)
		}
	})
	t.Run("documents are validated and listed newest first", func(t *testing.T) {
		bad := validDocument()
		bad.URL = "http://example.org/plain.pdf"
		wantFields(t, fieldErrors(t, f.svc.CreateDocument(f.ctx, &bad)), map[string]string{"url": "validation.https"})
		old := validDocument()
		old.Title, old.Date, old.Country, old.Lang, old.OrganisationID = "Toimintaohjelma ihmiskaupan vastaiseksi työksi", time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), "FI", "fi", &f.om.ID
		newer := validDocument()
		for _, d := range []*directory.Document{&old, &newer} {
			if err := f.svc.CreateDocument(f.ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		ds, err := f.svc.Documents(f.ctx, directory.DocumentQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 2 || ds[0].ID != newer.ID || ds[1].ID != old.ID {
			t.Errorf("documents %+v", ds)
		}
		if ds, _ := f.svc.Documents(f.ctx, directory.DocumentQuery{OrganisationID: f.om.ID}); len(ds) != 1 || ds[0].ID != old.ID {
			t.Errorf("by organisation: %+v", ds)
		}
		unknown := validDocument()
		unknown.NetworkID = ptr(int64(999))
		if err := f.svc.CreateDocument(f.ctx, &unknown); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an unknown network: %v, want Invalid", err)
		}
	})
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	pub := f.person("Aino", "Mäkelä", func(p *directory.Person) { p.Titles = lang.Texts{lang.SV: "Jämställdhetsexpert"} })
	f.person("Aino", "Hidden-Mäkelä", func(p *directory.Person) { p.Visibility = directory.Hidden })
	d := validDocument()
	d.Title = "Oikeusministeriön toimintaohjelma"
	if err := f.svc.CreateDocument(f.ctx, &d); err != nil {
		t.Fatal(err)
	}
	t.Run("finds every kind, ignoring case and accents", func(t *testing.T) {
		r, err := f.svc.Search(f.ctx, directory.Anonymous, "MAKELA")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(r.People), []int64{pub.ID}) {
			t.Errorf("anonymous search found %v, want only the public entry", ids(r.People))
		}
		if r, _ = f.svc.Search(f.ctx, directory.Curator, "makela"); len(r.People) != 2 {
			t.Errorf("a curator finds %d, want 2", len(r.People))
		}
		if r, _ = f.svc.Search(f.ctx, directory.Anonymous, "jamstalldhet"); !slices.Equal(ids(r.People), []int64{pub.ID}) {
			t.Errorf("title search %v", ids(r.People))
		}
		r, _ = f.svc.Search(f.ctx, directory.Anonymous, "oikeusministerio")
		if len(r.Organisations) != 1 || r.Organisations[0].ID != f.om.ID || len(r.Documents) != 1 || r.Empty() {
			t.Errorf("organisations %v documents %v", r.Organisations, r.Documents)
		}
		if r, _ = f.svc.Search(f.ctx, directory.Anonymous, "national coordinators"); len(r.Networks) != 1 {
			t.Errorf("networks %v", r.Networks)
		}
		if r, _ = f.svc.Search(f.ctx, directory.Anonymous, "makela oikeusministerio"); !r.Empty() {
			t.Errorf("every word must match: %+v", r)
		}
	})
	t.Run("a blank query finds nothing", func(t *testing.T) {
		if r, err := f.svc.Search(f.ctx, directory.Curator, "   "); err != nil || !r.Empty() {
			t.Errorf("%+v %v", r, err)
		}
	})
	t.Run("a query too long is refused", func(t *testing.T) {
		_, err := f.svc.Search(f.ctx, directory.Curator, strings.Repeat("a", directory.MaxQuery+1))
		wantErr(t, err, apperr.Invalid, "filter.invalid")
		if _, err := f.svc.Search(f.ctx, directory.Curator, strings.Repeat("a", directory.MaxQuery)); err != nil {
			t.Errorf("at the limit: %v", err)
		}
	})
}
