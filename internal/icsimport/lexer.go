// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits on the shape of the file. The caller limits its size in bytes;
// these keep a small file from being expensive.
const (
	// MaxLineBytes is the longest a property may be once folded lines are
	// joined.
	MaxLineBytes = 75_000
	// MaxLines is the most physical lines a file may have.
	MaxLines = 200_000
	// maxDepth is the deepest BEGIN nesting accepted (VCALENDAR > VEVENT >
	// VALARM is 3).
	maxDepth = 8
	// maxParams is the most parameters one property may have.
	maxParams = 64
)

// prop is one content line (RFC 5545 §3.1) after unfolding: an upper-case
// name, its parameters (upper-case names, unquoted values; a multi-valued
// parameter keeps its commas) and the raw value.
type prop struct {
	name   string
	params map[string]string
	value  string
	line   int
}

// component is a BEGIN…END block with its properties and sub-components.
type component struct {
	name     string
	line     int
	props    []prop
	children []*component
}

// first returns the first property called name.
func (c *component) first(name string) (prop, bool) {
	for _, p := range c.props {
		if p.name == name {
			return p, true
		}
	}
	return prop{}, false
}

// all returns every property called name.
func (c *component) all(name string) []prop {
	var out []prop
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// readCalendars reads r into its VCALENDAR components. Files with several
// calendars one after the other (some tools concatenate exports) give
// several.
func readCalendars(r io.Reader) ([]*component, error) {
	b := &builder{}
	if err := scanLines(r, b.add); err != nil {
		return nil, err
	}
	if len(b.stack) > 0 {
		// The innermost open component is the one whose END is missing.
		return nil, lineErr(b.stack[len(b.stack)-1].line, MsgSyntax)
	}
	if len(b.roots) == 0 {
		return nil, lineErr(max(b.lastLine, 1), MsgSyntax)
	}
	return b.roots, nil
}

// scanLines splits r into physical lines (CRLF or LF), unfolds them, and
// calls emit with each logical line and the number of the physical line it
// started on. Folding is undone on bytes, so a fold inside a multi-byte
// UTF-8 sequence joins it again.
func scanLines(r io.Reader, emit func(line []byte, num int) error) error {
	br := bufio.NewReaderSize(r, 64*1024)
	var (
		cur     []byte
		curLine int
		n       int
	)
	for {
		phys, err := readPhysical(br)
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, errPhysicalTooLong) {
				// A continuation line belongs to the property above it.
				start := n + 1
				if cur != nil && len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t') {
					start = curLine
				}
				return lineErr(start, MsgLineTooLong, "Max", MaxLineBytes)
			}
			return &Error{MsgID: MsgRead, Args: map[string]any{}, Err: err}
		}
		if phys == nil && errors.Is(err, io.EOF) {
			break
		}
		n++
		if n > MaxLines {
			return lineErr(n, MsgTooManyLines, "Max", MaxLines)
		}
		if n == 1 {
			phys = bytes.TrimPrefix(phys, []byte("\xef\xbb\xbf"))
		}
		switch {
		case len(phys) == 0:
			// Blank lines (some exporters end files with them) carry nothing.
		case phys[0] == ' ' || phys[0] == '\t':
			if cur == nil {
				return lineErr(n, MsgSyntax)
			}
			cur = append(cur, phys[1:]...)
			if len(cur) > MaxLineBytes {
				return lineErr(curLine, MsgLineTooLong, "Max", MaxLineBytes)
			}
		default:
			if cur != nil {
				if err := emit(cur, curLine); err != nil {
					return err
				}
			}
			cur, curLine = append([]byte(nil), phys...), n
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if cur != nil {
		return emit(cur, curLine)
	}
	return nil
}

var errPhysicalTooLong = errors.New("icsimport: physical line too long")

// readPhysical returns the next line without its line ending, nil and
// io.EOF at the end, or the line's start and errPhysicalTooLong.
func readPhysical(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > MaxLineBytes+2 {
			return line[:1], errPhysicalTooLong
		}
		switch {
		case err == nil:
			line = line[:len(line)-1]
			return bytes.TrimSuffix(line, []byte{'\r'}), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(line) == 0 {
				return nil, io.EOF
			}
			return bytes.TrimSuffix(line, []byte{'\r'}), io.EOF
		default:
			return nil, err
		}
	}
}

