// SPDX-License-Identifier: AGPL-3.0-or-later

package lang_test

import (
	"sync"
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

// TestFold: case and diacritics fold away, the Nordic letters that are not
// composed take their ASCII spellings, and plain ASCII is only lower-cased.
func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mäkelä", "makela"},
		{"Jämställdhet", "jamstalldhet"},
		{"KØBENHAVN", "kobenhavn"},
		{"Tórshavn", "torshavn"},
		{"Þórshöfn", "thorshofn"},
		{"Ærø", "aero"},
		{"Reykjavík", "reykjavik"},
		{"Kárášjohka", "karasjohka"},
		{"Helsinki", "helsinki"},
		{"already lower", "already lower"},
		{"MIXED Case 42", "mixed case 42"},
		{"", ""},
	} {
		if got := lang.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFoldConcurrently folds from many goroutines at once, as requests do:
// the reused transformers must not mix their inputs (run with -race).
func TestFoldConcurrently(t *testing.T) {
	words := map[string]string{"Göteborg": "goteborg", "Åbo": "abo", "Uleåborg": "uleaborg", "Kööpenhamina": "koopenhamina"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				for in, want := range words {
					if got := lang.Fold(in); got != want {
						t.Errorf("Fold(%q) = %q, want %q", in, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
