// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
)

// seriesICS is a six-meeting series as Outlook exports it: the first
// Tuesday of the month at 10:00 Helsinki time from February 2027, with the
// March meeting moved to the Wednesday and the April one cancelled.
const seriesICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:steering@example.org\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:0\r\n" +
	"DTSTART;TZID=Europe/Helsinki:20270202T100000\r\nDTEND;TZID=Europe/Helsinki:20270202T113000\r\n" +
	"RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6\r\nSUMMARY:Ohjausryhmä\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:steering@example.org\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:1\r\n" +
	"RECURRENCE-ID;TZID=Europe/Helsinki:20270302T100000\r\n" +
	"DTSTART;TZID=Europe/Helsinki:20270303T130000\r\nDTEND;TZID=Europe/Helsinki:20270303T143000\r\n" +
	"SUMMARY:Ohjausryhmä\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:steering@example.org\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:1\r\nSTATUS:CANCELLED\r\n" +
	"RECURRENCE-ID;TZID=Europe/Helsinki:20270406T100000\r\n" +
	"DTSTART;TZID=Europe/Helsinki:20270406T100000\r\nDTEND;TZID=Europe/Helsinki:20270406T113000\r\n" +
	"SUMMARY:Ohjausryhmä\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestImportKeepsASeriesOneSeries is the reported bug: an
// imported six-meeting series is one pending submission with one manage
// link and one mail, approved once, written to the feed as one RRULE
// VEVENT with its moved date, and re-importing the file updates it.
func TestImportKeepsASeriesOneSeries(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	srv := mailtest.Start(t, mailtest.Options{})
	withNotices(t, a, srv)
	ctx := context.Background()
	b := a.browser(t, ts)
	res, doc := postFile(t, b, "/fi/events/import", importFields(a, b, "/fi/events/import"), seriesICS)
	if res.StatusCode != http.StatusOK || doc.Find(".imported li").Length() != 1 || doc.Find(".imported code.secret").Length() != 1 {
		t.Fatalf("import: %d %q %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"), texts(doc, ".imported li"))
	}
	if n, err := a.cal.PendingCount(ctx); n != 1 || err != nil {
		t.Fatalf("%d pending (%v), want the one series", n, err)
	}
	if mails := mailsTo(t, a, srv, "liisa@example.org"); len(mails) != 1 {
		t.Errorf("%d mails to the organiser, want one", len(mails))
	}
	e, err := a.db.EventByUID(ctx, "steering@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != calendar.Pending || e.Repeat.Rule != "FREQ=MONTHLY;BYDAY=1TU;COUNT=6" ||
		calendar.JoinKeys(e.Repeat.ExDates, false) != "20270406T100000" {
		t.Fatalf("series %s %+v, want pending with the cancelled April meeting excluded", e.Status, e.Repeat)
	}
	ovs, err := a.db.Overrides(ctx, []int64{e.ID})
	if err != nil || len(ovs) != 1 || ovs[0].RecurrenceKey != "20270302T100000" ||
		ovs[0].Start.In(mustZone(t, "Europe/Helsinki")).Format("2006-01-02 15:04") != "2027-03-03 13:00" {
		t.Fatalf("overrides %+v (%v), want the moved March meeting", ovs, err)
	}

	if err := a.cal.Approve(ctx, actorForTest, calendar.Moderation{EventID: e.ID, Version: e.Version}); err != nil {
		t.Fatal(err)
	}
	body := a.get(t, "/feeds/events.ics", http.StatusOK).Body.String()
	master, overrides := seriesEvents(t, body, e.UID)
	if master == nil || len(overrides) != 1 || overrides["20270302T100000"] == nil {
		t.Fatalf("feed: master %v, overrides %v", master != nil, overrides)
	}
	if got := prop(master, ics.ComponentPropertyExdate); got != "20270406T100000" {
		t.Errorf("EXDATE %q", got)
	}
	if got := prop(overrides["20270302T100000"], ics.ComponentPropertyStatus); got != "CONFIRMED" {
		t.Errorf("the moved date is %s after the series' approval", got)
	}

	// The secretariat imports the file again with the March meeting moved
	// once more: the override changes, nothing is duplicated.
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	again := strings.ReplaceAll(seriesICS, "20270303T1", "20270304T1")
	res, doc = postFile(t, sec, "/admin/import", importFields(a, sec, "/admin/import"), again)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("re-import: %d %q", res.StatusCode, texts(doc, ".import-problems li, .error-summary"))
	}
	ovs, err = a.db.Overrides(ctx, []int64{e.ID})
	if err != nil || len(ovs) != 1 || ovs[0].Start.In(mustZone(t, "Europe/Helsinki")).Format("2006-01-02 15:04") != "2027-03-04 13:00" {
		t.Fatalf("overrides after the re-import %+v (%v)", ovs, err)
	}
	if ovs[0].Sequence < 2 {
		t.Errorf("moved twice, SEQUENCE %d", ovs[0].Sequence)
	}
	if n, _ := a.cal.PendingCount(ctx); n != 0 {
		t.Errorf("%d pending after the re-import", n)
	}
	dates, err := a.db.ListEvents(ctx, calendar.Query{Filter: calendar.Filter{From: calendar.Date{Year: 2027, Month: 1, Day: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dates {
		if d.SeriesID == e.ID {
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d dates listed, want 5 (six less the cancelled one)", n)
	}
}

// TestImportRefusesASeriesTooLarge: a series with more dates than the
// import allows is refused before anything is stored.
func TestImportRefusesASeriesTooLarge(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	file := strings.Replace(seriesICS, "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6", "RRULE:FREQ=DAILY;COUNT=400", 1)
	res, doc := postFile(t, b, "/en/events/import", importFields(a, b, "/en/events/import"), file)
	if res.StatusCode != http.StatusBadRequest || doc.Find("#file-error").Text() == "" {
		t.Fatalf("too large: %d %q", res.StatusCode, texts(doc, "#file-error, .import-problems li"))
	}
	if n, _ := a.cal.PendingCount(context.Background()); n != 0 {
		t.Errorf("%d pending after a refused import", n)
	}
	if _, err := a.db.EventByUID(context.Background(), "steering@example.org"); err == nil {
		t.Error("the refused series was stored")
	}
}

// TestImportAsksOrganisersForTheEndOfASeries: an organiser's open-ended
// series is refused as on the form, next to the file, in words.
func TestImportAsksOrganisersForTheEndOfASeries(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	file := strings.Replace(seriesICS, "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6", "RRULE:FREQ=MONTHLY;BYDAY=1TU", 1)
	res, doc := postFile(t, b, "/en/events/import", importFields(a, b, "/en/events/import"), file)
	if res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(doc.Find(".import-problems").Text(), "Repeats: Say when the series ends") {
		t.Fatalf("open-ended series: %d %q", res.StatusCode, texts(doc, "#file-error, .import-problems li"))
	}
	if n, _ := a.cal.PendingCount(context.Background()); n != 0 {
		t.Errorf("%d pending after a refused import", n)
	}
}
