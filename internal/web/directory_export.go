// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // name-based UUID (RFC 9562 v5), not a security use
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/text"
)

// emailPolicy: how e-mail addresses are protected against harvesting.
//
// Addresses are needed (the directory exists so that a coordinator can
// write to a counterpart), so hiding them behind JavaScript, images or
// CAPTCHAs would shut out screen-reader and keyboard users and people
// without scripts, and obfuscations like "name at example dot org" are
// undone by every harvester and misread by assistive technology. Instead
// nordcal limits where and how fast addresses can be read:
//
//   - No list, search result, HTML roster or API answer contains an
//     address: a crawler walking the public pages or the API collects none.
//   - An address appears only one person at a time, as plain text with a
//     mailto: link, on the person's page, and in the exports a reader asks
//     for (a person's or a network's vCard, CSV files).
//   - Those pages and exports are marked noindex (meta robots and
//     X-Robots-Tag), so addresses do not leak into search engines, which
//     harvesters mine.
//   - They share a per-client rate limit of requests (contactLimiter) and
//     a per-client budget of people (contactBudget): each answer is charged
//     one unit per person whose details it carries, so one large export
//     costs as much as opening that many person pages. Enough for a person
//     clicking through contacts or downloading a few files, far too slow to
//     walk thousands of people.
//
// Hidden and secretariat-only people never appear at all (directory.Viewer).

// contactLimiter is the per-client token bucket in front of every
// response that carries e-mail addresses.
func contactLimiter() echo.MiddlewareFunc {
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Every(3 * time.Second), Burst: 30, ExpiresIn: 10 * time.Minute}),
		DenyHandler: func(echo.Context, string, error) error {
			return apperr.New(apperr.RateLimited, "error.rate_limited")
		},
		ErrorHandler: func(echo.Context, error) error { return apperr.New(apperr.Forbidden, "error.forbidden") },
	})
}

// personUID is a stable UUID (RFC 9562 version 5 style) for a person on
// this site, so a re-imported vCard updates the contact instead of adding one.
func (s *Server) personUID(id int64) string {
	return "urn:uuid:" + nameUUID(s.abs("/directory/people/"+strconv.FormatInt(id, 10)))
}

// nameUUID is the UUID (RFC 9562 version 5 style) named by name: the
// same name gives the same UUID on every run.
func nameUUID(name string) string {
	h := sha1.Sum([]byte(name)) //nolint:gosec // see import
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// card builds a vCard 4.0 (RFC 6350) for p.
func (s *Server) card(v dirViews, p directory.Person) vcard.Card {
	c := vcard.Card{}
	c.SetValue(vcard.FieldFormattedName, p.Name())
	c.SetName(&vcard.Name{FamilyName: p.FamilyName, GivenName: p.GivenName})
	if p.OrganisationID != nil {
		if o, ok := v.orgs[*p.OrganisationID]; ok {
			org, _ := o.Name(v.l.Lang)
			if o.ParentID != nil {
				if parent, ok := v.orgs[*o.ParentID]; ok {
					pn, _ := parent.Name(v.l.Lang)
					org = pn + ";" + org
				}
			}
			c.SetValue(vcard.FieldOrganization, org)
		}
	}
	if t, _ := p.Title(v.l.Lang); t != "" {
		c.SetValue(vcard.FieldTitle, t)
	}
	var roles []string
	for _, r := range p.Roles {
		roles = append(roles, v.l.T("directory.role."+string(r)))
	}
	if len(roles) > 0 {
		c.SetValue(vcard.FieldRole, strings.Join(roles, ", "))
	}
	if p.Email != "" {
		c.Add(vcard.FieldEmail, &vcard.Field{Value: p.Email, Params: vcard.Params{vcard.ParamType: {vcard.TypeWork}}})
	}
	if p.Phone != "" {
		c.Add(vcard.FieldTelephone, &vcard.Field{Value: p.Phone, Params: vcard.Params{vcard.ParamType: {vcard.TypeWork, vcard.TypeVoice}}})
	}
	for i, l := range p.Languages {
		c.Add(vcard.FieldLanguage, &vcard.Field{Value: l, Params: vcard.Params{vcard.ParamPreferred: {strconv.Itoa(i + 1)}}})
	}
	c.SetValue(vcard.FieldURL, s.abs(fmt.Sprintf("/%s/directory/people/%d", v.l.Lang, p.ID)))
	c.SetValue(vcard.FieldUID, s.personUID(p.ID))
	c.SetRevision(p.UpdatedAt.UTC())
	vcard.ToV4(c)
	return c
}

// sendVCards answers with the cards of people as one text/vcard file.
func (s *Server) sendVCards(c echo.Context, v dirViews, people []directory.Person, filename string) error {
	if err := s.contacts.charge(c, len(people)); err != nil {
		return err
	}
	var buf bytes.Buffer
	cards := make([]vcard.Card, len(people))
	for i, p := range people {
		cards[i] = s.card(v, p)
	}
	if err := encodeCards(&buf, cards); err != nil {
		return apperr.Wrap(err)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.vcf"`, filename))
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "text/vcard; charset=utf-8", buf.Bytes())
}

// encodeCards writes cards to w, every value made one line first.
// go-vcard escapes LF, backslash and comma but writes CR as it is, and a
// bare CR ends a line for many readers (vobject, Outlook), so a title
// "Adviser\rEMAIL:x@evil.example" would add an address to the card. The
// directory refuses such text (text.Line); this is the second line of
// defence for anything stored before that rule or reaching a card by
// another path: every control, invisible and text-direction character in
// a value becomes a space, and parameter values also lose the characters
// go-vcard would have to quote (; : , ").
func encodeCards(w io.Writer, cards []vcard.Card) error {
	enc := vcard.NewEncoder(w)
	for _, c := range cards {
		for _, fields := range c {
			for _, f := range fields {
				f.Value = text.OneLine(f.Value)
				f.Group = paramValue(f.Group)
				for k, vs := range f.Params {
					for i := range vs {
						vs[i] = paramValue(vs[i])
					}
					f.Params[k] = vs
				}
			}
		}
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return nil
}

// paramValue is s as one line without the characters that would end or
// split a vCard parameter (or group) value.
func paramValue(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(";:,\"", r) {
			return -1
		}
		return r
	}, text.OneLine(s))
}

