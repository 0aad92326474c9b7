// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/demo"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed/feedtest"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
	"github.com/nordcal/nordcal/internal/web"
)

// feedOf returns the feed in l as a subscriber gets it, with its ETag.
func feedOf(t *testing.T, a *app, l lang.Code) (body, etag string) {
	t.Helper()
	rec := a.get(t, "/feeds/events.ics?lang="+string(l), http.StatusOK)
	return rec.Body.String(), rec.Header().Get("ETag")
}

// generated is, by UID, what a subscriber sees of each event of the feed
// in l and what importing the feed must leave as it is: SUMMARY with its
// LANGUAGE, DESCRIPTION, LOCATION, SEQUENCE and STATUS.
func generated(t *testing.T, a *app, l lang.Code) map[string]string {
	t.Helper()
	body, _ := feedOf(t, a, l)
	_, evs := parseFeed(t, body)
	out := map[string]string{}
	for uid, e := range evs {
		var language string
		if p := e.GetProperty(ics.ComponentPropertySummary); p != nil && len(p.ICalParameters["LANGUAGE"]) == 1 {
			language = p.ICalParameters["LANGUAGE"][0]
		}
		out[uid] = fmt.Sprintf("SUMMARY;LANGUAGE=%s:%s\nDESCRIPTION:%s\nLOCATION:%s\nSEQUENCE:%s\nSTATUS:%s", language,
			prop(e, ics.ComponentPropertySummary), prop(e, ics.ComponentPropertyDescription), prop(e, ics.ComponentPropertyLocation),
			prop(e, ics.ComponentPropertySequence), prop(e, ics.ComponentPropertyStatus))
	}
	return out
}

// stored is every fixture event as the calendar holds it, without what
// any save moves (the version and the time of the change).
func stored(t *testing.T, a *app) map[string]calendar.Event {
	t.Helper()
	out := map[string]calendar.Event{}
	for key, e := range a.ev {
		got, err := a.cal.EventAny(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.Version, got.UpdatedAt = 0, time.Time{}
		out[key] = got
	}
	return out
}

// importAsSecretariat imports file through /admin/import and expects every
// event of it to update a known one.
func importAsSecretariat(t *testing.T, a *app, sec *browser, file string, textLang lang.Code, events int) {
	t.Helper()
	fields := importFields(a, sec, "/admin/import")
	fields.Set("text_lang", string(textLang))
	res, doc := postFile(t, sec, "/admin/import", fields, file)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %q %q", res.StatusCode, texts(doc, ".import-problems li, .field-error"), texts(doc, ".error-summary"))
	}
	if n := doc.Find(".imported li").Length(); n != events {
		t.Errorf("%d events imported, want %d", n, events)
	}
	if pending, _ := a.cal.Pending(context.Background()); len(pending) != 0 {
		t.Errorf("%d pending submissions: the import created events", len(pending))
	}
}

var summaryLanguage = regexp.MustCompile(`(?m)^SUMMARY;LANGUAGE=[^:]*:`)

