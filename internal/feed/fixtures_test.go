// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"fmt"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// hostile carries everything that could break a content line: CRLF, a lone
// CR, a lone LF, an injected property, TEXT and parameter delimiters, C0
// and C1 controls, DEL and the Unicode line and paragraph separators.
const hostile = "Evil \"quoted\"; semi, comma: colon \\ back O'Brien\r\nATTENDEE:mailto:evil@example.org\rlone CR\nlone LF\x00nul\x07bel\x1besc\x7fdel\u0085nel\u2028ls\u2029ps\ttab"

// stamp is the fixed "now" of the fixtures: feeds never read the clock.
var stamp = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

func day(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }

func at(zone string, y int, m time.Month, d, hh, mm int) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	return time.Date(y, m, d, hh, mm, 0, 0, loc).UTC()
}

var (
	orgOM = directory.Organisation{ID: 1, Slug: "om-fi", OriginalLang: lang.FI, Abbreviation: "OM", Country: "FI",
		Names: lang.Texts{lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice, Finland"}}
	orgNCM = directory.Organisation{ID: 2, Slug: "ncm", OriginalLang: lang.EN, Country: "INT",
		Names: lang.Texts{lang.EN: "Nordic Council of Ministers", lang.DA: "Nordisk Ministerråd", lang.SV: "Nordiska ministerrådet"}}
	orgKRIPOS = directory.Organisation{ID: 3, Slug: "kripos", OriginalLang: lang.NO, Country: "NO",
		Names: lang.Texts{lang.NO: "Kripos – Nasjonal enhet for bekjempelse av organisert og annen alvorlig kriminalitet"}}
	orgHostile = directory.Organisation{ID: 4, Slug: "evil", OriginalLang: lang.EN, Country: "SE",
		Names: lang.Texts{lang.EN: hostile}}
)

// englishStrings is the vocabulary the web layer would pass for English.
func englishStrings() feed.Strings {
	return feed.Strings{
		CancelledPrefix: "Cancelled: ",
		Online:          "Online",
		Organisers:      "Organisers",
		Registration:    "Registration",
		Deadline:        "Registration deadline",
		MoreInfo:        "More information",
		Category: map[calendar.Category]string{
			calendar.Conference: "Conference", calendar.Seminar: "Seminar", calendar.Meeting: "Meeting",
			calendar.Training: "Training",
		},
		Topic: map[calendar.Topic]string{
			calendar.Labour: "Labour exploitation", calendar.ResearchData: "Research and data",
			calendar.Victims: "Victim support", calendar.Children: "Children",
		},
		Country: map[directory.Country]string{
			"FI": "Finland", "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "IS": "Iceland",
			"GL": "Greenland", "FO": "Faroe Islands", "AX": "Åland",
		},
		FormatDate: func(d calendar.Date) string { return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year) },
	}
}

func testCalendar(l lang.Code) feed.Calendar {
	return feed.Calendar{
		Name:        "Nordic anti-trafficking calendar",
		Description: "Events of the Nordic work against trafficking in human beings",
		URL:         "https://nordcal.example.org/" + string(l) + "/events",
		Lang:        l,
		Zone:        "Europe/Copenhagen",
		EventURL: func(e calendar.Event) string {
			return fmt.Sprintf("https://nordcal.example.org/%s/events/%d", l, e.ID)
		},
		OrganisationURL: func(o directory.Organisation) string {
			return fmt.Sprintf("https://nordcal.example.org/%s/directory/organisations/%s", l, o.Slug)
		},
		OrganizerEmail: "calendar@nordcal.example.org",
		Strings:        englishStrings(),
	}
}

// base returns a published event with the fields every event has.
func base(id int64, title string) calendar.Event {
	return calendar.Event{
		ID: id, UID: fmt.Sprintf("evt-%d@nordcal.example.org", id), Status: calendar.Published, Sequence: 1,
		OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: title}},
		Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
		Organisers: []directory.Organisation{orgNCM},
		CreatedAt:  stamp.Add(-30 * 24 * time.Hour), UpdatedAt: stamp,
	}
}

func allDay(e calendar.Event, zone string, first, last calendar.Date) calendar.Event {
	e.AllDay, e.StartDate, e.EndDate, e.Zone = true, first, last, zone
	loc, _ := time.LoadLocation(zone)
	e.Start, e.End = first.In(loc).UTC(), last.AddDays(1).In(loc).UTC()
	return e
}

func timed(e calendar.Event, zone string, start time.Time, d time.Duration) calendar.Event {
	e.Zone, e.Start, e.End = zone, start, start.Add(d)
	return e
}

