// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/directory"
)

// Query is what the service asks the store for: a filter plus the window
// and paging rules the use case needs.
type Query struct {
	Filter
	// Statuses limits the result; empty means PublicStatuses.
	Statuses []Status
	// Standings, when set, limits the result instead of Statuses.
	Standings []Standing
	// Sort orders ListEvents; the zero Sort orders by start, then ID.
	Sort Sort
	// EndsAfter, when set, keeps events that end after it.
	EndsAfter time.Time
	// EndsBy, when set, keeps events that end at or before it.
	EndsBy time.Time
	// CancelledEndsAfter, when set, applies to cancelled events instead of
	// EndsAfter, so that cancellations can stay visible for a shorter time.
	CancelledEndsAfter time.Time
	// Limit caps the result (0: no cap); Offset skips rows.
	Limit, Offset int
	// After and Before, when set (at most one), keep the events that come
	// after or before the event with this ID in the zero Sort's order
	// (start, then ID): keyset paging, as cheap on the last page as on the
	// first. With Before, ListEvents still returns the events in ascending
	// order, the ones just before the cursor.
	After, Before int64
	// CountCap, when set, lets CountEvents stop counting at CountCap.
	CountCap int
	// TextsOnly loads titles and descriptions but not organisers,
	// networks and topics, for views that only name events.
	TextsOnly bool
}

// Store is everything the calendar service reads and writes. Writing an
// event has one way, EventWriter.SaveEvents; the other parts only read,
// except the protected dates.
type Store interface {
	EventReader
	EventWriter
	SubmissionReader
	ModerationStore
	ClashReader
	ProtectedStore
	LinkStore
}

// EventReader reads events.
type EventReader interface {
	// ListEvents returns the events matching q in q.Sort's order, then by
	// ID, with organisers and networks loaded.
	ListEvents(ctx context.Context, q Query) ([]Event, error)
	// CountEvents returns how many events match q, ignoring Limit and Offset.
	CountEvents(ctx context.Context, q Query) (int, error)
	// EventByID returns an apperr NotFound error when there is no such event.
	EventByID(ctx context.Context, id int64) (Event, error)
	// EventByUID returns NotFound when no event has uid.
	EventByUID(ctx context.Context, uid string) (Event, error)
	// EventsByID returns the events with ids, in no particular order;
	// missing ones are left out.
	EventsByID(ctx context.Context, ids []int64) ([]Event, error)
	// Occurrence returns the date of series id whose RecurrenceKey is key,
	// or NotFound.
	Occurrence(ctx context.Context, id int64, key string) (Event, error)
	// Overrides returns the dates changed on their own of the series with
	// ids, ordered by key within each series.
	Overrides(ctx context.Context, ids []int64) ([]Event, error)
	// FeedItems and CountFeedItems list and count the single events and
	// series of which a date matches q, a series once (series_feed.go).
	FeedItems(ctx context.Context, q Query) ([]int64, error)
	CountFeedItems(ctx context.Context, q Query) (int, error)
	// ResolveLinks fills e's organisers and networks from their IDs; an
	// unknown ID is Invalid.
	ResolveLinks(ctx context.Context, e *Event) error
	// EventDays returns the first and last local day of each event matching
	// q, without loading the events themselves.
	EventDays(ctx context.Context, q Query) ([][2]Date, error)
	// DataVersion identifies the current state of everything calendars
	// show (events of any status, their texts and links, organisations,
	// networks, protected dates). It must be cheap: feeds ask on every request.
	DataVersion(ctx context.Context) (DataVersion, error)
}

// Windows that decide how long past events stay in feeds.
const (
	// PastWindow keeps past events in feeds and the API so that subscribers'
	// history does not vanish.
	PastWindow = 365 * 24 * time.Hour
	// CancelledWindow keeps cancelled events in feeds after their end so
	// that every subscribed calendar learns of the cancellation.
	CancelledWindow = 60 * 24 * time.Hour
	// MaxFeedEvents caps one feed. Above it a feed keeps every upcoming and
	// ongoing event first (the soonest, if even those are more) and fills
	// up with the most recent past ones, and says so (see Feed).
	MaxFeedEvents = 5000
	// MaxRangeEvents caps the events loaded for a month or year view.
	MaxRangeEvents = 20000
)

