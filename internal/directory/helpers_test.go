// SPDX-License-Identifier: AGPL-3.0-or-later

// The tests are an external package because internal/store imports
// directory: they run the Service against the real store (SQLite, or
// PostgreSQL when NORDCAL_TEST_POSTGRES is set, see storetest).
package directory_test

import (
	"context"
	"errors"
	"maps"
	"slices"
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

// today is the day of the fixture's clock, which reads 09:00 UTC.
var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

type fixture struct {
	t   testing.TB
	ctx context.Context
	db  *store.DB
	svc *directory.Service
	now time.Time
	om  directory.Organisation // Finnish Ministry of Justice
	jd  directory.Organisation // Norwegian Ministry of Justice
	net directory.Network
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := storetest.Open(t)
	f := &fixture{t: t, ctx: context.Background(), db: db, svc: directory.NewService(db), now: today.Add(9 * time.Hour)}
	f.svc.SetClock(func() time.Time { return f.now })
	f.om = f.org("om-fi", func(o *directory.Organisation) {
		o.OriginalLang, o.Abbreviation, o.Country, o.Type = lang.FI, "OM", "FI", directory.Ministry
		o.Names = lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice"}
	})
	f.jd = f.org("jd-no", func(o *directory.Organisation) {
		o.OriginalLang, o.Abbreviation, o.Country, o.Type = lang.NO, "JD", "NO", directory.Ministry
		o.Names = lang.Texts{lang.NO: "Justis- og beredskapsdepartementet", lang.EN: "Ministry of Justice and Public Security"}
	})
	f.net = directory.Network{Slug: "coordinators", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic Working Group of National Coordinators"}}
	if err := f.svc.CreateNetwork(f.ctx, &f.net); err != nil {
		t.Fatal(err)
	}
	return f
}

// validOrg returns an organisation that passes Validate.
func validOrg() directory.Organisation {
	return directory.Organisation{Slug: "migri-fi", OriginalLang: lang.FI, Abbreviation: "Migri", Country: "FI",
		Type: directory.Agency, Website: "https://migri.fi", Switchboard: "+358 295 555 000", Address: "Panimokatu 2a, Helsinki",
		Names: lang.Texts{lang.FI: "Maahanmuuttovirasto", lang.EN: "Finnish Immigration Service"}}
}

// validPerson returns a contact that passes Validate, with no organisation.
func validPerson() directory.Person {
	return directory.Person{GivenName: "Aino", FamilyName: "Mäkelä", Titles: lang.Texts{lang.FI: "Kansallinen koordinaattori"},
		OriginalLang: lang.FI, Email: "aino.makela@example.org", Phone: "+358 29 555 0100", Country: "FI",
		Languages: []string{"fi", "sv"}, Roles: []directory.Role{directory.NationalCoordinator}, Visibility: directory.Public,
		LegalBasis: directory.PublicTask, LegalBasisDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}
}

func (f *fixture) org(slug string, mod ...func(*directory.Organisation)) directory.Organisation {
	f.t.Helper()
	o := validOrg()
	o.Slug, o.Website, o.Switchboard, o.Address = slug, "", "", ""
	for _, m := range mod {
		m(&o)
	}
	if err := f.svc.AddOrganisation(f.ctx, curator, &o); err != nil {
		f.t.Fatalf("add organisation %s: %v", slug, err)
	}
	return o
}

func (f *fixture) person(given, family string, mod ...func(*directory.Person)) directory.Person {
	f.t.Helper()
	p := validPerson()
	p.GivenName, p.FamilyName, p.OrganisationID = given, family, &f.om.ID
	p.Email = strings.ToLower(lang.Fold(given+"."+family)) + "@example.org"
	for _, m := range mod {
		m(&p)
	}
	if err := f.svc.AddPerson(f.ctx, curator, &p); err != nil {
		f.t.Fatalf("add %s %s: %v", given, family, err)
	}
	return p
}

func (f *fixture) member(m directory.Member) directory.Member {
	f.t.Helper()
	if err := f.svc.AddMember(f.ctx, &m); err != nil {
		f.t.Fatalf("add member: %v", err)
	}
	return m
}

// audit returns the trail about one record type, newest first.
func (f *fixture) audit(recordType string) []audit.Entry {
	f.t.Helper()
	es, _, err := f.db.ListAudit(f.ctx, audit.Filter{RecordType: recordType})
	if err != nil {
		f.t.Fatal(err)
	}
	return es
}

// fieldErrors returns the per-field message IDs of an Invalid error, and
// nil for nil; any other error fails the test.
func fieldErrors(t testing.TB, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
		t.Fatalf("want an Invalid error, got %v", err)
	}
	if ae.MsgID != "validation.failed" {
		t.Errorf("summary %q, want validation.failed", ae.MsgID)
	}
	return ae.Fields
}

// wantFields fails unless got holds exactly want (nil and empty agree).
func wantFields(t testing.TB, got, want map[string]string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !maps.Equal(got, want) {
		t.Errorf("field errors %v, want %v", got, want)
	}
}

// wantErr fails unless err is an apperr of kind k with message msgID.
func wantErr(t testing.TB, err error, k apperr.Kind, msgID string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != k || (msgID != "" && ae.MsgID != msgID) {
		t.Fatalf("error %v, want %s %s", err, k, msgID)
	}
}

func changed(e audit.Entry) []string {
	var out []string
	for _, c := range e.Changes {
		out = append(out, c.Field)
	}
	slices.Sort(out)
	return out
}

func ids(ps []directory.Person) []int64 {
	var out []int64
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
