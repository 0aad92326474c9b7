// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
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
