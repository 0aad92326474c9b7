// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-vcard"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// dirApp is the test app with a small directory: public people with
// Nordic letters, one secretariat-only and one hidden person (who must
// never appear to anonymous readers), network members and documents.
type dirApp struct {
	*app
	people map[string]directory.Person
	dir    *directory.Service
}

// secretNames and secretEmails belong to people no anonymous reader may see.
var (
	secretNames  = []string{"Sigrid Salainen", "Hemming Hidden"}
	secretEmails = []string{"sigrid.salainen@example.org", "hemming.hidden@example.org"}
)

func newDirApp(t testing.TB) *dirApp {
	t.Helper()
	a := newApp(t)
	ctx := context.Background()
	d := &dirApp{app: a, people: map[string]directory.Person{}, dir: directory.NewService(a.db)}
	om, err := a.db.OrganisationBySlug(ctx, "om-fi")
	if err != nil {
		t.Fatal(err)
	}
	jd, _ := a.db.OrganisationBySlug(ctx, "jd-no")
	net, _ := a.db.NetworkBySlug(ctx, "nordic-coordinators")
	unit := directory.Organisation{Slug: "kriminaalipolitiikka-fi", OriginalLang: lang.FI, Country: "FI", Type: directory.Ministry, ParentID: &om.ID,
		Names: lang.Texts{lang.FI: "Kriminaalipolitiikan osasto", lang.EN: "Department of Criminal Policy"}}
	jam := directory.Organisation{Slug: "jamstalldhetsmyndigheten", OriginalLang: lang.SV, Country: "SE", Type: directory.Agency, Abbreviation: "JÄM",
		Names: lang.Texts{lang.SV: "Jämställdhetsmyndigheten", lang.EN: "Swedish Gender Equality Agency"}, Switchboard: "+46 31 555 0100"}
	for _, o := range []*directory.Organisation{&unit, &jam} {
		if err := d.dir.AddOrganisation(ctx, audit.CLI, o); err != nil {
			t.Fatal(err)
		}
	}
	add := func(key, given, family string, country directory.Country, org int64, vis directory.Visibility, roles ...directory.Role) {
		p := directory.Person{GivenName: given, FamilyName: family, Country: country, OrganisationID: &org, Visibility: vis,
			Email: strings.ToLower(lang.Fold(given)) + "." + strings.ToLower(lang.Fold(family)) + "@example.org",
			Phone: "+358 29 555 01" + fmt.Sprint(len(d.people)), LegalBasis: directory.PublicTask,
			LegalBasisDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Roles: roles, Languages: []string{"fi", "sv", "en"},
			OriginalLang: lang.EN, Titles: lang.Texts{lang.EN: "Senior adviser", lang.FI: "Neuvotteleva virkamies"}}
		if err := d.dir.AddPerson(ctx, audit.CLI, &p); err != nil {
			t.Fatalf("add %s: %v", key, err)
		}
		d.people[key] = p
	}
	add("makela", "Aino", "Mäkelä", "FI", unit.ID, directory.Public, directory.NationalCoordinator)
	add("dahl", "Bjørn", "Dæhli", "NO", jd.ID, directory.Public, directory.NationalCoordinator)
	add("oberg", "Åsa", "Öberg", "SE", jam.ID, directory.Public, directory.ContactPoint)
	add("secret", "Sigrid", "Salainen", "FI", om.ID, directory.Secretariat, directory.NationalCoordinator)
	add("hidden", "Hemming", "Hidden", "NO", jd.ID, directory.Hidden, directory.NationalCoordinator)
	for _, key := range []string{"makela", "dahl", "secret", "hidden"} {
		id := d.people[key].ID
		role := directory.MemberOf
		if key == "makela" {
			role = directory.Chair
		}
		if err := d.dir.AddMember(ctx, &directory.Member{NetworkID: net.ID, PersonID: &id, Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.dir.AddMember(ctx, &directory.Member{NetworkID: net.ID, OrganisationID: &jam.ID, Role: directory.Observer}); err != nil {
		t.Fatal(err)
	}
	docs := []directory.Document{
		{Title: "Ihmiskaupan vastainen toimintaohjelma", URL: "https://oikeusministerio.fi/toimintaohjelma", Lang: "fi", Country: "FI",
			OrganisationID: &om.ID, Type: directory.ActionPlan, Date: time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)},
		{Title: "Nasjonal strategi mot menneskehandel 2025–2030", URL: "https://www.regjeringen.no/strategi", Lang: "no", Country: "NO",
			OrganisationID: &jd.ID, Type: directory.Strategy, Date: time.Date(2025, 6, 20, 0, 0, 0, 0, time.UTC)},
		{Title: "Council of Europe Convention on Action against Trafficking in Human Beings", URL: "https://rm.coe.int/168008371d", Lang: "en",
			Country: "INT", NetworkID: &net.ID, Type: directory.Legislation, Date: time.Date(2005, 5, 16, 0, 0, 0, 0, time.UTC)},
	}
	for i := range docs {
		if err := d.dir.CreateDocument(ctx, &docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// from requests target from the i-th of many client addresses, so that
// walking every URL does not trip the per-client contact rate limit.
func (d *dirApp) from(t *testing.T, target string, i int, want int) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = fmt.Sprintf("198.51.%d.%d:4321", i/250, i%250+1)
	rec := httptest.NewRecorder()
	d.srv.ServeHTTP(rec, req)
	if rec.Code != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", target, rec.Code, want, truncate(rec.Body.String()))
	}
	return rec
}

// publicURLs are every public directory URL of the test app, pages and exports.
func (d *dirApp) publicURLs() []string {
	var out []string
	for _, l := range lang.All {
		p := "/" + string(l)
		out = append(out, p+"/directory", p+"/directory/csv", p+"/directory/countries/FI", p+"/directory/countries/NO",
			p+"/directory/countries/FI/vcard", p+"/directory/countries/NO/csv",
			p+"/directory/networks/nordic-coordinators", p+"/directory/networks/nordic-coordinators/roster",
			p+"/directory/networks/nordic-coordinators/vcard", p+"/directory/networks/nordic-coordinators/csv",
			p+"/directory/organisations/om-fi", p+"/directory/organisations/jd-no", p+"/directory/organisations/om-fi/vcard",
			p+"/directory/organisations/jd-no/csv", p+"/search?q=coordinator", p+"/search?q=salainen", p+"/search?q=hidden",
			p+"/search/vcard?q=adviser", p+"/search/csv?q=adviser", p+"/documents", p+"/documents/csv", p+"/privacy")
	}
	return append(out, "/api/v1/people", "/api/v1/people?q=salainen", "/api/v1/networks", "/api/v1/organisations", "/api/v1/documents")
}

func TestDirectoryPagesAnswerInEveryLanguage(t *testing.T) {
	d := newDirApp(t)
	for i, u := range d.publicURLs() {
		t.Run(u, func(t *testing.T) {
			rec := d.from(t, u, i, http.StatusOK)
			if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && !strings.Contains(rec.Body.String(), "<h1") {
				t.Errorf("%s has no heading", u)
			}
		})
	}
}

func TestHiddenAndSecretariatPeopleNeverReachAnonymousReaders(t *testing.T) {
	d := newDirApp(t)
	for i, u := range d.publicURLs() {
		body := d.from(t, u, i, http.StatusOK).Body.String()
		for _, s := range append(secretNames, secretEmails...) {
			if strings.Contains(body, s) || strings.Contains(body, strings.Split(s, " ")[len(strings.Split(s, " "))-1]) {
				t.Errorf("%s shows %q", u, s)
			}
		}
	}
	for _, key := range []string{"secret", "hidden"} {
		id := d.people[key].ID
		for _, u := range []string{fmt.Sprintf("/en/directory/people/%d", id), fmt.Sprintf("/en/directory/people/%d/vcard", id)} {
			d.get(t, u, http.StatusNotFound)
		}
	}
}

func TestDirectoryHomeListsCoordinatorsByCountryFirst(t *testing.T) {
	d := newDirApp(t)
	doc := d.page(t, "/fi/directory", http.StatusOK)
	if got := texts(doc, "main h2"); len(got) < 4 || got[0] != "Kansalliset koordinaattorit" {
		t.Fatalf("sections: %v", got)
	}
	if got := texts(doc, ".coordinators h3"); strings.Join(got, "|") != "Suomi|Norja" {
		t.Errorf("countries of coordinators: %v", got)
	}
	if got := texts(doc, ".coordinators .person-name"); strings.Join(got, "|") != "Aino Mäkelä|Bjørn Dæhli" {
		t.Errorf("coordinators: %v", got)
	}
	if doc.Find(`.main-nav a[href="/fi/directory"][aria-current=page]`).Length() != 1 {
		t.Error("the Directory link in the main navigation is not current")
	}
	// Units sit under their ministry.
	if doc.Find(`.org-tree .org-tree a[href="/fi/directory/organisations/kriminaalipolitiikka-fi"]`).Length() != 1 {
		t.Error("the unit is not nested under its ministry")
	}
}

func TestListsNeverShowEmailAddresses(t *testing.T) {
	d := newDirApp(t)
	for _, u := range []string{"/en/directory", "/en/directory/countries/FI", "/en/directory/networks/nordic-coordinators",
		"/en/directory/networks/nordic-coordinators/roster", "/en/directory/organisations/jd-no", "/en/search?q=makela", "/api/v1/people"} {
		if body := d.get(t, u, http.StatusOK).Body.String(); strings.Contains(body, "@example.org") {
			t.Errorf("%s shows an e-mail address", u)
		}
	}
	rec := d.get(t, fmt.Sprintf("/en/directory/people/%d", d.people["makela"].ID), http.StatusOK)
	if rec.Header().Get("X-Robots-Tag") == "" {
		t.Error("the person page may be indexed")
	}
	doc := d.page(t, fmt.Sprintf("/en/directory/people/%d", d.people["makela"].ID), http.StatusOK)
	if href, _ := doc.Find(".email a").Attr("href"); href != "mailto:aino.makela@example.org" {
		t.Errorf("mailto link: %q", href)
	}
	if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
		t.Error("no meta robots noindex")
	}
}

func TestContactResponsesAreRateLimited(t *testing.T) {
	d := newDirApp(t)
	u := fmt.Sprintf("/en/directory/people/%d", d.people["makela"].ID)
	limited := false
	for i := 0; i < 40 && !limited; i++ {
		limited = d.do(t, http.MethodGet, u).Code == http.StatusTooManyRequests
	}
	if !limited {
		t.Error("40 quick requests for a person page were all answered")
	}
	d.get(t, "/en/directory", http.StatusOK) // lists stay available
}

func TestSearchFindsNordicLettersWithoutAccents(t *testing.T) {
	d := newDirApp(t)
	cases := []struct{ q, sel, want string }{
		{"makela", ".results-people .person-name", "Aino Mäkelä"},
		{"DAEHLI", ".results-people .person-name", "Bjørn Dæhli"},
		{"asa oberg", ".results-people .person-name", "Åsa Öberg"},
		{"jamstalldhet", ".results-organisations a", "Swedish Gender Equality Agency"},
		{"toimintaohjelma", ".results-documents .doc-item > a", "Ihmiskaupan vastainen toimintaohjelma"},
		{"coordinators", ".results-networks a", "Nordic Working Group of National Coordinators"},
		{"helsinki", ".results-events .event-title", "Helsinki conference"},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			doc := d.page(t, "/en/search?q="+strings.ReplaceAll(c.q, " ", "+"), http.StatusOK)
			if got := texts(doc, c.sel); len(got) == 0 || !strings.Contains(got[0], c.want) {
				t.Errorf("%s: %v, want %q", c.sel, got, c.want)
			}
		})
	}
	doc := d.page(t, "/sv/search?q=zzzz", http.StatusOK)
	if got := texts(doc, ".result-count"); len(got) != 1 || !strings.Contains(got[0], "Inga träffar") {
		t.Errorf("no results: %v", got)
	}
	d.get(t, "/en/search?q="+strings.Repeat("a", 300), http.StatusBadRequest)
}

