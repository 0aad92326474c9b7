// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"

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
