// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

const peopleHeader = "given_name,family_name,organisation,title_en,title_sv,email,phone,country,languages,roles,visibility,legal_basis,legal_basis_date\r\n"

func (f *fixture) plan(kind directory.ImportKind, file string) directory.ImportPlan {
	f.t.Helper()
	plan, err := f.svc.PlanImport(f.ctx, kind, strings.NewReader(file))
	if err != nil {
		f.t.Fatalf("plan: %v", err)
	}
	return plan
}

func TestPlanImportOfAGoodPeopleFile(t *testing.T) {
	f := newFixture(t)
	file := peopleHeader +
		"Aino,Mäkelä,om-fi,National coordinator,Nationell samordnare,Aino.Makela@Example.org,+358 29 555 0100,fi,\"fi; SV,en\",national_coordinator contact_point,PUBLIC,public_task,2026-01-05\r\n" +
		"Bjørn,Dæhli,JD-NO,,,bjorn.daehli@example.org,'+47 22 55 50 00,NO,no,,secretariat,consent,2026-02-01\r\n"
	plan := f.plan(directory.ImportPeople, file)
	if !plan.OK() || plan.Error != "" || plan.Kind != directory.ImportPeople {
		t.Fatalf("plan %+v", plan)
	}
	if len(plan.Rows) != 2 || plan.Count(directory.ImportCreate) != 2 {
		t.Fatalf("rows %+v", plan.Rows)
	}
	aino, bjorn := plan.Rows[0], plan.Rows[1]
	if aino.Line != 2 || bjorn.Line != 3 || aino.Label != "Aino Mäkelä" {
		t.Errorf("lines %d %d, label %q", aino.Line, bjorn.Line, aino.Label)
	}
	p := aino.Person
	if p.Email != "aino.makela@example.org" || p.Country != "FI" || p.Visibility != directory.Public ||
		*p.OrganisationID != f.om.ID || !p.VerifiedAt.Equal(today) || !p.LegalBasisDate.Equal(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("person %+v", p)
	}
	if !slices.Equal(p.Languages, []string{"fi", "sv", "en"}) ||
		!slices.Equal(p.Roles, []directory.Role{directory.NationalCoordinator, directory.ContactPoint}) {
		t.Errorf("lists %v %v", p.Languages, p.Roles)
	}
	// The original language is the first of lang.All that has a title.
	if p.OriginalLang != lang.SV || p.Titles[lang.EN] != "National coordinator" {
		t.Errorf("titles %q in %s", p.Titles, p.OriginalLang)
	}
	q := bjorn.Person
	if q.Phone != "+47 22 55 50 00" {
		t.Errorf("the export's formula guard was not undone: %q", q.Phone)
	}
	if *q.OrganisationID != f.jd.ID || q.OriginalLang != lang.EN || len(q.Titles) != 0 || q.Roles != nil {
		t.Errorf("person %+v", q)
	}
	if !slices.Contains(fieldsOf(aino), "email") || !slices.Contains(fieldsOf(aino), "title_sv") {
		t.Errorf("changes of a new row: %v", fieldsOf(aino))
	}
	if all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{}); len(all) != 0 {
		t.Errorf("planning stored %d people", len(all))
	}
}

func fieldsOf(r directory.ImportRow) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, c.Field)
	}
	return out
}

func TestPlanImportReadsTheHeader(t *testing.T) {
	row := "Aino,Mäkelä,aino@example.org,FI,public,consent,2026-01-05\n"
	for _, tc := range []struct {
		name   string
		file   string
		err    string
		rows   int
		family string
	}{
		{"columns in any order and case", "Given_Name , FAMILY_NAME,email,country,visibility,legal_basis,legal_basis_date\n" + row, "", 1, "Mäkelä"},
		{"a byte order mark", "\ufeffgiven_name,family_name,email,country,visibility,legal_basis,legal_basis_date\n" + row, "", 1, "Mäkelä"},
		{"a byte order mark before a quoted header", "\ufeff\"given_name\",\"family_name\",\"email\",\"country\",\"visibility\",\"legal_basis\",\"legal_basis_date\"\n" + row, "", 1, "Mäkelä"},
		{"a reordered header maps the values", "family_name,given_name,email,country,visibility,legal_basis,legal_basis_date\n" + row, "", 1, "Aino"},
		{"an unknown column", "given_name,family_name,e-mail\nAino,Mäkelä,aino@example.org\n", "directory.import.unknown_column", 0, ""},
		{"an organisations file as people", "slug,name_en\nom-fi,Ministry of Justice\n", "directory.import.unknown_column", 0, ""},
		{"a blank column name", "given_name,family_name,\nAino,Mäkelä,\n", "directory.import.unknown_column", 0, ""},
		{"a header only", "given_name,family_name\n", "directory.import.empty", 0, ""},
		{"an empty file", "", "directory.import.unreadable", 0, ""},
		{"broken quoting", "given_name,family_name\n\"Aino,Mäkelä\n", "directory.import.unreadable", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			plan := f.plan(directory.ImportPeople, tc.file)
			if plan.Error != tc.err || len(plan.Rows) != tc.rows {
				t.Fatalf("error %q with %d rows, want %q with %d", plan.Error, len(plan.Rows), tc.err, tc.rows)
			}
			if plan.OK() != (tc.err == "") {
				t.Errorf("OK %v with error %q", plan.OK(), plan.Error)
			}
			if tc.rows > 0 && plan.Rows[0].Person.FamilyName != tc.family {
				t.Errorf("family name %q, want %q", plan.Rows[0].Person.FamilyName, tc.family)
			}
		})
	}
	t.Run("an unknown kind is invalid", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.svc.PlanImport(f.ctx, "events", strings.NewReader(""))
		wantFields(t, fieldErrors(t, err), map[string]string{"kind": "validation.choice"})
	})
}

