// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"fmt"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// names is a name per language.
type names = lang.Texts

type orgSpec struct {
	slug    string
	abbr    string
	country directory.Country
	typ     directory.OrgType
	orig    lang.Code
	website string
	parent  string // slug of the parent organisation, created earlier
	names   names
}

// organisationSpecs are the real actors of Nordic anti-trafficking work.
// Names are given in the languages in which they have an established or
// natural form; the interface falls back to the original or English.
//
// The Nordic Council of Ministers and NIKK are intergovernmental Nordic
// bodies, so their country is INT (NIKK sits in Gothenburg, not Denmark).
var organisationSpecs = []orgSpec{
	// Finland.
	{slug: "om-fi", abbr: "OM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://oikeusministerio.fi", names: names{
		lang.FI: "Oikeusministeriö", lang.SV: "Justitieministeriet", lang.EN: "Ministry of Justice, Finland",
		lang.DA: "Finlands Justitsministerium", lang.NO: "Finlands justisdepartement"}},
	{slug: "tem-fi", abbr: "TEM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://tem.fi", names: names{
		lang.FI: "Työ- ja elinkeinoministeriö", lang.SV: "Arbets- och näringsministeriet", lang.EN: "Ministry of Economic Affairs and Employment of Finland",
		lang.DA: "Finlands Arbejds- og Erhvervsministerium", lang.NO: "Finlands arbeids- og næringsdepartement"}},
	{slug: "stm-fi", abbr: "STM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://stm.fi", names: names{
		lang.FI: "Sosiaali- ja terveysministeriö", lang.SV: "Social- och hälsovårdsministeriet", lang.EN: "Ministry of Social Affairs and Health, Finland",
		lang.DA: "Finlands Social- og Sundhedsministerium", lang.NO: "Finlands sosial- og helsedepartement"}},
	{slug: "sm-fi", abbr: "SM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://intermin.fi", names: names{
		lang.FI: "Sisäministeriö", lang.SV: "Inrikesministeriet", lang.EN: "Ministry of the Interior, Finland",
		lang.DA: "Finlands Indenrigsministerium", lang.NO: "Finlands innenriksdepartement"}},
	{slug: "okm-fi", abbr: "OKM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://okm.fi", names: names{
		lang.FI: "Opetus- ja kulttuuriministeriö", lang.SV: "Undervisnings- och kulturministeriet", lang.EN: "Ministry of Education and Culture, Finland",
		lang.DA: "Finlands Undervisnings- og Kulturministerium", lang.NO: "Finlands utdannings- og kulturdepartement"}},
	{slug: "um-fi", abbr: "UM", country: "FI", typ: directory.Ministry, orig: lang.FI, website: "https://um.fi", names: names{
		lang.FI: "Ulkoministeriö", lang.SV: "Utrikesministeriet", lang.EN: "Ministry for Foreign Affairs of Finland",
		lang.DA: "Finlands Udenrigsministerium", lang.NO: "Finlands utenriksdepartement"}},
	{slug: "migri-fi", abbr: "Migri", country: "FI", typ: directory.Agency, orig: lang.FI, website: "https://migri.fi", names: names{
		lang.FI: "Maahanmuuttovirasto", lang.SV: "Migrationsverket", lang.EN: "Finnish Immigration Service"}},
	{slug: "auttamisjarjestelma-fi", country: "FI", typ: directory.Agency, orig: lang.FI, website: "https://www.ihmiskauppa.fi", parent: "migri-fi", names: names{
		lang.FI: "Ihmiskaupan uhrien auttamisjärjestelmä", lang.SV: "Hjälpsystemet för offer för människohandel",
		lang.EN: "National Assistance System for Victims of Human Trafficking"}},
	{slug: "poliisihallitus-fi", country: "FI", typ: directory.Police, orig: lang.FI, website: "https://poliisi.fi", names: names{
		lang.FI: "Poliisihallitus", lang.SV: "Polisstyrelsen", lang.EN: "National Police Board of Finland"}},
	{slug: "yvv-fi", country: "FI", typ: directory.Agency, orig: lang.FI, website: "https://syrjinta.fi", names: names{
		lang.FI: "Yhdenvertaisuusvaltuutettu", lang.SV: "Diskrimineringsombudsmannen", lang.EN: "Non-Discrimination Ombudsman, Finland"}},
	{slug: "monika-fi", country: "FI", typ: directory.NGO, orig: lang.FI, website: "https://monikanaiset.fi", names: names{
		lang.FI: "Monika-Naiset liitto ry", lang.EN: "Monika – Multicultural Women's Association"}},
	{slug: "riku-fi", abbr: "RIKU", country: "FI", typ: directory.NGO, orig: lang.FI, website: "https://www.riku.fi", names: names{
		lang.FI: "Rikosuhripäivystys", lang.SV: "Brottsofferjouren", lang.EN: "Victim Support Finland"}},
	{slug: "heuni", abbr: "HEUNI", country: "FI", typ: directory.Research, orig: lang.EN, website: "https://heuni.fi", names: names{
		lang.EN: "European Institute for Crime Prevention and Control, affiliated with the United Nations",
		lang.FI: "Yhdistyneiden kansakuntien yhteydessä toimiva Euroopan kriminaalipolitiikan instituutti",
		lang.SV: "Europeiska institutet för kriminalpolitik, knutet till Förenta nationerna"}},
	// Åland.
	{slug: "landskapsregeringen-ax", country: "AX", typ: directory.Ministry, orig: lang.SV, website: "https://www.regeringen.ax", names: names{
		lang.SV: "Ålands landskapsregering", lang.FI: "Ahvenanmaan maakunnan hallitus", lang.EN: "Government of Åland"}},
	// Norway.
	{slug: "jd-no", abbr: "JD", country: "NO", typ: directory.Ministry, orig: lang.NO, website: "https://www.regjeringen.no/no/dep/jd/", names: names{
		lang.NO: "Justis- og beredskapsdepartementet", lang.EN: "Norwegian Ministry of Justice and Public Security",
		lang.SV: "Norges justitie- och beredskapsdepartement", lang.DA: "Norges Justits- og Beredskabsministerium"}},
	{slug: "sfk-no", abbr: "Sfk", country: "NO", typ: directory.Agency, orig: lang.NO, website: "https://konfliktraadet.no", names: names{
		lang.NO: "Sekretariatet for konfliktrådene", lang.EN: "Secretariat of the Norwegian Mediation Service"}},
	{slug: "politidirektoratet-no", abbr: "POD", country: "NO", typ: directory.Police, orig: lang.NO, website: "https://www.politiet.no", names: names{
		lang.NO: "Politidirektoratet", lang.EN: "Norwegian Police Directorate"}},
	{slug: "kom-no", abbr: "KOM", country: "NO", typ: directory.Police, orig: lang.NO, parent: "politidirektoratet-no", names: names{
		lang.NO: "Koordineringsenheten mot menneskehandel", lang.EN: "Coordinating Unit for Victims of Trafficking"}},
	{slug: "rosa-no", abbr: "ROSA", country: "NO", typ: directory.NGO, orig: lang.NO, website: "https://rosa-help.no", names: names{
		lang.NO: "ROSA – Krisesentersekretariatet", lang.EN: "ROSA – Secretariat of the Shelter Movement"}},
	{slug: "bufdir-no", abbr: "Bufdir", country: "NO", typ: directory.Agency, orig: lang.NO, website: "https://www.bufdir.no", names: names{
		lang.NO: "Barne-, ungdoms- og familiedirektoratet", lang.EN: "Norwegian Directorate for Children, Youth and Family Affairs"}},
	{slug: "nim-no", abbr: "NIM", country: "NO", typ: directory.Agency, orig: lang.NO, website: "https://www.nhri.no", names: names{
		lang.NO: "Norges institusjon for menneskerettigheter", lang.EN: "Norwegian National Human Rights Institution"}},
	{slug: "rvts-ost-no", abbr: "RVTS Øst", country: "NO", typ: directory.Research, orig: lang.NO, website: "https://www.rvtsost.no", names: names{
		lang.NO: "Regionalt ressurssenter om vold, traumatisk stress og selvmordsforebygging, region øst",
		lang.EN: "Regional Resource Centre on Violence, Traumatic Stress and Suicide Prevention, Eastern Norway"}},
	{slug: "htso-no", abbr: "HTSO", country: "NO", typ: directory.Agency, orig: lang.NO, names: names{
		lang.NO: "Human Trafficking Support Oslo, Nav Grünerløkka", lang.EN: "Human Trafficking Support Oslo, Nav Grünerløkka"}},
	{slug: "fafo-no", abbr: "Fafo", country: "NO", typ: directory.Research, orig: lang.NO, website: "https://www.fafo.no", names: names{
		lang.NO: "Forskningsstiftelsen Fafo", lang.EN: "Fafo Research Foundation"}},
	// Sweden.
	{slug: "jamstalldhetsmyndigheten-se", country: "SE", typ: directory.Agency, orig: lang.SV, website: "https://jamstalldhetsmyndigheten.se", names: names{
		lang.SV: "Jämställdhetsmyndigheten", lang.EN: "Swedish Gender Equality Agency", lang.FI: "Ruotsin tasa-arvovirasto",
		lang.DA: "Den svenske ligestillingsmyndighed", lang.NO: "Den svenske likestillingsmyndigheten"}},
	{slug: "polisen-se", country: "SE", typ: directory.Police, orig: lang.SV, website: "https://polisen.se", names: names{
		lang.SV: "Polismyndigheten", lang.EN: "Swedish Police Authority", lang.FI: "Ruotsin poliisi",
		lang.DA: "Det svenske politi", lang.NO: "Det svenske politiet"}},
	{slug: "ju-se", abbr: "Ju", country: "SE", typ: directory.Ministry, orig: lang.SV, website: "https://www.regeringen.se", names: names{
		lang.SV: "Justitiedepartementet", lang.EN: "Ministry of Justice, Sweden", lang.FI: "Ruotsin oikeusministeriö",
		lang.DA: "Sveriges Justitsministerium", lang.NO: "Sveriges justisdepartement"}},
	// Denmark.
	{slug: "cmm-dk", abbr: "CMM", country: "DK", typ: directory.Agency, orig: lang.DA, website: "https://menneskehandel.dk", names: names{
		lang.DA: "Center mod Menneskehandel", lang.EN: "Danish Centre against Human Trafficking", lang.SV: "Danska centret mot människohandel",
		lang.NO: "Det danske senteret mot menneskehandel", lang.FI: "Tanskan ihmiskaupan vastainen keskus"}},
	{slug: "jm-dk", country: "DK", typ: directory.Ministry, orig: lang.DA, website: "https://www.justitsministeriet.dk", names: names{
		lang.DA: "Justitsministeriet", lang.EN: "Ministry of Justice, Denmark", lang.SV: "Danmarks justitieministerium",
		lang.NO: "Det danske justisministeriet", lang.FI: "Tanskan oikeusministeriö"}},
	{slug: "rigspolitiet-dk", country: "DK", typ: directory.Police, orig: lang.DA, website: "https://politi.dk", names: names{
		lang.DA: "Rigspolitiet", lang.EN: "Danish National Police", lang.SV: "Danska rikspolisen", lang.NO: "Det danske rikspolitiet"}},
	// Iceland: Icelandic is not one of the five languages, so the name in
	// English carries the Icelandic one.
	{slug: "dmr-is", country: "IS", typ: directory.Ministry, orig: lang.EN, website: "https://www.stjornarradid.is", names: names{
		lang.EN: "Ministry of Justice of Iceland (Dómsmálaráðuneytið)", lang.DA: "Islands Justitsministerium",
		lang.SV: "Islands justitieministerium", lang.NO: "Islands justisdepartement", lang.FI: "Islannin oikeusministeriö"}},
	{slug: "rls-is", country: "IS", typ: directory.Police, orig: lang.EN, website: "https://www.logreglan.is", names: names{
		lang.EN: "National Commissioner of the Icelandic Police (Ríkislögreglustjóri)"}},
	// Nordic bodies.
	{slug: "nmr", abbr: "NMR", country: "INT", typ: directory.NordicBody, orig: lang.DA, website: "https://www.norden.org", names: names{
		lang.DA: "Nordisk Ministerråds sekretariat", lang.SV: "Nordiska ministerrådets sekretariat", lang.NO: "Nordisk ministerråds sekretariat",
		lang.FI: "Pohjoismaiden ministerineuvoston sihteeristö", lang.EN: "Nordic Council of Ministers Secretariat"}},
	{slug: "nikk", abbr: "NIKK", country: "INT", typ: directory.NordicBody, orig: lang.SV, website: "https://nikk.no", names: names{
		lang.SV: "NIKK – Nordisk information för kunskap om kön", lang.NO: "NIKK – Nordisk informasjon for kunnskap om kjønn",
		lang.EN: "NIKK – Nordic Information on Gender"}},
	// International bodies.
	{slug: "cbss", abbr: "CBSS", country: "INT", typ: directory.International, orig: lang.EN, website: "https://cbss.org", names: names{
		lang.EN: "Council of the Baltic Sea States Secretariat", lang.SV: "Östersjöstaternas råds sekretariat",
		lang.DA: "Østersørådets sekretariat", lang.NO: "Østersjørådets sekretariat", lang.FI: "Itämeren valtioiden neuvoston sihteeristö"}},
	{slug: "greta-coe", abbr: "GRETA", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.coe.int/en/web/anti-human-trafficking", names: names{
		lang.EN: "Council of Europe – Group of Experts on Action against Trafficking in Human Beings",
		lang.FI: "Euroopan neuvosto – ihmiskaupan vastaisen toiminnan asiantuntijaryhmä",
		lang.SV: "Europarådet – expertgruppen för åtgärder mot människohandel",
		lang.DA: "Europarådet – ekspertgruppen for indsatsen mod menneskehandel",
		lang.NO: "Europarådet – ekspertgruppen for tiltak mot menneskehandel"}},
	{slug: "unodc", abbr: "UNODC", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.unodc.org", names: names{
		lang.EN: "United Nations Office on Drugs and Crime", lang.FI: "YK:n huume- ja rikostoimisto",
		lang.SV: "FN:s kontor mot narkotika och brottslighet", lang.DA: "FN's kontor for narkotika og kriminalitet",
		lang.NO: "FNs kontor for narkotika og kriminalitet"}},
	{slug: "osce-cthb", abbr: "OSCE", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.osce.org/cthb", names: names{
		lang.EN: "OSCE Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings",
		lang.FI: "Etyjin ihmiskaupan vastaisen toiminnan erityisedustajan toimisto",
		lang.SV: "OSSE:s kontor för den särskilda representanten för bekämpning av människohandel",
		lang.DA: "OSCE's kontor for den særlige repræsentant for bekæmpelse af menneskehandel",
		lang.NO: "OSSEs kontor for spesialrepresentanten for bekjempelse av menneskehandel"}},
	{slug: "europol", abbr: "Europol", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.europol.europa.eu", names: names{
		lang.EN: "European Union Agency for Law Enforcement Cooperation", lang.FI: "Euroopan unionin lainvalvontayhteistyövirasto",
		lang.SV: "Europeiska unionens byrå för samarbete inom brottsbekämpning",
		lang.DA: "Den Europæiske Unions Agentur for Retshåndhævelsessamarbejde",
		lang.NO: "EUs byrå for samarbeid om rettshåndhevelse"}},
	{slug: "ilo", abbr: "ILO", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.ilo.org", names: names{
		lang.EN: "International Labour Organization", lang.FI: "Kansainvälinen työjärjestö",
		lang.SV: "Internationella arbetsorganisationen", lang.DA: "Den Internationale Arbejdsorganisation",
		lang.NO: "Den internasjonale arbeidsorganisasjonen"}},
	{slug: "ela", abbr: "ELA", country: "INT", typ: directory.International, orig: lang.EN, website: "https://www.ela.europa.eu", names: names{
		lang.EN: "European Labour Authority", lang.FI: "Euroopan työviranomainen", lang.SV: "Europeiska arbetsmyndigheten",
		lang.DA: "Den Europæiske Arbejdsmarkedsmyndighed", lang.NO: "Det europeiske arbeidsmarkedsbyrået"}},
	{slug: "eu-atc", country: "INT", typ: directory.International, orig: lang.EN, website: "https://home-affairs.ec.europa.eu", names: names{
		lang.EN: "European Commission – EU Anti-Trafficking Coordinator",
		lang.FI: "Euroopan komissio – EU:n ihmiskaupan vastainen koordinaattori",
		lang.SV: "Europeiska kommissionen – EU:s samordnare för kampen mot människohandel",
		lang.DA: "Europa-Kommissionen – EU's koordinator for bekæmpelse af menneskehandel",
		lang.NO: "Europakommisjonen – EUs koordinator mot menneskehandel"}},
}

