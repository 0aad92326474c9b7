// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"fmt"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// PersonView is a directory contact prepared for one reader. Email is
// only filled where the page may show it (see emailPolicy).
type PersonView struct {
	ID        int64
	Name      string
	URL       string
	Title     string
	TitleLang lang.Code
	Org       *Named
	Roles     []string
	Country   string
	Languages []string
	Phone     string
	Email     string
	// Visibility is the localized visibility, for the secretariat area.
	Visibility string
	Person     directory.Person
}

// OrgView is an organisation prepared for one reader.
type OrgView struct {
	directory.Organisation
	Name        string
	NameLang    lang.Code
	URL         string
	TypeName    string
	CountryName string
	Units       []OrgView
	// MergedInto is the organisation this one was merged into.
	MergedInto *Named
}

// NetworkView is a network prepared for one reader.
type NetworkView struct {
	directory.Network
	Name     string
	NameLang lang.Code
	Desc     string
	DescLang lang.Code
	// Parent is the body the network works under, in the reader's
	// language where it has a name in it.
	Parent     string
	ParentLang lang.Code
	URL        string
}

// DocView is a library document prepared for one reader.
type DocView struct {
	directory.Document
	// Title and Summary are in the reader's language where the document
	// has them, otherwise in its own (TitleLang, SummaryLang).
	Title       string
	TitleLang   lang.Code
	Summary     string
	SummaryLang lang.Code
	// Href is where the document is read: its link or its uploaded PDF.
	Href     string
	PDF      bool
	FileSize string
	TypeName string
	LangName string
	// LangNames name every language the document is in.
	LangNames []string
	Topics    []string
	Country   string
	Date      string
	Source    *Named
	// Role is the document's part in an event (attachments only).
	Role string
}

// RosterView is one member of a network.
type RosterView struct {
	Role   string
	Person *PersonView
	Org    *OrgView
	// Network names the network, on pages that list memberships of one member.
	Network *NetworkView
}

// dirViews turns directory records into views; orgs and nets index the
// records that people and documents refer to.
type dirViews struct {
	l    *i18n.Localizer
	orgs map[int64]directory.Organisation
	nets map[int64]directory.Network
}

func (v dirViews) person(p directory.Person, withEmail bool) PersonView {
	l := v.l
	pv := PersonView{ID: p.ID, Name: p.Name(), URL: fmt.Sprintf("/%s/directory/people/%d", l.Lang, p.ID),
		Country: l.T("country." + string(p.Country)), Phone: p.Phone, Person: p,
		Visibility: l.T("directory.visibility." + string(p.Visibility))}
	pv.Title, pv.TitleLang = p.Title(l.Lang)
	pv.Org = v.orgNamed(p.OrganisationID)
	for _, r := range directory.Roles {
		if p.HasRole(r) {
			pv.Roles = append(pv.Roles, l.T("directory.role."+string(r)))
		}
	}
	for _, c := range p.Languages {
		pv.Languages = append(pv.Languages, l.LangName(c))
	}
	if withEmail {
		pv.Email = p.Email
	}
	return pv
}

func (v dirViews) people(ps []directory.Person) []PersonView {
	out := make([]PersonView, len(ps))
	for i, p := range ps {
		out[i] = v.person(p, false)
	}
	return out
}

func (v dirViews) org(o directory.Organisation) OrgView {
	ov := OrgView{Organisation: o, URL: fmt.Sprintf("/%s/directory/organisations/%s", v.l.Lang, o.Slug),
		TypeName: v.l.T("orgtype." + string(o.Type)), CountryName: v.l.T("country." + string(o.Country))}
	ov.Name, ov.NameLang = o.Name(v.l.Lang)
	ov.MergedInto = v.orgNamed(o.MergedIntoID)
	return ov
}

// orgNamed names organisation id with a link to its page; nil when id is
// nil or unknown.
func (v dirViews) orgNamed(id *int64) *Named {
	if id == nil {
		return nil
	}
	o, ok := v.orgs[*id]
	if !ok {
		return nil
	}
	n, nl := o.Name(v.l.Lang)
	return &Named{Name: n, Lang: nl, Abbr: o.Abbreviation, URL: fmt.Sprintf("/%s/directory/organisations/%s", v.l.Lang, o.Slug)}
}

// orgTree returns the organisations without a parent among os, each with
// its units (recursively), sorted by name in the reader's language.
func (v dirViews) orgTree(os []directory.Organisation) []OrgView {
	in := map[int64]bool{}
	for _, o := range os {
		in[o.ID] = true
	}
	children := map[int64][]directory.Organisation{}
	var roots []directory.Organisation
	for _, o := range os {
		if o.ParentID != nil && in[*o.ParentID] {
			children[*o.ParentID] = append(children[*o.ParentID], o)
		} else {
			roots = append(roots, o)
		}
	}
	var build func([]directory.Organisation, int) []OrgView
	build = func(list []directory.Organisation, depth int) []OrgView {
		out := make([]OrgView, 0, len(list))
		for _, o := range list {
			ov := v.org(o)
			if depth < 5 {
				ov.Units = build(children[o.ID], depth+1)
			}
			out = append(out, ov)
		}
		i18n.Sort(v.l, out, func(o OrgView) string { return o.Name })
		return out
	}
	return build(roots, 0)
}

