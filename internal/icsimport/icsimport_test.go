// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// now is the clock of every test: recurrences are expanded from
// 2025-10-02 to 2027-11-01.
var now = time.Date(2025, 11, 1, 12, 0, 0, 0, time.UTC)

// defaultNow is the clock parse uses when a test sets none.
var defaultNow = now

// want describes one expected draft. Timed events give start and end in
// UTC (RFC 3339); all-day events give their first and last day.
type want struct {
	line       int
	uid        string
	lang       lang.Code
	title      string
	start, end string
	allDay     bool
	first      string
	last       string
	zone       string
	status     calendar.Status
	venue      string
	url        string
	seq        int
}

func parseFile(t *testing.T, name string, opt icsimport.Options) ([]icsimport.Item, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opt.Now.IsZero() {
		opt.Now = now
	}
	items, err := icsimport.Parse(f, opt)
	if err != nil {
		return nil, err
	}
	return dates(t, items, opt.Now), nil
}

func check(t *testing.T, items []icsimport.Item, wants []want) {
	t.Helper()
	if len(items) != len(wants) {
		for _, it := range items {
			t.Logf("got %d %s %q %s–%s", it.Line, it.Event.UID, it.Event.Texts, it.Event.Start, it.Event.End)
		}
		t.Fatalf("got %d events, want %d", len(items), len(wants))
	}
	for i, w := range wants {
		it, e := items[i], items[i].Event
		name := w.title
		if it.Line != w.line {
			t.Errorf("%s: Line = %d, want %d", name, it.Line, w.line)
		}
		if e.UID != w.uid {
			t.Errorf("%s: UID = %q, want %q", name, e.UID, w.uid)
		}
		if e.OriginalLang != w.lang || e.Texts[w.lang].Title != w.title || len(e.Texts) != 1 {
			t.Errorf("event %d: texts %q in %q, want %q in %q", i, e.Texts, e.OriginalLang, w.title, w.lang)
		}
		if e.AllDay != w.allDay {
			t.Errorf("%s: AllDay = %v", name, e.AllDay)
		}
		if w.allDay {
			if e.StartDate.String() != w.first || e.EndDate.String() != w.last {
				t.Errorf("%s: days %s–%s, want %s–%s", name, e.StartDate, e.EndDate, w.first, w.last)
			}
			loc, _ := time.LoadLocation(w.zone)
			if !e.Start.Equal(e.StartDate.In(loc)) || !e.End.Equal(e.EndDate.AddDays(1).In(loc)) {
				t.Errorf("%s: derived instants %s–%s", name, e.Start, e.End)
			}
		} else {
			if got := e.Start.Format(time.RFC3339); got != w.start || e.Start.Location() != time.UTC {
				t.Errorf("%s: Start = %s, want %s", name, got, w.start)
			}
			if got := e.End.Format(time.RFC3339); got != w.end || e.End.Location() != time.UTC {
				t.Errorf("%s: End = %s, want %s", name, got, w.end)
			}
		}
		if e.Zone != w.zone {
			t.Errorf("%s: Zone = %q, want %q", name, e.Zone, w.zone)
		}
		status := w.status
		if status == "" {
			status = calendar.Published
		}
		if e.Status != status {
			t.Errorf("%s: Status = %q, want %q", name, e.Status, status)
		}
		if w.venue != "" && e.Venue != w.venue {
			t.Errorf("%s: Venue = %q, want %q", name, e.Venue, w.venue)
		}
		if e.PublicURL != w.url {
			t.Errorf("%s: PublicURL = %q, want %q", name, e.PublicURL, w.url)
		}
		if e.Sequence != w.seq {
			t.Errorf("%s: Sequence = %d, want %d", name, e.Sequence, w.seq)
		}
	}
}

const (
	outlookWG       = "040000008200E00074C5B7101A82E00800000000B0E4A1C3F541DC01000000000000000010000000C24D7E8F5A6B3C4D9E8F7A6B5C4D3E2F"
	outlookConf     = "040000008200E00074C5B7101A82E00800000000F0A9C2D1E641DC01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90"
	outlookAnnual   = "040000008200E00074C5B7101A82E008000000003C1D2E3F4A5B6C0100000000000000001000000011223344556677889900AABBCCDDEEFF"
	outlookSeminar  = "040000008200E00074C5B7101A82E00800000000D1D2D3D4D5D6DC01000000000000000010000000ABCDEFABCDEFABCDEFABCDEFABCDEF01"
	outlookChildren = "040000008200E00074C5B7101A82E00800000000E1E2E3E4E5E6DC01000000000000000010000000FEDCBAFEDCBAFEDCBAFEDCBAFEDCBA02"
	outlookSteering = "040000008200E00074C5B7101A82E00800000000A7A8A9AAABACDC01000000000000000010000000135792468ACE13579BDF2468ACE13579"
	googleCall      = "4k7m2p9q1r3s5t6u8v0w2x4y6z@google.com"
)

