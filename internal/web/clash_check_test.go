// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// addCommerceDayClashes adds two events around Monday 2 August 2027,
// Iceland's Commerce Day: a meeting in Stockholm that day (a moderate
// clash for a seminar) and a conference in Copenhagen that ends the day
// before (a minor one: the travel day).
func addCommerceDayClashes(t *testing.T, a *app) {
	t.Helper()
	org := a.ev["Helsinki conference"].Organisers[0]
	for _, e := range []calendar.Event{
		{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Stockholm meeting"}},
			AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 8, Day: 2}, EndDate: calendar.Date{Year: 2027, Month: 8, Day: 2},
			Zone: "Europe/Stockholm", City: "Stockholm", Country: "SE", Category: calendar.Meeting},
		{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Copenhagen conference"}},
			AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 7, Day: 31}, EndDate: calendar.Date{Year: 2027, Month: 8, Day: 1},
			Zone: "Europe/Copenhagen", City: "København", Country: "DK", Category: calendar.Conference},
	} {
		e.Status, e.Attendance, e.Audience = calendar.Published, calendar.OnSite, calendar.Open
		e.Organisers = []directory.Organisation{{ID: org.ID}}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
}

// levelsOf returns the level of each warning li under sel, in page order.
func levelsOf(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		for c := range strings.FieldsSeq(s.AttrOr("class", "")) {
			if lv, ok := strings.CutPrefix(c, "level-"); ok {
				out = append(out, lv)
			}
		}
	})
	return out
}

// TestClashWarningsMostSeriousFirst: a seminar in Iceland on 2 August
// 2027 meets the Commerce Day (serious), the Stockholm meeting (moderate)
// and the Copenhagen conference the day before (minor). The API, the
// form's check, the warnings stored with the submission and the
// secretariat's page all list them in that order.
func TestClashWarningsMostSeriousFirst(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	addCommerceDayClashes(t, a)
	want := []string{"high", "medium", "low"}

	t.Run("API", func(t *testing.T) {
		var body struct {
			Warnings []struct{ Kind, Level, Title string } `json:"warnings"`
		}
		rec := a.get(t, "/api/v1/clashes?start=2027-08-02&country=IS&category=seminar&lang=en", http.StatusOK)
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		var levels, titles []string
		for _, w := range body.Warnings {
			levels, titles = append(levels, w.Level), append(titles, w.Title)
		}
		if !slices.Equal(levels, want) {
			t.Errorf("levels %v (%q), want %v", levels, titles, want)
		}
		if want := []string{"Commerce Day", "Stockholm meeting", "Copenhagen conference"}; !slices.Equal(titles, want) {
			t.Errorf("titles %q, want %q", titles, want)
		}
	})

	org := a.browser(t, ts)
	form := registration(a, org)
	form.Set("start_date", "2027-08-02")
	form.Set("end_date", "2027-08-02")
	form.Set("category", "seminar")
	form.Set("city", "Reykjavík")
	form.Set("country", "IS")
	form.Set("zone", "Atlantic/Reykjavik")
	t.Run("form check", func(t *testing.T) {
		form.Set("action", "check")
		res, doc := org.post("/en/events/new", form)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("check: %d", res.StatusCode)
		}
		if got := levelsOf(doc, "#clash-report li.warning"); !slices.Equal(got, want) {
			t.Errorf("levels %v (%q), want %v", got, texts(doc, "#clash-report li.warning"), want)
		}
	})

	t.Run("stored and shown to the secretariat", func(t *testing.T) {
		form.Set("action", "submit")
		if res, _ := org.post("/en/events/new", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", res.StatusCode)
		}
		pending, err := a.cal.Pending(context.Background())
		if err != nil || len(pending) != 1 {
			t.Fatalf("queue: %v %v", pending, err)
		}
		var stored []string
		for _, w := range pending[0].Submission.Warnings {
			stored = append(stored, w.Level)
		}
		if !slices.Equal(stored, want) {
			t.Errorf("stored levels %v, want %v", stored, want)
		}
		sec := a.browser(t, ts)
		sec.login("editor@example.org", testPassword)
		_, doc := sec.get("/admin/events/" + strconv.FormatInt(pending[0].Event.ID, 10))
		if got := levelsOf(doc, ".admin-event > ol.warnings > li.warning"); !slices.Equal(got, want) {
			t.Errorf("warnings seen: levels %v, want %v", got, want)
		}
		if got := levelsOf(doc, "#clash-report li.warning"); !slices.Equal(got, want) {
			t.Errorf("live report: levels %v, want %v", got, want)
		}

		// A submission stored in another order is shown most serious first.
		ws := slices.Clone(pending[0].Submission.Warnings)
		slices.Reverse(ws)
		raw, err := json.Marshal(ws)
		if err != nil {
			t.Fatal(err)
		}
		sqlDB, err := a.db.SQL()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sqlDB.ExecContext(context.Background(), fmt.Sprintf("UPDATE submissions SET warnings = '%s' WHERE event_id = %d",
			strings.ReplaceAll(string(raw), "'", "''"), pending[0].Event.ID)); err != nil {
			t.Fatal(err)
		}
		_, doc = sec.get("/admin/events/" + strconv.FormatInt(pending[0].Event.ID, 10))
		if got := levelsOf(doc, ".admin-event > ol.warnings > li.warning"); !slices.Equal(got, want) {
			t.Errorf("warnings stored in another order: levels %v, want %v", got, want)
		}
	})
}

// TestClashAPISameCityInAnyLanguage: a meeting checked in Copenhagen
// clashes with the conference held in København as with one in the same
// city, whichever language the form was filled in.
func TestClashAPISameCityInAnyLanguage(t *testing.T) {
	a := newApp(t)
	addCommerceDayClashes(t, a)
	type warning struct {
		Title, Level string
		Reasons      []string
	}
	conference := func(city string) warning {
		t.Helper()
		var body struct{ Warnings []warning }
		q := "/api/v1/clashes?start=2027-08-01&country=DK&category=meeting&lang=en&city=" + url.QueryEscape(city)
		if err := json.Unmarshal(a.get(t, q, http.StatusOK).Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		for _, w := range body.Warnings {
			if w.Title == "Copenhagen conference" {
				return w
			}
		}
		t.Fatalf("%s: the Copenhagen conference is not listed: %+v", city, body.Warnings)
		return warning{}
	}
	same := conference("København")
	if !slices.Contains(same.Reasons, "Also in København") {
		t.Fatalf("København: reasons %q lack the same city", same.Reasons)
	}
	for _, city := range []string{"Copenhagen", "Köpenhamn", "kobenhavn", "Kööpenhamina"} {
		if w := conference(city); w.Level != same.Level || !slices.Equal(w.Reasons, same.Reasons) {
			t.Errorf("%s: %s %q, want %s %q", city, w.Level, w.Reasons, same.Level, same.Reasons)
		}
	}
	if w := conference("Aarhus"); slices.Contains(w.Reasons, "Also in København") {
		t.Errorf("Aarhus: reasons %q", w.Reasons)
	}
}
