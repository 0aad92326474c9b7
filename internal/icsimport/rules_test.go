// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// vcal wraps VEVENT lines in a calendar with CRLF line endings. The header
// is three lines, so the first line passed is line 4.
func vcal(lines ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//nordcal//test//EN\r\n" +
		strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

// event returns the lines of a VEVENT with the given properties.
func event(props ...string) []string {
	return append(append([]string{"BEGIN:VEVENT"}, props...), "END:VEVENT")
}

func parse(t *testing.T, s string, opt icsimport.Options) ([]icsimport.Item, error) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = now
	}
	if opt.Zone == "" {
		opt.Zone = "Europe/Helsinki"
	}
	return icsimport.Parse(strings.NewReader(s), opt)
}

// mustParse returns the dates a file's items stand for (see dates).
func mustParse(t *testing.T, s string, opt icsimport.Options) []icsimport.Item {
	t.Helper()
	return dates(t, mustParseItems(t, s, opt), opt.Now)
}

// mustParseItems returns the items as Parse gives them: a series once.
func mustParseItems(t *testing.T, s string, opt icsimport.Options) []icsimport.Item {
	t.Helper()
	items, err := parse(t, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func utc(e calendar.Event) string {
	return e.Start.Format(time.RFC3339) + " " + e.End.Format(time.RFC3339)
}

func TestLineHandling(t *testing.T) {
	body := []string{
		"BEGIN:VEVENT", "UID:a@example.org", "DTSTART:20251204T100000Z",
		"SUMMARY:Ihmiskaupan vastainen ", " työryhmä", "END:VEVENT",
	}
	crlf := vcal(body...)
	tests := map[string]string{
		"CRLF":                  crlf,
		"LF":                    strings.ReplaceAll(crlf, "\r\n", "\n"),
		"BOM":                   "\uFEFF" + crlf,
		"tab fold":              strings.Replace(crlf, "\r\n työryhmä", "\r\n\ttyöryhmä", 1),
		"no final line break":   strings.TrimSuffix(crlf, "\r\n"),
		"blank lines":           strings.ReplaceAll(crlf, "END:VEVENT\r\n", "END:VEVENT\r\n\r\n\r\n"),
		"lower-case names":      strings.Replace(strings.Replace(crlf, "SUMMARY:", "summary:", 1), "BEGIN:VEVENT", "begin:vevent", 1),
		"fold inside character": strings.Replace(crlf, "työryhmä", "ty\xc3\r\n \xb6ryhmä", 1),
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			items := mustParse(t, s, icsimport.Options{Lang: lang.FI})
			if got := items[0].Event.Texts[lang.FI].Title; got != "Ihmiskaupan vastainen työryhmä" {
				t.Errorf("title %q", got)
			}
			if items[0].Line != 4 {
				t.Errorf("line %d", items[0].Line)
			}
		})
	}
}

func TestTextValues(t *testing.T) {
	items := mustParse(t, vcal(event(
		"UID:texts@example.org",
		"DTSTART:20251204T100000Z",
		`SUMMARY:Seminar\; human trafficking\, labour \\ exploitation`,
		`DESCRIPTION:First line\nSecond line\NThird\, with comma\n\n\n\n\nLast\:  `,
		`LOCATION:Room 1\nMain building`,
		`URL:https://example.org/event?id=1&lang=en`,
		`X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS="Street 1;2, City: Centre";X-TITLE="A, B":geo:1,2`,
		`ATTENDEE;CN="Virtanen, Anna";ROLE=REQ-PARTICIPANT:mailto:anna@example.org`,
		"X-CUSTOM-THING;X-PARAM=^'quoted^' ^^ caret:whatever",
		"SEQUENCE:3",
		"STATUS:TENTATIVE",
	)...), icsimport.Options{})
	e := items[0].Event
	if got := e.Texts[lang.EN].Title; got != `Seminar; human trafficking, labour \ exploitation` {
		t.Errorf("title %q", got)
	}
	if got := e.Texts[lang.EN].Description; got != "First line\nSecond line\nThird, with comma\n\n\nLast:" {
		t.Errorf("description %q", got)
	}
	if e.Venue != "Room 1 Main building" || e.PublicURL != "https://example.org/event?id=1&lang=en" {
		t.Errorf("venue %q url %q", e.Venue, e.PublicURL)
	}
	if e.Sequence != 3 || e.Status != calendar.Tentative {
		t.Errorf("sequence %d status %s", e.Sequence, e.Status)
	}
}

