// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
)

// formFields returns what a browser would send for the form sel of doc as
// it is shown: inputs with their values (checked boxes only), the selected
// options, textareas (line breaks as CRLF).
func formFields(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	form := doc.Find(sel).First()
	form.Find("input[name]").Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		typ, _ := in.Attr("type")
		if (typ == "checkbox" || typ == "radio") && in.AttrOr("checked", "-") == "-" {
			return
		}
		if typ == "submit" || typ == "file" {
			return
		}
		val := in.AttrOr("value", "")
		if typ == "checkbox" && val == "" {
			val = "on"
		}
		v.Add(name, val)
	})
	form.Find("select[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		s.Find("option[selected]").Each(func(_ int, o *goquery.Selection) { v.Add(name, o.AttrOr("value", o.Text())) })
	})
	form.Find("textarea[name]").Each(func(_ int, ta *goquery.Selection) {
		name, _ := ta.Attr("name")
		// As browsers do, line breaks are sent as CRLF.
		v.Add(name, strings.ReplaceAll(strings.TrimPrefix(ta.Text(), "\n"), "\n", "\r\n"))
	})
	return v
}

// feedBytes fetches the whole feed and its ETag.
func feedBytes(t *testing.T, b *browser) (string, string) {
	t.Helper()
	res, err := b.c.Get(b.base + "/feeds/events.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("feed: %d", res.StatusCode)
	}
	return string(body), res.Header.Get("ETag")
}