func TestFixtures(t *testing.T) {
	steering := "Työ- ja koulutusperusteisten oleskelulupamenettelyjen ohjausryhmä"
	tests := []struct {
		file string
		opt  icsimport.Options
		want []want
	}{
		{"outlook.ics", icsimport.Options{Lang: lang.FI, Zone: "Europe/Helsinki"}, []want{
			{line: 61, uid: outlookWG, lang: lang.FI, title: "Ihmiskaupan vastaisen toimintaohjelman päivitystyöryhmä, 4. kokous",
				start: "2025-11-04T11:00:00Z", end: "2025-11-04T13:00:00Z", zone: "Europe/Helsinki", seq: 2,
				venue: "Meritullinkatu 10, 2. krs, neuvotteluhuone Potentia / Microsoft Teams -kokous"},
			{line: 101, uid: outlookConf, lang: lang.EN, title: "Scoping Emerging Forms of Human Trafficking in the Nordic Countries",
				start: "2025-11-26T09:00:00Z", end: "2025-11-26T17:30:00Z", zone: "Europe/Helsinki",
				venue: "Paasitorni, Paasivuorenkatu 5 A, Helsinki"},
			{line: 124, uid: outlookAnnual, lang: lang.EN, title: "Nordic Working Group of National Coordinators – annual meeting",
				allDay: true, first: "2025-12-02", last: "2025-12-04", zone: "Europe/Helsinki",
				venue: "Nordic Council of Ministers, Ved Stranden 18, København"},
			{line: 179, uid: outlookSteering + "/20260121", lang: lang.FI, title: steering,
				start: "2026-01-21T11:00:00Z", end: "2026-01-21T13:00:00Z", zone: "Europe/Helsinki"},
			{line: 147, uid: outlookSeminar, lang: lang.SV, title: "Seminarium: arbetskraftsexploatering i Norden",
				start: "2026-02-10T08:00:00Z", end: "2026-02-10T11:00:00Z", zone: "Europe/Berlin"},
			{line: 164, uid: outlookChildren, lang: lang.DA, title: "Nordisk netværksmøde om menneskehandel med børn",
				start: "2026-03-18T09:00:00Z", end: "2026-03-18T15:00:00Z", zone: "Europe/Paris"},
			// After the change to summer time on 29 March the 13:00 meeting is 10:00 UTC.
			{line: 179, uid: outlookSteering + "/20260415", lang: lang.FI, title: steering,
				start: "2026-04-15T10:00:00Z", end: "2026-04-15T12:00:00Z", zone: "Europe/Helsinki"},
			{line: 179, uid: outlookSteering + "/20260527", lang: lang.FI, title: steering,
				start: "2026-05-27T10:00:00Z", end: "2026-05-27T12:00:00Z", zone: "Europe/Helsinki"},
		}},
		{"google.ics", icsimport.Options{Lang: lang.EN, Zone: "Europe/Oslo"}, []want{
			// The weekly call's DTSTART is in UTC, so it repeats in UTC
			// (RFC 5545 3.3.10): the series' zone is UTC.
			{line: 26, uid: googleCall + "/20251110", lang: lang.EN, title: "Coordinators' call",
				start: "2025-11-10T09:00:00Z", end: "2025-11-10T10:00:00Z", zone: "UTC"},
			{line: 26, uid: googleCall + "/20251117", lang: lang.EN, title: "Coordinators' call",
				start: "2025-11-17T09:00:00Z", end: "2025-11-17T10:00:00Z", zone: "UTC"},
			// 24 November is an EXDATE; 1 December was moved an hour later.
			{line: 10, uid: googleCall + "/20251201", lang: lang.EN, title: "Coordinators' call – extended session",
				start: "2025-12-01T10:00:00Z", end: "2025-12-01T11:00:00Z", zone: "UTC", seq: 1},
			{line: 54, uid: googleCall + "/20251208", lang: lang.EN, title: "Coordinators' call",
				start: "2025-12-08T09:00:00Z", end: "2025-12-08T10:00:00Z", zone: "UTC", seq: 1,
				status: calendar.Cancelled},
			{line: 69, uid: "2b9c8d7e6f5a4b3c2d1e0f9a8b@google.com", lang: lang.EN, title: "Deadline: comments on the draft Nordic action plan",
				allDay: true, first: "2026-01-15", last: "2026-01-15", zone: "Europe/Oslo"},
			{line: 84, uid: "7h6g5f4e3d2c1b0a9z8y7x6w5v@google.com", lang: lang.EN, title: "Webinar: national strategy against human trafficking 2025–2030",
				start: "2026-02-03T12:00:00Z", end: "2026-02-03T13:30:00Z", zone: "Europe/Oslo", venue: "Online",
				status: calendar.Tentative},
		}},
		{"thunderbird.ics", icsimport.Options{Lang: lang.FI, Zone: "Europe/Helsinki"}, []want{
			{line: 39, uid: "7f3c2b1a-9e8d-4c6b-a5f4-3e2d1c0b9a87", lang: lang.FI, title: "Työryhmän 5. kokous",
				start: "2025-11-28T11:00:00Z", end: "2025-11-28T12:00:00Z", zone: "Europe/Helsinki",
				venue: "Oikeusministeriö, Eteläesplanadi 10, Helsinki"},
			{line: 61, uid: "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", lang: lang.FI, title: "Toimintaohjelman esittely ministerityöryhmälle",
				start: "2025-12-18T08:00:00Z", end: "2025-12-18T09:30:00Z", zone: "Europe/Helsinki", venue: "Valtioneuvoston linna"},
			{line: 72, uid: "c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/20260112", lang: lang.FI, title: "Pohjoismainen verkostotapaaminen (Teams)",
				start: "2026-01-12T08:00:00Z", end: "2026-01-12T09:00:00Z", zone: "Europe/Helsinki"},
			{line: 72, uid: "c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/20260209", lang: lang.FI, title: "Pohjoismainen verkostotapaaminen (Teams)",
				start: "2026-02-09T08:00:00Z", end: "2026-02-09T09:00:00Z", zone: "Europe/Helsinki"},
			{line: 72, uid: "c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/20260309", lang: lang.FI, title: "Pohjoismainen verkostotapaaminen (Teams)",
				start: "2026-03-09T08:00:00Z", end: "2026-03-09T09:00:00Z", zone: "Europe/Helsinki"},
		}},
		{"apple.ics", icsimport.Options{Lang: lang.SV, Zone: "Europe/Stockholm"}, []want{
			{line: 9, uid: "3F2504E0-4F89-11D3-9A0C-0305E82C3301", lang: lang.SV, title: "Seminarium om människohandel",
				start: "2026-02-12T12:00:00Z", end: "2026-02-12T15:00:00Z", zone: "Europe/Stockholm", seq: 1,
				venue: "Riksdagshuset Riksgatan 1, Stockholm", url: "https://www.example.org/seminarium-manniskohandel"},
			{line: 35, uid: "8C1E7B2A-3D4F-4A5B-9C6D-7E8F9A0B1C2D", lang: lang.SV, title: "Samråd med Jämställdhetsmyndigheten",
				start: "2026-03-04T08:00:00Z", end: "2026-03-04T09:30:00Z", zone: "Europe/Stockholm"},
			{line: 45, uid: "5D6E7F80-91A2-4B3C-8D4E-5F6071829304", lang: lang.SV, title: "Sista dag för remissvar: nationell handlingsplan",
				allDay: true, first: "2026-03-05", last: "2026-03-05", zone: "Europe/Stockholm"},
			// No DTEND: an hour. The webcal: URL is not a web page.
			{line: 55, uid: "6E7F8091-A2B3-4C4D-9E5F-60718293A4B5", lang: lang.SV, title: "Nätverksmöte, Nordic-Baltic Hub",
				start: "2026-04-10T12:00:00Z", end: "2026-04-10T13:00:00Z", zone: "Europe/Stockholm"},
		}},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.file, ".ics"), func(t *testing.T) {
			items, err := parseFile(t, tc.file, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			check(t, items, tc.want)
		})
	}
}

