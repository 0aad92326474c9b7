// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

func TestWholeDayEventsUseDatesWithAnExclusiveEnd(t *testing.T) {
	body := write(t, testCalendar(lang.EN), []calendar.Event{conferenceEvent(), tentativeEvent()})
	for _, line := range []string{"DTSTART;VALUE=DATE:20261201\r\n", "DTEND;VALUE=DATE:20261204\r\n",
		"DTSTART;VALUE=DATE:20270210\r\n", "DTEND;VALUE=DATE:20270211\r\n"} {
		if !bytes.Contains(body, []byte(line)) {
			t.Errorf("missing %q", line)
		}
	}
	if bytes.Contains(body, []byte("T000000")) || bytes.Contains(body, []byte("VTIMEZONE")) {
		t.Errorf("whole-day events must not have times or zones:\n%s", body)
	}
}

func TestTimedEventsUseLocalTimeWithTheirZone(t *testing.T) {
	body := write(t, testCalendar(lang.EN), []calendar.Event{hybridEvent()})
	for _, line := range []string{
		"DTSTART;TZID=Europe/Helsinki:20261215T100000\r\n",
		"DTEND;TZID=Europe/Helsinki:20261215T153000\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n",
		"CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=Online;VALUE=URI:https://meet.example.org/j/123456?pwd=a,b;c\r\n",
		"ORGANIZER;CN=Ministry of Justice Finland:mailto:calendar@nordcal.example.org\r\n",
		"URL:https://nordcal.example.org/en/events/102\r\n",
		"CLASS:PUBLIC\r\n", "TRANSP:TRANSPARENT\r\n",
	} {
		if !strings.Contains(unfold(body), line) {
			t.Errorf("missing %q in\n%s", line, body)
		}
	}
	e := parse(t, body).events[0]
	if got, want := value(e, ics.ComponentPropertyLocation), "House of the Estates, Helsinki, Finland, Online: https://meet.example.org/j/123456?pwd=a,b;c"; got != want {
		t.Errorf("LOCATION %q, want %q", got, want)
	}
	wantDesc := "Join in Helsinki or online.\n\nOrganisers: Ministry of Justice, Finland\nOnline: https://meet.example.org/j/123456?pwd=a,b;c\nMore information: https://nordcal.example.org/en/events/102"
	if got := value(e, ics.ComponentPropertyDescription); got != wantDesc {
		t.Errorf("DESCRIPTION\n%q, want\n%q", got, wantDesc)
	}
}

func TestDescriptionAndCategories(t *testing.T) {
	e := parse(t, write(t, testCalendar(lang.EN), []calendar.Event{conferenceEvent()})).events[0]
	wantDesc := "Three days on labour exploitation in the Nordic countries.\n\nDay 1: research, day 2: practice; day 3: policy.\n\n" +
		"Organisers: Ministry of Justice, Finland, Nordic Council of Ministers\n" +
		"Registration: https://om.fi/en/registration?event=nordic-2026&lang=en\n" +
		"Registration deadline: 15 November 2026\n" +
		"More information: https://nordcal.example.org/en/events/101"
	if got := value(e, ics.ComponentPropertyDescription); got != wantDesc {
		t.Errorf("DESCRIPTION\n%q, want\n%q", got, wantDesc)
	}
	var cats []string
	for _, p := range e.GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, p.Value)
	}
	if want := []string{"Conference", "Labour exploitation", "Research and data"}; !slices.Equal(cats, want) {
		t.Errorf("CATEGORIES %q, want %q", cats, want)
	}
	if got, want := value(e, ics.ComponentPropertyLocation), "Finlandia Hall, Mannerheimintie 13e, Helsinki, Finland"; got != want {
		t.Errorf("LOCATION %q, want %q", got, want)
	}
	if got := value(e, ics.ComponentPropertyOrganizer); got != "mailto:conference@om.fi" {
		t.Errorf("ORGANIZER %q, want the event's contact", got)
	}
	if got := param(e, ics.ComponentPropertyOrganizer, "CN"); got != "Ministry of Justice Finland" {
		t.Errorf("ORGANIZER CN %q, want the first organiser without the comma", got)
	}
	for prop, want := range map[ics.ComponentProperty]string{
		ics.ComponentPropertyDtstamp: "20261120T093000Z", ics.ComponentPropertyLastModified: "20261120T093000Z",
		ics.ComponentPropertyCreated: "20261021T093000Z",
	} {
		if got := value(e, prop); got != want {
			t.Errorf("%s %q, want %q", prop, got, want)
		}
	}
}

