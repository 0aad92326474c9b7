// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"fmt"
	"sort"
	"strings"
)

// Message IDs of the errors Parse returns. Each is a key in the locale
// files; Error.Args holds the values its template uses.
const (
	// MsgRead: the upload could not be read (Err holds the cause, such as
	// the caller's size limit). No arguments.
	MsgRead = "import.error.read"
	// MsgSyntax: the line is not iCalendar, or BEGIN/END do not match.
	// Args: Line.
	MsgSyntax = "import.error.syntax"
	// MsgLineTooLong: one property, folded lines joined, is longer than
	// MaxLineBytes. Args: Line, Max.
	MsgLineTooLong = "import.error.line_too_long"
	// MsgTooManyLines: the file has more than MaxLines lines. Args: Line, Max.
	MsgTooManyLines = "import.error.too_many_lines"
	// MsgNoEvents: the calendar holds no VEVENT. No arguments.
	MsgNoEvents = "import.error.no_events"
	// MsgNoEventsInRange: every event is a repetition outside the window
	// recurrences are expanded in. No arguments.
	MsgNoEventsInRange = "import.error.no_events_in_range"
	// MsgTooManyEvents: more than Options.MaxEvents events. Args: Max.
	MsgTooManyEvents = "import.error.too_many_events"
	// MsgTooManyOccurrences: a recurring event repeats more than
	// Options.MaxOccurrences times in the window. Args: Line, Title, Max.
	MsgTooManyOccurrences = "import.error.too_many_occurrences"
	// MsgTooComplex: working out a recurring event's dates took more steps
	// than Parse allows. Args: Line, Title.
	MsgTooComplex = "import.error.too_complex"
	// MsgRRule: a repeat rule that cannot be read. Args: Line, Title.
	MsgRRule = "import.error.rrule"
	// MsgRRuleFrequency: a repeat rule that repeats hourly or more often.
	// Args: Line, Title.
	MsgRRuleFrequency = "import.error.rrule_frequency"
	// MsgUnknownZone: a TZID that is neither an IANA zone nor a known
	// Windows zone. Args: Line, TZID.
	MsgUnknownZone = "import.error.unknown_zone"
	// MsgDuplicateUID: two events have the same UID and neither is an
	// occurrence (RECURRENCE-ID) of the other. Line is the second's
	// BEGIN:VEVENT. Args: Line, First (the first's BEGIN:VEVENT), UID.
	MsgDuplicateUID = "import.error.duplicate_uid"
	// MsgMissingSummary: an event without a title. Args: Line.
	MsgMissingSummary = "import.error.missing_summary"
	// MsgMissingStart: an event without DTSTART. Args: Line, Title.
	MsgMissingStart = "import.error.missing_start"
	// MsgEndBeforeStart: DTEND before DTSTART, or a negative DURATION.
	// Args: Line, Title.
	MsgEndBeforeStart = "import.error.end_before_start"
	// MsgBadDate: a date, time or duration that cannot be read, or a year
	// outside 1900–2200. Args: Line, Property.
	MsgBadDate = "import.error.bad_date"
)

// MessageIDs lists every message ID Parse may return, so that a locale
// test can check each language has them all.
var MessageIDs = []string{
	MsgRead, MsgSyntax, MsgLineTooLong, MsgTooManyLines, MsgNoEvents, MsgNoEventsInRange,
	MsgTooManyEvents, MsgTooManyOccurrences, MsgTooComplex, MsgRRule, MsgRRuleFrequency,
	MsgUnknownZone, MsgDuplicateUID, MsgMissingSummary, MsgMissingStart, MsgEndBeforeStart, MsgBadDate,
}

// Error is why a file could not be imported. It is shown to the person who
// uploaded the file: MsgID is an i18n message ID ("import.error.…") and
// Args the values its template uses ("Line", "First", "Title", "UID", "TZID", "Max",
// "Property"). Line is the file's line (counting from 1, folded lines
// counted separately) of the property at fault, or of BEGIN:VEVENT when the
// event as a whole is at fault; it is 0 when no line is to blame.
type Error struct {
	Line  int
	MsgID string
	Args  map[string]any
	// Err is the underlying read error for MsgRead, for logs only; the
	// caller may test it with errors.As (for example for
	// *http.MaxBytesError) to show its own message instead.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("icsimport: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.MsgID)
	keys := make([]string, 0, len(e.Args))
	for k := range e.Args {
		if k != "Line" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, fmt.Sprint(e.Args[k]))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the read error behind MsgRead.
func (e *Error) Unwrap() error { return e.Err }

// lineErr returns an Error about line; args are name/value pairs added to
// Line.
func lineErr(line int, msgID string, args ...any) *Error {
	a := map[string]any{"Line": line}
	for i := 0; i+1 < len(args); i += 2 {
		a[args[i].(string)] = args[i+1]
	}
	return &Error{Line: line, MsgID: msgID, Args: a}
}

// fileErr returns an Error about the file as a whole.
func fileErr(msgID string, args ...any) *Error {
	a := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		a[args[i].(string)] = args[i+1]
	}
	return &Error{MsgID: msgID, Args: a}
}