func conferenceEvent() calendar.Event {
	e := allDay(base(101, "Nordic Conference on Trafficking for Forced Labour"), "Europe/Helsinki", day(2026, 12, 1), day(2026, 12, 3))
	e.OriginalLang = lang.FI
	e.Texts = map[lang.Code]calendar.Text{
		lang.FI: {Title: "Pohjoismainen konferenssi työperäisestä ihmiskaupasta", Description: "Kolmipäiväinen konferenssi."},
		lang.EN: {Title: "Nordic Conference on Trafficking for Forced Labour",
			Description: "Three days on labour exploitation in the Nordic countries.\n\nDay 1: research, day 2: practice; day 3: policy."},
	}
	e.Sequence = 2
	e.Venue, e.Address, e.City, e.Country = "Finlandia Hall", "Mannerheimintie 13e", "Helsinki", "FI"
	e.Category, e.Topics = calendar.Conference, []calendar.Topic{calendar.Labour, calendar.ResearchData}
	e.RegistrationURL = "https://om.fi/en/registration?event=nordic-2026&lang=en"
	e.RegistrationDeadline = day(2026, 11, 15)
	e.ContactEmail = "conference@om.fi"
	e.Organisers = []directory.Organisation{orgOM, orgNCM}
	return e
}

func hybridEvent() calendar.Event {
	e := timed(base(102, "Webinar: identifying victims in asylum procedures"), "Europe/Helsinki",
		at("Europe/Helsinki", 2026, 12, 15, 10, 0), 5*time.Hour+30*time.Minute)
	e.Attendance = calendar.Hybrid
	e.OnlineURL = "https://meet.example.org/j/123456?pwd=a,b;c"
	e.Venue, e.City, e.Country = "House of the Estates", "Helsinki", "FI"
	e.Category, e.Topics = calendar.Seminar, []calendar.Topic{calendar.Victims}
	e.Texts[lang.EN] = calendar.Text{Title: e.Texts[lang.EN].Title, Description: "Join in Helsinki or online."}
	e.Organisers = []directory.Organisation{orgOM}
	return e
}

func cancelledEvent() calendar.Event {
	e := timed(base(103, "Oslo seminar on child trafficking"), "Europe/Oslo", at("Europe/Oslo", 2027, 1, 20, 9, 0), 3*time.Hour)
	e.Status, e.Sequence = calendar.Cancelled, 3
	e.Venue, e.City, e.Country = "Politihuset", "Oslo", "NO"
	e.Topics = []calendar.Topic{calendar.Children}
	e.Organisers = []directory.Organisation{orgKRIPOS}
	return e
}

func tentativeEvent() calendar.Event {
	e := allDay(base(104, "Save the date: Nordic coordinators' meeting"), "Europe/Copenhagen", day(2027, 2, 10), day(2027, 2, 10))
	e.Status, e.Sequence = calendar.Tentative, 0
	e.Country = "DK"
	return e
}

func lettersEvents() []calendar.Event {
	fi := timed(base(111, ""), "Europe/Helsinki", at("Europe/Helsinki", 2027, 3, 2, 9, 0), 7*time.Hour)
	fi.OriginalLang = lang.FI
	fi.Texts = map[lang.Code]calendar.Text{lang.FI: {
		Title:       "Ihmiskaupan vastaisen työn pohjoismainen seminaari: ääniä, näkökulmia ja käytännön työkaluja Pohjolassa",
		Description: "Seminaarissa käsitellään työperäistä hyväksikäyttöä, pakkotyötä ja uhrien tunnistamista. Päivän aikana kuullaan järjestöjä, viranomaisia ja tutkijoita Suomesta, Ruotsista, Norjasta, Tanskasta ja Islannista.",
	}}
	fi.Venue, fi.City, fi.Country = "Säätytalo", "Helsinki", "FI"
	da := allDay(base(112, ""), "Atlantic/Faroe", day(2027, 4, 5), day(2027, 4, 6))
	da.OriginalLang = lang.DA
	da.Texts = map[lang.Code]calendar.Text{lang.DA: {
		Title:       "Nordisk seminar om menneskehandel: børn, unge og sårbare grupper på tværs af grænserne i Færøerne og Grønland",
		Description: "Mødet foregår på færøsk, dansk og engelsk. Åbent for alle fagfolk.",
	}}
	da.Venue, da.City, da.Country = "Norðurlandahúsið", "Tórshavn", "FO"
	no := timed(base(113, ""), "Europe/Oslo", at("Europe/Oslo", 2027, 5, 11, 12, 0), 2*time.Hour)
	no.OriginalLang = lang.NO
	no.Texts = map[lang.Code]calendar.Text{lang.NO: {
		Title: "Fagdag om menneskehandel og tvangsarbeid i fiskeri- og byggenæringen: erfaringer fra Bodø, Tromsø og Ålesund",
	}}
	no.Venue, no.City, no.Country = "Kripos, Brynsalléen 6", "Oslo", "NO"
	no.Organisers = []directory.Organisation{orgKRIPOS}
	is := timed(base(114, "Þjóðfundur um mansal í Reykjavík: málþing um réttindi þolenda, ábyrgð stjórnvalda og samstarf á Norðurlöndum, með þátttöku Færeyinga"),
		"Atlantic/Reykjavik", at("Atlantic/Reykjavik", 2027, 6, 3, 13, 0), 3*time.Hour)
	is.Venue, is.Address, is.City, is.Country = "Harpa", "Austurbakki 2", "Reykjavík", "IS"
	return []calendar.Event{fi, da, no, is}
}

