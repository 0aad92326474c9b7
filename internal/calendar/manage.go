// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
)

// SubmissionReader finds submissions.
type SubmissionReader interface {
	// SubmissionByTokenHash returns NotFound when no submission has hash.
	SubmissionByTokenHash(ctx context.Context, hash string) (Submission, error)
	// SubmissionByEvent returns NotFound when the event has no submission.
	SubmissionByEvent(ctx context.Context, eventID int64) (Submission, error)
}

// ByToken returns the submission and event of a manage link.
func (s *Service) ByToken(ctx context.Context, token string) (Submission, Event, error) {
	if len(token) < 20 || len(token) > 100 {
		return Submission{}, Event{}, apperr.New(apperr.NotFound, "manage.not_found")
	}
	sub, err := s.store.SubmissionByTokenHash(ctx, HashToken(token))
	if apperr.Is(err, apperr.NotFound) {
		return Submission{}, Event{}, apperr.New(apperr.NotFound, "manage.not_found")
	}
	if err != nil {
		return Submission{}, Event{}, err
	}
	e, err := s.store.EventByID(ctx, sub.EventID)
	if err != nil {
		return Submission{}, Event{}, err
	}
	return sub, e, nil
}

// organiserEdited is the organiser's edit with the manage link. The
// status stays as moderated: a pending event stays pending; a published
// event stays published and the edit takes effect at once, because
// organisers must be able to move a date or a venue without waiting and
// subscribers must get it. The secretariat sees every such edit, with the
// changed fields, in the audit trail. A tentative hold becomes published
// when confirm is set. A rejected registration, corrected, is sent again:
// it returns to moderation as pending (resubmit). Withdrawn, duplicate and
// cancelled events are read-only here.
//
// One kind of edit of a published or tentative event is not trusted at
// once: a new or changed link or address (see changesDestination). Anyone
// with the manage link could otherwise turn an approved event into a
// phishing page or a mailto: that copies someone in; so such an edit sends
// the event back to moderation as pending (resubmit), and it leaves the
// public pages and feeds until the secretariat approves it again. A
// confirmed hold then stays confirmed; an unconfirmed one is approved as
// tentative again.
func organiserEdited(old Event, sub Submission, next Event, confirm bool, now time.Time) (EventChange, bool, error) {
	if err := current(old, next); err != nil {
		return EventChange{}, false, err
	}
	if err := editAllowed(sub, now); err != nil {
		return EventChange{}, false, err
	}
	state := sub.State(old)
	action := EventUpdate
	next.Status = old.Status
	v := validation{organiser: sub.ProposedOrg.IsZero() || old.Status != Pending, place: true}
	switch {
	case state == StateRejected:
		next.Status, action = Pending, EventResubmit
		v = validation{organiser: sub.ProposedOrg.IsZero(), place: !sub.Hold}
		sub.Reason, sub.DecidedBy, sub.DecidedAt = "", "", time.Time{}
	case state != StatePending && state != StatePublished:
		return EventChange{}, false, apperr.New(apperr.Conflict, "manage.read_only")
	case state == StatePublished && changesDestination(old, next):
		next.Status, action = Pending, EventResubmit
		if old.Status != Tentative || confirm {
			sub.Hold = false
		}
		v = validation{organiser: true, place: !sub.Hold}
		sub.DecidedBy, sub.DecidedAt = "", time.Time{}
	case old.Status == Tentative && confirm:
		next.Status, action = Published, EventConfirm
	case old.Status == Tentative || old.Status == Pending && sub.Hold:
		v.place = false
	}
	if err := next.validate(v); err != nil {
		return EventChange{}, false, err
	}
	out, entry, changed := revise(old, next, submitterActor(sub), action, now)
	counted(&sub, now)
	return EventChange{Event: &out, Submission: &sub, Audit: entry}, changed, nil
}

// editAllowed refuses a change with the manage link once MaxEditsPerDay
// were made today (UTC).
func editAllowed(sub Submission, now time.Time) error {
	if sub.EditDay == DateOf(now.UTC()) && sub.Edits >= MaxEditsPerDay {
		return apperr.New(apperr.RateLimited, "manage.edits_per_day")
	}
	return nil
}