func auditCount(t *testing.T, a *app, id int64) int {
	t.Helper()
	es, _, err := a.db.ListAudit(context.Background(), audit.Filter{RecordType: "event", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if e.RecordID == id {
			n++
		}
	}
	return n
}

// registered is a registration sent through the public form, with the
// secretariat signed in to review it.
type registered struct {
	org, sec *browser
	manage   string // the manage link's path
	ev       calendar.Event
	path     string // the secretariat's page of the event
}

func register(t *testing.T, a *app, org *browser, ts *httptest.Server, form url.Values) registered {
	t.Helper()
	res, doc := org.post("/en/events/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
	}
	pending, _ := a.cal.Pending(context.Background())
	r := registered{org: org, manage: strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1"),
		ev: pending[len(pending)-1].Event, sec: a.browser(t, ts)}
	r.sec.login("editor@example.org", testPassword)
	r.path = "/admin/events/" + strconv.FormatInt(r.ev.ID, 10)
	return r
}

func TestSecretariatSaveThatChangesNothingChangesNothing(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	for _, key := range []string{"Helsinki conference", "Oslo seminar", "Swedish only", "Save the date"} {
		t.Run(key, func(t *testing.T) {
			ev := a.ev[key]
			path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
			before, etag := feedBytes(t, sec)
			entries := auditCount(t, a, ev.ID)
			_, doc := sec.get(path)
			form := formFields(doc, "form.event-form")
			if form.Get("_csrf") == "" || form.Get("version") == "" {
				t.Fatalf("edit form not found: %v", form)
			}
			res, doc := sec.post(path, form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
			}
			after, etag2 := feedBytes(t, sec)
			if after != before || etag2 != etag {
				t.Errorf("a save without changes changed the feed (ETag %s → %s)", etag, etag2)
			}
			stored, _ := a.db.EventByID(context.Background(), ev.ID)
			if stored.Version != ev.Version || stored.Sequence != ev.Sequence || !stored.UpdatedAt.Equal(ev.UpdatedAt) {
				t.Errorf("version %d→%d, sequence %d→%d, updated %v→%v", ev.Version, stored.Version, ev.Sequence,
					stored.Sequence, ev.UpdatedAt, stored.UpdatedAt)
			}
			if n := auditCount(t, a, ev.ID); n != entries {
				t.Errorf("audit entries %d → %d for a save without changes", entries, n)
			}
		})
	}
	// A real change does reach the feed, with the organisers kept.
	ev := a.ev["Helsinki conference"]
	path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
	before, etag := feedBytes(t, sec)
	_, doc := sec.get(path)
	form := formFields(doc, "form.event-form")
	form.Set("venue", "Säätytalo")
	if res, _ := sec.post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	after, etag2 := feedBytes(t, sec)
	if after == before || etag2 == etag || !strings.Contains(after, "Säätytalo") {
		t.Error("a real change did not reach the feed")
	}
	stored, _ := a.db.EventByID(context.Background(), ev.ID)
	if stored.Sequence != ev.Sequence+1 || len(stored.Organisers) != len(ev.Organisers) {
		t.Errorf("after moving the venue: sequence %d (was %d), %d organisers", stored.Sequence, ev.Sequence, len(stored.Organisers))
	}
}

func TestSecretariatCancelsAndReinstates(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	ev := a.ev["Helsinki conference"]
	path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
	feedEvent := func() *ics.VEvent {
		fe := feedEvents(t, sec)[ev.UID]
		if fe == nil {
			t.Fatal("the event left the feed")
		}
		return fe
	}
	seq0, _ := strconv.Atoi(prop(feedEvent(), ics.ComponentPropertySequence))
	version := func() string {
		_, doc := sec.get(path)
		return doc.Find(`form[action$="/cancel"] input[name=version], form[action$="/reinstate"] input[name=version]`).AttrOr("value", "")
	}

	res, doc := sec.post(path+"/cancel", url.Values{"_csrf": {sec.token(path)}, "version": {version()}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#confirm_cancel-error").Length() != 1 {
		t.Errorf("cancel without confirmation: %d", res.StatusCode)
	}
	if st := prop(feedEvent(), ics.ComponentPropertyStatus); st != "CONFIRMED" {
		t.Fatalf("an unconfirmed cancel left STATUS %s", st)
	}
	res, doc = sec.post(path+"/cancel", url.Values{"_csrf": {sec.token(path)}, "version": {"999"}, "confirm_cancel": {"on"}})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("cancel from a stale page: %d", res.StatusCode)
	}
	res, _ = sec.post(path+"/cancel", url.Values{"_csrf": {sec.token(path)}, "version": {version()}, "confirm_cancel": {"on"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", res.StatusCode)
	}
	fe := feedEvent()
	if st, seq := prop(fe, ics.ComponentPropertyStatus), prop(fe, ics.ComponentPropertySequence); st != "CANCELLED" || seq != strconv.Itoa(seq0+1) {
		t.Errorf("after cancelling: STATUS %s SEQUENCE %s", st, seq)
	}
	_, doc = sec.get(path)
	if doc.Find(`form[action$="/reinstate"]`).Length() != 1 || doc.Find(`form[action$="/cancel"]`).Length() != 0 {
		t.Error("a cancelled event's page does not offer to undo the cancellation (or still offers to cancel)")
	}
	res, _ = sec.post(path+"/reinstate", url.Values{"_csrf": {sec.token(path)}, "version": {version()}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reinstate: %d", res.StatusCode)
	}
	fe = feedEvent()
	if st, seq := prop(fe, ics.ComponentPropertyStatus), prop(fe, ics.ComponentPropertySequence); st != "CONFIRMED" || seq != strconv.Itoa(seq0+2) {
		t.Errorf("after reinstating: STATUS %s SEQUENCE %s", st, seq)
	}
	es, _, _ := a.db.ListAudit(context.Background(), audit.Filter{Action: calendar.EventReinstate})
	if len(es) != 1 || es[0].RecordID != ev.ID || es[0].Actor.Email != "editor@example.org" {
		t.Errorf("audit of the reinstatement: %+v", es)
	}
	// Reinstating what is not cancelled is refused with a message.
	res, doc = sec.post(path+"/reinstate", url.Values{"_csrf": {sec.token(path)}, "version": {version()}})
	if res.StatusCode != http.StatusConflict || doc.Find(".error-summary").Length() != 1 {
		t.Errorf("reinstating a published event: %d", res.StatusCode)
	}
}

func TestResubmitAfterRejection(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	form := registration(a, org)
	form.Set("title_en", "Rejected at first")
	r := register(t, a, org, ts, form)
	sec, manage, ev, path := r.sec, r.manage, r.ev, r.path
	res, _ := sec.post(path+"/reject", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(ev.Version)},
		"reason": {"Please give the venue."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", res.StatusCode)
	}

	_, doc := org.get(manage)
	edit := formFields(doc, "form.event-form")
	edit.Set("venue", "Tampere-talo")
	res, doc = org.post(manage, edit)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
	}
	_, doc = org.get(manage)
	if st := doc.Find(".state").Text(); st != "Waiting for review" || strings.Contains(doc.Text(), "Please give the venue.") {
		t.Errorf("after resubmitting: state %q, old reason shown: %v", st, strings.Contains(doc.Text(), "Please give the venue."))
	}
	stored, _ := a.db.EventByID(context.Background(), ev.ID)
	sub, _ := a.cal.Submission(context.Background(), ev.ID)
	if stored.Status != calendar.Pending || stored.Venue != "Tampere-talo" || sub.Reason != "" || sub.DecidedBy != "" {
		t.Errorf("resubmitted: status %s venue %q reason %q decided by %q", stored.Status, stored.Venue, sub.Reason, sub.DecidedBy)
	}
	_, doc = sec.get("/admin/moderation")
	if !strings.Contains(doc.Text(), "Rejected at first") {
		t.Error("the resubmitted registration is not in the moderation queue")
	}
	es, _, _ := a.db.ListAudit(context.Background(), audit.Filter{Action: calendar.EventResubmit})
	if len(es) != 1 || es[0].RecordID != ev.ID {
		t.Errorf("audit of the resubmission: %+v", es)
	}
}

func TestIncompleteImportIsFlaggedAndCanBeCompleted(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	fields := importFields(a, sec, "/admin/import")
	fields.Set("city", "") // an on-site event with no place: approval needs one
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:no-place-1@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Helsinki:20270420T090000\r\n" +
		"DTEND;TZID=Europe/Helsinki:20270420T120000\r\nSUMMARY:Verkostotapaaminen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	res, doc := postFile(t, sec, "/admin/import", fields, file)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	ev, err := a.db.EventByUID(context.Background(), "no-place-1@example.org")
	if err != nil {
		t.Fatal(err)
	}
	_, doc = sec.get("/admin/moderation")
	row := doc.Find("tr").FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "Verkostotapaaminen") })
	if !strings.Contains(row.Find(".tag-warning").Text(), "Incomplete") {
		t.Error("the queue does not flag the incomplete event")
	}
	path := "/admin/events/" + strconv.FormatInt(ev.ID, 10)
	_, doc = sec.get(path)
	if !strings.Contains(doc.Find(".notice-warning").Text(), "City") || doc.Find("#city-error").Length() != 1 {
		t.Errorf("the review page does not say what is missing: %q", doc.Find(".notice-warning").Text())
	}
	res, doc = sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(ev.Version)}})
	if res.StatusCode != http.StatusBadRequest || doc.Find("#city-error").Length() != 1 {
		t.Errorf("approving incomplete: %d, city message %d", res.StatusCode, doc.Find("#city-error").Length())
	}
	_, doc = sec.get(path)
	form := formFields(doc, "form.event-form")
	form.Set("city", "Helsinki")
	if res, doc := sec.post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("completing: %d %q", res.StatusCode, texts(doc, ".error-summary, .field-error"))
	}
	_, doc = sec.get(path)
	if doc.Find(".notice-warning").Length() != 0 {
		t.Error("a completed event is still flagged")
	}
	version := doc.Find(`form[action$="/approve"] input[name=version]`).AttrOr("value", "")
	if res, _ := sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {version}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve after completing: %d", res.StatusCode)
	}
	if stored, _ := a.db.EventByID(context.Background(), ev.ID); stored.Status != calendar.Published || stored.City != "Helsinki" {
		t.Errorf("approved: %s in %q", stored.Status, stored.City)
	}
}

