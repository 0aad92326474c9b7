// SPDX-License-Identifier: AGPL-3.0-or-later

// Package text holds the rules every domain applies to the text people
// type in: which characters a one-line or multi-line field may hold, and
// what a plain e-mail address looks like. The calendar and the directory
// both use it, so an event title and an organisation name are held to the
// same rules and neither domain imports the other's validation.
package text

import (
	"strings"
	"unicode/utf8"
)

// Message IDs of the faults Line and Block report.
const (
	// MsgControl: invalid UTF-8 or a control character (line break, NUL,
	// escape, C1) where none is allowed.
	MsgControl = "validation.text"
	// MsgInvisible: an invisible formatting character (zero-width space,
	// joiner, byte-order mark) or a text-direction control.
	MsgInvisible = "validation.invisible"
)

// isControl reports C0 (including TAB, CR and LF), DEL, C1 and the Unicode
// line and paragraph separators: every character some program or other
// reads as the end of a line or as a terminal command.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
}

// isBidiControl reports the embeddings, overrides and isolates
// (U+202A–202E, U+2066–2069): they reorder the text that follows, so a
// title can read one way and be another ("Trojan Source").
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// isInvisible reports the characters that take no space and show
// nothing: zero-width space, non-joiner and joiner, the left-to-right and
// right-to-left marks (U+200B–200F), the Arabic letter mark (U+061C), the
// word joiner and invisible operators (U+2060–2064), the deprecated format
// characters (U+206A–206F) and the byte-order mark / zero-width no-break
// space (U+FEFF).
//
// ZWNJ and ZWJ (U+200C, U+200D) are needed in Persian and the Indic
// scripts and in emoji sequences, but not in Finnish, Swedish, Danish,
// Norwegian or English, the languages nordcal's names and titles are
// written in; refusing them costs nothing here and closes the look-alike
// names they allow.
func isInvisible(r rune) bool {
	return (r >= '\u200b' && r <= '\u200f') || r == '\u061c' || (r >= '\u2060' && r <= '\u2064') ||
		(r >= '\u206a' && r <= '\u206f') || r == '\ufeff'
}

// Line checks a one-line field (a title, a name, an address line) and
// returns "" when it may be stored, or the message ID of what is wrong:
// MsgControl for invalid UTF-8 and control characters (a line break would
// start a new property in a vCard or iCalendar file or a new header in a
// mail), MsgInvisible for invisible and text-direction characters.
func Line(s string) string { return fault(s, false) }

// Block checks a multi-line field (a description, a reason) like Line,
// except that LF, CR and TAB are allowed and so are the invisible
// characters of isInvisible, which text pasted from web pages and word
// processors often carries in paragraphs; text-direction controls are
// refused here too.
func Block(s string) string { return fault(s, true) }

func fault(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		return MsgControl
	}
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			// Nearly every character: printable ASCII.
		case multiline && (r == '\n' || r == '\r' || r == '\t'):
		case isControl(r):
			return MsgControl
		case isBidiControl(r):
			return MsgInvisible
		case !multiline && isInvisible(r):
			return MsgInvisible
		}
	}
	return ""
}

// OneLine returns s made safe for a one-line value in a file format that
// does not escape everything itself (go-vcard writes CR as it is): invalid
// UTF-8, control, invisible and text-direction characters each become a
// space, runs of spaces that makes are collapsed, and the ends are trimmed.
// Text that passed Line comes back unchanged (apart from trimming); this is
// the second line of defence for values stored before the rules, or
// reaching an export by some other path.
func OneLine(s string) string {
	if Line(s) == "" {
		return strings.TrimSpace(s)
	}
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		if isControl(r) || isBidiControl(r) || isInvisible(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
