// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// TestMonthCapsBusyDays: a day with more events than a cell can show names
// the first ones and links to that day's full list.
func TestMonthCapsBusyDays(t *testing.T) {
	a := newApp(t)
	org := a.ev["Oslo seminar"].Organisers[0]
	for i := range 9 {
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts:  map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Busy day meeting %d", i)}},
			AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 4, Day: 14}, EndDate: calendar.Date{Year: 2027, Month: 4, Day: 14},
			Zone: "Europe/Oslo", City: "Oslo", Country: "NO", Attendance: calendar.OnSite, Category: calendar.Meeting,
			Audience: calendar.Open, Organisers: []directory.Organisation{{ID: org.ID}}}
		if err := a.cal.Create(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	doc := a.page(t, "/en/calendar/2027/04", http.StatusOK)
	var named, more int
	var moreText, moreHref string
	doc.Find("td.day").Each(func(_ int, td *goquery.Selection) {
		if !strings.Contains(td.Find(".day-number").Text(), "14 April 2027") && !strings.Contains(td.Find(".day-number").Text(), "14 Apr") {
			return
		}
		named = td.Find(".day-events li:not(.more)").Length()
		more = td.Find(".day-events li.more").Length()
		moreText = strings.TrimSpace(td.Find(".day-events li.more a").Text())
		moreHref, _ = td.Find(".day-events li.more a").Attr("href")
	})
	if named != 6 || more != 1 || moreText != "9 events" || !strings.Contains(moreHref, "from=2027-04-14") {
		t.Errorf("busy day: %d named, %d more link %q → %q", named, more, moreText, moreHref)
	}
}
