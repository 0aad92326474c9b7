// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func networkValues(tok string, mod map[string]string) url.Values {
	v := url.Values{"_csrf": {tok}, "slug": {"nordic-baltic-hub"}, "original_lang": {"en"},
		"name_en": {"Nordic-Baltic Hub against work-related crime"}, "name_fi": {"Pohjoismais-baltialainen työperäisen rikollisuuden verkosto"},
		"abbreviation": {"NB Hub"}, "parent_body_en": {"Nordic Council of Ministers for Labour"},
		"description_en": {"Labour inspectorates and police of the Nordic and Baltic countries."}, "website": {"https://www.norden.org/en"}}
	for k, val := range mod {
		v.Set(k, val)
	}
	return v
}

// auditActions lists the actions recorded for record type typ, oldest first.
func auditActions(t *testing.T, a *app, typ string) []audit.Entry {
	t.Helper()
	entries, _, err := a.db.ListAudit(context.Background(), audit.Filter{RecordType: typ})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(entries)
	return entries
}

func TestCuratorCreatesANetworkWithMembers(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	fi := a.bundle.For(lang.FI)

	// Without the CSRF token nothing is stored.
	if res, _ := b.post("/admin/directory/networks", networkValues("", nil)); res.StatusCode != http.StatusForbidden {
		t.Fatalf("without CSRF: %d", res.StatusCode)
	}
	// The secretariat user works in Finnish: the field messages are Finnish and the input stays.
	tok := b.token("/admin/directory/networks/new?lang=fi")
	res, doc := b.post("/admin/directory/networks", networkValues(tok, map[string]string{"slug": "Nordic Hub!", "name_en": "", "website": "ftp://x"}))
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid network: %d", res.StatusCode)
	}
	if got := strings.TrimSpace(doc.Find("#f-slug-error").Text()); got != fi.T("validation.slug") {
		t.Errorf("slug message %q, want the Finnish %q", got, fi.T("validation.slug"))
	}
	if got := strings.TrimSpace(doc.Find("#f-website-error").Text()); got != fi.T("validation.url") {
		t.Errorf("website message %q", got)
	}
	if v, _ := doc.Find("#f-name_fi").Attr("value"); v != "Pohjoismais-baltialainen työperäisen rikollisuuden verkosto" {
		t.Errorf("typed name lost: %q", v)
	}
	if nets, _ := a.db.ListNetworks(ctx); len(nets) != 1 {
		t.Fatalf("a refused form stored a network: %d networks", len(nets))
	}
	res, _ = b.post("/admin/directory/networks", networkValues(tok, nil))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	edit := res.Header.Get("Location")
	netID, _ := strconv.ParseInt(strings.TrimPrefix(edit, "/admin/directory/networks/"), 10, 64)
	n, err := a.db.NetworkByID(ctx, netID)
	if err != nil || n.ParentBodies[lang.EN] != "Nordic Council of Ministers for Labour" || n.Status != directory.NetworkActive {
		t.Fatalf("stored network %+v, %v", n, err)
	}

	om := a.ev["Helsinki conference"].Organisers[0].ID
	aino := addPerson(t, svc, "Aino", "Mäkelä", directory.Public)
	sven := addPerson(t, svc, "Sven", "Berg", directory.Secretariat)
	hidden := addPerson(t, svc, "Hanna", "Hidden", directory.Hidden)
	formula := addPerson(t, svc, "=HYPERLINK(\"http://evil.example\")", "Excel", directory.Public, func(p *directory.Person) { p.Email = "excel@example.org" })
	members := edit + "/members"
	for _, m := range []url.Values{
		{"kind": {"organisation"}, "organisation": {strconv.FormatInt(om, 10)}, "role": {"chair"}},
		{"kind": {"person"}, "person": {strconv.FormatInt(aino.ID, 10)}, "role": {"vice_chair"}, "from": {"2025-01-01"}},
		{"kind": {"person"}, "person": {strconv.FormatInt(sven.ID, 10)}, "role": {"secretary"}},
		{"kind": {"person"}, "person": {strconv.FormatInt(hidden.ID, 10)}, "role": {"member"}},
		{"kind": {"person"}, "person": {strconv.FormatInt(formula.ID, 10)}, "role": {"observer"}},
	} {
		m.Set("_csrf", tok)
		if res, _ := b.post(members, m); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add member %v: %d", m, res.StatusCode)
		}
	}
	for _, tc := range []struct {
		name  string
		form  url.Values
		code  int
		field string
		msg   string
	}{
		{"the same person twice", url.Values{"kind": {"person"}, "person": {strconv.FormatInt(aino.ID, 10)}, "role": {"member"}},
			http.StatusConflict, "#member-error", "admin.net.member.duplicate"},
		{"ended before it began", url.Values{"kind": {"organisation"}, "organisation": {strconv.FormatInt(om, 10)}, "role": {"member"},
			"from": {"2026-02-01"}, "to": {"2026-01-01"}}, http.StatusBadRequest, "#m-to-error", "validation.date_order"},
		{"no role", url.Values{"kind": {"person"}, "person": {strconv.FormatInt(sven.ID, 10)}, "role": {"president"}},
			http.StatusBadRequest, "#m-role-error", "validation.choice"},
		{"nobody chosen", url.Values{"kind": {"person"}, "role": {"member"}}, http.StatusBadRequest, "#m-person-error", "validation.choice"},
		{"a date that is no date", url.Values{"kind": {"person"}, "person": {strconv.FormatInt(sven.ID, 10)}, "role": {"member"},
			"from": {"1.1.2026"}}, http.StatusBadRequest, "#m-from-error", "validation.date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("_csrf", tok)
			res, doc := b.post(members, tc.form)
			if res.StatusCode != tc.code {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.code)
			}
			if got := strings.TrimSpace(doc.Find(tc.field).Text()); got != fi.T(tc.msg) {
				t.Errorf("%s: %q, want %q", tc.field, got, fi.T(tc.msg))
			}
		})
	}

	// The public page lists the current public members with their roles.
	pub := a.page(t, "/en/directory/networks/nordic-baltic-hub", http.StatusOK)
	roster := pub.Find(".members").Text()
	for _, want := range []string{"Ministry of Justice, Finland", "Chair", "Aino Mäkelä", "Vice-chair"} {
		if !strings.Contains(roster, want) {
			t.Errorf("public roster lacks %q: %s", want, roster)
		}
	}
	for _, not := range []string{"Sven", "Hanna"} {
		if strings.Contains(roster, not) {
			t.Errorf("public roster shows the non-public %s", not)
		}
	}

	// Change a role, end a membership, remove one made by mistake.
	current, _, err := svc.Memberships(ctx, netID)
	if err != nil {
		t.Fatal(err)
	}
	mid := func(p directory.Person) string {
		for _, e := range current {
			if e.Person != nil && e.Person.ID == p.ID {
				return strconv.FormatInt(e.ID, 10)
			}
		}
		t.Fatalf("%s is no member", p.Name())
		return ""
	}
	if res, _ := b.post(members+"/"+mid(sven), url.Values{"_csrf": {tok}, "role": {"member"}, "from": {"2024-05-01"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change role: %d", res.StatusCode)
	}
	if res, doc := b.post(members+"/"+mid(sven), url.Values{"_csrf": {tok}, "role": {"member"}, "from": {"2024-05-01"}, "to": {"2024-01-01"}}); res.StatusCode != http.StatusBadRequest ||
		strings.TrimSpace(doc.Find("#m-"+mid(sven)+"-error").Text()) != fi.T("validation.date_order") {
		t.Fatalf("a row's bad dates: %d, message %q", res.StatusCode, doc.Find("#m-"+mid(sven)+"-error").Text())
	}
	if res, _ := b.post(members+"/"+mid(aino)+"/end", url.Values{"_csrf": {tok}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("end: %d", res.StatusCode)
	}
	if res, _ := b.post(members+"/"+mid(hidden)+"/remove", url.Values{"_csrf": {tok}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	_, page := b.get(edit)
	if past := page.Find(".past-members").Text(); !strings.Contains(past, "Aino Mäkelä") {
		t.Errorf("the secretariat does not see the former member: %q", past)
	}
	if strings.Contains(page.Find(".members").Text(), "Hanna") {
		t.Error("a removed membership is still listed")
	}
	pub = a.page(t, "/en/directory/networks/nordic-baltic-hub", http.StatusOK)
	if strings.Contains(pub.Find(".members").Text(), "Aino") {
		t.Error("an ended membership is still on the public page")
	}

	var got []string
	for _, e := range auditActions(t, a, directory.RecordNetwork) {
		if e.Actor.Email != "editor@example.org" {
			t.Errorf("%s recorded for %q", e.Action, e.Actor.Email)
		}
		got = append(got, e.Action)
	}
	want := []string{"network.create", "network.member_add", "network.member_add", "network.member_add", "network.member_add",
		"network.member_add", "network.member_update", "network.member_end", "network.member_remove"}
	if !slices.Equal(got, want) {
		t.Errorf("audit %v, want %v", got, want)
	}
}

func TestNetworkRosterCSVForMailingTools(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	n, _ := a.db.NetworkBySlug(ctx, "nordic-coordinators")
	om := a.ev["Helsinki conference"].Organisers[0].ID
	aino := addPerson(t, svc, "Aino", "Mäkelä", directory.Public)
	sven := addPerson(t, svc, "Sven", "Berg", directory.Secretariat)
	hidden := addPerson(t, svc, "Hanna", "Hidden", directory.Hidden)
	formula := addPerson(t, svc, "=HYPERLINK(\"http://evil.example\")", "Excel", directory.Public, func(p *directory.Person) { p.Email = "excel@example.org" })
	gone := addPerson(t, svc, "Gunnar", "Gone", directory.Public)
	for _, m := range []directory.Member{
		{OrganisationID: &om, Role: directory.Chair},
		{PersonID: &aino.ID, Role: directory.ViceChair},
		{PersonID: &sven.ID, Role: directory.Secretary},
		{PersonID: &hidden.ID, Role: directory.MemberOf},
		{PersonID: &formula.ID, Role: directory.Observer},
		{PersonID: &gone.ID, Role: directory.MemberOf, From: day(2020, 1, 1), To: day(2021, 12, 31)},
	} {
		m.NetworkID = n.ID
		if err := svc.AddMembership(ctx, audit.CLI, &m); err != nil {
			t.Fatal(err)
		}
	}
	res, err := b.c.Get(b.base + "/admin/directory/networks/" + strconv.FormatInt(n.ID, 10) + "/roster.csv?lang=sv")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), `filename="nordic-coordinators-roster.csv"`) {
		t.Fatalf("roster: %d %v", res.StatusCode, res.Header)
	}
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("no byte-order mark: Excel would misread å, ä and ö")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"name", "role", "organisation", "country", "email", "kind", "from", "to"}) {
		t.Errorf("header %v", rows[0])
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[0]] = r
	}
	sv := a.bundle.For(lang.SV)
	if r := byName["Aino Mäkelä"]; r == nil || r[1] != sv.T("directory.member_role.vice_chair") || r[4] != aino.Email || r[3] != sv.T("country.FI") {
		t.Errorf("public member: %v", r)
	}
	if r := byName["Sven Berg"]; r == nil || r[4] != sven.Email {
		t.Errorf("the secretariat's export leaves out a secretariat-only member's address: %v", r)
	}
	if r := byName["Justitieministeriet"]; r == nil || r[1] != sv.T("directory.member_role.chair") || r[4] != "" {
		t.Errorf("organisation row: %v (rows %v)", r, rows)
	}
	for name := range byName {
		if strings.Contains(name, "Hanna") || strings.Contains(name, "Gunnar") {
			t.Errorf("%s is in the export (hidden or former member)", name)
		}
		if strings.HasPrefix(name, "=") {
			t.Errorf("a cell starts a formula: %q", name)
		}
	}
	if _, ok := byName[`'=HYPERLINK("http://evil.example") Excel`]; !ok {
		t.Errorf("the formula name is not neutralised: %v", rows)
	}
	if len(rows) != 5 {
		t.Errorf("%d rows, want header and 4", len(rows))
	}
	// Not for the public.
	anon := a.browser(t, a.ts)
	if res, _ := anon.get("/admin/directory/networks/" + strconv.FormatInt(n.ID, 10) + "/roster.csv"); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("anonymous roster export: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestArchivingAndMergingNetworks(t *testing.T) {
	a, b, svc := curator(t)
	ctx := context.Background()
	old, _ := a.db.NetworkBySlug(ctx, "nordic-coordinators")
	aino := addPerson(t, svc, "Aino", "Mäkelä", directory.Public)
	if err := svc.AddMembership(ctx, audit.CLI, &directory.Member{NetworkID: old.ID, PersonID: &aino.ID, Role: directory.Chair}); err != nil {
		t.Fatal(err)
	}
	tok := b.token("/admin/directory/networks/new")
	res, _ := b.post("/admin/directory/networks", networkValues(tok, nil))
	keepURL := res.Header.Get("Location")
	keepID, _ := strconv.ParseInt(strings.TrimPrefix(keepURL, "/admin/directory/networks/"), 10, 64)
	oldURL := "/admin/directory/networks/" + strconv.FormatInt(old.ID, 10)

	// Archive: kept, hidden from the public lists and new events, its page says so.
	if res, _ := b.post(oldURL+"/archive", url.Values{"_csrf": {tok}, "version": {strconv.Itoa(old.Version)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("archive: %d", res.StatusCode)
	}
	home := a.page(t, "/en/directory", http.StatusOK)
	if strings.Contains(home.Text(), "Nordic Working Group of National Coordinators") {
		t.Error("an archived network is still listed on the directory home")
	}
	page := a.page(t, "/en/directory/networks/nordic-coordinators", http.StatusOK)
	if page.Find(".notice-archived").Length() != 1 || !strings.Contains(page.Find(".members").Text(), "Aino Mäkelä") {
		t.Errorf("archived network page: notice %d, members %q", page.Find(".notice-archived").Length(), page.Find(".members").Text())
	}
	form := a.page(t, "/en/events/new", http.StatusOK)
	if form.Find(`input[name=networks][value="`+strconv.FormatInt(old.ID, 10)+`"]`).Length() != 0 {
		t.Error("new events may still choose an archived network")
	}
	// A stale version is refused; merging moves members and events and the old address redirects.
	if res, doc := b.post(oldURL+"/merge", url.Values{"_csrf": {tok}, "version": {strconv.Itoa(old.Version)}, "into": {strconv.FormatInt(keepID, 10)}}); res.StatusCode != http.StatusConflict ||
		doc.Find(".notice-conflict").Length() != 1 {
		t.Fatalf("stale merge: %d", res.StatusCode)
	}
	if res, doc := b.post(oldURL+"/merge", url.Values{"_csrf": {tok}, "version": {strconv.Itoa(old.Version + 1)}, "into": {strconv.FormatInt(old.ID, 10)}}); res.StatusCode != http.StatusBadRequest ||
		doc.Find("#merge-error").Length() != 1 {
		t.Fatalf("merge into itself: %d", res.StatusCode)
	}
	res, _ = b.post(oldURL+"/merge", url.Values{"_csrf": {tok}, "version": {strconv.Itoa(old.Version + 1)}, "into": {strconv.FormatInt(keepID, 10)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != keepURL {
		t.Fatalf("merge: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	rec := a.do(t, http.MethodGet, "/fi/directory/networks/nordic-coordinators")
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/fi/directory/networks/nordic-baltic-hub" {
		t.Errorf("merged network's page: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	kept := a.page(t, "/en/directory/networks/nordic-baltic-hub", http.StatusOK)
	if !strings.Contains(kept.Find(".members").Text(), "Aino Mäkelä") {
		t.Error("the members did not move to the kept network")
	}
	res2, err := a.cal.List(ctx, calendar.Filter{Networks: []string{"nordic-baltic-hub"}}, 1, 10)
	if err != nil || len(res2.Events) != 1 || res2.Events[0].ID != a.ev["Oslo seminar"].ID {
		t.Errorf("the event did not move: %+v %v", res2.Events, err)
	}
	gone, _ := a.db.NetworkByID(ctx, old.ID)
	if gone.Status != directory.NetworkMerged || gone.MergedIntoID == nil || *gone.MergedIntoID != keepID {
		t.Errorf("merged network: %+v", gone)
	}
	// Merged is final.
	if res, _ := b.post(oldURL+"/restore", url.Values{"_csrf": {tok}, "version": {strconv.Itoa(gone.Version)}}); res.StatusCode != http.StatusConflict {
		t.Errorf("restoring a merged network: %d", res.StatusCode)
	}
	var got []string
	for _, e := range auditActions(t, a, directory.RecordNetwork) {
		got = append(got, e.Action)
	}
	if !slices.Contains(got, directory.ActionNetworkArchive) || !slices.Contains(got, directory.ActionNetworkMerge) {
		t.Errorf("audit %v", got)
	}
}
