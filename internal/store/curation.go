// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// OrganisationByID returns organisation id or NotFound.
func (db *DB) OrganisationByID(ctx context.Context, id int64) (directory.Organisation, error) {
	os, err := db.organisations(db.gorm.WithContext(ctx).Where("id = ?", id))
	if err != nil {
		return directory.Organisation{}, err
	}
	if len(os) == 0 {
		return directory.Organisation{}, mapErr(gorm.ErrRecordNotFound, "error.not_found")
	}
	return os[0], nil
}

func searchTerms(tx *gorm.DB, col string, terms []string, limit int) *gorm.DB {
	for _, w := range terms {
		tx = tx.Where(col+` LIKE ? ESCAPE '\'`, likePattern(w))
	}
	if limit > 0 {
		tx = tx.Limit(limit)
	}
	return tx.Order("slug")
}

// SearchOrganisations returns the organisations matching every term.
func (db *DB) SearchOrganisations(ctx context.Context, terms []string, limit int) ([]directory.Organisation, error) {
	return db.organisations(searchTerms(db.gorm.WithContext(ctx), "search", terms, limit))
}

// SearchNetworks returns the networks matching every term.
func (db *DB) SearchNetworks(ctx context.Context, terms []string, limit int) ([]directory.Network, error) {
	return db.networks(searchTerms(db.gorm.WithContext(ctx), "search", terms, limit))
}

func (db *DB) createOrganisation(tx *gorm.DB, o *directory.Organisation, e audit.Entry) error {
	row := toOrgRow(o)
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	if err := db.putOrgNames(tx, row.ID, o.Names); err != nil {
		return err
	}
	e.RecordID = row.ID
	if err := db.appendAudit(tx, e); err != nil {
		return err
	}
	o.ID, o.Version, o.CreatedAt, o.UpdatedAt = row.ID, 1, row.CreatedAt.UTC(), row.UpdatedAt.UTC()
	return nil
}

func (db *DB) putOrgNames(tx *gorm.DB, id int64, names lang.Texts) error {
	return putTexts(tx, "organisation_id", id, names, func(l lang.Code, n string) organisationNameRow {
		return organisationNameRow{OrganisationID: id, Lang: string(l), Name: n}
	})
}

func (db *DB) updateOrganisation(tx *gorm.DB, o *directory.Organisation, e audit.Entry) error {
	now := db.gorm.NowFunc()
	r := toOrgRow(o)
	res := tx.Model(&organisationRow{}).Where("id = ? AND version = ?", o.ID, o.Version).Updates(map[string]any{
		"slug": o.Slug, "original_lang": string(o.OriginalLang), "abbreviation": o.Abbreviation,
		"country": string(o.Country), "type": string(o.Type), "website": o.Website, "parent_id": o.ParentID,
		"switchboard": o.Switchboard, "address": o.Address, "search": orgSearch(*o),
		"registry_id": o.RegistryID, "status": string(r.Status), "merged_into_id": o.MergedIntoID,
		"verified_at": r.VerifiedAt, "verified_by": o.VerifiedBy,
		"version": gorm.Expr("version + 1"), "updated_at": now,
	})
	if err := checkVersion(tx, res, &organisationRow{}, o.ID); err != nil {
		return err
	}
	if err := db.putOrgNames(tx, o.ID, o.Names); err != nil {
		return err
	}
	if err := db.appendAudit(tx, e); err != nil {
		return err
	}
	o.Version++
	o.UpdatedAt = now
	return nil
}

// CreateOrganisationAudited stores o, its names and its audit entry in one transaction.
func (db *DB) CreateOrganisationAudited(ctx context.Context, o *directory.Organisation, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return db.createOrganisation(tx, o, e)
	}), "error.not_found")
}

// UpdateOrganisation stores o with the version check and its audit entry.
func (db *DB) UpdateOrganisation(ctx context.Context, o *directory.Organisation, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return db.updateOrganisation(tx, o, e)
	}), "error.not_found")
}

// orgReferences are the places that refer to an organisation.
var orgReferences = []string{
	"SELECT COUNT(*) FROM event_organisers WHERE organisation_id = ?",
	"SELECT COUNT(*) FROM people WHERE organisation_id = ?",
	"SELECT COUNT(*) FROM organisations WHERE parent_id = ?",
	"SELECT COUNT(*) FROM network_members WHERE organisation_id = ?",
	"SELECT COUNT(*) FROM documents WHERE organisation_id = ?",
	"SELECT COUNT(*) FROM networks WHERE secretariat_id = ?",
	"SELECT COUNT(*) FROM organisations WHERE merged_into_id = ?",
	"SELECT COUNT(*) FROM directory_roles WHERE organisation_id = ?",
}

