// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// fieldMessage returns the text of field's error message on doc (the
// secretariat's directory forms prefix field IDs with "f-").
func fieldMessage(doc *goquery.Document, id string) string {
	return strings.TrimSpace(doc.Find("#" + id + "-error").Text())
}

// enMessage is the English text of a message ID.
func enMessage(t *testing.T, id string) string {
	t.Helper()
	s, ok := loadLocale(t, lang.EN)[id].(string)
	if !ok {
		t.Fatalf("en.json lacks %s", id)
	}
	return s
}

func TestDirectoryFormsRefuseLineBreaksAndInvisibleCharacters(t *testing.T) {
	_, b, _ := curator(t)
	control, invisible := enMessage(t, "validation.text"), enMessage(t, "validation.invisible")
	tok := b.token("/admin/directory/people/new")
	for _, tc := range []struct {
		name, field, value, want string
	}{
		{"a bare CR in a title (vCard line injection)", "title_fi", "Adviser\rEMAIL;TYPE=work:attacker@evil.example", control},
		{"a line separator in a family name", "family_name", "Mäkelä\u2028EMAIL:x@evil.example", control},
		{"a right-to-left override in a title", "title_fi", "Koordinaattori \u202eexe.fdp", invisible},
		{"an isolate in a given name", "given_name", "\u2067Aino\u2069", invisible},
		{"a zero-width space in a family name", "family_name", "Mäke\u200blä", invisible},
		{"a byte-order mark in a title", "title_fi", "\ufeffKoordinaattori", invisible},
		{"a zero-width joiner in a given name", "given_name", "Ai\u200dno", invisible},
	} {
		t.Run("person: "+tc.name, func(t *testing.T) {
			res, doc := b.post("/admin/directory/people", personValues(tok, map[string]string{tc.field: tc.value}))
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			if got := fieldMessage(doc, "f-"+tc.field); got != tc.want {
				t.Errorf("%s message %q, want %q", tc.field, got, tc.want)
			}
		})
	}
	tok = b.token("/admin/directory/organisations/new")
	for _, tc := range []struct {
		name, field, value, msgField, want string
	}{
		{"a bare CR in a name", "name_en", "Ministry\rEMAIL:x@evil.example", "name", control},
		{"a bidi override in a name", "name_en", "Ministry of \u202eecitsuJ", "name", invisible},
		{"a zero-width space in the abbreviation", "abbreviation", "O\u200bM", "abbreviation", invisible},
		{"a bare CR in the address", "address", "Eteläesplanadi 10\rHelsinki", "address", control},
	} {
		t.Run("organisation: "+tc.name, func(t *testing.T) {
			vals := url.Values{"_csrf": {tok}, "slug": {"test-org"}, "name_fi": {"Testivirasto"}, "original_lang": {"fi"},
				"country": {"FI"}, "type": {"agency"}}
			vals.Set(tc.field, tc.value)
			res, doc := b.post("/admin/directory/organisations", vals)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			got := fieldMessage(doc, "f-"+tc.msgField)
			if tc.msgField == "name" { // one message for the fieldset of names
				got = strings.TrimSpace(doc.Find("fieldset > p.field-error").First().Text())
			}
			if got != tc.want {
				t.Errorf("%s message %q, want %q", tc.msgField, got, tc.want)
			}
		})
	}
}