// Page is one page of a list of events.
type Page struct {
	Events  []Event
	Total   int
	Page    int
	PerPage int
}

// Pages returns the number of pages.
func (p Page) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// Service is the calendar's use cases.
type Service struct {
	store     Store
	dir       directory.Store
	uidDomain string
	now       func() time.Time
	holidays  Holidays
	rules     ClashRules
	ceiling   int
	notifier  Notifier
}

// NewService returns a Service. uidDomain is the right-hand side of new
// event UIDs (e.g. the host name of the base URL); now is the clock.
func NewService(store Store, dir directory.Store, uidDomain string, now func() time.Time, opts ...Option) *Service {
	if now == nil {
		now = time.Now
	}
	s := &Service{store: store, dir: dir, uidDomain: uidDomain, now: now, rules: DefaultClashRules, ceiling: DefaultPendingCeiling}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Now returns the service's current time.
func (s *Service) Now() time.Time { return s.now() }

// checkFilter makes sure every organiser and network slug exists, so an
// unknown one is reported instead of silently matching nothing.
func (s *Service) checkFilter(ctx context.Context, f Filter) error {
	fields := apperr.Fields{}
	for _, slug := range f.Organisers {
		if _, err := s.dir.OrganisationBySlug(ctx, slug); apperr.Is(err, apperr.NotFound) {
			fields.Add(ParamOrganiser, "filter.unknown_value")
		} else if err != nil {
			return err
		}
	}
	for _, slug := range f.Networks {
		if _, err := s.dir.NetworkBySlug(ctx, slug); apperr.Is(err, apperr.NotFound) {
			fields.Add(ParamNetwork, "filter.unknown_value")
		} else if err != nil {
			return err
		}
	}
	return fields.Err("filter.invalid")
}

// List returns one page of public events matching f. Without a From date
// it lists events that have not ended yet.
func (s *Service) List(ctx context.Context, f Filter, page, perPage int) (Page, error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return Page{}, err
	}
	if page < 1 {
		page = 1
	}
	q := Query{Filter: f, Limit: perPage, Offset: (page - 1) * perPage}
	if f.From.IsZero() {
		q.EndsAfter = s.now()
	}
	total, err := s.store.CountEvents(ctx, q)
	if err != nil {
		return Page{}, err
	}
	evs, err := s.store.ListEvents(ctx, q)
	if err != nil {
		return Page{}, err
	}
	return Page{Events: evs, Total: total, Page: page, PerPage: perPage}, nil
}

// Range returns the public events matching f that touch the days from
// first to last inclusive, for month and year views.
func (s *Service) Range(ctx context.Context, f Filter, first, last Date) ([]Event, error) {
	return s.rangeEvents(ctx, f, first, last, false)
}

// RangeTitles is Range for views that only name and date events: the
// events come without organisers, networks and topics.
func (s *Service) RangeTitles(ctx context.Context, f Filter, first, last Date) ([]Event, error) {
	return s.rangeEvents(ctx, f, first, last, true)
}

func (s *Service) rangeEvents(ctx context.Context, f Filter, first, last Date, textsOnly bool) ([]Event, error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return nil, err
	}
	if f.From.IsZero() || f.From.Before(first) {
		f.From = first
	}
	if f.To.IsZero() || f.To.After(last) {
		f.To = last
	}
	if f.To.Before(f.From) {
		return nil, nil
	}
	return s.store.ListEvents(ctx, Query{Filter: f, Limit: MaxRangeEvents, TextsOnly: textsOnly})
}

// DayCounts counts, for each day from first to last, the public events
// matching f that take place that day, and returns how many events there
// are in all; the year planner needs no more.
func (s *Service) DayCounts(ctx context.Context, f Filter, first, last Date) (map[Date]int, int, error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return nil, 0, err
	}
	if f.From.IsZero() || f.From.Before(first) {
		f.From = first
	}
	if f.To.IsZero() || f.To.After(last) {
		f.To = last
	}
	counts := map[Date]int{}
	if f.To.Before(f.From) {
		return counts, 0, nil
	}
	spans, err := s.store.EventDays(ctx, Query{Filter: f})
	if err != nil {
		return nil, 0, err
	}
	for _, sp := range spans {
		d0, d1 := sp[0], sp[1]
		if d0.Before(f.From) {
			d0 = f.From
		}
		for d := d0; !d.After(d1) && !d.After(f.To); d = d.AddDays(1) {
			counts[d]++
		}
	}
	return counts, len(spans), nil
}