// TestEveryOrganiserIsAContact: ORGANIZER names the first organiser only,
// so each organiser, in order, gets a CONTACT with its directory page and
// the language of its name.
func TestEveryOrganiserIsAContact(t *testing.T) {
	type contact struct{ name, altrep, lang string }
	contacts := func(e *ics.VEvent) []contact {
		var out []contact
		for _, p := range e.GetProperties(ics.ComponentPropertyContact) {
			c := contact{name: p.Value}
			if v := p.ICalParameters["ALTREP"]; len(v) == 1 {
				c.altrep = v[0]
			}
			if v := p.ICalParameters["LANGUAGE"]; len(v) == 1 {
				c.lang = v[0]
			}
			out = append(out, c)
		}
		return out
	}
	three := conferenceEvent()
	three.Organisers = []directory.Organisation{orgNCM, orgKRIPOS, orgOM}
	noPages := testCalendar(lang.EN)
	noPages.OrganisationURL = nil
	page := "https://nordcal.example.org/%s/directory/organisations/%s"
	for _, tt := range []struct {
		name string
		cal  feed.Calendar
		ev   calendar.Event
		want []contact
	}{
		{"two organisers, in order", testCalendar(lang.EN), conferenceEvent(), []contact{
			{"Ministry of Justice, Finland", fmt.Sprintf(page, "en", "om-fi"), "en"},
			{"Nordic Council of Ministers", fmt.Sprintf(page, "en", "ncm"), "en"}}},
		{"three organisers, first not the lowest ID", testCalendar(lang.EN), three, []contact{
			{"Nordic Council of Ministers", fmt.Sprintf(page, "en", "ncm"), "en"},
			{orgKRIPOS.Names[lang.NO], fmt.Sprintf(page, "en", "kripos"), "no"},
			{"Ministry of Justice, Finland", fmt.Sprintf(page, "en", "om-fi"), "en"}}},
		{"names in the feed's language, or the original", testCalendar(lang.SV), three, []contact{
			{"Nordiska ministerrådet", fmt.Sprintf(page, "sv", "ncm"), "sv"},
			{orgKRIPOS.Names[lang.NO], fmt.Sprintf(page, "sv", "kripos"), "no"},
			{"Justitieministeriet", fmt.Sprintf(page, "sv", "om-fi"), "sv"}}},
		{"no organisation pages", noPages, conferenceEvent(), []contact{
			{"Ministry of Justice, Finland", "", "en"}, {"Nordic Council of Ministers", "", "en"}}},
		{"hostile name", hostileCalendar(), hostileEvent(), []contact{
			{hostileLine, fmt.Sprintf(page, "en", "evil"), "en"},
			{"Nordic Council of Ministers", fmt.Sprintf(page, "en", "ncm"), "en"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := parse(t, write(t, tt.cal, []calendar.Event{tt.ev})).events[0]
			if got := contacts(e); !slices.Equal(got, tt.want) {
				t.Errorf("CONTACT\n%q, want\n%q", got, tt.want)
			}
			if n := len(e.GetProperties(ics.ComponentPropertyOrganizer)); n != 1 {
				t.Errorf("%d ORGANIZER, want 1", n)
			}
		})
	}
}

// The sanitised forms of hostile: line breaks become spaces on one-line
// values and LF in DESCRIPTION; other controls disappear; parameters also
// lose , ; : " \ and get a typographic apostrophe.
const (
	hostileLine  = "Evil \"quoted\"; semi, comma: colon \\ back O'Brien ATTENDEE:mailto:evil@example.org lone CR lone LFnulbelescdelnel ls ps tab"
	hostileText  = "Evil \"quoted\"; semi, comma: colon \\ back O'Brien\nATTENDEE:mailto:evil@example.org\nlone CR\nlone LFnulbelescdelnel\nls\nps\ttab"
	hostileParam = "Evil quoted semi comma colon  back O’Brien ATTENDEEmailtoevil@example.org lone CR lone LFnulbelescdelnel ls ps tab"
	// A category loses , ; \ too: parsers split CATEGORIES on commas.
	hostileCategory = "Evil \"quoted\" semi comma: colon  back O'Brien ATTENDEE:mailto:evil@example.org lone CR lone LFnulbelescdelnel ls ps tab"
)

func TestHostileTextCannotInjectLines(t *testing.T) {
	body := write(t, hostileCalendar(), []calendar.Event{hostileEvent()})
	for _, bad := range []string{"\r\nATTENDEE", "\nATTENDEE", "\rATTENDEE", "\x00", "\x07", "\x1b", "\x7f", "\u0085", "\u2028", "\u2029", "evil.example.org/", "javascript"} {
		if bytes.Contains(body, []byte(bad)) {
			t.Errorf("output contains %q", bad)
		}
	}
	p := parse(t, body)
	if len(p.events) != 1 {
		t.Fatalf("%d events, want 1", len(p.events))
	}
	e := p.events[0]
	for _, prop := range e.Properties {
		if prop.IANAToken == "ATTENDEE" {
			t.Errorf("injected ATTENDEE appeared: %v", prop)
		}
	}
	for _, cp := range p.cal.CalendarProperties {
		switch cp.IANAToken {
		case "NAME", "X-WR-CALNAME":
			if cp.Value != hostileLine {
				t.Errorf("%s %q, want %q", cp.IANAToken, cp.Value, hostileLine)
			}
		case "DESCRIPTION", "X-WR-CALDESC":
			if cp.Value != hostileText {
				t.Errorf("%s %q, want %q", cp.IANAToken, cp.Value, hostileText)
			}
		}
	}
	if got := value(e, ics.ComponentPropertySummary); got != hostileLine {
		t.Errorf("SUMMARY\n%q, want\n%q", got, hostileLine)
	}
	wantLoc := hostileLine + ", " + hostileLine + ", " + hostileLine + ", Sweden, Online"
	if got := value(e, ics.ComponentPropertyLocation); got != wantLoc {
		t.Errorf("LOCATION\n%q, want\n%q", got, wantLoc)
	}
	wantDesc := hostileText + "\n\n" + hostileLine + ": " + hostileLine + ", Nordic Council of Ministers\nMore information: https://nordcal.example.org/en/events/121"
	if got := value(e, ics.ComponentPropertyDescription); got != wantDesc {
		t.Errorf("DESCRIPTION\n%q, want\n%q", got, wantDesc)
	}
	if got := param(e, ics.ComponentPropertyOrganizer, "CN"); got != hostileParam {
		t.Errorf("CN\n%q, want\n%q", got, hostileParam)
	}
	if got := value(e, ics.ComponentPropertyOrganizer); got != "mailto:calendar@nordcal.example.org" {
		t.Errorf("ORGANIZER %q: a contact address with a line break must give way to the calendar's", got)
	}
	if got := value(e, ics.ComponentPropertyCategories); got != hostileCategory {
		t.Errorf("CATEGORIES %q, want %q", got, hostileCategory)
	}
	if e.HasProperty("CONFERENCE") || e.HasProperty(ics.ComponentPropertyUrl) && value(e, ics.ComponentPropertyUrl) != "https://nordcal.example.org/en/events/121" {
		t.Errorf("a bad online URL must be left out")
	}
	// The raw CN is written without any of the characters that need quoting.
	for _, line := range strings.Split(unfold(body), "\r\n") {
		if strings.HasPrefix(line, "ORGANIZER;") {
			params := line[:strings.Index(line, ":mailto:")]
			if strings.ContainsAny(strings.TrimPrefix(params, "ORGANIZER;CN="), ",;:\"\\") {
				t.Errorf("CN needs quoting or escaping: %q", params)
			}
		}
	}
}

// unfold joins folded lines (RFC 5545 §3.1).
func unfold(body []byte) string {
	return strings.ReplaceAll(string(body), "\r\n ", "")
}

func TestFoldingKeepsCharactersWhole(t *testing.T) {
	body := write(t, testCalendar(lang.FI), lettersEvents())
	folded := 0
	for _, l := range strings.Split(string(body), "\r\n") {
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 4 {
		t.Errorf("only %d continuation lines; the long titles should fold", folded)
	}
	if !strings.Contains(unfold(body), "SUMMARY;LANGUAGE=da:Nordisk seminar om menneskehandel: børn\\, unge og sårbare grupper på tværs af grænserne i Færøerne og Grønland\r\n") {
		t.Errorf("folded Danish title does not unfold to the original:\n%s", body)
	}
	parse(t, body) // every line ≤ 75 octets and valid UTF-8 on its own
}

func TestFallbackLanguageIsDeclared(t *testing.T) {
	body := write(t, testCalendar(lang.FI), []calendar.Event{fallbackEvent()})
	if !strings.Contains(unfold(body), "SUMMARY;LANGUAGE=sv:Nationellt möte om människohandel\r\n") {
		t.Errorf("want the Swedish title marked LANGUAGE=sv:\n%s", body)
	}
}

func TestCancelledEventsKeepStatusAndGetAPrefix(t *testing.T) {
	c := testCalendar(lang.EN)
	c.Strings.CancelledPrefix = "AVLYST: "
	e := parse(t, write(t, c, []calendar.Event{cancelledEvent()})).events[0]
	if value(e, ics.ComponentPropertyStatus) != "CANCELLED" || value(e, ics.ComponentPropertySummary) != "AVLYST: Oslo seminar on child trafficking" {
		t.Errorf("STATUS %q SUMMARY %q", value(e, ics.ComponentPropertyStatus), value(e, ics.ComponentPropertySummary))
	}
}

func TestOnlyPublicEventsAreWritten(t *testing.T) {
	var evs []calendar.Event
	for i, s := range calendar.Statuses {
		e := tentativeEvent()
		e.ID, e.UID, e.Status = int64(300+i), "evt-"+string(s)+"@nordcal.example.org", s
		evs = append(evs, e)
	}
	p := parse(t, write(t, testCalendar(lang.EN), evs))
	var got []string
	for _, e := range p.events {
		got = append(got, value(e, ics.ComponentPropertyStatus))
	}
	if want := []string{"CANCELLED", "CONFIRMED", "TENTATIVE"}; !slices.Equal(got, want) { // sorted by UID
		t.Errorf("STATUS values %q, want %q", got, want)
	}
}

// TestRepeatedClockTimeIsWrittenInUTC: 02:00–03:00 on 25 October 2026
// happens twice in Stockholm. RFC 5545 reads such a local time as the first
// pass and ical.js as the second, so an event starting or ending then is
// written in UTC; the hours around it stay local.
func TestRepeatedClockTimeIsWrittenInUTC(t *testing.T) {
	second := edgeEvents()[1] // 02:30 CET, the second pass
	first := second
	first.Start, first.End = second.Start.Add(-time.Hour), second.Start.Add(-40*time.Minute) // 02:30–02:50 CEST
	before := second
	before.Start, before.End = at("Europe/Stockholm", 2026, 10, 25, 1, 30), at("Europe/Stockholm", 2026, 10, 25, 1, 59)
	after := second
	after.Start, after.End = at("Europe/Stockholm", 2026, 10, 25, 3, 0), at("Europe/Stockholm", 2026, 10, 25, 4, 0)
	for _, c := range []struct {
		name       string
		e          calendar.Event
		start, end string
	}{
		{"second pass", second, "DTSTART:20261025T013000Z", "DTEND:20261025T023000Z"},
		{"first pass", first, "DTSTART:20261025T003000Z", "DTEND:20261025T005000Z"},
		{"before", before, "DTSTART;TZID=Europe/Stockholm:20261025T013000", "DTEND;TZID=Europe/Stockholm:20261025T015900"},
		{"after", after, "DTSTART;TZID=Europe/Stockholm:20261025T030000", "DTEND;TZID=Europe/Stockholm:20261025T040000"},
	} {
		body := write(t, testCalendar(lang.EN), []calendar.Event{c.e})
		if !bytes.Contains(body, []byte(c.start+"\r\n")) || !bytes.Contains(body, []byte(c.end+"\r\n")) {
			t.Errorf("%s: want %s and %s in\n%s", c.name, c.start, c.end, body)
		}
		checkTimes(t, parse(t, body), []calendar.Event{c.e})
	}
}

func TestNoMethodWithoutAnOrganizerAddress(t *testing.T) {
	c := testCalendar(lang.EN)
	c.OrganizerEmail = ""
	withContact := conferenceEvent()
	without := tentativeEvent()
	p := parse(t, write(t, c, []calendar.Event{withContact, without}))
	for _, cp := range p.cal.CalendarProperties {
		if cp.IANAToken == "METHOD" {
			t.Errorf("METHOD:%s without an ORGANIZER on every event", cp.Value)
		}
	}
	if n := len(p.events[1].GetProperties(ics.ComponentPropertyOrganizer)); n != 0 {
		t.Errorf("event without an address has %d ORGANIZER", n)
	}
	// With the calendar's address every event has one, and METHOD is back.
	p = parse(t, write(t, testCalendar(lang.EN), []calendar.Event{withContact, without}))
	if !slices.ContainsFunc(p.cal.CalendarProperties, func(cp ics.CalendarProperty) bool {
		return cp.IANAToken == "METHOD" && cp.Value == "PUBLISH"
	}) {
		t.Errorf("METHOD:PUBLISH missing")
	}
}

func TestWriteRejectsMissingAndDuplicateUIDs(t *testing.T) {
	e := tentativeEvent()
	e.UID = " \r\n"
	if err := feed.Write(&bytes.Buffer{}, testCalendar(lang.EN), []calendar.Event{e}); err == nil {
		t.Errorf("an event without a UID was written")
	}
	if err := feed.Write(&bytes.Buffer{}, testCalendar(lang.EN), []calendar.Event{tentativeEvent(), tentativeEvent()}); err == nil {
		t.Errorf("two events with one UID were written")
	}
}

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, os.ErrClosed
	}
	return len(p), nil
}