func TestCuts(t *testing.T) {
	venue := strings.Repeat("Paasitorni ", 30) // 330 runes
	title := strings.Repeat("Työryhmä ", 30)
	items := mustParse(t, vcal(event(
		"UID:long@example.org", "DTSTART:20251204T100000Z",
		"SUMMARY:"+title, "LOCATION:"+venue, "URL:javascript:alert(1)",
	)...), icsimport.Options{})
	e := items[0].Event
	for name, s := range map[string]string{"venue": e.Venue, "title": e.Texts[lang.EN].Title} {
		if n := utf8.RuneCountInString(s); n > 200 || n < 160 || !strings.HasSuffix(s, "…") || strings.HasSuffix(s, " …") {
			t.Errorf("%s cut to %d runes: %q", name, n, s)
		}
		if !strings.HasSuffix(strings.TrimSuffix(s, "…"), "Paasitorni") && !strings.HasSuffix(strings.TrimSuffix(s, "…"), "Työryhmä") {
			t.Errorf("%s not cut at a word: %q", name, s)
		}
	}
	if e.PublicURL != "" {
		t.Errorf("javascript URL kept: %q", e.PublicURL)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		param string
		opt   lang.Code
		want  lang.Code
	}{
		{"", lang.SV, lang.SV},
		{";LANGUAGE=fi", lang.EN, lang.FI},
		{";LANGUAGE=nb-NO", lang.EN, lang.NO},
		{";LANGUAGE=da-DK", lang.EN, lang.DA},
		{";LANGUAGE=de", lang.FI, lang.FI},
		{"", "xx", lang.EN},
		{"", "", lang.EN},
	}
	for _, tc := range tests {
		items := mustParse(t, vcal(event("UID:l@example.org", "DTSTART:20251204T100000Z", "SUMMARY"+tc.param+":Möte")...),
			icsimport.Options{Lang: tc.opt})
		e := items[0].Event
		if e.OriginalLang != tc.want || e.Texts[tc.want].Title != "Möte" {
			t.Errorf("LANGUAGE %q with %q: got %q %v", tc.param, tc.opt, e.OriginalLang, e.Texts)
		}
	}
}

