// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// Shorthands for the lists that recur below.
type topics = []calendar.Topic

const (
	prevention  = calendar.Prevention
	victims     = calendar.Victims
	prosecution = calendar.Prosecution
	labour      = calendar.Labour
	sexual      = calendar.Sexual
	children    = calendar.Children
	research    = calendar.ResearchData
	legislation = calendar.Legislation
)

// future adds generated events over the next months. Dates are counted in
// weeks from today and moved past holidays and quiet periods, so the data
// set depends on now alone. Nothing here is random.
func (l *loader) future() {
	l.recurring()
	l.conferences()
	l.seminars()
	l.trainings()
	l.ministerial()
	l.deadlines()
}

// series adds one occurrence per week offset of a recurring meeting;
// occurrences that would fall on a holiday or in a quiet period are left
// out, as real groups skip them. mk gets the number of the occurrence
// among those kept.
func (l *loader) series(weeks []int, wd time.Weekday, days int, mk func(k int, d calendar.Date) ev) {
	k := 0
	for _, w := range weeks {
		d, ok := l.strictSlot(w, wd, days)
		if !ok {
			continue
		}
		l.addFuture(mk(k, d))
		k++
	}
}

func (l *loader) recurring() {
	l.repeating()
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic Working Group of National Coordinators – meeting in Reykjavík",
				"Two-day meeting of the Nordic Working Group of National Coordinators against Trafficking in Human Beings, hosted by the Icelandic Ministry of Justice. Day one: national updates and an exchange on identifying victims; day two: joint session with the Nordic Police Network."),
			lang.SV: t("Nordiska arbetsgruppen för nationella samordnare mot människohandel – möte i Reykjavik",
				"Tvådagarsmöte för den nordiska arbetsgruppen för nationella samordnare mot människohandel med Islands justitieministerium som värd. Dag ett: rapporter från länderna och erfarenhetsutbyte om identifiering av offer; dag två: gemensam session med det nordiska polisnätverket."),
			lang.NO: t("Nordisk arbeidsgruppe for nasjonale koordinatorer mot menneskehandel – møte i Reykjavík",
				"Todagersmøte i den nordiske arbeidsgruppen for nasjonale koordinatorer mot menneskehandel, med Islands justisdepartement som vertskap. Dag én: status fra landene og erfaringsutveksling om identifisering av ofre; dag to: felles sesjon med det nordiske politinettverket."),
		},
		day: l.slot(22, time.Tuesday, 2), days: 2,
		city: "Reykjavík", country: "IS", att: calendar.OnSite,
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{victims, prosecution},
		langs:  []string{"en"},
		orgs:   []string{"dmr-is", "nmr"}, nets: []string{"nordic-coordinators", "nordic-police-network"},
		contact: "nordic-coordinators@example.org",
	})
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismainen työryhmä – kokous Helsingissä",
				"Pohjoismaisen koordinaattorityöryhmän kaksipäiväinen kokous, jonka isäntänä toimii oikeusministeriö. Ensimmäisenä päivänä käsitellään maiden ajankohtaiskatsaukset ja Suomen päivitetyn toimintaohjelman toimeenpano, toisena päivänä yhteistyö lapsiin kohdistuvan ihmiskaupan vastaisen verkoston kanssa."),
			lang.EN: t("Nordic Working Group of National Coordinators – meeting in Helsinki",
				"Two-day meeting of the Nordic Working Group of National Coordinators, hosted by the Ministry of Justice of Finland. Day one: national updates and the implementation of Finland's updated action programme; day two: cooperation with the Nordic network against trafficking of children."),
		},
		day: l.slot(44, time.Wednesday, 2), days: 2,
		venue: "Oikeusministeriö", address: "Eteläesplanadi 10", city: "Helsinki", country: "FI",
		att: calendar.OnSite, cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{children, victims, legislation},
		langs:  []string{"en"},
		orgs:   []string{"om-fi", "nmr"}, nets: []string{"nordic-coordinators", "nordic-child-trafficking-network"},
		contact: "nordic-coordinators@example.org",
	})

	// The Nordic Police Network meets twice a year.
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Nordisk politinettverk mot menneskehandel – halvårsmøte",
				"Halvårsmøte i det nordiske politi- og påtalenettverket mot menneskehandel, som arbeider under den nordiske arbeidsgruppen for nasjonale koordinatorer. Vertskap: Politidirektoratet. Tema: felles etterforskning, finansielle spor og samarbeid med Europol. Møtet er lukket."),
			lang.EN: t("Nordic Police Network against trafficking – half-yearly meeting",
				"Half-yearly meeting of the Nordic police and prosecution network against trafficking in human beings, which works under the Nordic Working Group of National Coordinators. Hosted by the Norwegian Police Directorate. Topics: joint investigations, financial investigation and cooperation with Europol. Closed meeting."),
		},
		day: l.slot(12, time.Wednesday, 2), days: 2,
		city: "Oslo", country: "NO", att: calendar.OnSite,
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{prosecution, labour, sexual},
		langs:  []string{"no", "sv", "da", "en"},
		orgs:   []string{"politidirektoratet-no"}, nets: []string{"nordic-police-network"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic Police Network against trafficking – half-yearly meeting",
				"Half-yearly meeting of the Nordic police and prosecution network against trafficking in human beings, hosted by the National Police Board of Finland. Topics: online recruitment and exploitation, and cases that involve several Nordic countries. Closed meeting."),
		},
		day: l.slot(38, time.Tuesday, 2), days: 2,
		city: "Helsinki", country: "FI", att: calendar.OnSite,
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{prosecution, sexual},
		langs:  []string{"en", "sv", "no", "da"},
		orgs:   []string{"poliisihallitus-fi"}, nets: []string{"nordic-police-network"},
	})

	// Norway's directorates' group, led by Sfk, every six weeks. Norwegian only.
	l.series([]int{0, 6, 12, 18, 24, 30, 36, 42, 48}, time.Tuesday, 1, func(_ int, d calendar.Date) ev {
		return ev{
			orig: lang.NO,
			texts: tx{
				lang.NO: t("Direktoratsgruppen mot menneskehandel – møte",
					"Fast møte i direktoratsgruppen mot menneskehandel, som ledes av Sekretariatet for konfliktrådene. Gruppen følger opp tiltakene i Nasjonal strategi mot menneskehandel (2025–2030), tar tak i utfordringer på tvers av sektorene og støtter den interdepartementale arbeidsgruppen. Sakspapirer sendes ut senest tre virkedager før møtet."),
				lang.EN: t("Directorates' group against human trafficking – meeting",
					"Regular meeting of Norway's directorates' group against human trafficking, led by the Secretariat of the Norwegian Mediation Service. The group follows up the measures of the national strategy against human trafficking 2025–2030, takes up problems that cut across sectors and supports the interministerial working group. Papers are sent out at least three working days before the meeting."),
			},
			day: d, from: "09:00", to: "11:00",
			venue: "Sekretariatet for konfliktrådene", city: "Oslo", country: "NO",
			att: calendar.Hybrid, online: "https://meet.example.org/direktoratsgruppen",
			cat: calendar.Meeting, aud: calendar.Internal,
			topics: topics{prevention, victims, prosecution},
			langs:  []string{"no"}, orgs: []string{"sfk-no"},
		}
	})

	// TEM's steering group on residence permit procedures, every six weeks. Finnish only.
	l.series([]int{1, 7, 13, 19}, time.Wednesday, 1, func(_ int, d calendar.Date) ev {
		return ev{
			orig: lang.FI,
			texts: tx{
				lang.FI: t("Työ- ja koulutusperusteisten oleskelulupamenettelyjen ohjausryhmän kokous",
					"Ohjausryhmän säännöllinen kokous Teamsissa. Vakioasiat: tilannekuvan seuranta, scoreboard sekä käsittelyaikojen nopeuttamiseksi tehtävien kriittisten toimenpiteiden seuranta. Materiaalit toimitetaan viimeistään kolme päivää ennen kokousta."),
			},
			day: d, from: "13:00", to: "15:00", country: "FI",
			att: calendar.Online, online: "https://meet.example.org/tem-ohjausryhma",
			cat: calendar.Steering, aud: calendar.Internal,
			topics: topics{labour, prevention},
			langs:  []string{"fi"}, orgs: []string{"tem-fi"},
		}
	})

	// The Nordic-Baltic Hub, quarterly online; the second meeting kept is cancelled.
	l.series([]int{5, 18, 31, 44}, time.Tuesday, 1, func(k int, d calendar.Date) ev {
		e := ev{
			orig: lang.EN,
			texts: tx{
				lang.EN: t("Nordic-Baltic Hub against work-related crime – quarterly online meeting",
					"Quarterly online meeting of the labour inspection authorities in the Nordic-Baltic Hub against work-related crime, under the Nordic Council of Ministers for Labour. Items: joint inspections, exchange of information across borders, and indicators of forced labour and trafficking for labour exploitation."),
				lang.NO: t("Nordisk-baltisk hub mot arbeidslivskriminalitet – kvartalsvis nettmøte",
					"Kvartalsvis nettmøte for arbeidstilsynsmyndighetene i Nordisk-baltisk hub mot arbeidslivskriminalitet, under Nordisk ministerråd for arbeidsliv. Saker: felles tilsyn, informasjonsutveksling over landegrensene og indikatorer på tvangsarbeid og menneskehandel med sikte på utnyttelse i arbeidslivet."),
			},
			day: d, from: "13:00", to: "14:30", country: "DK",
			att: calendar.Online, online: "https://meet.example.org/nordic-baltic-hub",
			cat: calendar.Meeting, aud: calendar.Internal,
			topics: topics{labour, prosecution},
			langs:  []string{"en"}, orgs: []string{"nmr"}, nets: []string{"nordic-baltic-hub"},
		}
		if k == 1 {
			e.status = calendar.Cancelled
			e.texts = tx{
				lang.EN: t(e.texts[lang.EN].Title, "This meeting is cancelled. Its items will be taken up at the next quarterly meeting."),
				lang.NO: t(e.texts[lang.NO].Title, "Møtet er avlyst. Sakene tas opp på neste kvartalsvise møte."),
			}
		}
		return e
	})

	// CBSS Task Force: a plenary in Riga and one online.
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("CBSS Task Force against Trafficking in Human Beings – plenary meeting",
				"Plenary meeting of the CBSS Task Force against Trafficking in Human Beings (TF-THB) with national experts from the Baltic Sea region. Items: the Task Force's work plan, labour exploitation in the region, and support for victims who return to their countries of origin."),
		},
		day: l.slot(14, time.Wednesday, 2), days: 2,
		city: "Riga", country: "LV", att: calendar.OnSite,
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{labour, victims, prevention},
		langs:  []string{"en"}, orgs: []string{"cbss"}, nets: []string{"cbss-tf-thb"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("CBSS Task Force against Trafficking in Human Beings – online plenary",
				"Online plenary of the CBSS Task Force against Trafficking in Human Beings: follow-up of the Riga plenary and preparation of joint projects."),
		},
		day: l.slot(40, time.Thursday, 1), from: "10:00", to: "12:00", country: "SE",
		att: calendar.Online, online: "https://meet.example.org/cbss-tf-thb",
		cat: calendar.Meeting, aud: calendar.Internal,
		topics: topics{prevention, children},
		langs:  []string{"en"}, orgs: []string{"cbss"}, nets: []string{"cbss-tf-thb"},
	})

	// Sweden's regional coordinators.
	l.series([]int{8, 24, 41}, time.Tuesday, 1, func(_ int, d calendar.Date) ev {
		return ev{
			orig: lang.SV,
			texts: tx{
				lang.SV: t("Nätverksmöte för regionkoordinatorer mot prostitution och människohandel",
					"Jämställdhetsmyndigheten samlar de regionala koordinatorerna mot prostitution och människohandel för erfarenhetsutbyte och en gemensam lägesbild. Mötet är en del av myndighetens nationella samordning mot prostitution och människohandel. Endast för nätverkets deltagare."),
				lang.EN: t("Network meeting of the regional coordinators against prostitution and trafficking in human beings",
					"The Swedish Gender Equality Agency brings together the regional coordinators against prostitution and trafficking in human beings to share experience and a common picture of the situation. Part of the agency's national coordination against prostitution and trafficking. For network members only."),
			},
			day: d, from: "10:00", to: "15:00",
			venue: "Jämställdhetsmyndigheten", city: "Göteborg", country: "SE",
			att: calendar.Hybrid, online: "https://meet.example.org/regionkoordinatorer",
			cat: calendar.Meeting, aud: calendar.Internal,
			topics: topics{sexual, victims, labour},
			langs:  []string{"sv"}, orgs: []string{"jamstalldhetsmyndigheten-se"},
		}
	})

	// Denmark's network of authorities and NGOs. Danish only.
	l.series([]int{11, 37}, time.Thursday, 1, func(_ int, d calendar.Date) ev {
		return ev{
			orig: lang.DA,
			texts: tx{
				lang.DA: t("Netværksmøde om indsatsen mod menneskehandel",
					"Center mod Menneskehandel inviterer myndigheder og organisationer, der arbejder med ofre for menneskehandel, til netværksmøde. Dagsorden: aktuelle tendenser, opsøgende arbejde og samarbejdet om identifikation af ofre. Tilmelding via invitationen."),
			},
			day: d, from: "13:00", to: "16:00",
			venue: "Center mod Menneskehandel", city: "København", country: "DK",
			att: calendar.OnSite, cat: calendar.Meeting, aud: calendar.Invitation,
			topics: topics{victims, prevention},
			langs:  []string{"da"}, orgs: []string{"cmm-dk"},
		}
	})
}

