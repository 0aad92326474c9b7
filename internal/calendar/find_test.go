// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

func TestFindFromQuery(t *testing.T) {
	tests := []struct {
		query     string
		canonical string
		page      int
		bad       []string // the fields named, in any order
	}{
		{"", "", 0, nil},
		{"status=Withdrawn,pending&status=duplicate", "status=duplicate%2Cpending%2Cwithdrawn", 0, nil},
		{"sort=title&page=3", "sort=title", 3, nil},
		{"sort=changed", "", 0, nil},
		{"q=kobenhavn&country=dk&sort=start_desc", "country=DK&q=kobenhavn&sort=start_desc", 0, nil},
		{"status=lost", "", 0, []string{"status"}},
		{"sort=random", "", 0, []string{"sort"}},
		{"page=0", "", 0, []string{"page"}},
		{"page=-3", "", 0, []string{"page"}},
		{"page=abc", "", 0, []string{"page"}},
		{"page=100001", "", 0, []string{"page"}},
		{"from=soon&status=lost&page=-1", "", 0, []string{"from", "page", "status"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			f, err := calendar.FindFromQuery(q)
			if tt.bad != nil {
				var fields []string
				if ae, ok := err.(*apperr.Error); ok && ae.Kind == apperr.Invalid {
					for k := range ae.Fields {
						fields = append(fields, k)
					}
				}
				slices.Sort(fields)
				if !slices.Equal(fields, tt.bad) {
					t.Errorf("fields %v, want %v (%v)", fields, tt.bad, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Values().Encode(); got != tt.canonical || f.Page != tt.page {
				t.Errorf("canonical %q page %d, want %q page %d", got, f.Page, tt.canonical, tt.page)
			}
		})
	}
}

// TestFindFromQueryKeepsTheGoodParts checks that a bad parameter leaves the
// others readable, so the form can show them again.
func TestFindFromQueryKeepsTheGoodParts(t *testing.T) {
	q, _ := url.ParseQuery("from=2027-02-01&to=2027-01-01&country=fi&status=pending,lost&sort=title&page=x")
	f, err := calendar.FindFromQuery(q)
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("want Invalid, got %v", err)
	}
	if !slices.Equal(f.Countries, []directory.Country{"FI"}) || f.From.String() != "2027-02-01" || !f.To.IsZero() ||
		!slices.Equal(f.Standings, []calendar.Standing{calendar.StandingPending}) || f.Sort != calendar.SortTitle {
		t.Errorf("kept %+v", f)
	}
}

func TestStandingOf(t *testing.T) {
	tests := []struct {
		status calendar.Status
		sub    calendar.Submission
		want   calendar.Standing
	}{
		{calendar.Published, calendar.Submission{}, calendar.StandingPublished},
		{calendar.Tentative, calendar.Submission{ID: 1}, calendar.StandingTentative},
		{calendar.Cancelled, calendar.Submission{ID: 1}, calendar.StandingCancelled},
		{calendar.Pending, calendar.Submission{ID: 1}, calendar.StandingPending},
		{calendar.Rejected, calendar.Submission{}, calendar.StandingRejected},
		{calendar.Rejected, calendar.Submission{ID: 1, Reason: "spam"}, calendar.StandingRejected},
		{calendar.Rejected, calendar.Submission{ID: 1, Withdrawn: true}, calendar.StandingWithdrawn},
		{calendar.Rejected, calendar.Submission{ID: 1, MergedInto: 7}, calendar.StandingDuplicate},
		{calendar.Rejected, calendar.Submission{ID: 1, MergedInto: 7, Withdrawn: true}, calendar.StandingWithdrawn},
	}
	for _, tt := range tests {
		if got := calendar.StandingOf(calendar.Event{Status: tt.status}, tt.sub); got != tt.want {
			t.Errorf("%s %+v: %s, want %s", tt.status, tt.sub, got, tt.want)
		}
	}
}
