// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/directory"
)

// window limits a query to limit rows after the first offset; limit 0
// means no limit (and then no offset: SQLite has no OFFSET without LIMIT).
func window(tx *gorm.DB, limit, offset int) *gorm.DB {
	if limit <= 0 {
		return tx
	}
	tx = tx.Limit(limit)
	if offset > 0 {
		tx = tx.Offset(offset)
	}
	return tx
}

// count counts the rows tx selects.
func count(tx *gorm.DB) (int, error) {
	var n int64
	if err := tx.Count(&n).Error; err != nil {
		return 0, mapErr(err, "error.not_found")
	}
	return int(n), nil
}

// CountPeople counts the people ListPeople returns for q.
func (db *DB) CountPeople(ctx context.Context, q directory.PersonQuery) (int, error) {
	tx, none, err := wherePeople(db.gorm.WithContext(ctx).Model(&personRow{}), q)
	if err != nil || none {
		return 0, err
	}
	return count(tx)
}

func whereOrganisations(tx *gorm.DB, q directory.OrganisationQuery) *gorm.DB {
	if q.Country != "" {
		tx = tx.Where("organisations.country = ?", q.Country)
	}
	if q.Type != "" {
		tx = tx.Where("organisations.type = ?", q.Type)
	}
	if q.NetworkID != 0 {
		tx = tx.Where("EXISTS (SELECT 1 FROM network_members m WHERE m.organisation_id = organisations.id AND m.network_id = ?)", q.NetworkID)
	}
	for _, w := range directory.QueryTerms(q.Query) {
		tx = tx.Where(`organisations.search LIKE ? ESCAPE '\'`, likePattern(w))
	}
	return tx
}

// FindOrganisations returns the organisations matching q ordered by slug.
func (db *DB) FindOrganisations(ctx context.Context, q directory.OrganisationQuery) ([]directory.Organisation, error) {
	tx := whereOrganisations(db.gorm.WithContext(ctx).Model(&organisationRow{}), q)
	return db.organisations(window(tx, q.Limit, q.Offset).Order("organisations.slug"))
}

// CountOrganisations counts the organisations matching q.
func (db *DB) CountOrganisations(ctx context.Context, q directory.OrganisationQuery) (int, error) {
	return count(whereOrganisations(db.gorm.WithContext(ctx).Model(&organisationRow{}), q))
}

func whereNetworks(tx *gorm.DB, q directory.NetworkQuery) *gorm.DB {
	if q.OrganisationID != 0 {
		tx = tx.Where("EXISTS (SELECT 1 FROM network_members m WHERE m.network_id = networks.id AND m.organisation_id = ?)", q.OrganisationID)
	}
	for _, w := range directory.QueryTerms(q.Query) {
		tx = tx.Where(`networks.search LIKE ? ESCAPE '\'`, likePattern(w))
	}
	return tx
}

// FindNetworks returns the networks matching q ordered by slug.
func (db *DB) FindNetworks(ctx context.Context, q directory.NetworkQuery) ([]directory.Network, error) {
	tx := whereNetworks(db.gorm.WithContext(ctx).Model(&networkRow{}), q)
	return db.networks(window(tx, q.Limit, q.Offset).Order("networks.slug"))
}

// CountNetworks counts the networks matching q.
func (db *DB) CountNetworks(ctx context.Context, q directory.NetworkQuery) (int, error) {
	return count(whereNetworks(db.gorm.WithContext(ctx).Model(&networkRow{}), q))
}

// CountDocuments counts the documents ListDocuments returns for q.
func (db *DB) CountDocuments(ctx context.Context, q directory.DocumentQuery) (int, error) {
	return count(whereDocuments(db.gorm.WithContext(ctx).Model(&documentRow{}), q))
}
