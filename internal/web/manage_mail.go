// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/mail"
)

// manageLink is one new event of a submission and its manage link's secret.
type manageLink struct {
	Event calendar.Event
	Token string
}

// Lengths of submitter text in a mail: the subject carries at most a
// short title after its fixed words, the body one line per event.
const (
	mailSubjectTitle = 60
	mailBodyText     = 120
)

// mailManageLinks queues one mail per submission act, a registration or a
// whole import, listing every manage link of it. The queue sends it after
// the answer, caps the mails one address gets a day, and a mail that is
// not sent does not undo the submission: the links are on the
// confirmation page too.
func (s *Server) mailManageLinks(ctx context.Context, sub calendar.Submission, links []manageLink) {
	if s.Mail == nil || len(links) == 0 {
		return
	}
	l := s.Bundle.For(sub.Lang)
	name := mail.HeaderText(sub.SubmitterName, mailBodyText)
	var m mail.Message
	if len(links) == 1 {
		title, _ := links[0].Event.Title(sub.Lang)
		m.Subject = l.T("mail.submitted.subject", "Title", mail.HeaderText(title, mailSubjectTitle))
		m.Body = l.T("mail.submitted.body", "Name", name, "Title", mail.HeaderText(title, mailBodyText), "Link", s.manageURL(sub, links[0].Token))
	} else {
		var list strings.Builder
		for _, k := range links {
			title, _ := k.Event.Title(sub.Lang)
			list.WriteString("\n" + mail.HeaderText(title, mailBodyText) + "\n" + s.manageURL(sub, k.Token) + "\n")
		}
		m.Subject = l.N("mail.imported.subject", len(links))
		m.Body = l.N("mail.imported.body", len(links), "Name", name, "Links", strings.TrimSuffix(list.String(), "\n"))
	}
	m.To, m.Lang = sub.SubmitterEmail, sub.Lang.Tag()
	if len(links) == 1 {
		m.Thread = mail.ThreadID(fmt.Sprintf("event-%d", links[0].Event.ID), s.BaseURL.Hostname())
	}
	err := s.Mail.Enqueue(ctx, m)
	if err == nil || s.Log == nil {
		return
	}
	ids := make([]int64, len(links))
	for i, k := range links {
		ids[i] = k.Event.ID
	}
	if errors.Is(err, mail.ErrDailyCap) {
		s.Log.Warn("manage-link mail not queued: the recipient's daily cap is reached", "events", ids)
		return
	}
	s.Log.Error("manage-link mail not queued", "events", ids, "error", err.Error())
}

func (s *Server) manageURL(sub calendar.Submission, token string) string {
	return s.absURL("/" + string(sub.Lang) + "/manage/" + token)
}