func (l *loader) conferences() {
	// The deliberate clash: two Nordic conferences on labour exploitation in
	// the same week, Copenhagen Tuesday–Wednesday and Stockholm
	// Wednesday–Thursday, about ten weeks ahead.
	clash := l.confSlot(10, time.Tuesday, 3)
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Nordisk konference om arbejdsmarkedskriminalitet og menneskehandel",
				"Nordisk Ministerråd og Center mod Menneskehandel samler myndigheder, arbejdsmarkedets parter og civilsamfundet fra Norden og Baltikum til en todages konference om menneskehandel med henblik på tvangsarbejde og udnyttelse af arbejdskraft. Programmet omfatter fælles kontrolindsatser, identifikation af ofre og erfaringer fra Nordisk-baltisk hub mod arbejdsmarkedskriminalitet. Konferencen foregår på skandinavisk og engelsk og kan også følges online."),
			lang.SV: t("Nordisk konferens om arbetslivskriminalitet och människohandel",
				"Nordiska ministerrådet och Center mod Menneskehandel samlar myndigheter, arbetsmarknadens parter och civilsamhället från Norden och Baltikum till en tvådagarskonferens om människohandel för tvångsarbete och arbetskraftsexploatering. Programmet tar upp gemensamma kontroller, identifiering av offer och erfarenheter från den nordisk-baltiska hubben mot arbetslivskriminalitet. Konferensen hålls på skandinaviska och engelska och kan också följas på nätet."),
			lang.EN: t("Nordic conference on work-related crime and human trafficking",
				"The Nordic Council of Ministers and the Danish Centre against Human Trafficking bring together authorities, social partners and civil society from the Nordic and Baltic countries for a two-day conference on trafficking in human beings for forced labour and labour exploitation. The programme covers joint inspections, victim identification and experience from the Nordic-Baltic Hub against work-related crime. Held in the Scandinavian languages and English; it can also be followed online."),
		},
		day: clash, days: 2,
		venue: "Nordens Hus", address: "Ved Stranden 18", city: "København", country: "DK",
		att: calendar.Hybrid, online: "https://meet.example.org/nordisk-konference-arbejdsmarked",
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{labour, prosecution, victims},
		langs:  []string{"da", "sv", "no", "en"},
		orgs:   []string{"nmr", "cmm-dk"}, nets: []string{"nordic-baltic-hub"},
		contact: "konference@example.org",
		regURL:  "https://events.example.org/nordic-labour-conference", regDeadline: clash.AddDays(-14),
	})
	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Nordisk konferens om arbetskraftsexploatering",
				"Jämställdhetsmyndigheten och Polismyndigheten bjuder in till en nordisk konferens om människohandel för tvångsarbete och andra former av arbetskraftsexploatering. Konferensen riktar sig till myndigheter, kommuner, fackliga organisationer och civilsamhället. Teman: att upptäcka exploatering på arbetsplatser, stöd till utsatta och samverkan mellan myndigheter över nationsgränserna."),
			lang.EN: t("Nordic conference on labour exploitation",
				"The Swedish Gender Equality Agency and the Swedish Police Authority invite you to a Nordic conference on trafficking in human beings for forced labour and other forms of labour exploitation. For public authorities, municipalities, trade unions and civil society. Themes: detecting exploitation in workplaces, support for victims, and cooperation between authorities across national borders."),
			lang.FI: t("Pohjoismainen konferenssi työperäisestä hyväksikäytöstä",
				"Ruotsin tasa-arvovirasto ja Ruotsin poliisi järjestävät pohjoismaisen konferenssin pakkotyöhön liittyvästä ihmiskaupasta ja muusta työperäisestä hyväksikäytöstä. Konferenssi on tarkoitettu viranomaisille, kunnille, ammattiliitoille ja järjestöille."),
		},
		day: clash.AddDays(1), days: 2,
		venue: "Norra Latin", city: "Stockholm", country: "SE",
		att: calendar.OnSite, cat: calendar.Conference, aud: calendar.Open,
		topics:  topics{labour, victims, prevention},
		langs:   []string{"sv", "en"},
		orgs:    []string{"jamstalldhetsmyndigheten-se", "polisen-se"},
		contact: "konferens@example.org",
	})

	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Nordisk konferanse om menneskehandel med barn",
				"Barne-, ungdoms- og familiedirektoratet inviterer sammen med det nordiske nettverket mot menneskehandel med barn til konferanse om identifisering, omsorg og oppfølging av mindreårige ofre for menneskehandel. Målgruppen er barnevern, politi, utlendingsforvaltning, helsetjenester og frivillige organisasjoner."),
			lang.SV: t("Nordisk konferens om människohandel med barn",
				"Bufdir, det norska direktoratet för barn, unga och familj, och det nordiska nätverket mot människohandel med barn bjuder in till en konferens om att identifiera, ta hand om och följa upp barn som utsatts för människohandel. Målgrupp: socialtjänst, polis, migrationsmyndigheter, hälso- och sjukvård och ideella organisationer."),
			lang.EN: t("Nordic conference on trafficking of children",
				"The Norwegian Directorate for Children, Youth and Family Affairs and the Nordic network against trafficking of children invite you to a conference on identifying, caring for and following up child victims of trafficking in human beings. For child welfare services, police, immigration authorities, health services and NGOs."),
		},
		day: l.confSlot(20, time.Tuesday, 2), days: 2,
		venue: "Oslo Kongressenter", address: "Youngs gate 21", city: "Oslo", country: "NO",
		att: calendar.Hybrid, online: "https://meet.example.org/barn-konferanse",
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{children, victims},
		langs:  []string{"no", "sv", "da", "en"},
		orgs:   []string{"bufdir-no"}, nets: []string{"nordic-child-trafficking-network"},
		contact: "barnekonferanse@example.org",
	})

	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic conference on trafficking in human beings and the digital environment",
				"How are victims recruited, advertised and controlled online, and how can the authorities respond? The Icelandic Ministry of Justice and the National Commissioner of the Icelandic Police host a Nordic conference for police, prosecutors, social services and researchers. Streamed for registered participants."),
			lang.SV: t("Nordisk konferens om människohandel i den digitala miljön", ""),
			lang.DA: t("Nordisk konference om menneskehandel i det digitale rum", ""),
			lang.NO: t("Nordisk konferanse om menneskehandel i digitale miljøer", ""),
		},
		day: l.confSlot(30, time.Tuesday, 2), days: 2,
		venue: "Harpa", address: "Austurbakki 2", city: "Reykjavík", country: "IS",
		att: calendar.Hybrid, online: "https://meet.example.org/nordic-digital-thb",
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{sexual, prosecution, research},
		langs:  []string{"en"}, orgs: []string{"dmr-is", "rls-is"},
	})

	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Baltic Sea Region conference on trafficking in human beings",
				"Annual regional conference of the CBSS Task Force against Trafficking in Human Beings for government experts, law enforcement and NGOs from the Baltic Sea region. Themes: labour exploitation in the region, the situation of people who have fled the war in Ukraine, and support for victims across borders."),
		},
		day: l.confSlot(24, time.Tuesday, 2), days: 2,
		city: "Tallinn", country: "EE", att: calendar.OnSite,
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{labour, victims, prevention},
		langs:  []string{"en"}, orgs: []string{"cbss"}, nets: []string{"cbss-tf-thb"},
	})

	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Kansallinen konferenssi: ihmiskauppa ja työperäinen hyväksikäyttö",
				"Työ- ja elinkeinoministeriö ja oikeusministeriö järjestävät kansallisen konferenssin työperäisen hyväksikäytön ja ihmiskaupan torjunnasta. Ohjelmassa päivitetyn ihmiskaupan vastaisen toimintaohjelman toimenpiteet, työnantajien ja yritysten vastuu sekä uhrien ohjaaminen auttamisjärjestelmään. Konferenssia voi seurata myös verkossa."),
			lang.SV: t("Nationell konferens: människohandel och arbetskraftsexploatering",
				"Arbets- och näringsministeriet och justitieministeriet ordnar en nationell konferens om bekämpning av arbetskraftsexploatering och människohandel. På programmet står åtgärderna i det uppdaterade handlingsprogrammet mot människohandel, arbetsgivarnas och företagens ansvar samt hänvisning av offer till hjälpsystemet. Konferensen kan också följas på nätet."),
			lang.EN: t("National conference: human trafficking and labour exploitation",
				"The Ministry of Economic Affairs and Employment and the Ministry of Justice hold a national conference on combating labour exploitation and human trafficking: the measures of the updated action programme, the responsibility of employers and companies, and referring victims to the National Assistance System. Also streamed online."),
		},
		day: l.confSlot(16, time.Thursday, 1), from: "09:00", to: "16:00",
		venue: "Säätytalo", address: "Snellmaninkatu 9–11", city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/tyoperainen-hyvaksikaytto",
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{labour, legislation, victims},
		langs:  []string{"fi", "sv"}, orgs: []string{"tem-fi", "om-fi"},
		contact: "konferenssi@example.org",
	})

	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Människohandel och exploatering till sjöss – nordisk konferens",
				"Ålands landskapsregering och Nordiska ministerrådet bjuder in till en konferens om människohandel och exploatering av arbetskraft inom sjöfart och fiske. Konferensen samlar myndigheter, rederier, fackliga organisationer och forskare från hela Norden."),
			lang.FI: t("Ihmiskauppa ja hyväksikäyttö merenkulussa – pohjoismainen konferenssi",
				"Ahvenanmaan maakunnan hallitus ja Pohjoismaiden ministerineuvosto järjestävät konferenssin ihmiskaupasta ja työvoiman hyväksikäytöstä merenkulussa ja kalastuksessa. Mukana on viranomaisia, varustamoita, ammattiliittoja ja tutkijoita kaikista Pohjoismaista."),
			lang.EN: t("Human trafficking and exploitation at sea – Nordic conference",
				"The Government of Åland and the Nordic Council of Ministers invite you to a conference on trafficking in human beings and labour exploitation in shipping and fishing, with authorities, shipping companies, trade unions and researchers from across the Nordic region."),
		},
		day: l.confSlot(36, time.Tuesday, 2), days: 2,
		venue: "Alandica Kultur och Kongress", city: "Mariehamn", country: "AX",
		att: calendar.OnSite, cat: calendar.Conference, aud: calendar.Open,
		topics: topics{labour, prosecution},
		langs:  []string{"sv", "fi", "en"}, orgs: []string{"landskapsregeringen-ax", "nmr"},
	})

	l.addFuture(ev{
		status: calendar.Tentative,
		orig:   lang.DA,
		texts: tx{
			lang.DA: t("Nordisk konference om børn i risiko for menneskehandel",
				"Foreløbig reservation. Nordisk Ministerråd planlægger en konference i Tórshavn om børn i risiko for menneskehandel i samarbejde med det nordiske netværk mod menneskehandel med børn og Østersørådets ekspertgruppe Children at Risk. Program og tilmelding følger."),
			lang.EN: t("Nordic conference on children at risk of trafficking",
				"Provisional hold. The Nordic Council of Ministers is planning a conference in Tórshavn on children at risk of trafficking in human beings, together with the Nordic network against trafficking of children and the CBSS Children at Risk expert group. Programme and registration to follow."),
		},
		day: l.confSlot(48, time.Tuesday, 2), days: 2,
		city: "Tórshavn", country: "FO", att: calendar.OnSite,
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{children, prevention},
		langs:  []string{"da", "en"},
		orgs:   []string{"nmr"}, nets: []string{"nordic-child-trafficking-network", "cbss-children-at-risk"},
	})

	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("OSCE Alliance against Trafficking in Persons conference",
				"Annual high-level conference of the Alliance against Trafficking in Persons, convened by the OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings. Participating States, international organisations and civil society discuss new trends and joint responses."),
		},
		day: l.confSlot(21, time.Monday, 2), days: 2, zone: "Europe/Vienna",
		city: "Wien", att: calendar.Hybrid, online: "https://meet.example.org/osce-alliance",
		cat: calendar.Conference, aud: calendar.Open,
		topics: topics{prevention, prosecution},
		langs:  []string{"en", "ru"}, orgs: []string{"osce-cthb"},
	})
}

