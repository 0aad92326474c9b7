// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// repeating adds the meetings that are series: one record each, with the
// dates that fall on a holiday or in a quiet period left out (EXDATE), as
// real groups skip them; the coordinators' meeting has one date moved and
// one cancelled.
func (l *loader) repeating() {
	// The Nordic Working Group of National Coordinators meets online on the
	// first Tuesday of the month at 10:00 Copenhagen time, where the Nordic
	// Council of Ministers' secretariat is, twice a year also in person.
	nwg := l.repeat(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic Working Group of National Coordinators – online meeting",
				"Regular online meeting of the national coordinators against trafficking in human beings in Denmark, Finland, Iceland, Norway and Sweden, together with Åland, the Faroe Islands and Greenland. Standing items: news from the countries, preparation of the next in-person meeting, and joint Nordic input to GRETA and the CBSS Task Force."),
			lang.SV: t("Nordiska arbetsgruppen för nationella samordnare mot människohandel – onlinemöte",
				"Regelbundet onlinemöte för de nationella samordnarna mot människohandel i Danmark, Finland, Island, Norge och Sverige samt Åland, Färöarna och Grönland. Stående punkter: nytt från länderna, förberedelser inför nästa fysiska möte och gemensamma nordiska synpunkter till GRETA och Östersjöstaternas råds arbetsgrupp."),
			lang.FI: t("Ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismainen työryhmä – etäkokous",
				"Tanskan, Suomen, Islannin, Norjan ja Ruotsin sekä Ahvenanmaan, Färsaarten ja Grönlannin ihmiskaupan vastaisten kansallisten koordinaattoreiden säännöllinen etäkokous. Vakioasiat: ajankohtaista eri maista, seuraavan lähikokouksen valmistelu sekä yhteiset pohjoismaiset näkemykset GRETAlle ja Itämeren valtioiden neuvoston työryhmälle."),
			lang.DA: t("Den nordiske arbejdsgruppe af nationale koordinatorer mod menneskehandel – onlinemøde",
				"Fast onlinemøde for de nationale koordinatorer mod menneskehandel i Danmark, Finland, Island, Norge og Sverige samt Åland, Færøerne og Grønland. Faste punkter: nyt fra landene, forberedelse af næste fysiske møde og fælles nordiske bidrag til GRETA og Østersørådets taskforce."),
			lang.NO: t("Nordisk arbeidsgruppe for nasjonale koordinatorer mot menneskehandel – nettmøte",
				"Fast nettmøte for de nasjonale koordinatorene mot menneskehandel i Danmark, Finland, Island, Norge og Sverige samt Åland, Færøyene og Grønland. Faste saker: nytt fra landene, forberedelse av neste fysiske møte og felles nordiske innspill til GRETA og Østersjørådets arbeidsgruppe."),
		},
		day: l.firstNth(1, time.Tuesday), from: "10:00", to: "11:30", country: "DK",
		att: calendar.Online, online: "https://meet.example.org/nordic-coordinators",
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{prevention, victims, legislation},
		langs:  []string{"en", "da", "no", "sv"},
		orgs:   []string{"nmr"}, nets: []string{"nordic-coordinators"},
		contact: "nordic-coordinators@example.org",
	}, "FREQ=MONTHLY;BYDAY=1TU;COUNT=12")
	// The third meeting moves to the Wednesday, the fifth is cancelled.
	l.moveDate(nwg, 2, 1)
	l.cancelDate(nwg, 4)

	// The steering group for Finland's updated action programme, quarterly
	// on the second Thursday of the month.
	l.repeat(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Ihmiskaupan vastaisen toimintaohjelman toimeenpanon ohjausryhmä – kokous",
				"Ohjausryhmä seuraa päivitetyn ihmiskaupan vastaisen toimintaohjelman toimeenpanoa seurantasuunnitelman pohjalta. Asialistalla toimenpiteiden tilanne hallinnonaloittain ja raportointi. Kokousaineisto toimitetaan viimeistään kolme päivää ennen kokousta."),
			lang.SV: t("Styrgruppen för genomförandet av handlingsprogrammet mot människohandel – möte",
				"Styrgruppen följer upp genomförandet av det uppdaterade handlingsprogrammet mot människohandel utifrån uppföljningsplanen. På föredragningslistan står läget för åtgärderna inom varje förvaltningsområde samt rapporteringen. Mötesmaterialet skickas ut senast tre dagar före mötet."),
		},
		day: l.firstNth(2, time.Thursday), from: "13:00", to: "15:00",
		venue: "Oikeusministeriö", address: "Eteläesplanadi 10", city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/om-ohjausryhma",
		cat: calendar.Steering, aud: calendar.Internal,
		topics: topics{legislation, prevention, victims},
		langs:  []string{"fi", "sv"}, orgs: []string{"om-fi", "stm-fi", "sm-fi", "tem-fi"},
	}, "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH;COUNT=4")

	// A task force of the Nordic-Baltic Hub that prepares the joint
	// inspections of one season: every other Wednesday, four times.
	l.repeat(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic-Baltic Hub – task force on joint inspections, check-in",
				"Short online check-in of the task force that prepares this season's joint labour inspections in the Nordic and Baltic countries: inspection plans, interpreters, and referral of possible victims of trafficking for labour exploitation to assistance."),
		},
		day: l.slot(3, time.Wednesday, 1), from: "09:00", to: "09:45", country: "SE",
		att: calendar.Online, online: "https://meet.example.org/hub-task-force",
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{labour, victims},
		langs:  []string{"en"}, orgs: []string{"nmr"}, nets: []string{"nordic-baltic-hub"},
	}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=4")
}

