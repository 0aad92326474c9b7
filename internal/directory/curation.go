// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// AddOrganisation validates and stores a new organisation with an audit entry.
func (s *Service) AddOrganisation(ctx context.Context, actor audit.Actor, o *Organisation) error {
	o.Normalize()
	if o.VerifiedAt.IsZero() {
		o.VerifiedAt, o.VerifiedBy = s.Today(), actor.Email
	}
	if err := o.Validate(); err != nil {
		return err
	}
	name, _ := o.Name(lang.EN)
	return s.store.CreateOrganisationAudited(ctx, o, entry(actor, ActionOrgCreate, RecordOrganisation, 0, name, nil, orgFields(*o)))
}

// SaveOrganisation stores the edited o (o.Version is the version the
// editor saw), recording the changed fields.
func (s *Service) SaveOrganisation(ctx context.Context, actor audit.Actor, o *Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	old, err := s.store.OrganisationByID(ctx, o.ID)
	if err != nil {
		return err
	}
	if o.ParentID != nil {
		if err := s.checkParent(ctx, o.ID, *o.ParentID); err != nil {
			return err
		}
	}
	name, _ := o.Name(lang.EN)
	return s.store.UpdateOrganisation(ctx, o, entry(actor, ActionOrgUpdate, RecordOrganisation, o.ID, name, orgFields(old), orgFields(*o)))
}

// checkParent refuses a parent that would make a cycle of units.
func (s *Service) checkParent(ctx context.Context, id, parent int64) error {
	orgs, err := s.orgIndex(ctx)
	if err != nil {
		return err
	}
	bad := &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"parent": "validation.parent_self"}}
	for cur, n := parent, 0; n < 100; n++ {
		if cur == id {
			return bad
		}
		o, ok := orgs[cur]
		if !ok {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"parent": "validation.choice"}}
		}
		if o.ParentID == nil {
			return nil
		}
		cur = *o.ParentID
	}
	return bad
}

// DeleteOrganisation removes organisation id (at version) when nothing refers to it.
func (s *Service) DeleteOrganisation(ctx context.Context, actor audit.Actor, id int64, version int) error {
	o, err := s.store.OrganisationByID(ctx, id)
	if err != nil {
		return err
	}
	name, _ := o.Name(lang.EN)
	return s.store.DeleteOrganisation(ctx, id, version, entry(actor, ActionOrgDelete, RecordOrganisation, id, name, orgFields(o), nil))
}

// MergeOrganisations merges the duplicate drop (at dropVersion) into keep.
func (s *Service) MergeOrganisations(ctx context.Context, actor audit.Actor, keepID, dropID int64, dropVersion int) error {
	if keepID == dropID {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"merge": "directory.merge.same"}}
	}
	keep, err := s.store.OrganisationByID(ctx, keepID)
	if err != nil {
		return err
	}
	drop, err := s.store.OrganisationByID(ctx, dropID)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"merge": "directory.merge.unknown"}}
		}
		return err
	}
	name, _ := keep.Name(lang.EN)
	e := entry(actor, ActionOrgMerge, RecordOrganisation, keep.ID, name, nil, nil)
	e.Changes = []audit.Change{{Field: "merged_from", Before: drop.Slug}}
	return s.store.MergeOrganisations(ctx, keepID, dropID, dropVersion, e)
}
