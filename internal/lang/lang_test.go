// SPDX-License-Identifier: AGPL-3.0-or-later

package lang_test

import (
	"testing"

	"github.com/nordcal/nordcal/internal/lang"
)

// TestTextsFallBackInOrder: the wanted language, then the original, then
// English, then the first of the five that has a text; blanks do not count.
func TestTextsFallBackInOrder(t *testing.T) {
	for _, tc := range []struct {
		name           string
		texts          lang.Texts
		want, original lang.Code
		text           string
		in             lang.Code
	}{
		{"wanted", lang.Texts{lang.FI: "Kokous", lang.EN: "Meeting"}, lang.FI, lang.EN, "Kokous", lang.FI},
		{"original next", lang.Texts{lang.SV: "Möte", lang.EN: "Meeting"}, lang.FI, lang.SV, "Möte", lang.SV},
		{"then English", lang.Texts{lang.DA: "Møde", lang.EN: "Meeting"}, lang.FI, lang.SV, "Meeting", lang.EN},
		{"then any", lang.Texts{lang.NO: "Møte"}, lang.FI, lang.SV, "Møte", lang.NO},
		{"blank is missing", lang.Texts{lang.FI: "  ", lang.EN: " Meeting "}, lang.FI, lang.FI, "Meeting", lang.EN},
		{"none", lang.Texts{}, lang.DA, lang.SV, "", lang.DA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if s, c := tc.texts.Get(tc.want, tc.original); s != tc.text || c != tc.in {
				t.Errorf("Get = %q in %s, want %q in %s", s, c, tc.text, tc.in)
			}
		})
	}
}