// builder assembles logical lines into the component tree.
type builder struct {
	roots    []*component
	stack    []*component
	lastLine int
}

func (b *builder) add(raw []byte, num int) error {
	b.lastLine = num
	if !utf8.Valid(raw) {
		raw = []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
	}
	p, ok := parseContentLine(string(raw), num)
	if !ok {
		return lineErr(num, MsgSyntax)
	}
	switch p.name {
	case "BEGIN":
		name := strings.ToUpper(strings.TrimSpace(p.value))
		if !validName(name) || len(b.stack) >= maxDepth {
			return lineErr(num, MsgSyntax)
		}
		if len(b.stack) == 0 && name != "VCALENDAR" {
			return lineErr(num, MsgSyntax)
		}
		c := &component{name: name, line: num}
		if len(b.stack) > 0 {
			parent := b.stack[len(b.stack)-1]
			parent.children = append(parent.children, c)
		} else {
			b.roots = append(b.roots, c)
		}
		b.stack = append(b.stack, c)
	case "END":
		name := strings.ToUpper(strings.TrimSpace(p.value))
		if len(b.stack) == 0 {
			return lineErr(num, MsgSyntax)
		}
		top := b.stack[len(b.stack)-1]
		if top.name != name {
			// An END that closes an outer component means the inner one was
			// left open: point at where that one began.
			for _, c := range b.stack[:len(b.stack)-1] {
				if c.name == name {
					return lineErr(top.line, MsgSyntax)
				}
			}
			return lineErr(num, MsgSyntax)
		}
		b.stack = b.stack[:len(b.stack)-1]
	default:
		if len(b.stack) == 0 {
			return lineErr(num, MsgSyntax)
		}
		top := b.stack[len(b.stack)-1]
		top.props = append(top.props, p)
	}
	return nil
}

// parseContentLine splits name *(";" param) ":" value. Parameter values
// may be quoted; RFC 6868 caret escapes in them are decoded. A parameter
// without "=" is accepted with an empty value, since some exporters write
// vCalendar-style bare parameters.
func parseContentLine(s string, num int) (prop, bool) {
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return prop{}, false
	}
	name := strings.ToUpper(s[:i])
	if !validName(name) {
		return prop{}, false
	}
	p := prop{name: name, line: num}
	for s[i] == ';' {
		i++
		j := i
		for j < len(s) && s[j] != '=' && s[j] != ';' && s[j] != ':' {
			j++
		}
		if j >= len(s) {
			return prop{}, false
		}
		pname := strings.ToUpper(strings.TrimSpace(s[i:j]))
		if !validName(pname) {
			return prop{}, false
		}
		var vals []string
		if s[j] == '=' {
			j++
			for {
				if j < len(s) && s[j] == '"' {
					k := strings.IndexByte(s[j+1:], '"')
					if k < 0 {
						return prop{}, false
					}
					vals = append(vals, caretDecode(s[j+1:j+1+k]))
					j += k + 2
				} else {
					k := j
					for k < len(s) && s[k] != ',' && s[k] != ';' && s[k] != ':' {
						k++
					}
					vals = append(vals, caretDecode(s[j:k]))
					j = k
				}
				if j >= len(s) {
					return prop{}, false
				}
				if s[j] != ',' {
					break
				}
				j++
			}
		}
		if s[j] != ';' && s[j] != ':' {
			return prop{}, false
		}
		if p.params == nil {
			p.params = map[string]string{}
		}
		if len(p.params) >= maxParams {
			return prop{}, false
		}
		if _, dup := p.params[pname]; !dup {
			p.params[pname] = strings.Join(vals, ",")
		}
		i = j
	}
	p.value = s[i+1:]
	return p, true
}

// validName reports whether s is an iana-token or x-name: letters, digits
// and hyphens.
func validName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// caretDecode undoes RFC 6868 escaping in a parameter value.
func caretDecode(s string) string {
	if !strings.Contains(s, "^") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '^' && i+1 < len(s) {
			switch s[i+1] {
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			case '^':
				b.WriteByte('^')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
