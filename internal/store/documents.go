// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/directory"
)

// ListMembers returns the memberships matching q.
func (db *DB) ListMembers(ctx context.Context, q directory.MemberQuery) ([]directory.Member, error) {
	tx := db.gorm.WithContext(ctx).Model(&memberRow{})
	if q.NetworkID != 0 {
		tx = tx.Where("network_id = ?", q.NetworkID)
	}
	if q.PersonID != 0 {
		tx = tx.Where("person_id = ?", q.PersonID)
	}
	if q.OrganisationID != 0 {
		tx = tx.Where("organisation_id = ?", q.OrganisationID)
	}
	var rows []memberRow
	if err := tx.Order("network_id, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]directory.Member, len(rows))
	for i, r := range rows {
		out[i] = directory.Member{ID: r.ID, NetworkID: r.NetworkID, OrganisationID: r.OrganisationID, PersonID: r.PersonID,
			Role: directory.MemberRole(r.Role)}
	}
	return out, nil
}

// AddMember stores a membership.
func (db *DB) AddMember(ctx context.Context, m *directory.Member) error {
	r := memberRow{NetworkID: m.NetworkID, OrganisationID: m.OrganisationID, PersonID: m.PersonID, Role: string(m.Role)}
	if err := db.gorm.WithContext(ctx).Create(&r).Error; err != nil {
		return mapErr(err, "error.not_found")
	}
	m.ID = r.ID
	return nil
}

// ListDocuments returns the documents matching q, newest first.
func (db *DB) ListDocuments(ctx context.Context, q directory.DocumentQuery) ([]directory.Document, error) {
	tx := window(whereDocuments(db.gorm.WithContext(ctx).Model(&documentRow{}), q), q.Limit, q.Offset)
	var rows []documentRow
	if err := tx.Order("date DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]directory.Document, len(rows))
	for i, r := range rows {
		out[i] = directory.Document{ID: r.ID, Title: r.Title, URL: r.URL, Lang: r.Lang, Country: directory.Country(r.Country),
			OrganisationID: r.OrganisationID, NetworkID: r.NetworkID, Type: directory.DocType(r.Type), Date: parseDateText(r.Date),
			Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	}
	return out, nil
}

// whereDocuments applies q's conditions (not its window) to tx.
func whereDocuments(tx *gorm.DB, q directory.DocumentQuery) *gorm.DB {
	if q.Country != "" {
		tx = tx.Where("country = ?", q.Country)
	}
	if q.Type != "" {
		tx = tx.Where("type = ?", q.Type)
	}
	if q.Lang != "" {
		tx = tx.Where("lang = ?", q.Lang)
	}
	if q.OrganisationID != 0 {
		tx = tx.Where("organisation_id = ?", q.OrganisationID)
	}
	if q.NetworkID != 0 {
		tx = tx.Where("network_id = ?", q.NetworkID)
	}
	for _, w := range directory.QueryTerms(q.Query) {
		tx = tx.Where(`search LIKE ? ESCAPE '\'`, likePattern(w))
	}
	return tx
}

// CreateDocument stores d.
func (db *DB) CreateDocument(ctx context.Context, d *directory.Document) error {
	r := documentRow{Title: d.Title, URL: d.URL, Lang: d.Lang, Country: string(d.Country), OrganisationID: d.OrganisationID,
		NetworkID: d.NetworkID, Type: string(d.Type), Date: dateText(d.Date), Search: d.SearchText(), Version: 1}
	if err := db.gorm.WithContext(ctx).Create(&r).Error; err != nil {
		return mapErr(err, "error.not_found")
	}
	d.ID, d.Version, d.CreatedAt, d.UpdatedAt = r.ID, 1, r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return nil
}
