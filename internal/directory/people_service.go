// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// Viewer is who is looking at the directory. It decides which people are
// visible; every read of people goes through it, so that a public page,
// export, API answer or search can never see more than public entries.
type Viewer int

// Viewers.
const (
	// Anonymous readers see public entries only.
	Anonymous Viewer = iota
	// Curator is a signed-in secretariat user: every entry.
	Curator
)

func (v Viewer) visibilities() []Visibility {
	if v == Curator {
		return Visibilities
	}
	return []Visibility{Public}
}

// Audit actions and record types of the directory.
const (
	RecordPerson       = "person"
	RecordOrganisation = "organisation"

	ActionPersonCreate = "person.create"
	ActionPersonUpdate = "person.update"
	ActionPersonMove   = "person.move"
	ActionPersonVerify = "person.verify"
	ActionPersonMerge  = "person.merge"
	ActionPersonErase  = "person.erase"
	ActionOrgCreate    = "organisation.create"
	ActionOrgUpdate    = "organisation.update"
	ActionOrgDelete    = "organisation.delete"
	ActionOrgMerge     = "organisation.merge"
)

// AuditActions lists the directory's audit actions.
var AuditActions = []string{ActionPersonCreate, ActionPersonUpdate, ActionPersonMove, ActionPersonVerify,
	ActionPersonMerge, ActionPersonErase, ActionOrgCreate, ActionOrgUpdate, ActionOrgDelete, ActionOrgMerge,
	ActionOrgVerify, ActionProposalApprove, ActionPersonHide, ActionPersonSelfVerify,
	ActionRoleCreate, ActionRoleUpdate, ActionRoleRetire, ActionRoleAssign, ActionRoleHoldEnd}

// StaleAfter is how long an entry may go unverified before it is listed
// for checking.
const StaleAfter = 365 * 24 * time.Hour

// SetClock replaces the service's clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.clock = now }

func (s *Service) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// Today returns the current UTC day.
func (s *Service) Today() time.Time { return dayOf(s.now()) }

// People returns the people matching q that v may see.
func (s *Service) People(ctx context.Context, v Viewer, q PersonQuery) ([]Person, error) {
	q.Visibilities = v.visibilities()
	return s.store.ListPeople(ctx, q)
}

// Person returns person id when v may see it, NotFound otherwise.
func (s *Service) Person(ctx context.Context, v Viewer, id int64) (Person, error) {
	p, err := s.store.PersonByID(ctx, id)
	if err != nil {
		return Person{}, err
	}
	if !slices.Contains(v.visibilities(), p.Visibility) {
		return Person{}, apperr.New(apperr.NotFound, "error.not_found")
	}
	return p, nil
}

// Organisation returns organisation id.
func (s *Service) Organisation(ctx context.Context, id int64) (Organisation, error) {
	return s.store.OrganisationByID(ctx, id)
}

// OrganisationBySlug returns the organisation with slug.
func (s *Service) OrganisationBySlug(ctx context.Context, slug string) (Organisation, error) {
	return s.store.OrganisationBySlug(ctx, slug)
}

// NetworkBySlug returns the network with slug.
func (s *Service) NetworkBySlug(ctx context.Context, slug string) (Network, error) {
	return s.store.NetworkBySlug(ctx, slug)
}

// Documents returns the documents matching q.
func (s *Service) Documents(ctx context.Context, q DocumentQuery) ([]Document, error) {
	return s.store.ListDocuments(ctx, q)
}

// CreateDocument validates and stores d.
func (s *Service) CreateDocument(ctx context.Context, d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.store.CreateDocument(ctx, d)
}

// AddMember validates and stores a membership.
func (s *Service) AddMember(ctx context.Context, m *Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.store.AddMember(ctx, m)
}

// RosterEntry is one membership with the member's record. Exactly one of
// Organisation and Person is set.
type RosterEntry struct {
	Member
	Network      *Network
	Organisation *Organisation
	Person       *Person
	// PersonOrg is the organisation the person works for, when known.
	PersonOrg *Organisation
}