func hostileEvent() calendar.Event {
	e := timed(base(121, hostile), "Europe/Stockholm", at("Europe/Stockholm", 2027, 1, 12, 13, 0), 2*time.Hour)
	e.Texts[lang.EN] = calendar.Text{Title: hostile, Description: hostile}
	e.Venue, e.Address, e.City, e.Country = hostile, hostile, hostile, "SE"
	e.Attendance = calendar.Hybrid
	e.OnlineURL = "https://evil.example.org/\r\nATTENDEE:mailto:evil@example.org"
	e.RegistrationURL = "javascript:alert(1)"
	e.ContactEmail = "evil@example.org\r\nATTENDEE:mailto:evil@example.org"
	e.Organisers = []directory.Organisation{orgHostile, orgNCM}
	return e
}

func hostileCalendar() feed.Calendar {
	c := testCalendar(lang.EN)
	c.Name, c.Description = hostile, hostile
	c.Strings.Category = map[calendar.Category]string{calendar.Meeting: hostile}
	c.Strings.Organisers = hostile
	return c
}

func zoneEvents() []calendar.Event {
	hel := timed(base(131, "Helsinki: working group"), "Europe/Helsinki", at("Europe/Helsinki", 2026, 12, 2, 9, 0), 2*time.Hour)
	sto := timed(base(132, "Stockholm: the night the clocks go back"), "Europe/Stockholm", at("Europe/Stockholm", 2027, 10, 30, 22, 0), 6*time.Hour)
	rey := timed(base(133, "Reykjavík: victim support network"), "Atlantic/Reykjavik", at("Atlantic/Reykjavik", 2027, 1, 14, 15, 0), 90*time.Minute)
	// Nuuk moves its clocks at 01:00 UTC, which is 23:00 on the Saturday
	// before the last Sunday of March on its own clock.
	nuuk := timed(base(134, "Nuuk: evening call across the spring change"), "America/Nuuk", at("America/Nuuk", 2027, 3, 27, 22, 0), 90*time.Minute)
	nuukSummer := timed(base(135, "Nuuk: summer meeting"), "America/Nuuk", at("America/Nuuk", 2027, 7, 1, 10, 0), time.Hour)
	utc := timed(base(136, "Online: UTC-zoned call"), "UTC", time.Date(2027, 2, 1, 12, 0, 0, 0, time.UTC), time.Hour)
	etc := timed(base(137, "Online: Etc/UTC-zoned call"), "Etc/UTC", time.Date(2027, 2, 2, 12, 0, 0, 0, time.UTC), time.Hour)
	for _, e := range []*calendar.Event{&utc, &etc} {
		e.Attendance, e.OnlineURL = calendar.Online, "https://meet.example.org/j/987"
	}
	return []calendar.Event{nuukSummer, utc, hel, rey, etc, nuuk, sto}
}

func fallbackEvent() calendar.Event {
	e := timed(base(141, ""), "Europe/Stockholm", at("Europe/Stockholm", 2027, 3, 9, 10, 0), 2*time.Hour)
	e.OriginalLang = lang.SV
	e.Texts = map[lang.Code]calendar.Text{lang.SV: {Title: "Nationellt möte om människohandel", Description: "Mötet hålls på svenska."}}
	e.City, e.Country = "Göteborg", "SE"
	e.Organisers = []directory.Organisation{orgOM}
	return e
}

func edgeEvents() []calendar.Event {
	online := timed(base(151, "Online-only training"), "Europe/Copenhagen", at("Europe/Copenhagen", 2027, 4, 20, 14, 0), time.Hour)
	online.Attendance, online.OnlineURL = calendar.Online, "https://meet.example.org/j/555"
	online.City, online.Country = "København", "DK"
	online.Category = calendar.Training
	// 02:30 on 25 October 2026 happens twice in Stockholm; this is the
	// second time, which a TZID cannot express.
	second := timed(base(152, "Night shift briefing"), "Europe/Stockholm", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), time.Hour)
	second.City, second.Country = "Malmö", "SE"
	noOrg := timed(base(153, "Open meeting without an organiser"), "Europe/Mariehamn", at("Europe/Mariehamn", 2027, 8, 20, 9, 0), time.Hour)
	noOrg.Organisers = nil
	noOrg.City, noOrg.Country = "Mariehamn", "AX"
	pending := timed(base(154, "Pending submission"), "Europe/Oslo", at("Europe/Oslo", 2027, 1, 1, 9, 0), time.Hour)
	pending.Status = calendar.Pending
	return []calendar.Event{online, second, noOrg, pending}
}

// nuukEvents straddle Greenland's 2023 change: -03/-02 until March 2023,
// -02 all summer, -02/-01 from 2024, one VTIMEZONE for all of them.
func nuukEvents() []calendar.Event {
	return []calendar.Event{
		timed(base(203, "Nuuk 2026"), "America/Nuuk", at("America/Nuuk", 2026, 3, 28, 22, 30), time.Hour),
		timed(base(201, "Nuuk 2022"), "America/Nuuk", at("America/Nuuk", 2022, 3, 26, 21, 30), time.Hour),
		timed(base(202, "Nuuk 2023"), "America/Nuuk", at("America/Nuuk", 2023, 6, 1, 10, 0), time.Hour),
	}
}
