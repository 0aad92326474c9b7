// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type roleRow struct {
	ID             int64
	Slug           string
	OriginalLang   string
	OrganisationID *int64
	Country        string
	Topics         string
	Mailbox        string
	Retired        bool
	Search         string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (roleRow) TableName() string { return "directory_roles" }

type roleTitleRow struct {
	RoleID int64  `gorm:"primaryKey"`
	Lang   string `gorm:"primaryKey"`
	Title  string
}

func (roleTitleRow) TableName() string { return "directory_role_titles" }

type holdingRow struct {
	ID       int64
	RoleID   int64
	PersonID int64
	FromDay  string
	ToDay    string
}

func (holdingRow) TableName() string { return "directory_role_holders" }

func roleSearch(r directory.RoleRecord) string {
	parts := []string{r.Slug, r.Mailbox}
	for _, l := range lang.All {
		parts = append(parts, r.Titles[l])
	}
	return lang.Fold(strings.Join(parts, " "))
}

// ListRoles returns the roles matching q with their holders.
func (db *DB) ListRoles(ctx context.Context, q directory.RoleQuery) ([]directory.RoleRecord, error) {
	tx := db.gorm.WithContext(ctx)
	if !q.IncludeRetired {
		tx = tx.Where("retired = ?", false)
	}
	if q.Country != "" {
		tx = tx.Where("country = ?", string(q.Country))
	}
	if len(q.IDs) > 0 {
		tx = tx.Where("id IN ?", q.IDs)
	}
	return db.roles(searchTerms(tx, "search", directory.QueryTerms(q.Query), q.Limit))
}

// RoleByID returns role id or NotFound.
func (db *DB) RoleByID(ctx context.Context, id int64) (directory.RoleRecord, error) {
	return db.oneRole(db.gorm.WithContext(ctx).Where("id = ?", id))
}

// RoleBySlug returns the role with slug or NotFound.
func (db *DB) RoleBySlug(ctx context.Context, slug string) (directory.RoleRecord, error) {
	return db.oneRole(db.gorm.WithContext(ctx).Where("slug = ?", slug))
}

func (db *DB) oneRole(q *gorm.DB) (directory.RoleRecord, error) {
	rs, err := db.roles(q)
	if err != nil {
		return directory.RoleRecord{}, err
	}
	if len(rs) == 0 {
		return directory.RoleRecord{}, mapErr(gorm.ErrRecordNotFound, "error.not_found")
	}
	return rs[0], nil
}

func (db *DB) roles(q *gorm.DB) ([]directory.RoleRecord, error) {
	var rows []roleRow
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
	titles, holders := map[int64]lang.Texts{}, map[int64][]directory.Holding{}
	for _, part := range chunks(ids, 500) {
		var trows []roleTitleRow
		if err := q.Session(&gorm.Session{NewDB: true}).Where("role_id IN ?", part).Find(&trows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, t := range trows {
			if titles[t.RoleID] == nil {
				titles[t.RoleID] = lang.Texts{}
			}
			titles[t.RoleID][lang.Code(t.Lang)] = t.Title
		}
		var hrows []holdingRow
		if err := q.Session(&gorm.Session{NewDB: true}).Where("role_id IN ?", part).Order("from_day, id").Find(&hrows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, h := range hrows {
			holders[h.RoleID] = append(holders[h.RoleID], directory.Holding{ID: h.ID, RoleID: h.RoleID, PersonID: h.PersonID,
				From: parseDateText(h.FromDay), To: parseDateText(h.ToDay)})
		}
	}
	out := make([]directory.RoleRecord, len(rows))
	for i, r := range rows {
		var topics []string
		if r.Topics != "" {
			topics = strings.Split(r.Topics, ",")
		}
		out[i] = directory.RoleRecord{ID: r.ID, Slug: r.Slug, Titles: titles[r.ID], OriginalLang: lang.Code(r.OriginalLang),
			OrganisationID: r.OrganisationID, Country: directory.Country(r.Country), Topics: topics, Mailbox: r.Mailbox,
			Retired: r.Retired, Holders: holders[r.ID], Version: r.Version}
	}
	return out, nil
}

func (db *DB) putRoleTitles(tx *gorm.DB, id int64, titles lang.Texts) error {
	return putTexts(tx, "role_id", id, titles, func(l lang.Code, t string) roleTitleRow {
		return roleTitleRow{RoleID: id, Lang: string(l), Title: t}
	})
}

// CreateRole stores r with its titles and audit entry.
func (db *DB) CreateRole(ctx context.Context, r *directory.RoleRecord, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := roleRow{Slug: r.Slug, OriginalLang: string(r.OriginalLang), OrganisationID: r.OrganisationID, Country: string(r.Country),
			Topics: strings.Join(r.Topics, ","), Mailbox: r.Mailbox, Search: roleSearch(*r), Version: 1}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := db.putRoleTitles(tx, row.ID, r.Titles); err != nil {
			return err
		}
		e.RecordID = row.ID
		if err := db.appendAudit(tx, e); err != nil {
			return err
		}
		r.ID, r.Version = row.ID, 1
		return nil
	}), "error.not_found")
}

// UpdateRole stores r's fields with the version check.
func (db *DB) UpdateRole(ctx context.Context, r *directory.RoleRecord, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&roleRow{}).Where("id = ? AND version = ?", r.ID, r.Version).Updates(map[string]any{
			"slug": r.Slug, "original_lang": string(r.OriginalLang), "organisation_id": r.OrganisationID, "country": string(r.Country),
			"topics": strings.Join(r.Topics, ","), "mailbox": r.Mailbox, "retired": r.Retired, "search": roleSearch(*r),
			"version": gorm.Expr("version + 1"), "updated_at": db.gorm.NowFunc()})
		if err := checkVersion(tx, res, &roleRow{}, r.ID); err != nil {
			return err
		}
		if err := db.putRoleTitles(tx, r.ID, r.Titles); err != nil {
			return err
		}
		r.Version++
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// RetireRole marks the role retired and ends its current holdings.
func (db *DB) RetireRole(ctx context.Context, id int64, version int, on time.Time, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&roleRow{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"retired": true, "version": gorm.Expr("version + 1"), "updated_at": db.gorm.NowFunc()})
		if err := checkVersion(tx, res, &roleRow{}, id); err != nil {
			return err
		}
		if err := tx.Model(&holdingRow{}).Where("role_id = ? AND to_day = ''", id).Update("to_day", dateText(on)).Error; err != nil {
			return err
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// AddHolding stores h and its audit entry.
func (db *DB) AddHolding(ctx context.Context, h *directory.Holding, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := holdingRow{RoleID: h.RoleID, PersonID: h.PersonID, FromDay: dateText(h.From)}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		h.ID = row.ID
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// EndHolding ends a current holding of role and records e.
func (db *DB) EndHolding(ctx context.Context, role, id int64, to time.Time, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&holdingRow{}).Where("id = ? AND role_id = ? AND to_day = ''", id, role).Update("to_day", dateText(to))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.NotFound, "error.not_found")
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}
