// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"bytes"
	"fmt"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// docSpec is a key document of the library. Either url is set, or pdf
// holds the lines of a small uploaded PDF (meeting papers that exist
// nowhere else).
type docSpec struct {
	orig      lang.Code
	titles    names
	summaries names
	langs     []string
	country   directory.Country
	org, net  string
	typ       directory.DocType
	date      string
	topics    []string
	url, file string
	pdf       []string
	attach    map[string]directory.AttachmentRole // event key → role
}

// documentSpecs are the library: the documents the sources name (real
// titles and publishers), and papers of the demo's meetings.
var documentSpecs = []docSpec{
	{orig: lang.NO, titles: names{lang.NO: "Nasjonal strategi mot menneskehandel (2025–2030)", lang.EN: "National strategy against human trafficking (2025–2030)"},
		summaries: names{lang.NO: "Regjeringens strategi med tiltak for forebygging, identifisering og bistand til ofre, straffeforfølgning og samarbeid. Tiltak 3: brukervennlige nettressurser med strategiske dokumenter og sentrale aktører.",
			lang.EN: "The Government's strategy with measures for prevention, identification and assistance to victims, prosecution and cooperation. Measure 3: user-friendly web resources with strategic documents and the central actors."},
		langs: []string{"no", "en"}, country: "NO", org: "jd-no", typ: directory.Strategy, date: "2025-06-20",
		topics: []string{"prevention", "victims", "prosecution", "labour"}, url: "https://www.regjeringen.no/no/dep/jd/"},
	{orig: lang.DA, titles: names{lang.DA: "Redegørelse til Nordisk Råd 2009 – Nordisk Ministerråds indsatser til bekæmpelse af menneskehandel",
		lang.EN: "Report to the Nordic Council 2009 on the Nordic Council of Ministers' action against trafficking in human beings"},
		summaries: names{lang.DA: "Dokument 8/2009. Ministerrådets samarbejde mod menneskehandel i Norden, Baltikum og Nordvestrusland, herunder en kalender over organisationernes aktiviteter og konferencer."},
		langs:     []string{"da"}, country: "INT", org: "nmr", typ: directory.Report, date: "2009-10-01",
		topics: []string{"prevention", "research"}, url: "https://www.norden.org/da"},
	{orig: lang.FI, titles: names{lang.FI: "Ihmiskaupan vastainen toimintaohjelma 2021–2023", lang.SV: "Handlingsprogram mot människohandel 2021–2023",
		lang.EN: "Action plan against trafficking in human beings 2021–2023"},
		summaries: names{lang.FI: "Valtioneuvoston toimintaohjelma ihmiskaupan torjumiseksi. Ohjelmaa päivitetään vuonna 2025.",
			lang.EN: "The Government's action plan against human trafficking; being updated in 2025."},
		langs: []string{"fi", "sv", "en"}, country: "FI", org: "om-fi", typ: directory.ActionPlan, date: "2021-07-01",
		topics: []string{"prevention", "victims", "prosecution", "labour", "legislation"}, url: "https://oikeusministerio.fi/ihmiskauppa"},
	{orig: lang.EN, titles: names{lang.EN: "Memorandum of Understanding to Combat Trafficking in Human Beings for Sexual Purposes (NB8)"},
		summaries: names{lang.EN: "Signed by the Nordic and Baltic ministers for gender equality on 4 March 2009; sets up the network of national task forces."},
		langs:     []string{"en"}, country: "INT", net: "nb8-task-forces", typ: directory.Legislation, date: "2009-03-04",
		topics: []string{"sexual", "prevention"}, url: "https://www.norden.org/en"},
	{orig: lang.EN, titles: names{lang.EN: "Council of Europe Convention on Action against Trafficking in Human Beings",
		lang.FI: "Ihmiskaupan vastaista toimintaa koskeva Euroopan neuvoston yleissopimus", lang.SV: "Europarådets konvention om bekämpande av människohandel",
		lang.DA: "Europarådets konvention om indsatsen mod menneskehandel", lang.NO: "Europarådets konvensjon om tiltak mot menneskehandel"},
		summaries: names{lang.EN: "Article 29 asks each party to name national coordinators and to consider national rapporteurs; GRETA monitors implementation."},
		langs:     []string{"en", "fr"}, country: "INT", org: "greta-coe", typ: directory.Legislation, date: "2005-05-16",
		topics: []string{"legislation", "victims", "prosecution"}, url: "https://rm.coe.int/168008371d"},
	{orig: lang.EN, titles: names{lang.EN: "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (Palermo Protocol)"},
		langs: []string{"en"}, country: "INT", org: "unodc", typ: directory.Legislation, date: "2000-11-15",
		topics: []string{"legislation", "prosecution"},
		url:    "https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons"},
	{orig: lang.SV, titles: names{lang.SV: "Jämställdhetsmyndighetens vägledning om människohandel", lang.EN: "Guidance on human trafficking (Swedish Gender Equality Agency)"},
		summaries: names{lang.SV: "Stöd för myndigheter och organisationer som möter personer utsatta för människohandel och exploatering."},
		langs:     []string{"sv"}, country: "SE", org: "jamstalldhetsmyndigheten-se", typ: directory.Guidance, date: "2024-02-01",
		topics: []string{"victims", "sexual", "labour"}, url: "https://jamstalldhetsmyndigheten.se"},
	{orig: lang.FI, titles: names{lang.FI: "Ihmiskaupan uhrin tunnistamisen indikaattorit", lang.SV: "Indikatorer för att identifiera offer för människohandel",
		lang.EN: "Indicators for identifying victims of human trafficking"},
		summaries: names{lang.FI: "Auttamisjärjestelmän tarkistuslista viranomaisille ja järjestöille: merkit, jotka viittaavat ihmiskauppaan, ja ohjaus auttamisjärjestelmään.",
			lang.EN: "The National Assistance System's checklist for authorities and NGOs: signs that point to trafficking, and how to refer a person to assistance."},
		langs: []string{"fi", "sv", "en"}, country: "FI", org: "auttamisjarjestelma-fi", typ: directory.Tool, date: "2023-09-01",
		topics: []string{"victims", "children"}, url: "https://www.ihmiskauppa.fi"},
	{orig: lang.EN, titles: names{lang.EN: "Work-related trafficking and exploitation in the Nordic countries", lang.FI: "Työperäinen ihmiskauppa ja hyväksikäyttö Pohjoismaissa"},
		summaries: names{lang.EN: "A comparative study of how labour exploitation is detected, investigated and prevented in Denmark, Finland, Iceland, Norway and Sweden."},
		langs:     []string{"en"}, country: "INT", org: "heuni", typ: directory.Study, date: "2024-11-15",
		topics: []string{"labour", "research"}, url: "https://heuni.fi",
		attach: map[string]directory.AttachmentRole{"scoping-conference": directory.AttachOther}},
	{orig: lang.FI, titles: names{lang.FI: "Toimintaohjelman päivitystyöryhmän 4. kokous – esityslista",
		lang.EN: "Working group on updating the action programme, 4th meeting – agenda"},
		langs: []string{"fi"}, country: "FI", org: "om-fi", typ: directory.Minutes, date: "2025-10-31", topics: []string{"legislation"},
		file: "esityslista-tr4.pdf", pdf: []string{"Oikeusministeriö", "Ihmiskaupan vastaisen toimintaohjelman päivitystyöryhmä",
			"4. kokous ti 4.11.2025 klo 13–15, Meritullinkatu 10, kokoushuone Potentia", "", "ESITYSLISTA",
			"1. Kokouksen avaus", "2. Toimintaohjelmaluonnoksen esittely ja keskustelu", "3. Ohjelman hyväksymisprosessi",
			"4. Toimenpidekokonaisuudet", "5. Seuranta ja jalkautus", "6. Seuraava kokous pe 28.11.2025 klo 13–14"},
		attach: map[string]directory.AttachmentRole{"om-working-group-4": directory.AttachAgenda}},
	{orig: lang.FI, titles: names{lang.FI: "Toimintaohjelman päivitystyöryhmän 4. kokous – muistio",
		lang.EN: "Working group on updating the action programme, 4th meeting – minutes"},
		summaries: names{lang.FI: "Työryhmä kävi läpi toimintaohjelmaluonnoksen. Ohjelma esitellään alustavasti ministerityöryhmälle 18.12.2025."},
		langs:     []string{"fi"}, country: "FI", org: "om-fi", typ: directory.Minutes, date: "2025-11-10", topics: []string{"legislation", "prevention", "victims"},
		file: "muistio-tr4.pdf", pdf: []string{"Oikeusministeriö", "Ihmiskaupan vastaisen toimintaohjelman päivitystyöryhmä",
			"MUISTIO – 4. kokous 4.11.2025", "", "Läsnä: oikeusministeriö (pj.), TEM, STM, SM, Maahanmuuttovirasto;", "yksi jäsen etäyhteydellä.",
			"", "1. Puheenjohtaja avasi kokouksen klo 13.00.", "2. Toimintaohjelmaluonnos esiteltiin ja siitä keskusteltiin.",
			"3. Ohjelma esitellään alustavasti ministerityöryhmälle 18.12.2025.", "4. Seuraava kokous pe 28.11.2025 klo 13–14.",
			"", "(Esimerkkiaineisto: nordcalin demotieto, ei todellinen muistio.)"},
		attach: map[string]directory.AttachmentRole{"om-working-group-4": directory.AttachReport}},
}