// Country is the entry's country, used to group a roster.
func (r RosterEntry) Country() Country {
	if r.Person != nil {
		return r.Person.Country
	}
	return r.Organisation.Country
}

// Roster returns the memberships matching q with the records they name,
// leaving out the people v may not see. Anonymous readers see current
// memberships only, and across networks (q.NetworkID zero) only those in
// active networks.
func (s *Service) Roster(ctx context.Context, v Viewer, q MemberQuery) ([]RosterEntry, error) {
	all, err := s.roster(ctx, v, q)
	if err != nil || v == Curator {
		return all, err
	}
	today := s.Today()
	out := all[:0]
	for _, e := range all {
		if e.Ended(today) || (q.NetworkID == 0 && e.Network != nil && !e.Network.Active()) {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *Service) roster(ctx context.Context, v Viewer, q MemberQuery) ([]RosterEntry, error) {
	ms, err := s.store.ListMembers(ctx, q)
	if err != nil {
		return nil, err
	}
	var pids []int64
	for _, m := range ms {
		if m.PersonID != nil {
			pids = append(pids, *m.PersonID)
		}
	}
	people := map[int64]Person{}
	if len(pids) > 0 {
		ps, err := s.People(ctx, v, PersonQuery{IDs: pids})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			people[p.ID] = p
		}
	}
	orgs, err := s.orgIndex(ctx)
	if err != nil {
		return nil, err
	}
	nets, err := s.store.ListNetworks(ctx)
	if err != nil {
		return nil, err
	}
	netByID := map[int64]Network{}
	for _, n := range nets {
		netByID[n.ID] = n
	}
	var out []RosterEntry
	for _, m := range ms {
		e := RosterEntry{Member: m}
		if n, ok := netByID[m.NetworkID]; ok {
			e.Network = &n
		}
		switch {
		case m.PersonID != nil:
			p, ok := people[*m.PersonID]
			if !ok {
				continue
			}
			e.Person = &p
			if p.OrganisationID != nil {
				if o, ok := orgs[*p.OrganisationID]; ok {
					e.PersonOrg = &o
				}
			}
		case m.OrganisationID != nil:
			o, ok := orgs[*m.OrganisationID]
			if !ok {
				continue
			}
			e.Organisation = &o
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := slices.Index(MemberRoles, a.Role), slices.Index(MemberRoles, b.Role); ra != rb {
			return ra < rb
		}
		return a.sortKey() < b.sortKey()
	})
	return out, nil
}

func (r RosterEntry) sortKey() string {
	if r.Person != nil {
		return r.Person.SortKey()
	}
	return r.Organisation.Slug
}

func (s *Service) orgIndex(ctx context.Context) (map[int64]Organisation, error) {
	os, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Organisation, len(os))
	for _, o := range os {
		out[o.ID] = o
	}
	return out, nil
}

// SearchResult is what a directory search finds, by kind.
type SearchResult struct {
	People        []Person
	Organisations []Organisation
	Networks      []Network
	Documents     []Document
	Roles         []RoleView
}

// Empty reports whether nothing was found.
func (r SearchResult) Empty() bool {
	return len(r.People)+len(r.Organisations)+len(r.Networks)+len(r.Documents)+len(r.Roles) == 0
}

// SearchLimit bounds each kind of search result.
const SearchLimit = 100

// MaxQuery is the longest search accepted, in bytes.
const MaxQuery = 200

