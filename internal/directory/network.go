// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// NetworkStatus says whether a network is still at work. A network is
// never deleted: events, documents and old links refer to it.
type NetworkStatus string

// Network statuses. An archived network keeps its page (which says so) but
// leaves the public lists and the choices of new events; a merged one
// answers with its survivor (MergedIntoID).
const (
	NetworkActive   NetworkStatus = "active"
	NetworkArchived NetworkStatus = "archived"
	NetworkMerged   NetworkStatus = "merged"
)

// Active reports whether n is neither archived nor merged.
func (n Network) Active() bool { return n.Status == "" || n.Status == NetworkActive }

// Audit actions and record type of networks and their memberships.
const (
	RecordNetwork = "network"

	ActionNetworkCreate  = "network.create"
	ActionNetworkUpdate  = "network.update"
	ActionNetworkArchive = "network.archive"
	ActionNetworkRestore = "network.restore"
	ActionNetworkMerge   = "network.merge"
	ActionMemberAdd      = "network.member_add"
	ActionMemberUpdate   = "network.member_update"
	ActionMemberEnd      = "network.member_end"
	ActionMemberRemove   = "network.member_remove"
)

// NetworkStore persists the curation of networks and their memberships.
// Every change is stored with its audit entry in one transaction.
type NetworkStore interface {
	// NetworkByID returns an apperr NotFound error when no network has id.
	NetworkByID(ctx context.Context, id int64) (Network, error)
	// CreateNetworkAudited stores n with e; a taken slug is a Conflict.
	CreateNetworkAudited(ctx context.Context, n *Network, e audit.Entry) error
	// UpdateNetwork stores n (texts and status too) when the stored version
	// is n.Version and increments it: NotFound, Conflict
	// "error.conflict.version", or Conflict on a taken slug.
	UpdateNetwork(ctx context.Context, n *Network, e audit.Entry) error
	// MergeNetworks moves drop's events, memberships (those keep does not
	// already have open), documents and merged networks to keep and marks
	// drop merged into keep: NotFound when either is gone, Conflict
	// "error.conflict.version" when drop's version differs.
	MergeNetworks(ctx context.Context, keep, drop int64, dropVersion int, e audit.Entry) error
	// MemberByID returns an apperr NotFound error when no membership has id.
	MemberByID(ctx context.Context, id int64) (Member, error)
	// AddMemberAudited stores m with e: Invalid for an unknown network,
	// person or organisation, Conflict "error.conflict.duplicate" when the
	// member already has an open membership in the network.
	AddMemberAudited(ctx context.Context, m *Member, e audit.Entry) error
	// UpdateMember stores m's role and dates with e: NotFound, or the
	// Conflict of AddMemberAudited when reopening would make a second one.
	UpdateMember(ctx context.Context, m *Member, e audit.Entry) error
	// DeleteMember removes membership id with e: NotFound when gone.
	DeleteMember(ctx context.Context, id int64, e audit.Entry) error
}

// Network returns network id.
func (s *Service) Network(ctx context.Context, id int64) (Network, error) {
	return s.store.NetworkByID(ctx, id)
}

func networkFields(n Network) map[string]string {
	m := map[string]string{"slug": n.Slug, "abbreviation": n.Abbreviation, "website": n.Website,
		"secretariat": idString(n.SecretariatID), "original_lang": string(n.OriginalLang), "status": string(n.Status)}
	for _, l := range lang.All {
		m["name_"+string(l)] = n.Names[l]
		m["description_"+string(l)] = n.Descriptions[l]
		m["parent_body_"+string(l)] = n.ParentBodies[l]
	}
	return m
}

func (n Network) label() string { name, _ := n.Name(lang.EN); return name }

