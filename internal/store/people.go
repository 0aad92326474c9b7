// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type personRow struct {
	ID             int64
	GivenName      string
	FamilyName     string
	OriginalLang   string
	OrganisationID *int64
	Email          string
	Phone          string
	Country        string
	Languages      string
	Roles          string
	Visibility     string
	LegalBasis     string
	LegalBasisDate string
	VerifiedAt     string
	VerifiedBy     string
	Search         string
	SortKey        string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (personRow) TableName() string { return "people" }

type personTitleRow struct {
	PersonID int64  `gorm:"primaryKey"`
	Lang     string `gorm:"primaryKey"`
	Title    string
}

func (personTitleRow) TableName() string { return "person_titles" }

type memberRow struct {
	ID             int64
	NetworkID      int64
	OrganisationID *int64
	PersonID       *int64
	Role           string
	FromDate       string
	ToDate         string
}

func (memberRow) TableName() string { return "network_members" }

type documentRow struct {
	ID             int64
	Title          string
	URL            string `gorm:"column:url"`
	Lang           string
	Country        string
	OrganisationID *int64
	NetworkID      *int64
	Type           string
	Date           string
	OriginalLang   string
	Status         string
	Search         string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (documentRow) TableName() string { return "documents" }

type documentTextRow struct {
	DocumentID int64  `gorm:"primaryKey"`
	Lang       string `gorm:"primaryKey"`
	Title      string
	Summary    string
}

func (documentTextRow) TableName() string { return "document_texts" }

type documentLanguageRow struct {
	DocumentID int64  `gorm:"primaryKey"`
	Lang       string `gorm:"primaryKey"`
	Position   int
}

func (documentLanguageRow) TableName() string { return "document_languages" }

type documentTopicRow struct {
	DocumentID int64  `gorm:"primaryKey"`
	Topic      string `gorm:"primaryKey"`
}

func (documentTopicRow) TableName() string { return "document_topics" }

type documentFileRow struct {
	DocumentID int64 `gorm:"primaryKey;autoIncrement:false"`
	Filename   string
	Size       int64
	SHA256     string `gorm:"column:sha256"`
	Content    []byte
	CreatedAt  time.Time
}

func (documentFileRow) TableName() string { return "document_files" }

type eventDocumentRow struct {
	EventID    int64 `gorm:"primaryKey;autoIncrement:false"`
	DocumentID int64 `gorm:"primaryKey;autoIncrement:false"`
	Role       string
	Position   int
}

func (eventDocumentRow) TableName() string { return "event_documents" }

func orgSearch(o directory.Organisation) string {
	parts := []string{o.Slug, o.Abbreviation}
	for _, l := range lang.All {
		parts = append(parts, o.Names[l])
	}
	return lang.Fold(strings.Join(parts, " "))
}

func networkSearch(n directory.Network) string {
	parts := []string{n.Slug, n.Abbreviation}
	for _, l := range lang.All {
		parts = append(parts, n.Names[l])
	}
	return lang.Fold(strings.Join(parts, " "))
}

// backfillSearch fills the search column of organisations and networks
// stored before the directory existed (migration 00005 adds it empty;
// folding needs Go, not SQL).
func (db *DB) backfillSearch(ctx context.Context) error {
	g := db.gorm.WithContext(ctx)
	orgs, err := db.organisations(g.Where("search = ''"))
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if err := g.Model(&organisationRow{}).Where("id = ?", o.ID).Update("search", orgSearch(o)).Error; err != nil {
			return err
		}
	}
	nets, err := db.networks(g.Where("search = ''"))
	if err != nil {
		return err
	}
	for _, n := range nets {
		if err := g.Model(&networkRow{}).Where("id = ?", n.ID).Update("search", networkSearch(n)).Error; err != nil {
			return err
		}
	}
	return nil
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func parseDateText(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func toPersonRow(p *directory.Person) personRow {
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = string(r)
	}
	rs := ""
	if len(roles) > 0 {
		// Leading and trailing commas let a role be matched with LIKE '%,role,%'.
		rs = "," + strings.Join(roles, ",") + ","
	}
	return personRow{ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, OriginalLang: string(p.OriginalLang),
		OrganisationID: p.OrganisationID, Email: p.Email, Phone: p.Phone, Country: string(p.Country),
		Languages: strings.Join(p.Languages, ","), Roles: rs, Visibility: string(p.Visibility),
		LegalBasis: string(p.LegalBasis), LegalBasisDate: dateText(p.LegalBasisDate), VerifiedAt: dateText(p.VerifiedAt), VerifiedBy: p.VerifiedBy,
		Search: p.SearchText(), SortKey: p.SortKey(), Version: p.Version}
}

func fromPersonRow(r personRow) directory.Person {
	p := directory.Person{ID: r.ID, GivenName: r.GivenName, FamilyName: r.FamilyName, OriginalLang: lang.Code(r.OriginalLang),
		OrganisationID: r.OrganisationID, Email: r.Email, Phone: r.Phone, Country: directory.Country(r.Country),
		Visibility: directory.Visibility(r.Visibility), LegalBasis: directory.LegalBasis(r.LegalBasis),
		LegalBasisDate: parseDateText(r.LegalBasisDate), VerifiedAt: parseDateText(r.VerifiedAt), VerifiedBy: r.VerifiedBy, Titles: lang.Texts{},
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.Languages != "" {
		p.Languages = strings.Split(r.Languages, ",")
	}
	for _, s := range strings.Split(strings.Trim(r.Roles, ","), ",") {
		if s != "" {
			p.Roles = append(p.Roles, directory.Role(s))
		}
	}
	return p
}

// ListPeople returns the people matching q ordered by family and given name.
func (db *DB) ListPeople(ctx context.Context, q directory.PersonQuery) ([]directory.Person, error) {
	tx, none, err := wherePeople(db.gorm.WithContext(ctx).Model(&personRow{}), q)
	if err != nil || none {
		return nil, err
	}
	tx = window(tx, q.Limit, q.Offset)
	var rows []personRow
	if err := tx.Order("people.sort_key, people.id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	return db.hydratePeople(db.gorm.WithContext(ctx), rows)
}

// wherePeople applies q's conditions (not its window) to tx; none reports
// that q selects nobody whatever the table holds.
func wherePeople(tx *gorm.DB, q directory.PersonQuery) (_ *gorm.DB, none bool, _ error) {
	if len(q.Visibilities) == 0 {
		return nil, false, apperr.Wrap(errNoVisibility)
	}
	tx = tx.Where("people.visibility IN ?", q.Visibilities)
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			return tx, true, nil
		}
		tx = tx.Where("people.id IN ?", q.IDs)
	}
	if q.OrganisationIDs != nil {
		if len(q.OrganisationIDs) == 0 {
			return tx, true, nil
		}
		tx = tx.Where("people.organisation_id IN ?", q.OrganisationIDs)
	}
	if q.OrganisationID != 0 {
		tx = tx.Where("people.organisation_id = ?", q.OrganisationID)
	}
	if q.Country != "" {
		tx = tx.Where("people.country = ?", q.Country)
	}
	if q.Role != "" {
		tx = tx.Where("people.roles LIKE ?", "%,"+string(q.Role)+",%")
	}
	if q.NetworkID != 0 {
		tx = tx.Where("EXISTS (SELECT 1 FROM network_members m WHERE m.person_id = people.id AND m.network_id = ?)", q.NetworkID)
	}
	if !q.VerifiedBefore.IsZero() {
		tx = tx.Where("people.verified_at < ?", dateText(q.VerifiedBefore))
	}
	for _, w := range directory.QueryTerms(q.Query) {
		tx = tx.Where(`people.search LIKE ? ESCAPE '\'`, likePattern(w))
	}
	return tx, false, nil
}

var errNoVisibility = apperr.New(apperr.Internal, "error.internal")

func (db *DB) hydratePeople(tx *gorm.DB, rows []personRow) ([]directory.Person, error) {
	out := make([]directory.Person, len(rows))
	idx := make(map[int64]int, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = fromPersonRow(r)
		idx[r.ID], ids[i] = i, r.ID
	}
	for _, part := range chunks(ids, 500) {
		var trows []personTitleRow
		if err := tx.Where("person_id IN ?", part).Find(&trows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, t := range trows {
			out[idx[t.PersonID]].Titles[lang.Code(t.Lang)] = t.Title
		}
	}
	return out, nil
}

// PersonByID returns person id, whatever its visibility, or NotFound.
func (db *DB) PersonByID(ctx context.Context, id int64) (directory.Person, error) {
	var r personRow
	if err := db.gorm.WithContext(ctx).Take(&r, "id = ?", id).Error; err != nil {
		return directory.Person{}, mapErr(err, "error.not_found")
	}
	ps, err := db.hydratePeople(db.gorm.WithContext(ctx), []personRow{r})
	if err != nil {
		return directory.Person{}, err
	}
	return ps[0], nil
}

func (db *DB) createPerson(tx *gorm.DB, p *directory.Person, e audit.Entry) error {
	row := toPersonRow(p)
	row.ID, row.Version = 0, 1
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	if err := db.putTitles(tx, row.ID, p.Titles); err != nil {
		return err
	}
	e.RecordID = row.ID
	if err := db.appendAudit(tx, e); err != nil {
		return err
	}
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = row.ID, row.Version, row.CreatedAt.UTC(), row.UpdatedAt.UTC()
	return nil
}

func (db *DB) putTitles(tx *gorm.DB, id int64, titles lang.Texts) error {
	return putTexts(tx, "person_id", id, titles, func(l lang.Code, t string) personTitleRow {
		return personTitleRow{PersonID: id, Lang: string(l), Title: t}
	})
}

// putTexts replaces the per-language rows of record id (keyed by the
// column fk): one row R per language with a non-empty text.
func putTexts[R any](tx *gorm.DB, fk string, id int64, texts lang.Texts, row func(lang.Code, string) R) error {
	var zero R
	if err := tx.Where(fk+" = ?", id).Delete(&zero).Error; err != nil {
		return err
	}
	for _, l := range lang.All {
		if t := texts[l]; t != "" {
			r := row(l, t)
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// checkVersion turns a versioned update that touched no row into NotFound
// (the record is gone) or Conflict (someone saved it meanwhile).
func checkVersion(tx *gorm.DB, res *gorm.DB, model any, id int64) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var n int64
	if err := tx.Model(model).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return gorm.ErrRecordNotFound
	}
	return apperr.New(apperr.Conflict, "error.conflict.version")
}

func (db *DB) updatePerson(tx *gorm.DB, p *directory.Person, e audit.Entry) error {
	r := toPersonRow(p)
	now := db.gorm.NowFunc()
	res := tx.Model(&personRow{}).Where("id = ? AND version = ?", p.ID, p.Version).Updates(map[string]any{
		"given_name": r.GivenName, "family_name": r.FamilyName, "original_lang": r.OriginalLang,
		"organisation_id": r.OrganisationID, "email": r.Email, "phone": r.Phone, "country": r.Country,
		"languages": r.Languages, "roles": r.Roles, "visibility": r.Visibility, "legal_basis": r.LegalBasis,
		"legal_basis_date": r.LegalBasisDate, "verified_at": r.VerifiedAt, "verified_by": r.VerifiedBy, "search": r.Search, "sort_key": r.SortKey,
		"version": gorm.Expr("version + 1"), "updated_at": now,
	})
	if err := checkVersion(tx, res, &personRow{}, p.ID); err != nil {
		return err
	}
	if err := db.putTitles(tx, p.ID, p.Titles); err != nil {
		return err
	}
	if err := db.appendAudit(tx, e); err != nil {
		return err
	}
	p.Version++
	p.UpdatedAt = now
	return nil
}

// CreatePerson stores p and its audit entry in one transaction.
func (db *DB) CreatePerson(ctx context.Context, p *directory.Person, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return db.createPerson(tx, p, e)
	}), "error.not_found")
}

