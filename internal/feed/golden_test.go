// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// want describes the events a feed must hold, in order.
type want struct {
	uid      string
	seq      string
	status   string
	summary  string
	language string
}

type scenario struct {
	name   string
	cal    feed.Calendar
	events []calendar.Event
	want   []want
}

func scenarios() []scenario {
	fi := testCalendar(lang.FI)
	return []scenario{
		{"allday_conference", testCalendar(lang.EN), []calendar.Event{conferenceEvent()}, []want{
			{"evt-101@nordcal.example.org", "2", "CONFIRMED", "Nordic Conference on Trafficking for Forced Labour", "en"},
		}},
		{"hybrid_helsinki", testCalendar(lang.EN), []calendar.Event{hybridEvent()}, []want{
			{"evt-102@nordcal.example.org", "1", "CONFIRMED", "Webinar: identifying victims in asylum procedures", "en"},
		}},
		{"cancelled", testCalendar(lang.EN), []calendar.Event{cancelledEvent()}, []want{
			{"evt-103@nordcal.example.org", "3", "CANCELLED", "Cancelled: Oslo seminar on child trafficking", "en"},
		}},
		{"tentative", testCalendar(lang.EN), []calendar.Event{tentativeEvent()}, []want{
			{"evt-104@nordcal.example.org", "0", "TENTATIVE", "Save the date: Nordic coordinators' meeting", "en"},
		}},
		{"nordic_letters", fi, lettersEvents(), []want{
			{"evt-111@nordcal.example.org", "1", "CONFIRMED", "Ihmiskaupan vastaisen työn pohjoismainen seminaari: ääniä, näkökulmia ja käytännön työkaluja Pohjolassa", "fi"},
			{"evt-112@nordcal.example.org", "1", "CONFIRMED", "Nordisk seminar om menneskehandel: børn, unge og sårbare grupper på tværs af grænserne i Færøerne og Grønland", "da"},
			{"evt-113@nordcal.example.org", "1", "CONFIRMED", "Fagdag om menneskehandel og tvangsarbeid i fiskeri- og byggenæringen: erfaringer fra Bodø, Tromsø og Ålesund", "nb"}, // bokmål as BCP 47 says it; URLs say "no"
			{"evt-114@nordcal.example.org", "1", "CONFIRMED", "Þjóðfundur um mansal í Reykjavík: málþing um réttindi þolenda, ábyrgð stjórnvalda og samstarf á Norðurlöndum, með þátttöku Færeyinga", "en"},
		}},
		{"hostile", hostileCalendar(), []calendar.Event{hostileEvent()}, []want{
			{"evt-121@nordcal.example.org", "1", "CONFIRMED", hostileLine, "en"},
		}},
		{"zones", testCalendar(lang.EN), zoneEvents(), []want{
			{"evt-131@nordcal.example.org", "1", "CONFIRMED", "Helsinki: working group", "en"},
			{"evt-133@nordcal.example.org", "1", "CONFIRMED", "Reykjavík: victim support network", "en"},
			{"evt-136@nordcal.example.org", "1", "CONFIRMED", "Online: UTC-zoned call", "en"},
			{"evt-137@nordcal.example.org", "1", "CONFIRMED", "Online: Etc/UTC-zoned call", "en"},
			{"evt-134@nordcal.example.org", "1", "CONFIRMED", "Nuuk: evening call across the spring change", "en"},
			{"evt-135@nordcal.example.org", "1", "CONFIRMED", "Nuuk: summer meeting", "en"},
			{"evt-132@nordcal.example.org", "1", "CONFIRMED", "Stockholm: the night the clocks go back", "en"},
		}},
		{"fallback_sv", fi, []calendar.Event{fallbackEvent()}, []want{
			{"evt-141@nordcal.example.org", "1", "CONFIRMED", "Nationellt möte om människohandel", "sv"},
		}},
		{"nuuk_years", testCalendar(lang.EN), nuukEvents(), []want{
			{"evt-201@nordcal.example.org", "1", "CONFIRMED", "Nuuk 2022", "en"},
			{"evt-202@nordcal.example.org", "1", "CONFIRMED", "Nuuk 2023", "en"},
			{"evt-203@nordcal.example.org", "1", "CONFIRMED", "Nuuk 2026", "en"},
		}},
		{"series", testCalendar(lang.EN), seriesEvents(), []want{
			{"evt-311@nordcal.example.org", "1", "CONFIRMED", "European Anti-Trafficking Day", "en"},
			{"evt-301@nordcal.example.org", "1", "CONFIRMED", "Coordinators' network: monthly online meeting", "en"},
			{"evt-301@nordcal.example.org", "2", "CONFIRMED", "Coordinators' network: monthly online meeting", "en"},
			{"evt-321@nordcal.example.org", "1", "CONFIRMED", "Helpline case review", "en"},
			{"evt-301@nordcal.example.org", "2", "CANCELLED", "Cancelled: Coordinators' network: monthly online meeting", "en"},
		}},
		{"edge_cases", testCalendar(lang.EN), edgeEvents(), []want{
			{"evt-152@nordcal.example.org", "1", "CONFIRMED", "Night shift briefing", "en"},
			{"evt-151@nordcal.example.org", "1", "CONFIRMED", "Online-only training", "en"},
			{"evt-153@nordcal.example.org", "1", "CONFIRMED", "Open meeting without an organiser", "en"},
		}},
	}
}