// neutralise keeps a spreadsheet from reading a cell as a formula (ASVS
// 5.0 1.2.10): a cell starting with = + - @ tab, CR or NUL gets a leading
// apostrophe. The directory's CSV import strips it again.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\x00", rune(s[0])) {
		return "'" + s
	}
	return s
}

// sendCSV answers with a CSV file that spreadsheets open correctly: UTF-8
// with a byte-order mark (for å, ä, ö, æ, ø in Excel), CRLF line ends, and
// every cell neutralised.
func sendCSV(c echo.Context, filename string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(header)
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, cell := range r {
			cells[i] = neutralise(cell)
		}
		_ = w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return apperr.Wrap(err)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, filename))
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// csvHeader names the columns of every directory CSV file.
func csvHeader(v dirViews) []string {
	var out []string
	for _, k := range []string{"kind", "name", "title", "role", "organisation", "country", "email", "phone", "languages", "url"} {
		out = append(out, v.l.T("csv."+k))
	}
	return out
}

func (s *Server) personRow(v dirViews, p directory.Person, role string) []string {
	pv := v.person(p, true)
	org := ""
	if pv.Org != nil {
		org = pv.Org.Name
	}
	if role == "" {
		role = strings.Join(pv.Roles, ", ")
	}
	return []string{v.l.T("csv.kind.person"), pv.Name, pv.Title, role, org, pv.Country, p.Email, p.Phone,
		strings.Join(p.Languages, " "), s.abs(pv.URL)}
}

func (s *Server) orgRow(v dirViews, o directory.Organisation, role string) []string {
	ov := v.org(o)
	parent := ""
	if o.ParentID != nil {
		if po, ok := v.orgs[*o.ParentID]; ok {
			parent, _ = po.Name(v.l.Lang)
		}
	}
	return []string{v.l.T("csv.kind.organisation"), ov.Name, ov.TypeName, role, parent, ov.CountryName, "", o.Switchboard, "", s.abs(ov.URL)}
}

// exportScope is what a directory export covers: the people (public only)
// and, for CSV, the organisations and other rows of the view.
type exportScope struct {
	name   string
	people []directory.Person
	roles  map[int64]string
	rows   [][]string
}

