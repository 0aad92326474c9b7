// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// Audit actions and record type of documents.
const (
	RecordDocument = "document"

	ActionDocCreate  = "document.create"
	ActionDocUpdate  = "document.update"
	ActionDocArchive = "document.archive"
	ActionDocRestore = "document.restore"
	ActionDocAttach  = "document.attach"
	ActionDocDetach  = "document.detach"
)

// AttachmentRole is what an attached document is for the event.
type AttachmentRole string

// Attachment roles.
const (
	AttachAgenda AttachmentRole = "agenda"
	AttachReport AttachmentRole = "report"
	AttachOther  AttachmentRole = "other"
)

// AttachmentRoles lists the attachment roles in display order.
var AttachmentRoles = []AttachmentRole{AttachAgenda, AttachReport, AttachOther}

// Valid reports whether r is a known attachment role.
func (r AttachmentRole) Valid() bool { return slices.Contains(AttachmentRoles, r) }

// Attachment is a document attached to an event.
type Attachment struct {
	EventID    int64
	DocumentID int64
	Role       AttachmentRole
	// Document is the attached document (without file content).
	Document Document
}

// DocumentStore persists the curation of documents. Every change is stored
// with its audit entry in one transaction.
type DocumentStore interface {
	// DocumentByID returns document id without its file content: NotFound
	// when there is none.
	DocumentByID(ctx context.Context, id int64) (Document, error)
	// DocumentFile returns document id's uploaded file with its content:
	// NotFound when the document is gone or has no file.
	DocumentFile(ctx context.Context, id int64) (DocumentFile, error)
	// CreateDocumentAudited stores d (and d.File with its content) with e;
	// an unknown organisation or network is Invalid.
	CreateDocumentAudited(ctx context.Context, d *Document, e audit.Entry) error
	// UpdateDocument stores d when the stored version is d.Version and
	// increments it: a File with Content replaces the stored file, a nil
	// File removes it, a File without Content keeps it. NotFound, Conflict
	// "error.conflict.version", or Invalid for an unknown reference.
	UpdateDocument(ctx context.Context, d *Document, e audit.Entry) error
	// Attachments returns the documents attached to event eventID (or, with
	// eventID 0, the attachments of document docID), in attachment order.
	Attachments(ctx context.Context, eventID, docID int64) ([]Attachment, error)
	// Attach stores a (replacing the role of an existing attachment of the
	// same document to the same event) with e: Invalid when the event or
	// the document is unknown.
	Attach(ctx context.Context, a Attachment, e audit.Entry) error
	// Detach removes the attachment of docID to eventID with e: NotFound
	// when there is none.
	Detach(ctx context.Context, eventID, docID int64, e audit.Entry) error
}

// maxFileBytes is the upload limit in force.
func (s *Service) maxFileBytes() int64 {
	if s.MaxFileBytes > 0 {
		return s.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

// MaxFile returns the size limit of an uploaded PDF, in bytes.
func (s *Service) MaxFile() int64 { return s.maxFileBytes() }

func docFields(d Document) map[string]string {
	m := map[string]string{"original_lang": string(d.OriginalLang), "languages": strings.Join(d.Languages, ","),
		"url": d.URL, "country": string(d.Country), "publisher": idString(d.OrganisationID), "network": idString(d.NetworkID),
		"type": string(d.Type), "topics": strings.Join(d.Topics, ","), "date": dateString(d.Date), "status": string(d.Status)}
	if d.File != nil {
		m["file"] = d.File.Name + " (" + strconv.FormatInt(d.File.Size, 10) + " B, " + d.File.SHA256[:min(12, len(d.File.SHA256))] + ")"
	}
	for _, l := range lang.All {
		m["title_"+string(l)] = d.Titles[l]
		m["summary_"+string(l)] = d.Summaries[l]
	}
	return m
}

// prepareFile checks an uploaded file's size and fills its size and hash.
func (s *Service) prepareFile(d *Document) error {
	if d.File == nil || d.File.Content == nil {
		return nil
	}
	if int64(len(d.File.Content)) > s.maxFileBytes() {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"file": "validation.file_too_large"}}
	}
	sum := sha256.Sum256(d.File.Content)
	d.File.Size, d.File.SHA256 = int64(len(d.File.Content)), hex.EncodeToString(sum[:])
	d.File.Name = SafeFileName(d.File.Name, "document")
	return nil
}

// AddDocument validates and stores a new document with an audit entry.
func (s *Service) AddDocument(ctx context.Context, actor audit.Actor, d *Document) error {
	d.Status = DocActive
	if err := d.Validate(); err != nil {
		return err
	}
	if err := s.prepareFile(d); err != nil {
		return err
	}
	return s.store.CreateDocumentAudited(ctx, d, entry(actor, ActionDocCreate, RecordDocument, 0, d.Title, nil, docFields(*d)))
}

