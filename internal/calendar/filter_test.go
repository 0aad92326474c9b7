// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

func TestFilterFromQuery(t *testing.T) {
	tests := []struct {
		query     string
		canonical string // "" with badField set means invalid
		badField  string
	}{
		{"", "", ""},
		{"country=fi", "country=FI", ""},
		{"country=SE,fi&country=FI", "country=FI%2CSE", ""},
		{"category=Conference&topic=labour,children", "category=conference&topic=children%2Clabour", ""},
		{"from=2026-11-01&to=2026-11-30", "from=2026-11-01&to=2026-11-30", ""},
		{"q=+ihmiskauppa+", "q=ihmiskauppa", ""},
		{"organiser=OM-FI", "organiser=om-fi", ""},
		{"language=SV,fi&language=sv", "language=fi%2Csv", ""},
		{"language=nb,no", "language=no", ""},
		{"language=is", "language=is", ""},
		{"cancelled=hide", "cancelled=hide", ""},
		{"cancelled=HIDE&country=FI", "cancelled=hide&country=FI", ""},
		{"cancelled=show", "", ""},
		{"language=tlh", "", "language"},
		{"language=" + strings.Repeat("sv,", 21) + "fi,da", "language=da%2Cfi%2Csv", ""},
		{"cancelled=yes", "", "cancelled"},
		{"cancelled=hide,show", "", "cancelled"},
		{"country=XX", "", "country"},
		{"category=party", "", "category"},
		{"attendance=virtual", "", "attendance"},
		{"audience=all", "", "audience"},
		{"topic=cooking", "", "topic"},
		{"from=2026-02-30", "", "from"},
		{"from=26.11.2026", "", "from"},
		{"to=2026-1-1", "", "to"},
		{"from=2026-12-01&to=2026-11-01", "", "to"},
		{"q=" + strings.Repeat("x", 201), "", "q"},
		{"q=a%0Ab", "", "q"},
		{"organiser=bad slug", "", "organiser"},
		{"network=" + manySlugs(25), "", "network"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			f, err := calendar.FilterFromQuery(q)
			if tt.badField != "" {
				if !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("want Invalid, got %v", err)
				}
				if _, ok := err.(*apperr.Error).Fields[tt.badField]; !ok {
					t.Errorf("fields %v do not name %q", err.(*apperr.Error).Fields, tt.badField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Values().Encode(); got != tt.canonical {
				t.Errorf("canonical %q, want %q", got, tt.canonical)
			}
		})
	}
}

// FuzzFilterFromQuery: any query either parses into a filter whose
// canonical form parses back to the same filter, or is an Invalid error.
func FuzzFilterFromQuery(f *testing.F) {
	for _, s := range []string{"", "country=FI,SE", "from=2026-11-01&to=2026-11-30&q=ä", "category=%00", "q=%ff%fe", "topic=,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		filter, err := calendar.FilterFromQuery(q)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("non-Invalid error %v", err)
			}
			return
		}
		again, err := calendar.FilterFromQuery(filter.Values())
		if err != nil {
			t.Fatalf("canonical form %q does not parse: %v", filter.Values().Encode(), err)
		}
		if again.Values().Encode() != filter.Values().Encode() {
			t.Fatalf("canonical form not stable: %q vs %q", again.Values().Encode(), filter.Values().Encode())
		}
	})
}

func manySlugs(n int) string {
	var parts []string
	for i := 0; i < n; i++ {
		parts = append(parts, "net-"+strings.Repeat("a", i+1))
	}
	return strings.Join(parts, ",")
}