func (v dirViews) network(n directory.Network) NetworkView {
	nv := NetworkView{Network: n, URL: fmt.Sprintf("/%s/directory/networks/%s", v.l.Lang, n.Slug)}
	nv.Name, nv.NameLang = n.Name(v.l.Lang)
	nv.Desc, nv.DescLang = n.Description(v.l.Lang)
	nv.Parent, nv.ParentLang = n.ParentBody(v.l.Lang)
	return nv
}

func (v dirViews) networks(ns []directory.Network) []NetworkView {
	out := make([]NetworkView, len(ns))
	for i, n := range ns {
		out[i] = v.network(n)
	}
	i18n.Sort(v.l, out, func(n NetworkView) string { return n.Name })
	return out
}

func (v dirViews) doc(d directory.Document) DocView {
	dv := DocView{Document: d, TypeName: v.l.T("doctype." + string(d.Type)), LangName: v.l.LangName(d.Lang),
		Country: v.l.T("country." + string(d.Country)), Date: v.l.Date(dateOfTime(d.Date)), Href: d.URL}
	dv.Title, dv.TitleLang = d.TitleIn(v.l.Lang)
	dv.Summary, dv.SummaryLang = d.SummaryIn(v.l.Lang)
	if d.File != nil {
		dv.Href, dv.PDF, dv.FileSize = documentFileURL(d.ID), true, fileSize(v.l, d.File.Size)
	}
	for _, code := range d.Languages {
		dv.LangNames = append(dv.LangNames, v.l.LangName(code))
	}
	for _, t := range d.Topics {
		dv.Topics = append(dv.Topics, v.l.T("topic."+t))
	}
	if d.OrganisationID != nil {
		if o, ok := v.orgs[*d.OrganisationID]; ok {
			n, nl := o.Name(v.l.Lang)
			dv.Source = &Named{Name: n, Lang: nl, Abbr: o.Abbreviation, URL: fmt.Sprintf("/%s/directory/organisations/%s", v.l.Lang, o.Slug)}
		}
	}
	if d.NetworkID != nil {
		if n, ok := v.nets[*d.NetworkID]; ok {
			name, nl := n.Name(v.l.Lang)
			dv.Source = &Named{Name: name, Lang: nl, Abbr: n.Abbreviation, URL: fmt.Sprintf("/%s/directory/networks/%s", v.l.Lang, n.Slug)}
		}
	}
	return dv
}

func (v dirViews) docs(ds []directory.Document) []DocView {
	out := make([]DocView, len(ds))
	for i, d := range ds {
		out[i] = v.doc(d)
	}
	return out
}

func (v dirViews) roster(es []directory.RosterEntry) []RosterView {
	out := make([]RosterView, 0, len(es))
	for _, e := range es {
		rv := RosterView{Role: v.l.T("directory.member_role." + string(e.Role))}
		if e.Person != nil {
			pv := v.person(*e.Person, false)
			rv.Person = &pv
		} else {
			ov := v.org(*e.Organisation)
			rv.Org = &ov
		}
		if e.Network != nil {
			nv := v.network(*e.Network)
			rv.Network = &nv
		}
		out = append(out, rv)
	}
	return out
}

// CountryGroup is a run of views belonging to one country.
type CountryGroup[T any] struct {
	Code    directory.Country
	Name    string
	URL     string
	Entries []T
}

// byCountry groups items by country in the order of directory.Countries
// (Nordic countries first), leaving out empty countries.
func byCountry[T any](l *i18n.Localizer, items []T, country func(T) directory.Country) []CountryGroup[T] {
	var out []CountryGroup[T]
	for _, c := range directory.Countries {
		g := CountryGroup[T]{Code: c.Code, Name: l.T("country." + string(c.Code)),
			URL: fmt.Sprintf("/%s/directory/countries/%s", l.Lang, c.Code)}
		for _, it := range items {
			if country(it) == c.Code {
				g.Entries = append(g.Entries, it)
			}
		}
		if len(g.Entries) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// ExportLinks is the data of the "exports" partial.
type ExportLinks struct {
	L      *i18n.Localizer
	Base   string
	VCard  bool
	Roster bool
}

func init() {
	funcs["exportLinks"] = func(l *i18n.Localizer, base string, vcard, roster bool) ExportLinks {
		return ExportLinks{L: l, Base: base, VCard: vcard, Roster: roster}
	}
}

// fileSize is n bytes in whole kilobytes, or megabytes from 1 MB on.
func fileSize(l *i18n.Localizer, n int64) string {
	if n < 1<<20 {
		return l.T("documents.size.kb", "N", (n+1023)/1024)
	}
	return l.T("documents.size.mb", "N", (n+(1<<19))>>20)
}