// Search finds people (those v may see), organisations, networks and
// documents matching every word of q, ignoring case and accents.
func (s *Service) Search(ctx context.Context, v Viewer, q string) (SearchResult, error) {
	if len(q) > MaxQuery {
		return SearchResult{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "filter.invalid", Fields: map[string]string{"q": "filter.query_too_long"}}
	}
	terms := QueryTerms(q)
	if len(terms) == 0 {
		return SearchResult{}, nil
	}
	var r SearchResult
	var err error
	if r.People, err = s.People(ctx, v, PersonQuery{Query: q, Limit: SearchLimit}); err != nil {
		return r, err
	}
	if r.Organisations, err = s.store.SearchOrganisations(ctx, terms, SearchLimit); err != nil {
		return r, err
	}
	if r.Networks, err = s.store.SearchNetworks(ctx, terms, SearchLimit); err != nil {
		return r, err
	}
	if r.Roles, err = s.Roles(ctx, v, RoleQuery{Query: q, Limit: SearchLimit}); err != nil {
		return r, err
	}
	r.Documents, err = s.store.ListDocuments(ctx, DocumentQuery{Query: q, Limit: SearchLimit})
	return r, err
}

// Stale returns the entries not verified for StaleAfter, oldest first.
func (s *Service) Stale(ctx context.Context) ([]Person, error) {
	ps, err := s.People(ctx, Curator, PersonQuery{VerifiedBefore: s.staleBefore()})
	if err != nil {
		return nil, err
	}
	oldestFirst(ps, func(p Person) time.Time { return p.VerifiedAt })
	return ps, nil
}

// personFields is the audit view of p. Erasure blanks these afterwards.
func personFields(p Person) map[string]string {
	m := map[string]string{"given_name": p.GivenName, "family_name": p.FamilyName, "email": p.Email, "phone": p.Phone,
		"country": string(p.Country), "languages": strings.Join(p.Languages, ","), "visibility": string(p.Visibility),
		"legal_basis": string(p.LegalBasis), "legal_basis_date": dateString(p.LegalBasisDate),
		"verified_at": dateString(p.VerifiedAt), "verified_by": p.VerifiedBy, "organisation": idString(p.OrganisationID)}
	var roles []string
	for _, r := range p.Roles {
		roles = append(roles, string(r))
	}
	m["roles"] = strings.Join(roles, ",")
	for _, l := range lang.All {
		m["title_"+string(l)] = p.Titles[l]
	}
	return m
}

func orgFields(o Organisation) map[string]string {
	m := map[string]string{"slug": o.Slug, "abbreviation": o.Abbreviation, "country": string(o.Country),
		"type": string(o.Type), "website": o.Website, "switchboard": o.Switchboard, "address": o.Address,
		"parent": idString(o.ParentID), "original_lang": string(o.OriginalLang), "registry_id": o.RegistryID,
		"status": string(o.Status), "merged_into": idString(o.MergedIntoID), "verified_at": dateString(o.VerifiedAt),
		"verified_by": o.VerifiedBy}
	for _, l := range lang.All {
		m["name_"+string(l)] = o.Names[l]
	}
	return m
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func entry(actor audit.Actor, action, typ string, id int64, label string, before, after map[string]string) audit.Entry {
	return audit.Entry{Actor: actor, Action: action, RecordType: typ, RecordID: id, RecordLabel: label,
		Changes: audit.Diff(before, after)}
}

// AddPerson validates and stores a new contact. A new entry counts as
// verified today unless the caller says otherwise.
func (s *Service) AddPerson(ctx context.Context, actor audit.Actor, p *Person) error {
	p.Normalize()
	if p.VerifiedAt.IsZero() {
		p.VerifiedAt, p.VerifiedBy = s.Today(), actor.Email
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.store.CreatePerson(ctx, p, entry(actor, ActionPersonCreate, RecordPerson, 0, p.Name(), nil, personFields(*p)))
}

// SavePerson stores the edited p (p.Version is the version the editor
// saw), recording the changed fields. Saving counts as verifying.
func (s *Service) SavePerson(ctx context.Context, actor audit.Actor, p *Person) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	old, err := s.store.PersonByID(ctx, p.ID)
	if err != nil {
		return err
	}
	p.VerifiedAt, p.VerifiedBy = s.Today(), actor.Email
	return s.store.UpdatePerson(ctx, p, entry(actor, ActionPersonUpdate, RecordPerson, p.ID, p.Name(), personFields(old), personFields(*p)))
}

// MovePerson moves person id (at version) to organisation orgID.
func (s *Service) MovePerson(ctx context.Context, actor audit.Actor, id int64, version int, orgID int64) (Person, error) {
	p, err := s.store.PersonByID(ctx, id)
	if err != nil {
		return Person{}, err
	}
	if _, err := s.store.OrganisationByID(ctx, orgID); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return Person{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"organisation": "validation.choice"}}
		}
		return Person{}, err
	}
	old := p
	p.OrganisationID, p.Version = &orgID, version
	err = s.store.UpdatePerson(ctx, &p, entry(actor, ActionPersonMove, RecordPerson, p.ID, p.Name(), personFields(old), personFields(p)))
	return p, err
}