// scope loads the records of the directory view an export URL names.
func (s *Server) scope(c echo.Context, v dirViews, kind string) (exportScope, error) {
	ctx := c.Request().Context()
	var sc exportScope
	switch kind {
	case "home":
		ps, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{Role: directory.NationalCoordinator})
		sc.name, sc.people = "national-coordinators", ps
		return sc, err
	case "country":
		code, err := s.countryParam(c)
		if err != nil {
			return sc, err
		}
		ps, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{Country: code})
		sc.name, sc.people = "directory-"+strings.ToLower(string(code)), ps
		for _, o := range v.orgs {
			if o.Country == code {
				sc.rows = append(sc.rows, s.orgRow(v, o, ""))
			}
		}
		return sc, err
	case "network":
		n, err := s.Directory.NetworkBySlug(ctx, c.Param("slug"))
		if err != nil {
			return sc, err
		}
		roster, err := s.Directory.Roster(ctx, directory.Anonymous, directory.MemberQuery{NetworkID: n.ID})
		sc.name, sc.roles = n.Slug, map[int64]string{}
		for _, e := range roster {
			role := v.l.T("directory.member_role." + string(e.Role))
			if e.Person != nil {
				sc.people = append(sc.people, *e.Person)
				sc.roles[e.Person.ID] = role
			} else {
				sc.rows = append(sc.rows, s.orgRow(v, *e.Organisation, role))
			}
		}
		return sc, err
	case "organisation":
		o, err := s.Directory.OrganisationBySlug(ctx, c.Param("slug"))
		if err != nil {
			return sc, err
		}
		ps, err := s.Directory.People(ctx, directory.Anonymous, directory.PersonQuery{OrganisationID: o.ID})
		sc.name, sc.people = o.Slug, ps
		sc.rows = append(sc.rows, s.orgRow(v, o, ""))
		return sc, err
	case "search":
		res, err := s.Directory.Search(ctx, directory.Anonymous, c.QueryParam("q"))
		sc.name, sc.people = "search", res.People
		for _, o := range res.Organisations {
			sc.rows = append(sc.rows, s.orgRow(v, o, ""))
		}
		for _, n := range res.Networks {
			nv := v.network(n)
			sc.rows = append(sc.rows, []string{v.l.T("csv.kind.network"), nv.Name, "", "", "", "", "", "", "", s.abs(nv.URL)})
		}
		for _, d := range res.Documents {
			sc.rows = append(sc.rows, s.docRow(v, d))
		}
		return sc, err
	}
	return sc, errNotFound
}

// docHref is where an export points for dv: its link, or its uploaded
// file's absolute address.
func (s *Server) docHref(dv DocView) string {
	if dv.PDF {
		return s.abs(dv.Href)
	}
	return dv.Href
}

func (s *Server) docRow(v dirViews, d directory.Document) []string {
	dv := v.doc(d)
	src := ""
	if dv.Source != nil {
		src = dv.Source.Name
	}
	return []string{v.l.T("csv.kind.document"), dv.Title, dv.TypeName, "", src, dv.Country, "", "", strings.Join(d.Languages, " "), s.docHref(dv)}
}

// exportVCard answers a directory view's people as one vCard file.
func (s *Server) exportVCard(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, _, _, err := s.dirViewsFor(c)
		if err != nil {
			return err
		}
		sc, err := s.scope(c, v, kind)
		if err != nil {
			return err
		}
		return s.sendVCards(c, v, sc.people, sc.name)
	}
}

// exportCSV answers a directory view as a CSV file.
func (s *Server) exportCSV(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, _, _, err := s.dirViewsFor(c)
		if err != nil {
			return err
		}
		sc, err := s.scope(c, v, kind)
		if err != nil {
			return err
		}
		if err := s.contacts.charge(c, len(sc.people)); err != nil {
			return err
		}
		var rows [][]string
		for _, p := range sc.people {
			rows = append(rows, s.personRow(v, p, sc.roles[p.ID]))
		}
		rows = append(rows, sc.rows...)
		return sendCSV(c, sc.name, csvHeader(v), rows)
	}
}

// personVCard answers one public person's vCard.
func (s *Server) personVCard(c echo.Context) error {
	p, err := s.personParam(c, directory.Anonymous)
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	return s.sendVCards(c, v, []directory.Person{p}, slugName(p))
}

// slugName is a file name for p's vCard: the folded name, hyphenated.
func slugName(p directory.Person) string {
	f := strings.Fields(lang.Fold(p.Name()))
	var b strings.Builder
	for _, w := range f {
		for _, r := range w {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		b.WriteByte('-')
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "contact"
}

// documentsCSV answers the documents library, filtered, as CSV.
func (s *Server) documentsCSV(c echo.Context) error {
	q, _, err := s.parseDocFilter(c)
	if err != nil {
		return err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	docs, err := s.Directory.Documents(c.Request().Context(), q)
	if err != nil {
		return err
	}
	var header []string
	for _, k := range []string{"title", "type", "date", "source", "country", "language", "url"} {
		header = append(header, v.l.T("csv.doc."+k))
	}
	rows := make([][]string, len(docs))
	for i, d := range docs {
		dv := v.doc(d)
		src := ""
		if dv.Source != nil {
			src = dv.Source.Name
		}
		rows[i] = []string{dv.Title, dv.TypeName, d.Date.Format(time.DateOnly), src, dv.Country, strings.Join(d.Languages, " "), s.docHref(dv)}
	}
	return sendCSV(c, "documents", header, rows)
}
