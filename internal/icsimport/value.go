// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
)

// Years outside this range are refused as unreadable: no real event needs
// them, and they would make recurrence expansion expensive.
const (
	minYear = 1900
	maxYear = 2200
)

// dtValue is a DATE or DATE-TIME value. wall holds its calendar fields in
// UTC, whatever its zone; loc is nil for dates and floating times, UTC for
// times with a Z, else the TZID's zone.
type dtValue struct {
	date bool
	wall time.Time
	loc  *time.Location
	// zone is the IANA name of a TZID that is not just UTC; "" otherwise.
	zone string
	line int
}

// in returns the instant v stands for; floating times and dates are taken
// in def.
func (v dtValue) in(def *time.Location) time.Time {
	loc := v.loc
	if loc == nil {
		loc = def
	}
	y, m, d := v.wall.Date()
	h, mi, s := v.wall.Clock()
	return time.Date(y, m, d, h, mi, s, 0, loc)
}

// day returns v's calendar day.
func (v dtValue) day() calendar.Date { return calendar.DateOf(v.wall) }

// parser holds what reading values needs: the file's zones and the
// importer's zone for floating times.
type parser struct {
	zones *zones
	def   *time.Location
	// fallback, when set, is used for TZIDs that cannot be resolved.
	fallback *zone
	// own is Options.Own.
	own *feed.Recogniser
}

// dateTimes parses a DATE or DATE-TIME property, which may hold a
// comma-separated list (EXDATE, RDATE). PERIOD values (RDATE) keep their
// start.
func (ps *parser) dateTimes(p prop) ([]dtValue, error) {
	var z zone
	if tzid, ok := p.params["TZID"]; ok {
		var found bool
		if z, found = ps.zones.resolve(tzid); !found {
			if ps.fallback == nil {
				return nil, lineErr(p.line, MsgUnknownZone, "TZID", cutRunes(cleanLine(tzid), 100))
			}
			z = *ps.fallback
		}
	}
	valueType := strings.ToUpper(strings.TrimSpace(p.params["VALUE"]))
	raw := strings.TrimSpace(p.value)
	if raw == "" {
		return nil, lineErr(p.line, MsgBadDate, "Property", p.name)
	}
	parts := strings.Split(raw, ",")
	if len(parts) > 1000 {
		return nil, lineErr(p.line, MsgBadDate, "Property", p.name)
	}
	out := make([]dtValue, 0, len(parts))
	for _, s := range parts {
		s = strings.TrimSpace(s)
		if i := strings.IndexByte(s, '/'); i >= 0 && (valueType == "PERIOD" || p.name == "RDATE") {
			s = s[:i]
		}
		v, ok := parseDT(s, valueType == "DATE")
		if !ok {
			return nil, lineErr(p.line, MsgBadDate, "Property", p.name)
		}
		v.line = p.line
		if z.loc != nil && !z.utc {
			// The TZID names the event's zone even on a UTC time or a date
			// (some exporters put one there).
			v.zone = z.name
		}
		if !v.date && v.loc == nil && z.loc != nil {
			v.loc = z.loc
		}
		out = append(out, v)
	}
	return out, nil
}

// dateTime parses a property that holds one value.
func (ps *parser) dateTime(p prop) (dtValue, error) {
	vs, err := ps.dateTimes(p)
	if err != nil {
		return dtValue{}, err
	}
	if len(vs) != 1 {
		return dtValue{}, lineErr(p.line, MsgBadDate, "Property", p.name)
	}
	return vs[0], nil
}

// parseDT parses 20251126, 20251126T110000 or 20251126T110000Z. An
// eight-digit value is a date even without VALUE=DATE, as some exporters
// leave the parameter out.
func parseDT(s string, wantDate bool) (dtValue, bool) {
	var v dtValue
	switch {
	case len(s) == 8:
		t, err := time.Parse("20060102", s)
		if err != nil {
			return v, false
		}
		v = dtValue{date: true, wall: t}
	case !wantDate && (len(s) == 15 || len(s) == 16 && (s[15] == 'Z' || s[15] == 'z')):
		t, err := time.Parse("20060102T150405", strings.ToUpper(s[:15]))
		if err != nil {
			return v, false
		}
		v = dtValue{wall: t}
		if len(s) == 16 {
			v.loc = time.UTC
		}
	default:
		return v, false
	}
	if y := v.wall.Year(); y < minYear || y > maxYear || !allDigits(s[:8]) {
		return v, false
	}
	return v, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// duration is an RFC 5545 §3.3.6 duration: whole days (weeks counted as
// seven) are nominal, so they keep the wall-clock time across a change to or
// from summer time, and the rest is exact.
type duration struct {
	days  int
	exact time.Duration
	neg   bool
}

// parseDuration parses [+-]P[nW][nD][T[nH][nM][nS]]. Numbers are capped
// so the result cannot overflow.
func parseDuration(s string) (duration, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var d duration
	switch {
	case strings.HasPrefix(s, "-"):
		d.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return d, false
	}
	s = s[1:]
	inTime, any := false, false
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return d, false
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(s) {
			return d, false
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		s = s[i+1:]
		switch {
		case !inTime && unit == 'W':
			d.days += 7 * n
		case !inTime && unit == 'D':
			d.days += n
		case inTime && unit == 'H':
			d.exact += time.Duration(n) * time.Hour
		case inTime && unit == 'M':
			d.exact += time.Duration(n) * time.Minute
		case inTime && unit == 'S':
			d.exact += time.Duration(n) * time.Second
		default:
			return d, false
		}
		any = true
	}
	return d, any
}

// unescapeText undoes RFC 5545 §3.3.11 TEXT escaping: \n and \N are line
// breaks, \\ \; \, stand for themselves. A backslash before any other
// character is dropped, as some exporters escape ":" too.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// cleanLine makes single-line text safe to store: control characters and
// line breaks become spaces, runs of white space one space, invalid UTF-8
// the replacement character.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || isControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// cleanText is cleanLine for multi-line text: line breaks and tabs stay
// (CRLF and CR become LF), other control characters go, and trailing
// spaces and runs of more than two blank lines are removed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			blank++
			if blank > 2 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// isControl matches the characters calendar.Event.Validate refuses.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
}

// cutRunes shortens s to at most max runes. It cuts at the last space in
// the final fifth, drops punctuation left hanging and marks the cut with
// "…", so a long venue reads "Paasitorni, Paasivuorenkatu 5 A…" rather
// than breaking inside a word or a character.
func cutRunes(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 2 {
		return string([]rune(s)[:max])
	}
	all := []rune(s)
	r := all[:max-1]
	cutSpace := false
	for i := len(r) - 1; i >= len(r)*4/5; i-- {
		if unicode.IsSpace(r[i]) {
			r, cutSpace = r[:i], true
			break
		}
	}
	// Never separate a letter from the accents that follow it.
	for !cutSpace && len(r) > 1 && unicode.Is(unicode.Mn, all[len(r)]) {
		r = r[:len(r)-1]
	}
	cut := strings.TrimRightFunc(string(r), func(c rune) bool {
		return unicode.IsSpace(c) || strings.ContainsRune(",;:-–—/(", c)
	})
	if cut == "" {
		cut = string(all[:max-1])
	}
	return cut + "…"
}
