// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// TestLineWriterMatchesGolangIcal writes VEVENTs with lines that fold at
// every kind of place, escaped and quoted parameters and TEXT escapes with
// both writers: the bytes must be the same.
func TestLineWriterMatchesGolangIcal(t *testing.T) {
	long := strings.Repeat("Ihmiskauppa ja työperäinen hyväksikäyttö – ", 6)
	values := []string{
		"", "short", long, strings.Repeat("x", 200), strings.Repeat("ä", 120), strings.Repeat("€", 80),
		strings.Repeat("<a>b", 60), "see <https://example.org/" + strings.Repeat("p", 90) + "> now",
		"semi;colon, comma\\back\nslash" + long, "tab\tand \"quotes\" and 'single'", "\xff\xfe broken " + long,
		strings.Repeat("ab ", 40) + "\uFFFD" + strings.Repeat("cd", 40),
	}
	params := []map[string][]string{
		nil,
		{"LANGUAGE": {"fi"}},
		{"TZID": {"Europe/Helsinki"}},
		{"ALTREP": {`https://example.org/o?a="x"\y`}, "LANGUAGE": {"sv"}},
		{"CN": {`Name, with; "odd" chars: \ '`}},
		{"VALUE": {"URI"}, "FEATURE": {"AUDIO", "VIDEO"}, "LABEL": {"Online: link"}},
		{"VALUE": {"TEXT"}},
	}
	tokens := []string{"SUMMARY", "DESCRIPTION", "URL", "CONTACT", "DTSTART", "X-CUSTOM", "CATEGORIES", "CONFERENCE"}
	config := serialization()
	lw := newLineWriter(config)
	for _, tok := range tokens {
		for _, v := range values {
			for _, p := range params {
				var ev ics.VEvent
				ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: tok, Value: v, ICalParameters: p}},
					ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: "UID", Value: "u@example.org"}})
				var want, got strings.Builder
				if err := ev.SerializeTo(&want, config); err != nil {
					t.Fatal(err)
				}
				if err := lw.vevent(&got, &ev, config); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%s %q %v:\ngot  %q\nwant %q", tok, v, p, got.String(), want.String())
				}
			}
		}
	}
}