func TestPlanImportReportsBadRowsByLine(t *testing.T) {
	f := newFixture(t)
	file := peopleHeader +
		"Aino,Mäkelä,om-fi,,,aino@example.org,,FI,fi,,public,public_task,2026-01-05\r\n" + // line 2: good
		"Bad,Row,nowhere,,,not-an-email,12,XX,klingon,king,secret,contract,2026-13-01\r\n" + // line 3
		"\"Multi\",Line,om-fi,\"Coordinator,\r\nsecond line\",,multi@example.org,,FI,,,public,consent,2026-01-05\r\n" + // lines 4-5
		"\r\n" + // line 6: blank, skipped
		"Cai,Carlsson,om-fi,,,AINO@example.org,,SE,sv,,public,consent,\r\n" + // line 7: duplicate e-mail, no date
		"Short,Row\r\n" + // line 8: missing fields
		"Aino,M\xe4kel\xe4,om-fi,,,,,FI,,,public,consent,2026-01-05\r\n" // line 9: Latin-1, not UTF-8
	plan := f.plan(directory.ImportPeople, file)
	if plan.OK() || plan.Error != "" {
		t.Fatalf("plan OK %v, error %q", plan.OK(), plan.Error)
	}
	var lines []int
	for _, r := range plan.Rows {
		lines = append(lines, r.Line)
	}
	if want := []int{2, 3, 4, 7, 8, 9}; !slices.Equal(lines, want) {
		t.Errorf("lines %v, want %v (the line each record starts on)", lines, want)
	}
	if plan.Count(directory.ImportError) != 5 || plan.Count(directory.ImportCreate) != 1 {
		t.Errorf("%d errors, %d creates", plan.Count(directory.ImportError), plan.Count(directory.ImportCreate))
	}
	for _, tc := range []struct {
		row  int
		want map[string]string
	}{
		{0, nil},
		{1, map[string]string{"organisation": "directory.import.unknown_organisation", "email": "validation.email", "phone": "validation.phone",
			"country": "validation.country.unknown", "languages": "validation.choice", "roles": "validation.choice",
			"visibility": "validation.choice", "legal_basis": "validation.choice", "legal_basis_date": "validation.date"}},
		{2, map[string]string{"title_en": "validation.text"}},
		{3, map[string]string{"email": "directory.import.duplicate", "legal_basis_date": "validation.required"}},
		{4, map[string]string{"country": "validation.country.unknown", "legal_basis": "validation.choice",
			"legal_basis_date": "validation.required"}},
		{5, map[string]string{"family_name": "validation.text"}},
	} {
		r := plan.Rows[tc.row]
		wantFields(t, r.Errors, tc.want)
		if (r.Action == directory.ImportError) != (tc.want != nil) {
			t.Errorf("line %d: action %s with errors %v", r.Line, r.Action, r.Errors)
		}
	}
	if _, err := f.svc.ApplyImport(f.ctx, curator, directory.ImportPeople, strings.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	if all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{}); len(all) != 0 {
		t.Errorf("a plan with errors stored %d people", len(all))
	}
}

