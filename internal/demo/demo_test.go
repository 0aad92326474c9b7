// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// load runs Load on a fresh database with the clock at now and returns
// every public event and the directory.
func load(t *testing.T, now time.Time) ([]calendar.Event, []directory.Organisation, []directory.Network) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	dir := directory.NewService(db)
	cal := calendar.NewService(db, db, "demo.example.org", func() time.Time { return now })
	if err := Load(ctx, dir, cal, now); err != nil {
		t.Fatalf("Load: %v", err)
	}
	events, err := db.ListEvents(ctx, calendar.Query{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := dir.Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nets, err := dir.Networks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return events, orgs, nets
}

func TestLoad(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC),
		time.Date(2027, time.June, 1, 12, 0, 0, 0, time.UTC),
		time.Date(2026, time.October, 12, 23, 30, 0, 0, time.UTC), // pushes the clash past Christmas
		time.Date(2025, time.November, 23, 8, 0, 0, 0, time.UTC),  // 17 May 2026 is a Sunday
	} {
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			events, orgs, nets := load(t, now)
			checkDirectory(t, orgs, nets)
			checkEvents(t, events, now)
		})
	}
}

func checkDirectory(t *testing.T, orgs []directory.Organisation, nets []directory.Network) {
	t.Helper()
	if len(orgs) < 30 {
		t.Errorf("%d organisations, want at least 30", len(orgs))
	}
	for _, slug := range []string{"om-fi", "tem-fi", "stm-fi", "sm-fi", "okm-fi", "um-fi", "migri-fi", "monika-fi", "riku-fi",
		"jd-no", "sfk-no", "politidirektoratet-no", "kom-no", "rosa-no", "bufdir-no", "nim-no",
		"jamstalldhetsmyndigheten-se", "polisen-se", "cmm-dk", "jm-dk", "dmr-is",
		"nmr", "nikk", "cbss", "greta-coe", "unodc", "osce-cthb", "europol", "ilo"} {
		if !slices.ContainsFunc(orgs, func(o directory.Organisation) bool { return o.Slug == slug }) {
			t.Errorf("organisation %s missing", slug)
		}
	}
	// The bodies networks work under are named in every language, so no
	// page reads "Arbejder under: Nordic Council of Ministers for Justice".
	for _, n := range nets {
		for _, l := range lang.All {
			if p, pl := n.ParentBody(l); p != "" && pl != l {
				t.Errorf("network %s: the parent body has no name in %s (shows %q)", n.Slug, l, p)
			}
		}
	}
	types := map[directory.OrgType]bool{}
	for _, o := range orgs {
		types[o.Type] = true
		if o.Names[lang.EN] == "" {
			t.Errorf("organisation %s has no English name", o.Slug)
		}
	}
	for _, typ := range directory.OrgTypes {
		if !types[typ] {
			t.Errorf("no organisation of type %s", typ)
		}
	}
	if len(nets) < 7 {
		t.Errorf("%d networks, want at least 7", len(nets))
	}
	for _, n := range nets {
		for _, l := range lang.All {
			if n.Names[l] == "" || n.Descriptions[l] == "" {
				t.Errorf("network %s lacks a name or description in %s", n.Slug, l)
			}
		}
	}
}

