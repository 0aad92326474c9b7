// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import "testing"

func TestHTMLDescriptionsBecomeText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Plain text, 2 < 3 and a & b", "Plain text, 2 < 3 and a & b"},
		{"Join us<br>Registration: <a href=\"https://ngo.example/reg\">here</a>", "Join us\nRegistration: here (https://ngo.example/reg)"},
		{"<p>First&nbsp;paragraph</p><p>Second <b>bold</b></p>", "First paragraph\n\nSecond bold"},
		{"<ul><li>one</li><li>two</li></ul>", "• one\n• two"},
		{"<a href=\"https://x.example/\">https://x.example</a>", "https://x.example"},
		{"<script>alert(1)</script><style>p{}</style>Text", "Text"},
		{"<a href=\"javascript:alert(1)\">click</a>", "click"},
	} {
		if got := cleanText(htmlText(tt.in)); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