func TestWriteReportsWriterErrors(t *testing.T) {
	for _, after := range []int{0, 10, 500} {
		if err := feed.Write(&failingWriter{after}, testCalendar(lang.EN), []calendar.Event{conferenceEvent()}); err == nil {
			t.Errorf("no error when the writer fails after %d bytes", after)
		}
	}
}

func TestWriteIsByteStable(t *testing.T) {
	var all []calendar.Event
	for _, s := range scenarios() {
		if s.name != "hostile" {
			all = append(all, s.events...)
		}
	}
	first := write(t, testCalendar(lang.EN), all)
	if again := write(t, testCalendar(lang.EN), all); !bytes.Equal(first, again) {
		t.Fatalf("two writes differ:\n%s", diff(first, again))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10 {
		shuffled := slices.Clone(all)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := write(t, testCalendar(lang.EN), shuffled); !bytes.Equal(first, got) {
			t.Fatalf("input order changes the output:\n%s", diff(first, got))
		}
	}
	parse(t, first)
}

func TestVCalendarProperties(t *testing.T) {
	body := string(write(t, testCalendar(lang.EN), nil))
	want := "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//nordcal//nordcal 1.0//EN\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		"NAME:Nordic anti-trafficking calendar\r\n" +
		"X-WR-CALNAME:Nordic anti-trafficking calendar\r\n" +
		"DESCRIPTION:Events of the Nordic work against trafficking in human beings\r\n" +
		"X-WR-CALDESC:Events of the Nordic work against trafficking in human beings\r\n" +
		"X-WR-TIMEZONE:Europe/Copenhagen\r\n" +
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" +
		"X-PUBLISHED-TTL:PT1H\r\n" +
		"URL:https://nordcal.example.org/en/events\r\n" +
		"END:VCALENDAR\r\n"
	if body != want {
		t.Errorf("empty feed\n%s\nwant\n%s", body, want)
	}
	c := testCalendar(lang.EN)
	c.Description = ""
	if body := write(t, c, nil); bytes.Contains(body, []byte("DESCRIPTION")) || bytes.Contains(body, []byte("X-WR-CALDESC")) {
		t.Errorf("empty description written:\n%s", body)
	}
}