// AddNetwork validates and stores a new, active network.
func (s *Service) AddNetwork(ctx context.Context, actor audit.Actor, n *Network) error {
	n.Status = NetworkActive
	if err := n.Validate(); err != nil {
		return err
	}
	return s.store.CreateNetworkAudited(ctx, n, entry(actor, ActionNetworkCreate, RecordNetwork, 0, n.label(), nil, networkFields(*n)))
}

// SaveNetwork stores the edited n (n.Version is the version the editor
// saw), recording the changed fields. The status is kept: archiving and
// merging have their own actions.
func (s *Service) SaveNetwork(ctx context.Context, actor audit.Actor, n *Network) error {
	if err := n.Validate(); err != nil {
		return err
	}
	old, err := s.store.NetworkByID(ctx, n.ID)
	if err != nil {
		return err
	}
	n.Status, n.MergedIntoID = old.Status, old.MergedIntoID
	return s.store.UpdateNetwork(ctx, n, entry(actor, ActionNetworkUpdate, RecordNetwork, n.ID, n.label(), networkFields(old), networkFields(*n)))
}

// ArchiveNetwork archives (or, with archived false, restores) network id at
// version. A merged network cannot be restored: its survivor holds its records.
func (s *Service) ArchiveNetwork(ctx context.Context, actor audit.Actor, id int64, version int, archived bool) (Network, error) {
	n, err := s.store.NetworkByID(ctx, id)
	if err != nil {
		return n, err
	}
	if n.Status == NetworkMerged {
		return n, apperr.New(apperr.Conflict, "directory.network.merged_already")
	}
	old := n
	action, status := ActionNetworkRestore, NetworkActive
	if archived {
		action, status = ActionNetworkArchive, NetworkArchived
	}
	n.Status, n.Version = status, version
	err = s.store.UpdateNetwork(ctx, &n, entry(actor, action, RecordNetwork, n.ID, n.label(), networkFields(old), networkFields(n)))
	return n, err
}

// MergeNetworks merges network drop (a duplicate or a network absorbed by
// another, at dropVersion) into keep.
func (s *Service) MergeNetworks(ctx context.Context, actor audit.Actor, keepID, dropID int64, dropVersion int) error {
	bad := func(msg string) error {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"merge": msg}}
	}
	if keepID == dropID {
		return bad("directory.merge.same")
	}
	drop, err := s.store.NetworkByID(ctx, dropID)
	if err != nil {
		return err
	}
	if drop.Status == NetworkMerged {
		return apperr.New(apperr.Conflict, "directory.network.merged_already")
	}
	keep, err := s.store.NetworkByID(ctx, keepID)
	if apperr.Is(err, apperr.NotFound) {
		return bad("directory.merge.unknown")
	}
	if err != nil {
		return err
	}
	if keep.Status == NetworkMerged {
		return bad("directory.network.merge_into_merged")
	}
	e := entry(actor, ActionNetworkMerge, RecordNetwork, keep.ID, keep.label(), nil, nil)
	e.Changes = []audit.Change{{Field: "merged_from", Before: drop.Slug}}
	return s.store.MergeNetworks(ctx, keepID, dropID, dropVersion, e)
}

// memberLabel names the member of m for the audit trail: the person's or
// organisation's name and the network.
func (s *Service) memberLabel(ctx context.Context, m Member) (string, error) {
	n, err := s.store.NetworkByID(ctx, m.NetworkID)
	if err != nil {
		return "", err
	}
	who := ""
	switch {
	case m.PersonID != nil:
		p, err := s.store.PersonByID(ctx, *m.PersonID)
		if err != nil {
			return "", invalidMember(err)
		}
		who = p.Name()
	case m.OrganisationID != nil:
		o, err := s.store.OrganisationByID(ctx, *m.OrganisationID)
		if err != nil {
			return "", invalidMember(err)
		}
		who, _ = o.Name(lang.EN)
	}
	return who + " – " + n.label(), nil
}

func invalidMember(err error) error {
	if apperr.Is(err, apperr.NotFound) {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"member": "validation.choice"}}
	}
	return err
}

