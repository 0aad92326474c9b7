// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// The secretariat's curation of the documents library: texts per
// language, a link or an uploaded PDF, archive, and attachments to events.

// docForm is the input of the document form (the file is read apart).
type docForm struct {
	Titles       map[string]string
	Summaries    map[string]string
	OriginalLang string
	Languages    []string
	Type         string
	Country      string
	Publisher    string
	Network      string
	Date         string
	URL          string
	Topics       []string
	RemoveFile   bool
	Version      int
}

func parseDocForm(c echo.Context) docForm {
	f := docForm{Titles: map[string]string{}, Summaries: map[string]string{}, OriginalLang: c.FormValue("original_lang"),
		Languages: formValues(c, "languages"), Type: c.FormValue("type"), Country: c.FormValue("country"),
		Publisher: c.FormValue("publisher"), Network: c.FormValue("network"), Date: strings.TrimSpace(c.FormValue("date")),
		URL: strings.TrimSpace(c.FormValue("url")), Topics: formValues(c, "topics"), RemoveFile: c.FormValue("remove_file") == "yes",
		Version: formVersion(c)}
	for _, l := range lang.All {
		f.Titles[string(l)] = strings.TrimSpace(c.FormValue("title_" + string(l)))
		f.Summaries[string(l)] = strings.TrimSpace(c.FormValue("summary_" + string(l)))
	}
	return f
}

func docFormOf(d directory.Document) docForm {
	f := docForm{Titles: map[string]string{}, Summaries: map[string]string{}, OriginalLang: string(d.OriginalLang),
		Languages: d.Languages, Type: string(d.Type), Country: string(d.Country), Date: dateText(d.Date), URL: d.URL,
		Topics: d.Topics, Version: d.Version}
	for _, l := range lang.All {
		f.Titles[string(l)], f.Summaries[string(l)] = d.Titles[l], d.Summaries[l]
	}
	if d.OrganisationID != nil {
		f.Publisher = strconv.FormatInt(*d.OrganisationID, 10)
	}
	if d.NetworkID != nil {
		f.Network = strconv.FormatInt(*d.NetworkID, 10)
	}
	return f
}

func optionalID(fe apperr.Fields, field, v string) *int64 {
	if v == "" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		fe.Add(field, "validation.choice")
		return nil
	}
	return &id
}

func (f docForm) document(id int64, fe apperr.Fields) directory.Document {
	d := directory.Document{ID: id, Titles: nonEmpty(f.Titles), Summaries: nonEmpty(f.Summaries), OriginalLang: lang.Code(f.OriginalLang),
		Languages: f.Languages, Type: directory.DocType(f.Type), Country: directory.Country(f.Country), URL: f.URL,
		Topics: f.Topics, Version: f.Version, OrganisationID: optionalID(fe, "publisher", f.Publisher),
		NetworkID: optionalID(fe, "network", f.Network)}
	if f.Date != "" {
		day, err := time.Parse(time.DateOnly, f.Date)
		if err != nil {
			fe.Add("date", "validation.date")
		}
		d.Date = day
	}
	return d
}

// uploadedPDF reads the form's file, if one was chosen: nil when none,
// a field error when it is larger than the limit. Whether it is a PDF is
// the domain's check (directory.IsPDF).
func (s *Server) uploadedPDF(c echo.Context, fe apperr.Fields) *directory.DocumentFile {
	fh, err := c.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || (err == nil && fh.Size == 0 && fh.Filename == "") {
		return nil
	}
	if err != nil {
		fe.Add("file", "validation.upload")
		return nil
	}
	max := s.Directory.MaxFile()
	if fh.Size > max {
		fe.Add("file", "validation.file_too_large")
		return nil
	}
	r, err := fh.Open()
	if err != nil {
		fe.Add("file", "validation.upload")
		return nil
	}
	defer r.Close()
	content, err := io.ReadAll(io.LimitReader(r, max+1))
	switch {
	case err != nil:
		fe.Add("file", "validation.upload")
		return nil
	case int64(len(content)) > max:
		fe.Add("file", "validation.file_too_large")
		return nil
	case len(content) == 0:
		fe.Add("file", "validation.upload")
		return nil
	}
	return &directory.DocumentFile{Name: fh.Filename, Content: content}
}

