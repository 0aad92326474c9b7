// SPDX-License-Identifier: AGPL-3.0-or-later

package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
)

// LinkRenewer replaces lost manage links (calendar.Service).
type LinkRenewer interface {
	RenewLinks(ctx context.Context, email string) ([]calendar.Renewed, error)
}

// RecoverEvery is how often one e-mail address can be sent new links,
// across instances: a request within it does nothing, and says so no
// differently than any other.
const RecoverEvery = 15 * time.Minute

func recoverMark(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return "recover:" + hex.EncodeToString(sum[:])
}

// SendLinks renews the manage links of every submission from email and
// mails the new ones to it, in language l, at most once per RecoverEvery.
// Whether the address is known is never told: an unknown one, or one
// asked for too recently, returns nil having sent nothing. The mark is
// taken before the links are renewed, so two instances cannot renew them
// twice and mail only one set.
func (m *Mailer) SendLinks(ctx context.Context, email string, l lang.Code) error {
	key := recoverMark(email)
	now := m.now()
	last, err := m.Staff.Mark(ctx, key)
	if err != nil {
		return err
	}
	if last > 0 && now.Sub(time.UnixMilli(last)) < RecoverEvery {
		return nil
	}
	if moved, err := m.Staff.MoveMark(ctx, key, last, now.UnixMilli(), nil, now); err != nil || !moved {
		return err
	}
	renewed, err := m.Links.RenewLinks(ctx, email)
	if err != nil || len(renewed) == 0 {
		return err
	}
	lz := m.Bundle.For(l)
	var b body
	b.add(lz.T("notify.greeting", "Name", mail.HeaderText(renewed[0].Submission.SubmitterName, lineText)),
		lz.N("notify.recover.lead", len(renewed)))
	for _, r := range renewed {
		b.add(m.eventBlock(lz, r.Event) + "\n" + lz.T("manage.state") + ": " + lz.T("manage.state."+r.Submission.State(r.Event)) +
			"\n" + m.url("/"+string(l)+"/manage/"+r.Token))
	}
	b.add(lz.T("notify.recover.old"), lz.T("notify.recover.not_you"), lz.T("notify.signature"))
	msg := mail.Message{To: strings.TrimSpace(email), Lang: l.Tag(), Subject: lz.T("notify.recover.subject"), Body: b.String()}
	m.enqueue(ctx, msg, "notice", "recover", "links", len(renewed))
	return nil
}

func (m *Mailer) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}
