// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// Documents are stored in the database, uploaded PDFs too
// (document_files.content): every instance of a PostgreSQL deployment sees
// the same files without a shared file system, a backup of the database
// (nordcal backup, pg_dump) holds them, and a file is written in the same
// transaction as its document and audit entry. The files are few and
// small (a size limit, default 20 MB) next to what either database holds
// comfortably; lists never read the content column.

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
		out[i] = memberOf(r)
	}
	return out, nil
}

// AddMember stores a membership.
func (db *DB) AddMember(ctx context.Context, m *directory.Member) error {
	return mapErr(addMember(db.gorm.WithContext(ctx), m), "error.not_found")
}

// ListDocuments returns the documents matching q, newest first.
func (db *DB) ListDocuments(ctx context.Context, q directory.DocumentQuery) ([]directory.Document, error) {
	tx := window(whereDocuments(db.gorm.WithContext(ctx).Model(&documentRow{}), q), q.Limit, q.Offset)
	return db.documents(tx.Order("date DESC, id DESC"))
}

// whereDocuments applies q's conditions (not its window) to tx.
func whereDocuments(tx *gorm.DB, q directory.DocumentQuery) *gorm.DB {
	if !q.Archived {
		tx = tx.Where("status = ?", string(directory.DocActive))
	}
	if q.Country != "" {
		tx = tx.Where("country = ?", q.Country)
	}
	if q.Type != "" {
		tx = tx.Where("type = ?", q.Type)
	}
	if q.Lang != "" {
		tx = tx.Where("id IN (SELECT document_id FROM document_languages WHERE lang = ?)", q.Lang)
	}
	if q.Topic != "" {
		tx = tx.Where("id IN (SELECT document_id FROM document_topics WHERE topic = ?)", q.Topic)
	}
	if q.Year != 0 {
		tx = tx.Where("date >= ? AND date <= ?", fmt.Sprintf("%04d-01-01", q.Year), fmt.Sprintf("%04d-12-31", q.Year))
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

// documents loads the documents q selects with their texts, languages,
// topics and file details (not the content).
func (db *DB) documents(q *gorm.DB) ([]directory.Document, error) {
	var rows []documentRow
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
	titles, summaries := map[int64]lang.Texts{}, map[int64]lang.Texts{}
	langs, topics := map[int64][]string{}, map[int64][]string{}
	files := map[int64]*directory.DocumentFile{}
	fresh := q.Session(&gorm.Session{NewDB: true})
	for _, part := range chunks(ids, 500) {
		var trows []documentTextRow
		if err := fresh.Where("document_id IN ?", part).Find(&trows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, t := range trows {
			if titles[t.DocumentID] == nil {
				titles[t.DocumentID], summaries[t.DocumentID] = lang.Texts{}, lang.Texts{}
			}
			if t.Title != "" {
				titles[t.DocumentID][lang.Code(t.Lang)] = t.Title
			}
			if t.Summary != "" {
				summaries[t.DocumentID][lang.Code(t.Lang)] = t.Summary
			}
		}
		var lrows []documentLanguageRow
		if err := fresh.Where("document_id IN ?", part).Order("position, lang").Find(&lrows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, l := range lrows {
			langs[l.DocumentID] = append(langs[l.DocumentID], l.Lang)
		}
		var prows []documentTopicRow
		if err := fresh.Where("document_id IN ?", part).Order("topic").Find(&prows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, p := range prows {
			topics[p.DocumentID] = append(topics[p.DocumentID], p.Topic)
		}
		var frows []documentFileRow
		if err := fresh.Select("document_id", "filename", "size", "sha256", "created_at").
			Where("document_id IN ?", part).Find(&frows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, f := range frows {
			files[f.DocumentID] = &directory.DocumentFile{Name: f.Filename, Size: f.Size, SHA256: f.SHA256}
		}
	}
	out := make([]directory.Document, len(rows))
	for i, r := range rows {
		d := directory.Document{ID: r.ID, Titles: titles[r.ID], Summaries: summaries[r.ID], OriginalLang: lang.Code(r.OriginalLang),
			Title: r.Title, Lang: r.Lang, Languages: langs[r.ID], URL: r.URL, File: files[r.ID], Country: directory.Country(r.Country),
			OrganisationID: r.OrganisationID, NetworkID: r.NetworkID, Type: directory.DocType(r.Type), Topics: topics[r.ID],
			Date: parseDateText(r.Date), Status: directory.DocStatus(r.Status),
			Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
		if d.Titles == nil {
			d.Titles = lang.Texts{}
		}
		if d.Summaries == nil {
			d.Summaries = lang.Texts{}
		}
		out[i] = d
	}
	return out, nil
}

// DocumentByID returns document id (without file content) or NotFound.
func (db *DB) DocumentByID(ctx context.Context, id int64) (directory.Document, error) {
	return one(db.documents(db.gorm.WithContext(ctx).Where("id = ?", id)))
}

// DocumentFile returns document id's file with its content, or NotFound.
func (db *DB) DocumentFile(ctx context.Context, id int64) (directory.DocumentFile, error) {
	var f documentFileRow
	if err := db.gorm.WithContext(ctx).Where("document_id = ?", id).Take(&f).Error; err != nil {
		return directory.DocumentFile{}, mapErr(err, "error.not_found")
	}
	return directory.DocumentFile{Name: f.Filename, Size: f.Size, SHA256: f.SHA256, Content: f.Content}, nil
}

// CreateDocument stores d without an audit entry (the demo data set).
func (db *DB) CreateDocument(ctx context.Context, d *directory.Document) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return db.createDocument(tx, d) }), "error.not_found")
}

// CreateDocumentAudited stores d, its parts and its audit entry in one transaction.
func (db *DB) CreateDocumentAudited(ctx context.Context, d *directory.Document, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := db.createDocument(tx, d); err != nil {
			return err
		}
		e.RecordID = d.ID
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

func (db *DB) createDocument(tx *gorm.DB, d *directory.Document) error {
	status := string(d.Status)
	if status == "" {
		status = string(directory.DocActive)
	}
	r := documentRow{Title: d.Title, URL: d.URL, Lang: d.Lang, Country: string(d.Country), OrganisationID: d.OrganisationID,
		NetworkID: d.NetworkID, Type: string(d.Type), Date: dateText(d.Date), OriginalLang: string(d.OriginalLang),
		Status: status, Search: d.SearchText(), Version: 1}
	if err := tx.Create(&r).Error; err != nil {
		return err
	}
	if err := db.putDocumentParts(tx, r.ID, *d); err != nil {
		return err
	}
	d.ID, d.Version, d.CreatedAt, d.UpdatedAt, d.Status = r.ID, 1, r.CreatedAt.UTC(), r.UpdatedAt.UTC(), directory.DocStatus(status)
	return nil
}

// putDocumentParts replaces the texts, languages and topics of document id
// with d's, and its file as UpdateDocument describes.
func (db *DB) putDocumentParts(tx *gorm.DB, id int64, d directory.Document) error {
	for _, m := range []any{&documentTextRow{}, &documentLanguageRow{}, &documentTopicRow{}} {
		if err := tx.Where("document_id = ?", id).Delete(m).Error; err != nil {
			return err
		}
	}
	for _, l := range lang.All {
		if d.Titles[l] == "" && d.Summaries[l] == "" {
			continue
		}
		if err := tx.Create(&documentTextRow{DocumentID: id, Lang: string(l), Title: d.Titles[l], Summary: d.Summaries[l]}).Error; err != nil {
			return err
		}
	}
	seen := []string{}
	for i, l := range d.Languages {
		if slices.Contains(seen, l) {
			continue
		}
		seen = append(seen, l)
		if err := tx.Create(&documentLanguageRow{DocumentID: id, Lang: l, Position: i}).Error; err != nil {
			return err
		}
	}
	for _, t := range d.Topics {
		if err := tx.Create(&documentTopicRow{DocumentID: id, Topic: t}).Error; err != nil {
			return err
		}
	}
	switch {
	case d.File == nil:
		return tx.Where("document_id = ?", id).Delete(&documentFileRow{}).Error
	case d.File.Content != nil:
		if err := tx.Where("document_id = ?", id).Delete(&documentFileRow{}).Error; err != nil {
			return err
		}
		return tx.Create(&documentFileRow{DocumentID: id, Filename: d.File.Name, Size: d.File.Size, SHA256: d.File.SHA256,
			Content: d.File.Content, CreatedAt: db.gorm.NowFunc()}).Error
	}
	return nil
}

// UpdateDocument stores d with the version check and its audit entry.
func (db *DB) UpdateDocument(ctx context.Context, d *directory.Document, e audit.Entry) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&documentRow{}).Where("id = ? AND version = ?", d.ID, d.Version).Updates(map[string]any{
			"title": d.Title, "url": d.URL, "lang": d.Lang, "country": string(d.Country), "organisation_id": d.OrganisationID,
			"network_id": d.NetworkID, "type": string(d.Type), "date": dateText(d.Date), "original_lang": string(d.OriginalLang),
			"status": string(d.Status), "search": d.SearchText(), "version": gorm.Expr("version + 1"), "updated_at": now,
		})
		if err := checkVersion(tx, res, &documentRow{}, d.ID); err != nil {
			return err
		}
		if err := db.putDocumentParts(tx, d.ID, *d); err != nil {
			return err
		}
		return db.appendAudit(tx, e)
	})
	if err != nil {
		return mapErr(err, "error.not_found")
	}
	d.Version++
	d.UpdatedAt = now
	return nil
}

