// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type organisationRow struct {
	ID           int64
	Slug         string
	OriginalLang string
	Abbreviation string
	Country      string
	Type         string
	Website      string
	ParentID     *int64
	Switchboard  string
	Address      string
	RegistryID   string
	Status       string
	MergedIntoID *int64
	VerifiedAt   string
	VerifiedBy   string
	Search       string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (organisationRow) TableName() string { return "organisations" }

type organisationNameRow struct {
	OrganisationID int64  `gorm:"primaryKey"`
	Lang           string `gorm:"primaryKey"`
	Name           string
}

func (organisationNameRow) TableName() string { return "organisation_names" }

type networkRow struct {
	ID            int64
	Slug          string
	OriginalLang  string
	Abbreviation  string
	Website       string
	SecretariatID *int64
	Status        string
	MergedIntoID  *int64
	Search        string
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (networkRow) TableName() string { return "networks" }

type networkTextRow struct {
	NetworkID   int64  `gorm:"primaryKey"`
	Lang        string `gorm:"primaryKey"`
	Name        string
	Description string
	ParentBody  string
}

func (networkTextRow) TableName() string { return "network_texts" }

// ListOrganisations returns all organisations ordered by slug.
func (db *DB) ListOrganisations(ctx context.Context) ([]directory.Organisation, error) {
	return db.organisations(db.gorm.WithContext(ctx).Order("slug"))
}

// OrganisationBySlug returns the organisation with slug or NotFound.
func (db *DB) OrganisationBySlug(ctx context.Context, slug string) (directory.Organisation, error) {
	os, err := db.organisations(db.gorm.WithContext(ctx).Where("slug = ?", slug))
	if err != nil {
		return directory.Organisation{}, err
	}
	if len(os) == 0 {
		return directory.Organisation{}, mapErr(gorm.ErrRecordNotFound, "error.not_found")
	}
	return os[0], nil
}

// organisationsByID loads the organisations with the given IDs, keyed by ID.
func (db *DB) organisationsByID(tx *gorm.DB, ids []int64) (map[int64]directory.Organisation, error) {
	return byID(ids, func(part []int64) ([]directory.Organisation, error) {
		return db.organisations(tx.Where("id IN ?", part))
	}, func(o directory.Organisation) int64 { return o.ID })
}

// byID loads the records with ids in chunks and keys them by ID.
func byID[T any](ids []int64, load func([]int64) ([]T, error), id func(T) int64) (map[int64]T, error) {
	out := make(map[int64]T, len(ids))
	for _, part := range chunks(ids, 500) {
		recs, err := load(part)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			out[id(r)] = r
		}
	}
	return out, nil
}

func (db *DB) organisations(q *gorm.DB) ([]directory.Organisation, error) {
	var rows []organisationRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	names := map[int64]lang.Texts{}
	for _, part := range chunks(ids, 500) {
		var nrows []organisationNameRow
		if err := q.Session(&gorm.Session{NewDB: true}).Where("organisation_id IN ?", part).Find(&nrows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, n := range nrows {
			if names[n.OrganisationID] == nil {
				names[n.OrganisationID] = lang.Texts{}
			}
			names[n.OrganisationID][lang.Code(n.Lang)] = n.Name
		}
	}
	out := make([]directory.Organisation, len(rows))
	for i, r := range rows {
		out[i] = directory.Organisation{
			ID: r.ID, Slug: r.Slug, Names: names[r.ID], OriginalLang: lang.Code(r.OriginalLang),
			Abbreviation: r.Abbreviation, Country: directory.Country(r.Country), Type: directory.OrgType(r.Type),
			Website: r.Website, ParentID: r.ParentID, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
			Switchboard: r.Switchboard, Address: r.Address, Version: r.Version,
			RegistryID: r.RegistryID, Status: directory.OrgStatus(r.Status), MergedIntoID: r.MergedIntoID,
			VerifiedAt: parseDateText(r.VerifiedAt), VerifiedBy: r.VerifiedBy,
		}
	}
	return out, nil
}

// CreateOrganisation stores o with its names in one transaction.
func (db *DB) CreateOrganisation(ctx context.Context, o *directory.Organisation) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return createOrganisation(tx, o) })
	return mapErr(err, "error.not_found")
}

// createOrganisation stores o with its names in tx and sets its ID.
func createOrganisation(tx *gorm.DB, o *directory.Organisation) error {
	row := toOrgRow(o)
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	for l, n := range o.Names {
		if n == "" {
			continue
		}
		if err := tx.Create(&organisationNameRow{OrganisationID: row.ID, Lang: string(l), Name: n}).Error; err != nil {
			return err
		}
	}
	o.ID, o.CreatedAt, o.UpdatedAt, o.Version = row.ID, row.CreatedAt, row.UpdatedAt, row.Version
	return nil
}