// demoActor records the demo's documents in the audit trail, as the
// command line does for its people.
var demoActor = audit.CLI

// documents adds the library and attaches meeting papers to their events.
func (l *loader) documents() {
	for _, s := range documentSpecs {
		date, _ := time.Parse(time.DateOnly, s.date)
		d := directory.Document{Titles: s.titles, Summaries: s.summaries, OriginalLang: s.orig, Languages: s.langs,
			Country: s.country, Type: s.typ, Date: date, Topics: s.topics, URL: s.url}
		if s.pdf != nil {
			d.File = &directory.DocumentFile{Name: s.file, Content: minimalPDF(s.pdf)}
		}
		if s.org != "" {
			o := l.orgs[s.org]
			d.OrganisationID = &o.ID
		}
		if s.net != "" {
			n := l.nets[s.net]
			d.NetworkID = &n.ID
		}
		if err := l.dir.AddDocument(l.ctx, demoActor, &d); err != nil {
			l.fail(fmt.Errorf("demo: document %q: %w", s.titles[s.orig], err))
			return
		}
		for key, role := range s.attach {
			id, ok := l.events[key]
			if !ok {
				l.fail(fmt.Errorf("demo: document %q: no event %q", s.titles[s.orig], key))
				return
			}
			if err := l.dir.Attach(l.ctx, demoActor, id, d.ID, role); err != nil {
				l.fail(fmt.Errorf("demo: attach %q: %w", s.titles[s.orig], err))
				return
			}
		}
	}
}

// minimalPDF is a one-page A4 PDF with lines of text in Helvetica
// (WinAnsiEncoding, which holds the Nordic letters), written by hand so
// that the demo needs no PDF library.
func minimalPDF(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 11 Tf 56 780 Td 15 TL\n")
	for _, line := range lines {
		enc, err := charmap.Windows1252.NewEncoder().String(line)
		if err != nil {
			enc = line
		}
		content.WriteByte('(')
		for i := 0; i < len(enc); i++ {
			switch c := enc[i]; {
			case c == '(' || c == ')' || c == '\\':
				content.WriteByte('\\')
				content.WriteByte(c)
			case c >= 0x80:
				fmt.Fprintf(&content, "\\%03o", c)
			default:
				content.WriteByte(c)
			}
		}
		content.WriteString(") Tj T*\n")
	}
	content.WriteString("ET\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}
