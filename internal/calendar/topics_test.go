// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"slices"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

// The documents library filters by the calendar's topics; directory keeps
// its own copy because it cannot import calendar.
func TestDocumentTopicsAreTheCalendarTopics(t *testing.T) {
	var want []string
	for _, tp := range calendar.Topics {
		want = append(want, string(tp))
	}
	if !slices.Equal(directory.DocumentTopics, want) {
		t.Errorf("directory.DocumentTopics = %v, calendar.Topics = %v", directory.DocumentTopics, want)
	}
}
