// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// addOsloMeetings stores a steering group meeting in Oslo at 10:30 on each
// of days: a serious clash for one in Oslo at 10:00 the same day. The
// series of these tests start in April 2027, after the fixture's events.
func addOsloMeetings(t *testing.T, a *app, days ...string) {
	t.Helper()
	oslo := mustZone(t, "Europe/Oslo")
	org := a.ev["Oslo seminar"].Organisers[0]
	for _, d := range days {
		day, err := calendar.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(day.Year, day.Month, day.Day, 10, 30, 0, 0, oslo)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Oslo meeting " + d}},
			Start: start, End: start.Add(time.Hour), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Steering, Audience: calendar.Open,
			Organisers: []directory.Organisation{{ID: org.ID}}}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
}

type seriesBody struct {
	Series *struct {
		Total    int    `json:"total"`
		Summary  string `json:"summary"`
		Clashing []struct {
			Key, Date, Label, Level string
		} `json:"clashing"`
		Suggestion *struct {
			RRule    string `json:"rrule"`
			First    string `json:"first"`
			Clashing int    `json:"clashing"`
			Total    int    `json:"total"`
			Text     string `json:"text"`
		} `json:"suggestion"`
	} `json:"series"`
}

func seriesQuery(rule string, exclude int64, lng string) string {
	q := url.Values{"start": {"2027-04-06T10:00"}, "end": {"2027-04-06T11:30"}, "zone": {"Europe/Oslo"},
		"country": {"NO"}, "city": {"Oslo"}, "category": {"steering"}, "rrule": {rule}, "lang": {lng}}
	if exclude != 0 {
		q.Set("exclude", strconv.FormatInt(exclude, 10))
	}
	return "/api/v1/clashes?" + q.Encode()
}

func getSeries(t *testing.T, a *app, target string) seriesBody {
	t.Helper()
	var body seriesBody
	if err := json.Unmarshal(a.get(t, target, http.StatusOK).Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if body.Series == nil {
		t.Fatalf("%s: no series part", target)
	}
	return body
}

func TestSeriesClashAPI(t *testing.T) {
	a := newApp(t)
	addOsloMeetings(t, a, "2027-05-04", "2027-07-06", "2027-10-05")
	rule := "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"

	tests := []struct {
		lang, summary string
	}{
		{"en", "3 of 12 dates clash: 4 May 2027, 6 Jul 2027, 5 Oct 2027."},
		{"fi", "Päällekkäisyyksiä on 3 päivänä 12 päivästä: 4.5.2027, 6.7.2027, 5.10.2027."},
		{"sv", "3 av 12 datum krockar: 4 maj 2027, 6 juli 2027, 5 oktober 2027."},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			s := getSeries(t, a, seriesQuery(rule, 0, tc.lang)).Series
			if s.Total != 12 || s.Summary != tc.summary {
				t.Errorf("total %d, summary %q, want 12, %q", s.Total, s.Summary, tc.summary)
			}
			var keys []string
			for _, d := range s.Clashing {
				keys = append(keys, d.Key+" "+d.Date+" "+d.Level)
			}
			want := []string{"20270504T100000 2027-05-04 high", "20270706T100000 2027-07-06 high", "20271005T100000 2027-10-05 high"}
			if !slices.Equal(keys, want) {
				t.Errorf("clashing %v, want %v", keys, want)
			}
			if s.Suggestion != nil {
				t.Errorf("suggestion %+v for 3 of 12", s.Suggestion)
			}
		})
	}

	t.Run("a single event has no series part", func(t *testing.T) {
		rec := a.get(t, "/api/v1/clashes?start=2027-02-02T10:00&end=2027-02-02T11:00&zone=Europe/Oslo&country=NO", http.StatusOK)
		if strings.Contains(rec.Body.String(), `"series"`) {
			t.Errorf("series part for one event: %s", rec.Body)
		}
	})

	t.Run("a bad rule is a 400 on the rrule field", func(t *testing.T) {
		for _, r := range []string{"FREQ=SOMETIMES", "FREQ=MONTHLY;BYDAY=1TU;COUNT=900", "FREQ=HOURLY;COUNT=3"} {
			rec := a.get(t, seriesQuery(r, 0, "en"), http.StatusBadRequest)
			if !strings.Contains(rec.Body.String(), "rrule") {
				t.Errorf("%s: %s", r, rec.Body)
			}
		}
	})

	t.Run("most dates clash: another day is suggested", func(t *testing.T) {
		addOsloMeetings(t, a, "2027-04-06", "2027-06-01", "2027-08-03", "2027-09-07")
		s := getSeries(t, a, seriesQuery(rule, 0, "en")).Series
		if len(s.Clashing) != 7 || s.Suggestion == nil {
			t.Fatalf("%d clashing, suggestion %+v", len(s.Clashing), s.Suggestion)
		}
		g := s.Suggestion
		if g.Clashing != 0 || g.Total != 12 || g.RRule == rule || !strings.Contains(g.RRule, "COUNT=12") {
			t.Errorf("suggestion %+v", g)
		}
		if !strings.HasPrefix(g.Text, "Most dates clash. Suggestion: every month on the ") || !strings.Contains(g.Text, "no date would clash") {
			t.Errorf("suggestion text %q", g.Text)
		}
	})
}

