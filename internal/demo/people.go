// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"fmt"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// extraOrganisations fill gaps in the organisation list so that every
// Nordic country and autonomous area has a coordinator's home.
var extraOrganisations = []orgSpec{
	{slug: "landsstyri-fo", country: "FO", typ: directory.Ministry, orig: lang.EN, website: "https://www.government.fo", names: names{
		lang.EN: "Government of the Faroe Islands", lang.DA: "Færøernes landsstyre", lang.NO: "Færøyenes landsstyre",
		lang.FI: "Färsaarten maakuntahallitus", lang.SV: "Färöarnas landsstyre"}},
	{slug: "naalakkersuisut-gl", country: "GL", typ: directory.Ministry, orig: lang.DA, website: "https://naalakkersuisut.gl", names: names{
		lang.DA: "Grønlands Selvstyre (Naalakkersuisut)", lang.EN: "Government of Greenland (Naalakkersuisut)",
		lang.FI: "Grönlannin itsehallinto (Naalakkersuisut)", lang.SV: "Grönlands självstyre (Naalakkersuisut)",
		lang.NO: "Grønlands selvstyre (Naalakkersuisut)"}},
}

// networkSecretariats names the organisation that runs each demo
// network's secretariat.
var networkSecretariats = map[string]string{
	"nordic-coordinators":              "nmr",
	"nordic-police-network":            "politidirektoratet-no",
	"nordic-child-trafficking-network": "nmr",
	"cbss-tf-thb":                      "cbss",
	"cbss-children-at-risk":            "cbss",
	"nb8-task-forces":                  "nmr",
}

// secretariatOf returns the ID of the organisation that runs network slug's secretariat, if any.
func (l *loader) secretariatOf(slug string) *int64 {
	if o, ok := l.orgs[networkSecretariats[slug]]; ok {
		return &o.ID
	}
	return nil
}

type personSpec struct {
	given, family string
	org           string
	country       directory.Country
	titles        names
	orig          lang.Code
	roles         []directory.Role
	langs         []string
	vis           directory.Visibility // public when empty
	basis         directory.LegalBasis // public task when empty
	// verifiedMonthsAgo ages the entry so the freshness list has something.
	verifiedMonthsAgo int
	// nets are memberships: network slug → role.
	nets map[string]directory.MemberRole
}