func (l *loader) seminars() {
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Webinaari: ihmiskaupan uhrien tunnistaminen",
				"Ihmiskaupan uhrien auttamisjärjestelmän webinaari ammattilaisille, jotka voivat työssään kohdata ihmiskaupan uhreja: sosiaali- ja terveydenhuolto, työvoimapalvelut, oppilaitokset ja järjestöt. Webinaarissa käydään läpi ihmiskaupan tunnusmerkit, uhrin ohjaaminen auttamisjärjestelmään ja se, mitä apua uhrille on tarjolla. Webinaari on maksuton."),
			lang.SV: t("Webbinarium: identifiering av offer för människohandel",
				"Hjälpsystemet för offer för människohandel ordnar ett webbinarium för yrkesverksamma som kan möta offer för människohandel i sitt arbete: social- och hälsovården, arbetskraftsservicen, läroanstalter och organisationer. Vi går igenom kännetecknen på människohandel, hur ett offer hänvisas till hjälpsystemet och vilket stöd som finns. Webbinariet hålls på finska och är avgiftsfritt."),
		},
		day: l.slot(2, time.Wednesday, 1), from: "13:00", to: "15:00", country: "FI",
		att: calendar.Online, online: "https://meet.example.org/tunnistaminen",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{victims, prevention},
		langs:  []string{"fi"}, orgs: []string{"auttamisjarjestelma-fi"},
		contact: "koulutus@example.org",
	})
	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Webbinarium: stöd till personer som utsatts för människohandel för sexuella ändamål",
				"Jämställdhetsmyndigheten bjuder in till ett webbinarium om stöd och skydd för personer som utsatts för människohandel för sexuella ändamål. Medverkande från socialtjänst, polis och ideella organisationer berättar om arbetssätt och samverkan. Webbinariet vänder sig till yrkesverksamma inom kommuner, regioner och myndigheter."),
		},
		day: l.slot(1, time.Tuesday, 1), from: "09:30", to: "11:00", country: "SE",
		att: calendar.Online, online: "https://meet.example.org/stod-utsatta",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{sexual, victims},
		langs:  []string{"sv"}, orgs: []string{"jamstalldhetsmyndigheten-se"},
	})
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Webinar: Menneskehandel og tvangsarbejde i landbruget",
				"Center mod Menneskehandel præsenterer ny viden om udnyttelse af udenlandsk arbejdskraft i landbruget og gartnerierhvervet. Webinaret gennemgår indikatorer på menneskehandel med henblik på tvangsarbejde og giver råd om, hvordan man handler ved mistanke."),
			lang.EN: t("Webinar: Human trafficking and forced labour in agriculture",
				"The Danish Centre against Human Trafficking presents new knowledge about the exploitation of foreign workers in agriculture and horticulture. The webinar goes through indicators of trafficking for forced labour and gives advice on what to do if you suspect it. In Danish."),
		},
		day: l.slot(13, time.Thursday, 1), from: "14:00", to: "15:30", country: "DK",
		att: calendar.Online, online: "https://meet.example.org/cmm-landbrug",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{labour, research},
		langs:  []string{"da"}, orgs: []string{"cmm-dk"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Nasjonalt digitalt seminar om menneskehandel",
				"Justis- og beredskapsdepartementet og Sekretariatet for konfliktrådene inviterer til nasjonalt digitalt seminar, et av tiltakene i Nasjonal strategi mot menneskehandel (2025–2030). Tema: status for arbeidet med formaliserte samarbeidsstrukturer, den nye samarbeidsarenaen og nettressurser for tjenesteapparatet. Opptak blir publisert i etterkant."),
			lang.EN: t("National digital seminar on human trafficking",
				"The Norwegian Ministry of Justice and Public Security and the Secretariat of the Norwegian Mediation Service invite you to a national digital seminar, one of the measures of Norway's national strategy against human trafficking 2025–2030. Topics: progress on formal cooperation structures, the new cooperation arena, and web resources for frontline services. A recording will be published afterwards. In Norwegian."),
		},
		day: l.slot(17, time.Wednesday, 1), from: "12:00", to: "13:30", country: "NO",
		att: calendar.Online, online: "https://meet.example.org/digitalt-seminar",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{prevention, victims, legislation},
		langs:  []string{"no"}, orgs: []string{"jd-no", "sfk-no"},
	})

	// EU Anti-Trafficking Day, 18 October: the day itself and a seminar on
	// the nearest weekday.
	euDay := l.next(time.October, 18)
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("EU Anti-Trafficking Day",
				"The EU Anti-Trafficking Day is marked on 18 October every year. Authorities and organisations across Europe raise awareness of trafficking in human beings and of the rights of victims."),
			lang.FI: t("EU:n ihmiskaupan vastainen päivä",
				"EU:n ihmiskaupan vastaista päivää vietetään vuosittain 18. lokakuuta. Viranomaiset ja järjestöt eri puolilla Eurooppaa lisäävät tietoisuutta ihmiskaupasta ja uhrien oikeuksista."),
			lang.SV: t("EU:s dag mot människohandel",
				"EU:s dag mot människohandel uppmärksammas den 18 oktober varje år. Myndigheter och organisationer i hela Europa sprider kunskap om människohandel och om offrens rättigheter."),
			lang.DA: t("EU's dag mod menneskehandel",
				"EU's dag mod menneskehandel markeres hvert år den 18. oktober. Myndigheder og organisationer i hele Europa sætter fokus på menneskehandel og ofrenes rettigheder."),
			lang.NO: t("EUs dag mot menneskehandel",
				"EUs dag mot menneskehandel markeres 18. oktober hvert år. Myndigheter og organisasjoner over hele Europa setter søkelys på menneskehandel og ofrenes rettigheter."),
		},
		day: euDay, days: 1, zone: "Europe/Brussels", country: "INT",
		att: calendar.Online, cat: calendar.Campaign, aud: calendar.Open,
		topics: topics{prevention, victims},
		langs:  []string{"en"}, orgs: []string{"eu-atc"},
	})
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("EU:n ihmiskaupan vastaisen päivän seminaari",
				"Yhdenvertaisuusvaltuutettu järjestää ihmiskaupan vastaisena kansallisena raportoijana seminaarin EU:n ihmiskaupan vastaisen päivän (18.10.) yhteydessä. Ohjelmassa raportoijan havainnot ihmiskaupan uhrien oikeuksien toteutumisesta sekä paneelikeskustelu viranomaisten ja järjestöjen kanssa."),
			lang.SV: t("Seminarium på EU:s dag mot människohandel",
				"Diskrimineringsombudsmannen ordnar i egenskap av nationell rapportör om människohandel ett seminarium i samband med EU:s dag mot människohandel (18.10). På programmet står rapportörens iakttagelser om hur offrens rättigheter tillgodoses samt en paneldiskussion med myndigheter och organisationer."),
			lang.EN: t("EU Anti-Trafficking Day seminar",
				"Seminar held by the Non-Discrimination Ombudsman, Finland's National Rapporteur on Trafficking in Human Beings, in connection with the EU Anti-Trafficking Day on 18 October: the Rapporteur's findings on how the rights of victims are realised, and a panel with authorities and NGOs."),
		},
		day: nearestWeekday(euDay), from: "09:00", to: "12:00",
		venue: "Tieteiden talo", address: "Kirkkokatu 6", city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/ihmiskaupan-vastainen-paiva",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{victims, research},
		langs:  []string{"fi", "sv"}, orgs: []string{"yvv-fi"},
	})

	// World Day against Trafficking in Persons, 30 July.
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("World Day against Trafficking in Persons",
				"The United Nations World Day against Trafficking in Persons is marked on 30 July. UNODC publishes campaign material that authorities and organisations in the Nordic countries can share."),
			lang.FI: t("Maailman ihmiskaupan vastainen päivä",
				"YK:n maailman ihmiskaupan vastaista päivää vietetään 30. heinäkuuta. UNODC julkaisee kampanja-aineistoa, jota myös Pohjoismaiden viranomaiset ja järjestöt voivat jakaa."),
			lang.SV: t("Världsdagen mot människohandel",
				"FN:s världsdag mot människohandel uppmärksammas den 30 juli. UNODC publicerar kampanjmaterial som myndigheter och organisationer i Norden kan sprida."),
			lang.DA: t("Verdensdagen mod menneskehandel",
				"FN's verdensdag mod menneskehandel markeres den 30. juli. UNODC udgiver kampagnemateriale, som myndigheder og organisationer i Norden kan dele."),
			lang.NO: t("Verdensdagen mot menneskehandel",
				"FNs verdensdag mot menneskehandel markeres 30. juli. UNODC publiserer kampanjemateriell som myndigheter og organisasjoner i Norden kan dele."),
		},
		day: l.next(time.July, 30), days: 1, zone: "Europe/Vienna", country: "INT",
		att: calendar.Online, cat: calendar.Campaign, aud: calendar.Open,
		topics: topics{prevention},
		langs:  []string{"en"}, orgs: []string{"unodc"},
	})

	// A campaign week, Monday to Friday.
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Kampagneuge: Se tegnene på menneskehandel i byggebranchen",
				"Center mod Menneskehandel sætter sammen med arbejdsmarkedets parter fokus på tegn på menneskehandel og tvangsarbejde på byggepladser. I løbet af ugen deles materiale på sociale medier, og der holdes korte oplæg for byggeledere og tillidsrepræsentanter."),
			lang.EN: t("Campaign week: Spot the signs of human trafficking in construction",
				"The Danish Centre against Human Trafficking and the social partners put the spotlight on signs of trafficking and forced labour on building sites. Material is shared on social media during the week, with short talks for site managers and union representatives."),
		},
		day: l.slot(15, time.Monday, 5), days: 5, country: "DK",
		att: calendar.Online, cat: calendar.Campaign, aud: calendar.Open,
		topics: topics{labour, prevention},
		langs:  []string{"da"}, orgs: []string{"cmm-dk"},
	})

	// The deliberate holiday: an international organiser books an expert
	// seminar in Oslo on 17 May, Norway's Constitution Day (or on Ascension
	// Day when 17 May falls on a weekend).
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Expert seminar: forced labour and fair recruitment in Nordic supply chains",
				"ILO expert seminar on forced labour, recruitment fees and due diligence in the supply chains of Nordic companies, with contributions from labour inspectorates, trade unions and business."),
		},
		day: l.holidayInOslo(), from: "09:30", to: "15:30",
		city: "Oslo", country: "NO", att: calendar.OnSite,
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{labour, prevention},
		langs:  []string{"en"}, orgs: []string{"ilo"},
	})

	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Seminar om menneskehandel og udsatte grupper i Grønland",
				"NIKK og Nordisk Ministerråd inviterer myndigheder, socialarbejdere og organisationer i Grønland til et seminar om risikoen for menneskehandel og seksuel udnyttelse blandt udsatte unge og kvinder. Seminaret holdes på dansk med tolkning til grønlandsk."),
			lang.EN: t("Seminar on human trafficking and vulnerable groups in Greenland", ""),
		},
		day: l.slot(28, time.Thursday, 1), from: "09:00", to: "15:00",
		venue: "Katuaq", city: "Nuuk", country: "GL",
		att: calendar.Hybrid, online: "https://meet.example.org/nuuk-seminar",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{sexual, prevention, children},
		langs:  []string{"da", "kl"}, orgs: []string{"nikk", "nmr"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Round table on GRETA's recommendations to the Nordic countries",
				"The Council of Europe's Group of Experts on Action against Trafficking in Human Beings (GRETA) and the Nordic Council of Ministers hold a round table for national coordinators, rapporteurs and civil society on following up GRETA's country reports on the Nordic countries. By invitation."),
			lang.FI: t("Pyöreän pöydän keskustelu GRETAn suosituksista Pohjoismaille", ""),
			lang.SV: t("Rundabordssamtal om GRETA:s rekommendationer till de nordiska länderna", ""),
			lang.DA: t("Rundbordsmøde om GRETA's anbefalinger til de nordiske lande", ""),
			lang.NO: t("Rundebordsmøte om GRETAs anbefalinger til de nordiske landene", ""),
		},
		day: l.slot(23, time.Tuesday, 1), from: "10:00", to: "16:00",
		venue: "Nordens Hus", address: "Ved Stranden 18", city: "København", country: "DK",
		att: calendar.Hybrid, online: "https://meet.example.org/greta-round-table",
		cat: calendar.Seminar, aud: calendar.Invitation,
		topics: topics{legislation, victims},
		langs:  []string{"en"}, orgs: []string{"greta-coe", "nmr"}, nets: []string{"nordic-coordinators"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Frokostseminar: Erfaringer fra ROSA – bistand til utsatte for menneskehandel",
				"ROSA gir trygge botilbud og bistand til personer som kan være utsatt for menneskehandel. På frokostseminaret deler ROSA erfaringer fra arbeidet og presenterer årets tall. Servering fra kl. 08.15. Gratis, men påmelding er nødvendig."),
		},
		day: l.slot(25, time.Thursday, 1), from: "08:30", to: "10:00",
		city: "Oslo", country: "NO", att: calendar.OnSite,
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{victims, sexual},
		langs:  []string{"no"}, orgs: []string{"rosa-no"},
		contact: "frokostseminar@example.org",
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Seminar: preventing labour exploitation in public procurement",
				"HEUNI presents tools for public buyers to identify and prevent labour exploitation and trafficking in human beings in subcontracting chains, followed by a discussion with procurement units and labour inspectors."),
			lang.FI: t("Seminaari: työperäisen hyväksikäytön ehkäiseminen julkisissa hankinnoissa",
				"HEUNI esittelee julkisille hankkijoille työkaluja työperäisen hyväksikäytön ja ihmiskaupan tunnistamiseen ja ehkäisemiseen alihankintaketjuissa. Esittelyä seuraa keskustelu hankintayksiköiden ja työsuojeluviranomaisten kanssa. Seminaarin kieli on englanti."),
		},
		day: l.slot(9, time.Tuesday, 1), from: "13:00", to: "16:00",
		venue: "Tieteiden talo", address: "Kirkkokatu 6", city: "Helsinki", country: "FI",
		att: calendar.Hybrid, online: "https://meet.example.org/heuni-procurement",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{labour, prevention, research},
		langs:  []string{"en"}, orgs: []string{"heuni"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Lansering: NIMs rapport om myndighetenes innsats mot menneskehandel",
				"Norges institusjon for menneskerettigheter har fått mandat som uavhengig nasjonal rapportør om menneskehandel. På lanseringen presenterer NIM sine vurderinger av myndighetenes innsats og av hvordan Norge oppfyller forpliktelsene etter Europarådets konvensjon om tiltak mot menneskehandel. Deretter følger en samtale med departementer og sivilt samfunn."),
			lang.EN: t("Launch: NIM's report on the authorities' efforts against human trafficking",
				"The Norwegian National Human Rights Institution has been given a mandate as independent national rapporteur on human trafficking. At the launch, NIM presents its assessment of the authorities' efforts and of Norway's compliance with the Council of Europe Convention on Action against Trafficking in Human Beings, followed by a discussion with ministries and civil society."),
		},
		day: l.slot(35, time.Wednesday, 1), from: "10:00", to: "11:30",
		city: "Oslo", country: "NO",
		att: calendar.Hybrid, online: "https://meet.example.org/nim-rapport",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{research, legislation},
		langs:  []string{"no"}, orgs: []string{"nim-no"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Forskningsseminar: Arbeidslivskriminalitet og menneskehandel i Norden",
				"Fafo presenterer ny forskning om tvangsarbeid og grov utnyttelse i nordiske arbeidsmarkeder, blant annet i bygg, renhold og landbruk. Seminaret er åpent for alle."),
			lang.EN: t("Research seminar: work-related crime and human trafficking in the Nordic countries", ""),
		},
		day: l.slot(29, time.Wednesday, 1), from: "09:00", to: "12:00",
		venue: "Fafo", city: "Oslo", country: "NO", att: calendar.OnSite,
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{labour, research},
		langs:  []string{"no"}, orgs: []string{"fafo-no"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Webinar: identifying victims of trafficking in Iceland",
				"The National Commissioner of the Icelandic Police explains the indicators of trafficking in human beings and the referral procedure for police, social services and health care staff in Iceland."),
		},
		day: l.slot(0, time.Wednesday, 1), from: "14:00", to: "15:00", country: "IS",
		att: calendar.Online, online: "https://meet.example.org/iceland-identification",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{victims, prosecution},
		langs:  []string{"en", "is"}, orgs: []string{"rls-is"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("ELA webinar: concerted and joint inspections against labour exploitation",
				"The European Labour Authority explains how national labour inspectorates can ask for support for concerted and joint cross-border inspections, with examples from cases of severe labour exploitation."),
		},
		day: l.slot(32, time.Tuesday, 1), from: "10:00", to: "11:30", zone: "Europe/Bratislava", country: "INT",
		att: calendar.Online, online: "https://meet.example.org/ela-inspections",
		cat: calendar.Seminar, aud: calendar.Open,
		topics: topics{labour, prosecution},
		langs:  []string{"en"}, orgs: []string{"ela"}, nets: []string{"nordic-baltic-hub"},
	})
}

