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

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// seriesRegistration is a registration of a monthly series: the first
// Tuesday of six months from 2 February 2027, 10:00–12:00 in Oslo.
func seriesRegistration(a *app, b *browser, l string) url.Values {
	f := registration(a, b)
	f.Set("_csrf", b.token("/"+l+"/events/new"))
	f.Set("title_en", "Nordic coordinators' monthly call")
	f.Del("all_day")
	f.Set("start_date", "2027-02-02")
	f.Set("end_date", "2027-02-02")
	f.Set("start_time", "10:00")
	f.Set("end_time", "12:00")
	f.Set("zone", "Europe/Oslo")
	f.Set("repeat", "monthly")
	f.Set("repeat_interval", "1")
	f.Set("repeat_month_by", "nth")
	f.Set("repeat_nth", "1")
	f.Set("repeat_nth_day", "2")
	f.Set("repeat_end", "count")
	f.Set("repeat_count", "6")
	return f
}

func TestSeriesFormCheckShowsDatesAndErrors(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)

	// The Repeats section is there without JavaScript, with its groups named.
	_, doc := org.get("/fi/events/new")
	for _, sel := range []string{"select#repeat", "fieldset.weekdays legend", "fieldset.monthly legend", "fieldset.ends legend",
		"label[for=repeat_day_1]", "label[for=repeat_count]", "label[for=repeat_until]"} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("form lacks %s", sel)
		}
	}
	// "Never" is the secretariat's alone.
	if doc.Find("#repeat_end_never").Length() != 0 {
		t.Error("the public form offers series that never end")
	}

	// Checking the dates previews the series in the reader's language.
	f := seriesRegistration(a, org, "fi")
	f.Set("action", "check")
	res, doc := org.post("/fi/events/new", f)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("check: %d %s", res.StatusCode, doc.Find(".field-error").Text())
	}
	if got := strings.TrimSpace(doc.Find(".series-dates .series-rule").Text()); got != "Joka kuukauden ensimmäinen tiistai, 6 kertaa" {
		t.Errorf("description = %q", got)
	}
	if n := doc.Find(".series-dates .series-list li").Length(); n != 6 {
		t.Errorf("preview lists %d dates, want 6", n)
	}
	if first := doc.Find(".series-dates .series-list li").First().Text(); !strings.Contains(first, "2.2.2027") {
		t.Errorf("first date %q", first)
	}
	if v, _ := doc.Find("#repeat_nth option[selected]").Attr("value"); v != "1" {
		t.Errorf("check lost the n-th weekday: %q", v)
	}

	// Field errors land next to their fields, in Finnish.
	tests := []struct {
		field, value, errID, want string
	}{
		{"repeat_count", "monta", "repeat_count", "Anna kertojen määrä kokonaislukuna."},
		{"repeat_interval", "40", "repeat_interval", "Anna kokonaisluku väliltä 1–12."},
		{"repeat_end", "", "repeat_end", "Kerro, milloin sarja päättyy: tiettynä päivänä tai tietyn kertamäärän jälkeen."},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			f := seriesRegistration(a, org, "fi")
			f.Set(tt.field, tt.value)
			res, doc := org.post("/fi/events/new", f)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := doc.Find("#" + tt.errID + "-error").Text(); got != tt.want {
				t.Errorf("%s error = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
	// A submission must end; the domain says so under repeat_end.
	f = seriesRegistration(a, org, "en")
	f.Set("repeat_end", "never")
	res, doc = org.post("/en/events/new", f)
	if res.StatusCode != http.StatusBadRequest || doc.Find("#repeat_end-error").Length() != 1 {
		t.Errorf("open-ended submission: %d %q", res.StatusCode, doc.Find(".field-error").Text())
	}
}

func TestSeriesFromRegistrationToSingleDates(t *testing.T) {
	ctx := context.Background()
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)

	// 1. One registration: one pending series, one submission, one link.
	manage, series := submitSeries(t, a, org)
	pending, err := a.cal.Pending(ctx)
	if err != nil || len(pending) != 1 {
		t.Fatalf("queue: %d %v", len(pending), err)
	}
	if !series.IsSeries() || series.Repeat.Rule != "FREQ=MONTHLY;BYDAY=1TU;COUNT=6" || series.Status != calendar.Pending {
		t.Fatalf("stored series: %+v %s", series.Repeat, series.Status)
	}
	// The manage link shows the series' rule in its form.
	_, doc := org.get(manage)
	if v, _ := doc.Find("#repeat option[selected]").Attr("value"); v != "monthly" {
		t.Errorf("manage form: repeat %q", v)
	}
	if v, _ := doc.Find("#repeat_count").Attr("value"); v != "6" {
		t.Errorf("manage form: count %q", v)
	}

	// 2. The secretariat approves it once.
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	path := approveSeries(t, sec, series)

	// 3. Each date is on the month and list pages, tagged and linked to the series.
	_, doc = org.get("/en/calendar/2027/3")
	link := doc.Find(".month li a:contains('monthly call')")
	if link.Length() != 1 || link.Find(".badge-series").Text() != "Recurring" {
		t.Fatalf("March: %d links, tag %q", link.Length(), link.Find(".badge-series").Text())
	}
	seriesPath := "/en/events/" + strconv.FormatInt(series.ID, 10)
	if href, _ := link.Attr("href"); href != seriesPath+"?date=20270302T100000" {
		t.Errorf("March link %q", href)
	}
	_, doc = org.get("/en/events?q=monthly+call")
	if n := doc.Find(".event-item .badge-series").Length(); n != 6 {
		t.Errorf("list shows %d tagged dates, want 6", n)
	}

	// 4. The secretariat changes the second date and cancels the third.
	_, doc = sec.get("/admin/events?q=monthly")
	hrefs := doc.Find("table a:contains('monthly call')").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	if len(hrefs) != 6 || !slices.Contains(hrefs, path+"/dates/20270302T100000") {
		t.Errorf("secretariat's list links the dates to %q", hrefs)
	}
	if row, err := a.cal.Occurrence(ctx, series.ID, "20270504T100000"); err != nil {
		t.Fatal(err)
	} else if res := sec.head("/admin/events/" + strconv.FormatInt(row.ID, 10)); res.StatusCode != http.StatusSeeOther ||
		res.Header.Get("Location") != path+"/dates/20270504T100000" {
		t.Errorf("a date's row: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = sec.get(path)
	if n := doc.Find(".series-table tbody tr").Length(); n != 6 {
		t.Errorf("secretariat lists %d dates", n)
	}
	if h := doc.Find("h2:contains('Edit the whole series')").Length(); h != 1 {
		t.Error("no whole-series edit")
	}
	date2 := path + "/dates/20270302T100000"
	if href, _ := doc.Find(".series-table a:contains('Edit this date')").Eq(1).Attr("href"); href != date2 {
		t.Errorf("edit link %q", href)
	}
	_, doc = sec.get(date2)
	if doc.Find("#repeat").Length() != 0 {
		t.Error("one date's form offers Repeats")
	}
	version, _ := doc.Find("input[name=version]").First().Attr("value")
	edit := seriesRegistration(a, sec, "en")
	for _, k := range []string{"repeat", "submitter_name", "submitter_email", "action"} {
		edit.Del(k)
	}
	edit.Set("_csrf", sec.token(date2))
	edit.Set("version", version)
	edit.Set("start_date", "2027-03-03")
	edit.Set("end_date", "2027-03-03")
	edit.Set("venue", "Nordens hus")
	res, doc := sec.post(date2, edit)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != date2 {
		t.Fatalf("edit date: %d %q %s", res.StatusCode, res.Header.Get("Location"), doc.Find(".error-summary, .field-error").Text())
	}
	// A stale version is refused.
	edit.Set("_csrf", sec.token(date2))
	if res, _ = sec.post(date2, edit); res.StatusCode != http.StatusConflict {
		t.Errorf("stale date edit: %d", res.StatusCode)
	}
	date3 := path + "/dates/20270406T100000"
	_, doc = sec.get(date3)
	version, _ = doc.Find("form[action$='/cancel'] input[name=version]").Attr("value")
	res, _ = sec.post(date3+"/cancel", url.Values{"_csrf": {sec.token(date3)}, "version": {version}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("unconfirmed cancel: %d", res.StatusCode)
	}
	res, _ = sec.post(date3+"/cancel", url.Values{"_csrf": {sec.token(date3)}, "version": {version}, "confirm_cancel": {"on"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel date: %d", res.StatusCode)
	}
	ovs, err := a.cal.Overrides(ctx, series.ID)
	if err != nil || len(ovs) != 2 {
		t.Fatalf("overrides: %d %v", len(ovs), err)
	}
	if ovs[0].RecurrenceKey != "20270302T100000" || ovs[0].Venue != "Nordens hus" || ovs[0].Start.Day() != 3 {
		t.Errorf("changed date: %s %q %v", ovs[0].RecurrenceKey, ovs[0].Venue, ovs[0].Start)
	}
	if ovs[1].RecurrenceKey != "20270406T100000" || ovs[1].Status != calendar.Cancelled {
		t.Errorf("cancelled date: %s %s", ovs[1].RecurrenceKey, ovs[1].Status)
	}
	// Editing the whole series keeps both.
	_, doc = sec.get(path)
	whole := seriesRegistration(a, sec, "en")
	for _, k := range []string{"submitter_name", "submitter_email", "action"} {
		whole.Del(k)
	}
	v, _ := doc.Find("form.event-form input[name=version]").Attr("value")
	whole.Set("_csrf", sec.token(path))
	whole.Set("version", v)
	whole.Set("title_en", "Nordic coordinators' monthly call (online)")
	if res, doc = sec.post(path, whole); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("series edit: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	if ovs, _ = a.cal.Overrides(ctx, series.ID); len(ovs) != 2 {
		t.Errorf("series edit left %d overrides", len(ovs))
	}

	// 5. The series' page: the rule, the next dates, the exceptions.
	_, doc = org.get(seriesPath)
	if got := doc.Find("dd.series-rule").Text(); got != "Every month on the first Tuesday, 6 times" {
		t.Errorf("rule %q", got)
	}
	if n := doc.Find(".series-dates .series-list li").Length(); n != 6 {
		t.Errorf("next dates: %d", n)
	}
	if n := doc.Find(".series-list li.is-cancelled").Length(); n != 1 {
		t.Errorf("cancelled among the next dates: %d", n)
	}
	if got := doc.Find(".series-changed li").Text(); !strings.Contains(got, "Nordens hus") {
		t.Errorf("changed dates %q", got)
	}
	if n := doc.Find(".series-cancelled li").Length(); n != 1 {
		t.Errorf("cancelled dates: %d", n)
	}

	// 6. A date's page shows its own time and place and links to the series.
	_, doc = org.get(seriesPath + "?date=20270302T100000")
	if !strings.Contains(doc.Find(".facts").Text(), "Nordens hus") || !strings.Contains(doc.Find(".facts").Text(), "Wednesday 3 March 2027") {
		t.Errorf("date page facts %q", doc.Find(".facts").Text())
	}
	if href, _ := doc.Find(".notice-series a").Attr("href"); href != seriesPath {
		t.Errorf("link to the series %q", href)
	}
	_, doc = org.get(seriesPath + "?date=20270406T100000")
	if got := doc.Find(".notice-cancelled").Text(); got != "This date is cancelled." {
		t.Errorf("cancelled date notice %q", got)
	}
	for _, bad := range []string{"?date=20270303T100000", "?date=nonsense"} {
		if res, _ := org.get(seriesPath + bad); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
	}

	// 7. The API: the list returns the dates marked with the series; the
	// series' resource has its rule, its changed dates and, with from/to,
	// its dates with their changes applied.
	var list struct {
		Events []struct {
			ID            int64  `json:"id"`
			SeriesID      int64  `json:"series_id"`
			RecurrenceKey string `json:"recurrence_key"`
			URL           string `json:"url"`
			Status        string `json:"status"`
		} `json:"events"`
	}
	mustJSON(t, a.get(t, "/api/v1/events?from=2027-02-01&to=2027-04-30&q=monthly", http.StatusOK).Body.Bytes(), &list)
	if len(list.Events) != 3 {
		t.Fatalf("API list: %d dates", len(list.Events))
	}
	for i, key := range []string{"20270202T100000", "20270302T100000", "20270406T100000"} {
		ev := list.Events[i]
		if ev.SeriesID != series.ID || ev.RecurrenceKey != key || !strings.HasSuffix(ev.URL, seriesPath+"?date="+key) {
			t.Errorf("API list date %d: %+v", i, ev)
		}
	}
	var one struct {
		Repeat struct {
			RRule string `json:"rrule"`
			Rule  struct {
				Freq       string `json:"freq"`
				Nth        int    `json:"nth"`
				NthWeekday string `json:"nth_weekday"`
				Count      int    `json:"count"`
			} `json:"rule"`
			Description string   `json:"description"`
			ExDates     []string `json:"exdates"`
		} `json:"repeat"`
		Overrides []struct {
			RecurrenceKey string `json:"recurrence_key"`
		} `json:"overrides"`
		Occurrences []struct {
			Key        string `json:"recurrence_key"`
			Start      string `json:"start"`
			Status     string `json:"status"`
			Overridden bool   `json:"overridden"`
			Venue      string `json:"venue"`
		} `json:"occurrences"`
	}
	api := "/api/v1/events/" + strconv.FormatInt(series.ID, 10)
	mustJSON(t, a.get(t, api+"?from=2027-03-01&to=2027-05-31&lang=sv", http.StatusOK).Body.Bytes(), &one)
	if one.Repeat.RRule != "FREQ=MONTHLY;BYDAY=1TU;COUNT=6" || one.Repeat.Rule.Freq != "monthly" || one.Repeat.Rule.Nth != 1 ||
		one.Repeat.Rule.NthWeekday != "TU" || one.Repeat.Rule.Count != 6 || one.Repeat.ExDates == nil {
		t.Errorf("API repeat: %+v", one.Repeat)
	}
	if one.Repeat.Description != "Varje månad första tisdagen, 6 gånger" {
		t.Errorf("API description %q", one.Repeat.Description)
	}
	if len(one.Overrides) != 2 || len(one.Occurrences) != 3 {
		t.Fatalf("API: %d overrides, %d occurrences", len(one.Overrides), len(one.Occurrences))
	}
	if o := one.Occurrences[0]; o.Key != "20270302T100000" || o.Start != "2027-03-03T10:00:00+01:00" || !o.Overridden || o.Venue != "Nordens hus" {
		t.Errorf("API changed date: %+v", o)
	}
	if o := one.Occurrences[1]; o.Status != "cancelled" || !o.Overridden {
		t.Errorf("API cancelled date: %+v", o)
	}
	if o := one.Occurrences[2]; o.Key != "20270504T100000" || o.Overridden || o.Status != "published" {
		t.Errorf("API plain date: %+v", o)
	}
	a.get(t, api+"?from=2027-13-01", http.StatusBadRequest)
	a.get(t, "/api/v1/events/"+strconv.FormatInt(a.ev["Pending submission"].ID, 10), http.StatusNotFound)

	// 8. Restoring the cancelled date.
	_, doc = sec.get(date3)
	version, _ = doc.Find("form[action$='/reinstate'] input[name=version]").Attr("value")
	res, _ = sec.post(date3+"/reinstate", url.Values{"_csrf": {sec.token(date3)}, "version": {version}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", res.StatusCode)
	}
	d3, err := a.cal.Occurrence(ctx, series.ID, "20270406T100000")
	if err != nil || d3.Status != calendar.Published {
		t.Errorf("restored date: %s %v", d3.Status, err)
	}
}

func mustJSON(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("%v: %s", err, truncate(string(body)))
	}
}

func TestSeriesDatesWithManageLink(t *testing.T) {
	ctx := context.Background()
	a, ts, _, _ := newAdminApp(t)
	org := a.browser(t, ts)
	manage, series := submitSeries(t, a, org)
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	approveSeries(t, sec, series)

	_, doc := org.get(manage)
	if n := doc.Find(".manage-dates li").Length(); n != 6 {
		t.Fatalf("manage page lists %d dates", n)
	}
	date2 := manage + "/dates/20270302T100000"
	if href, _ := doc.Find(".manage-dates a:contains('Edit this date')").Eq(1).Attr("href"); href != date2 {
		t.Errorf("edit link %q", href)
	}
	_, doc = org.get(date2)
	version, _ := doc.Find("form.event-form input[name=version]").Attr("value")
	edit := seriesRegistration(a, org, "en")
	for _, k := range []string{"repeat", "action"} {
		edit.Del(k)
	}
	edit.Set("_csrf", org.token(date2))
	edit.Set("version", version)
	edit.Set("venue", "Stortinget")

	// A new link on one date is refused: links change for the whole series.
	edit.Set("online_url", "https://elsewhere.example.net/")
	res, doc := org.post(date2, edit)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(doc.Find(".error-summary").Text(), "whole series") {
		t.Errorf("date with a new link: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	edit.Del("online_url")
	edit.Set("_csrf", org.token(date2))
	if res, doc = org.post(date2, edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit date: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	date3 := manage + "/dates/20270406T100000"
	_, doc = org.get(date3)
	version, _ = doc.Find("form[action$='/cancel'] input[name=version]").Attr("value")
	res, _ = org.post(date3+"/cancel", url.Values{"_csrf": {org.token(date3)}, "version": {version}, "confirm_cancel": {"on"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel date: %d", res.StatusCode)
	}
	ovs, err := a.cal.Overrides(ctx, series.ID)
	if err != nil || len(ovs) != 2 || ovs[0].Venue != "Stortinget" || ovs[1].Status != calendar.Cancelled {
		t.Fatalf("overrides: %d %v", len(ovs), err)
	}
	master, _ := a.cal.EventAny(ctx, series.ID)
	if master.Status != calendar.Published {
		t.Errorf("series is %s after changing two dates", master.Status)
	}
	// A key that names no date of the series is not found.
	if res, _ := org.get(manage + "/dates/20270303T100000"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown date: %d", res.StatusCode)
	}
}

// formOf reads the values a browser would send from the form sel of doc.
func formOf(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	form := doc.Find(sel).First()
	form.Find("input[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		typ, _ := s.Attr("type")
		val, _ := s.Attr("value")
		if (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-" {
			return
		}
		if (typ == "checkbox" || typ == "radio") && val == "" {
			val = "on"
		}
		v.Add(name, val)
	})
	form.Find("select[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		opt := s.Find("option[selected]")
		if opt.Length() == 0 {
			opt = s.Find("option").First()
		}
		v.Add(name, opt.AttrOr("value", ""))
	})
	form.Find("textarea[name]").Each(func(_ int, s *goquery.Selection) {
		v.Add(s.AttrOr("name", ""), s.Text())
	})
	return v
}

func TestSeriesImportedRuleKeptOrReplaced(t *testing.T) {
	ctx := context.Background()
	a, ts, _, _ := newAdminApp(t)
	e := a.ev["Helsinki conference"]
	e.ID, e.UID, e.Version = 0, "", 0
	e.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: "Imported daily briefing"}}
	e.OriginalLang = lang.EN
	e.Repeat = calendar.Repeat{Rule: "FREQ=DAILY;INTERVAL=3;COUNT=5"}
	if err := a.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	sec := a.browser(t, ts)
	sec.login("editor@example.org", testPassword)
	path := "/admin/events/" + strconv.FormatInt(e.ID, 10)
	_, doc := sec.get(path)
	if got := doc.Find(".repeat-kept code").Text(); got != e.Repeat.Rule {
		t.Errorf("kept rule shown as %q", got)
	}
	if v, _ := doc.Find("#repeat option[selected]").Attr("value"); v != "keep" {
		t.Errorf("repeat = %q, want keep", v)
	}
	if doc.Find("#repeat_end_never").Length() != 1 {
		t.Error("the secretariat is not offered series that never end")
	}
	_, pub := sec.get("/en/events/" + strconv.FormatInt(e.ID, 10))
	if got := pub.Find("dd.series-rule code").Text(); got != e.Repeat.Rule {
		t.Errorf("public page shows the rule as %q", got)
	}

	// Saved as it is, the rule stays.
	form := formOf(doc, "form.event-form")
	form.Set("title_en", "Imported daily briefing, renamed")
	if res, doc := sec.post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	got, _ := a.cal.EventAny(ctx, e.ID)
	if got.Repeat.Rule != e.Repeat.Rule {
		t.Errorf("rule after save %q", got.Repeat.Rule)
	}

	// Replaced by a weekly rule without end (the secretariat's choice).
	_, doc = sec.get(path)
	form = formOf(doc, "form.event-form")
	form.Set("repeat", "weekly")
	form["repeat_days"] = []string{"2", "4"}
	form.Set("repeat_end", "never")
	if res, doc := sec.post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("replace: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	got, _ = a.cal.EventAny(ctx, e.ID)
	if got.Repeat.Rule != "FREQ=WEEKLY;BYDAY=TU,TH" {
		t.Errorf("replaced rule %q", got.Repeat.Rule)
	}
	_, pub = sec.get("/en/events/" + strconv.FormatInt(e.ID, 10))
	if got := pub.Find("dd.series-rule").Text(); got != "Every week on Tuesday and Thursday" {
		t.Errorf("rule in words %q", got)
	}
	if got := pub.Find(".series-dates .hint").Text(); got != "Dates are shown up to 22 November 2028." {
		t.Errorf("horizon %q", got)
	}
	if got := pub.Find(".series-dates .series-more").Text(); !strings.HasPrefix(got, "and ") {
		t.Errorf("more %q", got)
	}
	// Embeds list the dates like the list page, tagged.
	_, emb := sec.get("/embed/en/events?q=briefing")
	if emb.Find(".nordcal-badge-series").Length() == 0 {
		t.Error("embedded list does not tag the dates of a series")
	}
}

// submitSeries registers seriesRegistration and returns its manage link
// and the pending series.
func submitSeries(t *testing.T, a *app, org *browser) (string, calendar.Event) {
	t.Helper()
	res, doc := org.post("/en/events/new", seriesRegistration(a, org, "en"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", res.StatusCode, doc.Find(".error-summary, .field-error").Text())
	}
	pending, err := a.cal.Pending(context.Background())
	if err != nil || len(pending) == 0 {
		t.Fatalf("queue: %d %v", len(pending), err)
	}
	return strings.TrimSuffix(res.Header.Get("Location"), "?submitted=1"), pending[len(pending)-1].Event
}

// approveSeries approves series as the signed-in sec and returns its
// secretariat page.
func approveSeries(t *testing.T, sec *browser, series calendar.Event) string {
	t.Helper()
	path := "/admin/events/" + strconv.FormatInt(series.ID, 10)
	if res, _ := sec.post(path+"/approve", url.Values{"_csrf": {sec.token(path)}, "version": {strconv.Itoa(series.Version)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	return path
}
