// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// OrgStatus says whether an organisation still exists. Organisations that
// events or people refer to are never deleted: they are marked merged
// (into another one) or closed, and keep their page.
type OrgStatus string

// Organisation statuses.
const (
	OrgActive OrgStatus = "active"
	OrgMerged OrgStatus = "merged"
	OrgClosed OrgStatus = "closed"
)

// OrgStatuses lists the statuses in display order.
var OrgStatuses = []OrgStatus{OrgActive, OrgMerged, OrgClosed}

// Valid reports whether st is a known status.
func (st OrgStatus) Valid() bool { return slices.Contains(OrgStatuses, st) }

// Active reports whether o is neither merged nor closed.
func (o Organisation) Active() bool { return o.Status == OrgActive || o.Status == "" }

// ActionOrgVerify records that an organisation's entry was confirmed.
const ActionOrgVerify = "organisation.verify"

// SelfVerified is the VerifiedBy of an entry its person confirmed from
// their verification link.
const SelfVerified = "self"

// Normalize trims o's fields, writes the registry identifier as the
// registry does when it is valid, and defaults the status to active.
func (o *Organisation) Normalize() {
	if o.Status == "" {
		o.Status = OrgActive
	}
	if o.Status != OrgMerged {
		o.MergedIntoID = nil
	}
	if id, msg := NormalizeRegistryID(o.Country, o.RegistryID); msg == "" {
		o.RegistryID = id
	}
	o.VerifiedAt = dayOf(o.VerifiedAt)
}

func (o *Organisation) validateStatus(f apperr.Fields) {
	if o.Status != "" && !o.Status.Valid() {
		f.Add("status", "validation.choice")
	}
	if o.Status == OrgMerged && o.MergedIntoID == nil {
		f.Add("merged_into", "validation.required")
	}
	if o.MergedIntoID != nil && *o.MergedIntoID == o.ID && o.ID != 0 {
		f.Add("merged_into", "validation.parent_self")
	}
	if _, msg := NormalizeRegistryID(o.Country, o.RegistryID); msg != "" {
		f.Add("registry_id", msg)
	}
}

// OrgWarning is a reason to think an organisation is already in the
// directory: Field and MsgID say why, Other is the existing entry.
type OrgWarning struct {
	Field string
	MsgID string
	Other Organisation
}

// OrganisationWarnings finds other organisations that o may duplicate:
// the same registry identifier ("directory.registry.duplicate"), or the
// same name in any language, ignoring case and accents, in the same
// country ("directory.org.similar_name", a softer warning).
func (s *Service) OrganisationWarnings(ctx context.Context, o Organisation) ([]OrgWarning, error) {
	o.Normalize()
	all, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, n := range o.Names {
		if f := lang.Fold(n); f != "" {
			names[f] = true
		}
	}
	var out []OrgWarning
	for _, other := range all {
		if other.ID == o.ID {
			continue
		}
		if o.RegistryID != "" && other.RegistryID == o.RegistryID && other.Country == o.Country {
			out = append(out, OrgWarning{Field: "registry_id", MsgID: "directory.registry.duplicate", Other: other})
			continue
		}
		if other.Country != o.Country {
			continue
		}
		for _, n := range other.Names {
			if names[lang.Fold(n)] {
				out = append(out, OrgWarning{Field: "name", MsgID: "directory.org.similar_name", Other: other})
				break
			}
		}
	}
	return out, nil
}

// staleBefore is the instant before which an entry counts as unverified.
func (s *Service) staleBefore() time.Time { return s.now().Add(-StaleAfter) }

// oldestFirst orders entries by the day they were last verified.
func oldestFirst[T any](xs []T, verified func(T) time.Time) {
	sort.SliceStable(xs, func(i, j int) bool { return verified(xs[i]).Before(verified(xs[j])) })
}

// StaleOrganisations returns the active organisations not verified for
// StaleAfter, oldest first, as Stale does for people.
func (s *Service) StaleOrganisations(ctx context.Context) ([]Organisation, error) {
	all, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	cut := s.staleBefore()
	var out []Organisation
	for _, o := range all {
		if o.Active() && o.VerifiedAt.Before(cut) {
			out = append(out, o)
		}
	}
	oldestFirst(out, func(o Organisation) time.Time { return o.VerifiedAt })
	return out, nil
}

// VerifyOrganisation records that organisation id (at version) was
// checked today by actor.
func (s *Service) VerifyOrganisation(ctx context.Context, actor audit.Actor, id int64, version int) (Organisation, error) {
	o, err := s.store.OrganisationByID(ctx, id)
	if err != nil {
		return Organisation{}, err
	}
	old := o
	o.VerifiedAt, o.VerifiedBy, o.Version = s.Today(), actor.Email, version
	name, _ := o.Name(lang.EN)
	err = s.store.UpdateOrganisation(ctx, &o, entry(actor, ActionOrgVerify, RecordOrganisation, o.ID, name, orgFields(old), orgFields(o)))
	return o, err
}

// PickableOrganisations are the organisations a form may offer to choose
// from: every one but those merged into another.
func (s *Service) PickableOrganisations(ctx context.Context) ([]Organisation, error) {
	all, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(o Organisation) bool { return o.Status == OrgMerged }), nil
}
