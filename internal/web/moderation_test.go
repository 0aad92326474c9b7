// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestModerationQueueIsPaged(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	ctx := context.Background()
	om := a.ev["Helsinki conference"].Organisers[0]
	for i := range 60 {
		day := calendar.Date{Year: 2027, Month: 3, Day: 1}.AddDays(i)
		e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Submission %02d", i)}},
			AllDay: true, StartDate: day, EndDate: day, Zone: "Europe/Oslo", City: "Tromsø", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open, Organisers: []directory.Organisation{{ID: om.ID}}}
		sub := calendar.Submission{Lang: lang.EN, SubmitterName: "Sender", SubmitterEmail: fmt.Sprintf("s%d@example.org", i)}
		if _, err := a.cal.Submit(ctx, &e, &sub); err != nil {
			t.Fatal(err)
		}
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	en := a.bundle.For(lang.EN)
	_, doc := sec.get("/admin/moderation")
	rows := texts(doc, "table.data tbody tr td:first-child a")
	if len(rows) != 50 || rows[0] != "Submission 00" || rows[49] != "Submission 49" {
		t.Fatalf("page 1: %d rows, from %q", len(rows), rows[:min(1, len(rows))])
	}
	if c := doc.Find("table.data caption").Text(); !strings.HasPrefix(c, en.N("moderation.count", 60)) {
		t.Errorf("caption %q must count all 60", c)
	}
	next := doc.Find(".pager a[rel=next]").AttrOr("href", "")
	if next != "/admin/moderation?page=2" {
		t.Fatalf("next page %q", next)
	}
	_, doc = sec.get(next)
	if rows := texts(doc, "table.data tbody tr td:first-child a"); len(rows) != 10 || rows[0] != "Submission 50" {
		t.Errorf("page 2: %q", rows)
	}
	for _, bad := range []string{"page=3", "page=-1", "page=x"} {
		res, doc := sec.get("/admin/moderation?" + bad)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(doc.Find(".error-fields").Text(), en.T("filter.bad_page")) {
			t.Errorf("?%s: %d, want 400 with the page message", bad, res.StatusCode)
		}
	}
}

// TestReviewPageSpeaksToTheSecretariat: the sender's details carry labels
// for the reader (not the submitter's "Your name"), and the hint meant for
// submitters ("you can still send") is not shown.
func TestReviewPageSpeaksToTheSecretariat(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	om := a.ev["Helsinki conference"].Organisers[0]
	day := calendar.Date{Year: 2027, Month: 3, Day: 2}
	e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Review me"}},
		AllDay: true, StartDate: day, EndDate: day, Zone: "Europe/Oslo", City: "Tromsø", Country: "NO",
		Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open, Organisers: []directory.Organisation{{ID: om.ID}}}
	if _, err := a.cal.Submit(context.Background(), &e, &calendar.Submission{Lang: lang.EN, SubmitterName: "Åsa Söderström", SubmitterEmail: "asa@example.org"}); err != nil {
		t.Fatal(err)
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	for _, l := range lang.All {
		loc := a.bundle.For(l)
		_, doc := sec.get(fmt.Sprintf("/admin/events/%d?lang=%s", e.ID, l))
		labels := texts(doc, ".admin-event dl.facts dt")
		if !slices.Contains(labels, loc.T("admin.event.sender_name")) || !slices.Contains(labels, loc.T("admin.event.sender_email")) {
			t.Errorf("%s: labels %q lack the sender's", l, labels)
		}
		if slices.Contains(labels, loc.T("form.submitter_name")) {
			t.Errorf("%s: the secretariat sees the submitter's own label %q", l, loc.T("form.submitter_name"))
		}
		if strings.Contains(doc.Find("#clash-report").Text(), loc.T("clash.not_a_block")) {
			t.Errorf("%s: the submitters' hint is shown to the secretariat", l)
		}
	}
}