func TestStoredSeriesClashReportOnTheSecretariatsPage(t *testing.T) {
	a, ts, admin, _ := newAdminApp(t)
	addOsloMeetings(t, a, "2027-05-04", "2027-07-06", "2027-10-05")
	oslo := mustZone(t, "Europe/Oslo")
	start := time.Date(2027, 4, 6, 10, 0, 0, 0, oslo)
	e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Monthly coordination"}},
		Start: start, End: start.Add(90 * time.Minute), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
		Attendance: calendar.OnSite, Category: calendar.Steering, Audience: calendar.Open,
		Organisers: a.ev["Oslo seminar"].Organisers, Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"}}
	if err := a.cal.Create(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	// Checked again through the API as the event being edited: its own
	// dates are no clash.
	s := getSeries(t, a, seriesQuery(e.Repeat.Rule, e.ID, "en")).Series
	if len(s.Clashing) != 3 {
		t.Errorf("stored series through the API: %d clashing dates, want 3: %+v", len(s.Clashing), s.Clashing)
	}

	b := a.browser(t, ts)
	b.login(admin.Email, testPassword)
	res, doc := b.get("/admin/events/" + strconv.FormatInt(e.ID, 10))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("event page: %d", res.StatusCode)
	}
	got := strings.Join(strings.Fields(doc.Find("#clash-report .series-clashes p").First().Text()), " ")
	if want := "3 of 12 dates clash: 4 May 2027, 6 Jul 2027, 5 Oct 2027."; got != want {
		t.Errorf("series summary %q, want %q", got, want)
	}
	if keys := doc.Find("#clash-report .series-dates li").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-key", "") }); !slices.Equal(keys,
		[]string{"20270504T100000", "20270706T100000", "20271005T100000"}) {
		t.Errorf("listed dates %v", keys)
	}
	// The first date is free: no warning of the series' own dates.
	if n := doc.Find("#clash-report li.warning").Length(); n != 0 {
		t.Errorf("%d warnings for the first date, want none: %q", n, texts(doc, "#clash-report li.warning"))
	}
}

func TestSecretariatClashReportGroupsASeries(t *testing.T) {
	a, ts, admin, _ := newAdminApp(t)
	// A five-day conference in Oslo collides with two Tuesdays of a
	// weekly steering group there: one row, two dates.
	org := a.ev["Oslo seminar"].Organisers
	conf := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Oslo summit"}}, AllDay: true,
		StartDate: calendar.Date{Year: 2027, Month: 4, Day: 12}, EndDate: calendar.Date{Year: 2027, Month: 4, Day: 20},
		Zone: "Europe/Oslo", City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Steering,
		Audience: calendar.Open, Organisers: org}
	oslo := mustZone(t, "Europe/Oslo")
	start := time.Date(2027, 4, 6, 10, 0, 0, 0, oslo)
	weekly := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Weekly steering"}},
		Start: start, End: start.Add(time.Hour), Zone: "Europe/Oslo", City: "Oslo", Country: "NO",
		Attendance: calendar.OnSite, Category: calendar.Steering, Audience: calendar.Open, Organisers: org,
		Repeat: calendar.Repeat{Rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10"}}
	for _, e := range []*calendar.Event{&conf, &weekly} {
		if err := a.cal.Create(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	b := a.browser(t, ts)
	b.login(admin.Email, testPassword)
	res, doc := b.get("/admin/clashes")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("clash report: %d", res.StatusCode)
	}
	var rows []string
	doc.Find("table.clash-pairs tbody tr").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), "Weekly steering") {
			first := s.Find("td").Eq(1)
			rows = append(rows, first.Find(".series-badge").Text()+" "+first.Find("a").Text()+" / "+first.Find(".series-dates").Text()+
				" | "+s.Find("td").Eq(2).Find("a").Text())
		}
	})
	want := []string{"Series Weekly steering / On 2 dates: 13 Apr 2027, 20 Apr 2027 | Oslo summit"}
	if !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	if href := doc.Find(`table.clash-pairs a:contains("Weekly steering")`).AttrOr("href", ""); href != "/admin/events/"+strconv.FormatInt(weekly.ID, 10) {
		t.Errorf("series link %q, want the series record %d", href, weekly.ID)
	}
}
