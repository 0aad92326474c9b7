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
	Search         string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (documentRow) TableName() string { return "documents" }

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
		LegalBasis: string(p.LegalBasis), LegalBasisDate: dateText(p.LegalBasisDate), VerifiedAt: dateText(p.VerifiedAt),
		Search: p.SearchText(), SortKey: p.SortKey(), Version: p.Version}
}

func fromPersonRow(r personRow) directory.Person {
	p := directory.Person{ID: r.ID, GivenName: r.GivenName, FamilyName: r.FamilyName, OriginalLang: lang.Code(r.OriginalLang),
		OrganisationID: r.OrganisationID, Email: r.Email, Phone: r.Phone, Country: directory.Country(r.Country),
		Visibility: directory.Visibility(r.Visibility), LegalBasis: directory.LegalBasis(r.LegalBasis),
		LegalBasisDate: parseDateText(r.LegalBasisDate), VerifiedAt: parseDateText(r.VerifiedAt), Titles: lang.Texts{},
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
	if len(q.Visibilities) == 0 {
		return nil, apperr.Wrap(errNoVisibility)
	}
	tx := db.gorm.WithContext(ctx).Model(&personRow{}).Where("people.visibility IN ?", q.Visibilities)
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			return nil, nil
		}
		tx = tx.Where("people.id IN ?", q.IDs)
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
	if q.Limit > 0 {
		tx = tx.Limit(q.Limit)
	}
	var rows []personRow
	if err := tx.Order("people.sort_key, people.id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	return db.hydratePeople(db.gorm.WithContext(ctx), rows)
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
	if err := tx.Where("person_id = ?", id).Delete(&personTitleRow{}).Error; err != nil {
		return err
	}
	for _, l := range lang.All {
		if t := titles[l]; t != "" {
			if err := tx.Create(&personTitleRow{PersonID: id, Lang: string(l), Title: t}).Error; err != nil {
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
		"legal_basis_date": r.LegalBasisDate, "verified_at": r.VerifiedAt, "search": r.Search, "sort_key": r.SortKey,
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
	row := organisationRow{Slug: o.Slug, OriginalLang: string(o.OriginalLang), Abbreviation: o.Abbreviation,
		Country: string(o.Country), Type: string(o.Type), Website: o.Website, ParentID: o.ParentID, Version: 1,
		Switchboard: o.Switchboard, Address: o.Address, Search: orgSearch(*o)}
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
	if err := tx.Where("organisation_id = ?", id).Delete(&organisationNameRow{}).Error; err != nil {
		return err
	}
	for _, l := range lang.All {
		if n := names[l]; n != "" {
			if err := tx.Create(&organisationNameRow{OrganisationID: id, Lang: string(l), Name: n}).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

func (db *DB) updateOrganisation(tx *gorm.DB, o *directory.Organisation, e audit.Entry) error {
	now := db.gorm.NowFunc()
	res := tx.Model(&organisationRow{}).Where("id = ? AND version = ?", o.ID, o.Version).Updates(map[string]any{
		"slug": o.Slug, "original_lang": string(o.OriginalLang), "abbreviation": o.Abbreviation,
		"country": string(o.Country), "type": string(o.Type), "website": o.Website, "parent_id": o.ParentID,
		"switchboard": o.Switchboard, "address": o.Address, "search": orgSearch(*o),
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
	tx := db.gorm.WithContext(ctx).Model(&documentRow{})
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
	if q.Limit > 0 {
		tx = tx.Limit(q.Limit)
	}
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
