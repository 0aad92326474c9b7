// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
)

// Create stores e as it is, in the status it has, as the nordcal command
// does for demo data and the load tool: validated in full, with a new UID
// when it has none, and an audit entry. Everything people send goes through
// Submit or Import instead.
func (s *Service) Create(ctx context.Context, e *Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	uid := e.UID
	if uid == "" {
		uid = s.newUID()
	}
	next, entry := created(*e, uid, audit.CLI, EventCreate, s.now())
	if err := s.store.SaveEvents(ctx, EventChange{Event: &next, Audit: entry}); err != nil {
		return err
	}
	*e = next
	return nil
}

// edited is the secretariat's edit of any event. The status is left as it
// is: it changes through moderation, Cancel and Reinstate only. A pending
// event whose submitter proposed a new organisation may stay without one
// until approval; a hold needs no place.
func edited(old Event, sub Submission, next Event, actor audit.Actor, now time.Time) (EventChange, bool, error) {
	if err := current(old, next); err != nil {
		return EventChange{}, false, err
	}
	next.Status = old.Status
	hold := sub.Hold && (old.Status == Pending || old.Status == Tentative)
	// The secretariat may enter open-ended series, as with Validate.
	v := validation{organiser: !(old.Status == Pending && !sub.ProposedOrg.IsZero()), place: !hold, openEnded: true}
	if err := next.validate(v); err != nil {
		return EventChange{}, false, err
	}
	out, entry, changed := revise(old, next, actor, EventUpdate, now)
	return EventChange{Event: &out, Audit: entry}, changed, nil
}

// Edit saves the secretariat's edit of any event (see edited), checking
// that next.Version is the stored one. A save that changes nothing stores
// nothing: SEQUENCE, LAST-MODIFIED and the feeds stay as they were.
func (s *Service) Edit(ctx context.Context, actor audit.Actor, next *Event) error {
	old, sub, err := s.eventAndSubmission(ctx, next.ID)
	if err != nil {
		return err
	}
	if err := s.store.ResolveLinks(ctx, next); err != nil {
		return err
	}
	ch, changed, err := edited(old, sub, *next, actor, s.now())
	if err != nil {
		return err
	}
	if !changed {
		*next = old
		return nil
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	*next = *ch.Event
	if sub.ID != 0 && next.IsPublic() && next.Status != Cancelled {
		ch.Submission = &sub
		s.notifySaved(ctx, NoticeChanged, ch)
	}
	return nil
}

// cancelled is the secretariat's cancellation of a public event: it stays
// in feeds as STATUS:CANCELLED with a higher SEQUENCE, so that every
// subscribed calendar takes it. version is the one the secretariat saw.
// The organiser cannot undo it (see organiserReinstated).
func cancelled(old Event, sub Submission, version int, actor audit.Actor, now time.Time) (EventChange, error) {
	if old.Status != Published && old.Status != Tentative {
		return EventChange{}, apperr.New(apperr.Conflict, "admin.event.not_cancellable")
	}
	next := old
	next.Status, next.Version = Cancelled, version
	if err := current(old, next); err != nil {
		return EventChange{}, err
	}
	out, entry, _ := revise(old, next, actor, EventCancel, now)
	sub.CancelledBy = CancelledBySecretariat
	return EventChange{Event: &out, Submission: subOrNil(sub), Audit: entry}, nil
}

// reinstated undoes a cancellation: the event is published again with a
// higher SEQUENCE, so calendars show it again, and the audit trail says so.
// A hold that never got a place comes back as tentative. version is the
// one the person reinstating saw.
func reinstated(old Event, sub Submission, version int, actor audit.Actor, now time.Time) (EventChange, error) {
	if old.Status != Cancelled {
		return EventChange{}, apperr.New(apperr.Conflict, "admin.event.not_cancelled")
	}
	next := old
	next.Status, next.Version = Published, version
	if err := current(old, next); err != nil {
		return EventChange{}, err
	}
	if sub.Hold && old.Venue == "" && old.City == "" && old.OnlineURL == "" {
		next.Status = Tentative
	}
	out, entry, _ := revise(old, next, actor, EventReinstate, now)
	sub.CancelledBy = ""
	return EventChange{Event: &out, Submission: subOrNil(sub), Audit: entry}, nil
}

// Cancel cancels a public event for the secretariat (see cancelled).
func (s *Service) Cancel(ctx context.Context, actor audit.Actor, id int64, version int) error {
	old, sub, err := s.eventAndSubmission(ctx, id)
	if err != nil {
		return err
	}
	ch, err := cancelled(old, sub, version, actor, s.now())
	if err != nil {
		return err
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	s.notifySaved(ctx, NoticeCancelled, ch)
	return nil
}

// Reinstate publishes a cancelled event again for the secretariat (see
// reinstated). version is the one the secretariat saw.
func (s *Service) Reinstate(ctx context.Context, actor audit.Actor, id int64, version int) error {
	old, sub, err := s.eventAndSubmission(ctx, id)
	if err != nil {
		return err
	}
	ch, err := reinstated(old, sub, version, actor, s.now())
	if err != nil {
		return err
	}
	return s.store.SaveEvents(ctx, ch)
}

// eventAndSubmission loads an event and its submission, a zero Submission
// when it has none.
func (s *Service) eventAndSubmission(ctx context.Context, id int64) (Event, Submission, error) {
	e, err := s.store.EventByID(ctx, id)
	if err != nil {
		return Event{}, Submission{}, err
	}
	sub, err := s.store.SubmissionByEvent(ctx, e.ID)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return Event{}, Submission{}, err
	}
	return e, sub, nil
}

// EventAny returns an event whatever its status, for the secretariat.
func (s *Service) EventAny(ctx context.Context, id int64) (Event, error) {
	return s.store.EventByID(ctx, id)
}