func TestZones(t *testing.T) {
	ev := func(dtstart string) string {
		return vcal(event("UID:z@example.org", "SUMMARY:Meeting", dtstart, "DURATION:PT1H")...)
	}
	tests := []struct {
		name, dtstart, optZone string
		zone, start            string
	}{
		{"IANA", "DTSTART;TZID=Europe/Oslo:20260115T100000", "Europe/Helsinki", "Europe/Oslo", "2026-01-15T09:00:00Z"},
		{"quoted IANA", `DTSTART;TZID="Europe/Oslo":20260115T100000`, "Europe/Helsinki", "Europe/Oslo", "2026-01-15T09:00:00Z"},
		{"UTC", "DTSTART:20260115T100000Z", "Europe/Oslo", "Europe/Oslo", "2026-01-15T10:00:00Z"},
		{"TZID UTC", "DTSTART;TZID=UTC:20260115T100000", "Europe/Oslo", "Europe/Oslo", "2026-01-15T10:00:00Z"},
		{"TZID Etc/UTC", "DTSTART;TZID=Etc/UTC:20260115T100000", "Europe/Oslo", "Europe/Oslo", "2026-01-15T10:00:00Z"},
		{"Z wins over TZID", "DTSTART;TZID=Europe/Oslo:20260115T100000Z", "Europe/Helsinki", "Europe/Oslo", "2026-01-15T10:00:00Z"},
		{"floating", "DTSTART:20260115T100000", "Atlantic/Reykjavik", "Atlantic/Reykjavik", "2026-01-15T10:00:00Z"},
		{"floating in summer", "DTSTART:20260615T100000", "Europe/Copenhagen", "Europe/Copenhagen", "2026-06-15T08:00:00Z"},
		{"W. Europe", `DTSTART;TZID="W. Europe Standard Time":20260115T100000`, "UTC", "Europe/Berlin", "2026-01-15T09:00:00Z"},
		{"W. Europe in Sweden", `DTSTART;TZID="W. Europe Standard Time":20260115T100000`, "Europe/Stockholm", "Europe/Stockholm", "2026-01-15T09:00:00Z"},
		{"W. Europe in Norway", `DTSTART;TZID="W. Europe Standard Time":20260115T100000`, "Europe/Oslo", "Europe/Oslo", "2026-01-15T09:00:00Z"},
		{"Romance", `DTSTART;TZID="Romance Standard Time":20260115T100000`, "UTC", "Europe/Paris", "2026-01-15T09:00:00Z"},
		{"Romance in Denmark", `DTSTART;TZID="Romance Standard Time":20260115T100000`, "Europe/Copenhagen", "Europe/Copenhagen", "2026-01-15T09:00:00Z"},
		{"FLE", `DTSTART;TZID="FLE Standard Time":20260115T100000`, "UTC", "Europe/Helsinki", "2026-01-15T08:00:00Z"},
		{"FLE in Estonia", `DTSTART;TZID="FLE Standard Time":20260115T100000`, "Europe/Tallinn", "Europe/Tallinn", "2026-01-15T08:00:00Z"},
		{"GMT", `DTSTART;TZID="GMT Standard Time":20260615T100000`, "UTC", "Europe/London", "2026-06-15T09:00:00Z"},
		{"GMT in the Faroes", `DTSTART;TZID="GMT Standard Time":20260615T100000`, "Atlantic/Faroe", "Atlantic/Faroe", "2026-06-15T09:00:00Z"},
		{"Greenwich", `DTSTART;TZID="Greenwich Standard Time":20260615T100000`, "UTC", "Atlantic/Reykjavik", "2026-06-15T10:00:00Z"},
		{"Central Europe", `DTSTART;TZID="Central Europe Standard Time":20260115T100000`, "UTC", "Europe/Budapest", "2026-01-15T09:00:00Z"},
		{"Central European", `DTSTART;TZID="Central European Standard Time":20260115T100000`, "UTC", "Europe/Warsaw", "2026-01-15T09:00:00Z"},
		{"Greenland", `DTSTART;TZID="Greenland Standard Time":20260115T100000`, "UTC", "America/Nuuk", "2026-01-15T12:00:00Z"},
		{"Windows UTC", `DTSTART;TZID=UTC:20260115T100000`, "Europe/Oslo", "Europe/Oslo", "2026-01-15T10:00:00Z"},
		{"Windows name in other case", `DTSTART;TZID="w. europe standard time":20260115T100000`, "UTC", "Europe/Berlin", "2026-01-15T09:00:00Z"},
		{"Eastern", `DTSTART;TZID="Eastern Standard Time":20260115T100000`, "UTC", "America/New_York", "2026-01-15T15:00:00Z"},
		{"display name", `DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260115T100000`, "Europe/Oslo", "Europe/Oslo", "2026-01-15T09:00:00Z"},
		{"display name FLE", `DTSTART;TZID="(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius":20260115T100000`, "UTC", "Europe/Helsinki", "2026-01-15T08:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := mustParse(t, ev(tc.dtstart), icsimport.Options{Zone: tc.optZone})
			e := items[0].Event
			if e.Zone != tc.zone || e.Start.Format(time.RFC3339) != tc.start {
				t.Errorf("got %s %s, want %s %s", e.Zone, e.Start.Format(time.RFC3339), tc.zone, tc.start)
			}
		})
	}

	vtz := func(tzid string, extra ...string) []string {
		return append(append([]string{"BEGIN:VTIMEZONE", "TZID:" + tzid}, extra...),
			"BEGIN:STANDARD", "DTSTART:19701025T040000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "END:STANDARD", "END:VTIMEZONE")
	}
	t.Run("VTIMEZONE with IANA suffix", func(t *testing.T) {
		s := vcal(append(vtz("/citadel.org/20190914_1/Europe/Oslo"),
			event("UID:c@example.org", "SUMMARY:Møte", "DTSTART;TZID=/citadel.org/20190914_1/Europe/Oslo:20260115T100000")...)...)
		e := mustParse(t, s, icsimport.Options{})[0].Event
		if e.Zone != "Europe/Oslo" || e.Start.Format(time.RFC3339) != "2026-01-15T09:00:00Z" {
			t.Errorf("got %s %s", e.Zone, e.Start)
		}
	})
	t.Run("VTIMEZONE with X-LIC-LOCATION", func(t *testing.T) {
		s := vcal(append(vtz("Helsingin aika", "X-LIC-LOCATION:Europe/Helsinki"),
			event("UID:c@example.org", "SUMMARY:Kokous", `DTSTART;TZID="Helsingin aika":20260115T100000`)...)...)
		if e := mustParse(t, s, icsimport.Options{Zone: "UTC"})[0].Event; e.Zone != "Europe/Helsinki" {
			t.Errorf("zone %s", e.Zone)
		}
	})
	t.Run("VTIMEZONE with IANA name inside", func(t *testing.T) {
		s := vcal(append(vtz("Europe/Stockholm (exported)"),
			event("UID:c@example.org", "SUMMARY:Möte", `DTSTART;TZID="Europe/Stockholm (exported)":20260115T100000`)...)...)
		if e := mustParse(t, s, icsimport.Options{Zone: "UTC"})[0].Event; e.Zone != "Europe/Stockholm" {
			t.Errorf("zone %s", e.Zone)
		}
	})
	t.Run("IANA suffix without VTIMEZONE", func(t *testing.T) {
		s := vcal(event("UID:c@example.org", "SUMMARY:Kokous", "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Helsinki:20260115T100000")...)
		_, err := parse(t, s, icsimport.Options{})
		assertErr(t, nil, err, icsimport.MsgUnknownZone, 7, map[string]any{"TZID": "/mozilla.org/20050126_1/Europe/Helsinki"})
	})
	t.Run("unknown zone in DTEND", func(t *testing.T) {
		s := vcal(event("UID:c@example.org", "SUMMARY:Kokous", "DTSTART:20260115T100000Z", "DTEND;TZID=Mars/Olympus_Mons:20260115T110000")...)
		_, err := parse(t, s, icsimport.Options{})
		assertErr(t, nil, err, icsimport.MsgUnknownZone, 8, map[string]any{"TZID": "Mars/Olympus_Mons"})
	})
	t.Run("Local is not a zone", func(t *testing.T) {
		s := vcal(event("UID:c@example.org", "SUMMARY:Kokous", "DTSTART;TZID=Local:20260115T100000")...)
		_, err := parse(t, s, icsimport.Options{})
		assertErr(t, nil, err, icsimport.MsgUnknownZone, 7, nil)
	})
	t.Run("bad option zone", func(t *testing.T) {
		_, err := icsimport.Parse(strings.NewReader(vcal()), icsimport.Options{Zone: "Local", Now: now})
		assertErr(t, nil, err, icsimport.MsgUnknownZone, 0, map[string]any{"TZID": "Local"})
	})
}

