// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

func TestDemoDirectory(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)
	db := storetest.Open(t)
	dir := directory.NewService(db)
	if err := Load(ctx, dir, calendar.NewService(db, db, "demo.example.org", func() time.Time { return now }), now); err != nil {
		t.Fatal(err)
	}
	all, err := dir.People(ctx, directory.Curator, directory.PersonQuery{})
	if err != nil {
		t.Fatal(err)
	}
	vis := map[directory.Visibility]int{}
	letters := ""
	for _, p := range all {
		vis[p.Visibility]++
		letters += p.Name()
		if !strings.HasSuffix(p.Email, "@example.org") || !strings.Contains(p.Phone, " 555 ") {
			t.Errorf("%s: contact details %q %q are not fictional", p.Name(), p.Email, p.Phone)
		}
	}
	for _, r := range "äöåæø" {
		if !strings.ContainsRune(strings.ToLower(letters), r) {
			t.Errorf("no demo name uses %c", r)
		}
	}
	if vis[directory.Public] == 0 || vis[directory.Secretariat] == 0 || vis[directory.Hidden] == 0 {
		t.Errorf("visibilities: %v", vis)
	}
	coords, _ := dir.People(ctx, directory.Anonymous, directory.PersonQuery{Role: directory.NationalCoordinator})
	has := map[directory.Country]bool{}
	for _, p := range coords {
		has[p.Country] = true
	}
	for _, c := range directory.Countries {
		if c.Nordic && !has[c.Code] {
			t.Errorf("no public national coordinator for %s", c.Code)
		}
	}
	r, err := dir.Search(ctx, directory.Anonymous, "makela")
	if err != nil || len(r.People) != 1 || r.People[0].FamilyName != "Mäkelä" {
		t.Errorf("search makela: %v %+v", err, r.People)
	}
	stale, _ := dir.Stale(ctx)
	if len(stale) == 0 {
		t.Error("the freshness list is empty")
	}
	nets, _ := dir.Networks(ctx)
	for _, n := range nets {
		ms, _ := dir.Roster(ctx, directory.Anonymous, directory.MemberQuery{NetworkID: n.ID})
		if n.Slug == "nordic-coordinators" && (len(ms) < 6 || n.SecretariatID == nil) {
			t.Errorf("%s: %d members, secretariat %v", n.Slug, len(ms), n.SecretariatID)
		}
	}
	docs, _ := dir.Documents(ctx, directory.DocumentQuery{})
	if len(docs) < 5 {
		t.Errorf("%d documents", len(docs))
	}
}