func TestBadFixtures(t *testing.T) {
	tests := []struct {
		file  string
		msgID string
		line  int
		args  map[string]any
	}{
		{"bad_unbalanced.ics", icsimport.MsgSyntax, 11, nil},
		{"bad_no_summary.ics", icsimport.MsgMissingSummary, 11, nil},
		{"bad_zone.ics", icsimport.MsgUnknownZone, 24, map[string]any{"TZID": "Customized Time Zone"}},
		{"bad_rrule_unbounded.ics", icsimport.MsgTooManyOccurrences, 9, map[string]any{"Title": "Daily check-in", "Max": 100}},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.file, ".ics"), func(t *testing.T) {
			items, err := parseFile(t, tc.file, icsimport.Options{Lang: lang.EN, Zone: "Europe/Oslo"})
			assertErr(t, items, err, tc.msgID, tc.line, tc.args)
		})
	}
}

func TestUnknownZoneChosenInForm(t *testing.T) {
	items, err := parseFile(t, "bad_zone.ics", icsimport.Options{Lang: lang.NO, Zone: "Europe/Oslo", UnknownZonesAsZone: true})
	if err != nil {
		t.Fatal(err)
	}
	e := items[0].Event
	if e.Zone != "Europe/Oslo" || e.Start.Format(time.RFC3339) != "2025-12-10T09:00:00Z" || e.Texts[lang.NO].Title != "Nettverksmøte mot menneskehandel" {
		t.Errorf("got %s %s %v", e.Zone, e.Start, e.Texts)
	}
}

