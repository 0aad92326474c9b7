// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// FuzzWrite puts arbitrary strings into every text a feed carries and
// checks that the output is always one well-formed calendar: it parses back
// with golang-ical, has CRLF and nothing else as line ends, keeps its
// events, and never grows a property nobody wrote.
func FuzzWrite(f *testing.F) {
	f.Add("Nordic seminar", "A description.\n\nSecond paragraph.", "Säätytalo", "Oikeusministeriö")
	f.Add(hostile, hostile, hostile, hostile)
	f.Add("\r\nATTENDEE:mailto:evil@example.org", "\r", "\n", "\r\n")
	f.Add(strings.Repeat("ä", 200), strings.Repeat("😀", 300), strings.Repeat("ð þ æ ø å ", 40), strings.Repeat("Þ", 80))
	f.Add("a\\,b\\;c\\nd", "\"quoted\" 'single' ;,:", "\x00\x01\x7f\u0085\u2028\u2029", "\xff\xfe invalid UTF-8 \xc3")
	f.Add(" ", "\t", "", ":")
	f.Add(strings.Repeat("x", 74)+"é", strings.Repeat(" ", 100), strings.Repeat("<>", 60), strings.Repeat("a ", 80))

	f.Fuzz(func(t *testing.T, title, description, venue, organiser string) {
		org := directory.Organisation{ID: 9, OriginalLang: lang.EN, Names: lang.Texts{lang.EN: organiser, lang.SV: organiser + title}}
		timedEv := timed(base(1, title), "Europe/Helsinki", time.Date(2027, 3, 28, 0, 30, 0, 0, time.UTC), 3*time.Hour)
		timedEv.Texts[lang.SV] = calendar.Text{Title: description, Description: title}
		timedEv.Texts[lang.EN] = calendar.Text{Title: title, Description: description}
		timedEv.Venue, timedEv.Address, timedEv.City, timedEv.Country = venue, organiser, title, "FI"
		timedEv.Attendance, timedEv.OnlineURL = calendar.Hybrid, "https://meet.example.org/"+venue
		timedEv.RegistrationURL, timedEv.ContactEmail = description, organiser
		timedEv.Organisers = []directory.Organisation{org, orgNCM}
		wholeDay := allDay(base(2, description), "America/Nuuk", day(2027, 3, 27), day(2027, 3, 29))
		wholeDay.Status, wholeDay.Venue = calendar.Cancelled, title
		wholeDay.Organisers = []directory.Organisation{org}
		c := testCalendar(lang.SV)
		c.Name, c.Description = title, description
		c.Strings.CancelledPrefix, c.Strings.Online, c.Strings.Organisers = venue, organiser, title
		c.Strings.Category = map[calendar.Category]string{calendar.Meeting: organiser}

		var buf bytes.Buffer
		if err := feed.Write(&buf, c, []calendar.Event{timedEv, wholeDay}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		body := buf.Bytes()
		checkLines(t, body)
		if bytes.Count(body, []byte("\r")) != bytes.Count(body, []byte("\r\n")) || bytes.Count(body, []byte("\n")) != bytes.Count(body, []byte("\r\n")) {
			t.Fatalf("a bare CR or LF in\n%q", body)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("golang-ical cannot parse the output: %v\n%s", err, body)
		}
		evs := cal.Events()
		if len(evs) != 2 {
			t.Fatalf("%d VEVENTs, want 2\n%s", len(evs), body)
		}
		if strings.Count(string(body), "BEGIN:VEVENT\r\n") != 2 || strings.Count(string(body), "BEGIN:VTIMEZONE\r\n") != 1 {
			t.Fatalf("wrong number of components\n%s", body)
		}
		for _, e := range evs {
			uid := value(e, ics.ComponentPropertyUniqueId)
			if uid != "evt-1@nordcal.example.org" && uid != "evt-2@nordcal.example.org" {
				t.Errorf("UID %q", uid)
			}
			if n := len(e.GetProperties(ics.ComponentPropertyAttendee)); n != 0 {
				t.Errorf("%d ATTENDEE properties appeared", n)
			}
			for _, prop := range []ics.ComponentProperty{ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd,
				ics.ComponentPropertyDtstamp, ics.ComponentPropertySummary, ics.ComponentPropertyOrganizer} {
				if n := len(e.GetProperties(prop)); n != 1 {
					t.Errorf("%s has %d %s", uid, n, prop)
				}
			}
		}
		if got, want := value(evs[0], ics.ComponentPropertySummary), oneLine(venue+strings.TrimSpace(description)); got != want {
			t.Errorf("cancelled SUMMARY %q, want %q", got, want)
		}
	})
}

// oneLine is what the fuzz test expects of a one-line TEXT value: valid
// UTF-8, no controls, line breaks and tabs as spaces, trimmed.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	for _, br := range []string{"\r\n", "\r", "\n", "\u2028", "\u2029", "\t"} {
		s = strings.ReplaceAll(s, br, " ")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