// SaveDocument stores the edited d (d.Version is the version the editor
// saw). d.File is what the editor chose: a new upload (with Content), the
// stored file (without), or nil for none. The status is kept.
func (s *Service) SaveDocument(ctx context.Context, actor audit.Actor, d *Document) error {
	old, err := s.store.DocumentByID(ctx, d.ID)
	if err != nil {
		return err
	}
	d.Status = old.Status
	if d.File != nil && d.File.Content == nil {
		if old.File == nil {
			d.File = nil
		} else {
			keep := *old.File
			d.File = &keep
		}
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if err := s.prepareFile(d); err != nil {
		return err
	}
	return s.store.UpdateDocument(ctx, d, entry(actor, ActionDocUpdate, RecordDocument, d.ID, d.Title, docFields(old), docFields(*d)))
}

// ArchiveDocument archives (or, with archived false, restores) document id at version.
func (s *Service) ArchiveDocument(ctx context.Context, actor audit.Actor, id int64, version int, archived bool) (Document, error) {
	d, err := s.store.DocumentByID(ctx, id)
	if err != nil {
		return d, err
	}
	old := d
	action, status := ActionDocRestore, DocActive
	if archived {
		action, status = ActionDocArchive, DocArchived
	}
	d.Status, d.Version = status, version
	if d.File != nil {
		f := *d.File
		f.Content = nil // keep the stored file
		d.File = &f
	}
	err = s.store.UpdateDocument(ctx, &d, entry(actor, action, RecordDocument, d.ID, d.Title, docFields(old), docFields(d)))
	return d, err
}

// Document returns document id (without file content).
func (s *Service) Document(ctx context.Context, id int64) (Document, error) {
	return s.store.DocumentByID(ctx, id)
}

// File returns document id's uploaded PDF with its content.
func (s *Service) File(ctx context.Context, id int64) (DocumentFile, error) {
	return s.store.DocumentFile(ctx, id)
}

// Attachments returns the documents attached to event eventID. Archived
// documents stay on the events they were attached to (a past meeting's
// agenda is still its agenda), for every reader.
func (s *Service) Attachments(ctx context.Context, eventID int64) ([]Attachment, error) {
	return s.store.Attachments(ctx, eventID, 0)
}

// DocumentAttachments returns the events document docID is attached to.
func (s *Service) DocumentAttachments(ctx context.Context, docID int64) ([]Attachment, error) {
	return s.store.Attachments(ctx, 0, docID)
}

func attachmentEntry(actor audit.Actor, action string, d Document, before, after string) audit.Entry {
	e := entry(actor, action, RecordDocument, d.ID, d.Title, nil, nil)
	e.Changes = []audit.Change{{Field: "event", Before: before, After: after}}
	return e
}

// Attach attaches document docID to event eventID in role.
func (s *Service) Attach(ctx context.Context, actor audit.Actor, eventID, docID int64, role AttachmentRole) error {
	f := apperr.Fields{}
	if !role.Valid() {
		f.Add("role", "validation.choice")
	}
	if eventID <= 0 {
		f.Add("event", "validation.choice")
	}
	d, err := s.store.DocumentByID(ctx, docID)
	if apperr.Is(err, apperr.NotFound) {
		f.Add("document", "validation.choice")
	} else if err != nil {
		return err
	}
	if err := f.Err("validation.failed"); err != nil {
		return err
	}
	e := attachmentEntry(actor, ActionDocAttach, d, "", strconv.FormatInt(eventID, 10)+" ("+string(role)+")")
	err = s.store.Attach(ctx, Attachment{EventID: eventID, DocumentID: docID, Role: role}, e)
	if ae, ok := err.(*apperr.Error); ok && ae.Kind == apperr.Invalid && ae.Fields == nil {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"event": "validation.choice"}}
	}
	return err
}

// Detach removes document docID from event eventID.
func (s *Service) Detach(ctx context.Context, actor audit.Actor, eventID, docID int64) error {
	d, err := s.store.DocumentByID(ctx, docID)
	if err != nil {
		return err
	}
	return s.store.Detach(ctx, eventID, docID, attachmentEntry(actor, ActionDocDetach, d, strconv.FormatInt(eventID, 10), ""))
}

// SafeFileName turns name into a file name safe in a Content-Disposition
// header and on every file system: ASCII letters, digits, hyphens and
// underscores (accents folded, other characters hyphens), at most 80
// characters, ending in .pdf; fallback when nothing is left.
func SafeFileName(name, fallback string) string {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".pdf"), ".PDF")
	var b strings.Builder
	dash := false
	for _, r := range lang.Fold(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 76 {
		out = strings.Trim(out[:76], "-")
	}
	if out == "" {
		out = fallback
	}
	return out + ".pdf"
}