func write(t testing.TB, c feed.Calendar, evs []calendar.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := feed.Write(&buf, c, evs); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// TestGolden compares each scenario with its file in testdata/ (rewrite
// them with -update), then reads the file back and checks it.
func TestGolden(t *testing.T) {
	for _, s := range scenarios() {
		t.Run(s.name, func(t *testing.T) {
			golden := checkGolden(t, s.name+".ics", write(t, s.cal, s.events))
			p := parse(t, golden)
			if len(p.events) != len(s.want) {
				t.Fatalf("%d VEVENTs, want %d", len(p.events), len(s.want))
			}
			for i, w := range s.want {
				e := p.events[i]
				if got := value(e, ics.ComponentPropertyUniqueId); got != w.uid {
					t.Errorf("event %d UID %q, want %q (order by start, then UID)", i, got, w.uid)
				}
				if got := value(e, ics.ComponentPropertySequence); got != w.seq {
					t.Errorf("%s SEQUENCE %q, want %q", w.uid, got, w.seq)
				}
				if got := value(e, ics.ComponentPropertyStatus); got != w.status {
					t.Errorf("%s STATUS %q, want %q", w.uid, got, w.status)
				}
				if got := value(e, ics.ComponentPropertySummary); got != w.summary {
					t.Errorf("%s SUMMARY\n%q, want\n%q", w.uid, got, w.summary)
				}
				if got := param(e, ics.ComponentPropertySummary, "LANGUAGE"); got != w.language {
					t.Errorf("%s SUMMARY LANGUAGE=%q, want %q", w.uid, got, w.language)
				}
			}
			checkTimes(t, p, s.events)
		})
	}
}

// checkGolden compares got with testdata/name, which -update rewrites
// first, and returns the file.
func checkGolden(t *testing.T, name string, got []byte) []byte {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/feed -update)", err)
	}
	if !bytes.Equal(got, golden) {
		t.Errorf("output differs from %s (run with -update if the change is intended):\n%s", path, diff(golden, got))
	}
	return golden
}

// diff shows the first differing lines of two feeds.
func diff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\r\n"), strings.Split(string(b), "\r\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 20; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}

// checkTimes reads every public event's DTSTART and DTEND back as instants
// (through the feed's own VTIMEZONEs) and compares them with the input.
func checkTimes(t *testing.T, p parsed, evs []calendar.Event) {
	t.Helper()
	// An override shares its series' UID and is told by RECURRENCE-ID.
	byUID := map[string]*ics.VEvent{}
	for _, e := range p.events {
		byUID[value(e, ics.ComponentPropertyUniqueId)+"|"+value(e, ics.ComponentPropertyRecurrenceId)] = e
	}
	for _, e := range evs {
		pe := byUID[e.UID+"|"+e.RecurrenceKey]
		if !e.IsPublic() {
			if pe != nil {
				t.Errorf("%s (%s) is in the feed", e.UID, e.Status)
			}
			continue
		}
		if pe == nil {
			t.Errorf("%s is missing", e.UID)
			continue
		}
		start, end := eventTimes(t, pe, p.zones)
		if e.AllDay {
			if start != e.StartDate.In(time.UTC) || end != e.EndDate.AddDays(1).In(time.UTC) {
				t.Errorf("%s: dates %s–%s, want %s and the day after %s", e.UID, start, end, e.StartDate, e.EndDate)
			}
			for _, prop := range []ics.ComponentProperty{ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd} {
				if v := param(pe, prop, "VALUE"); v != "DATE" || strings.Contains(value(pe, prop), "T") {
					t.Errorf("%s: %s %q VALUE=%q, want a DATE", e.UID, prop, value(pe, prop), v)
				}
			}
			continue
		}
		if !start.Equal(e.Start) || !end.Equal(e.End) {
			t.Errorf("%s: %s–%s, want %s–%s", e.UID, start, end, e.Start, e.End)
		}
		tzid := param(pe, ics.ComponentPropertyDtStart, "TZID")
		switch {
		case e.Zone == "UTC" || e.Zone == "Etc/UTC":
			if tzid != "" || !strings.HasSuffix(value(pe, ics.ComponentPropertyDtStart), "Z") {
				t.Errorf("%s in %s: DTSTART;TZID=%s:%s, want UTC", e.UID, e.Zone, tzid, value(pe, ics.ComponentPropertyDtStart))
			}
		case tzid == "":
			// Only an instant that a local time cannot name may be UTC.
			if !strings.HasSuffix(value(pe, ics.ComponentPropertyDtStart), "Z") {
				t.Errorf("%s: DTSTART is floating", e.UID)
			}
		case tzid != e.Zone:
			t.Errorf("%s: TZID %s, want %s", e.UID, tzid, e.Zone)
		}
	}
}
