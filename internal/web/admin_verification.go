// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// CampaignView is a campaign with its set named in the reader's language.
type CampaignView struct {
	directory.Campaign
	Set string
}

// campaignPage starts verification campaigns and lists the latest.
type campaignPage struct {
	Page
	Campaigns []CampaignView
	Choices   choices
	Networks  []Option
	// Form input: which set, country, network, language.
	Set, Country, Network, CampaignLang string
	Pending                             int
	Error                               string
	Fields                              FormErrors
}

func (s *Server) renderCampaigns(c echo.Context, code int, p campaignPage) error {
	ctx := c.Request().Context()
	l := s.Bundle.For(langOf(c))
	p.Page = s.adminPage(c, "verify.admin.title")
	camps, err := s.Directory.Campaigns(ctx)
	if err != nil {
		return err
	}
	if p.Choices, err = s.curationChoices(c, l); err != nil {
		return err
	}
	nets, err := s.Directory.Networks(ctx)
	if err != nil {
		return err
	}
	netNames := map[string]string{}
	for _, n := range nets {
		name, nl := n.Name(l.Lang)
		id := strconv.FormatInt(n.ID, 10)
		netNames[id] = name
		p.Networks = append(p.Networks, Option{Value: id, Label: name, Lang: nl})
	}
	for _, cp := range camps {
		set := l.T("verify.admin.set.stale")
		if code, ok := strings.CutPrefix(cp.Selection, "country:"); ok {
			set = l.T("country." + code)
		} else if id, ok := strings.CutPrefix(cp.Selection, "network:"); ok {
			set = netNames[id]
		}
		p.Campaigns = append(p.Campaigns, CampaignView{Campaign: cp, Set: set})
	}
	sortOptions(l, p.Networks)
	pending, err := s.Directory.Proposals(ctx, directory.ProposalPending)
	if err != nil {
		return err
	}
	p.Pending = len(pending)
	if p.Set == "" {
		p.Set, p.CampaignLang = "stale", string(langOf(c))
	}
	return s.render(c, code, "admin_verification.html", p)
}

func (s *Server) campaigns(c echo.Context) error {
	return s.renderCampaigns(c, http.StatusOK, campaignPage{})
}

// startCampaign mails the chosen set their verification links.
func (s *Server) startCampaign(c echo.Context) error {
	p := campaignPage{Set: c.FormValue("set"), Country: c.FormValue("country"), Network: c.FormValue("network"),
		CampaignLang: c.FormValue("lang")}
	var sel directory.CampaignSelection
	switch p.Set {
	case "stale":
		sel.Stale = true
	case "country":
		sel.Country = directory.Country(p.Country)
	case "network":
		sel.NetworkID = formID(c, "network")
	}
	camp, err := s.Directory.StartCampaign(c.Request().Context(), actorOf(c), sel, lang.Code(p.CampaignLang))
	if err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		p.Error, p.Fields = msg, fe
		return s.renderCampaigns(c, statusOf(apperr.KindOf(err)), p)
	}
	if camp.Sent == 0 {
		s.flash(c, "verify.admin.none_sent")
	} else {
		s.flash(c, "verify.admin.started")
	}
	return c.Redirect(http.StatusSeeOther, "/admin/directory/verification")
}

// proposalsPage is the review queue of proposed changes.
type proposalsPage struct {
	Page
	Proposals []directory.Proposal
}

func (s *Server) proposals(c echo.Context) error {
	ps, err := s.Directory.Proposals(c.Request().Context(), directory.ProposalPending)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin_proposals.html", proposalsPage{Page: s.adminPage(c, "proposal.admin.title"), Proposals: ps})
}

// proposalPage is one proposal with the side-by-side diff.
type proposalPage struct {
	Page
	Review    directory.Review
	Diff      []ProposalField
	RecordURL string
	Error     string
}

func (s *Server) proposalParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func (s *Server) renderProposal(c echo.Context, code int, id int64, msg string) error {
	r, err := s.Directory.Review(c.Request().Context(), id)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	p := proposalPage{Page: s.adminPage(c, "proposal.admin.one", "Name", r.RecordLabel), Review: r, Error: msg}
	for _, ch := range r.Changes {
		cur, ok := r.Current[ch.Field]
		if !ok {
			cur = ch.Before
		}
		p.Diff = append(p.Diff, ProposalField{Key: ch.Field, Label: dirFieldLabel(l, ch.Field), Lang: fieldLang(ch.Field),
			Current: cur, Proposed: ch.After, Changed: cur != ch.After})
	}
	switch {
	case r.Person != nil:
		p.RecordURL = "/admin/directory/people/" + strconv.FormatInt(r.Person.ID, 10)
	case r.Organisation != nil:
		p.RecordURL = "/admin/directory/organisations/" + strconv.FormatInt(r.Organisation.ID, 10)
	}
	return s.render(c, code, "admin_proposal.html", p)
}

func (s *Server) proposal(c echo.Context) error {
	id, err := s.proposalParam(c)
	if err != nil {
		return err
	}
	return s.renderProposal(c, http.StatusOK, id, "")
}

// decideProposal approves or rejects; a proposal that no longer passes
// validation (say, an address made invalid) is shown again with why.
func (s *Server) decideProposal(c echo.Context, approve bool) error {
	id, err := s.proposalParam(c)
	if err != nil {
		return err
	}
	do, flash := s.Directory.RejectProposal, "proposal.admin.rejected"
	if approve {
		do, flash = s.Directory.ApproveProposal, "proposal.admin.approved"
	}
	if err := do(c.Request().Context(), actorOf(c), id); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		for _, m := range fe {
			msg += " " + m
		}
		return s.renderProposal(c, statusOf(apperr.KindOf(err)), id, msg)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, "/admin/directory/proposals")
}

func (s *Server) approveProposal(c echo.Context) error { return s.decideProposal(c, true) }
func (s *Server) rejectProposal(c echo.Context) error  { return s.decideProposal(c, false) }

// verifyOrganisation records that the organisation was checked today.
func (s *Server) verifyOrganisation(c echo.Context) error {
	o, err := s.curatedOrg(c)
	if err != nil {
		return err
	}
	if _, err := s.Directory.VerifyOrganisation(c.Request().Context(), actorOf(c), o.ID, formVersion(c)); err != nil {
		p, perr := s.orgEditPage(c, o)
		if perr != nil {
			return perr
		}
		return s.orgFormError(c, p, err)
	}
	s.flash(c, "admin.dir.org.verified")
	if c.FormValue("back") == "freshness" {
		return c.Redirect(http.StatusSeeOther, "/admin/directory/freshness")
	}
	return c.Redirect(http.StatusSeeOther, "/admin/directory/organisations/"+strconv.FormatInt(o.ID, 10))
}

// historyLimit bounds the change history shown on an entry's page.
const historyLimit = 50

// history is the change history of one directory record from the audit
// trail, newest first, with readable field names.
func (s *Server) history(c echo.Context, typ string, id int64) ([]AuditRow, error) {
	es, _, err := s.Audit.ListAudit(c.Request().Context(), audit.Filter{RecordType: typ, RecordID: id, Limit: historyLimit})
	if err != nil {
		return nil, err
	}
	return auditRows(s.Bundle.For(langOf(c)), s.viewerZone(c), es), nil
}