// counted records one more change made with the manage link today.
func counted(sub *Submission, now time.Time) {
	today := DateOf(now.UTC())
	if sub.EditDay != today {
		sub.EditDay, sub.Edits = today, 0
	}
	sub.Edits++
}

// changesDestination reports whether next sends readers somewhere old did
// not: a new or changed online-meeting link, registration link, event web
// page or contact e-mail address. Removing one does not count, nor does
// any other edit (time, place, texts: descriptions are shown as plain
// text, never as links).
func changesDestination(old, next Event) bool {
	for _, f := range [][2]string{{old.OnlineURL, next.OnlineURL}, {old.RegistrationURL, next.RegistrationURL},
		{old.PublicURL, next.PublicURL}, {old.ContactEmail, next.ContactEmail}} {
		if n := strings.TrimSpace(f[1]); n != "" && n != f[0] {
			return true
		}
	}
	return false
}

// EditByToken saves the organiser's edit of their event (see
// organiserEdited; one link makes at most MaxEditsPerDay changes a day).
// An edit that changes nothing saves nothing. A
// resubmitted event gets fresh clash warnings and is saved under the quota
// of new submissions.
func (s *Service) EditByToken(ctx context.Context, token string, next *Event, confirm bool) error {
	sub, old, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	if err := s.store.ResolveLinks(ctx, next); err != nil {
		return err
	}
	ch, changed, err := organiserEdited(old, sub, *next, confirm, s.now())
	if err != nil || !changed {
		return err
	}
	if ch.Submission != nil {
		ch.Quota = s.quota()
		report, err := s.Clashes(ctx, *ch.Event)
		if err != nil {
			return err
		}
		ch.Submission.Warnings = report.Warnings(sub.Lang)
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	*next = *ch.Event
	if old.Status == Tentative && next.Status == Published {
		ch.Submission = &sub
		s.notifySaved(ctx, NoticeHoldConfirmed, ch)
	}
	return nil
}

// organiserCancelled is the organiser's cancellation with the manage link.
// A published or tentative event becomes cancelled and stays in feeds as
// STATUS:CANCELLED; one still awaiting moderation is withdrawn and never
// shown.
func organiserCancelled(old Event, sub Submission, now time.Time) (EventChange, error) {
	if err := editAllowed(sub, now); err != nil {
		return EventChange{}, err
	}
	counted(&sub, now)
	next := old
	action := EventCancel
	switch sub.State(old) {
	case StatePublished:
		next.Status = Cancelled
		sub.CancelledBy = CancelledBySubmitter
	case StatePending:
		next.Status, action = Rejected, EventWithdraw
		sub.Withdrawn, sub.DecidedAt = true, now.UTC()
	default:
		return EventChange{}, apperr.New(apperr.Conflict, "manage.read_only")
	}
	out, entry, _ := revise(old, next, submitterActor(sub), action, now)
	return EventChange{Event: &out, Submission: &sub, Audit: entry}, nil
}

// organiserReinstated undoes the organiser's own cancellation (see
// reinstated); one made by the secretariat stays until the secretariat
// undoes it.
func organiserReinstated(old Event, sub Submission, now time.Time) (EventChange, error) {
	if old.Status == Cancelled && sub.CancelledBy != CancelledBySubmitter {
		return EventChange{}, apperr.New(apperr.Conflict, "manage.cancelled_by_secretariat")
	}
	if err := editAllowed(sub, now); err != nil {
		return EventChange{}, err
	}
	counted(&sub, now)
	return reinstated(old, sub, old.Version, submitterActor(sub), now)
}

// CancelByToken cancels or withdraws the organiser's event (see organiserCancelled).
func (s *Service) CancelByToken(ctx context.Context, token string) error {
	sub, old, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	ch, err := organiserCancelled(old, sub, s.now())
	if err != nil {
		return err
	}
	return s.store.SaveEvents(ctx, ch)
}

// ReinstateByToken undoes the organiser's cancellation (see reinstated).
func (s *Service) ReinstateByToken(ctx context.Context, token string) error {
	sub, old, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	ch, err := organiserReinstated(old, sub, s.now())
	if err != nil {
		return err
	}
	return s.store.SaveEvents(ctx, ch)
}
