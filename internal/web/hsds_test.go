// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// hsdsRequired are the fields HSDS 3.0 requires of each record the
// export holds (schema/*.json "required" in openreferral/specification),
// and the fields of the API page around them.
var hsdsRequired = map[string][]string{
	"page":         {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"},
	"organization": {"id", "name", "description"},
	"contact":      {"id"},
	"phone":        {"id", "number"},
	"location":     {"id", "location_type"},
	"language":     {"id"},
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// hsdsCheck checks one record of kind and the records nested in it, and
// collects every id it meets (each must be a UUID and unique).
type hsdsCheck struct {
	t   *testing.T
	ids map[string]string
}

func (h hsdsCheck) record(kind string, r map[string]any) string {
	h.t.Helper()
	for _, f := range hsdsRequired[kind] {
		if v, ok := r[f]; !ok || v == nil || v == "" {
			h.t.Errorf("%s lacks required %s: %v", kind, f, r)
		}
	}
	id, _ := r["id"].(string)
	if !uuidRE.MatchString(id) {
		h.t.Errorf("%s id %q is not a UUID", kind, id)
	}
	if other, seen := h.ids[id]; seen {
		h.t.Errorf("%s id %s already used by a %s", kind, id, other)
	}
	h.ids[id] = kind
	for field, child := range map[string]string{"contacts": "contact", "phones": "phone", "locations": "location", "languages": "language"} {
		v, ok := r[field]
		if !ok {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			h.t.Errorf("%s.%s is not an array: %v", kind, field, v)
			continue
		}
		for _, item := range list {
			rec, _ := item.(map[string]any)
			h.record(child, rec)
			switch child {
			case "contact", "location":
				if rec["organization_id"] != id {
					h.t.Errorf("%s of %s names organization %v", child, id, rec["organization_id"])
				}
			case "language":
				if rec["phone_id"] != id {
					h.t.Errorf("language of phone %s names phone %v", id, rec["phone_id"])
				}
			}
		}
	}
	if kind == "location" && !slices.Contains([]any{"physical", "postal", "virtual"}, r["location_type"]) {
		h.t.Errorf("location_type %v", r["location_type"])
	}
	return id
}

// hsdsExport reads every page of the export (per_page at a time) and
// returns the organizations by name, checking each page's fields.
func hsdsExport(t *testing.T, d *dirApp, per int) (map[string]map[string]any, string) {
	t.Helper()
	h := hsdsCheck{t: t, ids: map[string]string{}}
	orgs := map[string]map[string]any{}
	var raw strings.Builder
	total, pages := -1, 0
	for page := 1; page <= 100; page++ {
		rec := d.get(t, fmt.Sprintf("/api/v1/export/hsds.json?lang=fi&per_page=%d&page=%d", per, page), http.StatusOK)
		raw.Write(rec.Body.Bytes())
		var p map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		for _, f := range hsdsRequired["page"] {
			if _, ok := p[f]; !ok {
				t.Fatalf("page lacks %s", f)
			}
		}
		contents := p["contents"].([]any)
		if p["page_number"] != float64(page) || p["size"] != float64(len(contents)) || p["first_page"] != (page == 1) {
			t.Errorf("page %d: page_number %v size %v first_page %v", page, p["page_number"], p["size"], p["first_page"])
		}
		if total == -1 {
			total, pages = int(p["total_items"].(float64)), int(p["total_pages"].(float64))
		}
		for _, c := range contents {
			o := c.(map[string]any)
			h.record("organization", o)
			orgs[o["name"].(string)] = o
		}
		if p["last_page"] == true {
			if page != pages || !strings.Contains(rec.Header().Get("Link"), `rel="first"`) || strings.Contains(rec.Header().Get("Link"), `rel="next"`) {
				t.Errorf("last page %d of %d, Link %q", page, pages, rec.Header().Get("Link"))
			}
			break
		}
		if !strings.Contains(rec.Header().Get("Link"), `rel="next"`) {
			t.Errorf("page %d has no next link", page)
		}
	}
	if len(orgs) != total {
		t.Errorf("%d organizations over the pages, total_items %d", len(orgs), total)
	}
	for name, o := range orgs {
		if parent, ok := o["parent_organization_id"]; ok && h.ids[parent.(string)] != "organization" {
			t.Errorf("%s: parent %v is not an organization of the export", name, parent)
		}
	}
	return orgs, raw.String()
}

// TestHSDSExport: the export holds every organisation and its public
// contacts in HSDS 3.0's shape, with the required fields, UUID ids that
// do not change when records are renamed or others added, and nobody
// hidden or secretariat-only.
func TestHSDSExport(t *testing.T) {
	d := newDirApp(t)
	ctx := context.Background()
	orgs, raw := hsdsExport(t, d, 3)
	if len(orgs) != 4 {
		t.Fatalf("%d organizations, want 4", len(orgs))
	}
	om := orgs["Oikeusministeriö"]
	unit := orgs["Kriminaalipolitiikan osasto"]
	jam := orgs["Jämställdhetsmyndigheten"]
	if om == nil || unit == nil || jam == nil {
		t.Fatalf("organizations %v", maps(orgs))
	}
	if unit["parent_organization_id"] != om["id"] || om["alternate_name"] != "OM" || om["description"] != "Ministeriö, Suomi" {
		t.Errorf("organization fields: %v / %v", om, unit)
	}
	phones := jam["phones"].([]any)
	if len(phones) != 1 || phones[0].(map[string]any)["number"] != "+46 31 555 0100" {
		t.Errorf("switchboard: %v", phones)
	}
	contacts := unit["contacts"].([]any)
	if len(contacts) != 1 {
		t.Fatalf("contacts of the unit: %v", contacts)
	}
	c := contacts[0].(map[string]any)
	makela := d.people["makela"]
	if c["name"] != "Aino Mäkelä" || c["title"] != "Neuvotteleva virkamies" {
		t.Errorf("contact %v", c)
	}
	phone := c["phones"].([]any)[0].(map[string]any)
	if phone["number"] != makela.Phone || phone["contact_id"] != c["id"] || len(phone["languages"].([]any)) != 3 {
		t.Errorf("contact phone %v", phone)
	}
	// The contact id is the person's vCard UID.
	card, err := vcard.NewDecoder(strings.NewReader(d.from(t, fmt.Sprintf("/en/directory/people/%d/vcard", makela.ID), 1, http.StatusOK).Body.String())).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if card.Value(vcard.FieldUID) != "urn:uuid:"+c["id"].(string) {
		t.Errorf("contact id %v, vCard UID %s", c["id"], card.Value(vcard.FieldUID))
	}
	for _, secret := range append(append([]string{}, secretNames...), secretEmails...) {
		if strings.Contains(raw, secret) || strings.Contains(raw, strings.Split(secret, " ")[0]) {
			t.Errorf("the export shows %s", secret)
		}
	}
	for _, p := range []string{d.people["secret"].Phone, d.people["hidden"].Phone, "@"} {
		if strings.Contains(raw, p) {
			t.Errorf("the export holds %q", p)
		}
	}

	// Renaming an organisation and adding one before it in slug order
	// keeps every id.
	o, err := d.db.OrganisationBySlug(ctx, "om-fi")
	if err != nil {
		t.Fatal(err)
	}
	o.Slug, o.Names = "oikeusministerio", lang.Texts{lang.FI: "Oikeusministeriö (uusi)", lang.EN: "Ministry of Justice"}
	if err := d.dir.SaveOrganisation(ctx, audit.CLI, &o); err != nil {
		t.Fatal(err)
	}
	first := o
	first.ID, first.Slug, first.Abbreviation, first.ParentID = 0, "aaa-first", "", nil
	first.Names = lang.Texts{lang.FI: "Ensimmäinen"}
	if err := d.dir.AddOrganisation(ctx, audit.CLI, &first); err != nil {
		t.Fatal(err)
	}
	again, _ := hsdsExport(t, d, 3)
	if len(again) != 5 || again["Oikeusministeriö (uusi)"]["id"] != om["id"] || again["Kriminaalipolitiikan osasto"]["id"] != unit["id"] ||
		again["Kriminaalipolitiikan osasto"]["contacts"].([]any)[0].(map[string]any)["id"] != c["id"] {
		t.Errorf("ids changed: %v", maps(again))
	}
	d.get(t, "/api/v1/export/hsds.json?per_page=201", http.StatusBadRequest)
	d.get(t, "/api/v1/export/hsds.json?lang=xx", http.StatusBadRequest)
}

func maps(m map[string]map[string]any) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+fmt.Sprint(v["id"]))
	}
	slices.Sort(out)
	return out
}
