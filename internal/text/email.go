// SPDX-License-Identifier: AGPL-3.0-or-later

package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidEmail reports whether s is a plain e-mail address that can be
// written after "mailto:" and into an iCalendar ORGANIZER or a mail header
// as it is: local@domain, at most 254 bytes, where
//
//   - the domain is two or more dot-separated labels of letters, digits and
//     hyphens (no hyphen at either end of a label, at most 63 bytes each),
//     the last holding a letter, and
//   - the local part is letters, digits and the characters . _ - + ' with
//     no dot at either end and no two dots together.
//
// This is a strict subset of what RFC 5322 allows, chosen so that no
// address can carry a query or fragment into a mailto: link
// ("info@example.org?cc=…", "%40", "#"), a path ("/"), a display name, a
// comment, a quoted string, white space or a control character. Letters
// include non-ASCII ones (RFC 6531/6532 addresses, IDN domains such as
// sähkö.fi); the rare address with other characters, e.g. "!" or "=",
// is refused.
func ValidEmail(s string) bool {
	if len(s) > 254 || !utf8.ValidString(s) {
		return false
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	return validLocal(s[:at]) && validDomain(s[at+1:])
}

func validLocal(l string) bool {
	if l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return false
	}
	for _, r := range l {
		if !isLetterOrDigit(r) && !strings.ContainsRune("._-+'", r) {
			return false
		}
	}
	return true
}

func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !isLetterOrDigit(r) && r != '-' {
				return false
			}
		}
	}
	return strings.IndexFunc(labels[len(labels)-1], unicode.IsLetter) >= 0
}

// isLetterOrDigit accepts any letter but only the ASCII digits: other
// scripts' digits look like letters or like other digits.
func isLetterOrDigit(r rune) bool {
	return (r >= '0' && r <= '9') || unicode.IsLetter(r)
}
