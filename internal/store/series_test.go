// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// monthlySeries is the coordinators' online meeting: the first Tuesday of
// every month at 10:00 Oslo time, twelve times from January 2027.
func monthlySeries(f *fixture) calendar.Event {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	start := time.Date(2027, 1, 5, 10, 0, 0, 0, oslo)
	return calendar.Event{
		Status: calendar.Published, OriginalLang: lang.EN,
		Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Coordinators' monthly call"}},
		Start: start, End: start.Add(90 * time.Minute), Zone: "Europe/Oslo",
		Attendance: calendar.Online, OnlineURL: "https://meet.example.org/nwg", Category: calendar.Meeting,
		Audience: calendar.Internal, Organisers: []directory.Organisation{{ID: f.om.ID}},
		Networks: []directory.Network{{ID: f.coord.ID}}, Topics: []calendar.Topic{calendar.Victims},
		Repeat: calendar.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"},
	}
}

func seriesDates(t *testing.T, f *fixture) []calendar.Event {
	t.Helper()
	evs, err := f.db.ListEvents(context.Background(), calendar.Query{
		Filter:   calendar.Filter{From: calendar.Date{Year: 2027, Month: 1, Day: 1}, To: calendar.Date{Year: 2028, Month: 12, Day: 31}},
		Statuses: calendar.Statuses})
	if err != nil {
		t.Fatal(err)
	}
	var out []calendar.Event
	for _, e := range evs {
		if e.SeriesID != 0 {
			out = append(out, e)
		}
	}
	return out
}

func TestSeriesDatesAreListedInWallClock(t *testing.T) {
	f := newFixture(t)
	e := monthlySeries(f)
	if err := f.cal.Create(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	dates := seriesDates(t, f)
	if len(dates) != 12 {
		t.Fatalf("%d dates listed, want 12", len(dates))
	}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	want := []string{"2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01",
		"2027-07-06", "2027-08-03", "2027-09-07", "2027-10-05", "2027-11-02", "2027-12-07"}
	for i, d := range dates {
		local := d.Start.In(oslo)
		if got := local.Format("2006-01-02 15:04"); got != want[i]+" 10:00" {
			t.Errorf("date %d starts %s, want %s 10:00 Oslo", i, got, want[i])
		}
		if d.UID != e.UID || d.SeriesID != e.ID || d.Overridden {
			t.Errorf("date %d: uid %q series %d overridden %v", i, d.UID, d.SeriesID, d.Overridden)
		}
		if len(d.Organisers) != 1 || len(d.Networks) != 1 || len(d.Topics) != 1 || d.Texts[lang.EN].Title == "" {
			t.Errorf("date %d lost its links: %+v", i, d)
		}
	}
	// Summer time: 10:00 Oslo is 08:00 UTC in June, 09:00 UTC in January.
	if h := dates[5].Start.UTC().Hour(); h != 8 {
		t.Errorf("June date at %02d UTC, want 08", h)
	}
	if h := dates[0].Start.UTC().Hour(); h != 9 {
		t.Errorf("January date at %02d UTC, want 09", h)
	}
}

func TestSeriesOverridesSurviveASaveOfTheSeries(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := monthlySeries(f)
	if err := f.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	dates := seriesDates(t, f)
	// Move the March meeting by a day, cancel the May one.
	moved := dates[2]
	moved.Start, moved.End = moved.Start.Add(24*time.Hour), moved.End.Add(24*time.Hour)
	if err := f.cal.Edit(ctx, audit.CLI, &moved); err != nil {
		t.Fatal(err)
	}
	if err := f.cal.Cancel(ctx, audit.CLI, dates[4].ID, dates[4].Version); err != nil {
		t.Fatal(err)
	}
	// Edit the whole series: a new title and a new link.
	master, err := f.db.EventByID(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	master.Texts = map[lang.Code]calendar.Text{lang.EN: {Title: "Coordinators' call"}}
	master.OnlineURL = "https://meet.example.org/nwg2"
	if err := f.cal.Edit(ctx, audit.CLI, &master); err != nil {
		t.Fatal(err)
	}
	dates = seriesDates(t, f)
	if len(dates) != 12 {
		t.Fatalf("%d dates after the save, want 12", len(dates))
	}
	ovs, err := f.db.Overrides(ctx, []int64{e.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(ovs) != 2 {
		t.Fatalf("%d overrides, want 2", len(ovs))
	}
	if ovs[0].RecurrenceKey != "20270302T100000" || !ovs[0].Start.Equal(dates[2].Start) || ovs[0].Start.Day() != 3 {
		t.Errorf("moved date: key %s start %v", ovs[0].RecurrenceKey, ovs[0].Start)
	}
	if ovs[1].RecurrenceKey != "20270504T100000" || ovs[1].Status != calendar.Cancelled {
		t.Errorf("cancelled date: key %s status %s", ovs[1].RecurrenceKey, ovs[1].Status)
	}
	for _, o := range ovs {
		if o.Sequence < master.Sequence {
			t.Errorf("override %s has SEQUENCE %d below the series' %d", o.RecurrenceKey, o.Sequence, master.Sequence)
		}
	}
	if got := dates[0].OnlineURL; got != "https://meet.example.org/nwg2" {
		t.Errorf("an unchanged date has link %q, want the series' new one", got)
	}
	// Cancelling the series cancels every date, the overrides too.
	master, _ = f.db.EventByID(ctx, e.ID)
	if err := f.cal.Cancel(ctx, audit.CLI, master.ID, master.Version); err != nil {
		t.Fatal(err)
	}
	for _, d := range seriesDates(t, f) {
		if d.Status != calendar.Cancelled {
			t.Errorf("date %s is %s after the series was cancelled", d.RecurrenceKey, d.Status)
		}
	}
}

func TestSeriesRuleChangeDropsDatesNoLongerInIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := monthlySeries(f)
	if err := f.cal.Create(ctx, &e); err != nil {
		t.Fatal(err)
	}
	last := seriesDates(t, f)[11]
	last.Venue, last.Attendance, last.City = "Paasitorni", calendar.Hybrid, "Helsinki"
	if err := f.cal.Edit(ctx, audit.CLI, &last); err != nil {
		t.Fatal(err)
	}
	master, _ := f.db.EventByID(ctx, e.ID)
	master.Repeat.Rule = "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
	if err := f.cal.Edit(ctx, audit.CLI, &master); err != nil {
		t.Fatal(err)
	}
	if n := len(seriesDates(t, f)); n != 6 {
		t.Errorf("%d dates, want 6", n)
	}
	if ovs, _ := f.db.Overrides(ctx, []int64{e.ID}); len(ovs) != 0 {
		t.Errorf("the December override outlived its date: %v", ovs)
	}
	// A series made a single event has no dates.
	master, _ = f.db.EventByID(ctx, e.ID)
	master.Repeat = calendar.Repeat{}
	if err := f.cal.Edit(ctx, audit.CLI, &master); err != nil {
		t.Fatal(err)
	}
	if n := len(seriesDates(t, f)); n != 0 {
		t.Errorf("%d dates of a single event", n)
	}
}
