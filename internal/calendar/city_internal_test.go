// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"testing"

	"github.com/nordcal/nordcal/internal/lang"
)

// TestCityNamesAreOneCityEach checks the table itself: every name leads to
// its own city's key, so that no name is listed for two cities and no
// city's own name is another's alias.
func TestCityNamesAreOneCityEach(t *testing.T) {
	owner := map[string]string{}
	for _, names := range cityNames {
		want := lang.Fold(names[0])
		for _, n := range names {
			if got := CityKey(n); got != want {
				t.Errorf("CityKey(%q) = %q, want %q (%s)", n, got, want, names[0])
			}
			if o, ok := owner[lang.Fold(n)]; ok && o != names[0] {
				t.Errorf("%q is listed for %s and %s", n, o, names[0])
			}
			owner[lang.Fold(n)] = names[0]
		}
	}
}
