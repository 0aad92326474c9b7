// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// Audit actions of verification and proposals.
const (
	ActionPersonSelfVerify = "person.self_verify"
	ActionPersonHide       = "person.hide"
	ActionProposalApprove  = "proposal.approve"
)

// SelfActor is the audit actor of what a person does from their own
// verification link.
var SelfActor = audit.Actor{ID: 0, Email: "verification link"}

// DefaultLinkTTL is how long a verification link works by default.
const DefaultLinkTTL = 30 * 24 * time.Hour

// Campaign is one mailing of verification links.
type Campaign struct {
	ID int64
	// Selection describes the set chosen ("stale", "country:FI", "network:slug").
	Selection string
	Lang      lang.Code
	CreatedBy string
	Sent      int
	CreatedAt time.Time
}

// CampaignSelection picks the people a campaign writes to: the stale
// entries, a country's or a network's people. Exactly one is set.
type CampaignSelection struct {
	Stale     bool
	Country   Country
	NetworkID int64
}

// VerificationLink is a person's private link; the token itself is never
// stored, only its SHA-256 (TokenHash).
type VerificationLink struct {
	ID         int64
	CampaignID *int64
	PersonID   int64
	TokenHash  string
	Lang       lang.Code
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     time.Time
}

// VerificationMail is what a campaign asks the mailer to send.
type VerificationMail struct {
	Person       Person
	Organisation *Organisation
	// Path is the link's path below the site ("/fi/verify/<token>").
	Path    string
	Lang    lang.Code
	Expires time.Time
}

// VerificationMailer queues the verification mails (notify.Mailer).
type VerificationMailer interface {
	// SendVerification queues m; an error means it was not queued.
	SendVerification(ctx context.Context, m VerificationMail) error
}

// VerificationStore persists campaigns, links and proposals.
type VerificationStore interface {
	// CreateCampaign stores c and its links in one transaction.
	CreateCampaign(ctx context.Context, c *Campaign, links []VerificationLink) error
	// ListCampaigns returns the latest campaigns, newest first.
	ListCampaigns(ctx context.Context, limit int) ([]Campaign, error)
	// LinkByHash returns the link with the token hash, NotFound if none.
	LinkByHash(ctx context.Context, hash string) (VerificationLink, error)
	// UseLink marks link id used at at, and in the same transaction stores
	// p with e when p is not nil and creates prop when it is not nil:
	// Conflict "verify.link.used" when the link was used meanwhile.
	UseLink(ctx context.Context, id int64, at time.Time, p *Person, e *audit.Entry, prop *Proposal) error
	// CreateProposal stores p and sets its ID.
	CreateProposal(ctx context.Context, p *Proposal) error
	// ListProposals returns the proposals in state, oldest first.
	ListProposals(ctx context.Context, state ProposalState) ([]Proposal, error)
	// ProposalByID returns NotFound when no proposal has id.
	ProposalByID(ctx context.Context, id int64) (Proposal, error)
	// DecideProposal marks proposal d.ID decided and, in the same
	// transaction, stores d.Person or d.Organisation with d.Entry when set:
	// Conflict "proposal.decided" when it is no longer pending.
	DecideProposal(ctx context.Context, d ProposalDecision) error
}

// Verifier sets up verification by mail: the mailer and how long links work.
func (s *Service) Verifier(m VerificationMailer, ttl time.Duration) {
	if ttl <= 0 {
		ttl = DefaultLinkTTL
	}
	s.mailer, s.linkTTL = m, ttl
}

// NewToken returns a random URL-safe token and its stored hash.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a link token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// personLang is the language of the mail and page for p: the first of
// the languages they speak that nordcal is written in, else fallback.
func personLang(p Person, fallback lang.Code) lang.Code {
	for _, l := range p.Languages {
		if c, ok := lang.Parse(l); ok && string(c) == l {
			return c
		}
	}
	return fallback
}

// campaignPeople returns the people sel picks who have an e-mail address.
func (s *Service) campaignPeople(ctx context.Context, sel CampaignSelection) ([]Person, string, error) {
	var ps []Person
	var desc string
	var err error
	switch {
	case sel.Stale:
		ps, err = s.Stale(ctx)
		desc = "stale"
	case sel.Country != "":
		if !validCountry(sel.Country) {
			return nil, "", &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"country": "validation.country.unknown"}}
		}
		ps, err = s.People(ctx, Curator, PersonQuery{Country: sel.Country})
		desc = "country:" + string(sel.Country)
	case sel.NetworkID > 0:
		ps, err = s.People(ctx, Curator, PersonQuery{NetworkID: sel.NetworkID})
		desc = "network:" + idString(&sel.NetworkID)
	default:
		return nil, "", &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"selection": "validation.required"}}
	}
	return slices.DeleteFunc(ps, func(p Person) bool { return p.Email == "" }), desc, err
}

