// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/feed/feedtest"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// ownEvents are events as nordcal stores them, with every kind of text a
// feed adds around them.
func ownEvents() []calendar.Event {
	om := directory.Organisation{ID: 1, OriginalLang: lang.FI, Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.EN: "Ministry of Justice, Finland"}}
	ncm := directory.Organisation{ID: 2, OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Nordic Council of Ministers", lang.DA: "Nordisk Ministerråd"}}
	ev := func(id int64, title string) calendar.Event {
		start := time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, int(id))
		return calendar.Event{ID: id, UID: fmt.Sprintf("%d@nordcal.example.org", id), Status: calendar.Published,
			OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: title}},
			Start: start, End: start.Add(3 * time.Hour), Zone: "Europe/Helsinki", Attendance: calendar.OnSite,
			Category: calendar.Meeting, Audience: calendar.Open, Organisers: []directory.Organisation{om},
			CreatedAt: time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2025, 10, 2, 9, 0, 0, 0, time.UTC)}
	}
	hybrid := ev(1, "Nordic conference on labour exploitation")
	hybrid.OriginalLang = lang.FI
	hybrid.Texts = map[lang.Code]calendar.Text{
		lang.FI: {Title: "Pohjoismainen konferenssi työperäisestä hyväksikäytöstä", Description: "Konferenssi.\n\nToinen kappale."},
		lang.EN: {Title: "Nordic conference on labour exploitation", Description: "A conference.\n\nA second paragraph."},
	}
	hybrid.Attendance, hybrid.OnlineURL = calendar.Hybrid, "https://meet.example.org/hki"
	hybrid.Venue, hybrid.Address, hybrid.City, hybrid.Country = "Paasitorni", "Paasivuorenkatu 5 A", "Helsinki", "FI"
	hybrid.RegistrationURL, hybrid.RegistrationDeadline = "https://om.fi/register", calendar.Date{Year: 2025, Month: 11, Day: 20}
	hybrid.Organisers = append(hybrid.Organisers, ncm)
	hybrid.PublicURL = "https://om.fi/conference"

	cancelled := ev(2, "Webinar on victim identification")
	cancelled.Status, cancelled.Attendance, cancelled.OnlineURL = calendar.Cancelled, calendar.Online, "https://meet.example.org/w"

	// The longest title there may be, with the prefix in front.
	long := ev(3, strings.Repeat("Pitkä otsikko ", 13)+"loppuun asti")
	long.Status, long.City, long.Country = calendar.Cancelled, "Oslo", "NO"

	comma := ev(4, "Fagdag om menneskehandel")
	comma.OriginalLang = lang.NO
	comma.Texts = map[lang.Code]calendar.Text{lang.NO: {Title: "Fagdag om menneskehandel", Description: "Påmelding: send en e-post."}}
	comma.Venue, comma.City, comma.Country, comma.Zone = "Kripos, Brynsalléen 6", "Oslo", "NO", "Europe/Oslo"

	tentative := ev(5, "Save the date")
	tentative.Status, tentative.Country = calendar.Tentative, "DK"
	tentative.AllDay, tentative.StartDate, tentative.EndDate = true, calendar.Date{Year: 2026, Month: 3, Day: 2}, calendar.Date{Year: 2026, Month: 3, Day: 3}
	return []calendar.Event{hybrid, cancelled, long, comma, tentative}
}

