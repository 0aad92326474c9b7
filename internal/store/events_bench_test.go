// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// BenchmarkListEvents1000 loads 1,000 public events as a feed does: rows,
// texts in two languages, one or two organisers, a network and two
// topics each (SQLite unless NORDCAL_TEST_POSTGRES is set). It reports
// allocations; it asserts no timing.
func BenchmarkListEvents1000(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b)
	dir := directory.NewService(db)
	om := directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI, Abbreviation: "OM", Country: "FI", Type: directory.Ministry,
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.EN: "Ministry of Justice, Finland"}}
	jd := directory.Organisation{Slug: "jd-no", OriginalLang: lang.NO, Country: "NO", Type: directory.Ministry,
		Names: lang.Texts{lang.NO: "Justis- og beredskapsdepartementet"}}
	for _, o := range []*directory.Organisation{&om, &jd} {
		if err := dir.CreateOrganisation(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	coord := directory.Network{Slug: "nordic-coordinators", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Coordinators"}}
	if err := dir.CreateNetwork(ctx, &coord); err != nil {
		b.Fatal(err)
	}
	var chs []calendar.EventChange
	for i := range 1000 {
		start := now.Add(time.Duration(i) * 7 * time.Hour)
		e := calendar.Event{UID: fmt.Sprintf("bench-%d@test.example.org", i), Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{
				lang.EN: {Title: fmt.Sprintf("Meeting %d", i), Description: "An agenda of a few lines.\n\nAnd more."},
				lang.FI: {Title: fmt.Sprintf("Kokous %d", i), Description: "Asialista."}},
			Start: start, End: start.Add(2 * time.Hour), Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Topics: []calendar.Topic{calendar.Labour, calendar.Prevention}, Languages: []string{"en", "fi"},
			Organisers: []directory.Organisation{{ID: om.ID}}, Networks: []directory.Network{{ID: coord.ID}},
			CreatedAt: now, UpdatedAt: now}
		if i%2 == 0 {
			e.Organisers = append(e.Organisers, directory.Organisation{ID: jd.ID})
		}
		chs = append(chs, calendar.EventChange{Event: &e, Audit: audit.Entry{Actor: audit.CLI, Action: calendar.EventCreate, RecordType: "event"}})
	}
	if err := db.SaveEvents(ctx, chs...); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name      string
		textsOnly bool
	}{{"hydrated", false}, {"texts-only", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				evs, err := db.ListEvents(ctx, calendar.Query{EndsAfter: now.Add(-time.Hour), TextsOnly: bc.textsOnly})
				if err != nil || len(evs) != 1000 {
					b.Fatal(err, len(evs))
				}
			}
		})
	}
}