// Attachments returns the attachments of an event (or of a document).
func (db *DB) Attachments(ctx context.Context, eventID, docID int64) ([]directory.Attachment, error) {
	g := db.gorm.WithContext(ctx)
	tx := g.Model(&eventDocumentRow{})
	if eventID != 0 {
		tx = tx.Where("event_id = ?", eventID)
	}
	if docID != 0 {
		tx = tx.Where("document_id = ?", docID)
	}
	var rows []eventDocumentRow
	if err := tx.Order("event_id, position, document_id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.DocumentID)
	}
	docs, err := byID(ids, func(part []int64) ([]directory.Document, error) {
		return db.documents(g.Where("id IN ?", part))
	}, func(d directory.Document) int64 { return d.ID })
	if err != nil {
		return nil, err
	}
	out := make([]directory.Attachment, 0, len(rows))
	for _, r := range rows {
		out = append(out, directory.Attachment{EventID: r.EventID, DocumentID: r.DocumentID,
			Role: directory.AttachmentRole(r.Role), Document: docs[r.DocumentID]})
	}
	return out, nil
}

// Attach stores an attachment (or changes its role) and its audit entry.
// Only event_documents is written: the event's own fields stay with the
// calendar's one write path (SaveEvents); the table's triggers move the
// change stamp, so the cached event page is rendered afresh.
func (db *DB) Attach(ctx context.Context, a directory.Attachment, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&eventDocumentRow{}).Where("event_id = ? AND document_id = ?", a.EventID, a.DocumentID).
			Update("role", string(a.Role))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			var next int
			if err := tx.Raw("SELECT COALESCE(MAX(position), -1) + 1 FROM event_documents WHERE event_id = ?", a.EventID).
				Scan(&next).Error; err != nil {
				return err
			}
			if err := tx.Create(&eventDocumentRow{EventID: a.EventID, DocumentID: a.DocumentID, Role: string(a.Role), Position: next}).Error; err != nil {
				return err
			}
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}

// Detach removes an attachment and stores its audit entry.
func (db *DB) Detach(ctx context.Context, eventID, docID int64, e audit.Entry) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("event_id = ? AND document_id = ?", eventID, docID).Delete(&eventDocumentRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.NotFound, "error.not_found")
		}
		return db.appendAudit(tx, e)
	}), "error.not_found")
}
