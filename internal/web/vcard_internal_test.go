// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"
)

// TestVCardWriterNeverStartsAProperty feeds the writer values with every
// kind of line break and checks the output the way the most lenient
// readers do (any of CR, LF or CRLF ends a line): each card keeps exactly
// the properties it was given, and decoding it back gives one line each.
func TestVCardWriterNeverStartsAProperty(t *testing.T) {
	evil := []string{
		"Adviser\rEMAIL;TYPE=work:attacker@evil.example",
		"Adviser\nEMAIL;TYPE=work:attacker@evil.example",
		"Adviser\r\nEMAIL;TYPE=work:attacker@evil.example",
		"Adviser\u2028EMAIL;TYPE=work:attacker@evil.example",
		"Adviser\u0085EMAIL;TYPE=work:attacker@evil.example",
		"Adviser\x0bEMAIL;TYPE=work:attacker@evil.example",
		"Adviser\x0cEMAIL;TYPE=work:attacker@evil.example",
	}
	for _, v := range evil {
		c := vcard.Card{}
		c.SetValue(vcard.FieldFormattedName, "Aino "+v)
		c.SetName(&vcard.Name{FamilyName: "Mäkelä" + v, GivenName: "Aino"})
		c.SetValue(vcard.FieldTitle, v)
		c.SetValue(vcard.FieldOrganization, "Parent"+v+";Unit"+v)
		c.SetValue(vcard.FieldRole, v)
		c.Add(vcard.FieldEmail, &vcard.Field{Value: "aino@example.org", Params: vcard.Params{vcard.ParamType: {"work" + v}}})
		vcard.ToV4(c)
		var buf bytes.Buffer
		if err := encodeCards(&buf, []vcard.Card{c}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsAny(out, "\r\n") && strings.Count(out, "\r") != strings.Count(out, "\r\n") {
			t.Errorf("%q: a bare CR in the output:\n%q", v, out)
		}
		emails := 0
		for _, line := range regexp.MustCompile(`\r\n|\r|\n|\x0b|\x0c|\x{85}|\x{2028}|\x{2029}`).Split(out, -1) {
			if strings.HasPrefix(strings.ToUpper(line), "EMAIL") {
				emails++
			}
		}
		if emails != 1 {
			t.Errorf("%q: %d EMAIL lines, want 1:\n%q", v, emails, out)
		}
		back, err := vcard.NewDecoder(strings.NewReader(out)).Decode()
		if err != nil {
			t.Fatalf("%q: decode: %v", v, err)
		}
		if n := len(back[vcard.FieldEmail]); n != 1 || back.Value(vcard.FieldEmail) != "aino@example.org" {
			t.Errorf("%q: read back %d addresses: %v", v, n, back[vcard.FieldEmail])
		}
		if got := back.Value(vcard.FieldTitle); got != "Adviser EMAIL;TYPE=work:attacker@evil.example" {
			t.Errorf("%q: TITLE read back as %q", v, got)
		}
		if len(back) != len(c) {
			t.Errorf("%q: %d properties read back, %d written", v, len(back), len(c))
		}
	}
}
