// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestAddOrganisation(t *testing.T) {
	f := newFixture(t)
	o := validOrg()
	if err := f.svc.AddOrganisation(f.ctx, curator, &o); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Organisation(f.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Slug != "migri-fi" || got.Names[lang.EN] != "Finnish Immigration Service" || got.Switchboard != o.Switchboard || got.Version != 1 {
		t.Errorf("stored %+v", got)
	}
	if bySlug, err := f.svc.OrganisationBySlug(f.ctx, "migri-fi"); err != nil || bySlug.ID != o.ID {
		t.Errorf("by slug: %v %v", bySlug.ID, err)
	}
	e := f.audit(directory.RecordOrganisation)[0]
	if e.Action != directory.ActionOrgCreate || e.RecordID != o.ID || e.RecordLabel != "Finnish Immigration Service" || e.Actor != curator {
		t.Errorf("audit %+v", e)
	}
	t.Run("a taken slug is a conflict", func(t *testing.T) {
		dup := validOrg()
		if err := f.svc.AddOrganisation(f.ctx, curator, &dup); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("error %v, want Conflict", err)
		}
	})
	t.Run("an invalid organisation stores nothing", func(t *testing.T) {
		bad := validOrg()
		bad.Slug, bad.Type = "new-one", "club"
		wantFields(t, fieldErrors(t, f.svc.AddOrganisation(f.ctx, curator, &bad)), map[string]string{"type": "validation.choice"})
		if _, err := f.svc.OrganisationBySlug(f.ctx, "new-one"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stored: %v", err)
		}
	})
	t.Run("an unknown parent is refused", func(t *testing.T) {
		unit := validOrg()
		unit.Slug, unit.ParentID = "orphan-unit", ptr(int64(999))
		if err := f.svc.AddOrganisation(f.ctx, curator, &unit); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("error %v, want Invalid", err)
		}
	})
}

func TestSaveOrganisation(t *testing.T) {
	f := newFixture(t)
	// om-fi ← unit ← team: a chain of units.
	unit := f.org("om-criminal-policy", func(o *directory.Organisation) { o.ParentID = &f.om.ID })
	team := f.org("om-thb-team", func(o *directory.Organisation) { o.ParentID = &unit.ID })

	t.Run("stores the change and audits the changed fields", func(t *testing.T) {
		o, _ := f.svc.Organisation(f.ctx, f.om.ID)
		o.Names[lang.DA], o.Website = "Justitsministeriet", "https://oikeusministerio.fi"
		if err := f.svc.SaveOrganisation(f.ctx, curator, &o); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.Organisation(f.ctx, f.om.ID)
		if got.Names[lang.DA] != "Justitsministeriet" || got.Website != "https://oikeusministerio.fi" || got.Version != 2 {
			t.Errorf("stored %+v", got)
		}
		e := f.audit(directory.RecordOrganisation)[0]
		if e.Action != directory.ActionOrgUpdate || e.RecordID != f.om.ID || !slices.Equal(changed(e), []string{"name_da", "website"}) {
			t.Errorf("audit %+v", e)
		}
	})
	t.Run("a stale version is a conflict", func(t *testing.T) {
		stale := f.om // version 1
		stale.Abbreviation = "OM-FI"
		wantErr(t, f.svc.SaveOrganisation(f.ctx, curator, &stale), apperr.Conflict, "error.conflict.version")
		if got, _ := f.svc.Organisation(f.ctx, f.om.ID); got.Abbreviation != "OM" {
			t.Errorf("a stale save changed the abbreviation to %q", got.Abbreviation)
		}
	})
	t.Run("an unknown organisation is NotFound", func(t *testing.T) {
		gone := validOrg()
		gone.ID = 999
		wantErr(t, f.svc.SaveOrganisation(f.ctx, curator, &gone), apperr.NotFound, "")
	})
	for _, tc := range []struct {
		name   string
		id     int64
		parent int64
		want   string
	}{
		{"its own parent", unit.ID, unit.ID, "validation.parent_self"},
		{"under its own sub-unit", unit.ID, team.ID, "validation.parent_self"},
		{"the top under the bottom of its chain", f.om.ID, team.ID, "validation.parent_self"},
		{"an unknown parent", unit.ID, 999, "validation.choice"},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			o, _ := f.svc.Organisation(f.ctx, tc.id)
			o.ParentID = &tc.parent
			wantFields(t, fieldErrors(t, f.svc.SaveOrganisation(f.ctx, curator, &o)), map[string]string{"parent": tc.want})
			if got, _ := f.svc.Organisation(f.ctx, tc.id); got.Version != o.Version {
				t.Errorf("a refused parent was stored")
			}
		})
	}
	t.Run("moves a unit to another parent", func(t *testing.T) {
		o, _ := f.svc.Organisation(f.ctx, team.ID)
		o.ParentID = &f.om.ID
		if err := f.svc.SaveOrganisation(f.ctx, curator, &o); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.svc.Organisation(f.ctx, team.ID); got.ParentID == nil || *got.ParentID != f.om.ID {
			t.Errorf("parent %v", got.ParentID)
		}
	})
}

