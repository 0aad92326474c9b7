// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// ProposalKind is what a proposal asks for.
type ProposalKind string

// Proposal kinds: field changes, or erasure of the whole entry.
const (
	ProposalChange ProposalKind = "change"
	ProposalErase  ProposalKind = "erase"
)

// ProposalState is where a proposal is in review.
type ProposalState string

// Proposal states.
const (
	ProposalPending  ProposalState = "pending"
	ProposalApproved ProposalState = "approved"
	ProposalRejected ProposalState = "rejected"
)

// Proposal sources: the person themself (by their verification link), or
// anyone on the public page ("Suggest a correction").
const (
	SourceSelf   = "self"
	SourcePublic = "public"
)

// Limits of a proposal's free text.
const (
	MaxProposalNote  = 2000
	MaxProposalValue = 300
)

// Proposal is a change to a directory entry waiting for the secretariat.
type Proposal struct {
	ID          int64
	RecordType  string
	RecordID    int64
	RecordLabel string
	Kind        ProposalKind
	Source      string
	// Changes are the proposed fields, Before as the entry was when the
	// proposal was made.
	Changes       []audit.Change
	Note          string
	ProposerEmail string
	State         ProposalState
	DecidedBy     string
	DecidedAt     time.Time
	CreatedAt     time.Time
}

// ProposalDecision is what the store writes when a proposal is decided.
type ProposalDecision struct {
	ID    int64
	State ProposalState
	By    string
	At    time.Time
	// Person or Organisation is the entry with the proposal applied, stored
	// with Entry (approval of a change).
	Person       *Person
	Organisation *Organisation
	Entry        *audit.Entry
}

// PersonProposable are the fields of p that its person or the public may
// propose to change, keyed as in the audit trail.
func PersonProposable(p Person) map[string]string {
	m := map[string]string{"given_name": p.GivenName, "family_name": p.FamilyName, "email": p.Email, "phone": p.Phone}
	for _, l := range lang.All {
		m["title_"+string(l)] = p.Titles[l]
	}
	return m
}

// OrgProposable are the proposable fields of o.
func OrgProposable(o Organisation) map[string]string {
	m := map[string]string{"abbreviation": o.Abbreviation, "website": o.Website, "switchboard": o.Switchboard,
		"address": o.Address, "registry_id": o.RegistryID}
	for _, l := range lang.All {
		m["name_"+string(l)] = o.Names[l]
	}
	return m
}

// applyPerson sets the proposable field of p to v.
func applyPerson(p *Person, field, v string) {
	switch field {
	case "given_name":
		p.GivenName = v
	case "family_name":
		p.FamilyName = v
	case "email":
		p.Email = v
	case "phone":
		p.Phone = v
	default:
		if l, ok := strings.CutPrefix(field, "title_"); ok {
			if p.Titles == nil {
				p.Titles = lang.Texts{}
			}
			p.Titles[lang.Code(l)] = v
		}
	}
}

// applyOrg sets the proposable field of o to v.
func applyOrg(o *Organisation, field, v string) {
	switch field {
	case "abbreviation":
		o.Abbreviation = v
	case "website":
		o.Website = v
	case "switchboard":
		o.Switchboard = v
	case "address":
		o.Address = v
	case "registry_id":
		o.RegistryID = v
	default:
		if l, ok := strings.CutPrefix(field, "name_"); ok {
			if o.Names == nil {
				o.Names = lang.Texts{}
			}
			if v == "" {
				delete(o.Names, lang.Code(l))
			} else {
				o.Names[lang.Code(l)] = v
			}
		}
	}
}

func proposalNoteFault(note string) string {
	if utf8.RuneCountInString(note) > MaxProposalNote {
		return "validation.too_long"
	}
	return textFault(note, true)
}

