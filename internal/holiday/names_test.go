// SPDX-License-Identifier: AGPL-3.0-or-later

package holiday_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/is"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/se"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
)

// TestLibraryListsAreMapped fails when the library gains a holiday that has
// no NameID: such a day would silently be left out of Between.
func TestLibraryListsAreMapped(t *testing.T) {
	known := holiday.NameIDs()
	lists := []struct {
		pkg  string
		hols []*cal.Holiday
	}{
		{"dk", dk.Holidays},
		{"fi", fi.Holidays},
		{"is", is.Holidays},
		{"no", no.Holidays},
		{"se", se.Holidays},
	}
	for _, l := range lists {
		t.Run(l.pkg, func(t *testing.T) {
			if len(l.hols) == 0 {
				t.Fatalf("%s.Holidays is empty", l.pkg)
			}
			for _, h := range l.hols {
				id, ok := holiday.NameIDOf(h)
				if !ok {
					t.Errorf("%s holiday %q has no NameID mapping", l.pkg, h.Name)
					continue
				}
				if !slices.Contains(known, id) {
					t.Errorf("%s holiday %q maps to %q, which NameIDs does not list", l.pkg, h.Name, id)
				}
			}
		})
	}
}

func TestNameIDsAreSortedUniqueAndWellFormed(t *testing.T) {
	ids := holiday.NameIDs()
	if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Fatalf("NameIDs is not sorted and unique: %v", ids)
	}
	for _, id := range ids {
		rest, ok := strings.CutPrefix(id, "holiday.")
		if !ok || rest == "" || strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz_") != "" {
			t.Errorf("NameID %q is not holiday.<snake_case>", id)
		}
	}
	if slices.Contains(ids, holiday.UnofficialNameID) {
		t.Errorf("NameIDs lists %q, which is a label, not a holiday", holiday.UnofficialNameID)
	}
}

// TestEveryReturnedNameIDIsListed runs every country through several decades
// and checks each result against NameIDs, and that NameIDs has nothing that
// never occurs.
func TestEveryReturnedNameIDIsListed(t *testing.T) {
	known := holiday.NameIDs()
	seen := map[string]bool{}
	h := holiday.New()
	for _, c := range withCalendar {
		for y := 2000; y <= 2040; y++ {
			for _, got := range h.Between(c, calendar.Date{Year: y, Month: 1, Day: 1}, calendar.Date{Year: y, Month: 12, Day: 31}) {
				if !slices.Contains(known, got.NameID) {
					t.Errorf("%s %s: NameID %q is not in NameIDs", c, got.Date, got.NameID)
				}
				seen[got.NameID] = true
			}
		}
	}
	for _, id := range known {
		// dk_great_prayer_day ended in 2023 and is covered by 2000-2023.
		if !seen[id] {
			t.Errorf("NameIDs lists %q, which Between never returned in 2000-2040", id)
		}
	}
}

// withCalendar are the countries with a holiday calendar.
var withCalendar = []directory.Country{"DK", "FI", "IS", "NO", "SE", "AX", "FO", "GL"}