// ListNetworks returns all networks ordered by slug.
func (db *DB) ListNetworks(ctx context.Context) ([]directory.Network, error) {
	return db.networks(db.gorm.WithContext(ctx).Order("slug"))
}

// NetworkBySlug returns the network with slug or NotFound.
func (db *DB) NetworkBySlug(ctx context.Context, slug string) (directory.Network, error) {
	ns, err := db.networks(db.gorm.WithContext(ctx).Where("slug = ?", slug))
	if err != nil {
		return directory.Network{}, err
	}
	if len(ns) == 0 {
		return directory.Network{}, mapErr(gorm.ErrRecordNotFound, "error.not_found")
	}
	return ns[0], nil
}

func (db *DB) networksByID(tx *gorm.DB, ids []int64) (map[int64]directory.Network, error) {
	return byID(ids, func(part []int64) ([]directory.Network, error) {
		return db.networks(tx.Where("id IN ?", part))
	}, func(n directory.Network) int64 { return n.ID })
}

func (db *DB) networks(q *gorm.DB) ([]directory.Network, error) {
	var rows []networkRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	names, descs, parents := map[int64]lang.Texts{}, map[int64]lang.Texts{}, map[int64]lang.Texts{}
	for _, part := range chunks(ids, 500) {
		var trows []networkTextRow
		if err := q.Session(&gorm.Session{NewDB: true}).Where("network_id IN ?", part).Find(&trows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, t := range trows {
			if names[t.NetworkID] == nil {
				names[t.NetworkID], descs[t.NetworkID], parents[t.NetworkID] = lang.Texts{}, lang.Texts{}, lang.Texts{}
			}
			names[t.NetworkID][lang.Code(t.Lang)] = t.Name
			descs[t.NetworkID][lang.Code(t.Lang)] = t.Description
			if t.ParentBody != "" {
				parents[t.NetworkID][lang.Code(t.Lang)] = t.ParentBody
			}
		}
	}
	out := make([]directory.Network, len(rows))
	for i, r := range rows {
		out[i] = directory.Network{
			ID: r.ID, Slug: r.Slug, Names: names[r.ID], Descriptions: descs[r.ID], OriginalLang: lang.Code(r.OriginalLang),
			Abbreviation: r.Abbreviation, ParentBodies: parents[r.ID], Website: r.Website,
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
			SecretariatID: r.SecretariatID, Version: r.Version,
			Status: directory.NetworkStatus(r.Status), MergedIntoID: r.MergedIntoID,
		}
	}
	return out, nil
}

// CreateNetwork stores n with its texts in one transaction.
func (db *DB) CreateNetwork(ctx context.Context, n *directory.Network) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return createNetwork(tx, n) }), "error.not_found")
}

// createNetwork stores n with its texts in tx and sets its ID.
func createNetwork(tx *gorm.DB, n *directory.Network) error {
	status := string(n.Status)
	if status == "" {
		status = string(directory.NetworkActive)
	}
	row := networkRow{
		Slug: n.Slug, OriginalLang: string(n.OriginalLang), Abbreviation: n.Abbreviation,
		Website: n.Website, Version: 1, Status: status,
		SecretariatID: n.SecretariatID, Search: networkSearch(*n),
	}
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	if err := putNetworkTexts(tx, row.ID, *n); err != nil {
		return err
	}
	n.ID, n.CreatedAt, n.UpdatedAt, n.Version, n.Status = row.ID, row.CreatedAt.UTC(), row.UpdatedAt.UTC(), row.Version, directory.NetworkStatus(status)
	return nil
}

// putNetworkTexts replaces the texts of network id with n's.
func putNetworkTexts(tx *gorm.DB, id int64, n directory.Network) error {
	if err := tx.Where("network_id = ?", id).Delete(&networkTextRow{}).Error; err != nil {
		return err
	}
	for _, l := range lang.All {
		if n.Names[l] == "" && n.Descriptions[l] == "" && n.ParentBodies[l] == "" {
			continue
		}
		if err := tx.Create(&networkTextRow{NetworkID: id, Lang: string(l), Name: n.Names[l], Description: n.Descriptions[l],
			ParentBody: n.ParentBodies[l]}).Error; err != nil {
			return err
		}
	}
	return nil
}

// toOrgRow is the row of a new organisation o (version 1).
func toOrgRow(o *directory.Organisation) organisationRow {
	status := o.Status
	if status == "" {
		status = directory.OrgActive
	}
	return organisationRow{Slug: o.Slug, OriginalLang: string(o.OriginalLang), Abbreviation: o.Abbreviation,
		Country: string(o.Country), Type: string(o.Type), Website: o.Website, ParentID: o.ParentID, Version: 1,
		Switchboard: o.Switchboard, Address: o.Address, Search: orgSearch(*o), RegistryID: o.RegistryID,
		Status: string(status), MergedIntoID: o.MergedIntoID, VerifiedAt: dateText(o.VerifiedAt), VerifiedBy: o.VerifiedBy}
}
