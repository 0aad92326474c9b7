// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
)

// Occurrence returns the date of series id named key (its RecurrenceKey),
// whatever its status, for the secretariat; NotFound when the series has
// no such date. Occurrence rows are rewritten when the series is saved, so
// a date is always named by series and key, never by its row's ID.
func (s *Service) Occurrence(ctx context.Context, id int64, key string) (Event, error) {
	return s.store.Occurrence(ctx, id, key)
}

// PublicOccurrence is Occurrence for readers: the date of a public series,
// NotFound otherwise.
func (s *Service) PublicOccurrence(ctx context.Context, id int64, key string) (Event, error) {
	e, err := s.store.Occurrence(ctx, id, key)
	if err != nil {
		return Event{}, err
	}
	if !e.IsPublic() {
		return Event{}, apperr.New(apperr.NotFound, "error.not_found")
	}
	return e, nil
}

// Overrides returns the dates of series id changed or cancelled on their
// own, ordered by key.
func (s *Service) Overrides(ctx context.Context, id int64) ([]Event, error) {
	return s.store.Overrides(ctx, []int64{id})
}

// organiserDateEdited is the organiser's change of one date of their
// series with the manage link (see organiserEdited), while the series is
// pending or published and the date not cancelled. A new or changed link
// or address is refused: one date cannot go back to moderation on its own,
// so links are changed for the whole series.
func organiserDateEdited(series, old Event, sub Submission, next Event, now time.Time) (EventChange, bool, error) {
	if st := sub.State(series); st != StatePending && st != StatePublished || old.Status == Cancelled {
		return EventChange{}, false, apperr.New(apperr.Conflict, "manage.read_only")
	}
	if changesDestination(old, next) {
		return EventChange{}, false, apperr.New(apperr.Invalid, "manage.date_links")
	}
	return organiserEdited(old, sub, next, false, now)
}

// organiserDateCancelled is the organiser's cancellation of one date of
// their published series; the other dates stay. version is the date's as
// the organiser saw it. Undoing it is the secretariat's (Reinstate on the
// date): which of the two cancelled a date is not kept per date.
func organiserDateCancelled(series, old Event, sub Submission, version int, now time.Time) (EventChange, error) {
	if sub.State(series) != StatePublished || old.Status != Published && old.Status != Tentative {
		return EventChange{}, apperr.New(apperr.Conflict, "manage.read_only")
	}
	if err := editAllowed(sub, now); err != nil {
		return EventChange{}, err
	}
	next := old
	next.Status, next.Version = Cancelled, version
	if err := current(old, next); err != nil {
		return EventChange{}, err
	}
	counted(&sub, now)
	out, entry, _ := revise(old, next, submitterActor(sub), EventCancel, now)
	return EventChange{Event: &out, Submission: &sub, Audit: entry}, nil
}

// DateByToken returns the series of a manage link and its date named key;
// NotFound when the link's event is no series or has no such date.
func (s *Service) DateByToken(ctx context.Context, token, key string) (Submission, Event, Event, error) {
	sub, series, err := s.ByToken(ctx, token)
	if err != nil {
		return Submission{}, Event{}, Event{}, err
	}
	if !series.IsSeries() {
		return Submission{}, Event{}, Event{}, apperr.New(apperr.NotFound, "error.not_found")
	}
	date, err := s.store.Occurrence(ctx, series.ID, key)
	if err != nil {
		return Submission{}, Event{}, Event{}, err
	}
	return sub, series, date, nil
}

// EditDateByToken saves the organiser's change of one date of their
// series (see organiserDateEdited); next.Version is the date's.
func (s *Service) EditDateByToken(ctx context.Context, token, key string, next *Event) error {
	sub, series, old, err := s.DateByToken(ctx, token, key)
	if err != nil {
		return err
	}
	if err := s.store.ResolveLinks(ctx, next); err != nil {
		return err
	}
	ch, changed, err := organiserDateEdited(series, old, sub, *next, s.now())
	if err != nil || !changed {
		return err
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	*next = *ch.Event
	return nil
}

// CancelDateByToken cancels one date of the organiser's series (see
// organiserDateCancelled).
func (s *Service) CancelDateByToken(ctx context.Context, token, key string, version int) error {
	sub, series, old, err := s.DateByToken(ctx, token, key)
	if err != nil {
		return err
	}
	ch, err := organiserDateCancelled(series, old, sub, version, s.now())
	if err != nil {
		return err
	}
	return s.store.SaveEvents(ctx, ch)
}