func TestPlanImportLimitsRows(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("given_name,family_name,country,visibility,legal_basis,legal_basis_date\n")
	for i := range directory.MaxImportRows {
		fmt.Fprintf(&b, "Person,Number %d,FI,hidden,consent,2026-01-05\n", i)
	}
	full := b.String()
	if plan := f.plan(directory.ImportPeople, full); !plan.OK() || len(plan.Rows) != directory.MaxImportRows {
		t.Fatalf("at the limit: error %q, %d rows", plan.Error, len(plan.Rows))
	}
	plan := f.plan(directory.ImportPeople, full+"One,Too many,FI,hidden,consent,2026-01-05\n")
	if plan.Error != "directory.import.too_many" || plan.OK() || len(plan.Rows) != 0 {
		t.Errorf("over the limit: error %q, %d rows", plan.Error, len(plan.Rows))
	}
}

func TestImportPeopleUpdatesByEmail(t *testing.T) {
	f := newFixture(t)
	existing := f.person("Aino", "Mäkelä", func(p *directory.Person) {
		p.Titles = lang.Texts{lang.EN: "National coordinator"}
		p.VerifiedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	})
	same := "Aino,Mäkelä,om-fi,National coordinator,,aino.makela@example.org,+358 29 555 0100,FI,fi sv,national_coordinator,public,public_task,2026-01-05\r\n"
	moved := "Aino,Mäkelä,jd-no,National coordinator,,AINO.MAKELA@example.org,+358 29 555 0100,FI,fi sv,national_coordinator,public,public_task,2026-01-05\r\n"

	plan := f.plan(directory.ImportPeople, peopleHeader+same)
	if r := plan.Rows[0]; r.Action != directory.ImportUnchanged || len(r.Changes) != 0 || r.Person.ID != existing.ID {
		t.Errorf("the same entry again: %s %+v (verification alone is no change)", r.Action, r.Changes)
	}
	plan, err := f.svc.ApplyImport(f.ctx, curator, directory.ImportPeople, strings.NewReader(peopleHeader+moved))
	if err != nil || !plan.OK() {
		t.Fatalf("apply: %v %+v", err, plan)
	}
	if r := plan.Rows[0]; r.Action != directory.ImportUpdate || !slices.Equal(fieldsOf(r), []string{"organisation"}) {
		t.Errorf("a changed entry: %s %v", r.Action, fieldsOf(r))
	}
	got, _ := f.db.PersonByID(f.ctx, existing.ID)
	if *got.OrganisationID != f.jd.ID || got.Version != existing.Version+1 || !got.VerifiedAt.Equal(today) {
		t.Errorf("stored %v version %d verified %v", *got.OrganisationID, got.Version, got.VerifiedAt)
	}
	if all, _ := f.svc.People(f.ctx, directory.Curator, directory.PersonQuery{}); len(all) != 1 {
		t.Errorf("an update by e-mail created a second entry: %d", len(all))
	}
	e := f.audit(directory.RecordPerson)[0]
	if e.Action != directory.ActionPersonUpdate || e.RecordID != existing.ID || e.Actor != curator || !slices.Contains(changed(e), "organisation") {
		t.Errorf("audit %+v", e)
	}
	t.Run("a stale plan is a conflict and stores nothing", func(t *testing.T) {
		plan := f.plan(directory.ImportPeople, peopleHeader+same)
		got.Phone = "+358 29 555 0111"
		if err := f.svc.SavePerson(f.ctx, curator, &got); err != nil {
			t.Fatal(err)
		}
		wantErr(t, f.db.ApplyImport(f.ctx, plan, curator), apperr.Conflict, "error.conflict.version")
	})
}

