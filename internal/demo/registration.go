// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// protectedDates are the days the secretariat keeps free: the two
// international days against trafficking and the Nordic Council's session.
func (l *loader) protectedDates() {
	year := l.base.Year
	dates := []calendar.ProtectedDate{
		{Names: lang.Texts{lang.EN: "EU Anti-Trafficking Day", lang.FI: "EU:n ihmiskaupan vastainen päivä",
			lang.SV: "EU:s dag mot människohandel", lang.DA: "EU's dag mod menneskehandel", lang.NO: "EUs dag mot menneskehandel"},
			First: calendar.Date{Year: year, Month: 10, Day: 18}, Last: calendar.Date{Year: year, Month: 10, Day: 18}, Yearly: true},
		{Names: lang.Texts{lang.EN: "World Day against Trafficking in Persons", lang.FI: "Ihmiskaupan vastainen maailmanpäivä",
			lang.SV: "Världsdagen mot människohandel", lang.DA: "Verdensdagen mod menneskehandel", lang.NO: "Verdensdagen mot menneskehandel"},
			First: calendar.Date{Year: year, Month: 7, Day: 30}, Last: calendar.Date{Year: year, Month: 7, Day: 30}, Yearly: true},
		{Names: lang.Texts{lang.EN: "Session of the Nordic Council", lang.FI: "Pohjoismaiden neuvoston istunto",
			lang.SV: "Nordiska rådets session", lang.DA: "Nordisk Råds session", lang.NO: "Nordisk råds sesjon"},
			First: calendar.Date{Year: year + 1, Month: 10, Day: 26}, Last: calendar.Date{Year: year + 1, Month: 10, Day: 28}},
	}
	for i := range dates {
		if err := l.cal.SaveProtectedDate(l.ctx, audit.CLI, &dates[i]); err != nil {
			l.fail(err)
			return
		}
	}
}

// submissions leaves two registrations in the moderation queue: a seminar
// that collides with the February conferences, and a save-the-date hold
// from an organisation the directory does not know yet.
func (l *loader) submissions() {
	seminar := calendar.Event{OriginalLang: lang.FI,
		Texts: map[lang.Code]calendar.Text{lang.FI: {Title: "Työperäisen hyväksikäytön seminaari",
			Description: "Puolen päivän seminaari työperäisestä ihmiskaupasta ja sen tunnistamisesta."}},
		AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 2, Day: 3}, EndDate: calendar.Date{Year: 2027, Month: 2, Day: 3},
		Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI", Attendance: calendar.OnSite, Category: calendar.Seminar,
		Audience: calendar.Open, Topics: []calendar.Topic{calendar.Labour}, Organisers: []directory.Organisation{l.orgs["tem-fi"]}}
	sub := calendar.Submission{Lang: lang.FI, SubmitterName: "Aino Virtanen", SubmitterEmail: "aino.virtanen@example.org"}
	if _, err := l.cal.Submit(l.ctx, &seminar, &sub); err != nil {
		l.fail(err)
		return
	}
	hold := calendar.Event{OriginalLang: lang.SV,
		Texts:  map[lang.Code]calendar.Text{lang.SV: {Title: "Nordiskt nätverksmöte om stöd till brottsoffer"}},
		AllDay: true, StartDate: l.base.AddDays(150), EndDate: l.base.AddDays(151), Zone: "Europe/Mariehamn", Country: "AX",
		Category: calendar.Meeting}
	holdSub := calendar.Submission{Hold: true, Lang: lang.SV, SubmitterName: "Åsa Söderström", SubmitterEmail: "asa.soderstrom@example.org",
		ProposedOrg: calendar.ProposedOrganisation{Name: "Ålands brottsofferjour", Country: "AX", Website: "https://brottsofferjour.example.org"}}
	if _, err := l.cal.Submit(l.ctx, &hold, &holdSub); err != nil {
		l.fail(err)
	}
}