func (l *loader) trainings() {
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Koulutus: ihmiskaupan uhrin tunnistaminen ja ohjaaminen sosiaali- ja terveydenhuollossa",
				"Ihmiskaupan uhrien auttamisjärjestelmän koulutus Pirkanmaan sosiaali- ja terveydenhuollon ammattilaisille. Koulutuksessa harjoitellaan ihmiskaupan tunnusmerkkien tunnistamista asiakastyössä ja uhrin ohjaamista auttamisjärjestelmään. Koulutus on maksuton, ja siihen ilmoittaudutaan etukäteen."),
		},
		day: l.slot(14, time.Tuesday, 1), from: "09:00", to: "12:00",
		city: "Tampere", country: "FI", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{victims},
		langs:  []string{"fi"}, orgs: []string{"auttamisjarjestelma-fi"},
		contact: "koulutus@example.org",
	})
	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Utbildning för poliser och åklagare: utredning av människohandel",
				"Tvådagarsutbildning för poliser och åklagare om utredning av människohandel och människoexploatering: förundersökning, bevisning, brottsofferperspektiv och internationellt samarbete via Europol. Endast för inbjudna deltagare."),
		},
		day: l.slot(19, time.Tuesday, 2), days: 2,
		city: "Stockholm", country: "SE", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Invitation,
		topics: topics{prosecution, legislation},
		langs:  []string{"sv"}, orgs: []string{"polisen-se"},
	})
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Kursus: Identifikation af ofre for menneskehandel",
				"Heldagskursus for sagsbehandlere i kommuner og på asylcentre om, hvordan man genkender mulige ofre for menneskehandel, og hvordan man henviser til Center mod Menneskehandel. Kurset er gratis."),
		},
		day: l.slot(21, time.Thursday, 1), from: "09:00", to: "15:30",
		city: "Aarhus", country: "DK", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{victims},
		langs:  []string{"da"}, orgs: []string{"cmm-dk"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Opplæring: Veiledning i saker om mindreårige ofre for menneskehandel",
				"Bufdir gir en innføring i den nasjonale veiledningsfunksjonen i saker om mindreårige ofre for menneskehandel: når skal barnevernet kontaktes, hvordan ivaretas barnets behov for omsorg og beskyttelse, og hvordan samarbeider tjenestene med politiet? For ansatte i barnevern, skole, helsetjeneste og mottak."),
		},
		day: l.slot(24, time.Tuesday, 1), from: "12:30", to: "14:30", country: "NO",
		att: calendar.Online, online: "https://meet.example.org/bufdir-veiledning",
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{children, victims},
		langs:  []string{"no"}, orgs: []string{"bufdir-no"},
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Nordic joint training on financial investigation in trafficking cases",
				"Three-day training for police investigators and prosecutors from the Nordic countries on following the money in trafficking cases: financial profiling, asset recovery and cooperation with Europol. Organised by the Danish National Police with the Nordic Police Network. By invitation only."),
		},
		day: l.slot(31, time.Monday, 3), days: 3,
		city: "København", country: "DK", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Invitation,
		topics: topics{prosecution},
		langs:  []string{"en"}, orgs: []string{"rigspolitiet-dk", "europol"}, nets: []string{"nordic-police-network"},
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Kurs: Traumebevisst omsorg for personer utsatt for menneskehandel",
				"RVTS Øst inviterer helse- og sosialarbeidere til kurs om traumer hos personer som har vært utsatt for menneskehandel, og om hvordan de kan møtes på en trygg måte. Kurset bygger på nettressursen menneskertilsalgs.no/utnyttelse.no."),
		},
		day: l.slot(40, time.Thursday, 1), from: "09:00", to: "15:00",
		city: "Oslo", country: "NO", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{victims},
		langs:  []string{"no"}, orgs: []string{"rvts-ost-no"},
	})
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Koulutus: ihmiskaupan uhrien kohtaaminen maahanmuuttajanaisten parissa tehtävässä työssä",
				"Monika-Naiset liitto ry järjestää koulutuksen järjestöjen ja viranomaisten työntekijöille, jotka työskentelevät maahanmuuttajanaisten kanssa. Koulutuksessa käsitellään ihmiskaupan ja lähisuhdeväkivallan yhteyksiä, turvallista kohtaamista ja palveluihin ohjaamista. Koulutus järjestetään yhteistyössä Rikosuhripäivystyksen kanssa."),
			lang.EN: t("Training: meeting victims of trafficking in work with migrant women",
				"Monika – Multicultural Women's Association offers training for NGO and public-sector staff who work with migrant women: the links between human trafficking and domestic violence, safe encounters, and referral to services. Organised together with Victim Support Finland. In Finnish."),
		},
		day: l.slot(33, time.Wednesday, 1), from: "10:00", to: "15:00",
		city: "Helsinki", country: "FI", att: calendar.OnSite,
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{victims, sexual},
		langs:  []string{"fi"}, orgs: []string{"monika-fi", "riku-fi"},
	})
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Vapaaehtoisten koulutus: ihmiskaupan uhrin tukeminen",
				"Rikosuhripäivystyksen täydennyskoulutus vapaaehtoisille tukihenkilöille: miten tuetaan rikoksen uhria, jonka kokemukset viittaavat ihmiskauppaan, ja milloin asiakas ohjataan ihmiskaupan uhrien auttamisjärjestelmään. Koulutus pidetään verkossa."),
			lang.SV: t("Utbildning för frivilliga: att stödja offer för människohandel",
				"Brottsofferjourens fortbildning för frivilliga stödpersoner: hur man stöder ett brottsoffer vars erfarenheter tyder på människohandel, och när klienten ska hänvisas till hjälpsystemet för offer för människohandel. Utbildningen hålls på nätet."),
		},
		day: l.slot(47, time.Tuesday, 1), from: "17:00", to: "20:00", country: "FI",
		att: calendar.Online, online: "https://meet.example.org/riku-vapaaehtoiset",
		cat: calendar.Training, aud: calendar.Invitation,
		topics: topics{victims},
		langs:  []string{"fi", "sv"}, orgs: []string{"riku-fi"},
	})
	l.addFuture(ev{
		status: calendar.Cancelled,
		orig:   lang.SV,
		texts: tx{
			lang.SV: t("Utbildning: människohandel i digitala miljöer",
				"Utbildningen är inställd. Den skulle ha handlat om hur människohandel och exploatering sker via digitala plattformar. Ett nytt datum meddelas senare."),
		},
		day: l.slot(12, time.Thursday, 1), from: "13:00", to: "16:00", country: "SE",
		att: calendar.Online, online: "https://meet.example.org/digitala-miljoer",
		cat: calendar.Training, aud: calendar.Open,
		topics: topics{sexual, prevention},
		langs:  []string{"sv"}, orgs: []string{"jamstalldhetsmyndigheten-se"},
	})
}