// DeleteOrganisation removes an organisation nothing refers to.
func (db *DB) DeleteOrganisation(ctx context.Context, id int64, version int, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, q := range orgReferences {
			var n int64
			if err := tx.Raw(q, id).Scan(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return apperr.New(apperr.Conflict, "directory.org.in_use")
			}
		}
		res := tx.Where("id = ? AND version = ?", id, version).Delete(&organisationRow{})
		if err := checkVersion(tx, res, &organisationRow{}, id); err != nil {
			return err
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// MergeOrganisations moves every reference from drop to keep and deletes drop.
func (db *DB) MergeOrganisations(ctx context.Context, keep, drop int64, dropVersion int, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&organisationRow{}).Where("id = ? AND version = ?", drop, dropVersion).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.Conflict, "error.conflict.version")
		}
		stmts := []struct {
			sql  string
			args []any
		}{
			{"DELETE FROM event_organisers WHERE organisation_id = ? AND event_id IN (SELECT event_id FROM event_organisers WHERE organisation_id = ?)", []any{drop, keep}},
			{"UPDATE event_organisers SET organisation_id = ? WHERE organisation_id = ?", []any{keep, drop}},
			{"DELETE FROM network_members WHERE organisation_id = ? AND network_id IN (SELECT network_id FROM network_members WHERE organisation_id = ?)", []any{drop, keep}},
			{"UPDATE network_members SET organisation_id = ? WHERE organisation_id = ?", []any{keep, drop}},
			{"UPDATE people SET organisation_id = ? WHERE organisation_id = ?", []any{keep, drop}},
			{"UPDATE organisations SET parent_id = ? WHERE parent_id = ? AND id <> ?", []any{keep, drop, keep}},
			{"UPDATE organisations SET parent_id = NULL WHERE id = ? AND parent_id = ?", []any{keep, drop}},
			{"UPDATE documents SET organisation_id = ? WHERE organisation_id = ?", []any{keep, drop}},
			{"UPDATE networks SET secretariat_id = ? WHERE secretariat_id = ?", []any{keep, drop}},
			{"UPDATE organisations SET merged_into_id = ? WHERE merged_into_id = ? AND id <> ?", []any{keep, drop, keep}},
			{"UPDATE directory_roles SET organisation_id = ? WHERE organisation_id = ?", []any{keep, drop}},
			{"UPDATE organisations SET merged_into_id = NULL, status = 'active' WHERE id = ? AND merged_into_id = ?", []any{keep, drop}},
			{"DELETE FROM organisations WHERE id = ?", []any{drop}},
			// Feeds are cached by the latest change; the merged organisation changed.
			{"UPDATE organisations SET version = version + 1, updated_at = ? WHERE id = ?", []any{db.gorm.NowFunc(), keep}},
		}
		for _, s := range stmts {
			if err := tx.Exec(s.sql, s.args...).Error; err != nil {
				return err
			}
		}
		var k int64
		if err := tx.Model(&organisationRow{}).Where("id = ?", keep).Count(&k).Error; err != nil {
			return err
		}
		if k == 0 {
			return gorm.ErrRecordNotFound
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// ApplyImport stores every create and update of plan in one transaction.
func (db *DB) ApplyImport(ctx context.Context, plan directory.ImportPlan, actor audit.Actor) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		created := map[string]int64{}
		for _, r := range plan.Rows {
			if r.Action != directory.ImportCreate && r.Action != directory.ImportUpdate {
				continue
			}
			e := r.Entry(actor, plan.Kind)
			var err error
			switch {
			case r.Person != nil:
				p := *r.Person
				if r.Action == directory.ImportCreate {
					err = db.createPerson(tx, &p, e)
				} else {
					err = db.updatePerson(tx, &p, e)
				}
			case r.Organisation != nil:
				o := *r.Organisation
				if o.ParentID == nil && r.ParentSlug != "" {
					id, ok := created[r.ParentSlug]
					if !ok {
						return apperr.New(apperr.Invalid, "directory.import.unknown_organisation")
					}
					o.ParentID = &id
				}
				if r.Action == directory.ImportCreate {
					err = db.createOrganisation(tx, &o, e)
					created[o.Slug] = o.ID
				} else {
					err = db.updateOrganisation(tx, &o, e)
				}
			}
			if err != nil {
				return err
			}
		}
		return nil
	}), "error.not_found")
}
