// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// Documents on the secretariat's event page: the attached ones and the
// form that attaches another. Attachments are their own records
// (directory.Attachment), never event fields, so the calendar's one write
// path for events (SaveEvents) is not involved.

// eventAttachments is what the event page's documents section shows.
type eventAttachments struct {
	Attachments []DocView
	Documents   []Option
	AttachRoles []Option
}

func (s *Server) eventAttachmentsFor(c echo.Context, eventID int64) (eventAttachments, error) {
	ctx := c.Request().Context()
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return eventAttachments{}, err
	}
	as, err := s.Directory.Attachments(ctx, eventID)
	if err != nil {
		return eventAttachments{}, err
	}
	out := eventAttachments{AttachRoles: attachRoleOptions(v.l)}
	out.Attachments = v.attachments(as)
	docs, err := s.Directory.Documents(ctx, directory.DocumentQuery{})
	if err != nil {
		return out, err
	}
	for _, d := range docs {
		dv := v.doc(d)
		out.Documents = append(out.Documents, Option{Value: strconv.FormatInt(d.ID, 10), Label: dv.Title + " (" + dv.Date + ")", Lang: dv.TitleLang})
	}
	return out, nil
}

// attachments prepares an event's documents, each with its role.
func (v dirViews) attachments(as []directory.Attachment) []DocView {
	out := make([]DocView, len(as))
	for i, a := range as {
		out[i] = v.doc(a.Document)
		out[i].Role = v.l.T("document.attach_role." + string(a.Role))
	}
	return out
}

// eventDocumentAction runs attach or detach from the event page; field
// errors re-render the event page with the message at the attach form.
func (s *Server) eventDocumentAction(c echo.Context, flash string, do func(eventID int64) error) error {
	e, err := s.eventByParam(c)
	if err != nil {
		return err
	}
	if err := do(e.ID); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		attach := FormErrors{}
		for _, k := range []string{"document", "role", "event"} {
			if m := fe[k]; m != "" {
				attach["attach_"+k] = m
			}
		}
		return s.renderAdminEvent(c, statusOf(apperr.KindOf(err)), nil, attach, msg)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, "/admin/events/"+strconv.FormatInt(e.ID, 10)+"#documents")
}

func (s *Server) attachToEvent(c echo.Context) error {
	return s.eventDocumentAction(c, "admin.doc.attached", func(eventID int64) error {
		return s.attach(c, eventID, formID(c, "document"))
	})
}

func (s *Server) detachFromEvent(c echo.Context) error {
	return s.eventDocumentAction(c, "admin.doc.detached", func(eventID int64) error {
		doc, _ := strconv.ParseInt(c.Param("doc"), 10, 64)
		return s.Directory.Detach(c.Request().Context(), actorOf(c), eventID, doc)
	})
}

// eventDocuments are the public event page's documents, with titles in
// the reader's language where they have one.
func (s *Server) eventDocuments(c echo.Context, eventID int64) ([]DocView, error) {
	as, err := s.Directory.Attachments(c.Request().Context(), eventID)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	v, _, _, err := s.dirViewsFor(c)
	if err != nil {
		return nil, err
	}
	return v.attachments(as), nil
}