func (l *loader) ministerial() {
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("De nordiske justitsministres møde",
				"Årligt møde mellem de nordiske justitsministre i Nordisk Ministerråd. Indsatsen mod menneskehandel og grænseoverskridende kriminalitet er på dagsordenen, herunder en status fra den nordiske arbejdsgruppe af nationale koordinatorer mod menneskehandel. Mødet er lukket; der udsendes en pressemeddelelse bagefter."),
			lang.SV: t("De nordiska justitieministrarnas möte",
				"Årligt möte mellan de nordiska justitieministrarna i Nordiska ministerrådet. Bekämpningen av människohandel och gränsöverskridande brottslighet står på dagordningen, bland annat en lägesrapport från den nordiska arbetsgruppen för nationella samordnare mot människohandel. Mötet är slutet; ett pressmeddelande publiceras efteråt."),
			lang.NO: t("De nordiske justisministrenes møte",
				"Årlig møte mellom de nordiske justisministrene i Nordisk ministerråd. Innsatsen mot menneskehandel og grenseoverskridende kriminalitet står på dagsordenen, blant annet en statusrapport fra den nordiske arbeidsgruppen for nasjonale koordinatorer mot menneskehandel. Møtet er lukket; det sendes ut en pressemelding i etterkant."),
			lang.FI: t("Pohjoismaiden oikeusministerien kokous",
				"Pohjoismaiden oikeusministerien vuosittainen kokous Pohjoismaiden ministerineuvostossa. Asialistalla on ihmiskaupan ja rajat ylittävän rikollisuuden torjunta, muun muassa ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismaisen työryhmän tilannekatsaus. Kokous on suljettu; siitä julkaistaan tiedote jälkikäteen."),
			lang.EN: t("Meeting of the Nordic ministers of justice",
				"Annual meeting of the Nordic ministers of justice in the Nordic Council of Ministers. Action against human trafficking and cross-border crime is on the agenda, including a progress report from the Nordic Working Group of National Coordinators. Closed meeting; a press release will follow."),
		},
		day: l.slot(24, time.Wednesday, 1), from: "10:00", to: "16:00",
		city: "Bergen", country: "NO", att: calendar.OnSite,
		cat: calendar.Ministerial, aud: calendar.Invitation,
		topics: topics{legislation, prosecution},
		langs:  []string{"da", "sv", "no"},
		orgs:   []string{"nmr", "jd-no"}, nets: []string{"nordic-coordinators"},
	})
	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Ministermöte i Nordiska ministerrådet för jämställdhet och hbti (MR-JÄM)",
				"Möte mellan de nordiska jämställdhetsministrarna. På dagordningen står bland annat det nordiska samarbetet mot prostitution och människohandel för sexuella ändamål och en kunskapsöversikt från NIKK. Mötet är slutet."),
			lang.DA: t("Ministermøde i Nordisk Ministerråd for Ligestilling og LGBTI (MR-JÄM)",
				"Møde mellem de nordiske ligestillingsministre. På dagsordenen er blandt andet det nordiske samarbejde mod prostitution og menneskehandel med henblik på seksuel udnyttelse samt en vidensoversigt fra NIKK. Mødet er lukket."),
			lang.EN: t("Ministerial meeting of the Nordic Council of Ministers for Gender Equality and LGBTI (MR-JÄM)",
				"Meeting of the Nordic ministers for gender equality. The agenda includes Nordic cooperation against prostitution and trafficking in human beings for sexual purposes and a knowledge overview from NIKK. Closed meeting."),
		},
		day: l.slot(40, time.Tuesday, 1), from: "09:30", to: "15:00",
		venue: "Nordens Hus", address: "Ved Stranden 18", city: "København", country: "DK",
		att: calendar.OnSite, cat: calendar.Ministerial, aud: calendar.Invitation,
		topics: topics{sexual, prevention},
		langs:  []string{"sv", "da", "no"}, orgs: []string{"nmr", "nikk"},
	})
	l.addFuture(ev{
		status: calendar.Tentative,
		orig:   lang.EN,
		texts: tx{
			lang.EN: t("NB8 ministerial round table on gender equality and trafficking in human beings",
				"Provisional date for a round table of the Nordic and Baltic ministers for gender equality on following up the NB8 Memorandum of Understanding of 4 March 2009 to combat trafficking in human beings for sexual purposes. To be confirmed."),
		},
		day: l.slot(34, time.Thursday, 1), days: 1,
		city: "Riga", country: "LV", att: calendar.OnSite,
		cat: calendar.Ministerial, aud: calendar.Invitation,
		topics: topics{sexual, prevention},
		langs:  []string{"en"}, orgs: []string{"nmr"}, nets: []string{"nb8-task-forces"},
	})
}