func TestEnds(t *testing.T) {
	tests := []struct {
		name  string
		props []string
		want  string // "first last" for all-day, else UTC instants
	}{
		{"all-day multi-day", []string{"DTSTART;VALUE=DATE:20251202", "DTEND;VALUE=DATE:20251205"}, "2025-12-02 2025-12-04"},
		{"all-day without VALUE", []string{"DTSTART:20251202", "DTEND:20251203"}, "2025-12-02 2025-12-02"},
		{"all-day without end", []string{"DTSTART;VALUE=DATE:20251202"}, "2025-12-02 2025-12-02"},
		{"all-day end on start", []string{"DTSTART;VALUE=DATE:20251202", "DTEND;VALUE=DATE:20251202"}, "2025-12-02 2025-12-02"},
		{"all-day duration", []string{"DTSTART;VALUE=DATE:20251230", "DURATION:P3D"}, "2025-12-30 2026-01-01"},
		{"all-day duration in weeks", []string{"DTSTART;VALUE=DATE:20251201", "DURATION:P1W"}, "2025-12-01 2025-12-07"},
		{"timed without end", []string{"DTSTART:20251202T100000Z"}, "2025-12-02T10:00:00Z 2025-12-02T11:00:00Z"},
		{"timed end on start", []string{"DTSTART:20251202T100000Z", "DTEND:20251202T100000Z"}, "2025-12-02T10:00:00Z 2025-12-02T11:00:00Z"},
		{"timed duration", []string{"DTSTART:20251202T100000Z", "DURATION:PT1H30M"}, "2025-12-02T10:00:00Z 2025-12-02T11:30:00Z"},
		{"zero duration", []string{"DTSTART:20251202T100000Z", "DURATION:PT0S"}, "2025-12-02T10:00:00Z 2025-12-02T11:00:00Z"},
		// A day is nominal: 10:00 to 10:00 the next day across the change to summer time is 23 hours.
		{"duration across DST", []string{"DTSTART;TZID=Europe/Helsinki:20260328T100000", "DURATION:P1D"}, "2026-03-28T08:00:00Z 2026-03-29T07:00:00Z"},
		{"DTEND in another zone", []string{"DTSTART;TZID=Europe/Helsinki:20251202T100000", "DTEND;TZID=Europe/Stockholm:20251202T100000"}, "2025-12-02T08:00:00Z 2025-12-02T09:00:00Z"},
		{"DTEND wins over DURATION", []string{"DTSTART:20251202T100000Z", "DTEND:20251202T120000Z", "DURATION:PT1H"}, "2025-12-02T10:00:00Z 2025-12-02T12:00:00Z"},
		{"Outlook all-day as times", []string{"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", `DTSTART;TZID="FLE Standard Time":20251202T000000`, `DTEND;TZID="FLE Standard Time":20251204T000000`}, "2025-12-02 2025-12-03"},
		{"Outlook all-day flag on a timed event", []string{"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", `DTSTART;TZID="FLE Standard Time":20251202T090000`, `DTEND;TZID="FLE Standard Time":20251202T100000`}, "2025-12-02T07:00:00Z 2025-12-02T08:00:00Z"},
		{"timed DTEND on an all-day event", []string{"DTSTART;VALUE=DATE:20251202", "DTEND;TZID=Europe/Helsinki:20251203T120000"}, "2025-12-02 2025-12-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			props := append([]string{"UID:e@example.org", "SUMMARY:Event"}, tc.props...)
			e := mustParse(t, vcal(event(props...)...), icsimport.Options{})[0].Event
			got := utc(e)
			if e.AllDay {
				got = e.StartDate.String() + " " + e.EndDate.String()
			}
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	ok := event("UID:ok@example.org", "SUMMARY:Fine", "DTSTART:20251202T100000Z")
	tests := []struct {
		name  string
		input string
		msgID string
		line  int
		args  map[string]any
	}{
		{"empty", "", icsimport.MsgSyntax, 1, nil},
		{"HTML", "<!DOCTYPE html>\n<html><body>Login</body></html>\n", icsimport.MsgSyntax, 1, nil},
		{"vCard", "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", icsimport.MsgSyntax, 1, nil},
		{"property before BEGIN", "VERSION:2.0\r\n" + vcal(ok...), icsimport.MsgSyntax, 1, nil},
		{"garbage line", vcal(append(ok, "this is not a property")...), icsimport.MsgSyntax, 9, nil},
		{"bad property name", vcal(append(ok, "SUMM ARY:x")...), icsimport.MsgSyntax, 9, nil},
		{"unterminated quote", vcal(append(ok, `X-A;X-B="open:value`)...), icsimport.MsgSyntax, 9, nil},
		{"fold at start", " continued\r\n" + vcal(ok...), icsimport.MsgSyntax, 1, nil},
		{"stray END", vcal(append(ok, "END:VEVENT")...), icsimport.MsgSyntax, 9, nil},
		{"END of another kind", vcal(append(ok, "BEGIN:VTODO", "END:VALARM")...), icsimport.MsgSyntax, 10, nil},
		{"missing END:VCALENDAR", strings.TrimSuffix(vcal(ok...), "END:VCALENDAR\r\n"), icsimport.MsgSyntax, 1, nil},
		{"missing END:VEVENT at end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n", icsimport.MsgSyntax, 2, nil},
		{"content after the calendar", vcal(ok...) + "SUMMARY:stray\r\n", icsimport.MsgSyntax, 10, nil},
		{"too deep", vcal("BEGIN:A", "BEGIN:B", "BEGIN:C", "BEGIN:D", "BEGIN:E", "BEGIN:F", "BEGIN:G", "BEGIN:H"), icsimport.MsgSyntax, 11, nil},
		{"no events", vcal("BEGIN:VTODO", "SUMMARY:Task", "END:VTODO"), icsimport.MsgNoEvents, 0, nil},
		{"only a VTIMEZONE", vcal("BEGIN:VTIMEZONE", "TZID:Europe/Oslo", "END:VTIMEZONE"), icsimport.MsgNoEvents, 0, nil},
		{"missing summary", vcal(event("UID:x", "DTSTART:20251202T100000Z")...), icsimport.MsgMissingSummary, 4, nil},
		{"blank summary", vcal(event("UID:x", "SUMMARY: \\n ", "DTSTART:20251202T100000Z")...), icsimport.MsgMissingSummary, 4, nil},
		{"missing start", vcal(event("UID:x", "SUMMARY:No date")...), icsimport.MsgMissingStart, 4, map[string]any{"Title": "No date"}},
		{"bad start", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:2025-12-02T10:00:00")...), icsimport.MsgBadDate, 7, map[string]any{"Property": "DTSTART"}},
		{"impossible date", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:20250230T100000")...), icsimport.MsgBadDate, 7, nil},
		{"year out of range", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:00010101T000000Z")...), icsimport.MsgBadDate, 7, nil},
		{"DATE value with time", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART;VALUE=DATE:20251202T100000")...), icsimport.MsgBadDate, 7, nil},
		{"bad end", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:20251202T100000Z", "DTEND:tomorrow")...), icsimport.MsgBadDate, 8, map[string]any{"Property": "DTEND"}},
		{"bad duration", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:20251202T100000Z", "DURATION:1H")...), icsimport.MsgBadDate, 8, map[string]any{"Property": "DURATION"}},
		{"bad EXDATE", vcal(event("UID:x", "SUMMARY:Bad", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE:20251209T1000")...), icsimport.MsgBadDate, 9, map[string]any{"Property": "EXDATE"}},
		{"end before start", vcal(event("UID:x", "SUMMARY:Backwards", "DTSTART:20251202T100000Z", "DTEND:20251202T090000Z")...), icsimport.MsgEndBeforeStart, 8, map[string]any{"Title": "Backwards"}},
		{"all-day end before start", vcal(event("UID:x", "SUMMARY:Backwards", "DTSTART;VALUE=DATE:20251202", "DTEND;VALUE=DATE:20251201")...), icsimport.MsgEndBeforeStart, 8, nil},
		{"negative duration", vcal(event("UID:x", "SUMMARY:Backwards", "DTSTART:20251202T100000Z", "DURATION:-PT1H")...), icsimport.MsgEndBeforeStart, 8, nil},
		{"unparsable RRULE", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=FORTNIGHTLY")...), icsimport.MsgRRule, 8, map[string]any{"Title": "Rule"}},
		{"RRULE without FREQ", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:COUNT=3")...), icsimport.MsgRRule, 8, nil},
		{"RRULE with bad UNTIL", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=DAILY;UNTIL=soon")...), icsimport.MsgRRule, 8, nil},
		{"RRULE out of bounds", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=32")...), icsimport.MsgRRule, 8, nil},
		{"RRULE BYDAY in month out of range", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=-53MO")...), icsimport.MsgRRule, 8, nil},
		// rrule-go v1.8.2 indexes out of range on these three; they must be refused before it sees them.
		{"RRULE BYDAY 53rd Friday of a month", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=53FR")...), icsimport.MsgRRule, 8, nil},
		{"RRULE BYDAY far back in a month of the year", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-40TU")...), icsimport.MsgRRule, 8, nil},
		{"RRULE BYEASTER", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=YEARLY;BYEASTER=-400")...), icsimport.MsgRRule, 8, nil},
		{"RRULE with many BYSETPOS", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,2,3,4,5,6,7,8,9")...), icsimport.MsgRRule, 8, nil},
		{"RRULE with huge INTERVAL", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=YEARLY;INTERVAL=9223372036854775807")...), icsimport.MsgRRule, 8, nil},
		{"RRULE with negative COUNT", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=DAILY;COUNT=-1")...), icsimport.MsgRRule, 8, nil},
		{"two RRULEs", vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2", "RRULE:FREQ=DAILY;COUNT=2")...), icsimport.MsgRRule, 9, nil},
		{"hourly", vcal(event("UID:x", "SUMMARY:Often", "DTSTART:20251202T100000Z", "RRULE:FREQ=HOURLY;COUNT=5")...), icsimport.MsgRRuleFrequency, 8, map[string]any{"Title": "Often"}},
		{"secondly", vcal(event("UID:x", "SUMMARY:Often", "DTSTART:20251202T100000Z", "RRULE:FREQ=SECONDLY")...), icsimport.MsgRRuleFrequency, 8, nil},
		{"repeats before the window only", vcal(event("UID:x", "SUMMARY:Old", "DTSTART:20200106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=10")...), icsimport.MsgNoEventsInRange, 0, nil},
		{"too many in window", vcal(event("UID:x", "SUMMARY:Weekly", "DTSTART:20251103T100000Z", "RRULE:FREQ=WEEKLY")...), icsimport.MsgTooManyOccurrences, 8, map[string]any{"Title": "Weekly", "Max": 100}},
		{"line too long", vcal(event("UID:x", "SUMMARY:Long", "DTSTART:20251202T100000Z", "DESCRIPTION:"+strings.Repeat("x", icsimport.MaxLineBytes))...), icsimport.MsgLineTooLong, 8, map[string]any{"Max": icsimport.MaxLineBytes}},
		{"folded line too long", vcal(event("UID:x", "SUMMARY:Long", "DTSTART:20251202T100000Z", "DESCRIPTION:"+strings.Repeat("x\r\n x", icsimport.MaxLineBytes/2))...), icsimport.MsgLineTooLong, 8, nil},
		{"long continuation", vcal(event("UID:x", "SUMMARY:Long", "DTSTART:20251202T100000Z", "DESCRIPTION:a\r\n "+strings.Repeat("x", icsimport.MaxLineBytes+10))...), icsimport.MsgLineTooLong, 8, nil},
		{"too many lines", vcal(strings.Repeat("X-A:b\r\n", icsimport.MaxLines)), icsimport.MsgTooManyLines, icsimport.MaxLines + 1, map[string]any{"Max": icsimport.MaxLines}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := parse(t, tc.input, icsimport.Options{})
			assertErr(t, items, err, tc.msgID, tc.line, tc.args)
		})
	}
}

func TestReadError(t *testing.T) {
	cause := errors.New("http: request body too large")
	r := io.MultiReader(strings.NewReader("BEGIN:VCALENDAR\r\n"), iotest.ErrReader(cause))
	_, err := icsimport.Parse(r, icsimport.Options{Now: now})
	var ie *icsimport.Error
	if !errors.As(err, &ie) || ie.MsgID != icsimport.MsgRead || !errors.Is(err, cause) {
		t.Fatalf("got %v", err)
	}
}

func TestIgnoredParts(t *testing.T) {
	s := vcal(
		"X-WR-CALNAME:Kalender",
		"BEGIN:VTODO", "UID:todo", "SUMMARY:Task", "DTSTART:20251202T100000Z", "END:VTODO",
		"BEGIN:VJOURNAL", "UID:j", "SUMMARY:Journal", "END:VJOURNAL",
		"BEGIN:VFREEBUSY", "FREEBUSY:20251202T100000Z/PT1H", "END:VFREEBUSY",
		"BEGIN:X-UNKNOWN", "X-PROP:1", "END:X-UNKNOWN",
		"BEGIN:VEVENT", "UID:e", "SUMMARY:Event", "DTSTART:20251202T100000Z",
		"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:Alarm text", "SUMMARY:Alarm summary", "END:VALARM",
		"X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "END:VEVENT",
	)
	items := mustParse(t, s, icsimport.Options{})
	if len(items) != 1 || items[0].Event.Texts[lang.EN].Title != "Event" || items[0].Event.Texts[lang.EN].Description != "" {
		t.Fatalf("got %+v", items)
	}
	t.Run("concatenated calendars", func(t *testing.T) {
		s := vcal(event("UID:a", "SUMMARY:A", "DTSTART:20251202T100000Z")...) + vcal(event("UID:b", "SUMMARY:B", "DTSTART:20251203T100000Z")...)
		if items := mustParse(t, s, icsimport.Options{}); len(items) != 2 || items[1].Line != 13 {
			t.Fatalf("got %+v", items)
		}
	})
}

func TestUIDs(t *testing.T) {
	t.Run("derived when missing, stable", func(t *testing.T) {
		s := vcal(event("SUMMARY:Kokous", "DTSTART;TZID=Europe/Helsinki:20251202T100000")...)
		a := mustParse(t, s, icsimport.Options{})[0].Event.UID
		b := mustParse(t, s, icsimport.Options{})[0].Event.UID
		c := mustParse(t, strings.Replace(s, "Kokous", "Toinen kokous", 1), icsimport.Options{})[0].Event.UID
		d := mustParse(t, strings.Replace(s, "T100000", "T110000", 1), icsimport.Options{})[0].Event.UID
		if a != b || !strings.HasPrefix(a, "import-") || a == c || a == d {
			t.Errorf("derived UIDs %q %q %q %q", a, b, c, d)
		}
	})
	t.Run("very long UID is hashed", func(t *testing.T) {
		e := mustParse(t, vcal(event("UID:"+strings.Repeat("u", 400), "SUMMARY:x", "DTSTART:20251202T100000Z")...), icsimport.Options{})[0].Event
		if !strings.HasPrefix(e.UID, "import-") || len(e.UID) > 100 {
			t.Errorf("UID %q", e.UID)
		}
	})
}

// TestDuplicateUIDs: two events with one UID refuse the file, naming both
// lines, whatever tells them apart; an occurrence with a RECURRENCE-ID is
// not a second event.
func TestDuplicateUIDs(t *testing.T) {
	// The first VEVENT starts on line 4.
	pair := func(a, b []string) string {
		return vcal(append(event(append([]string{"UID:dup@example.org", "DTSTART:20251202T100000Z"}, a...)...),
			event(append([]string{"UID:dup@example.org", "DTSTART:20251203T100000Z"}, b...)...)...)...)
	}
	refused := []struct {
		name, file  string
		line, first int
	}{
		{"same SEQUENCE", pair([]string{"SUMMARY:A", "SEQUENCE:1"}, []string{"SUMMARY:B", "SEQUENCE:1"}), 10, 4},
		{"higher SEQUENCE second", pair([]string{"SUMMARY:A", "SEQUENCE:1"}, []string{"SUMMARY:B", "SEQUENCE:2"}), 10, 4},
		{"higher SEQUENCE first", pair([]string{"SUMMARY:A", "SEQUENCE:3"}, []string{"SUMMARY:B", "SEQUENCE:2"}), 10, 4},
		{"later LAST-MODIFIED", pair([]string{"SUMMARY:A", "LAST-MODIFIED:20251102T000000Z"}, []string{"SUMMARY:B", "LAST-MODIFIED:20251101T000000Z"}), 10, 4},
		{"identical", pair([]string{"SUMMARY:A"}, []string{"SUMMARY:A"}), 9, 4},
		{"in two calendars", vcal(event("UID:dup@example.org", "SUMMARY:A", "DTSTART:20251202T100000Z")...) +
			vcal(event("UID:dup@example.org", "SUMMARY:B", "DTSTART:20251203T100000Z")...), 13, 4},
		{"the second recurring", pair([]string{"SUMMARY:A"}, []string{"SUMMARY:B", "RRULE:FREQ=WEEKLY;COUNT=3"}), 9, 4},
	}
	for _, tc := range refused {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			items, err := parse(t, tc.file, icsimport.Options{})
			assertErr(t, items, err, icsimport.MsgDuplicateUID, tc.line, map[string]any{"First": tc.first, "UID": "dup@example.org"})
		})
	}
	t.Run("an override is an occurrence, not a duplicate", func(t *testing.T) {
		s := vcal(append(event("UID:dup@example.org", "SUMMARY:Weekly", "DTSTART:20251202T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3"),
			event("UID:dup@example.org", "SUMMARY:Moved", "RECURRENCE-ID:20251209T100000Z", "DTSTART:20251210T100000Z")...)...)
		items := mustParse(t, s, icsimport.Options{})
		var titles []string
		for _, it := range items {
			titles = append(titles, it.Event.Texts[lang.EN].Title)
		}
		if strings.Join(titles, ",") != "Weekly,Moved,Weekly" {
			t.Errorf("got %q", titles)
		}
	})
	t.Run("an override of a single event replaces it", func(t *testing.T) {
		s := vcal(append(event("UID:dup@example.org", "SUMMARY:Meeting", "DTSTART:20251202T100000Z"),
			event("UID:dup@example.org", "SUMMARY:Meeting moved", "RECURRENCE-ID:20251202T100000Z", "DTSTART:20251202T120000Z")...)...)
		items := mustParse(t, s, icsimport.Options{})
		if len(items) != 1 || items[0].Event.Texts[lang.EN].Title != "Meeting moved" || items[0].Line != 9 {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("events without UID with the same start and title are one", func(t *testing.T) {
		s := vcal(append(event("SUMMARY:Kokous", "DTSTART:20251202T100000Z", "SEQUENCE:2", "DESCRIPTION:Newer"),
			event("SUMMARY:Kokous", "DTSTART:20251202T100000Z", "SEQUENCE:1", "DESCRIPTION:Older")...)...)
		items := mustParse(t, s, icsimport.Options{})
		if len(items) != 1 || items[0].Event.Texts[lang.EN].Description != "Newer" {
			t.Errorf("got %+v", items)
		}
	})
}

func TestErrorString(t *testing.T) {
	_, err := parse(t, vcal(event("UID:x", "SUMMARY:Rule", "DTSTART:20251202T100000Z", "RRULE:FREQ=YEARLY;X-FOO=1")...), icsimport.Options{})
	if got := err.Error(); got != `icsimport: line 8: import.error.rrule Title="Rule"` {
		t.Errorf("got %s", got)
	}
}

func TestMessageIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range icsimport.MessageIDs {
		if !strings.HasPrefix(id, "import.error.") || seen[id] {
			t.Errorf("message ID %q", id)
		}
		seen[id] = true
	}
}