func TestImportOrganisations(t *testing.T) {
	const header = "slug,name_en,name_fi,original_lang,abbreviation,country,type,parent,website\n"
	t.Run("a unit may name a parent from an earlier row", func(t *testing.T) {
		f := newFixture(t)
		file := header +
			"migri-fi,Finnish Immigration Service,Maahanmuuttovirasto,fi,Migri,fi,AGENCY,,https://migri.fi\n" +
			"migri-ikut,IKUT project,IKUT-hanke,fi,,FI,agency,migri-fi,\n" +
			"om-thb,Anti-trafficking unit,,,,FI,ministry,OM-FI,\n"
		plan, err := f.svc.ApplyImport(f.ctx, curator, directory.ImportOrganisations, strings.NewReader(file))
		if err != nil || !plan.OK() || plan.Count(directory.ImportCreate) != 3 {
			t.Fatalf("apply: %v %+v", err, plan)
		}
		migri, err := f.svc.OrganisationBySlug(f.ctx, "migri-fi")
		if err != nil {
			t.Fatal(err)
		}
		if migri.Country != "FI" || migri.Type != directory.Agency || migri.OriginalLang != lang.FI || migri.Names[lang.FI] != "Maahanmuuttovirasto" {
			t.Errorf("migri %+v", migri)
		}
		ikut, _ := f.svc.OrganisationBySlug(f.ctx, "migri-ikut")
		if ikut.ParentID == nil || *ikut.ParentID != migri.ID {
			t.Errorf("the unit's parent %v, want %d", ikut.ParentID, migri.ID)
		}
		thb, _ := f.svc.OrganisationBySlug(f.ctx, "om-thb")
		if thb.ParentID == nil || *thb.ParentID != f.om.ID || thb.OriginalLang != lang.EN {
			t.Errorf("om-thb parent %v, language %s", thb.ParentID, thb.OriginalLang)
		}
		var creates int
		for _, e := range f.audit(directory.RecordOrganisation) {
			if e.Action == directory.ActionOrgCreate && e.Actor == curator {
				creates++
			}
		}
		if creates != 2+3 { // the fixture's two and the file's three
			t.Errorf("%d create entries", creates)
		}
	})
	t.Run("bad rows", func(t *testing.T) {
		f := newFixture(t)
		file := header +
			"later-unit,Unit,,,,FI,agency,defined-later,\n" + // line 2
			"defined-later,Parent,,,,FI,agency,,\n" + // line 3
			"loop,Loop,,,,FI,agency,loop,\n" + // line 4
			"defined-later,Again,,,,FI,agency,,\n" + // line 5
			"Bad Slug,,,xx,,XX,club,,ftp://x\n" // line 6
		plan := f.plan(directory.ImportOrganisations, file)
		if plan.OK() || plan.Count(directory.ImportError) != 4 {
			t.Fatalf("plan %+v", plan)
		}
		for i, want := range []map[string]string{
			{"parent": "directory.import.unknown_organisation"},
			nil,
			{"parent": "validation.parent_self"},
			{"slug": "directory.import.duplicate"},
			{"slug": "validation.slug", "original_lang": "validation.lang.unknown", "name": "validation.required",
				"country": "validation.country.unknown", "type": "validation.choice", "website": "validation.url"},
		} {
			if r := plan.Rows[i]; r.Line != i+2 {
				t.Errorf("row %d on line %d", i, r.Line)
			}
			wantFields(t, plan.Rows[i].Errors, want)
		}
	})
	t.Run("an existing organisation is updated by slug", func(t *testing.T) {
		f := newFixture(t)
		const h = "slug,name_fi,name_sv,name_en,original_lang,abbreviation,country,type\n"
		same := "om-fi,Oikeusministeriö,Justitieministeriet,Ministry of Justice,fi,OM,FI,ministry\n"
		plan := f.plan(directory.ImportOrganisations, h+same)
		if r := plan.Rows[0]; r.Action != directory.ImportUnchanged || r.Organisation.ID != f.om.ID {
			t.Errorf("unchanged row: %s %+v", r.Action, r.Changes)
		}
		renamed := "om-fi,Oikeusministeriö,Justitieministeriet,Ministry of Justice of Finland,fi,OM,FI,ministry\n"
		plan, err := f.svc.ApplyImport(f.ctx, curator, directory.ImportOrganisations, strings.NewReader(h+renamed))
		if err != nil || plan.Rows[0].Action != directory.ImportUpdate || !slices.Equal(fieldsOf(plan.Rows[0]), []string{"name_en"}) {
			t.Fatalf("apply: %v %+v", err, plan.Rows)
		}
		got, _ := f.svc.Organisation(f.ctx, f.om.ID)
		if got.Names[lang.EN] != "Ministry of Justice of Finland" || got.Version != 2 {
			t.Errorf("stored %+v", got)
		}
		e := f.audit(directory.RecordOrganisation)[0]
		if e.Action != directory.ActionOrgUpdate || e.RecordID != f.om.ID {
			t.Errorf("audit %+v", e)
		}
	})
}

func TestImportPlanOK(t *testing.T) {
	rows := []directory.ImportRow{{Action: directory.ImportCreate}, {Action: directory.ImportUnchanged}, {Action: directory.ImportCreate}}
	for _, tc := range []struct {
		name string
		plan directory.ImportPlan
		want bool
	}{
		{"rows without errors", directory.ImportPlan{Rows: rows}, true},
		{"no rows", directory.ImportPlan{}, false},
		{"a file error", directory.ImportPlan{Rows: rows, Error: "directory.import.unreadable"}, false},
		{"a row error", directory.ImportPlan{Rows: append(slices.Clone(rows), directory.ImportRow{Action: directory.ImportError})}, false},
	} {
		if got := tc.plan.OK(); got != tc.want {
			t.Errorf("%s: OK %v, want %v", tc.name, got, tc.want)
		}
	}
	if n := (directory.ImportPlan{Rows: rows}).Count(directory.ImportCreate); n != 2 {
		t.Errorf("count %d, want 2", n)
	}
}