// proposal builds a change proposal from the submitted values of the
// proposable fields current holds: only the changed fields are kept, and
// values are checked for length and characters. Nothing changed and no
// note is an Invalid error.
func (s *Service) proposal(typ string, id int64, label string, current, values map[string]string, note, email string,
	faults func([]audit.Change) apperr.Fields) (Proposal, error) {
	f := apperr.Fields{}
	after := map[string]string{}
	for k, v := range values {
		if _, ok := current[k]; !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) > MaxProposalValue {
			f.Add(k, "validation.too_long")
		} else if msg := textFault(v, false); msg != "" {
			f.Add(k, msg)
		}
		after[k] = v
	}
	before := map[string]string{}
	for k := range after {
		before[k] = current[k]
	}
	changes := sortedChanges(typ, audit.Diff(before, after))
	if len(f) == 0 {
		for k, m := range faults(changes) {
			f.Add(k, m)
		}
	}
	note = strings.TrimSpace(note)
	if msg := proposalNoteFault(note); msg != "" {
		f.Add("note", msg)
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if email != "" && !ValidEmail(email) {
		f.Add("proposer_email", "validation.email")
	}
	if len(f) == 0 && len(changes) == 0 && note == "" {
		f.Add("note", "proposal.nothing")
	}
	if err := f.Err("validation.failed"); err != nil {
		return Proposal{}, err
	}
	return Proposal{RecordType: typ, RecordID: id, RecordLabel: label, Kind: ProposalChange, Changes: changes,
		Note: note, ProposerEmail: email, State: ProposalPending, CreatedAt: s.now().UTC()}, nil
}

// changedFaults keeps the messages of err about the changed fields; a
// message about all names ("name") goes to the first changed name.
func changedFaults(err error, changes []audit.Change) apperr.Fields {
	out := apperr.Fields{}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return out
	}
	for _, c := range changes {
		if m, ok := ae.Fields[c.Field]; ok {
			out.Add(c.Field, m)
		} else if m, ok := ae.Fields["name"]; ok && strings.HasPrefix(c.Field, "name_") {
			out.Add(c.Field, m)
		}
	}
	return out
}

// personFaults checks proposed changes to p as the curation form would.
func personFaults(p Person) func([]audit.Change) apperr.Fields {
	return func(changes []audit.Change) apperr.Fields {
		p.Titles = maps.Clone(p.Titles)
		for _, c := range changes {
			applyPerson(&p, c.Field, c.After)
		}
		p.Normalize()
		return changedFaults(p.Validate(), changes)
	}
}

// orgFaults checks proposed changes to o as the curation form would.
func orgFaults(o Organisation) func([]audit.Change) apperr.Fields {
	return func(changes []audit.Change) apperr.Fields {
		o.Names = maps.Clone(o.Names)
		for _, c := range changes {
			applyOrg(&o, c.Field, c.After)
		}
		o.Normalize()
		return changedFaults(o.Validate(), changes)
	}
}

// SuggestPersonCorrection queues a correction to public person id from
// anyone; email (optional) is the proposer's, for questions.
func (s *Service) SuggestPersonCorrection(ctx context.Context, id int64, values map[string]string, note, email string) error {
	p, err := s.Person(ctx, Anonymous, id)
	if err != nil {
		return err
	}
	prop, err := s.proposal(RecordPerson, p.ID, p.Name(), PersonProposable(p), values, note, email, personFaults(p))
	if err != nil {
		return err
	}
	prop.Source = SourcePublic
	return s.store.CreateProposal(ctx, &prop)
}

// SuggestOrgCorrection queues a correction to organisation id from anyone.
func (s *Service) SuggestOrgCorrection(ctx context.Context, id int64, values map[string]string, note, email string) error {
	o, err := s.store.OrganisationByID(ctx, id)
	if err != nil {
		return err
	}
	name, _ := o.Name(lang.EN)
	prop, err := s.proposal(RecordOrganisation, o.ID, name, OrgProposable(o), values, note, email, orgFaults(o))
	if err != nil {
		return err
	}
	prop.Source = SourcePublic
	return s.store.CreateProposal(ctx, &prop)
}

// Proposals returns the proposals in state, oldest first.
func (s *Service) Proposals(ctx context.Context, state ProposalState) ([]Proposal, error) {
	return s.store.ListProposals(ctx, state)
}

// Review is a proposal with the entry as it is now, for the side-by-side
// diff: Current holds the entry's proposable fields.
type Review struct {
	Proposal
	Current      map[string]string
	Person       *Person
	Organisation *Organisation
}

