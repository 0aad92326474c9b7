// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// The secretariat's curation of networks: texts, archive, merge, and the
// memberships of organisations and people with their roles and dates.

// networkForm is the input of the network form.
type networkForm struct {
	Slug         string
	Names        map[string]string
	Descriptions map[string]string
	ParentBodies map[string]string
	OriginalLang string
	Abbreviation string
	Website      string
	Secretariat  string
	Version      int
}

func parseNetworkForm(c echo.Context) networkForm {
	f := networkForm{Slug: strings.TrimSpace(c.FormValue("slug")), Names: map[string]string{}, Descriptions: map[string]string{},
		ParentBodies: map[string]string{}, OriginalLang: c.FormValue("original_lang"),
		Abbreviation: strings.TrimSpace(c.FormValue("abbreviation")), Website: strings.TrimSpace(c.FormValue("website")),
		Secretariat: c.FormValue("secretariat"), Version: formVersion(c)}
	for _, l := range lang.All {
		f.Names[string(l)] = strings.TrimSpace(c.FormValue("name_" + string(l)))
		f.Descriptions[string(l)] = strings.TrimSpace(c.FormValue("description_" + string(l)))
		f.ParentBodies[string(l)] = strings.TrimSpace(c.FormValue("parent_body_" + string(l)))
	}
	return f
}

func networkFormOf(n directory.Network) networkForm {
	f := networkForm{Slug: n.Slug, Names: map[string]string{}, Descriptions: map[string]string{}, ParentBodies: map[string]string{},
		OriginalLang: string(n.OriginalLang), Abbreviation: n.Abbreviation, Website: n.Website, Version: n.Version}
	for _, l := range lang.All {
		f.Names[string(l)], f.Descriptions[string(l)], f.ParentBodies[string(l)] = n.Names[l], n.Descriptions[l], n.ParentBodies[l]
	}
	if n.SecretariatID != nil {
		f.Secretariat = strconv.FormatInt(*n.SecretariatID, 10)
	}
	return f
}

func nonEmpty(m map[string]string) lang.Texts {
	out := lang.Texts{}
	for l, t := range m {
		if t != "" {
			out[lang.Code(l)] = t
		}
	}
	return out
}

func (f networkForm) network(id int64, fe apperr.Fields) directory.Network {
	n := directory.Network{ID: id, Slug: f.Slug, Names: nonEmpty(f.Names), Descriptions: nonEmpty(f.Descriptions),
		ParentBodies: nonEmpty(f.ParentBodies), OriginalLang: lang.Code(f.OriginalLang), Abbreviation: f.Abbreviation,
		Website: f.Website, Version: f.Version}
	if f.Secretariat != "" {
		sid, err := strconv.ParseInt(f.Secretariat, 10, 64)
		if err != nil {
			fe.Add("secretariat", "validation.choice")
		}
		n.SecretariatID = &sid
	}
	return n
}

// memberForm is the input of the forms that add or change a membership.
type memberForm struct {
	Kind         string // "organisation" or "person"
	Organisation string
	Person       string
	Role         string
	From, To     string
}

func parseMemberForm(c echo.Context) memberForm {
	return memberForm{Kind: c.FormValue("kind"), Organisation: c.FormValue("organisation"), Person: c.FormValue("person"),
		Role: c.FormValue("role"), From: strings.TrimSpace(c.FormValue("from")), To: strings.TrimSpace(c.FormValue("to"))}
}

// formDate parses an optional YYYY-MM-DD field into fe.
func formDate(fe apperr.Fields, field, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		fe.Add(field, "validation.date")
	}
	return d
}

func (f memberForm) member(networkID int64, fe apperr.Fields) directory.Member {
	m := directory.Member{NetworkID: networkID, Role: directory.MemberRole(f.Role),
		From: formDate(fe, "from", f.From), To: formDate(fe, "to", f.To)}
	pick := func(field, v string) *int64 {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			fe.Add(field, "validation.choice")
			return nil
		}
		return &id
	}
	switch f.Kind {
	case "person":
		m.PersonID = pick("person", f.Person)
	default:
		m.OrganisationID = pick("organisation", f.Organisation)
	}
	return m
}