func writeOwn(t testing.TB, l lang.Code, evs []calendar.Event) string {
	t.Helper()
	var buf bytes.Buffer
	c := feed.Calendar{Name: "nordcal", Lang: l, Zone: "Europe/Copenhagen", OrganizerEmail: "calendar@example.org",
		EventURL: func(e calendar.Event) string { return fmt.Sprintf("https://nordcal.example.org/%s/events/%d", l, e.ID) },
		Strings:  feedtest.Strings(t, l)}
	if err := feed.Write(&buf, c, evs); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Calendar programs that subscribe to a feed keep SUMMARY, DESCRIPTION and
// LOCATION as they received them; these are the other changes their
// exports make.
var (
	languageParam = regexp.MustCompile(`(?m)^(SUMMARY);LANGUAGE=[^:]*:`)
	urlProperty   = regexp.MustCompile(`(?m)^URL:[^\r\n]*\r\n( [^\r\n]*\r\n)*`)
	statusLine    = regexp.MustCompile(`(?m)^STATUS:[^\r\n]*\r\n`)
)

var clientExports = []struct {
	name   string
	export func(string) string
}{
	{"the feed itself", func(s string) string { return s }},
	{"Outlook", func(s string) string {
		s = strings.Replace(s, "PRODID:-//nordcal//nordcal 1.0//EN", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", 1)
		s = languageParam.ReplaceAllString(s, "$1;LANGUAGE=sv-SE:")
		s = statusLine.ReplaceAllString(s, "")
		return strings.ReplaceAll(s, "BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\nX-MICROSOFT-CDO-IMPORTANCE:1\r\n")
	}},
	{"Google Calendar", func(s string) string {
		s = strings.Replace(s, "PRODID:-//nordcal//nordcal 1.0//EN", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", 1)
		s = languageParam.ReplaceAllString(s, "$1:")
		s = urlProperty.ReplaceAllString(s, "")
		return strings.ReplaceAll(s, "END:VEVENT\r\n", "X-GOOGLE-CALENDAR-CONTENT-DISPLAY:chip\r\nEND:VEVENT\r\n")
	}},
	{"Thunderbird", func(s string) string {
		s = strings.Replace(s, "PRODID:-//nordcal//nordcal 1.0//EN", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", 1)
		// Thunderbird writes LF and adds its own properties.
		s = strings.ReplaceAll(s, "END:VEVENT\r\n", "X-MOZ-GENERATION:1\r\nEND:VEVENT\r\n")
		return strings.ReplaceAll(s, "\r\n", "\n")
	}},
}

// TestOwnFeedIsReadBack imports nordcal's own feed in each language, and
// the copies calendar programs export of it, and gets the events' own
// titles, descriptions, places and statuses, without the generated text.
func TestOwnFeedIsReadBack(t *testing.T) {
	evs := ownEvents()
	r := feedtest.Recogniser(t)
	for _, l := range lang.All {
		for _, client := range clientExports {
			t.Run(string(l)+"/"+client.name, func(t *testing.T) {
				file := client.export(writeOwn(t, l, evs))
				items := mustParse(t, file, icsimport.Options{Lang: l, Zone: "Europe/Copenhagen", Own: r})
				if len(items) != len(evs) {
					t.Fatalf("%d items", len(items))
				}
				for i, it := range items {
					got, e := it.Event, evs[i]
					title, titleLang := e.Title(l)
					desc, _ := e.Description(l)
					if got.UID != e.UID || got.Texts[got.OriginalLang].Title != title || got.Texts[got.OriginalLang].Description != desc {
						t.Errorf("%s: texts %q in %s, want %q %q", e.UID, got.Texts, got.OriginalLang, title, desc)
					}
					if client.name != "Outlook" && client.name != "Google Calendar" && got.OriginalLang != titleLang {
						t.Errorf("%s: language %s, want %s", e.UID, got.OriginalLang, titleLang)
					}
					if want := e.Status; got.Status != want && !(client.name == "Outlook" && want == calendar.Tentative) {
						t.Errorf("%s: status %s, want %s", e.UID, got.Status, want)
					}
					// URL was the event's page in the feed, not a page of its own.
					if got.PublicURL != "" {
						t.Errorf("%s: PublicURL %q", e.UID, got.PublicURL)
					}
					place := [4]string{got.Venue, got.Address, got.City, string(got.Country)}
					want := [4]string{e.Venue, e.Address, e.City, string(e.Country)}
					switch {
					case e.Attendance == calendar.Online:
						want = [4]string{}
					case e.UID == "4@nordcal.example.org": // the venue with a comma: a guess
						want = [4]string{"Kripos", "Brynsalléen 6", "Oslo", "NO"}
					}
					if place != want {
						t.Errorf("%s: place %q, want %q", e.UID, place, want)
					}
				}
			})
		}
	}
}

// TestOtherFilesAreReadAsTheyAre: without the facts of a feed after the
// description, an event is not one of nordcal's, and its text is its own.
func TestOtherFilesAreReadAsTheyAre(t *testing.T) {
	r := feedtest.Recogniser(t)
	s := vcal(append(append(
		event("UID:a@example.org", "SUMMARY:Cancelled: Board meeting", "STATUS:CANCELLED", "DTSTART:20251202T100000Z",
			"LOCATION:Tampere-talo\\, Tampere\\, Suomi"),
		event("UID:b@example.org", "SUMMARY:Cancelled: the myths of trafficking", "DTSTART:20251203T100000Z",
			"DESCRIPTION:A talk.\\n\\nRegistration: https://example.org/r", "URL:https://example.org/talk")...),
		event("UID:c@example.org", "SUMMARY:PERUTTU: Kokous", "STATUS:CANCELLED", "DTSTART:20251204T100000Z")...)...)
	items := mustParse(t, s, icsimport.Options{Own: r})
	type got struct {
		title, desc, venue, url string
		status                  calendar.Status
	}
	wants := []got{
		{"Board meeting", "", "Tampere-talo, Tampere, Suomi", "", calendar.Cancelled},
		{"Cancelled: the myths of trafficking", "A talk.\n\nRegistration: https://example.org/r", "", "https://example.org/talk", calendar.Published},
		{"Kokous", "", "", "", calendar.Cancelled},
	}
	for i, it := range items {
		e := it.Event
		g := got{e.Texts[lang.EN].Title, e.Texts[lang.EN].Description, e.Venue, e.PublicURL, e.Status}
		if g != wants[i] || e.Address != "" || e.City != "" || e.Country != "" {
			t.Errorf("%s: got %+v (%q %q %q), want %+v", e.UID, g, e.Address, e.City, e.Country, wants[i])
		}
	}

	t.Run("without Own, a feed is read as it is", func(t *testing.T) {
		evs := ownEvents()
		items := mustParse(t, writeOwn(t, lang.EN, evs), icsimport.Options{Lang: lang.EN})
		e := items[1].Event
		if e.Texts[lang.EN].Title != "Cancelled: Webinar on victim identification" || !strings.Contains(e.Texts[lang.EN].Description, "More information: ") {
			t.Errorf("got %q", e.Texts)
		}
	})
}
