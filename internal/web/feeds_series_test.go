// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// coordinatorsSeries creates the acceptance scenario's series: the
// coordinators' monthly online meeting, the first Tuesday at 10:00 Oslo
// time, six times from February 2027 (across the spring DST change),
// submitted and approved once.
func coordinatorsSeries(t *testing.T, a *app) calendar.Event {
	t.Helper()
	ctx := context.Background()
	start := time.Date(2027, 2, 2, 10, 0, 0, 0, mustZone(t, "Europe/Oslo"))
	e := calendar.Event{
		Status: calendar.Pending, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Coordinators' monthly meeting"}},
		Start: start, End: start.Add(90 * time.Minute), Zone: "Europe/Oslo",
		Attendance: calendar.Online, OnlineURL: "https://meet.example.org/nwg", Category: calendar.Meeting,
		Audience: calendar.Open, Organisers: a.ev["Oslo seminar"].Organisers,
		Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"},
	}
	if err := a.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := a.cal.Approve(ctx, actorForTest, calendar.Moderation{EventID: e.ID, Version: e.Version}); err != nil {
		t.Fatal(err)
	}
	e, err := a.db.EventByID(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// seriesEvents returns the VEVENTs with uid, the series first.
func seriesEvents(t *testing.T, body, uid string) (master *ics.VEvent, overrides map[string]*ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	overrides = map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		if e.Id() != uid {
			continue
		}
		if rid := prop(e, ics.ComponentPropertyRecurrenceId); rid != "" {
			overrides[rid] = e
			continue
		}
		if master != nil {
			t.Fatalf("two VEVENTs with UID %s and no RECURRENCE-ID", uid)
		}
		master = e
	}
	return master, overrides
}

func TestFeedWritesASeriesOnceWithItsOverrides(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	e := coordinatorsSeries(t, a)

	master, overrides := seriesEvents(t, a.get(t, "/feeds/events.ics", http.StatusOK).Body.String(), e.UID)
	if master == nil || len(overrides) != 0 {
		t.Fatalf("approved series: master %v, %d overrides; want one VEVENT", master != nil, len(overrides))
	}
	if got := prop(master, ics.ComponentPropertyRrule); got != "FREQ=MONTHLY;BYDAY=1TU;COUNT=6" {
		t.Errorf("RRULE %q", got)
	}
	if got := master.GetProperty(ics.ComponentPropertyDtStart); got.Value != "20270202T100000" || got.ICalParameters["TZID"][0] != "Europe/Oslo" {
		t.Errorf("DTSTART %v %q", got.ICalParameters, got.Value)
	}

	// Move the March meeting to Wednesday 13:00 and cancel the April one.
	moved, err := a.db.Occurrence(ctx, e.ID, "20270302T100000")
	if err != nil {
		t.Fatal(err)
	}
	moved.Start, moved.End = moved.Start.Add(27*time.Hour), moved.End.Add(27*time.Hour)
	if err := a.cal.Edit(ctx, audit.CLI, &moved); err != nil {
		t.Fatal(err)
	}
	cancelled, err := a.db.Occurrence(ctx, e.ID, "20270406T100000")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.cal.Cancel(ctx, audit.CLI, cancelled.ID, cancelled.Version); err != nil {
		t.Fatal(err)
	}

	body := a.get(t, "/feeds/events.ics", http.StatusOK).Body.String()
	master, overrides = seriesEvents(t, body, e.UID)
	if master == nil || len(overrides) != 2 {
		t.Fatalf("after a move and a cancellation: master %v, %d overrides, want 2:\n%s", master != nil, len(overrides), body)
	}
	seq := prop(master, ics.ComponentPropertySequence)
	if seq != fmt.Sprint(e.Sequence) {
		t.Errorf("series SEQUENCE %s, want %d (changing one date leaves the series alone)", seq, e.Sequence)
	}
	if exdate := master.GetProperty(ics.ComponentPropertyExdate); exdate != nil {
		t.Errorf("a recent cancelled date is an EXDATE %q, want a CANCELLED override", exdate.Value)
	}
	for _, c := range []struct {
		key, start, status, summary string
	}{
		{"20270302T100000", "20270303T130000", "CONFIRMED", "Coordinators' monthly meeting"},
		{"20270406T100000", "20270406T100000", "CANCELLED", "Cancelled: Coordinators' monthly meeting"},
	} {
		o := overrides[c.key]
		if o == nil {
			t.Errorf("no override with RECURRENCE-ID %s", c.key)
			continue
		}
		if tz := o.GetProperty(ics.ComponentPropertyRecurrenceId).ICalParameters["TZID"]; len(tz) != 1 || tz[0] != "Europe/Oslo" {
			t.Errorf("%s: RECURRENCE-ID TZID %v, want DTSTART's Europe/Oslo", c.key, tz)
		}
		if got := prop(o, ics.ComponentPropertyDtStart); got != c.start {
			t.Errorf("%s: DTSTART %s, want %s", c.key, got, c.start)
		}
		if got := prop(o, ics.ComponentPropertyStatus); got != c.status {
			t.Errorf("%s: STATUS %s, want %s", c.key, got, c.status)
		}
		if got := prop(o, ics.ComponentPropertySummary); got != c.summary {
			t.Errorf("%s: SUMMARY %q, want %q", c.key, got, c.summary)
		}
		if got := prop(o, ics.ComponentPropertySequence); got != fmt.Sprint(e.Sequence+1) {
			t.Errorf("%s: SEQUENCE %s, want %d (the series' and one change)", c.key, got, e.Sequence+1)
		}
		if prop(o, ics.ComponentPropertyLastModified) == "" {
			t.Errorf("%s: no LAST-MODIFIED", c.key)
		}
	}

	// The event's own file holds the same, asked for by the series or by
	// one of its dates.
	for _, id := range []int64{e.ID, moved.ID} {
		body := a.get(t, fmt.Sprintf("/events/%d.ics", id), http.StatusOK).Body.String()
		if m, o := seriesEvents(t, body, e.UID); m == nil || len(o) != 2 {
			t.Errorf("/events/%d.ics: master %v, %d overrides, want the series and 2", id, m != nil, len(o))
		}
	}
}

// TestFeedFiltersASeriesPerDate: a series is in a filtered feed when any
// of its dates matches, and then whole.
func TestFeedFiltersASeriesPerDate(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	e := coordinatorsSeries(t, a)
	// The May meeting is held in Oslo, on site.
	may, err := a.db.Occurrence(ctx, e.ID, "20270504T100000")
	if err != nil {
		t.Fatal(err)
	}
	may.Attendance, may.OnlineURL, may.Venue, may.City, may.Country = calendar.OnSite, "", "Politihuset", "Oslo", "NO"
	if err := a.cal.Edit(ctx, audit.CLI, &may); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query     string
		in        bool
		overrides int
	}{
		{"country=NO", true, 1},
		{"country=SE", false, 0},
		{"attendance=online", true, 1},
		{"from=2027-05-01&to=2027-05-31", true, 1},
		{"from=2027-08-01", false, 0},
		{"category=conference", false, 0},
	} {
		body := a.get(t, "/feeds/events.ics?"+c.query, http.StatusOK).Body.String()
		master, overrides := seriesEvents(t, body, e.UID)
		if (master != nil) != c.in || len(overrides) != c.overrides {
			t.Errorf("?%s: series in feed %v with %d overrides, want %v and %d", c.query, master != nil, len(overrides), c.in, c.overrides)
		}
		if c.in && prop(master, ics.ComponentPropertyRrule) == "" {
			t.Errorf("?%s: the series has no RRULE", c.query)
		}
	}
}

