// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// golang-ical escapes `\ ; , LF` in TEXT values but passes CR and every
// other control character through, and it backslash-escapes parameter
// values instead of quoting them (arran4/golang-ical#150, #151). Every
// value therefore passes through one of the cleaners below before it
// reaches the library; together with the library's TEXT escaping they make
// it impossible for any field to start a new content line.

// lineBreaks are the sequences that end a line in some program or other.
// CRLF comes first so that it counts as one break, not two.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n")

// isControl reports the characters no value may carry: C0 (including TAB,
// CR and LF, which the callers handle first), DEL and C1.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// cleanText prepares a multi-line TEXT value (DESCRIPTION): invalid UTF-8
// becomes U+FFFD, every line break (CRLF, CR, LF, U+2028, U+2029) becomes
// LF, a TAB stays (RFC 5545 allows it), and other control characters are
// dropped.
func cleanText(s string) string {
	// Nearly every value is clean already; finding that out needs no
	// allocation, unlike the replacements below.
	if !containsFunc(s, unclean, &uncleanASCII) {
		return s
	}
	s = lineBreaks.Replace(strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

// unclean reports the runes cleanText may change: control characters
// other than LF and TAB, the Unicode line and paragraph separators, and
// U+FFFD, which is how invalid UTF-8 reads.
func unclean(r rune) bool {
	return (isControl(r) && r != '\n' && r != '\t') || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
}

// uncleanInLine reports the runes cleanLine may change besides spaces at
// the ends: those of unclean, LF and TAB.
func uncleanInLine(r rune) bool {
	return unclean(r) || r == '\n' || r == '\t'
}

// cleanLine prepares a one-line TEXT value (SUMMARY, LOCATION, NAME,
// CATEGORIES, UID): like cleanText, but line breaks and TABs become spaces
// and the ends are trimmed, because a title with a line break renders
// badly in every client.
func cleanLine(s string) string {
	if !containsFunc(s, uncleanInLine, &uncleanInLineASCII) {
		return strings.TrimSpace(s)
	}
	s = strings.ReplaceAll(cleanText(s), "\n", " ")
	return strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
}

// cleanParam prepares a parameter value (CN, LABEL, LANGUAGE). golang-ical
// cannot quote, and what it writes instead (`\,`) is invalid and read back
// literally by some parsers, so the characters that would need quoting or
// escaping are left out: `, ; : "` and `\`. An apostrophe, which golang-ical
// would also backslash-escape, becomes the typographic one (’) so that a
// name such as "Children's Rights" still reads right.
func cleanParam(s string) string {
	s = strings.ReplaceAll(cleanLine(s), "'", "\u2019")
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(",;:\"\\", r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cleanCategory prepares one CATEGORIES value: a one-line TEXT without
// `, ; \`. RFC 5545 escapes them, but CATEGORIES is a comma-separated list
// and parsers such as node-ical split on an escaped comma and keep the
// backslashes, so one name would turn into two broken ones.
func cleanCategory(s string) string {
	s = cleanLine(s)
	if !strings.ContainsAny(s, ",;\\") {
		return s // as nearly every name is
	}
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == ';' || r == '\\' {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cleanURL returns u when it is an absolute http(s) URL that can be written
// as a URI value as it is, and "" otherwise. URI values are not escaped by
// golang-ical, so anything with white space or control characters is
// refused rather than repaired.
func cleanURL(u string) string {
	if u == "" || len(u) > 2000 || !utf8.ValidString(u) || containsFunc(u, notURIRune, &notURIASCII) {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// cleanEmail returns a plain address usable after "mailto:", or "".
func cleanEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || len(s) > 254 || !utf8.ValidString(s) ||
		containsFunc(s, notURIRune, &notURIASCII) || strings.ContainsAny(s, "<>\"(),;:\\[]") {
		return ""
	}
	return s
}

// notURIRune reports characters that must never appear in a URI value.
func notURIRune(r rune) bool {
	return isControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' || r == '"'
}

// The answers of unclean, uncleanInLine and notURIRune for ASCII, looked
// up by containsFunc.
var (
	uncleanASCII       = asciiTable(unclean)
	uncleanInLineASCII = asciiTable(uncleanInLine)
	notURIASCII        = asciiTable(notURIRune)
)

func asciiTable(f func(rune) bool) (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = f(rune(c))
	}
	return t
}

// containsFunc is strings.ContainsFunc(s, f), given f's answers for ASCII.
// Nearly every text and URL of a feed is ASCII or mostly so, and a table
// lookup per byte costs far less than a call of f per rune; from the first
// non-ASCII byte on, f decides.
func containsFunc(s string, f func(rune) bool, ascii *[utf8.RuneSelf]bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ContainsFunc(s[i:], f)
		}
		if ascii[c] {
			return true
		}
	}
	return false
}