type adminDocumentPage struct {
	Page
	Doc         *DocView
	Form        docForm
	Choices     choices
	Networks    []Option
	Types       []Option
	Topics      []Option
	AttachRoles []Option
	Attachments []AttachmentRow
	MaxMB       int64
	Error       string
	Fields      FormErrors
	Conflict    bool
}

// AttachmentRow is one event a document is attached to.
type AttachmentRow struct {
	EventID   int64
	Title     string
	TitleLang lang.Code
	When      string
	Role      string
}

func attachRoleOptions(l *i18n.Localizer) []Option {
	out := make([]Option, len(directory.AttachmentRoles))
	for i, r := range directory.AttachmentRoles {
		out[i] = Option{Value: string(r), Label: l.T("document.attach_role." + string(r))}
	}
	return out
}

func (s *Server) renderDocForm(c echo.Context, code int, p adminDocumentPage) error {
	l := s.Bundle.For(langOf(c))
	ch, err := s.curationChoices(c, l)
	if err != nil {
		return err
	}
	v, _, nets, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	for _, n := range v.networks(nets) {
		if n.Status != directory.NetworkMerged {
			p.Networks = append(p.Networks, Option{Value: strconv.FormatInt(n.ID, 10), Label: n.Name, Lang: n.NameLang})
		}
	}
	p.Choices, p.AttachRoles, p.MaxMB = ch, attachRoleOptions(l), s.Directory.MaxFile()>>20
	_, p.Types, _, _ = docOptions(l, nil)
	for _, t := range directory.DocumentTopics {
		p.Topics = append(p.Topics, Option{Value: t, Label: l.T("topic." + t)})
	}
	if p.Form.Titles == nil {
		p.Form.Titles, p.Form.Summaries = map[string]string{}, map[string]string{}
	}
	return s.render(c, code, "admin_document.html", p)
}

func (s *Server) docFormError(c echo.Context, p adminDocumentPage, err error) error {
	msg, fe := s.fieldErrors(c, err)
	if fe == nil {
		return err
	}
	if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
		p.Conflict = true
	}
	p.Error, p.Fields = msg, fe
	return s.renderDocForm(c, statusOf(apperr.KindOf(err)), p)
}

func documentAdminURL(id int64) string {
	return "/admin/directory/documents/" + strconv.FormatInt(id, 10)
}

func (s *Server) curatedDocument(c echo.Context) (directory.Document, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return directory.Document{}, errNotFound
	}
	return s.Directory.Document(c.Request().Context(), id)
}

func (s *Server) docEditPage(c echo.Context, d directory.Document) (adminDocumentPage, error) {
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return adminDocumentPage{}, err
	}
	dv := v.doc(d)
	p := adminDocumentPage{Page: s.adminPage(c, "admin.doc.edit", "Title", dv.Title), Doc: &dv, Form: docFormOf(d)}
	as, err := s.Directory.DocumentAttachments(c.Request().Context(), d.ID)
	if err != nil {
		return p, err
	}
	for _, a := range as {
		row := AttachmentRow{EventID: a.EventID, Role: v.l.T("document.attach_role." + string(a.Role))}
		if e, err := s.Calendar.EventAny(c.Request().Context(), a.EventID); err == nil {
			ev := eventView(v.l, e, s.viewerZone(c))
			row.Title, row.TitleLang, row.When = ev.Title, ev.TitleLang, ev.When
		} else if !apperr.Is(err, apperr.NotFound) {
			return p, err
		}
		p.Attachments = append(p.Attachments, row)
	}
	return p, nil
}

type adminDocumentsPage struct {
	Page
	Query     string
	Documents []DocView
}

func (s *Server) adminDocuments(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > directory.MaxQuery {
		return apperrInvalidField("q", "filter.query_too_long")
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return err
	}
	docs, err := s.Directory.Documents(c.Request().Context(), directory.DocumentQuery{Query: q, Archived: true})
	if err != nil {
		return err
	}
	p := adminDocumentsPage{Page: s.adminPage(c, "admin.doc.title"), Query: q, Documents: v.docs(docs)}
	return s.render(c, http.StatusOK, "admin_documents.html", p)
}

