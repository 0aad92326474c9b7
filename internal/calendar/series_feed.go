// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
	"time"
)

// CalendarFeed returns what the iCalendar feed for f holds: each single
// event and each series of which a date matches f (filters apply per
// date), a series as its master record and its overrides, which feeds
// write as one VEVENT with RRULE and one with RECURRENCE-ID per override.
// The cap of Feed counts a series once: shown is how many events and
// series the feed holds, total how many match.
func (s *Service) CalendarFeed(ctx context.Context, f Filter) (events []Event, shown, total int, err error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return nil, 0, 0, err
	}
	q := s.feedQuery(f)
	q.Limit = MaxFeedEvents + 1
	ids, err := s.store.FeedItems(ctx, q)
	if err != nil {
		return nil, 0, 0, err
	}
	total = len(ids)
	if len(ids) > MaxFeedEvents {
		// As Feed: every upcoming and ongoing one first, then the most
		// recent past ones. A series with dates on both sides is upcoming.
		q.Limit = 0
		if total, err = s.store.CountFeedItems(ctx, q); err != nil {
			return nil, 0, 0, err
		}
		now := s.now()
		upcoming := q
		upcoming.EndsAfter, upcoming.CancelledEndsAfter, upcoming.Limit = now, now, MaxFeedEvents
		if ids, err = s.store.FeedItems(ctx, upcoming); err != nil {
			return nil, 0, 0, err
		}
		if len(ids) < MaxFeedEvents {
			past := q
			past.EndsBy, past.Sort, past.Limit = now, Sort{Key: SortStartDesc}, MaxFeedEvents
			recent, err := s.store.FeedItems(ctx, past)
			if err != nil {
				return nil, 0, 0, err
			}
			have := make(map[int64]bool, len(ids))
			for _, id := range ids {
				have[id] = true
			}
			for _, id := range recent {
				if len(ids) == MaxFeedEvents {
					break
				}
				if !have[id] {
					have[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	events, err = s.withOverrides(ctx, ids)
	return events, len(ids), total, err
}

// EventCalendar returns what the .ics file of public event id holds: the
// event, or for a series (or one of its dates) the series with its
// overrides; first is the event or series itself.
func (s *Service) EventCalendar(ctx context.Context, id int64) (events []Event, first Event, err error) {
	e, err := s.Event(ctx, id)
	if err != nil {
		return nil, Event{}, err
	}
	if e.IsOccurrence() {
		id = e.SeriesID
	}
	if events, err = s.withOverrides(ctx, []int64{id}); err != nil {
		return nil, Event{}, err
	}
	for _, x := range events {
		if x.ID == id {
			return events, x, nil
		}
	}
	return events, e, nil
}

// withOverrides loads the events with ids and the overrides of those that
// are series. A date cancelled on its own stays a CANCELLED override while
// cancelled events stay in feeds (CancelledWindow), and becomes an EXDATE
// of its series after that (the reasons are in internal/feed/series.go).
func (s *Service) withOverrides(ctx context.Context, ids []int64) ([]Event, error) {
	evs, err := s.store.EventsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	series := map[int64]int{}
	var seriesIDs []int64
	for i, e := range evs {
		if e.IsSeries() {
			series[e.ID] = i
			seriesIDs = append(seriesIDs, e.ID)
		}
	}
	if len(seriesIDs) == 0 {
		return evs, nil
	}
	overrides, err := s.store.Overrides(ctx, seriesIDs)
	if err != nil {
		return nil, err
	}
	gone := s.now().Add(-CancelledWindow)
	for _, o := range overrides {
		i, ok := series[o.SeriesID]
		if !ok {
			continue
		}
		if o.Status == Cancelled && evs[i].Status != Cancelled && !o.End.After(gone) {
			if key, ok := ParseRecurrenceKey(o.RecurrenceKey); ok {
				m := &evs[i]
				m.Repeat.ExDates = append(slices.Clip(m.Repeat.ExDates), key)
				slices.SortFunc(m.Repeat.ExDates, time.Time.Compare)
				m.Repeat.ExDates = slices.CompactFunc(m.Repeat.ExDates, time.Time.Equal)
			}
			continue
		}
		evs = append(evs, o)
	}
	return evs, nil
}
