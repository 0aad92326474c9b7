// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// TestWindowsCountTheWholeList: a window holds its part of the list in
// the list's order, the total counts the whole list (only what the viewer
// may see), and a window past the end is empty with the same total.
func TestWindowsCountTheWholeList(t *testing.T) {
	f := newFixture(t)
	var want []int64
	for i := range 7 {
		p := f.person("Person", fmt.Sprintf("Number%d", i))
		want = append(want, p.ID)
	}
	f.person("Hidden", "Person", func(p *directory.Person) { p.Visibility = directory.Hidden })
	f.person("Secretariat", "Person", func(p *directory.Person) { p.Visibility = directory.Secretariat })
	other := f.org("other-fi")
	f.person("Elsewhere", "Number9", func(p *directory.Person) { p.OrganisationID = &other.ID })

	for _, tc := range []struct {
		name          string
		v             directory.Viewer
		limit, offset int
		want          []int64
		total         int
	}{
		{"first window", directory.Anonymous, 3, 0, want[0:3], 7},
		{"second window", directory.Anonymous, 3, 3, want[3:6], 7},
		{"last, shorter window", directory.Anonymous, 3, 6, want[6:], 7},
		{"past the end", directory.Anonymous, 3, 9, nil, 7},
		{"no limit", directory.Anonymous, 0, 0, want, 7},
		{"curators count every entry", directory.Curator, 100, 0, nil, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.svc.PeopleWindow(f.ctx, tc.v, directory.PersonQuery{OrganisationID: f.om.ID, Limit: tc.limit, Offset: tc.offset})
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != tc.total || (tc.want != nil || tc.offset >= tc.total) && !slices.Equal(ids(got.Items), tc.want) {
				t.Errorf("%v of %d, want %v of %d", ids(got.Items), got.Total, tc.want, tc.total)
			}
		})
	}
	got, err := f.svc.PeopleWindow(f.ctx, directory.Anonymous, directory.PersonQuery{OrganisationIDs: []int64{f.om.ID, other.ID}, Limit: 100})
	if err != nil || got.Total != 8 || len(got.Items) != 8 {
		t.Errorf("people of two organisations: %d of %d (%v)", len(got.Items), got.Total, err)
	}
	if got, err := f.svc.PeopleWindow(f.ctx, directory.Anonymous, directory.PersonQuery{OrganisationIDs: []int64{}}); err != nil || got.Total != 0 {
		t.Errorf("an empty organisation list selects %d people (%v)", got.Total, err)
	}
}

// TestOrganisationAndNetworkWindowsFilter: the filters of the
// organisation and network lists, counted and windowed in the database.
func TestOrganisationAndNetworkWindowsFilter(t *testing.T) {
	f := newFixture(t)
	ngo := f.org("monika-fi", func(o *directory.Organisation) {
		o.Type, o.Names = directory.NGO, lang.Texts{lang.FI: "Monika – Monikulttuuriset naiset"}
	})
	f.member(directory.Member{NetworkID: f.net.ID, OrganisationID: &ngo.ID, Role: directory.MemberOf})
	for _, tc := range []struct {
		name string
		q    directory.OrganisationQuery
		want []string
	}{
		{"everything, by slug", directory.OrganisationQuery{}, []string{"jd-no", "monika-fi", "om-fi"}},
		{"country", directory.OrganisationQuery{Country: "FI"}, []string{"monika-fi", "om-fi"}},
		{"type", directory.OrganisationQuery{Type: directory.NGO}, []string{"monika-fi"}},
		{"network", directory.OrganisationQuery{NetworkID: f.net.ID}, []string{"monika-fi"}},
		{"words, without accents", directory.OrganisationQuery{Query: "MONIKULTTUURISET naiset"}, []string{"monika-fi"}},
		{"window", directory.OrganisationQuery{Country: "FI", Limit: 1, Offset: 1}, []string{"om-fi"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.svc.OrganisationsWindow(f.ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var slugs []string
			for _, o := range got.Items {
				slugs = append(slugs, o.Slug)
			}
			total := len(tc.want)
			if tc.q.Limit > 0 {
				total = 2
			}
			if !slices.Equal(slugs, tc.want) || got.Total != total {
				t.Errorf("%v of %d, want %v of %d", slugs, got.Total, tc.want, total)
			}
		})
	}
	nets, err := f.svc.NetworksWindow(f.ctx, directory.NetworkQuery{OrganisationID: ngo.ID})
	if err != nil || nets.Total != 1 || nets.Items[0].Slug != f.net.Slug {
		t.Errorf("networks of the NGO: %+v (%v)", nets, err)
	}
	if nets, err := f.svc.NetworksWindow(f.ctx, directory.NetworkQuery{Query: "nothing like it"}); err != nil || nets.Total != 0 || nets.Items != nil {
		t.Errorf("no network matches: %+v (%v)", nets, err)
	}
}