func TestDeleteOrganisation(t *testing.T) {
	for _, tc := range []struct {
		name string
		use  func(f *fixture, o directory.Organisation)
	}{
		{"a person works there", func(f *fixture, o directory.Organisation) {
			f.person("Aino", "Mäkelä", func(p *directory.Person) { p.OrganisationID = &o.ID })
		}},
		{"it has a unit", func(f *fixture, o directory.Organisation) {
			f.org("a-unit", func(u *directory.Organisation) { u.ParentID = &o.ID })
		}},
		{"it is in a network", func(f *fixture, o directory.Organisation) {
			f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &o.ID, Role: directory.MemberOf})
		}},
		{"it published a document", func(f *fixture, o directory.Organisation) {
			d := validDocument()
			d.OrganisationID = &o.ID
			if err := f.svc.CreateDocument(f.ctx, &d); err != nil {
				f.t.Fatal(err)
			}
		}},
		{"it runs a network's secretariat", func(f *fixture, o directory.Organisation) {
			n := directory.Network{Slug: "hub", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Hub"}, SecretariatID: &o.ID}
			if err := f.svc.CreateNetwork(f.ctx, &n); err != nil {
				f.t.Fatal(err)
			}
		}},
	} {
		t.Run("refused while "+tc.name, func(t *testing.T) {
			f := newFixture(t)
			o := f.org("in-use")
			tc.use(f, o)
			wantErr(t, f.svc.DeleteOrganisation(f.ctx, curator, o.ID, o.Version), apperr.Conflict, "directory.org.in_use")
			if _, err := f.svc.Organisation(f.ctx, o.ID); err != nil {
				t.Errorf("deleted anyway: %v", err)
			}
		})
	}
	t.Run("an unused organisation goes, at its version", func(t *testing.T) {
		f := newFixture(t)
		o := f.org("unused")
		wantErr(t, f.svc.DeleteOrganisation(f.ctx, curator, o.ID, o.Version+1), apperr.Conflict, "error.conflict.version")
		if err := f.svc.DeleteOrganisation(f.ctx, curator, o.ID, o.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Organisation(f.ctx, o.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("still stored: %v", err)
		}
		e := f.audit(directory.RecordOrganisation)[0]
		if e.Action != directory.ActionOrgDelete || e.RecordID != o.ID || !slices.Contains(changed(e), "slug") || e.Changes[0].After != "" {
			t.Errorf("audit %+v", e)
		}
		wantErr(t, f.svc.DeleteOrganisation(f.ctx, curator, o.ID, o.Version), apperr.NotFound, "")
	})
}