func (s *Server) newDocument(c echo.Context) error {
	f := docForm{OriginalLang: string(langOf(c)), Date: dateText(s.Directory.Today())}
	return s.renderDocForm(c, http.StatusOK, adminDocumentPage{Page: s.adminPage(c, "admin.doc.new"), Form: f})
}

func (s *Server) createDocument(c echo.Context) error {
	f := parseDocForm(c)
	fe := apperr.Fields{}
	d := f.document(0, fe)
	d.File = s.uploadedPDF(c, fe)
	err := fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.AddDocument(c.Request().Context(), actorOf(c), &d)
	}
	if err != nil {
		return s.docFormError(c, adminDocumentPage{Page: s.adminPage(c, "admin.doc.new"), Form: f}, err)
	}
	s.flash(c, "admin.doc.created")
	return c.Redirect(http.StatusSeeOther, documentAdminURL(d.ID))
}

func (s *Server) editDocument(c echo.Context) error {
	d, err := s.curatedDocument(c)
	if err != nil {
		return err
	}
	p, err := s.docEditPage(c, d)
	if err != nil {
		return err
	}
	return s.renderDocForm(c, http.StatusOK, p)
}

func (s *Server) updateDocument(c echo.Context) error {
	d, err := s.curatedDocument(c)
	if err != nil {
		return err
	}
	f := parseDocForm(c)
	fe := apperr.Fields{}
	next := f.document(d.ID, fe)
	if upload := s.uploadedPDF(c, fe); upload != nil {
		next.File = upload
	} else if !f.RemoveFile && d.File != nil {
		next.File = &directory.DocumentFile{} // keep the stored file
	}
	err = fe.Err("validation.failed")
	if err == nil {
		err = s.Directory.SaveDocument(c.Request().Context(), actorOf(c), &next)
	}
	if err != nil {
		p, perr := s.docEditPage(c, d)
		if perr != nil {
			return perr
		}
		p.Form = f
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Form.Version = d.Version
		}
		return s.docFormError(c, p, err)
	}
	s.flash(c, "admin.dir.saved")
	return c.Redirect(http.StatusSeeOther, documentAdminURL(d.ID))
}

// docAction runs one of the document page's small forms.
func (s *Server) docAction(c echo.Context, flash string, do func(directory.Document) error) error {
	d, err := s.curatedDocument(c)
	if err != nil {
		return err
	}
	if err := do(d); err != nil {
		p, perr := s.docEditPage(c, d)
		if perr != nil {
			return perr
		}
		return s.docFormError(c, p, err)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, documentAdminURL(d.ID))
}

func (s *Server) archiveDocument(c echo.Context) error {
	return s.docAction(c, "admin.doc.archived", func(d directory.Document) error {
		_, err := s.Directory.ArchiveDocument(c.Request().Context(), actorOf(c), d.ID, formVersion(c), true)
		return err
	})
}

func (s *Server) restoreDocument(c echo.Context) error {
	return s.docAction(c, "admin.doc.restored", func(d directory.Document) error {
		_, err := s.Directory.ArchiveDocument(c.Request().Context(), actorOf(c), d.ID, formVersion(c), false)
		return err
	})
}

// attachDocumentToEvent attaches this document to the event whose number
// the form gives.
func (s *Server) attachDocumentToEvent(c echo.Context) error {
	return s.docAction(c, "admin.doc.attached", func(d directory.Document) error {
		return s.attach(c, formID(c, "event"), d.ID)
	})
}

func (s *Server) detachDocumentFromEvent(c echo.Context) error {
	return s.docAction(c, "admin.doc.detached", func(d directory.Document) error {
		ev, _ := strconv.ParseInt(c.Param("event"), 10, 64)
		return s.Directory.Detach(c.Request().Context(), actorOf(c), ev, d.ID)
	})
}

// attach checks that the event exists (any status: the secretariat may
// prepare an agenda before approving) and attaches the document.
func (s *Server) attach(c echo.Context, eventID, docID int64) error {
	ctx := c.Request().Context()
	if eventID > 0 {
		if _, err := s.Calendar.EventAny(ctx, eventID); apperr.Is(err, apperr.NotFound) {
			eventID = 0
		} else if err != nil {
			return err
		}
	}
	return s.Directory.Attach(ctx, actorOf(c), eventID, docID, directory.AttachmentRole(c.FormValue("role")))
}