// TestFeedTurnsOldCancelledDatesIntoExdates: a date cancelled on its own
// is a CANCELLED override while cancelled events stay in feeds, then an
// EXDATE of the series.
func TestFeedTurnsOldCancelledDatesIntoExdates(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	start := time.Date(2026, 6, 2, 10, 0, 0, 0, mustZone(t, "Europe/Oslo"))
	e := calendar.Event{
		Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Steering group"}},
		Start: start, End: start.Add(time.Hour), Zone: "Europe/Oslo",
		Attendance: calendar.Online, OnlineURL: "https://meet.example.org/sg", Category: calendar.Meeting,
		Audience: calendar.Open, Organisers: a.ev["Oslo seminar"].Organisers,
		Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=8"},
	}
	if err := a.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	// July was long ago (more than CancelledWindow before the tests' now,
	// 23 November 2026), November was days ago.
	for _, key := range []string{"20260707T100000", "20261103T100000"} {
		o, err := a.db.Occurrence(ctx, e.ID, key)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.cal.Cancel(ctx, audit.CLI, o.ID, o.Version); err != nil {
			t.Fatal(err)
		}
	}
	master, overrides := seriesEvents(t, a.get(t, "/feeds/events.ics", http.StatusOK).Body.String(), e.UID)
	if master == nil {
		t.Fatal("the series is not in the feed")
	}
	exdate := master.GetProperty(ics.ComponentPropertyExdate)
	if exdate == nil || exdate.Value != "20260707T100000" || exdate.ICalParameters["TZID"][0] != "Europe/Oslo" {
		t.Errorf("EXDATE %v, want 20260707T100000 in Europe/Oslo", exdate)
	}
	if len(overrides) != 1 || overrides["20261103T100000"] == nil {
		t.Errorf("overrides %v, want only the November one", overrides)
	}
}