// Review returns proposal id with its entry's current values. A proposal
// whose entry is gone has no Person or Organisation.
func (s *Service) Review(ctx context.Context, id int64) (Review, error) {
	p, err := s.store.ProposalByID(ctx, id)
	if err != nil {
		return Review{}, err
	}
	r := Review{Proposal: p}
	switch p.RecordType {
	case RecordPerson:
		if pr, err := s.store.PersonByID(ctx, p.RecordID); err == nil {
			r.Person, r.Current = &pr, PersonProposable(pr)
		} else if !apperr.Is(err, apperr.NotFound) {
			return r, err
		}
	case RecordOrganisation:
		if o, err := s.store.OrganisationByID(ctx, p.RecordID); err == nil {
			r.Organisation, r.Current = &o, OrgProposable(o)
		} else if !apperr.Is(err, apperr.NotFound) {
			return r, err
		}
	}
	return r, nil
}

// ApproveProposal applies proposal id: its changes land on the entry
// through the same validation as the curation forms, audited, and the
// entry counts as verified today (by the person themself when they
// proposed it); an erasure request erases the person.
func (s *Service) ApproveProposal(ctx context.Context, actor audit.Actor, id int64) error {
	r, err := s.Review(ctx, id)
	if err != nil {
		return err
	}
	if r.State != ProposalPending {
		return apperr.New(apperr.Conflict, "proposal.decided")
	}
	if r.Person == nil && r.Organisation == nil {
		return apperr.New(apperr.NotFound, "proposal.record_gone")
	}
	d := ProposalDecision{ID: id, State: ProposalApproved, By: actor.Email, At: s.now().UTC()}
	verifier := actor.Email
	if r.Source == SourceSelf {
		verifier = SelfVerified
	}
	switch {
	case r.Kind == ProposalErase:
		if r.Person == nil {
			return apperr.New(apperr.Invalid, "proposal.record_gone")
		}
		if err := s.ErasePerson(ctx, actor, r.Person.ID); err != nil {
			return err
		}
		return s.store.DecideProposal(ctx, d)
	case r.Person != nil:
		p, old := *r.Person, *r.Person
		p.Titles = maps.Clone(p.Titles) // old keeps the titles as they were, for the audit diff
		for _, c := range r.Changes {
			applyPerson(&p, c.Field, c.After)
		}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		p.VerifiedAt, p.VerifiedBy = s.Today(), verifier
		e := entry(actor, ActionProposalApprove, RecordPerson, p.ID, p.Name(), personFields(old), personFields(p))
		d.Person, d.Entry = &p, &e
	default:
		o, old := *r.Organisation, *r.Organisation
		o.Names = maps.Clone(o.Names)
		for _, c := range r.Changes {
			applyOrg(&o, c.Field, c.After)
		}
		o.Normalize()
		if err := o.Validate(); err != nil {
			return err
		}
		o.VerifiedAt, o.VerifiedBy = s.Today(), verifier
		name, _ := o.Name(lang.EN)
		e := entry(actor, ActionProposalApprove, RecordOrganisation, o.ID, name, orgFields(old), orgFields(o))
		d.Organisation, d.Entry = &o, &e
	}
	return s.store.DecideProposal(ctx, d)
}

// RejectProposal closes proposal id without changing the entry.
func (s *Service) RejectProposal(ctx context.Context, actor audit.Actor, id int64) error {
	p, err := s.store.ProposalByID(ctx, id)
	if err != nil {
		return err
	}
	if p.State != ProposalPending {
		return apperr.New(apperr.Conflict, "proposal.decided")
	}
	return s.store.DecideProposal(ctx, ProposalDecision{ID: id, State: ProposalRejected, By: actor.Email, At: s.now().UTC()})
}

// ProposableFields lists the proposable field keys of a record type in
// display order, for forms and the diff.
func ProposableFields(typ string) []string {
	var out []string
	if typ == RecordOrganisation {
		for _, l := range lang.All {
			out = append(out, "name_"+string(l))
		}
		return append(out, "abbreviation", "registry_id", "website", "switchboard", "address")
	}
	out = append(out, "given_name", "family_name")
	for _, l := range lang.All {
		out = append(out, "title_"+string(l))
	}
	return append(out, "email", "phone")
}

// sortedChanges orders c as ProposableFields does.
func sortedChanges(typ string, c []audit.Change) []audit.Change {
	order := ProposableFields(typ)
	slices.SortStableFunc(c, func(a, b audit.Change) int { return slices.Index(order, a.Field) - slices.Index(order, b.Field) })
	return c
}
