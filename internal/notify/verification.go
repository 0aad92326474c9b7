// SPDX-License-Identifier: AGPL-3.0-or-later

package notify

import (
	"context"
	"strings"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/mail"
)

var _ directory.VerificationMailer = (*Mailer)(nil)

// SendVerification queues the "Is this still right?" mail of a
// verification campaign to the person, in m.Lang: their entry as the
// directory holds it and their private link, with the day it expires.
func (m *Mailer) SendVerification(ctx context.Context, v directory.VerificationMail) error {
	l := m.Bundle.For(v.Lang)
	p := v.Person
	entry := []string{mail.HeaderText(p.Name(), lineText)}
	if t, _ := p.Title(v.Lang); t != "" {
		entry = append(entry, mail.HeaderText(t, lineText))
	}
	if v.Organisation != nil {
		name, _ := v.Organisation.Name(v.Lang)
		entry = append(entry, mail.HeaderText(name, lineText))
	}
	for _, s := range []string{p.Email, p.Phone} {
		if s != "" {
			entry = append(entry, mail.HeaderText(s, lineText))
		}
	}
	var b body
	b.add(l.T("notify.greeting", "Name", mail.HeaderText(p.Name(), lineText)), l.T("verify.mail.lead"),
		strings.Join(entry, "\n"), l.T("verify.mail.action"), m.url(v.Path),
		l.T("verify.mail.expires", "Date", l.Date(calendar.DateOf(v.Expires))), l.T("verify.mail.why"), l.T("notify.signature"))
	msg := mail.Message{To: p.Email, Lang: v.Lang.Tag(), Subject: l.T("verify.mail.subject"), Body: b.String()}
	if err := m.Outbox.Enqueue(ctx, msg); err != nil {
		m.log().Warn("verification mail not queued", "person", p.ID, "error", err.Error())
		return err
	}
	return nil
}