func TestCSVImportRefusesLineBreaksAndInvisibleCharacters(t *testing.T) {
	_, b, _ := curator(t)
	tok := b.token("/admin/directory/import")
	file := "given_name,family_name,organisation,title_en,email,country,visibility,legal_basis,legal_basis_date\r\n" +
		"Märta,Lindqvist,om-fi,\"Adviser\rEMAIL;TYPE=work:attacker@evil.example\",marta@example.org,SE,public,public_task,2026-01-01\r\n" +
		"Bo,\"\u202eLindqvist\",om-fi,Adviser,bo@example.org,SE,public,public_task,2026-01-01\r\n" +
		"Åsa,Öberg,om-fi,Ad\u200bviser,asa@example.org,SE,public,public_task,2026-01-01\r\n" +
		"Eva,Ek,om-fi,Adviser,\"eva@example.org?cc=attacker%40evil.example\",SE,public,public_task,2026-01-01\r\n"
	res, doc := b.post("/admin/directory/import", url.Values{"_csrf": {tok}, "kind": {"people"}, "csv": {file}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	got := texts(doc, ".row-errors li")
	want := []string{"title_en: " + enMessage(t, "validation.text"), "family_name: " + enMessage(t, "validation.invisible"),
		"title_en: " + enMessage(t, "validation.invisible"), "email: " + enMessage(t, "validation.email")}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("row errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.Find(`form[action="/admin/directory/import/apply"]`).Length() != 0 {
		t.Error("a plan with errors may be applied")
	}
}

func TestEventFormRefusesInvisibleCharactersAndMailtoParts(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	for _, tc := range []struct {
		name, field, value, want string
	}{
		{"a right-to-left override in the title", "title_en", "Nordic \u202eecnerefnoc", "validation.invisible"},
		{"a zero-width space in the title", "title_en", "Nordic\u200bconference", "validation.invisible"},
		{"a left-to-right mark in the city", "city", "Oslo\u200e", "validation.invisible"},
		{"a bare CR in the venue", "venue", "Hall\rLOCATION:elsewhere", "validation.text"},
		{"a query in the contact e-mail", "contact_email", "info@example.org?cc=attacker%40evil.example&subject=x", "validation.email"},
		{"a fragment in the contact e-mail", "contact_email", "info@example.org#x", "validation.email"},
		{"a percent-encoded at in the contact e-mail", "contact_email", "info%40evil.example@example.org", "validation.email"},
		{"a query in the submitter's e-mail", "submitter_email", "kari@example.org?bcc=x@evil.example", "validation.email"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := registration(a, org)
			form.Set(tc.field, tc.value)
			res, doc := org.post("/en/events/new", form)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			if got, want := fieldMessage(doc, tc.field), enMessage(t, tc.want); got != want {
				t.Errorf("%s message %q, want %q", tc.field, got, want)
			}
		})
	}
	// Description paragraphs may carry the zero-width characters pasted
	// text brings along, but not text-direction overrides.
	form := registration(a, org)
	form.Set("description_en", "Two days\u200b on labour exploitation.\r\nSecond line.")
	if res, doc := org.post("/en/events/new", form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a description with a zero-width space: %d %q", res.StatusCode, texts(doc, ".field-error"))
	}
	form = registration(a, org)
	form.Set("description_en", "Two days on \u202elabour exploitation.")
	if res, doc := org.post("/en/events/new", form); res.StatusCode != http.StatusBadRequest ||
		fieldMessage(doc, "description_en") != enMessage(t, "validation.invisible") {
		t.Errorf("a description with an override: %d %q", res.StatusCode, fieldMessage(doc, "description_en"))
	}
}

// TestPublishedEventWithANewAddressGoesBackToModeration: the manage link
// may move a published event at once, but a new contact address (which
// becomes a mailto: link and the feed's ORGANIZER) waits for the
// secretariat, and the event is not public meanwhile.
func TestPublishedEventWithANewAddressGoesBackToModeration(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	form := registration(a, org)
	form.Set("title_en", "Reviewed twice")
	form.Set("contact_email", "info@example.org")
	r := register(t, a, org, ts, form)
	approve := func() {
		t.Helper()
		_, doc := r.sec.get(r.path)
		if res, _ := r.sec.post(r.path+"/approve", formFields(doc, `form[action$="/approve"]`)); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", res.StatusCode)
		}
	}
	approve()
	save := func(field, value string) {
		t.Helper()
		_, doc := org.get(r.manage)
		edit := formFields(doc, "form.event-form")
		edit.Set(field, value)
		if res, doc := org.post(r.manage, edit); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %s: %d %q", field, res.StatusCode, texts(doc, ".error-summary, .field-error"))
		}
	}
	status := func() calendar.Status {
		e, _ := a.db.EventByID(context.Background(), r.ev.ID)
		return e.Status
	}
	_, doc := org.get(r.manage)
	if !strings.Contains(doc.Find("p.hint").Text(), enMessage(t, "manage.review_hint")) {
		t.Errorf("the edit form of a published event does not say what goes back to review: %q", doc.Find("p.hint").Text())
	}
	save("venue", "Oslo Kongressenter")
	if st := status(); st != calendar.Published {
		t.Fatalf("a new venue: %s, want published at once", st)
	}
	save("contact_email", "desk@example.org")
	if st := status(); st != calendar.Pending {
		t.Fatalf("a new contact address: %s, want pending", st)
	}
	if _, ok := feedEvents(t, org)[r.ev.UID]; ok {
		t.Error("the event with an unreviewed address is still in the public feed")
	}
	_, doc = r.sec.get("/admin/moderation")
	if !strings.Contains(doc.Text(), "Reviewed twice") {
		t.Error("the edited event is not in the moderation queue")
	}
	approve()
	if st := status(); st != calendar.Published {
		t.Fatalf("approved again: %s", st)
	}
	if e, ok := feedEvents(t, org)[r.ev.UID]; !ok || prop(e, ics.ComponentPropertyOrganizer) != "mailto:desk@example.org" {
		t.Errorf("the approved address is not the feed's ORGANIZER: %v", ok)
	}
}