// peopleSpecs are fictional people: names with Nordic letters, addresses
// under example.org, 555 telephone numbers. No real person's details.
var peopleSpecs = []personSpec{
	{given: "Aino", family: "Mäkelä", org: "om-fi", country: "FI", orig: lang.FI, langs: []string{"fi", "sv", "en"},
		titles: names{lang.FI: "Kansallinen ihmiskaupan vastaisen toiminnan koordinaattori", lang.SV: "Nationell samordnare mot människohandel", lang.EN: "National Coordinator against Trafficking in Human Beings"},
		roles:  []directory.Role{directory.NationalCoordinator},
		nets:   map[string]directory.MemberRole{"nordic-coordinators": directory.Chair, "nb8-task-forces": directory.MemberOf}},
	{given: "Eero", family: "Hämäläinen", org: "om-fi", country: "FI", orig: lang.FI, langs: []string{"fi", "en"},
		titles: names{lang.FI: "Erityisasiantuntija", lang.EN: "Senior Specialist"},
		roles:  []directory.Role{directory.DeputyCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.Deputy}},
	{given: "Sanna", family: "Järvinen", org: "yvv-fi", country: "FI", orig: lang.FI, langs: []string{"fi", "sv", "en"},
		titles: names{lang.FI: "Ylitarkastaja, kansallinen ihmiskaupparaportoija", lang.EN: "Senior Officer, National Rapporteur on Trafficking in Human Beings"},
		roles:  []directory.Role{directory.NationalRapporteur}},
	{given: "Päivi", family: "Kärkkäinen", org: "poliisihallitus-fi", country: "FI", orig: lang.FI, langs: []string{"fi", "en"},
		titles: names{lang.FI: "Rikoskomisario", lang.EN: "Detective Inspector"},
		roles:  []directory.Role{directory.ContactPoint}, nets: map[string]directory.MemberRole{"nordic-police-network": directory.MemberOf}},
	{given: "Ville", family: "Öhman", org: "migri-fi", country: "FI", orig: lang.FI, langs: []string{"fi", "sv"}, vis: directory.Secretariat,
		titles: names{lang.FI: "Johtava asiantuntija"}, roles: []directory.Role{directory.Expert}, verifiedMonthsAgo: 14},
	{given: "Ebba", family: "Åkesson", org: "landskapsregeringen-ax", country: "AX", orig: lang.SV, langs: []string{"sv", "fi"},
		titles: names{lang.SV: "Kontaktperson för arbetet mot människohandel", lang.EN: "Contact person for action against trafficking"},
		roles:  []directory.Role{directory.NationalCoordinator}, verifiedMonthsAgo: 13},
	{given: "Ingrid", family: "Sæther", org: "jd-no", country: "NO", orig: lang.NO, langs: []string{"no", "en", "sv"},
		titles: names{lang.NO: "Nasjonal koordinator mot menneskehandel", lang.EN: "National Coordinator against Human Trafficking"},
		roles:  []directory.Role{directory.NationalCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.ViceChair}},
	{given: "Bjørn", family: "Løvås", org: "kom-no", country: "NO", orig: lang.NO, langs: []string{"no", "en"},
		titles: names{lang.NO: "Seniorrådgiver", lang.EN: "Senior Adviser"},
		roles:  []directory.Role{directory.ContactPoint}, nets: map[string]directory.MemberRole{"nordic-police-network": directory.Chair}},
	{given: "Kari", family: "Østby", org: "nim-no", country: "NO", orig: lang.NO, langs: []string{"no", "en"},
		titles: names{lang.NO: "Fagdirektør, nasjonal rapportør", lang.EN: "Director, National Rapporteur"},
		roles:  []directory.Role{directory.NationalRapporteur}},
	{given: "Tove", family: "Brænne", org: "bufdir-no", country: "NO", orig: lang.NO, langs: []string{"no"}, vis: directory.Hidden, basis: directory.Consent,
		titles: names{lang.NO: "Rådgiver"}, roles: []directory.Role{directory.ContactPoint},
		nets: map[string]directory.MemberRole{"nordic-child-trafficking-network": directory.MemberOf}},
	{given: "Märta", family: "Lindqvist", org: "ju-se", country: "SE", orig: lang.SV, langs: []string{"sv", "en"},
		titles: names{lang.SV: "Nationell samordnare mot människohandel", lang.EN: "National Coordinator against Trafficking in Human Beings"},
		roles:  []directory.Role{directory.NationalCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.MemberOf, "cbss-tf-thb": directory.MemberOf}},
	{given: "Åsa", family: "Öberg", org: "jamstalldhetsmyndigheten-se", country: "SE", orig: lang.SV, langs: []string{"sv", "en", "de"},
		titles: names{lang.SV: "Utredare, jämställdhet och människohandel", lang.EN: "Analyst, gender equality and human trafficking"},
		roles:  []directory.Role{directory.DeputyCoordinator, directory.ContactPoint}, nets: map[string]directory.MemberRole{"nb8-task-forces": directory.Secretary}},
	{given: "Göran", family: "Ståhl", org: "polisen-se", country: "SE", orig: lang.SV, langs: []string{"sv"}, vis: directory.Secretariat,
		titles: names{lang.SV: "Kriminalinspektör"}, roles: []directory.Role{directory.ContactPoint}, verifiedMonthsAgo: 18,
		nets: map[string]directory.MemberRole{"nordic-police-network": directory.MemberOf}},
	{given: "Søren", family: "Ærøe", org: "cmm-dk", country: "DK", orig: lang.DA, langs: []string{"da", "en"},
		titles: names{lang.DA: "National koordinator mod menneskehandel", lang.EN: "National Coordinator against Human Trafficking"},
		roles:  []directory.Role{directory.NationalCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.MemberOf}},
	{given: "Mette", family: "Kjærgaard", org: "jm-dk", country: "DK", orig: lang.DA, langs: []string{"da", "en", "sv"},
		titles: names{lang.DA: "Fuldmægtig", lang.EN: "Head of Section"},
		roles:  []directory.Role{directory.DeputyCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.Deputy}},
	{given: "Guðrún", family: "Jónsdóttir", org: "dmr-is", country: "IS", orig: lang.EN, langs: []string{"is", "en", "da"},
		titles: names{lang.EN: "National Coordinator against Trafficking in Human Beings"},
		roles:  []directory.Role{directory.NationalCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.MemberOf}},
	{given: "Jóannes", family: "Hansen", org: "landsstyri-fo", country: "FO", orig: lang.DA, langs: []string{"fo", "da", "en"},
		titles: names{lang.DA: "Kontaktperson for indsatsen mod menneskehandel", lang.EN: "Contact person for action against human trafficking"},
		roles:  []directory.Role{directory.NationalCoordinator}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.Observer}},
	{given: "Aviaja", family: "Lyberth", org: "naalakkersuisut-gl", country: "GL", orig: lang.DA, langs: []string{"kl", "da"},
		titles: names{lang.DA: "Kontaktperson for indsatsen mod menneskehandel", lang.EN: "Contact person for action against human trafficking"},
		roles:  []directory.Role{directory.NationalCoordinator}, verifiedMonthsAgo: 15, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.Observer}},
	{given: "Liisa", family: "Nørgaard", org: "nmr", country: "INT", orig: lang.DA, langs: []string{"da", "fi", "en"},
		titles: names{lang.DA: "Seniorrådgiver, sekretariat for arbejdsgruppen", lang.EN: "Senior Adviser, secretariat of the working group"},
		roles:  []directory.Role{directory.ContactPoint}, nets: map[string]directory.MemberRole{"nordic-coordinators": directory.Secretary}},
}

