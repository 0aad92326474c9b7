// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/demo"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// demoApp serves the demo data set, as on a first start, with an editor of
// the secretariat.
func demoApp(t *testing.T) (*app, *httptest.Server) {
	t.Helper()
	db := storetest.Open(t)
	a := serve(t, db)
	ctx := context.Background()
	if err := demo.Load(ctx, directory.NewService(db), a.cal, now); err != nil {
		t.Fatal(err)
	}
	editor := auth.User{Email: "editor@example.org", Name: "Eero Editor", Role: auth.Editor}
	if err := a.auth().Create(ctx, audit.CLI, &editor, testPassword); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(a.srv)
	t.Cleanup(ts.Close)
	return a, ts
}

// demoEvent returns the public demo event whose organisers are slugs, in
// that order.
func demoEvent(t *testing.T, a *app, slugs ...string) calendar.Event {
	t.Helper()
	evs, err := a.db.ListEvents(context.Background(), calendar.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if !slices.Equal(orgSlugs(e), slugs) {
			continue
		}
		if e.IsOccurrence() {
			// A date of a series: the secretariat edits the series.
			if e, err = a.db.EventByID(context.Background(), e.SeriesID); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
	t.Fatalf("no demo event organised by %v", slugs)
	return calendar.Event{}
}

func orgSlugs(e calendar.Event) []string {
	out := make([]string, len(e.Organisers))
	for i, o := range e.Organisers {
		out[i] = o.Slug
	}
	return out
}

func orgIDs(t *testing.T, a *app, slugs ...string) []string {
	t.Helper()
	out := make([]string, len(slugs))
	for i, s := range slugs {
		o, err := a.db.OrganisationBySlug(context.Background(), s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		out[i] = strconv.FormatInt(o.ID, 10)
	}
	return out
}

// sent is what a browser sends for the form sel as it stands: the values of
// its inputs, the checked boxes, the selected options (a single select
// without one sends its first option) and the text areas. Buttons and
// files are left out.
func sent(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	doc.Find(sel).First().Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		if _, off := s.Attr("disabled"); name == "" || off {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opts := s.Find("option[selected]")
			if _, multi := s.Attr("multiple"); opts.Length() == 0 && !multi {
				opts = s.Find("option").First()
			}
			opts.Each(func(_ int, o *goquery.Selection) { v.Add(name, o.AttrOr("value", o.Text())) })
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "submit", "button", "reset", "image", "file":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		}
	})
	return v
}

// chosenOrganisers reads the organiser choices of a rendered form: the
// main organiser, then the chosen co-organisers in order.
func chosenOrganisers(doc *goquery.Document) []string {
	v := sent(doc, "form.event-form")
	out := []string{v.Get("organiser")}
	for _, c := range v["co_organisers"] {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

func storedOrganisers(t *testing.T, a *app, id int64) []string {
	t.Helper()
	e, err := a.cal.EventAny(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return orgSlugs(e)
}

// TestCoOrganisedEventSurvivesAnUnchangedSave: opening the secretariat's
// edit page of a co-organised demo event and saving it as it is keeps
// every organiser in order (it used to keep only the first).
func TestCoOrganisedEventSurvivesAnUnchangedSave(t *testing.T) {
	a, ts := demoApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	for _, slugs := range [][]string{
		{"nmr", "cmm-dk"},
		{"om-fi", "stm-fi", "sm-fi", "tem-fi"},
	} {
		t.Run(strings.Join(slugs, "+"), func(t *testing.T) {
			e := demoEvent(t, a, slugs...)
			path := "/admin/events/" + strconv.FormatInt(e.ID, 10)
			_, doc := sec.get(path)
			if got, want := chosenOrganisers(doc), orgIDs(t, a, slugs...); !slices.Equal(got, want) {
				t.Fatalf("edit form shows organisers %v, want %v", got, want)
			}
			// One empty choice more than there are co-organisers.
			if n, want := doc.Find("select[name=co_organisers]").Length(), max(len(slugs), 2); n != want {
				t.Errorf("%d co-organiser choices, want %d", n, want)
			}
			before, etag := feedBytes(t, sec)
			entries := auditCount(t, a, e.ID)
			res, doc := sec.post(path, sent(doc, "form.event-form"))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
			}
			if got := storedOrganisers(t, a, e.ID); !slices.Equal(got, slugs) {
				t.Errorf("organisers after an unchanged save: %v, want %v", got, slugs)
			}
			// An unchanged save writes nothing: no audit entry, the same feed.
			if n := auditCount(t, a, e.ID); n != entries {
				t.Errorf("audit entries %d → %d", entries, n)
			}
			if after, etag2 := feedBytes(t, sec); after != before || etag2 != etag {
				t.Errorf("the unchanged save changed the feed (ETag %s → %s)", etag, etag2)
			}
		})
	}
}

// TestRegistrationWithCoOrganisers registers an event with a main
// organiser and two co-organisers (in an order that is neither by name
// nor by ID), checks the re-rendered form on the way, and saves it
// unchanged with the manage link.
func TestRegistrationWithCoOrganisers(t *testing.T) {
	a, ts := demoApp(t)
	org := a.browser(t, ts)
	want := []string{"cmm-dk", "om-fi", "nmr"}
	ids := orgIDs(t, a, want...)

	_, doc := org.get("/en/events/new")
	if doc.Find("fieldset.co-organisers legend").Text() != "Co-organisers" || doc.Find("label[for=co_organiser_1]").Text() != "Co-organiser 1" {
		t.Fatalf("no co-organiser choices on the form: %q", doc.Find("fieldset.co-organisers").Text())
	}
	form := sent(doc, "form.event-form")
	for k, v := range map[string]string{"title_en": "Nordic-Baltic seminar on labour inspections", "start_date": "2027-04-13",
		"end_date": "2027-04-14", "city": "København", "country": "DK", "submitter_name": "Mette Hansen",
		"submitter_email": "mette@example.org", "organiser": ids[0], "action": "check"} {
		form.Set(k, v)
	}
	form["co_organisers"] = ids[1:]

	// Without JavaScript, checking the dates shows the form again with the
	// choices in order and room for one more.
	res, doc := org.post("/en/events/new", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("check: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	if got := chosenOrganisers(doc); !slices.Equal(got, ids) {
		t.Errorf("checked form shows %v, want %v", got, ids)
	}
	if n := doc.Find("select[name=co_organisers]").Length(); n != 3 {
		t.Errorf("%d co-organiser choices after choosing two, want 3", n)
	}

	form.Set("action", "submit")
	res, doc = org.post("/en/events/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	manage := strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1")
	pending, err := a.cal.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, p := range pending {
		if p.Submission.SubmitterEmail == "mette@example.org" {
			id = p.Event.ID
		}
	}
	if got := storedOrganisers(t, a, id); !slices.Equal(got, want) {
		t.Fatalf("registered with organisers %v, want %v", got, want)
	}

	_, doc = org.get(manage)
	if got := chosenOrganisers(doc); !slices.Equal(got, ids) {
		t.Errorf("manage form shows %v, want %v", got, ids)
	}
	res, doc = org.post(manage, sent(doc, "form.event-form"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("manage save: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	if got := storedOrganisers(t, a, id); !slices.Equal(got, want) {
		t.Errorf("organisers after an unchanged save with the manage link: %v, want %v", got, want)
	}

	// Dropping a co-organiser and adding one in the empty choice keeps the
	// new order.
	_, doc = org.get(manage)
	edit := sent(doc, "form.event-form")
	edit["co_organisers"] = []string{"", ids[2], orgIDs(t, a, "polisen-se")[0]}
	res, doc = org.post(manage, edit)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("manage edit: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	if got, want := storedOrganisers(t, a, id), []string{"cmm-dk", "nmr", "polisen-se"}; !slices.Equal(got, want) {
		t.Errorf("organisers after the edit: %v, want %v", got, want)
	}
}

// TestCoOrganiserErrorsStayNextToTheirField: a co-organiser that cannot be
// read is reported in the co-organisers' fieldset, not at the main
// organiser, and one that does not exist (any more) is refused without a
// server error.
func TestCoOrganiserErrorsStayNextToTheirField(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	for _, tt := range []struct {
		name, value string
		code        int
		field       string
	}{
		{"not a number", "om-fi", http.StatusBadRequest, "co_organisers"},
		{"negative", "-3", http.StatusBadRequest, "co_organisers"},
		{"unknown", "999999", http.StatusBadRequest, "organiser"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := registration(a, org)
			form["co_organisers"] = []string{strconv.FormatInt(a.ev["Helsinki conference"].Organisers[0].ID, 10), tt.value}
			res, doc := org.post("/en/events/new", form)
			if res.StatusCode != tt.code {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.code)
			}
			if doc.Find("#"+tt.field+"-error").Length() != 1 {
				t.Errorf("no message at %s; messages: %q", tt.field, texts(doc, ".field-error"))
			}
			if tt.field == "co_organisers" {
				if doc.Find("fieldset.co-organisers #co_organisers-error").Length() != 1 || doc.Find("#organiser-error").Length() != 0 {
					t.Errorf("the message is not in the co-organisers' fieldset: %q", texts(doc, ".field-error"))
				}
			}
			if v, _ := doc.Find("#co_organiser_1 option[selected]").Attr("value"); v != form["co_organisers"][0] {
				t.Errorf("the form lost the first co-organiser: %q", v)
			}
		})
	}
}

// TestCoOrganisedEventIsEveryOrganisersEvent: the NMR + CMM demo
// conference is on both directory pages, in both organisers' feeds with
// every organiser, and in the API with both in order.
func TestCoOrganisedEventIsEveryOrganisersEvent(t *testing.T) {
	a, _ := demoApp(t)
	e := demoEvent(t, a, "nmr", "cmm-dk")
	title, _ := e.Title("en")
	names := map[string]string{"nmr": "Nordic Council of Ministers Secretariat", "cmm-dk": "Danish Centre against Human Trafficking"}
	for i, o := range e.Organisers {
		n, _ := o.Name("en")
		if n != names[o.Slug] {
			t.Fatalf("organiser %d is %q, want %q", i, n, names[o.Slug])
		}
	}
	for _, slug := range []string{"nmr", "cmm-dk"} {
		t.Run(slug, func(t *testing.T) {
			doc := a.page(t, "/en/directory/organisations/"+slug, http.StatusOK)
			if got := texts(doc, ".event-list .event-title"); !slices.Contains(got, title) {
				t.Errorf("directory page of %s does not list %q: %q", slug, title, got)
			}

			rec := a.get(t, "/feeds/events.ics?lang=en&organiser="+slug, http.StatusOK)
			_, evs := parseFeed(t, rec.Body.String())
			fe := evs[e.UID]
			if fe == nil {
				t.Fatalf("the feed of %s lacks the event", slug)
			}
			if desc := prop(fe, ics.ComponentPropertyDescription); !strings.Contains(desc, "Organisers: "+names["nmr"]+", "+names["cmm-dk"]+"\n") {
				t.Errorf("DESCRIPTION does not list both organisers:\n%s", desc)
			}
			var contacts, pages []string
			for _, p := range fe.GetProperties(ics.ComponentPropertyContact) {
				contacts = append(contacts, p.Value)
				pages = append(pages, strings.Join(p.ICalParameters["ALTREP"], ""))
			}
			if want := []string{names["nmr"], names["cmm-dk"]}; !slices.Equal(contacts, want) {
				t.Errorf("CONTACT %q, want %q", contacts, want)
			}
			if want := []string{"https://nordcal.example.org/en/directory/organisations/nmr",
				"https://nordcal.example.org/en/directory/organisations/cmm-dk"}; !slices.Equal(pages, want) {
				t.Errorf("CONTACT ALTREP %q, want %q", pages, want)
			}
			if orgs := fe.GetProperties(ics.ComponentPropertyOrganizer); len(orgs) != 1 ||
				strings.Join(orgs[0].ICalParameters["CN"], "") != names["nmr"] {
				t.Errorf("ORGANIZER is not the first organiser alone: %v", orgs)
			}

			rec = a.get(t, "/api/v1/events?per_page=200&organiser="+slug, http.StatusOK)
			var body struct {
				Events []struct {
					UID        string `json:"uid"`
					Organisers []struct {
						Slug string `json:"slug"`
					} `json:"organisers"`
				} `json:"events"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, ev := range body.Events {
				if ev.UID != e.UID {
					continue
				}
				found = true
				var got []string
				for _, o := range ev.Organisers {
					got = append(got, o.Slug)
				}
				if !slices.Equal(got, []string{"nmr", "cmm-dk"}) {
					t.Errorf("API organisers %v", got)
				}
			}
			if !found {
				t.Errorf("the API filtered by %s lacks the event", slug)
			}
		})
	}
}

// TestImportDefaultsCarryCoOrganisers: the organisers chosen on the import
// forms, main organiser first, go to every imported event in that order.
func TestImportDefaultsCarryCoOrganisers(t *testing.T) {
	for _, path := range []string{"/fi/events/import", "/admin/import"} {
		t.Run(path, func(t *testing.T) {
			a, ts, _, _ := newAdminApp(t)
			b := a.browser(t, ts)
			if path == "/admin/import" {
				b.login("editor@example.org", testPassword)
			}
			_, doc := b.get(path)
			if doc.Find("form fieldset.co-organisers select[name=co_organisers]").Length() != 2 {
				t.Fatalf("the import form offers no co-organisers")
			}
			// jd-no was created after om-fi: the order is the form's, not the IDs'.
			want := []string{"jd-no", "om-fi"}
			ids := orgIDs(t, a, want...)
			fields := importFields(a, b, path)
			fields.Set("organiser", ids[0])
			fields["co_organisers"] = []string{"x"}
			res, doc := postFile(t, b, path, fields, importICS)
			if res.StatusCode != http.StatusBadRequest || doc.Find("fieldset.co-organisers #co_organisers-error").Length() != 1 {
				t.Errorf("bad co-organiser: %d %q", res.StatusCode, texts(doc, ".field-error"))
			}
			fields.Set("_csrf", b.token(path))
			fields["co_organisers"] = []string{"", ids[1]}
			res, doc = postFile(t, b, path, fields, importICS)
			if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 2 {
				t.Fatalf("import: %d %q %q", res.StatusCode, texts(doc, ".import-problems li"), texts(doc, ".error-summary"))
			}
			pending, err := a.cal.Pending(context.Background())
			if err != nil || len(pending) != 2 {
				t.Fatalf("pending: %d %v", len(pending), err)
			}
			for _, p := range pending {
				if got := orgSlugs(p.Event); !slices.Equal(got, want) {
					t.Errorf("%s imported with organisers %v, want %v", p.Event.UID, got, want)
				}
			}
		})
	}
}