// StartCampaign mails every person sel picks (who has an e-mail address)
// a private link to check their entry, in their language or l. A person
// whose mail cannot be queued is left out of the count.
func (s *Service) StartCampaign(ctx context.Context, actor audit.Actor, sel CampaignSelection, l lang.Code) (Campaign, error) {
	if s.mailer == nil {
		return Campaign{}, apperr.New(apperr.Invalid, "verify.no_mail")
	}
	if _, ok := lang.Parse(string(l)); !ok {
		return Campaign{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"lang": "validation.lang.unknown"}}
	}
	ps, desc, err := s.campaignPeople(ctx, sel)
	if err != nil {
		return Campaign{}, err
	}
	if len(ps) == 0 {
		return Campaign{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"selection": "verify.campaign.nobody"}}
	}
	now := s.now().UTC()
	tokens := make([]string, len(ps))
	links := make([]VerificationLink, len(ps))
	for i, p := range ps {
		tok, hash := NewToken()
		tokens[i] = tok
		links[i] = VerificationLink{PersonID: p.ID, TokenHash: hash, Lang: personLang(p, l), CreatedAt: now, ExpiresAt: now.Add(s.linkTTL)}
	}
	c := Campaign{Selection: desc, Lang: l, CreatedBy: actor.Email, CreatedAt: now}
	if err := s.store.CreateCampaign(ctx, &c, links); err != nil {
		return Campaign{}, err
	}
	orgs, err := s.orgIndex(ctx)
	if err != nil {
		return c, err
	}
	for i, p := range ps {
		m := VerificationMail{Person: p, Path: "/" + string(links[i].Lang) + "/verify/" + tokens[i], Lang: links[i].Lang, Expires: links[i].ExpiresAt}
		if p.OrganisationID != nil {
			if o, ok := orgs[*p.OrganisationID]; ok {
				m.Organisation = &o
			}
		}
		if s.mailer.SendVerification(ctx, m) == nil {
			c.Sent++
		}
	}
	return c, nil
}

// Campaigns returns the latest campaigns.
func (s *Service) Campaigns(ctx context.Context) ([]Campaign, error) {
	return s.store.ListCampaigns(ctx, 20)
}

// SelfEntry is what a verification link shows: the person's entry and
// the link itself.
type SelfEntry struct {
	Link         VerificationLink
	Person       Person
	Organisation *Organisation
}

// linkFor finds the unexpired, unused link of token.
func (s *Service) linkFor(ctx context.Context, token string) (VerificationLink, error) {
	if token == "" || len(token) > 100 {
		return VerificationLink{}, apperr.New(apperr.NotFound, "verify.link.unknown")
	}
	l, err := s.store.LinkByHash(ctx, HashToken(token))
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return l, apperr.New(apperr.NotFound, "verify.link.unknown")
		}
		return l, err
	}
	if !l.UsedAt.IsZero() {
		return l, apperr.New(apperr.Conflict, "verify.link.used")
	}
	if !s.now().Before(l.ExpiresAt) {
		return l, apperr.New(apperr.NotFound, "verify.link.expired")
	}
	return l, nil
}

// SelfEntry returns the entry a verification link is for.
func (s *Service) SelfEntry(ctx context.Context, token string) (SelfEntry, error) {
	l, err := s.linkFor(ctx, token)
	if err != nil {
		return SelfEntry{}, err
	}
	p, err := s.store.PersonByID(ctx, l.PersonID)
	if err != nil {
		return SelfEntry{}, err
	}
	e := SelfEntry{Link: l, Person: p}
	if p.OrganisationID != nil {
		if o, err := s.store.OrganisationByID(ctx, *p.OrganisationID); err == nil {
			e.Organisation = &o
		}
	}
	return e, nil
}

// ConfirmSelf records that the person of token confirmed their entry:
// verified today, by the person themself. The link is used up.
func (s *Service) ConfirmSelf(ctx context.Context, token string) error {
	e, err := s.SelfEntry(ctx, token)
	if err != nil {
		return err
	}
	p, old := e.Person, e.Person
	p.VerifiedAt, p.VerifiedBy = s.Today(), SelfVerified
	a := entry(SelfActor, ActionPersonSelfVerify, RecordPerson, p.ID, p.Name(), personFields(old), personFields(p))
	return s.store.UseLink(ctx, e.Link.ID, s.now(), &p, &a, nil)
}

// HideSelf hides the entry of token's person at once (it stays for the
// secretariat, shown nowhere else). The link is used up.
func (s *Service) HideSelf(ctx context.Context, token string) error {
	e, err := s.SelfEntry(ctx, token)
	if err != nil {
		return err
	}
	p, old := e.Person, e.Person
	p.Visibility = Hidden
	a := entry(SelfActor, ActionPersonHide, RecordPerson, p.ID, p.Name(), personFields(old), personFields(p))
	return s.store.UseLink(ctx, e.Link.ID, s.now(), &p, &a, nil)
}

// ProposeSelf queues the person's own changes to their entry for the
// secretariat (fields as PersonProposable names them). The link is used up.
func (s *Service) ProposeSelf(ctx context.Context, token string, values map[string]string, note string) error {
	e, err := s.SelfEntry(ctx, token)
	if err != nil {
		return err
	}
	prop, err := s.proposal(RecordPerson, e.Person.ID, e.Person.Name(), PersonProposable(e.Person), values, note, "", personFaults(e.Person))
	if err != nil {
		return err
	}
	prop.Source = SourceSelf
	return s.store.UseLink(ctx, e.Link.ID, s.now(), nil, nil, &prop)
}

// RequestErasure queues the person's request to erase their entry. The
// link is used up.
func (s *Service) RequestErasure(ctx context.Context, token, note string) error {
	e, err := s.SelfEntry(ctx, token)
	if err != nil {
		return err
	}
	if msg := proposalNoteFault(note); msg != "" {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"note": msg}}
	}
	prop := Proposal{RecordType: RecordPerson, RecordID: e.Person.ID, RecordLabel: e.Person.Name(), Kind: ProposalErase,
		Source: SourceSelf, Note: note, State: ProposalPending, CreatedAt: s.now().UTC()}
	return s.store.UseLink(ctx, e.Link.ID, s.now(), nil, nil, &prop)
}
