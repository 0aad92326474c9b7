// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestReconcile(t *testing.T) {
	// stored is a Finnish event with an English translation that has no
	// description of its own, at a venue with a comma in its name.
	stored := timed(base(301, "Nordic coordinators' meeting"), "Europe/Oslo", at("Europe/Oslo", 2027, 2, 3, 9, 0), 3*time.Hour)
	stored.OriginalLang = lang.FI
	stored.Texts = map[lang.Code]calendar.Text{
		lang.FI: {Title: "Kansallisten koordinaattorien kokous", Description: "Kokous pidetään Oslossa.\n\nToinen kappale."},
		lang.EN: {Title: "Nordic coordinators' meeting"},
	}
	stored.Venue, stored.City, stored.Country = "Kripos, Brynsalléen 6", "Oslo", "NO"
	fi := stored.Texts[lang.FI]

	// read returns what a file says: the stored event's values, changed by
	// mod.
	read := func(mod func(e *calendar.Event)) calendar.Event {
		e := calendar.Event{UID: stored.UID, Status: calendar.Published, OriginalLang: lang.FI,
			Texts: map[lang.Code]calendar.Text{lang.FI: fi}, Zone: stored.Zone, Start: stored.Start, End: stored.End,
			Venue: "Kripos", Address: "Brynsalléen 6", City: "Oslo", Country: "NO"}
		mod(&e)
		return e
	}
	keep := func(e *calendar.Event) {
		e.OriginalLang, e.Texts = stored.OriginalLang, map[lang.Code]calendar.Text{lang.FI: fi}
		e.Venue, e.Address, e.City, e.Country, e.Zone = stored.Venue, stored.Address, stored.City, stored.Country, stored.Zone
	}
	tests := []struct {
		name       string
		read, want func(e *calendar.Event)
	}{
		{"what the Finnish feed writes changes nothing", func(*calendar.Event) {}, keep},
		{"the English feed's fallback description is not a translation", func(e *calendar.Event) {
			e.OriginalLang = lang.EN
			e.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: "Nordic coordinators' meeting", Description: fi.Description}}
		}, func(e *calendar.Event) {
			keep(e)
			e.OriginalLang, e.Texts = lang.EN, map[lang.Code]calendar.Text{lang.EN: stored.Texts[lang.EN]}
		}},
		{"the LANGUAGE of a calendar program does not count", func(e *calendar.Event) {
			e.OriginalLang = lang.SV
			e.Texts = map[lang.Code]calendar.Text{lang.SV: fi}
		}, keep},
		{"white space folded by an importer", func(e *calendar.Event) {
			e.Texts = map[lang.Code]calendar.Text{lang.FI: {Title: fi.Title, Description: "Kokous pidetään  Oslossa.\nToinen kappale. "}}
		}, keep},
		{"a new title is the file's", func(e *calendar.Event) {
			e.Texts = map[lang.Code]calendar.Text{lang.FI: {Title: "Uusi otsikko", Description: fi.Description}}
		}, func(e *calendar.Event) {
			keep(e)
			e.Texts = map[lang.Code]calendar.Text{lang.FI: {Title: "Uusi otsikko", Description: fi.Description}}
		}},
		{"a whole LOCATION in the venue", func(e *calendar.Event) {
			e.Venue, e.Address, e.City, e.Country = "Kripos, Brynsalléen 6, Oslo", "", "", ""
		}, keep},
		{"another place is the file's", func(e *calendar.Event) {
			e.Venue, e.Address, e.City = "Politihuset", "", "Oslo"
		}, func(e *calendar.Event) {
			keep(e)
			e.Venue, e.Address, e.City = "Politihuset", "", "Oslo"
		}},
		{"another country is the file's", func(e *calendar.Event) { e.Country = "SE" }, func(e *calendar.Event) {
			keep(e)
			e.Venue, e.Address, e.City, e.Country = "Kripos", "Brynsalléen 6", "Oslo", "SE"
		}},
		{"times in UTC keep the zone", func(e *calendar.Event) { e.Zone = "Europe/Copenhagen" }, keep},
		{"moved times keep the file's zone", func(e *calendar.Event) {
			e.Zone, e.Start, e.End = "Europe/Helsinki", e.Start.Add(time.Hour), e.End.Add(time.Hour)
		}, func(e *calendar.Event) {
			keep(e)
			e.Zone, e.Start, e.End = "Europe/Helsinki", e.Start.Add(time.Hour), e.End.Add(time.Hour)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := read(tt.read), read(tt.want)
			feed.Reconcile(stored, &got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}

	t.Run("dates carry no zone", func(t *testing.T) {
		st := allDay(base(302, "Seminar"), "Europe/Oslo", day(2027, 1, 12), day(2027, 1, 14))
		got := allDay(calendar.Event{UID: st.UID, OriginalLang: lang.EN, Texts: st.Texts}, "Europe/Helsinki", day(2027, 1, 12), day(2027, 1, 14))
		feed.Reconcile(st, &got)
		if got.Zone != "Europe/Oslo" {
			t.Errorf("zone %s", got.Zone)
		}
		moved := allDay(calendar.Event{UID: st.UID, OriginalLang: lang.EN, Texts: st.Texts}, "Europe/Helsinki", day(2027, 1, 13), day(2027, 1, 14))
		feed.Reconcile(st, &moved)
		if moved.Zone != "Europe/Helsinki" {
			t.Errorf("moved: zone %s", moved.Zone)
		}
	})
}