func (l *loader) organisations() {
	for _, s := range organisationSpecs {
		o := directory.Organisation{
			Slug: s.slug, Names: s.names, OriginalLang: s.orig, Abbreviation: s.abbr,
			Country: s.country, Type: s.typ, Website: s.website,
		}
		if s.parent != "" {
			p, ok := l.orgs[s.parent]
			if !ok {
				l.fail(fmt.Errorf("demo: organisation %q: unknown parent %q", s.slug, s.parent))
				return
			}
			o.ParentID = &p.ID
		}
		if err := l.dir.CreateOrganisation(l.ctx, &o); err != nil {
			l.fail(fmt.Errorf("demo: organisation %q: %w", s.slug, err))
			return
		}
		l.orgs[s.slug] = o
	}
}

type netSpec struct {
	slug, abbr, website          string
	orig                         lang.Code
	names, descriptions, parents names
}

// networkSpecs are the Nordic and Baltic Sea networks against trafficking.
var networkSpecs = []netSpec{
	{slug: "nordic-coordinators", orig: lang.EN, parents: names{lang.EN: "Nordic Council of Ministers for Justice",
		lang.FI: "Pohjoismaiden oikeusministerineuvosto", lang.SV: "Nordiska ministerrådet för justitiefrågor",
		lang.DA: "Nordisk Ministerråd for justitsområdet", lang.NO: "Nordisk ministerråd for justisspørsmål"},
		names: names{
			lang.EN: "Nordic Working Group of National Coordinators against Trafficking in Human Beings",
			lang.FI: "Ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismainen työryhmä",
			lang.SV: "Nordiska arbetsgruppen för nationella samordnare mot människohandel",
			lang.DA: "Den nordiske arbejdsgruppe af nationale koordinatorer mod menneskehandel",
			lang.NO: "Nordisk arbeidsgruppe for nasjonale koordinatorer mot menneskehandel",
		},
		descriptions: names{
			lang.EN: "Brings together the authorities responsible for coordinating action against trafficking in human beings in the Nordic countries. The working group sits under the Nordic Council of Ministers for Justice; the Nordic Police Network and the network against trafficking of children work under it.",
			lang.FI: "Kokoaa yhteen Pohjoismaiden viranomaiset, jotka vastaavat ihmiskaupan vastaisen työn koordinoinnista. Työryhmä toimii Pohjoismaiden ministerineuvoston oikeusyhteistyön alaisuudessa, ja sen alla toimivat pohjoismainen poliisiverkosto sekä lapsiin kohdistuvan ihmiskaupan vastainen verkosto.",
			lang.SV: "Samlar de myndigheter som ansvarar för samordningen av arbetet mot människohandel i de nordiska länderna. Arbetsgruppen lyder under Nordiska ministerrådet för justitiefrågor; under den verkar det nordiska polisnätverket och nätverket mot människohandel med barn.",
			lang.DA: "Samler de myndigheder, der har ansvaret for at koordinere indsatsen mod menneskehandel i de nordiske lande. Arbejdsgruppen hører under Nordisk Ministerråd for justitsområdet; under den arbejder det nordiske politinetværk og netværket mod menneskehandel med børn.",
			lang.NO: "Samler myndighetene som har ansvar for å koordinere innsatsen mot menneskehandel i de nordiske landene. Arbeidsgruppen ligger under Nordisk ministerråd for justisspørsmål; under den er det etablert et politi- og påtalenettverk og et nettverk mot menneskehandel med barn.",
		}},
	{slug: "nordic-police-network", orig: lang.EN, parents: names{lang.EN: "Nordic Working Group of National Coordinators against Trafficking in Human Beings",
		lang.FI: "Ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismainen työryhmä",
		lang.SV: "Nordiska arbetsgruppen för nationella samordnare mot människohandel",
		lang.DA: "Den nordiske arbejdsgruppe af nationale koordinatorer mod menneskehandel",
		lang.NO: "Nordisk arbeidsgruppe for nasjonale koordinatorer mot menneskehandel"},
		names: names{
			lang.EN: "Nordic Police Network against Trafficking in Human Beings",
			lang.FI: "Pohjoismainen poliisiverkosto ihmiskauppaa vastaan",
			lang.SV: "Nordiska polisnätverket mot människohandel",
			lang.DA: "Det nordiske politinetværk mod menneskehandel",
			lang.NO: "Nordisk politinettverk mot menneskehandel",
		},
		descriptions: names{
			lang.EN: "Network of the police and prosecution services of the Nordic countries for operational cooperation and exchange of experience in trafficking cases. Works under the Nordic Working Group of National Coordinators.",
			lang.FI: "Pohjoismaiden poliisin ja syyttäjälaitosten verkosto, joka edistää operatiivista yhteistyötä ja kokemusten vaihtoa ihmiskauppa-asioissa. Verkosto toimii ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismaisen työryhmän alaisuudessa.",
			lang.SV: "Nätverk för polis och åklagare i de nordiska länderna för operativt samarbete och erfarenhetsutbyte i ärenden om människohandel. Nätverket verkar under den nordiska arbetsgruppen för nationella samordnare.",
			lang.DA: "Netværk for politi og anklagemyndighed i de nordiske lande med henblik på operativt samarbejde og erfaringsudveksling i sager om menneskehandel. Netværket arbejder under den nordiske arbejdsgruppe af nationale koordinatorer.",
			lang.NO: "Nettverk for politi og påtalemyndighet i de nordiske landene for operativt samarbeid og erfaringsutveksling i saker om menneskehandel. Nettverket er etablert under den nordiske arbeidsgruppen for nasjonale koordinatorer.",
		}},
	{slug: "nordic-child-trafficking-network", orig: lang.EN, parents: names{lang.EN: "Nordic Working Group of National Coordinators against Trafficking in Human Beings",
		lang.FI: "Ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismainen työryhmä",
		lang.SV: "Nordiska arbetsgruppen för nationella samordnare mot människohandel",
		lang.DA: "Den nordiske arbejdsgruppe af nationale koordinatorer mod menneskehandel",
		lang.NO: "Nordisk arbeidsgruppe for nasjonale koordinatorer mot menneskehandel"},
		names: names{
			lang.EN: "Nordic Network against Trafficking of Children",
			lang.FI: "Lapsiin kohdistuvan ihmiskaupan vastainen pohjoismainen verkosto",
			lang.SV: "Nordiska nätverket mot människohandel med barn",
			lang.DA: "Det nordiske netværk mod menneskehandel med børn",
			lang.NO: "Nordisk nettverk mot menneskehandel med barn",
		},
		descriptions: names{
			lang.EN: "Nordic network on child victims of trafficking in human beings: identification, care, guardianship and cooperation across borders. Established under the Nordic Working Group of National Coordinators.",
			lang.FI: "Pohjoismainen verkosto, joka käsittelee ihmiskaupan uhreiksi joutuneita lapsia: tunnistamista, hoivaa, edustusta ja rajat ylittävää yhteistyötä. Verkosto toimii ihmiskaupan vastaisten kansallisten koordinaattoreiden pohjoismaisen työryhmän alaisuudessa.",
			lang.SV: "Nordiskt nätverk om barn som utsatts för människohandel: identifiering, omsorg, företrädare och gränsöverskridande samarbete. Nätverket har inrättats under den nordiska arbetsgruppen för nationella samordnare.",
			lang.DA: "Nordisk netværk om børn, der er ofre for menneskehandel: identifikation, omsorg, repræsentation og samarbejde på tværs af grænser. Netværket er oprettet under den nordiske arbejdsgruppe af nationale koordinatorer.",
			lang.NO: "Nordisk nettverk om mindreårige ofre for menneskehandel: identifisering, omsorg, representasjon og samarbeid på tvers av landegrenser. Nettverket er etablert under den nordiske arbeidsgruppen for nasjonale koordinatorer.",
		}},
	{slug: "nordic-baltic-hub", orig: lang.EN, parents: names{lang.EN: "Nordic Council of Ministers for Labour",
		lang.FI: "Pohjoismaiden työministerineuvosto", lang.SV: "Nordiska ministerrådet för arbetsliv",
		lang.DA: "Nordisk Ministerråd for Arbejdsliv", lang.NO: "Nordisk ministerråd for arbeidsliv"},
		names: names{
			lang.EN: "Nordic-Baltic Hub against Work-Related Crime",
			lang.FI: "Työperäisen rikollisuuden torjunnan pohjoismais-baltialainen yhteistyöverkosto",
			lang.SV: "Nordisk-baltiska hubben mot arbetslivskriminalitet",
			lang.DA: "Nordisk-baltisk hub mod arbejdsmarkedskriminalitet",
			lang.NO: "Nordisk-baltisk hub mot arbeidslivskriminalitet",
		},
		descriptions: names{
			lang.EN: "Cooperation between the labour inspection authorities of the Nordic and Baltic countries against work-related crime, including labour exploitation and trafficking for forced labour. Works under the Nordic Council of Ministers for Labour.",
			lang.FI: "Pohjoismaiden ja Baltian maiden työsuojeluviranomaisten yhteistyö työperäisen rikollisuuden, kuten työvoiman hyväksikäytön ja pakkotyöhön liittyvän ihmiskaupan, torjumiseksi. Toimii Pohjoismaiden ministerineuvoston työelämäyhteistyön alaisuudessa.",
			lang.SV: "Samarbete mellan arbetsmiljö- och tillsynsmyndigheterna i de nordiska och baltiska länderna mot arbetslivskriminalitet, bland annat arbetskraftsexploatering och människohandel för tvångsarbete. Verkar under Nordiska ministerrådet för arbetsliv.",
			lang.DA: "Samarbejde mellem arbejdstilsynsmyndighederne i de nordiske og baltiske lande mod arbejdsmarkedskriminalitet, herunder udnyttelse af arbejdskraft og menneskehandel med henblik på tvangsarbejde. Hører under Nordisk Ministerråd for Arbejdsliv.",
			lang.NO: "Samarbeid mellom arbeidstilsynsmyndighetene i de nordiske og baltiske landene mot arbeidslivskriminalitet, blant annet utnyttelse av arbeidskraft og menneskehandel med sikte på tvangsarbeid. Ligger under Nordisk ministerråd for arbeidsliv.",
		}},
	{slug: "cbss-tf-thb", abbr: "TF-THB", orig: lang.EN, parents: names{lang.EN: "Council of the Baltic Sea States",
		lang.FI: "Itämeren valtioiden neuvosto", lang.SV: "Östersjöstaternas råd", lang.DA: "Østersørådet", lang.NO: "Østersjørådet"}, website: "https://cbss.org",
		names: names{
			lang.EN: "CBSS Task Force against Trafficking in Human Beings",
			lang.FI: "Itämeren valtioiden neuvoston ihmiskaupan vastainen työryhmä",
			lang.SV: "Östersjöstaternas råds arbetsgrupp mot människohandel",
			lang.DA: "Østersørådets taskforce mod menneskehandel",
			lang.NO: "Østersjørådets arbeidsgruppe mot menneskehandel",
		},
		descriptions: names{
			lang.EN: "Expert group of the Council of the Baltic Sea States that develops and runs projects on capacity building and multidisciplinary cooperation against trafficking in human beings in the Baltic Sea region.",
			lang.FI: "Itämeren valtioiden neuvoston asiantuntijaryhmä, joka kehittää ja toteuttaa osaamisen vahvistamiseen ja moniammatilliseen yhteistyöhön liittyviä ihmiskaupan vastaisia hankkeita Itämeren alueella.",
			lang.SV: "Expertgrupp inom Östersjöstaternas råd som utvecklar och genomför projekt för kompetensutveckling och tvärsektoriellt samarbete mot människohandel i Östersjöregionen.",
			lang.DA: "Ekspertgruppe under Østersørådet, der udvikler og gennemfører projekter om kompetenceopbygning og tværfagligt samarbejde mod menneskehandel i Østersøregionen.",
			lang.NO: "Ekspertgruppe i Østersjørådet som utvikler og gjennomfører prosjekter innen kompetanseutvikling og tverrfaglig samarbeid mot menneskehandel i Østersjøregionen.",
		}},
	{slug: "cbss-children-at-risk", orig: lang.EN, parents: names{lang.EN: "Council of the Baltic Sea States",
		lang.FI: "Itämeren valtioiden neuvosto", lang.SV: "Östersjöstaternas råd", lang.DA: "Østersørådet", lang.NO: "Østersjørådet"}, website: "https://cbss.org",
		names: names{
			lang.EN: "CBSS Expert Group on Children at Risk",
			lang.FI: "Itämeren valtioiden neuvoston Children at Risk -asiantuntijaryhmä",
			lang.SV: "Östersjöstaternas råds expertgrupp Children at Risk",
			lang.DA: "Østersørådets ekspertgruppe Children at Risk",
			lang.NO: "Østersjørådets ekspertgruppe Children at Risk",
		},
		descriptions: names{
			lang.EN: "Expert group of the Council of the Baltic Sea States on the protection of children at risk, including children who are victims of trafficking and exploitation.",
			lang.FI: "Itämeren valtioiden neuvoston asiantuntijaryhmä, joka edistää haavoittuvassa asemassa olevien lasten suojelua, myös ihmiskaupan ja hyväksikäytön uhreiksi joutuneiden lasten.",
			lang.SV: "Expertgrupp inom Östersjöstaternas råd för skydd av utsatta barn, bland annat barn som utsatts för människohandel och exploatering.",
			lang.DA: "Ekspertgruppe under Østersørådet om beskyttelse af udsatte børn, herunder børn, der er ofre for menneskehandel og udnyttelse.",
			lang.NO: "Ekspertgruppe i Østersjørådet for beskyttelse av utsatte barn, blant annet barn som er utsatt for menneskehandel og utnyttelse.",
		}},
	{slug: "ndphs", abbr: "NDPHS", orig: lang.EN, parents: names{lang.EN: "Northern Dimension",
		lang.FI: "Pohjoinen ulottuvuus", lang.SV: "Den nordliga dimensionen", lang.DA: "Den Nordlige Dimension", lang.NO: "Den nordlige dimensjon"}, website: "https://ndphs.org",
		names: names{
			lang.EN: "Northern Dimension Partnership in Public Health and Social Well-being",
			lang.FI: "Pohjoisen ulottuvuuden kansanterveyden ja sosiaalisen hyvinvoinnin kumppanuus",
			lang.SV: "Den nordliga dimensionens partnerskap för folkhälsa och social välfärd",
			lang.DA: "Den Nordlige Dimensions Partnerskab for Sundhed og Socialt Velbefindende",
			lang.NO: "Den nordlige dimensjons partnerskap for folkehelse og sosial trivsel",
		},
		descriptions: names{
			lang.EN: "Partnership of the Northern Dimension countries and international organisations in public health and social well-being. The Nordic Council of Ministers put trafficking in human beings on the partnership's action plan for 2008–2009.",
			lang.FI: "Pohjoisen ulottuvuuden maiden ja kansainvälisten järjestöjen kumppanuus kansanterveyden ja sosiaalisen hyvinvoinnin alalla. Pohjoismaiden ministerineuvosto nosti ihmiskaupan kumppanuuden toimintasuunnitelmaan vuosiksi 2008–2009.",
			lang.SV: "Partnerskap mellan länderna i den nordliga dimensionen och internationella organisationer inom folkhälsa och social välfärd. Nordiska ministerrådet förde upp människohandel på partnerskapets handlingsplan för 2008–2009.",
			lang.DA: "Partnerskab mellem landene i Den Nordlige Dimension og internationale organisationer om sundhed og socialt velbefindende. Nordisk Ministerråd satte menneskehandel på partnerskabets handlingsplan for 2008/2009.",
			lang.NO: "Partnerskap mellom landene i Den nordlige dimensjon og internasjonale organisasjoner om folkehelse og sosial trivsel. Nordisk ministerråd satte menneskehandel på partnerskapets handlingsplan for 2008–2009.",
		}},
	{slug: "nb8-task-forces", abbr: "NB8", orig: lang.EN, parents: names{lang.EN: "Nordic and Baltic ministers for gender equality (NB8)",
		lang.FI: "Pohjoismaiden ja Baltian maiden tasa-arvoministerit (NB8)", lang.SV: "De nordiska och baltiska jämställdhetsministrarna (NB8)",
		lang.DA: "De nordiske og baltiske ligestillingsministre (NB8)", lang.NO: "De nordiske og baltiske likestillingsministrene (NB8)"},
		names: names{
			lang.EN: "NB8 Network of Task Forces against Trafficking in Human Beings for Sexual Purposes",
			lang.FI: "Seksuaaliseen hyväksikäyttöön liittyvän ihmiskaupan vastaisten työryhmien NB8-verkosto",
			lang.SV: "NB8-nätverket av arbetsgrupper mot människohandel för sexuella ändamål",
			lang.DA: "NB8-netværket af taskforces mod menneskehandel med henblik på seksuel udnyttelse",
			lang.NO: "NB8-nettverket av arbeidsgrupper mot menneskehandel for seksuelle formål",
		},
		descriptions: names{
			lang.EN: "Network of organisations and task forces in the Nordic and Baltic countries under the NB8 Memorandum of Understanding to Combat Trafficking in Human Beings for Sexual Purposes, which the Nordic and Baltic ministers for gender equality approved on 4 March 2009. The Nordic Council of Ministers secretariat coordinates the activities.",
			lang.FI: "Pohjoismaiden ja Baltian maiden järjestöjen ja työryhmien verkosto, joka perustuu seksuaaliseen hyväksikäyttöön liittyvän ihmiskaupan torjuntaa koskevaan NB8-yhteisymmärryspöytäkirjaan. Pohjoismaiden ja Baltian maiden tasa-arvoministerit hyväksyivät pöytäkirjan 4.3.2009. Toimintaa koordinoi Pohjoismaiden ministerineuvoston sihteeristö.",
			lang.SV: "Nätverk av organisationer och arbetsgrupper i de nordiska och baltiska länderna enligt NB8-samförståndsavtalet (Memorandum of Understanding) om bekämpning av människohandel för sexuella ändamål, som de nordiska och baltiska jämställdhetsministrarna godkände den 4 mars 2009. Nordiska ministerrådets sekretariat samordnar verksamheten.",
			lang.DA: "Netværk af organisationer og taskforces i de nordiske og baltiske lande under NB8 Memorandum of Understanding om bekæmpelse af menneskehandel med henblik på seksuel udnyttelse, som de nordiske og baltiske ligestillingsministre godkendte den 4. marts 2009. Nordisk Ministerråds sekretariat koordinerer aktiviteterne.",
			lang.NO: "Nettverk av organisasjoner og arbeidsgrupper i de nordiske og baltiske landene under NB8-avtalen (Memorandum of Understanding) om bekjempelse av menneskehandel for seksuelle formål, som de nordiske og baltiske likestillingsministrene godkjente 4. mars 2009. Nordisk ministerråds sekretariat koordinerer aktivitetene.",
		}},
}

func (l *loader) networks() {
	for _, s := range networkSpecs {
		n := directory.Network{
			Slug: s.slug, Names: s.names, Descriptions: s.descriptions, OriginalLang: s.orig,
			Abbreviation: s.abbr, ParentBodies: s.parents, Website: s.website,
			SecretariatID: l.secretariatOf(s.slug),
		}
		if err := l.dir.CreateNetwork(l.ctx, &n); err != nil {
			l.fail(fmt.Errorf("demo: network %q: %w", s.slug, err))
			return
		}
		l.nets[s.slug] = n
	}
}
