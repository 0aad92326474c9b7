// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"io"
	"slices"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// The VEVENTs are built as golang-ical properties (builder.event) and
// written here, byte for byte as golang-ical's SerializeTo writes them:
// the same parameter order (sorted by name), the same escaping of
// parameter and TEXT values, the same folding. golang-ical formats each
// line through a strings.Builder, a string concatenation per escaped
// character and a fresh string per line and fold, four or more
// allocations a line; a feed of 1,000 events has about 25,000 lines. Here
// each line is assembled in one reused buffer and written once.
//
// golang-ical still writes the calendar's head and VTIMEZONEs (a few dozen
// lines) and reads every feed back in the tests; the golden files, the
// parse-back tests, TestLineWriterMatchesGolangIcal and the five-parser
// check in .ci/icalcheck are what keep the two writers the same.

// lineWriter writes properties the way golang-ical does.
type lineWriter struct {
	line, out []byte
	keys      []string
	maxLen    int
	newline   string
}

func newLineWriter(config *ics.SerializationConfiguration) *lineWriter {
	return &lineWriter{line: make([]byte, 0, 256), out: make([]byte, 0, 512), keys: make([]string, 0, 4),
		maxLen: config.MaxLength, newline: config.NewLine}
}

// vevent writes ev as BEGIN:VEVENT, its properties, any subcomponents
// (through golang-ical) and END:VEVENT.
func (lw *lineWriter) vevent(w io.Writer, ev *ics.VEvent, config *ics.SerializationConfiguration) error {
	lw.out = append(append(append(lw.out[:0], "BEGIN:"...), ics.ComponentVEvent...), lw.newline...)
	for i := range ev.Properties {
		lw.property(&ev.Properties[i].BaseProperty)
	}
	if len(ev.Components) > 0 {
		if _, err := w.Write(lw.out); err != nil {
			return err
		}
		lw.out = lw.out[:0]
		for _, c := range ev.Components {
			if err := c.SerializeTo(w, config); err != nil {
				return err
			}
		}
	}
	lw.out = append(append(append(lw.out, "END:"...), ics.ComponentVEvent...), lw.newline...)
	_, err := w.Write(lw.out)
	return err
}

// property appends p's folded content line to lw.out.
func (lw *lineWriter) property(p *ics.BaseProperty) {
	l := append(lw.line[:0], p.IANAToken...)
	lw.keys = lw.keys[:0]
	for k := range p.ICalParameters {
		lw.keys = append(lw.keys, k)
	}
	slices.Sort(lw.keys)
	for _, k := range lw.keys {
		l = append(append(append(l, ';'), k...), '=')
		quoted := ics.Parameter(k).IsQuoted()
		for i, v := range p.ICalParameters[k] {
			if i > 0 {
				l = append(l, ',')
			}
			if quoted {
				l = appendQuotedParam(l, v)
			} else {
				l = appendEscapedParam(l, v)
			}
		}
	}
	l = append(l, ':')
	if p.GetValueType() == ics.ValueDataTypeText {
		l = appendText(l, p.Value)
	} else {
		l = append(l, p.Value...)
	}
	lw.line = l
	lw.fold(l)
}

// fold appends line to lw.out cut as golang-ical cuts it: the first piece
// at most maxLen bytes, the others maxLen-1 after their leading space,
// each cut preferably before a space or '<' or after a '>'.
func (lw *lineWriter) fold(line []byte) {
	if len(line) > lw.maxLen {
		n := foldAt(line, lw.maxLen)
		lw.out = append(append(lw.out, line[:n]...), lw.newline...)
		line = line[n:]
		for len(line) > lw.maxLen-1 {
			n := foldAt(line, lw.maxLen-1)
			lw.out = append(append(append(lw.out, ' '), line[:n]...), lw.newline...)
			line = line[n:]
		}
		lw.out = append(lw.out, ' ')
	}
	lw.out = append(append(lw.out, line...), lw.newline...)
}

// foldAt is where the first piece of s ends when at most max bytes may
// go on the line: at the last word boundary seen while reading (a space
// or '<', or the character after a '>', past the start), else after the
// last whole character that fits.
func foldAt(s []byte, limit int) int {
	length, boundary := 0, -1
	var last rune
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRune(s[i:])
		if r == ' ' || r == '<' || last == '>' {
			boundary = i
		}
		last = r
		// golang-ical counts the bytes of the rune read, so an invalid
		// byte counts as the three of U+FFFD (cleaned text has none).
		if length+utf8.RuneLen(r) > limit {
			break
		}
		length += utf8.RuneLen(r)
		i += width
	}
	if boundary > 0 {
		return boundary
	}
	return length
}

// appendText escapes a TEXT value: backslash, newline, semicolon, comma.
func appendText(l []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			l = append(l, `\\`...)
		case '\n':
			l = append(l, `\n`...)
		case ';':
			l = append(l, `\;`...)
		case ',':
			l = append(l, `\,`...)
		default:
			l = append(l, c)
		}
	}
	return l
}

// appendEscapedParam writes an unquoted parameter value with a backslash
// before , " ; : \ and '.
func appendEscapedParam(l []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ',', '"', ';', ':', '\\', '\'':
			l = append(l, '\\', c)
		default:
			l = append(l, c)
		}
	}
	return l
}

// appendQuotedParam writes a quoted parameter value with a backslash
// before " and \.
func appendQuotedParam(l []byte, s string) []byte {
	l = append(l, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			l = append(l, '\\', c)
		default:
			l = append(l, c)
		}
	}
	return append(l, '"')
}
