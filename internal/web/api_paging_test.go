// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// newPagingApp is the directory test app grown past a few pages: 16
// public people (the number of the reported bug, where page=2&per_page=5
// answered all 16), 12 organisations, 11 networks and 12 documents, next
// to the hidden and secretariat-only people no page may show.
func newPagingApp(t testing.TB) *dirApp {
	t.Helper()
	d := newDirApp(t)
	ctx := context.Background()
	countries := []directory.Country{"DK", "IS", "SE", "FI"}
	var orgs []directory.Organisation
	for i := range 8 {
		o := directory.Organisation{Slug: fmt.Sprintf("agency-%02d", i), OriginalLang: lang.EN, Country: countries[i%4],
			Type: directory.Agency, Names: lang.Texts{lang.EN: fmt.Sprintf("Agency %02d", i)}}
		if i%2 == 0 {
			o.Type = directory.NGO
		}
		if err := d.dir.AddOrganisation(ctx, audit.CLI, &o); err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, o)
	}
	for i := range 13 {
		p := directory.Person{GivenName: "Person", FamilyName: fmt.Sprintf("Number %02d", i), Country: countries[i%4],
			OrganisationID: &orgs[i%8].ID, Visibility: directory.Public, LegalBasis: directory.PublicTask,
			LegalBasisDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), OriginalLang: lang.EN, Phone: fmt.Sprintf("+45 33 555 %03d", i)}
		if err := d.dir.AddPerson(ctx, audit.CLI, &p); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		n := directory.Network{Slug: fmt.Sprintf("network-%02d", i), OriginalLang: lang.EN, Names: lang.Texts{lang.EN: fmt.Sprintf("Network %02d", i)}}
		if err := d.dir.CreateNetwork(ctx, &n); err != nil {
			t.Fatal(err)
		}
		if i < 3 {
			if err := d.dir.AddMember(ctx, &directory.Member{NetworkID: n.ID, OrganisationID: &orgs[0].ID, Role: directory.MemberOf}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 9 {
		doc := directory.Document{Title: fmt.Sprintf("Report %02d", i), URL: fmt.Sprintf("https://example.org/report-%d", i), Lang: "en",
			Country: countries[i%4], Type: directory.Report, Date: time.Date(2020+i%3, 3, 1, 0, 0, 0, 0, time.UTC)}
		if err := d.dir.CreateDocument(ctx, &doc); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// listAnswer is what every list answer says besides its records.
type listAnswer struct {
	Total   int               `json:"total"`
	Page    int               `json:"page"`
	PerPage int               `json:"per_page"`
	Pages   int               `json:"pages"`
	Links   map[string]string `json:"links"`
	keys    []string
	header  map[string]string
}

var linkRE = regexp.MustCompile(`<([^>]*)>; rel="([a-z]+)"`)

// list requests a page of a list and returns its record keys (the key
// field of each record under name) and paging fields; the Link header
// must hold the same links as the body.
func list(t *testing.T, d *dirApp, target, name, key string) listAnswer {
	t.Helper()
	rec := d.get(t, target, http.StatusOK)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var out listAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	var records []map[string]any
	if err := json.Unmarshal(raw[name], &records); err != nil || records == nil {
		t.Fatalf("%s: no %s array: %v", target, name, err)
	}
	for _, r := range records {
		out.keys = append(out.keys, fmt.Sprint(r[key]))
	}
	out.header = map[string]string{}
	for _, m := range linkRE.FindAllStringSubmatch(rec.Header().Get("Link"), -1) {
		out.header[m[2]] = m[1]
	}
	if fmt.Sprint(out.header) != fmt.Sprint(out.Links) {
		t.Errorf("%s: Link header %q differs from the body's links %v", target, rec.Header().Get("Link"), out.Links)
	}
	return out
}

// pageOf reads the page and per_page a link names, and checks that it
// keeps the request's other parameters.
func pageOfLink(t *testing.T, link string, want url.Values) (int, int) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host != "nordcal.example.org" {
		t.Fatalf("link %q is not absolute", link)
	}
	q := u.Query()
	for k, v := range want {
		if k != "page" && k != "per_page" && !slices.Equal(q[k], v) {
			t.Errorf("link %q lost %s=%v", link, k, v)
		}
	}
	page, _ := strconv.Atoi(q.Get("page"))
	per, _ := strconv.Atoi(q.Get("per_page"))
	return page, per
}

// apiLists are the JSON lists of the API with the field that identifies
// their records, and filters to combine with paging (a filter that keeps
// several pages' worth for per_page=2).
var apiLists = []struct {
	path, name, key string
	filters         []string
}{
	{"/api/v1/people", "people", "id", []string{"country=FI", "q=person", "organisation=agency-00", "network=nordic-coordinators", "role=national_coordinator&country=NO"}},
	{"/api/v1/organisations", "organisations", "slug", []string{"country=FI", "type=ngo", "q=agency", "network=nordic-coordinators", "country=SE&type=agency"}},
	{"/api/v1/networks", "networks", "slug", []string{"q=network", "organisation=agency-00"}},
	{"/api/v1/documents", "documents", "id", []string{"country=FI", "type=report", "q=report&country=DK", "organisation=om-fi", "language=en"}},
	{"/api/v1/events", "events", "id", []string{"country=FI", "category=meeting"}},
}

// TestAPIListsPage walks every list page by page: each page holds its
// window of the whole list in the same stable order, the total counts
// the whole list, and the links lead to the first, previous, next and
// last pages.
func TestAPIListsPage(t *testing.T) {
	d := newPagingApp(t)
	for _, l := range apiLists {
		t.Run(l.name, func(t *testing.T) {
			all := list(t, d, l.path+"?per_page=200", l.name, l.key)
			n := len(all.keys)
			if n < 4 || all.Total != n || all.Pages != 1 || all.PerPage != 200 {
				t.Fatalf("whole list: %d records, total %d, pages %d", n, all.Total, all.Pages)
			}
			if all.Links["next"] != "" || all.Links["prev"] != "" {
				t.Errorf("one page has neighbours: %v", all.Links)
			}
			per := max(1, (n-1)/3)
			last := (n + per - 1) / per
			window := func(page int) []string { return all.keys[min(n, (page-1)*per):min(n, page*per)] }
			for _, tc := range []struct {
				name       string
				page       int
				prev, next int
			}{
				{"first page", 1, 0, 2},
				{"second page", 2, 1, 3},
				{"last page", last, last - 1, 0},
				{"past the last page", last + 1, last, 0},
				{"far past the last page", last + 40, last, 0},
			} {
				t.Run(tc.name, func(t *testing.T) {
					target := fmt.Sprintf("%s?page=%d&per_page=%d", l.path, tc.page, per)
					got := list(t, d, target, l.name, l.key)
					if want := window(tc.page); !slices.Equal(got.keys, want) {
						t.Errorf("records %v, want %v", got.keys, want)
					}
					if got.Total != n || got.Page != tc.page || got.PerPage != per || got.Pages != last {
						t.Errorf("total %d page %d per_page %d pages %d, want %d %d %d %d", got.Total, got.Page, got.PerPage, got.Pages, n, tc.page, per, last)
					}
					for rel, want := range map[string]int{"self": tc.page, "first": 1, "last": last, "prev": tc.prev, "next": tc.next} {
						link := got.Links[rel]
						if want == 0 {
							if link != "" {
								t.Errorf("%s link %q, want none", rel, link)
							}
							continue
						}
						if p, pp := pageOfLink(t, link, nil); p != want || pp != per {
							t.Errorf("%s link %q, want page %d per_page %d", rel, link, want, per)
						}
					}
				})
			}
			t.Run("default page size", func(t *testing.T) {
				got := list(t, d, l.path, l.name, l.key)
				if got.Page != 1 || got.PerPage != 50 || !slices.Equal(got.keys, all.keys[:min(n, 50)]) {
					t.Errorf("page %d per_page %d, %d records", got.Page, got.PerPage, len(got.keys))
				}
			})
			t.Run("pages together are the list", func(t *testing.T) {
				var keys []string
				next := fmt.Sprintf("%s?per_page=%d", l.path, per)
				for i := 0; next != "" && i < 100; i++ {
					got := list(t, d, strings.TrimPrefix(next, "https://nordcal.example.org"), l.name, l.key)
					keys, next = append(keys, got.keys...), got.Links["next"]
				}
				if !slices.Equal(keys, all.keys) {
					t.Errorf("following next gave %v, want %v", keys, all.keys)
				}
			})
			for _, f := range l.filters {
				t.Run("filter "+f, func(t *testing.T) {
					filtered := list(t, d, l.path+"?per_page=200&"+f, l.name, l.key)
					if filtered.Total != len(filtered.keys) || filtered.Total == 0 {
						t.Fatalf("filter keeps %d of total %d", len(filtered.keys), filtered.Total)
					}
					if filtered.Total >= n {
						t.Errorf("filter %s keeps everything", f)
					}
					want, _ := url.ParseQuery(f)
					got := list(t, d, l.path+"?page=2&per_page=1&"+f, l.name, l.key)
					if got.Total != filtered.Total || (filtered.Total >= 2 && !slices.Equal(got.keys, filtered.keys[1:2])) {
						t.Errorf("page 2 of %s: %v of total %d, want %v of %d", f, got.keys, got.Total, filtered.keys, filtered.Total)
					}
					for _, rel := range []string{"self", "first", "last"} {
						pageOfLink(t, got.Links[rel], want)
					}
				})
			}
		})
	}
}

// TestAPIPagingErrors: a page or page size that is not a usable number
// is a 400 answer in the API's error shape naming the parameter, never a
// 500 and never silently the whole list.
func TestAPIPagingErrors(t *testing.T) {
	d := newPagingApp(t)
	for _, l := range apiLists {
		for _, tc := range []struct{ query, field string }{
			{"page=0", "page"}, {"page=-1", "page"}, {"page=two", "page"}, {"page=1.5", "page"}, {"page=100001", "page"},
			{"page=99999999999999999999", "page"}, {"per_page=0", "per_page"}, {"per_page=201", "per_page"},
			{"per_page=1000", "per_page"}, {"per_page=abc", "per_page"}, {"per_page=-5", "per_page"},
		} {
			t.Run(l.name+"/"+tc.query, func(t *testing.T) {
				rec := d.get(t, l.path+"?"+tc.query, http.StatusBadRequest)
				var body struct {
					Error struct {
						Status int `json:"status"`
						Fields []struct {
							Field, Message string
						} `json:"fields"`
					} `json:"error"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					t.Fatalf("%v: %s", err, rec.Body.String())
				}
				if body.Error.Status != http.StatusBadRequest || len(body.Error.Fields) != 1 || body.Error.Fields[0].Field != tc.field ||
					body.Error.Fields[0].Message == "" {
					t.Errorf("error %+v", body.Error)
				}
			})
		}
	}
	// Both at once are reported together.
	rec := d.get(t, "/api/v1/people?page=0&per_page=0", http.StatusBadRequest)
	if !strings.Contains(rec.Body.String(), `"field":"page"`) || !strings.Contains(rec.Body.String(), `"field":"per_page"`) {
		t.Errorf("both fields: %s", rec.Body.String())
	}
	// The largest page size is allowed.
	d.get(t, "/api/v1/people?per_page=200", http.StatusOK)
}

// TestAPIPeoplePagingShowsPublicOnly is the reported bug: page=2 and
// per_page=5 answered all 16 public people. Hidden and secretariat-only
// people are neither listed nor counted.
func TestAPIPeoplePagingShowsPublicOnly(t *testing.T) {
	d := newPagingApp(t)
	all := list(t, d, "/api/v1/people?per_page=200", "people", "id")
	if all.Total != 16 || len(all.keys) != 16 {
		t.Fatalf("%d public people, want 16", all.Total)
	}
	got := list(t, d, "/api/v1/people?page=2&per_page=5", "people", "id")
	if !slices.Equal(got.keys, all.keys[5:10]) || got.Total != 16 || got.Pages != 4 {
		t.Errorf("page 2: %v (total %d, pages %d), want %v", got.keys, got.Total, got.Pages, all.keys[5:10])
	}
	for _, key := range []string{"secret", "hidden"} {
		if slices.Contains(all.keys, strconv.FormatInt(d.people[key].ID, 10)) {
			t.Errorf("%s person listed", key)
		}
	}
	coords := list(t, d, "/api/v1/people?role=national_coordinator&per_page=1", "people", "id")
	if coords.Total != 2 {
		t.Errorf("%d national coordinators counted, want the 2 public ones", coords.Total)
	}
}

// TestAPILinkHeaderIsReadableCrossSite: partners page through the API
// from their own sites, so a cross-site script may read the Link header.
func TestAPILinkHeaderIsReadableCrossSite(t *testing.T) {
	d := newPagingApp(t)
	rec := d.get(t, "/api/v1/people?per_page=5", http.StatusOK, "Origin", "https://partner.example.net")
	if !strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "Link") {
		t.Errorf("Access-Control-Expose-Headers %q", rec.Header().Get("Access-Control-Expose-Headers"))
	}
}