func (l *loader) deadlines() {
	l.addFuture(ev{
		orig: lang.FI,
		texts: tx{
			lang.FI: t("Lausuntoaika päättyy: luonnos hallituksen esitykseksi ihmiskaupan uhrien auttamista koskevan lainsäädännön muuttamisesta",
				"Sisäministeriö pyytää lausuntoja luonnoksesta hallituksen esitykseksi. Lausunnot annetaan lausuntopalvelussa viimeistään tänä päivänä. Kuka tahansa voi antaa lausunnon."),
			lang.SV: t("Remisstiden går ut: utkast till regeringsproposition om ändring av lagstiftningen om hjälp till offer för människohandel",
				"Inrikesministeriet begär utlåtanden om utkastet till regeringsproposition. Utlåtandena lämnas i utlåtandetjänsten senast denna dag. Vem som helst kan lämna ett utlåtande."),
		},
		day: l.slot(8, time.Friday, 1), days: 1, country: "FI",
		att: calendar.Online, cat: calendar.Deadline, aud: calendar.Open,
		topics: topics{legislation, victims},
		langs:  []string{"fi", "sv"}, orgs: []string{"sm-fi"},
		publicURL: "https://www.example.org/lausunto/ihmiskaupan-uhrit",
	})
	l.addFuture(ev{
		orig: lang.DA,
		texts: tx{
			lang.DA: t("Ansøgningsfrist: nordisk-baltiske projekter mod menneskehandel",
				"Sidste frist for at søge støtte fra Nordisk Ministerråd til fælles nordisk-baltiske projekter, der forebygger menneskehandel og styrker hjælpen til ofre. Projekterne skal omfatte mindst tre lande."),
			lang.SV: t("Sista ansökningsdag: nordisk-baltiska projekt mot människohandel",
				"Sista dag att söka stöd från Nordiska ministerrådet för gemensamma nordisk-baltiska projekt som förebygger människohandel och stärker stödet till offer. Projekten ska omfatta minst tre länder."),
			lang.EN: t("Deadline: call for Nordic-Baltic projects against trafficking in human beings",
				"Last day to apply for funding from the Nordic Council of Ministers for joint Nordic-Baltic projects that prevent trafficking in human beings and strengthen assistance to victims. Projects must involve at least three countries."),
		},
		day: l.slot(12, time.Monday, 1), days: 1, country: "INT",
		att: calendar.Online, cat: calendar.Deadline, aud: calendar.Open,
		topics: topics{prevention, victims},
		langs:  []string{"da", "sv", "no", "en"}, orgs: []string{"nmr"},
		publicURL: "https://www.example.org/nmr/call-for-proposals",
		contact:   "projects@example.org",
	})
	l.addFuture(ev{
		orig: lang.NO,
		texts: tx{
			lang.NO: t("Høringsfrist: forslag om å lovfeste en uavhengig nasjonal rapportør om menneskehandel",
				"Justis- og beredskapsdepartementet har sendt på høring et forslag om å lovfeste mandatet til en uavhengig nasjonal rapportør om menneskehandel, jf. tiltak 4 i Nasjonal strategi mot menneskehandel (2025–2030). Høringssvar må være sendt innen fristen."),
		},
		day: l.slot(18, time.Friday, 1), days: 1, country: "NO",
		att: calendar.Online, cat: calendar.Deadline, aud: calendar.Open,
		topics: topics{legislation},
		langs:  []string{"no"}, orgs: []string{"jd-no"},
		publicURL: "https://www.example.org/horing/nasjonal-rapportor",
	})
	l.addFuture(ev{
		orig: lang.SV,
		texts: tx{
			lang.SV: t("Sista dag att söka bidrag för verksamhet mot prostitution och människohandel",
				"Ideella organisationer kan söka bidrag från Jämställdhetsmyndigheten för verksamhet som förebygger och motverkar prostitution och människohandel för sexuella ändamål. Ansökan ska ha kommit in senast denna dag."),
		},
		day: l.slot(26, time.Friday, 1), days: 1, country: "SE",
		att: calendar.Online, cat: calendar.Deadline, aud: calendar.Open,
		topics: topics{sexual, prevention},
		langs:  []string{"sv"}, orgs: []string{"jamstalldhetsmyndigheten-se"},
		publicURL: "https://www.example.org/bidrag/prostitution-manniskohandel",
	})
	l.addFuture(ev{
		orig: lang.EN,
		texts: tx{
			lang.EN: t("Deadline: national replies to the GRETA evaluation questionnaire",
				"Last day for the states under evaluation to send their replies to GRETA's questionnaire. National coordinators collect input from ministries, agencies and NGOs beforehand."),
		},
		day: l.slot(37, time.Friday, 1), days: 1, country: "INT",
		att: calendar.Online, cat: calendar.Deadline, aud: calendar.Invitation,
		topics: topics{legislation},
		langs:  []string{"en"}, orgs: []string{"greta-coe"}, nets: []string{"nordic-coordinators"},
	})
}
