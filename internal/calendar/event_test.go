// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

func validEvent() calendar.Event {
	return calendar.Event{
		Status: calendar.Published, OriginalLang: lang.FI,
		Texts: map[lang.Code]calendar.Text{lang.FI: {Title: "Työryhmän kokous"}},
		Start: time.Date(2026, 11, 4, 11, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 4, 13, 0, 0, 0, time.UTC),
		Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI", Attendance: calendar.Hybrid,
		Category: calendar.Meeting, Audience: calendar.Internal, Organisers: []directory.Organisation{{ID: 1}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(e *calendar.Event)
		field  string // "" means valid
	}{
		{"valid", func(e *calendar.Event) {}, ""},
		{"no title in the original language", func(e *calendar.Event) {
			e.Texts = map[lang.Code]calendar.Text{lang.SV: {Title: "Möte"}}
		}, "title_fi"},
		{"title only whitespace", func(e *calendar.Event) { e.Texts[lang.FI] = calendar.Text{Title: "  \t "} }, "title_fi"},
		{"title too long", func(e *calendar.Event) { e.Texts[lang.FI] = calendar.Text{Title: strings.Repeat("ä", 201)} }, "title_fi"},
		{"title with a line break", func(e *calendar.Event) { e.Texts[lang.FI] = calendar.Text{Title: "a\r\nATTENDEE:x"} }, "title_fi"},
		{"description may have line breaks", func(e *calendar.Event) {
			e.Texts[lang.FI] = calendar.Text{Title: "t", Description: "a\n\nb\r\nc"}
		}, ""},
		{"description with a NUL", func(e *calendar.Event) { e.Texts[lang.FI] = calendar.Text{Title: "t", Description: "a\x00"} }, "description_fi"},
		{"unknown language", func(e *calendar.Event) { e.Texts["de"] = calendar.Text{Title: "Treffen"} }, "original_lang"},
		{"end before start", func(e *calendar.Event) { e.End = e.Start.Add(-time.Minute) }, "end"},
		{"end equals start", func(e *calendar.Event) { e.End = e.Start }, "end"},
		{"longer than 60 days", func(e *calendar.Event) { e.End = e.Start.Add(61 * 24 * time.Hour) }, "end"},
		{"year 1999", func(e *calendar.Event) { e.Start, e.End = e.Start.AddDate(-27, 0, 0), e.End.AddDate(-27, 0, 0) }, "start"},
		{"unknown zone", func(e *calendar.Event) { e.Zone = "Europe/Atlantis" }, "zone"},
		{"Local is not a zone", func(e *calendar.Event) { e.Zone = "Local" }, "zone"},
		{"all-day end before start", func(e *calendar.Event) {
			e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2026, Month: 12, Day: 3}, calendar.Date{Year: 2026, Month: 12, Day: 1}
		}, "end"},
		{"all-day one day", func(e *calendar.Event) {
			e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2026, Month: 12, Day: 3}, calendar.Date{Year: 2026, Month: 12, Day: 3}
		}, ""},
		{"unknown country", func(e *calendar.Event) { e.Country = "XX" }, "country"},
		{"on site needs a place", func(e *calendar.Event) { e.Attendance, e.City, e.Venue = calendar.OnSite, "", "" }, "city"},
		{"online needs no place", func(e *calendar.Event) { e.Attendance, e.City, e.Country = calendar.Online, "", "" }, ""},
		{"javascript URL", func(e *calendar.Event) { e.OnlineURL = "javascript:alert(1)" }, "online_url"},
		{"relative URL", func(e *calendar.Event) { e.RegistrationURL = "/register" }, "registration_url"},
		{"bad e-mail", func(e *calendar.Event) { e.ContactEmail = "Name <a@example.org>" }, "contact_email"},
		{"header injection in e-mail", func(e *calendar.Event) { e.ContactEmail = "a@example.org\r\nBcc: b@example.org" }, "contact_email"},
		{"unknown category", func(e *calendar.Event) { e.Category = "party" }, "category"},
		{"unknown topic", func(e *calendar.Event) { e.Topics = []calendar.Topic{"cooking"} }, "topics"},
		{"unknown audience", func(e *calendar.Event) { e.Audience = "" }, "audience"},
		{"unknown event language", func(e *calendar.Event) { e.Languages = []string{"xx"} }, "languages"},
		{"no organiser", func(e *calendar.Event) { e.Organisers = nil }, "organisers"},
		{"pending is a valid status", func(e *calendar.Event) { e.Status = calendar.Pending }, ""},
		{"unknown status", func(e *calendar.Event) { e.Status = "draft" }, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEvent()
			tt.change(&e)
			err := e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ae *apperr.Error
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("want Invalid naming %q, got %v", tt.field, err)
			}
			ae = err.(*apperr.Error)
			if _, ok := ae.Fields[tt.field]; !ok {
				t.Errorf("fields %v do not name %q", ae.Fields, tt.field)
			}
		})
	}
}

