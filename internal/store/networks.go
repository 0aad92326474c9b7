// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
)

// The curation of networks and memberships; reading them is in
// directory.go and documents.go.

// NetworkByID returns network id or NotFound.
func (db *DB) NetworkByID(ctx context.Context, id int64) (directory.Network, error) {
	return one(db.networks(db.gorm.WithContext(ctx).Where("id = ?", id)))
}

// one returns the only record of a lookup by key, NotFound when there is none.
func one[T any](recs []T, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	if len(recs) == 0 {
		return zero, mapErr(gorm.ErrRecordNotFound, "error.not_found")
	}
	return recs[0], nil
}

// CreateNetworkAudited stores n, its texts and its audit entry in one transaction.
func (db *DB) CreateNetworkAudited(ctx context.Context, n *directory.Network, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := createNetwork(tx, n); err != nil {
			return err
		}
		e.RecordID = n.ID
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// UpdateNetwork stores n with the version check and its audit entry.
func (db *DB) UpdateNetwork(ctx context.Context, n *directory.Network, e audit.Entry) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&networkRow{}).Where("id = ? AND version = ?", n.ID, n.Version).Updates(map[string]any{
			"slug": n.Slug, "original_lang": string(n.OriginalLang), "abbreviation": n.Abbreviation, "website": n.Website,
			"secretariat_id": n.SecretariatID, "status": string(n.Status), "merged_into_id": n.MergedIntoID,
			"search": networkSearch(*n), "version": gorm.Expr("version + 1"), "updated_at": now,
		})
		if err := checkVersion(tx, res, &networkRow{}, n.ID); err != nil {
			return err
		}
		if err := putNetworkTexts(tx, n.ID, *n); err != nil {
			return err
		}
		return db.appendAudit(tx, e)
	})
	if err != nil {
		return mapErr(err, "error.not_found")
	}
	n.Version++
	n.UpdatedAt = now
	return nil
}

// MergeNetworks moves every reference from drop to keep and marks drop
// merged into keep; drop's row stays, so its old address can redirect.
func (db *DB) MergeNetworks(ctx context.Context, keep, drop int64, dropVersion int, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var k int64
		if err := tx.Model(&networkRow{}).Where("id = ?", keep).Count(&k).Error; err != nil {
			return err
		}
		if k == 0 {
			return gorm.ErrRecordNotFound
		}
		now := db.gorm.NowFunc()
		res := tx.Model(&networkRow{}).Where("id = ? AND version = ?", drop, dropVersion).Updates(map[string]any{
			"status": string(directory.NetworkMerged), "merged_into_id": keep, "version": gorm.Expr("version + 1"), "updated_at": now,
		})
		if err := checkVersion(tx, res, &networkRow{}, drop); err != nil {
			return err
		}
		stmts := []struct {
			sql  string
			args []any
		}{
			{"DELETE FROM event_networks WHERE network_id = ? AND event_id IN (SELECT event_id FROM event_networks WHERE network_id = ?)", []any{drop, keep}},
			{"UPDATE event_networks SET network_id = ? WHERE network_id = ?", []any{keep, drop}},
			// An open membership that keep already has open stays keep's.
			{"DELETE FROM network_members WHERE network_id = ? AND to_date = '' AND organisation_id IN " +
				"(SELECT organisation_id FROM network_members WHERE network_id = ? AND to_date = '' AND organisation_id IS NOT NULL)", []any{drop, keep}},
			{"DELETE FROM network_members WHERE network_id = ? AND to_date = '' AND person_id IN " +
				"(SELECT person_id FROM network_members WHERE network_id = ? AND to_date = '' AND person_id IS NOT NULL)", []any{drop, keep}},
			{"UPDATE network_members SET network_id = ? WHERE network_id = ?", []any{keep, drop}},
			{"UPDATE documents SET network_id = ? WHERE network_id = ?", []any{keep, drop}},
			{"UPDATE networks SET merged_into_id = ? WHERE merged_into_id = ?", []any{keep, drop}},
			// Feeds and pages are cached by the change stamp; keep changed.
			{"UPDATE networks SET version = version + 1, updated_at = ? WHERE id = ?", []any{now, keep}},
		}
		for _, s := range stmts {
			if err := tx.Exec(s.sql, s.args...).Error; err != nil {
				return err
			}
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

func memberOf(r memberRow) directory.Member {
	return directory.Member{ID: r.ID, NetworkID: r.NetworkID, OrganisationID: r.OrganisationID, PersonID: r.PersonID,
		Role: directory.MemberRole(r.Role), From: parseDateText(r.FromDate), To: parseDateText(r.ToDate)}
}

// MemberByID returns membership id or NotFound.
func (db *DB) MemberByID(ctx context.Context, id int64) (directory.Member, error) {
	var r memberRow
	if err := db.gorm.WithContext(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return directory.Member{}, mapErr(err, "error.not_found")
	}
	return memberOf(r), nil
}

// AddMemberAudited stores m and its audit entry in one transaction.
func (db *DB) AddMemberAudited(ctx context.Context, m *directory.Member, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := addMember(tx, m); err != nil {
			return err
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

func addMember(tx *gorm.DB, m *directory.Member) error {
	r := memberRow{NetworkID: m.NetworkID, OrganisationID: m.OrganisationID, PersonID: m.PersonID, Role: string(m.Role),
		FromDate: dateText(m.From), ToDate: dateText(m.To)}
	if err := tx.Create(&r).Error; err != nil {
		return err
	}
	m.ID = r.ID
	return nil
}

// UpdateMember stores m's role and dates and its audit entry.
func (db *DB) UpdateMember(ctx context.Context, m *directory.Member, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&memberRow{}).Where("id = ?", m.ID).Updates(map[string]any{
			"role": string(m.Role), "from_date": dateText(m.From), "to_date": dateText(m.To)})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// DeleteMember removes membership id and stores its audit entry.
func (db *DB) DeleteMember(ctx context.Context, id int64, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(&memberRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.NotFound, "error.not_found")
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}