// outlookCopy is what Outlook exports of a subscribed feed: SUMMARY,
// DESCRIPTION and LOCATION as received, but its own PRODID and LANGUAGE,
// no STATUS and properties of its own.
func outlookCopy(feed string) string {
	s := strings.Replace(feed, "PRODID:-//nordcal//nordcal 1.0//EN", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", 1)
	s = summaryLanguage.ReplaceAllString(s, "SUMMARY;LANGUAGE=sv-SE:")
	s = regexp.MustCompile(`(?m)^STATUS:[^\r\n]*\r\n`).ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n")
}

// TestImportOwnFeed: the secretariat imports the calendar's own feed, in
// each language and as Outlook copies it, round after round, and no event
// changes: not its title (no "Cancelled: Cancelled: …"), description (no
// second list of organisers and links), place (no LOCATION doubled),
// language, web page, SEQUENCE or status.
func TestImportOwnFeed(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	want := map[lang.Code]map[string]string{}
	for _, l := range lang.All {
		want[l] = generated(t, a, l)
	}
	events := len(want[lang.EN])
	if events != 5 {
		t.Fatalf("the fixture feed has %d events", events)
	}
	wantStored := stored(t, a)

	rounds := []struct {
		name     string
		feed     lang.Code
		copy     func(string) string
		textLang lang.Code
	}{
		{"Finnish feed", lang.FI, nil, lang.FI},
		{"Swedish feed", lang.SV, nil, lang.SV},
		{"Danish feed", lang.DA, nil, lang.DA},
		{"Norwegian feed", lang.NO, nil, lang.NO},
		{"English feed", lang.EN, nil, lang.EN},
		{"English feed again, read as Finnish", lang.EN, nil, lang.FI},
		{"Outlook's copy of the Finnish feed", lang.FI, outlookCopy, lang.SV},
	}
	for _, r := range rounds {
		t.Run(r.name, func(t *testing.T) {
			file, _ := feedOf(t, a, r.feed)
			if r.copy != nil {
				file = r.copy(file)
			}
			importAsSecretariat(t, a, sec, file, r.textLang, events)
			for _, l := range lang.All {
				got := generated(t, a, l)
				for uid, w := range want[l] {
					if got[uid] != w {
						t.Errorf("feed %s, event %s:\n got  %q\n want %q", l, uid, got[uid], w)
					}
				}
				if len(got) != len(want[l]) {
					t.Errorf("feed %s has %d events, want %d", l, len(got), len(want[l]))
				}
			}
			for key, e := range stored(t, a) {
				if w := wantStored[key]; !reflect.DeepEqual(e, w) {
					t.Errorf("%s changed:\n got  %+v\n want %+v", key, e, w)
				}
			}
		})
	}
}

// TestImportDemoFeed: the demo data's feed, with its venues that hold
// commas, addresses, deadlines, online and cancelled events, goes through
// the secretariat's import without a stored event changing.
func TestImportDemoFeed(t *testing.T) {
	db := storetest.Open(t)
	a := serve(t, db)
	dir := directory.NewService(db)
	ctx := context.Background()
	if err := demo.Load(ctx, dir, a.cal, now); err != nil {
		t.Fatal(err)
	}
	editor := auth.User{Email: "editor@example.org", Name: "Eero Editor", Role: auth.Editor}
	if err := a.auth().Create(ctx, audit.CLI, &editor, testPassword); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(a.srv)
	t.Cleanup(ts.Close)
	sec := a.browser(t, ts)
	sec.login(editor.Email, testPassword)
	orgs, err := dir.Organisations(ctx)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("organisations: %d, %v", len(orgs), err)
	}
	all := func() map[string]calendar.Event {
		evs, _, err := a.cal.Feed(ctx, calendar.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]calendar.Event{}
		for _, e := range evs {
			e.Version, e.UpdatedAt = 0, time.Time{}
			out[e.UID] = e
		}
		return out
	}
	want := all()
	for _, l := range []lang.Code{lang.NO, lang.FI} {
		t.Run(string(l), func(t *testing.T) {
			file, _ := feedOf(t, a, l)
			fields := url.Values{"_csrf": {sec.token("/admin/import")}, "organiser": {strconv.FormatInt(orgs[0].ID, 10)},
				"category": {"seminar"}, "attendance": {"onsite"}, "audience": {"open"}, "country": {"FI"}, "city": {"Tampere"},
				"text_lang": {string(l)}}
			res, doc := postFile(t, sec, "/admin/import", fields, file)
			if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != len(want) {
				t.Fatalf("import: %d, %d of %d events %q", res.StatusCode, doc.Find(".imported li").Length(), len(want),
					texts(doc, ".import-problems li, .field-error, .error-summary"))
			}
			got := all()
			for uid, w := range want {
				if !reflect.DeepEqual(got[uid], w) {
					t.Errorf("%s changed:\n got  %+v\n want %+v", uid, got[uid], w)
				}
			}
		})
	}
}

// TestImportOwnFeedByteIdentical: importing the feed leaves it byte for
// byte as it was, with the same ETag, so that no subscriber downloads it
// again. This needs a save that changes nothing to write nothing (else
// LAST-MODIFIED and DTSTAMP move to the time of the import); the events'
// times of change are set in the past so that the test does not depend on
// the clock's second.
func TestImportOwnFeedByteIdentical(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	sqlDB, err := a.db.SQL()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlDB.ExecContext(context.Background(),
		"UPDATE events SET created_at = '2026-11-01 08:00:00+00:00', updated_at = '2026-11-02 08:00:00+00:00'"); err != nil {
		t.Fatal(err)
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	before, etag := feedOf(t, a, lang.EN)
	importAsSecretariat(t, a, sec, before, lang.EN, 5)
	after, etagAfter := feedOf(t, a, lang.EN)
	if after != before {
		b, g := strings.Split(before, "\r\n"), strings.Split(after, "\r\n")
		for i := range min(len(b), len(g)) {
			if b[i] != g[i] {
				t.Errorf("the feed changed from line %d: %q, was %q", i+1, g[i], b[i])
				break
			}
		}
		if len(b) != len(g) {
			t.Errorf("the feed has %d lines, had %d", len(g), len(b))
		}
	}
	if etagAfter != etag {
		t.Errorf("ETag %s, was %s", etagAfter, etag)
	}
}

// TestFeedRecogniserKnowsTheWebLayersWords: the words the tests read back
// (feedtest) are the ones the feeds are written with.
func TestFeedRecogniserKnowsTheWebLayersWords(t *testing.T) {
	a := newApp(t)
	for _, l := range lang.All {
		got, want := web.FeedStrings(a.srv, l), feedtest.Strings(t, l)
		got.FormatDate, want.FormatDate = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the web layer writes %+v, the tests read %+v", l, got, want)
		}
	}
}