// orgMembers are organisations that are members of a network as such,
// with the dates where a membership began or ended (Norway's KOM handed
// its tasks to the Secretariat of the Mediation Service, Sfk).
var orgMembers = []struct {
	net, org string
	role     directory.MemberRole
	from, to string
}{
	{"nordic-coordinators", "greta-coe", directory.Observer, "", ""},
	{"nordic-coordinators", "nmr", directory.Secretary, "", ""},
	{"nordic-police-network", "rigspolitiet-dk", directory.MemberOf, "", ""},
	{"nordic-police-network", "poliisihallitus-fi", directory.ViceChair, "2024-01-01", ""},
	{"nordic-police-network", "europol", directory.Observer, "", ""},
	{"nordic-police-network", "kom-no", directory.MemberOf, "2016-01-01", "2025-06-30"},
	{"nordic-police-network", "sfk-no", directory.MemberOf, "2025-07-01", ""},
	{"nordic-child-trafficking-network", "cmm-dk", directory.MemberOf, "", ""},
	{"nordic-child-trafficking-network", "bufdir-no", directory.Chair, "2025-01-01", ""},
	{"cbss-tf-thb", "cbss", directory.Secretary, "", ""},
	{"cbss-tf-thb", "om-fi", directory.MemberOf, "", ""},
	{"cbss-tf-thb", "jd-no", directory.MemberOf, "", ""},
	{"cbss-tf-thb", "ju-se", directory.ViceChair, "2025-07-01", ""},
	{"cbss-tf-thb", "osce-cthb", directory.Observer, "", ""},
	{"cbss-children-at-risk", "cbss", directory.Secretary, "", ""},
	{"cbss-children-at-risk", "bufdir-no", directory.MemberOf, "", ""},
	{"nordic-baltic-hub", "tem-fi", directory.MemberOf, "", ""},
	{"nordic-baltic-hub", "polisen-se", directory.MemberOf, "", ""},
	{"nordic-baltic-hub", "ela", directory.Observer, "", ""},
	{"ndphs", "stm-fi", directory.MemberOf, "", ""},
	{"ndphs", "heuni", directory.Observer, "", ""},
	{"nb8-task-forces", "nikk", directory.Observer, "", ""},
}

// directory adds the extra organisations, the fictional people with their
// memberships, the organisations' memberships and the key documents.
func (l *loader) directory() {
	for _, s := range extraOrganisations {
		o := directory.Organisation{Slug: s.slug, Names: s.names, OriginalLang: s.orig, Country: s.country, Type: s.typ, Website: s.website}
		if err := l.dir.CreateOrganisation(l.ctx, &o); err != nil {
			l.fail(fmt.Errorf("demo: organisation %q: %w", s.slug, err))
			return
		}
		l.orgs[s.slug] = o
	}
	today := l.now.UTC()
	for i, s := range peopleSpecs {
		org := l.orgs[s.org]
		p := directory.Person{GivenName: s.given, FamilyName: s.family, OrganisationID: &org.ID, Country: s.country,
			Titles: s.titles, OriginalLang: s.orig, Roles: s.roles, Languages: s.langs, Visibility: s.vis, LegalBasis: s.basis,
			Email: emailOf(s.given, s.family), Phone: fmt.Sprintf("+%s 555 01%02d", dialCode(s.country), i),
			LegalBasisDate: today.AddDate(-1, 0, -i), VerifiedAt: today.AddDate(0, -s.verifiedMonthsAgo, -i%20)}
		if p.Visibility == "" {
			p.Visibility = directory.Public
		}
		if p.LegalBasis == "" {
			p.LegalBasis = directory.PublicTask
		}
		if err := l.dir.AddPerson(l.ctx, audit.CLI, &p); err != nil {
			l.fail(fmt.Errorf("demo: person %s %s: %w", s.given, s.family, err))
			return
		}
		for net, role := range s.nets {
			m := directory.Member{NetworkID: l.nets[net].ID, PersonID: &p.ID, Role: role}
			if err := l.dir.AddMember(l.ctx, &m); err != nil {
				l.fail(fmt.Errorf("demo: member %s of %s: %w", s.family, net, err))
				return
			}
		}
	}
	for _, s := range orgMembers {
		org := l.orgs[s.org]
		from, _ := time.Parse(time.DateOnly, s.from)
		to, _ := time.Parse(time.DateOnly, s.to)
		m := directory.Member{NetworkID: l.nets[s.net].ID, OrganisationID: &org.ID, Role: s.role, From: from, To: to}
		if err := l.dir.AddMember(l.ctx, &m); err != nil {
			l.fail(fmt.Errorf("demo: member %s of %s: %w", s.org, s.net, err))
			return
		}
	}
}

// emailOf is the fictional address of a demo person: folded names under example.org.
func emailOf(given, family string) string {
	clean := func(s string) string {
		var out []rune
		for _, r := range lang.Fold(s) {
			if r >= 'a' && r <= 'z' {
				out = append(out, r)
			}
		}
		return string(out)
	}
	return clean(given) + "." + clean(family) + "@example.org"
}

func dialCode(c directory.Country) string {
	switch c {
	case "DK", "INT":
		return "45"
	case "FI", "AX":
		return "358"
	case "IS":
		return "354"
	case "NO":
		return "47"
	case "SE":
		return "46"
	case "FO":
		return "298"
	case "GL":
		return "299"
	}
	return "45"
}