func TestAllDayInstantsFollowTheZone(t *testing.T) {
	e := validEvent()
	e.AllDay, e.StartDate, e.EndDate = true, calendar.Date{Year: 2026, Month: 3, Day: 28}, calendar.Date{Year: 2026, Month: 3, Day: 29}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	// Helsinki is UTC+2 until 03:00 on 29 March 2026, UTC+3 after.
	if want := time.Date(2026, 3, 27, 22, 0, 0, 0, time.UTC); !e.Start.Equal(want) {
		t.Errorf("start %v, want %v", e.Start, want)
	}
	if want := time.Date(2026, 3, 29, 21, 0, 0, 0, time.UTC); !e.End.Equal(want) {
		t.Errorf("end %v, want %v (midnight after the last day, summer time)", e.End, want)
	}
}

func TestDaysInTheEventsZone(t *testing.T) {
	tests := []struct {
		name        string
		zone        string
		start, end  time.Time
		first, last string
	}{
		{"evening in Helsinki is the next day in UTC terms", "Europe/Helsinki",
			time.Date(2026, 11, 26, 22, 30, 0, 0, time.UTC), time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC), "2026-11-27", "2026-11-27"},
		{"ends at midnight", "Europe/Oslo",
			time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC), "2026-11-26", "2026-11-26"},
		{"crosses midnight", "Europe/Stockholm",
			time.Date(2026, 11, 26, 20, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC), "2026-11-26", "2026-11-27"},
		{"Nuuk is behind UTC", "America/Nuuk",
			time.Date(2026, 11, 27, 0, 30, 0, 0, time.UTC), time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC), "2026-11-26", "2026-11-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := calendar.Event{Zone: tt.zone, Start: tt.start, End: tt.end}
			first, last := e.Days()
			if first.String() != tt.first || last.String() != tt.last {
				t.Errorf("days %s–%s, want %s–%s", first, last, tt.first, tt.last)
			}
		})
	}
}

func TestTitleFallback(t *testing.T) {
	e := calendar.Event{OriginalLang: lang.SV, Texts: map[lang.Code]calendar.Text{
		lang.SV: {Title: "Möte"}, lang.EN: {Title: "Meeting"}}}
	for _, tt := range []struct {
		want     lang.Code
		title    string
		fromLang lang.Code
	}{{lang.SV, "Möte", lang.SV}, {lang.EN, "Meeting", lang.EN}, {lang.FI, "Möte", lang.SV}} {
		if got, l := e.Title(tt.want); got != tt.title || l != tt.fromLang {
			t.Errorf("Title(%s) = %q (%s), want %q (%s)", tt.want, got, l, tt.title, tt.fromLang)
		}
	}
}

func TestSearchTextFoldsAccents(t *testing.T) {
	e := calendar.Event{Texts: map[lang.Code]calendar.Text{lang.SV: {Title: "Jämställdhet och MÄNNISKOHANDEL"}},
		City: "Tórshavn", Organisers: []directory.Organisation{{Names: lang.Texts{lang.NO: "Kompetansesenter for Øst"}}}}
	got := e.SearchText()
	for _, w := range []string{"jamstalldhet", "manniskohandel", "torshavn", "ost"} {
		if !strings.Contains(got, w) {
			t.Errorf("search text %q lacks %q", got, w)
		}
	}
	if terms := calendar.QueryTerms("  Mäkelä   ØST "); strings.Join(terms, "|") != "makela|ost" {
		t.Errorf("QueryTerms = %q", terms)
	}
}