func TestNetworkPageGroupsMembersByCountry(t *testing.T) {
	d := newDirApp(t)
	doc := d.page(t, "/en/directory/networks/nordic-coordinators", http.StatusOK)
	if got := texts(doc, ".members h3"); strings.Join(got, "|") != "Finland|Norway|Sweden" {
		t.Errorf("country groups: %v", got)
	}
	if got := texts(doc, ".members .member"); len(got) != 3 || !strings.Contains(got[0], "Aino Mäkelä") || !strings.Contains(got[0], "Chair") {
		t.Errorf("members: %v", got)
	}
	if href, _ := doc.Find("a.feed-link").Attr("href"); href != "/en/subscribe?network=nordic-coordinators" {
		t.Errorf("feed link %q", href)
	}
	if got := texts(doc, ".event-list .event-title"); len(got) != 1 || !strings.Contains(got[0], "Oslo seminar") {
		t.Errorf("upcoming events: %v", got)
	}
	roster := d.page(t, "/en/directory/networks/nordic-coordinators/roster", http.StatusOK)
	if n := roster.Find(".roster-table tbody tr").Length(); n != 3 {
		t.Errorf("roster rows: %d", n)
	}
}

func TestOrganisationPageShowsUnitsPeopleEventsAndDocuments(t *testing.T) {
	d := newDirApp(t)
	doc := d.page(t, "/fi/directory/organisations/om-fi", http.StatusOK)
	if got := texts(doc, "h1"); len(got) != 1 || got[0] != "Oikeusministeriö (OM)" {
		t.Errorf("heading: %v", got)
	}
	if doc.Find(`a[href="/fi/directory/organisations/kriminaalipolitiikka-fi"]`).Length() != 1 {
		t.Error("unit missing")
	}
	if got := texts(doc, ".doc-item > a"); len(got) != 1 {
		t.Errorf("documents: %v", got)
	}
	if href, _ := doc.Find("a.feed-link").Attr("href"); href != "/fi/subscribe?organiser=om-fi" {
		t.Errorf("feed link %q", href)
	}
	if doc.Find(".event-list li").Length() == 0 {
		t.Error("no upcoming events")
	}
	unit := d.page(t, "/fi/directory/organisations/kriminaalipolitiikka-fi", http.StatusOK)
	if got := texts(unit, ".people .person-name"); len(got) != 1 || got[0] != "Aino Mäkelä" {
		t.Errorf("people of the unit: %v", got)
	}
	d.get(t, "/fi/directory/organisations/no-such", http.StatusNotFound)
	d.get(t, "/fi/directory/countries/XX", http.StatusNotFound)
}

