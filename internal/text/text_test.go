// SPDX-License-Identifier: AGPL-3.0-or-later

package text_test

import (
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/text"
)

func TestLineAndBlock(t *testing.T) {
	for _, tc := range []struct {
		name        string
		in          string
		line, block string
	}{
		{"plain ASCII", "Nordic working group", "", ""},
		{"Nordic letters", "Työ- ja elinkeinoministeriö, Åland, Ærø, Øresund", "", ""},
		{"a soft hyphen and a no-break space", "Menneskehandel\u00adsområdet\u00a02027", "", ""},
		{"empty", "", "", ""},
		{"a bare CR", "Adviser\rEMAIL;TYPE=work:attacker@evil.example", text.MsgControl, ""},
		{"CRLF", "a\r\nb", text.MsgControl, ""},
		{"LF", "a\nb", text.MsgControl, ""},
		{"a tab", "a\tb", text.MsgControl, ""},
		{"NUL", "a\x00b", text.MsgControl, text.MsgControl},
		{"escape", "\x1b[31mred", text.MsgControl, text.MsgControl},
		{"DEL", "a\x7fb", text.MsgControl, text.MsgControl},
		{"C1 NEL", "a\u0085b", text.MsgControl, text.MsgControl},
		{"line separator", "a\u2028b", text.MsgControl, text.MsgControl},
		{"paragraph separator", "a\u2029b", text.MsgControl, text.MsgControl},
		{"not UTF-8", "M\xe4kel\xe4", text.MsgControl, text.MsgControl},
		{"right-to-left override", "Invoice \u202egnp.exe", text.MsgInvisible, text.MsgInvisible},
		{"left-to-right embedding", "\u202aabc", text.MsgInvisible, text.MsgInvisible},
		{"pop directional formatting", "abc\u202c", text.MsgInvisible, text.MsgInvisible},
		{"first strong isolate", "\u2068abc", text.MsgInvisible, text.MsgInvisible},
		{"left-to-right isolate", "\u2066abc", text.MsgInvisible, text.MsgInvisible},
		{"pop directional isolate", "abc\u2069", text.MsgInvisible, text.MsgInvisible},
		{"zero-width space", "Poli\u200bisi", text.MsgInvisible, ""},
		{"zero-width non-joiner", "a\u200cb", text.MsgInvisible, ""},
		{"zero-width joiner", "a\u200db", text.MsgInvisible, ""},
		{"left-to-right mark", "a\u200eb", text.MsgInvisible, ""},
		{"right-to-left mark", "a\u200fb", text.MsgInvisible, ""},
		{"byte-order mark", "\ufeffTitle", text.MsgInvisible, ""},
		{"word joiner", "a\u2060b", text.MsgInvisible, ""},
		{"Arabic letter mark", "a\u061cb", text.MsgInvisible, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := text.Line(tc.in); got != tc.line {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.line)
			}
			if got := text.Block(tc.in); got != tc.block {
				t.Errorf("Block(%q) = %q, want %q", tc.in, got, tc.block)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"Adviser":                       "Adviser",
		"  Adviser ":                    "Adviser",
		"Adviser\rEMAIL:x@evil.example": "Adviser EMAIL:x@evil.example",
		"a\r\n\r\nb":                    "a b",
		"a\u2028b\u2029c":               "a b c",
		"\u202eabc\u202c":               "abc",
		"Poli\u200bisi":                 "Poli isi",
		"\ufeffTitle":                   "Title",
		"M\xe4kel\xe4":                  "M kel",
		"a\x00\x1b\x7f\u0085b":          "a b",
		"Työ- ja elinkeinoministeriö":   "Työ- ja elinkeinoministeriö",
	} {
		got := text.OneLine(in)
		if got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
		if text.Line(got) != "" {
			t.Errorf("OneLine(%q) = %q still fails Line", in, got)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"aino.makela@example.org", true},
		{"Aino.Makela@Example.ORG", true},
		{"a+ikut@om.example.fi", true},
		{"sean.o'brien@example.ie", true},
		{"first_last@sub-domain.example.dk", true},
		{"a@b.c", true},
		{"jörgen@sähkö.fi", true},
		{"info@xn--shk-qla4b.fi", true},
		{"a1@123.example.no", true},
		{strings.Repeat("a", 254-len("@example.org")) + "@example.org", true},

		{strings.Repeat("a", 255-len("@example.org")) + "@example.org", false},
		{"", false},
		{"aino", false},
		{"@example.org", false},
		{"aino@", false},
		{"aino@localhost", false},
		{"aino@@example.org", false},
		{"aino@example.123", false},
		{"info@example.org?cc=attacker%40evil.example&subject=x", false},
		{"info@example.org?cc=attacker@evil.example", false},
		{"info@example.org&cc=x", false},
		{"info@example.org#x", false},
		{"info@example.org/path", false},
		{"info%40evil.example@example.org", false},
		{"in?fo@example.org", false},
		{"in&fo@example.org", false},
		{"in/fo@example.org", false},
		{"in#fo@example.org", false},
		{"in=fo@example.org", false},
		{"in!fo@example.org", false},
		{"info@exa_mple.org", false},
		{"info@-example.org", false},
		{"info@example-.org", false},
		{"info@example..org", false},
		{"info@.example.org", false},
		{"info@example.org.", false},
		{".info@example.org", false},
		{"info.@example.org", false},
		{"in..fo@example.org", false},
		{"info@" + strings.Repeat("a", 64) + ".org", false},
		{"info@[127.0.0.1]", false},
		{"Aino Mäkelä <aino@example.org>", false},
		{"<aino@example.org>", false},
		{`"aino"@example.org`, false},
		{"aino@example.org(Aino)", false},
		{"aino makela@example.org", false},
		{"aino\t@example.org", false},
		{"aino@example.org\r\nBcc: all@example.org", false},
		{"aino@example.org\rx", false},
		{"aino\u0085@example.org", false},
		{"aino\u200b@example.org", false},
		{"aino@exam\u202eple.org", false},
		{"aino@example.org, bo@example.org", false},
		{"aino@example.org;bo@example.org", false},
		{"aino@ex\xe4mple.org", false},
		{"aino@exa\u00a0mple.org", false},
		{"aino@٣.example.org", false},
	} {
		if got := text.ValidEmail(tc.in); got != tc.want {
			t.Errorf("ValidEmail(%.60q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