func TestMergeOrganisations(t *testing.T) {
	f := newFixture(t)
	dup := f.org("oikeusministerio", func(o *directory.Organisation) {
		o.Names = lang.Texts{lang.FI: "Oikeusministeriö (kaksoiskappale)"}
	})
	p := f.person("Aino", "Mäkelä", func(p *directory.Person) { p.OrganisationID = &dup.ID })
	unit := f.org("a-unit", func(u *directory.Organisation) { u.ParentID = &dup.ID })
	f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &f.om.ID, Role: directory.Chair})
	f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &dup.ID, Role: directory.MemberOf})
	other := directory.Network{Slug: "hub", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Hub"}, SecretariatID: &dup.ID}
	if err := f.svc.CreateNetwork(f.ctx, &other); err != nil {
		t.Fatal(err)
	}
	f.member(directory.Member{NetworkID: other.ID, OrganisationID: &dup.ID, Role: directory.Secretary})
	d := validDocument()
	d.OrganisationID = &dup.ID
	if err := f.svc.CreateDocument(f.ctx, &d); err != nil {
		t.Fatal(err)
	}

	t.Run("refuses merging an organisation into itself", func(t *testing.T) {
		wantFields(t, fieldErrors(t, f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, f.om.ID, f.om.Version)),
			map[string]string{"merge": "directory.merge.same"})
	})
	t.Run("an unknown duplicate is invalid, an unknown keep not found", func(t *testing.T) {
		wantFields(t, fieldErrors(t, f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, 999, 1)),
			map[string]string{"merge": "directory.merge.unknown"})
		wantErr(t, f.svc.MergeOrganisations(f.ctx, curator, 999, dup.ID, dup.Version), apperr.NotFound, "")
	})
	t.Run("a stale version of the duplicate is a conflict", func(t *testing.T) {
		wantErr(t, f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, dup.ID, dup.Version+1), apperr.Conflict, "error.conflict.version")
		if _, err := f.svc.Organisation(f.ctx, dup.ID); err != nil {
			t.Errorf("the duplicate went in a failed merge: %v", err)
		}
	})
	t.Run("moves everything to keep and deletes the duplicate", func(t *testing.T) {
		before, _ := f.svc.Organisation(f.ctx, f.om.ID)
		if err := f.svc.MergeOrganisations(f.ctx, curator, f.om.ID, dup.ID, dup.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Organisation(f.ctx, dup.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the duplicate is kept: %v", err)
		}
		if got, _ := f.db.PersonByID(f.ctx, p.ID); got.OrganisationID == nil || *got.OrganisationID != f.om.ID {
			t.Errorf("person's organisation %v", got.OrganisationID)
		}
		if got, _ := f.svc.Organisation(f.ctx, unit.ID); got.ParentID == nil || *got.ParentID != f.om.ID {
			t.Errorf("unit's parent %v", got.ParentID)
		}
		if ds, _ := f.svc.Documents(f.ctx, directory.DocumentQuery{OrganisationID: f.om.ID}); len(ds) != 1 {
			t.Errorf("documents of keep: %d", len(ds))
		}
		if n, _ := f.svc.NetworkBySlug(f.ctx, "hub"); n.SecretariatID == nil || *n.SecretariatID != f.om.ID {
			t.Errorf("secretariat %v", n.SecretariatID)
		}
		ms, _ := f.db.ListMembers(f.ctx, directory.MemberQuery{OrganisationID: f.om.ID})
		var got []directory.MemberRole
		for _, m := range ms {
			got = append(got, m.Role)
		}
		// In a network both were in, keep keeps its own role.
		if want := []directory.MemberRole{directory.Chair, directory.Secretary}; !slices.Equal(got, want) {
			t.Errorf("memberships %v, want %v", got, want)
		}
		if after, _ := f.svc.Organisation(f.ctx, f.om.ID); after.Version != before.Version+1 {
			t.Errorf("keep's version %d, want %d: feeds are cached by it", after.Version, before.Version+1)
		}
		e := f.audit(directory.RecordOrganisation)[0]
		if e.Action != directory.ActionOrgMerge || e.RecordID != f.om.ID || len(e.Changes) != 1 ||
			e.Changes[0].Field != "merged_from" || e.Changes[0].Before != "oikeusministerio" {
			t.Errorf("audit %+v", e)
		}
	})
}

func TestServiceClock(t *testing.T) {
	svc := directory.NewService(nil)
	svc.SetClock(func() time.Time { return time.Date(2026, 3, 1, 23, 30, 0, 0, time.FixedZone("EET", 2*3600)) })
	if want := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC); !svc.Today().Equal(want) {
		t.Errorf("today %v, want %v (the UTC day)", svc.Today(), want)
	}
}
