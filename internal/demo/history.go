// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

func date(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }

// history adds the real events named in the source documents: Finnish
// working and steering groups, the Helsinki conference of November 2025
// and the Nordic Council of Ministers' meetings of 2008.
func (l *loader) history() {
	const (
		omVenue   = "Kokoushuone Potentia, 2. krs"
		omAddress = "Meritullinkatu 10"
	)
	l.add(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Ihmiskaupan vastaisen toimintaohjelman päivittämistä valmistelevan työryhmän 4. kokous",
				"Työryhmän neljäs kokous. Asialistalla toimintaohjelmaluonnoksen esittely ja siitä käytävä keskustelu, ohjelman hyväksymisprosessi, toimenpidekokonaisuudet sekä seuranta ja jalkautus. Kokous pidetään oikeusministeriössä, ja siihen voi osallistua myös etäyhteydellä."),
			lang.SV: t("Fjärde mötet i arbetsgruppen för uppdatering av handlingsprogrammet mot människohandel",
				"Arbetsgruppens fjärde möte. På föredragningslistan står presentationen av och diskussionen om utkastet till handlingsprogram, godkännandeprocessen, åtgärdshelheterna samt uppföljningen och genomförandet. Mötet hålls vid justitieministeriet, och det går också att delta på distans."),
			lang.EN: t("Working group on updating Finland's anti-trafficking action programme – 4th meeting",
				"Fourth meeting of the working group. Agenda: presentation and discussion of the draft action programme, the approval process, the packages of measures, and monitoring and implementation. The meeting is held at the Ministry of Justice; members may also join online."),
		},
		day: date(2025, time.November, 4), from: "13:00", to: "15:00",
		venue: omVenue, address: omAddress, city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/om-toimintaohjelma-tr4",
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: []calendar.Topic{calendar.Legislation, calendar.Prevention, calendar.Victims},
		langs:  []string{"fi"}, orgs: []string{"om-fi"}, key: "om-working-group-4",
	})
	l.add(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Ihmiskaupan vastaisen toimintaohjelman päivittämistä valmistelevan työryhmän 5. kokous",
				"Työryhmän viides kokous. Kokouksen ajankohdasta päätettiin työryhmän 4. kokouksessa 4.11.2025."),
			lang.SV: t("Femte mötet i arbetsgruppen för uppdatering av handlingsprogrammet mot människohandel",
				"Arbetsgruppens femte möte. Tidpunkten beslutades vid arbetsgruppens fjärde möte den 4 november 2025."),
			lang.EN: t("Working group on updating Finland's anti-trafficking action programme – 5th meeting",
				"Fifth meeting of the working group, scheduled at its 4th meeting on 4.11.2025."),
		},
		day: date(2025, time.November, 28), from: "13:00", to: "14:00",
		venue: omVenue, address: omAddress, city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/om-toimintaohjelma-tr5",
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: []calendar.Topic{calendar.Legislation, calendar.Prevention, calendar.Victims},
		langs:  []string{"fi"}, orgs: []string{"om-fi"},
	})
	l.add(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Scoping Emerging Forms of Human Trafficking in the Nordic Countries",
				"Nordic conference organised by the Ministry of Justice of Finland on new and emerging forms of human trafficking in the Nordic countries. Held at Paasitorni in Helsinki and online. The conference language is English."),
			lang.FI: t("Ihmiskaupan uudet ilmenemismuodot Pohjoismaissa – konferenssi",
				"Oikeusministeriön järjestämä pohjoismainen konferenssi ihmiskaupan uusista ja kehittyvistä muodoista Pohjoismaissa. Konferenssi pidetään Helsingin Paasitornissa, ja sitä voi seurata myös etäyhteydellä. Konferenssin kieli on englanti."),
			lang.SV: t("Nya former av människohandel i de nordiska länderna – konferens",
				"Nordisk konferens om nya former av människohandel i de nordiska länderna, anordnad av justitieministeriet i Finland. Konferensen hålls i Paasitorni i Helsingfors och kan också följas på distans. Konferensspråket är engelska."),
		},
		day: date(2025, time.November, 26), from: "11:00", to: "19:30",
		venue: "Paasitorni", address: "Paasivuorenkatu 5 A", city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/scoping-emerging-forms",
		cat: calendar.Conference, aud: calendar.Open,
		topics: []calendar.Topic{calendar.ResearchData, calendar.Labour, calendar.Sexual, calendar.Prevention},
		langs:  []string{"en"}, orgs: []string{"om-fi"}, nets: []string{"nordic-coordinators"}, key: "scoping-conference",
	})
	l.add(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Ihmiskaupan vastaisen toimintaohjelman alustava esittely ministerityöryhmälle",
				"Päivitettävä ihmiskaupan vastainen toimintaohjelma esitellään alustavasti ministerityöryhmälle. Tilaisuus ei ole julkinen."),
			lang.SV: t("Preliminär presentation av handlingsprogrammet mot människohandel för en ministerarbetsgrupp",
				"Det uppdaterade handlingsprogrammet mot människohandel presenteras preliminärt för en ministerarbetsgrupp. Tillfället är inte offentligt."),
			lang.EN: t("Preliminary presentation of the anti-trafficking action programme to a ministerial working group",
				"The updated anti-trafficking action programme is presented in preliminary form to a ministerial working group. Not open to the public."),
		},
		day: date(2025, time.December, 18), days: 1,
		city: "Helsinki", country: "FI", att: calendar.OnSite,
		cat: calendar.Ministerial, aud: calendar.Invitation,
		topics: []calendar.Topic{calendar.Legislation},
		langs:  []string{"fi"}, orgs: []string{"om-fi"},
	})

	temTexts := func(fi, sv, en string) tx {
		return tx{
			lang.FI: t("Työ- ja koulutusperusteisten oleskelulupamenettelyjen ohjausryhmän kokous", fi),
			lang.SV: t("Möte i styrgruppen för förfarandena för arbets- och studiebaserade uppehållstillstånd", sv),
			lang.EN: t("Steering group for work- and education-based residence permit procedures – meeting", en),
		}
	}
	l.add(ev{
		orig: lang.FI,
		texts: temTexts(
			"Ohjausryhmän kokous Teamsissa. Asialistalla käsittelyaikojen tilanne, tilannekuvan seuranta ja mittarit, ohjausryhmän organisoituminen sekä työryhmien työsuunnitelmat. Ohjausryhmä kokoontuu noin 5–6 viikon välein; materiaalit toimitetaan viimeistään kolme päivää ennen kokousta.",
			"Styrgruppens möte på Teams. På föredragningslistan står handläggningstiderna, uppföljningen av lägesbilden och mätarna, styrgruppens organisering samt arbetsgruppernas arbetsplaner. Styrgruppen sammanträder med 5–6 veckors mellanrum; materialet skickas ut senast tre dagar före mötet.",
			"Meeting on Teams. Agenda: processing times, monitoring the situation picture and its indicators, the organisation of the steering group, and the working groups' work plans. The steering group meets every 5–6 weeks; material is sent at least three days before each meeting.",
		),
		day: date(2023, time.December, 12), from: "13:00", to: "15:00", country: "FI",
		att: calendar.Online, online: "https://meet.example.org/tem-ohjausryhma",
		cat: calendar.Steering, aud: calendar.Internal,
		topics: []calendar.Topic{calendar.Labour, calendar.Prevention},
		langs:  []string{"fi"}, orgs: []string{"tem-fi"},
	})
	l.add(ev{
		orig: lang.FI,
		texts: temTexts(
			"Ohjausryhmän seuraava kokous. Esillä ensimmäinen uudenmallinen tilannekuva ja scoreboard sekä kehittämis- ja ohjausrakenteen toimintasuunnitelma.",
			"Styrgruppens nästa möte. Då presenteras den första lägesbilden i ny form och resultattavlan (scoreboard) samt verksamhetsplanen för utvecklings- och styrstrukturen.",
			"Next meeting of the steering group: the first situation picture in the new format, the scoreboard, and the action plan for the development and steering structure.",
		),
		day: date(2024, time.January, 24), from: "13:00", to: "15:00", country: "FI",
		att: calendar.Online, online: "https://meet.example.org/tem-ohjausryhma",
		cat: calendar.Steering, aud: calendar.Internal,
		topics: []calendar.Topic{calendar.Labour, calendar.Prevention},
		langs:  []string{"fi"}, orgs: []string{"tem-fi"},
	})

	// The 2009 report names only the months of these two events; the days
	// below are placeholders, and the descriptions say so.
	l.add(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Koordineringsmøde for internationale organisationer i Den Nordlige Dimensions Partnerskab for Sundhed og Socialt Velbefindende",
				"Nordisk Ministerråd inviterede de internationale organisationer i partnerskabet til et fælles koordineringsmøde om indsatsen mod menneskehandel. Som opfølgning undersøgte Ministerrådet mulighederne for en fælles kalender, så konferencer ikke falder på de samme datoer. Kilden nævner kun måneden (december 2008); dagen her er omtrentlig."),
			lang.EN: t("Coordination meeting of the international organisations in the Northern Dimension Partnership in Public Health and Social Well-being",
				"The Nordic Council of Ministers invited the international organisations in the partnership to a joint coordination meeting on action against trafficking in human beings. As a follow-up, it looked into a shared calendar so that conferences would not fall on the same dates. The source gives only the month (December 2008); the day shown is approximate."),
		},
		day: date(2008, time.December, 10), days: 1,
		city: "København", country: "DK", att: calendar.OnSite,
		cat: calendar.Meeting, aud: calendar.Invitation,
		topics: []calendar.Topic{calendar.Prevention},
		langs:  []string{"en"}, orgs: []string{"nmr"}, nets: []string{"ndphs"},
	})
	l.add(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("International konference om samarbejdet mellem Nordvestrusland, de baltiske lande og Norden mod menneskehandel",
				"Nordisk Ministerråd afholdt en international konference i Skt. Petersborg for at styrke det regionale samarbejde mellem de baltiske lande og Nordvestrusland i indsatsen mod menneskehandel. Kilden nævner kun måneden (april 2008); datoerne her er omtrentlige."),
			lang.EN: t("International conference on cooperation between North-West Russia, the Baltic and the Nordic countries against trafficking in human beings",
				"The Nordic Council of Ministers held an international conference in St Petersburg to strengthen regional cooperation between the Baltic countries and North-West Russia against trafficking in human beings. The source gives only the month (April 2008); the dates shown are approximate."),
		},
		day: date(2008, time.April, 22), days: 2, zone: "Europe/Moscow",
		city: "St Petersburg", att: calendar.OnSite,
		cat: calendar.Conference, aud: calendar.Invitation,
		topics: []calendar.Topic{calendar.Prevention, calendar.Victims},
		langs:  []string{"en", "ru"}, orgs: []string{"nmr"},
	})
}