func assertErr(t *testing.T, items []icsimport.Item, err error, msgID string, line int, args map[string]any) {
	t.Helper()
	var ie *icsimport.Error
	if !errors.As(err, &ie) {
		t.Fatalf("got %d items and error %v, want *Error %s", len(items), err, msgID)
	}
	if items != nil {
		t.Errorf("got items with an error")
	}
	if ie.MsgID != msgID || ie.Line != line {
		t.Fatalf("got %s at line %d (%v), want %s at line %d", ie.MsgID, ie.Line, ie.Args, msgID, line)
	}
	if line > 0 && ie.Args["Line"] != line {
		t.Errorf("Args[Line] = %v, want %d", ie.Args["Line"], line)
	}
	for k, v := range args {
		if ie.Args[k] != v {
			t.Errorf("Args[%s] = %#v, want %#v", k, ie.Args[k], v)
		}
	}
}

func TestFixtureTexts(t *testing.T) {
	t.Run("outlook description keeps line breaks and the Teams link", func(t *testing.T) {
		items, err := parseFile(t, "outlook.ics", icsimport.Options{Lang: lang.FI, Zone: "Europe/Helsinki"})
		if err != nil {
			t.Fatal(err)
		}
		d := items[0].Event.Texts[lang.FI].Description
		for _, s := range []string{
			"Yksi jäsen osallistuu etänä.\n\nEsityslista ja muistio",
			"Liity tietokoneella, mobiilisovelluksella tai huonelaitteella\n",
			"<https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ3YTFmZDctMmI0Ni00ZTk5LWE0ZjMtOGQ2YjU1YzE2ZTVm%40thread.v2/0?context=%7b%22Tid%22%3a%22c0ffee00-1111-2222-3333-444455556666%22%7d>",
		} {
			if !strings.Contains(d, s) {
				t.Errorf("description lacks %q:\n%s", s, d)
			}
		}
		if strings.HasSuffix(d, "\n") || strings.Contains(d, `\`) {
			t.Errorf("description not cleaned: %q", d)
		}
	})
	t.Run("thunderbird description folded inside a letter", func(t *testing.T) {
		items, err := parseFile(t, "thunderbird.ics", icsimport.Options{Lang: lang.FI, Zone: "Europe/Helsinki"})
		if err != nil {
			t.Fatal(err)
		}
		want := "Työryhmän viides kokous. Käsitellään ihmiskaupan vastaisen toimintaohjelman luonnosta, " +
			"erityisesti työperäistä hyväksikäyttöä, lapsiin kohdistuvaa ihmiskauppaa ja uhrien " +
			"auttamisjärjestelmän kehittämistä. Mukana myös Åland-työryhmän edustaja; " +
			"pöytäkirjan tarkastavat Mäkelä ja Öhman."
		if got := items[0].Event.Texts[lang.FI].Description; got != want {
			t.Errorf("description\n got %q\nwant %q", got, want)
		}
	})
	t.Run("google override keeps its own description", func(t *testing.T) {
		items, err := parseFile(t, "google.ics", icsimport.Options{Zone: "Europe/Oslo"})
		if err != nil {
			t.Fatal(err)
		}
		if d := items[2].Event.Texts[lang.EN].Description; !strings.HasPrefix(d, "Extended session") {
			t.Errorf("override description %q", d)
		}
		if d := items[0].Event.Texts[lang.EN].Description; !strings.Contains(d, "Join with Google Meet: https://meet.google.com/abc-defg-hij") {
			t.Errorf("series description %q", d)
		}
	})
}

// The drafts are complete enough that, once the caller adds what an .ics
// file cannot say, they pass the domain's validation.
func TestFixturesValidate(t *testing.T) {
	for _, file := range []string{"outlook.ics", "google.ics", "thunderbird.ics", "apple.ics"} {
		items, err := parseFile(t, file, icsimport.Options{Lang: lang.EN, Zone: "Europe/Copenhagen"})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, it := range items {
			e := it.Event
			e.Attendance, e.Category, e.Audience = calendar.Online, calendar.Meeting, calendar.Open
			e.Organisers = []directory.Organisation{{ID: 1}}
			if err := e.Validate(); err != nil {
				t.Errorf("%s line %d %s: %v", file, it.Line, e.UID, err)
			}
		}
	}
}