// Feed returns the events of a subscription feed, in start order: public
// events matching f that ended less than PastWindow ago (CancelledWindow
// for cancelled ones), and total, how many events match. A feed never
// drops upcoming events for past ones: when more than MaxFeedEvents match,
// it holds every upcoming and ongoing event (the soonest MaxFeedEvents if
// even those are more) and fills up with the most recent past ones; the
// caller says so when total exceeds len(events).
func (s *Service) Feed(ctx context.Context, f Filter) (events []Event, total int, err error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return nil, 0, err
	}
	// A count that stops past the cap (an index read) decides, before any
	// event is loaded: a feed under the cap is loaded once, and one over
	// it never loads events it then drops.
	q := s.feedQuery(f)
	capped := q
	capped.CountCap = MaxFeedEvents + 1
	if total, err = s.store.CountEvents(ctx, capped); err != nil {
		return nil, 0, err
	}
	if total <= MaxFeedEvents {
		events, err = s.store.ListEvents(ctx, q)
		return events, len(events), err
	}
	if total, err = s.store.CountEvents(ctx, q); err != nil {
		return nil, 0, err
	}
	now := s.now()
	upcoming := q
	upcoming.EndsAfter, upcoming.CancelledEndsAfter, upcoming.Limit = now, now, MaxFeedEvents
	if events, err = s.store.ListEvents(ctx, upcoming); err != nil || len(events) == MaxFeedEvents {
		return events, total, err
	}
	past := q
	past.EndsBy, past.Sort, past.Limit = now, Sort{Key: SortStartDesc}, MaxFeedEvents-len(events)
	recent, err := s.store.ListEvents(ctx, past)
	if err != nil {
		return nil, 0, err
	}
	events = append(recent, events...)
	slices.SortStableFunc(events, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return events, total, nil
}

// FeedCount returns how many events match the iCalendar feed for f, a
// series once as CalendarFeed counts them (more than the feed holds when
// it is over MaxFeedEvents), without loading them.
func (s *Service) FeedCount(ctx context.Context, f Filter) (int, error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return 0, err
	}
	return s.store.CountFeedItems(ctx, s.feedQuery(f))
}

func (s *Service) feedQuery(f Filter) Query {
	now := s.now()
	return Query{Filter: f, EndsAfter: now.Add(-PastWindow), CancelledEndsAfter: now.Add(-CancelledWindow)}
}

// DataVersion identifies a state of the calendar's data: Stamp moves
// forward with every change, in the same transaction, whichever instance
// made it; Modified is the newest updated_at, for Last-Modified headers.
type DataVersion struct {
	Stamp    int64
	Modified time.Time
}

// FeedVersion is the version every feed and cached page is keyed on: the
// data's version, with Modified at least the start of today in UTC, because
// events also leave feeds by ageing out of the window and pages mark today.
// An event leaving a feed (rejected, refiltered, renamed organiser) moves
// the stamp too.
func (s *Service) FeedVersion(ctx context.Context) (DataVersion, error) {
	v, err := s.store.DataVersion(ctx)
	if err != nil {
		return DataVersion{}, err
	}
	if day := s.now().UTC().Truncate(24 * time.Hour); day.After(v.Modified) {
		v.Modified = day
	}
	return v, nil
}

// Key is v as a cache-key fragment: it changes with the data and each day.
func (v DataVersion) Key() string {
	return strconv.FormatInt(v.Stamp, 10) + "." + strconv.FormatInt(v.Modified.Unix(), 10)
}

// Event returns a public event; pending and rejected events are NotFound.
func (s *Service) Event(ctx context.Context, id int64) (Event, error) {
	e, err := s.store.EventByID(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if !e.IsPublic() {
		return Event{}, apperr.New(apperr.NotFound, "error.not_found")
	}
	return e, nil
}