func TestVCardsParseBack(t *testing.T) {
	d := newDirApp(t)
	rec := d.get(t, fmt.Sprintf("/sv/directory/people/%d/vcard", d.people["makela"].ID), http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "text/vcard; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	cards := parseCards(t, rec.Body.Bytes())
	if len(cards) != 1 {
		t.Fatalf("%d cards", len(cards))
	}
	c := cards[0]
	for field, want := range map[string]string{vcard.FieldVersion: "4.0", vcard.FieldFormattedName: "Aino Mäkelä",
		vcard.FieldEmail: "aino.makela@example.org", vcard.FieldOrganization: "Justitieministeriet;Kriminaalipolitiikan osasto",
		vcard.FieldTitle: "Senior adviser", vcard.FieldRole: "Nationell samordnare"} {
		if got := c.Value(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if n := c.Name(); n == nil || n.FamilyName != "Mäkelä" || n.GivenName != "Aino" {
		t.Errorf("N: %+v", n)
	}
	if !strings.HasPrefix(c.Value(vcard.FieldUID), "urn:uuid:") {
		t.Errorf("UID %q", c.Value(vcard.FieldUID))
	}
	net := parseCards(t, d.get(t, "/en/directory/networks/nordic-coordinators/vcard", http.StatusOK).Body.Bytes())
	var fns []string
	for _, c := range net {
		fns = append(fns, c.Value(vcard.FieldFormattedName))
	}
	if strings.Join(fns, "|") != "Aino Mäkelä|Bjørn Dæhli" {
		t.Errorf("network cards: %v", fns)
	}
	search := parseCards(t, d.get(t, "/en/search/vcard?q=makela", http.StatusOK).Body.Bytes())
	if len(search) != 1 {
		t.Errorf("search cards: %d", len(search))
	}
}

func parseCards(t *testing.T, b []byte) []vcard.Card {
	t.Helper()
	dec := vcard.NewDecoder(bytes.NewReader(b))
	var out []vcard.Card
	for {
		c, err := dec.Decode()
		if err != nil {
			if err.Error() == "EOF" {
				return out
			}
			t.Fatalf("decode vCard: %v\n%s", err, b)
		}
		out = append(out, c)
	}
}

func TestCSVExportIsExcelSafe(t *testing.T) {
	d := newDirApp(t)
	p := d.people["oberg"]
	p.Titles = lang.Texts{lang.EN: `=HYPERLINK("http://evil.example","x")`}
	if err := d.dir.SavePerson(context.Background(), audit.CLI, &p); err != nil {
		t.Fatal(err)
	}
	rec := d.get(t, "/en/directory/countries/SE/csv", http.StatusOK)
	body := rec.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("no UTF-8 byte-order mark")
	}
	if !bytes.Contains(body, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("lines do not end in CRLF")
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("Content-Disposition %q", cd)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][1] != "Name" || len(rows) != 3 {
		t.Fatalf("rows: %q", rows)
	}
	person := rows[1]
	if person[1] != "Åsa Öberg" || person[2] != `'=HYPERLINK("http://evil.example","x")` || person[7] != "'+358 29 555 012" {
		t.Errorf("person row: %q", person)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
}

func TestDirectoryAPI(t *testing.T) {
	d := newDirApp(t)
	var people struct {
		People []map[string]any `json:"people"`
	}
	if err := json.Unmarshal(d.get(t, "/api/v1/people?country=FI", http.StatusOK).Body.Bytes(), &people); err != nil {
		t.Fatal(err)
	}
	if len(people.People) != 1 || people.People[0]["name"] != "Aino Mäkelä" || people.People[0]["organisation"] != "kriminaalipolitiikka-fi" {
		t.Errorf("people: %+v", people.People)
	}
	if _, ok := people.People[0]["email"]; ok {
		t.Error("the API gives out an e-mail address")
	}
	var nets struct {
		Networks []struct {
			Slug    string           `json:"slug"`
			Members []map[string]any `json:"members"`
		} `json:"networks"`
	}
	if err := json.Unmarshal(d.get(t, "/api/v1/networks", http.StatusOK).Body.Bytes(), &nets); err != nil {
		t.Fatal(err)
	}
	if len(nets.Networks) != 1 || len(nets.Networks[0].Members) != 3 {
		t.Errorf("networks: %+v", nets)
	}
	var docs struct {
		Documents []map[string]any `json:"documents"`
	}
	if err := json.Unmarshal(d.get(t, "/api/v1/documents?type=strategy", http.StatusOK).Body.Bytes(), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs.Documents) != 1 || docs.Documents[0]["organisation"] != "jd-no" {
		t.Errorf("documents: %+v", docs.Documents)
	}
	d.get(t, "/api/v1/people?role=king", http.StatusBadRequest)
	d.get(t, "/api/v1/organisations?country=XX", http.StatusBadRequest)
	spec := d.get(t, "/api/v1/openapi.json", http.StatusOK).Body.String()
	for _, p := range []string{"/organisations", "/people", "/networks", "/documents"} {
		if !strings.Contains(spec, `"`+p+`"`) {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
}

func TestDocumentsLibraryFilters(t *testing.T) {
	d := newDirApp(t)
	cases := []struct {
		query string
		want  int
	}{{"", 3}, {"?country=NO", 1}, {"?type=legislation", 1}, {"?language=fi", 1}, {"?organisation=om-fi", 1}, {"?q=menneskehandel", 1}, {"?type=strategy&country=FI", 0}}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			doc := d.page(t, "/da/documents"+c.query, http.StatusOK)
			if n := doc.Find(".doc-item").Length(); n != c.want {
				t.Errorf("%d documents, want %d", n, c.want)
			}
		})
	}
	d.get(t, "/da/documents?type=novel", http.StatusBadRequest)
}

func TestPrivacyNoticeInEveryLanguage(t *testing.T) {
	d := newDirApp(t)
	seen := map[string]bool{}
	for _, l := range lang.All {
		doc := d.page(t, "/"+string(l)+"/privacy", http.StatusOK)
		h := texts(doc, "h1")[0]
		if seen[h] {
			t.Errorf("%s: heading %q not translated", l, h)
		}
		seen[h] = true
		if doc.Find("main h2").Length() < 6 {
			t.Errorf("%s: privacy notice too short", l)
		}
	}
}