func TestSignedInSecretariatSeesEditLinkOnPublicPage(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	ev := a.ev["Helsinki conference"]
	page := "/en/events/" + strconv.FormatInt(ev.ID, 10)
	anon := a.browser(t, ts)
	if _, doc := anon.get(page); doc.Find(".admin-edit a").Length() != 0 {
		t.Fatal("an anonymous reader sees the edit link")
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	res, doc := sec.get(page)
	if href, _ := doc.Find(".admin-edit a").Attr("href"); href != "/admin/events/"+strconv.FormatInt(ev.ID, 10) {
		t.Errorf("edit link %q", href)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("the signed-in page may be stored: Cache-Control %q", cc)
	}
	// The page cached for everyone else never carries it.
	if _, doc := anon.get(page); doc.Find(".admin-edit a").Length() != 0 {
		t.Error("the signed-in page leaked into the cache")
	}
	// Signed out, the link is gone.
	if res, _ := sec.post("/admin/logout", url.Values{"_csrf": {sec.token("/admin")}}); res.StatusCode >= 400 {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	if _, doc := sec.get(page); doc.Find(".admin-edit a").Length() != 0 {
		t.Error("the edit link outlives the session")
	}
}

func TestProposedOrganisationJoinsCoOrganisers(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	form := registration(a, org)
	coID := form.Get("organiser")
	form.Del("organiser")
	form.Set("co_organisers", coID)
	form.Set("org_name", "Pro-tukipiste ry")
	form.Set("org_country", "FI")
	r := register(t, a, org, ts, form)
	sec, ev, path := r.sec, r.ev, r.path
	_, doc := sec.get(path)
	if res, _ := sec.post(path+"/approve", formFields(doc, `form[action$="/approve"]`)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	stored, _ := a.db.EventByID(context.Background(), ev.ID)
	if len(stored.Organisers) != 2 || stored.Organisers[0].Names["en"] != "Pro-tukipiste ry" || strconv.FormatInt(stored.Organisers[1].ID, 10) != coID {
		t.Errorf("organisers after approval: %+v", stored.Organisers)
	}
}

func TestApproveWithProposedOrganisation(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	form := registration(a, org)
	form.Del("organiser")
	form.Set("org_name", "Pro-tukipiste ry")
	form.Set("org_country", "FI")
	form.Set("org_website", "https://pro-tukipiste.example.org")
	r := register(t, a, org, ts, form)
	sec, ev, path := r.sec, r.ev, r.path
	if len(ev.Organisers) != 0 {
		t.Fatalf("a proposed organisation was stored as an organiser: %v", ev.Organisers)
	}
	_, doc := sec.get(path)
	if !strings.Contains(doc.Text(), "Pro-tukipiste ry") {
		t.Error("the review page does not show the proposed organisation")
	}
	if doc.Find(".notice-warning").Length() != 0 {
		t.Error("a proposed organisation is flagged as incomplete")
	}
	approve := formFields(doc, `form[action$="/approve"]`)
	if approve.Get("create_org") != "on" {
		t.Error("creating the proposed organisation is not offered, ticked")
	}
	approve.Del("create_org")
	if res, doc := sec.post(path+"/approve", approve); res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(doc.Find(".error-summary").Text(), "organiser") {
		t.Errorf("approving with no organiser at all: %d", res.StatusCode)
	}
	approve.Set("create_org", "on")
	if res, _ := sec.post(path+"/approve", approve); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	stored, _ := a.db.EventByID(context.Background(), ev.ID)
	if stored.Status != calendar.Published || len(stored.Organisers) != 1 || stored.Organisers[0].Names["en"] != "Pro-tukipiste ry" ||
		stored.Organisers[0].Country != "FI" || stored.Organisers[0].Website != "https://pro-tukipiste.example.org" {
		t.Fatalf("approved: %s with %+v", stored.Status, stored.Organisers)
	}
	_, doc = org.get("/en/events/" + strconv.FormatInt(ev.ID, 10))
	link := doc.Find("dd a").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "Pro-tukipiste ry" })
	href, _ := link.Attr("href")
	if href == "" {
		t.Fatal("the public page does not name the new organiser")
	}
	if res, _ := org.get(href); res.StatusCode != http.StatusOK {
		t.Errorf("the new organiser's directory page: %d", res.StatusCode)
	}
}

func TestOrganiserUndoesOnlyTheirOwnCancellation(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	r := register(t, a, org, ts, registration(a, org))
	sec, manage, ev, path := r.sec, r.manage, r.ev, r.path
	if res, _ := sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(ev.Version)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	status := func() calendar.Status {
		e, _ := a.db.EventByID(context.Background(), ev.ID)
		return e.Status
	}

	// The organiser cancels and undoes it.
	tok := org.token(manage)
	if res, _ := org.post(manage+"/cancel", url.Values{"_csrf": {tok}, "confirm_cancel": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", res.StatusCode)
	}
	_, doc := org.get(manage)
	if doc.Find(`form[action$="/reinstate"]`).Length() != 1 {
		t.Fatal("no way to undo one's own cancellation")
	}
	if res, _ := org.post(manage+"/reinstate", url.Values{"_csrf": {org.token(manage)}}); res.StatusCode != http.StatusSeeOther || status() != calendar.Published {
		t.Fatalf("reinstate: %d, status %s", res.StatusCode, status())
	}

	// The secretariat cancels: the organiser is told to ask, and cannot undo it.
	_, doc = sec.get(path)
	version := doc.Find(`form[action$="/cancel"] input[name=version]`).AttrOr("value", "")
	if res, _ := sec.post(path+"/cancel", url.Values{"_csrf": {sec.token(path)}, "version": {version}, "confirm_cancel": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("secretariat cancel: %d", res.StatusCode)
	}
	_, doc = org.get(manage)
	if doc.Find(`form[action$="/reinstate"]`).Length() != 0 || !strings.Contains(doc.Text(), "Contact the secretariat") {
		t.Error("the organiser is offered to undo the secretariat's cancellation")
	}
	res, _ := org.post(manage+"/reinstate", url.Values{"_csrf": {tok}})
	if res.StatusCode != http.StatusConflict || status() != calendar.Cancelled {
		t.Errorf("organiser undoing the secretariat's cancellation: %d, status %s", res.StatusCode, status())
	}
}