func checkEvents(t *testing.T, events []calendar.Event, now time.Time) {
	t.Helper()
	horizon := now.AddDate(0, 14, 0)
	var future []calendar.Event
	zones := map[string]bool{}
	cats := map[calendar.Category]bool{}
	topicSet := map[calendar.Topic]bool{}
	auds := map[calendar.Audience]bool{}
	atts := map[calendar.Attendance]bool{}
	statuses := map[calendar.Status]int{}
	fallback, multiDay, registration := 0, 0, 0
	for _, e := range events {
		if e.Texts[e.OriginalLang].Title == "" || len(e.Organisers) == 0 || e.Organisers[0].ID == 0 {
			t.Errorf("event %d lacks a title in its language or an organiser", e.ID)
		}
		if strings.Contains(e.ContactEmail, "@") && !strings.HasSuffix(e.ContactEmail, "@example.org") {
			t.Errorf("event %d has a real-looking contact %s", e.ID, e.ContactEmail)
		}
		if e.OnlineURL != "" && !strings.HasPrefix(e.OnlineURL, "https://meet.example.org/") {
			t.Errorf("event %d: online link %s", e.ID, e.OnlineURL)
		}
		if !e.Start.After(now) || !e.Start.Before(horizon) {
			continue
		}
		future = append(future, e)
		zones[e.Zone] = true
		cats[e.Category] = true
		auds[e.Audience] = true
		atts[e.Attendance] = true
		statuses[e.Status]++
		for _, tp := range e.Topics {
			topicSet[tp] = true
		}
		if len(e.Texts) == 1 {
			fallback++
		}
		if e.AllDay && e.EndDate.After(e.StartDate) {
			multiDay++
		}
		if e.RegistrationURL != "" && !e.RegistrationDeadline.IsZero() {
			registration++
		}
	}
	if n := len(future); n < 60 || n > 90 {
		t.Errorf("%d public events in the next 14 months, want 60–90", n)
	}
	for _, z := range []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Atlantic/Reykjavik",
		"Europe/Mariehamn", "Atlantic/Faroe", "America/Nuuk"} {
		if !zones[z] {
			t.Errorf("no future event in %s", z)
		}
	}
	for _, c := range calendar.Categories {
		if !cats[c] {
			t.Errorf("no future event of category %s", c)
		}
	}
	for _, tp := range calendar.Topics {
		if !topicSet[tp] {
			t.Errorf("no future event on topic %s", tp)
		}
	}
	for _, a := range calendar.Audiences {
		if !auds[a] {
			t.Errorf("no future event with audience %s", a)
		}
	}
	for _, a := range calendar.Attendances {
		if !atts[a] {
			t.Errorf("no future event with attendance %s", a)
		}
	}
	for _, s := range calendar.PublicStatuses {
		if statuses[s] == 0 {
			t.Errorf("no future event with status %s", s)
		}
	}
	if multiDay == 0 {
		t.Error("no all-day event lasting several days")
	}
	if fallback == 0 {
		t.Error("no event in its original language only")
	}
	if registration == 0 {
		t.Error("no event with a registration link and deadline")
	}

	clashes := overlappingConferences(future)
	if len(clashes) != 1 {
		t.Errorf("%d pairs of overlapping conferences, want the one deliberate clash: %v", len(clashes), clashes)
	}
	for _, c := range clashes {
		if !c.first.In(time.UTC).After(now.AddDate(0, 2, -3)) || !c.first.In(time.UTC).Before(now.AddDate(0, 4, 0)) {
			t.Errorf("the clash starts %s, want two to four months after %s", c.first, now.Format(time.DateOnly))
		}
		t.Log("clash:", c.desc)
	}

	var onHoliday []string
	for _, e := range future {
		first, last := e.Days()
		for d := first; !d.After(last); d = d.AddDays(1) {
			if wd := d.Weekday(); holiday(d) && wd != time.Saturday && wd != time.Sunday && e.Category != calendar.Campaign {
				onHoliday = append(onHoliday, fmt.Sprintf("%s (%s, %s)", e.Texts[e.OriginalLang].Title, d, e.Zone))
				break
			}
		}
	}
	if len(onHoliday) != 1 || !strings.Contains(onHoliday[0], "Europe/Oslo") {
		t.Errorf("events on a weekday holiday: %v, want the one seminar in Oslo", onHoliday)
	}
	t.Logf("%d future events, %d in the original language only, on a holiday: %v", len(future), fallback, onHoliday)
}

type clash struct {
	first calendar.Date
	desc  string
}

// overlappingConferences returns the pairs of conferences, neither
// cancelled, that share a day.
func overlappingConferences(events []calendar.Event) []clash {
	var confs []calendar.Event
	for _, e := range events {
		if e.Category == calendar.Conference && e.Status != calendar.Cancelled {
			confs = append(confs, e)
		}
	}
	var out []clash
	for i, a := range confs {
		af, al := a.Days()
		for _, b := range confs[i+1:] {
			bf, bl := b.Days()
			if !af.After(bl) && !bf.After(al) {
				out = append(out, clash{af, fmt.Sprintf("%s (%s–%s) / %s (%s–%s)",
					a.Texts[a.OriginalLang].Title, af, al, b.Texts[b.OriginalLang].Title, bf, bl)})
			}
		}
	}
	return out
}

// TestLoadAnyDay loads the data set as if started on many different days,
// so that holidays, summers and year ends all get their turn.
func TestLoadAnyDay(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	start := time.Date(2026, time.January, 3, 7, 0, 0, 0, time.UTC)
	for i := range 24 {
		now := start.AddDate(0, 0, 17*i)
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			events, _, _ := load(t, now)
			checkEvents(t, events, now)
		})
	}
}

func TestLoadIsDeterministic(t *testing.T) {
	now := time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)
	summary := func(events []calendar.Event) []string {
		var out []string
		for _, e := range events {
			out = append(out, fmt.Sprintf("%s %s %s %s", e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339), e.Status, e.Texts[e.OriginalLang].Title))
		}
		return out
	}
	a, _, _ := load(t, now)
	b, _, _ := load(t, now)
	if !slices.Equal(summary(a), summary(b)) {
		t.Error("two loads with the same now differ")
	}
}

func TestHoliday(t *testing.T) {
	for _, c := range []struct {
		d    calendar.Date
		want bool
	}{
		{date(2026, time.April, 5), true},  // Easter Sunday 2026
		{date(2026, time.April, 2), true},  // Maundy Thursday
		{date(2026, time.May, 14), true},   // Ascension Day
		{date(2026, time.May, 25), true},   // Whit Monday
		{date(2026, time.June, 19), true},  // Midsummer Eve
		{date(2027, time.March, 28), true}, // Easter Sunday 2027
		{date(2026, time.May, 17), true},
		{date(2026, time.June, 18), false},
		{date(2026, time.November, 24), false},
	} {
		if got := holiday(c.d); got != c.want {
			t.Errorf("holiday(%s) = %v, want %v", c.d, got, c.want)
		}
	}
}