// MemberRow is one membership on the secretariat's network page.
type MemberRow struct {
	ID       int64
	Name     string
	NameLang lang.Code
	Kind     string
	EditURL  string
	Role     string
	RoleCode string
	Org      string
	From, To string
	// FromText and ToText are the dates for reading.
	FromText, ToText string
	Visibility       string
	// Msg is the error of this row's last save.
	Msg string
}

type adminNetworkPage struct {
	Page
	Network      *NetworkView
	Form         networkForm
	Choices      choices
	People       []Option
	Networks     []Option
	MemberRoles  []Option
	Current      []MemberRow
	Past         []MemberRow
	Member       memberForm
	MemberFields FormErrors
	Error        string
	Fields       FormErrors
	Conflict     bool
	MergedInto   *NetworkView
}

func memberRoleOptions(l *i18n.Localizer) []Option {
	out := make([]Option, len(directory.MemberRoles))
	for i, r := range directory.MemberRoles {
		out[i] = Option{Value: string(r), Label: l.T("directory.member_role." + string(r))}
	}
	return out
}

func (s *Server) memberRows(v dirViews, es []directory.RosterEntry) []MemberRow {
	out := make([]MemberRow, 0, len(es))
	for _, e := range es {
		r := MemberRow{ID: e.ID, RoleCode: string(e.Role), Role: v.l.T("directory.member_role." + string(e.Role)),
			From: dateText(e.From), To: dateText(e.To)}
		if !e.From.IsZero() {
			r.FromText = v.l.Date(dateOfTime(e.From))
		}
		if !e.To.IsZero() {
			r.ToText = v.l.Date(dateOfTime(e.To))
		}
		if e.Person != nil {
			pv := v.person(*e.Person, false)
			r.Name, r.NameLang, r.Kind, r.Visibility = pv.Name, "", "person", pv.Visibility
			r.EditURL = "/admin/directory/people/" + strconv.FormatInt(e.Person.ID, 10)
			if pv.Org != nil {
				r.Org = pv.Org.Name
			}
		} else {
			ov := v.org(*e.Organisation)
			r.Name, r.NameLang, r.Kind = ov.Name, ov.NameLang, "organisation"
			r.EditURL = "/admin/directory/organisations/" + strconv.FormatInt(e.Organisation.ID, 10)
		}
		out = append(out, r)
	}
	return out
}

// networkEditPage loads what the secretariat's page of network n shows.
func (s *Server) networkEditPage(c echo.Context, n directory.Network) (adminNetworkPage, error) {
	ctx := c.Request().Context()
	v, _, nets, err := s.dirViewsFor(c)
	if err != nil {
		return adminNetworkPage{}, err
	}
	nv := v.network(n)
	p := adminNetworkPage{Page: s.adminPage(c, "admin.net.edit", "Name", nv.Name), Network: &nv, Form: networkFormOf(n),
		Member: memberForm{Kind: "organisation", Role: string(directory.MemberOf)}}
	current, past, err := s.Directory.Memberships(ctx, n.ID)
	if err != nil {
		return p, err
	}
	p.Current, p.Past = s.memberRows(v, current), s.memberRows(v, past)
	people, err := s.Directory.People(ctx, directory.Curator, directory.PersonQuery{})
	if err != nil {
		return p, err
	}
	for _, pr := range people {
		label := pr.Name()
		if pr.OrganisationID != nil {
			if o, ok := v.orgs[*pr.OrganisationID]; ok {
				on, _ := o.Name(v.l.Lang)
				if o.Abbreviation != "" {
					on = o.Abbreviation
				}
				label += " (" + on + ")"
			}
		}
		p.People = append(p.People, Option{Value: strconv.FormatInt(pr.ID, 10), Label: label})
	}
	for _, o := range v.networks(nets) {
		if o.ID != n.ID && o.Status != directory.NetworkMerged {
			p.Networks = append(p.Networks, Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name, Lang: o.NameLang})
		}
	}
	if n.MergedIntoID != nil {
		if k, ok := v.nets[*n.MergedIntoID]; ok {
			kv := v.network(k)
			p.MergedInto = &kv
		}
	}
	return p, nil
}

func (s *Server) renderNetworkForm(c echo.Context, code int, p adminNetworkPage) error {
	l := s.Bundle.For(langOf(c))
	ch, err := s.curationChoices(c, l)
	if err != nil {
		return err
	}
	p.Choices, p.MemberRoles = ch, memberRoleOptions(l)
	return s.render(c, code, "admin_network.html", p)
}