// UpdatePerson stores p with the version check and its audit entry.
func (db *DB) UpdatePerson(ctx context.Context, p *directory.Person, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return db.updatePerson(tx, p, e)
	}), "error.not_found")
}

// ErasePerson deletes person id everywhere and leaves in the audit trail
// only the fact that an erasure happened.
func (db *DB) ErasePerson(ctx context.Context, id int64, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Memberships and titles go by ON DELETE CASCADE.
		res := tx.Where("id = ?", id).Delete(&personRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		ids, err := mergedInto(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Model(&auditRow{}).Where("record_type = ? AND record_id IN ?", directory.RecordPerson, ids).
			Updates(map[string]any{"record_label": "", "changes": "[]"}).Error; err != nil {
			return err
		}
		// Proposals about the person held their data too.
		if err := tx.Model(&proposalRow{}).Where("record_type = ? AND record_id IN ?", directory.RecordPerson, ids).
			Updates(map[string]any{"record_label": "", "changes": "[]", "note": "", "proposer_email": ""}).Error; err != nil {
			return err
		}
		e.RecordLabel, e.Changes = "", nil
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// mergedInto returns id and the IDs of every entry merged into it (and
// into those, recursively), read from the audit trail: their earlier
// entries hold the erased person's data too.
func mergedInto(tx *gorm.DB, id int64) ([]int64, error) {
	out, todo := []int64{id}, []int64{id}
	seen := map[int64]bool{id: true}
	for len(todo) > 0 && len(out) < 1000 {
		var rows []auditRow
		if err := tx.Where("record_type = ? AND action = ? AND record_id IN ?", directory.RecordPerson, directory.ActionPersonMerge, todo).
			Find(&rows).Error; err != nil {
			return nil, err
		}
		todo = nil
		for _, r := range rows {
			var changes []audit.Change
			_ = json.Unmarshal([]byte(r.Changes), &changes)
			for _, c := range changes {
				if c.Field != "merged_from" {
					continue
				}
				if n, err := strconv.ParseInt(c.Before, 10, 64); err == nil && !seen[n] {
					seen[n] = true
					out, todo = append(out, n), append(todo, n)
				}
			}
		}
	}
	return out, nil
}

// MergePeople stores keep, moves drop's memberships to keep and deletes drop.
func (db *DB) MergePeople(ctx context.Context, keep *directory.Person, drop int64, dropVersion int, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&personRow{}).Where("id = ? AND version = ?", drop, dropVersion).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.Conflict, "error.conflict.version")
		}
		if err := tx.Where("person_id = ? AND network_id IN (SELECT network_id FROM network_members WHERE person_id = ?)", drop, keep.ID).
			Delete(&memberRow{}).Error; err != nil {
			return err
		}
		if err := tx.Model(&memberRow{}).Where("person_id = ?", drop).Update("person_id", keep.ID).Error; err != nil {
			return err
		}
		if err := tx.Where("id = ?", drop).Delete(&personRow{}).Error; err != nil {
			return err
		}
		return db.updatePerson(tx, keep, e)
	}), "error.not_found")
}
