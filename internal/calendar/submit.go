// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
)

// Receipt is what a submitter gets back: the stored event, the manage
// link's token (shown once) and the warnings they saw.
type Receipt struct {
	Event      Event
	Submission Submission
	Token      string
	Report     ClashReport
}

// submitted is the submit transition: e becomes a new pending event with
// its submission. Whole-event submissions need every field; a hold
// (sub.Hold) needs only dates, title and organiser. A proposed organisation
// stands in for a picked one, or joins the picked co-organisers. The manage token and the clash warnings are
// the caller's to add.
func submitted(e Event, sub Submission, uid string, now time.Time) (EventChange, error) {
	e.Status = Pending
	if sub.Hold {
		e.Attendance = OnSite
		if e.Audience == "" {
			e.Audience = Open
		}
	}
	fields := apperr.Fields{}
	if err := e.validate(validation{organiser: sub.ProposedOrg.IsZero(), place: !sub.Hold}); err != nil {
		mergeFields(fields, err)
	}
	if err := sub.Validate(); err != nil {
		mergeFields(fields, err)
	}
	if err := fields.Err("validation.failed"); err != nil {
		return EventChange{}, err
	}
	next, entry := created(e, uid, submitterActor(sub), EventSubmit, now)
	return EventChange{Event: &next, Submission: &sub, Audit: entry}, nil
}

// Submit stores e as a pending event with its submission (see submitted).
// The clash warnings are computed and stored with the submission; they
// never block it. It is saved under the service's quota (see quota):
// over it, nothing is stored and the error is RateLimited.
func (s *Service) Submit(ctx context.Context, e *Event, sub *Submission) (Receipt, error) {
	ch, err := submitted(*e, *sub, s.newUID(), s.now())
	if err != nil {
		return Receipt{}, err
	}
	ch.Quota = s.quota()
	report, err := s.Clashes(ctx, *ch.Event)
	if err != nil {
		return Receipt{}, err
	}
	token := newToken()
	ch.Submission.TokenHash = HashToken(token)
	ch.Submission.Warnings = report.Warnings(ch.Submission.Lang)
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return Receipt{}, err
	}
	*e, *sub = *ch.Event, *ch.Submission
	s.notify(ctx, Notice{Kind: NoticeSubmitted, Event: *e, Events: []Event{*e}, Submission: *sub})
	return Receipt{Event: *e, Submission: *sub, Token: token, Report: report}, nil
}

// mergeFields copies the field messages of an Invalid error into f.
func mergeFields(f apperr.Fields, err error) {
	ae, ok := err.(*apperr.Error)
	if !ok {
		f.Add("form", "error.internal")
		return
	}
	for k, v := range ae.Fields {
		f.Add(k, v)
	}
}

// newToken returns 32 random bytes, URL-safe: the manage link's secret.
func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how manage tokens are stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// submitterActor is the audit actor for changes made with a manage link.
func submitterActor(sub Submission) audit.Actor {
	return audit.Actor{ID: 0, Email: sub.SubmitterEmail}
}

func (s *Service) newUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b) + "@" + s.uidDomain
}