// networkFormError re-renders the page with err's messages, or returns err
// when it is not a form error. member says whether the membership form failed.
func (s *Server) networkFormError(c echo.Context, p adminNetworkPage, err error, member bool) error {
	msg, fe := s.fieldErrors(c, err)
	if fe == nil {
		return err
	}
	ae, _ := err.(*apperr.Error)
	if ae != nil && ae.MsgID == "error.conflict.version" {
		p.Conflict = true
	}
	if ae != nil && ae.MsgID == "error.conflict.duplicate" {
		key, id := "slug", "admin.dir.slug_taken"
		if member {
			key, id = "member", "admin.net.member.duplicate"
		}
		fe[key] = s.Bundle.For(langOf(c)).T(id)
	}
	p.Error = msg
	if member {
		p.MemberFields = fe
	} else {
		p.Fields = fe
	}
	return s.renderNetworkForm(c, statusOf(apperr.KindOf(err)), p)
}

func (s *Server) curatedNetwork(c echo.Context) (directory.Network, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return directory.Network{}, errNotFound
	}
	return s.Directory.Network(c.Request().Context(), id)
}

func networkAdminURL(id int64) string {
	return "/admin/directory/networks/" + strconv.FormatInt(id, 10)
}

type adminNetworksPage struct {
	Page
	Networks []NetworkRow
}

// NetworkRow is one network in the secretariat's list.
type NetworkRow struct {
	NetworkView
	Members int
	Status  string
}

func (s *Server) adminNetworks(c echo.Context) error {
	v, _, nets, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	all, err := s.Directory.Roster(c.Request().Context(), directory.Curator, directory.MemberQuery{})
	if err != nil {
		return err
	}
	count, today := map[int64]int{}, s.Directory.Today()
	for _, e := range all {
		if !e.Ended(today) {
			count[e.NetworkID]++
		}
	}
	p := adminNetworksPage{Page: s.adminPage(c, "admin.net.title")}
	for _, nv := range v.networks(nets) {
		status := nv.Status
		if status == "" {
			status = directory.NetworkActive
		}
		p.Networks = append(p.Networks, NetworkRow{NetworkView: nv, Members: count[nv.ID], Status: v.l.T("admin.net.status." + string(status))})
	}
	return s.render(c, http.StatusOK, "admin_networks.html", p)
}

func (s *Server) newNetwork(c echo.Context) error {
	p := adminNetworkPage{Page: s.adminPage(c, "admin.net.new"), Form: networkForm{OriginalLang: string(langOf(c))}}
	return s.renderNetworkForm(c, http.StatusOK, p)
}

func (s *Server) createNetwork(c echo.Context) error {
	f := parseNetworkForm(c)
	fe := apperr.Fields{}
	n := f.network(0, fe)
	err := fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.AddNetwork(c.Request().Context(), actorOf(c), &n)
	}
	if err != nil {
		return s.networkFormError(c, adminNetworkPage{Page: s.adminPage(c, "admin.net.new"), Form: f}, err, false)
	}
	s.flash(c, "admin.net.created")
	return c.Redirect(http.StatusSeeOther, networkAdminURL(n.ID))
}

func (s *Server) editNetwork(c echo.Context) error {
	n, err := s.curatedNetwork(c)
	if err != nil {
		return err
	}
	p, err := s.networkEditPage(c, n)
	if err != nil {
		return err
	}
	return s.renderNetworkForm(c, http.StatusOK, p)
}

func (s *Server) updateNetwork(c echo.Context) error {
	n, err := s.curatedNetwork(c)
	if err != nil {
		return err
	}
	f := parseNetworkForm(c)
	fe := apperr.Fields{}
	next := f.network(n.ID, fe)
	err = fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.SaveNetwork(c.Request().Context(), actorOf(c), &next)
	}
	if err != nil {
		p, perr := s.networkEditPage(c, n)
		if perr != nil {
			return perr
		}
		p.Form = f
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Form.Version = n.Version
		}
		return s.networkFormError(c, p, err, false)
	}
	s.flash(c, "admin.dir.saved")
	return c.Redirect(http.StatusSeeOther, networkAdminURL(n.ID))
}