// firstNth returns the n-th weekday wd of the first month, from the next,
// on which it is a working day at least a week from today.
func (l *loader) firstNth(n int, wd time.Weekday) calendar.Date {
	m := time.Date(l.base.Year, time.Month(l.base.Month)+1, 1, 0, 0, 0, 0, time.UTC)
	for {
		d := calendar.NthWeekday(m.Year(), m.Month(), n, wd)
		if l.base.DaysUntil(d) >= 7 && workingDays(d, 1) {
			return d
		}
		m = m.AddDate(0, 1, 0)
	}
}

// repeat creates e as a series under rule, leaving out the dates that are
// not working days, and returns it as stored.
func (l *loader) repeat(e ev, rule string) calendar.Event {
	if l.err != nil {
		return calendar.Event{}
	}
	out, err := l.event(e)
	if err != nil {
		l.fail(err)
		return out
	}
	out.Repeat.Rule = rule
	occ, err := out.Occurrences(out.Start, out.SeriesEnd(l.now), calendar.MaxOccurrences)
	if err != nil {
		l.fail(fmt.Errorf("demo: series %q: %w", e.texts[e.orig].Title, err))
		return out
	}
	for _, o := range occ {
		if !workingDays(calendar.DateOf(o.Key), 1) {
			out.Repeat.ExDates = append(out.Repeat.ExDates, o.Key)
		}
	}
	if err := l.cal.Create(l.ctx, &out); err != nil {
		l.fail(fmt.Errorf("demo: series %q: %w", e.texts[e.orig].Title, err))
	}
	return out
}

// dates returns the stored dates of series s in order.
func (l *loader) dates(s calendar.Event) []calendar.Event {
	if l.err != nil {
		return nil
	}
	first, _ := s.Days()
	evs, err := l.cal.Range(l.ctx, calendar.Filter{}, first, first.AddDays(2*366))
	if err != nil {
		l.fail(err)
		return nil
	}
	evs = slices.DeleteFunc(evs, func(e calendar.Event) bool { return e.SeriesID != s.ID })
	slices.SortFunc(evs, func(a, b calendar.Event) int { return a.Start.Compare(b.Start) })
	return evs
}

// moveDate moves date i of series s by days (to the next working day from
// there), as the secretariat does on the date's own page.
func (l *loader) moveDate(s calendar.Event, i, days int) {
	ds := l.dates(s)
	if l.err != nil || i >= len(ds) {
		return
	}
	d := ds[i]
	day, _ := d.Days()
	day = day.AddDays(days)
	for !workingDays(day, 1) {
		day = day.AddDays(1)
	}
	first, _ := d.Days()
	loc := d.Location()
	d.Start = d.Start.In(loc).AddDate(0, 0, first.DaysUntil(day)).UTC()
	d.End = d.Start.Add(ds[i].End.Sub(ds[i].Start))
	if err := l.cal.Edit(l.ctx, audit.CLI, &d); err != nil {
		l.fail(fmt.Errorf("demo: move date %d of series %d: %w", i, s.ID, err))
	}
}

// cancelDate cancels date i of series s.
func (l *loader) cancelDate(s calendar.Event, i int) {
	ds := l.dates(s)
	if l.err != nil || i >= len(ds) {
		return
	}
	if err := l.cal.Cancel(l.ctx, audit.CLI, ds[i].ID, ds[i].Version); err != nil {
		l.fail(fmt.Errorf("demo: cancel date %d of series %d: %w", i, s.ID, err))
	}
}