// VerifyPerson records that person id (at version) was checked today.
func (s *Service) VerifyPerson(ctx context.Context, actor audit.Actor, id int64, version int) (Person, error) {
	p, err := s.store.PersonByID(ctx, id)
	if err != nil {
		return Person{}, err
	}
	old := p
	p.VerifiedAt, p.VerifiedBy, p.Version = s.Today(), actor.Email, version
	err = s.store.UpdatePerson(ctx, &p, entry(actor, ActionPersonVerify, RecordPerson, p.ID, p.Name(), personFields(old), personFields(p)))
	return p, err
}

// ErasePerson removes person id everywhere (GDPR art. 17). The audit
// trail keeps only that an erasure happened, by whom and when.
func (s *Service) ErasePerson(ctx context.Context, actor audit.Actor, id int64) error {
	return s.store.ErasePerson(ctx, id, audit.Entry{Actor: actor, Action: ActionPersonErase, RecordType: RecordPerson, RecordID: id})
}

// MergePeople merges the duplicate drop into keep: keep's empty fields are
// filled from drop, titles, languages and roles are combined, drop's
// memberships move to keep, and drop is deleted.
func (s *Service) MergePeople(ctx context.Context, actor audit.Actor, keepID int64, keepVersion int, dropID int64) (Person, error) {
	if keepID == dropID {
		return Person{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"merge": "directory.merge.same"}}
	}
	keep, err := s.store.PersonByID(ctx, keepID)
	if err != nil {
		return Person{}, err
	}
	drop, err := s.store.PersonByID(ctx, dropID)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return Person{}, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"merge": "directory.merge.unknown"}}
		}
		return Person{}, err
	}
	old := keep
	keep.Version = keepVersion
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&keep.Email, drop.Email)
	fill(&keep.Phone, drop.Phone)
	fill(&keep.GivenName, drop.GivenName)
	if keep.OrganisationID == nil {
		keep.OrganisationID = drop.OrganisationID
	}
	if keep.Titles == nil {
		keep.Titles = lang.Texts{}
	}
	for l, t := range drop.Titles {
		fill2 := keep.Titles[l]
		if fill2 == "" {
			keep.Titles[l] = t
		}
	}
	for _, l := range drop.Languages {
		if !slices.Contains(keep.Languages, l) {
			keep.Languages = append(keep.Languages, l)
		}
	}
	for _, r := range drop.Roles {
		if !keep.HasRole(r) {
			keep.Roles = append(keep.Roles, r)
		}
	}
	if drop.VerifiedAt.After(keep.VerifiedAt) {
		keep.VerifiedAt = drop.VerifiedAt
	}
	e := entry(actor, ActionPersonMerge, RecordPerson, keep.ID, keep.Name(), personFields(old), personFields(keep))
	e.Changes = append(e.Changes, audit.Change{Field: "merged_from", Before: strconv.FormatInt(drop.ID, 10)})
	if err := s.store.MergePeople(ctx, &keep, drop.ID, drop.Version, e); err != nil {
		return Person{}, err
	}
	return keep, nil
}