func memberFields(m Member) map[string]string {
	return map[string]string{"role": string(m.Role), "from": dateString(m.From), "to": dateString(m.To),
		"person": idString(m.PersonID), "organisation": idString(m.OrganisationID)}
}

// AddMembership validates and stores a membership with an audit entry.
func (s *Service) AddMembership(ctx context.Context, actor audit.Actor, m *Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	label, err := s.memberLabel(ctx, *m)
	if err != nil {
		return err
	}
	return s.store.AddMemberAudited(ctx, m, entry(actor, ActionMemberAdd, RecordNetwork, m.NetworkID, label, nil, memberFields(*m)))
}

// membership returns membership id of network networkID (NotFound when it
// belongs to another network, so a form cannot reach across networks).
func (s *Service) membership(ctx context.Context, networkID, id int64) (Member, error) {
	m, err := s.store.MemberByID(ctx, id)
	if err == nil && m.NetworkID != networkID {
		err = apperr.New(apperr.NotFound, "error.not_found")
	}
	return m, err
}

// SaveMembership stores a changed role and dates of membership id.
func (s *Service) SaveMembership(ctx context.Context, actor audit.Actor, networkID, id int64, role MemberRole, from, to time.Time) (Member, error) {
	old, err := s.membership(ctx, networkID, id)
	if err != nil {
		return old, err
	}
	m := old
	m.Role, m.From, m.To = role, from, to
	if err := m.Validate(); err != nil {
		return m, err
	}
	label, err := s.memberLabel(ctx, m)
	if err != nil {
		return m, err
	}
	return m, s.store.UpdateMember(ctx, &m, entry(actor, ActionMemberUpdate, RecordNetwork, m.NetworkID, label, memberFields(old), memberFields(m)))
}

// EndMembership ends membership id on day (today when zero).
func (s *Service) EndMembership(ctx context.Context, actor audit.Actor, networkID, id int64, day time.Time) (Member, error) {
	old, err := s.membership(ctx, networkID, id)
	if err != nil {
		return old, err
	}
	if day.IsZero() {
		day = s.Today()
	}
	m := old
	m.To = day
	if err := m.Validate(); err != nil {
		return m, err
	}
	label, err := s.memberLabel(ctx, m)
	if err != nil {
		return m, err
	}
	return m, s.store.UpdateMember(ctx, &m, entry(actor, ActionMemberEnd, RecordNetwork, m.NetworkID, label, memberFields(old), memberFields(m)))
}

// RemoveMembership deletes membership id (a record made by mistake; a
// membership that ended is ended, not removed).
func (s *Service) RemoveMembership(ctx context.Context, actor audit.Actor, networkID, id int64) error {
	m, err := s.membership(ctx, networkID, id)
	if err != nil {
		return err
	}
	label, err := s.memberLabel(ctx, m)
	if err != nil {
		return err
	}
	return s.store.DeleteMember(ctx, id, entry(actor, ActionMemberRemove, RecordNetwork, m.NetworkID, label, memberFields(m), nil))
}

// Memberships returns every membership of network id, current and past,
// for the secretariat: current ones first (in roster order), then the
// ended ones, latest end first.
func (s *Service) Memberships(ctx context.Context, id int64) (current, past []RosterEntry, err error) {
	all, err := s.roster(ctx, Curator, MemberQuery{NetworkID: id})
	if err != nil {
		return nil, nil, err
	}
	today := s.Today()
	for _, e := range all {
		if e.Ended(today) {
			past = append(past, e)
		} else {
			current = append(current, e)
		}
	}
	slices.SortStableFunc(past, func(a, b RosterEntry) int { return b.To.Compare(a.To) })
	return current, past, nil
}

// ParseMemberRole returns the role for s, or false.
func ParseMemberRole(s string) (MemberRole, bool) {
	r := MemberRole(s)
	return r, r.Valid()
}
