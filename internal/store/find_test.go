// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func ids(evs []calendar.Event) []int64 {
	out := make([]int64, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

// TestListEventsSortsByTitleInTheReadersLanguage checks the title order:
// the title in the reader's language, else in the original language, else
// in English, ignoring case.
func TestListEventsSortsByTitleInTheReadersLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	add := func(original lang.Code, texts map[lang.Code]string) int64 {
		e := calendar.Event{Status: calendar.Published, OriginalLang: original, Texts: map[lang.Code]calendar.Text{},
			Start: now.Add(72 * time.Hour), End: now.Add(73 * time.Hour), Zone: "Europe/Helsinki", City: "Turku", Country: "FI",
			Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
			Organisers: []directory.Organisation{{ID: f.om.ID}}}
		for l, s := range texts {
			e.Texts[l] = calendar.Text{Title: s, Description: "sortcheck"}
		}
		if err := f.cal.Create(ctx, &e); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	zebra := add(lang.EN, map[lang.Code]string{lang.EN: "Zebra crossing", lang.FI: "aakkosjärjestys"})
	mango := add(lang.EN, map[lang.Code]string{lang.EN: "mango season"})
	bjorn := add(lang.SV, map[lang.Code]string{lang.SV: "Björnstad", lang.EN: "Yellow bears"})
	list := func(l lang.Code, offset int) []int64 {
		evs, err := f.db.ListEvents(ctx, calendar.Query{Filter: calendar.Filter{Query: "sortcheck"}, Statuses: calendar.Statuses,
			Sort: calendar.Sort{Key: calendar.SortTitle, Lang: l}, Limit: 3, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		return ids(evs)
	}
	for _, tt := range []struct {
		lang lang.Code
		want []int64
	}{
		{lang.FI, []int64{zebra, bjorn, mango}}, // aakkos…, Björnstad (original), mango (English)
		{lang.EN, []int64{mango, bjorn, zebra}}, // mango, Yellow bears, Zebra
		{lang.SV, []int64{bjorn, mango, zebra}},
	} {
		if got := list(tt.lang, 0); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.lang, got, tt.want)
		}
		if got := list(tt.lang, 1); !slices.Equal(got, tt.want[1:]) {
			t.Errorf("%s from the second: %v, want %v", tt.lang, got, tt.want[1:])
		}
	}
}

// TestListEventsDeepPagesKeepTheOrder reads every page of each order and
// checks that together they are the whole list in the same order.
func TestListEventsDeepPagesKeepTheOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, key := range calendar.SortKeys {
		q := calendar.Query{Statuses: calendar.Statuses, Sort: calendar.Sort{Key: key, Lang: lang.EN}}
		all, err := f.db.ListEvents(ctx, q)
		if err != nil || len(all) < 8 {
			t.Fatalf("%s: %d events, %v", key, len(all), err)
		}
		var paged []int64
		for off := 0; off < len(all); off += 3 {
			q.Limit, q.Offset = 3, off
			evs, err := f.db.ListEvents(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, ids(evs)...)
		}
		if !slices.Equal(paged, ids(all)) {
			t.Errorf("%s: pages %v, whole list %v", key, paged, ids(all))
		}
	}
}