// networkAction runs one of the network page's small forms and answers
// like a form: field errors re-render the page.
func (s *Server) networkAction(c echo.Context, flash string, member bool, do func(directory.Network) (int64, error)) error {
	n, err := s.curatedNetwork(c)
	if err != nil {
		return err
	}
	next, err := do(n)
	if err != nil {
		p, perr := s.networkEditPage(c, n)
		if perr != nil {
			return perr
		}
		if member {
			p.Member = parseMemberForm(c)
		}
		if id := c.Param("member"); id != "" && member {
			if msg, fe := s.fieldErrors(c, err); fe != nil {
				for i := range p.Current {
					if strconv.FormatInt(p.Current[i].ID, 10) == id {
						p.Current[i].Msg = firstOf(msg, fe)
						p.Error = msg
						return s.renderNetworkForm(c, statusOf(apperr.KindOf(err)), p)
					}
				}
			}
		}
		return s.networkFormError(c, p, err, member)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, networkAdminURL(next))
}

// firstOf is the field message to show next to a row: the first of fe in
// a fixed order, else the summary.
func firstOf(summary string, fe FormErrors) string {
	for _, k := range []string{"role", "from", "to", "member"} {
		if m := fe[k]; m != "" {
			return m
		}
	}
	return summary
}

func (s *Server) archiveNetwork(c echo.Context) error {
	return s.networkAction(c, "admin.net.archived", false, func(n directory.Network) (int64, error) {
		_, err := s.Directory.ArchiveNetwork(c.Request().Context(), actorOf(c), n.ID, formVersion(c), true)
		return n.ID, err
	})
}

func (s *Server) restoreNetwork(c echo.Context) error {
	return s.networkAction(c, "admin.net.restored", false, func(n directory.Network) (int64, error) {
		_, err := s.Directory.ArchiveNetwork(c.Request().Context(), actorOf(c), n.ID, formVersion(c), false)
		return n.ID, err
	})
}

// mergeNetwork merges this network into the one chosen in the form, which is kept.
func (s *Server) mergeNetwork(c echo.Context) error {
	return s.networkAction(c, "admin.net.merged", false, func(n directory.Network) (int64, error) {
		keep := formID(c, "into")
		return keep, s.Directory.MergeNetworks(c.Request().Context(), actorOf(c), keep, n.ID, formVersion(c))
	})
}

func (s *Server) addNetworkMember(c echo.Context) error {
	return s.networkAction(c, "admin.net.member.added", true, func(n directory.Network) (int64, error) {
		fe := apperr.Fields{}
		m := parseMemberForm(c).member(n.ID, fe)
		if err := fe.Err("validation.failed"); err != nil {
			return n.ID, err
		}
		return n.ID, s.Directory.AddMembership(c.Request().Context(), actorOf(c), &m)
	})
}

func memberParam(c echo.Context) int64 {
	id, _ := strconv.ParseInt(c.Param("member"), 10, 64)
	return id
}

func (s *Server) updateNetworkMember(c echo.Context) error {
	return s.networkAction(c, "admin.net.member.saved", true, func(n directory.Network) (int64, error) {
		fe := apperr.Fields{}
		f := parseMemberForm(c)
		from, to := formDate(fe, "from", f.From), formDate(fe, "to", f.To)
		if err := fe.Err("validation.failed"); err != nil {
			return n.ID, err
		}
		_, err := s.Directory.SaveMembership(c.Request().Context(), actorOf(c), n.ID, memberParam(c), directory.MemberRole(f.Role), from, to)
		return n.ID, err
	})
}

func (s *Server) endNetworkMember(c echo.Context) error {
	return s.networkAction(c, "admin.net.member.ended", true, func(n directory.Network) (int64, error) {
		_, err := s.Directory.EndMembership(c.Request().Context(), actorOf(c), n.ID, memberParam(c), time.Time{})
		return n.ID, err
	})
}

func (s *Server) removeNetworkMember(c echo.Context) error {
	return s.networkAction(c, "admin.net.member.removed", true, func(n directory.Network) (int64, error) {
		return n.ID, s.Directory.RemoveMembership(c.Request().Context(), actorOf(c), n.ID, memberParam(c))
	})
}

func init() {
	for _, k := range []string{"secretariat", "publisher", "network", "date", "url", "file", "event", "from", "to", "person"} {
		auditLabels[k] = "admin.dir.field." + k
	}
}
