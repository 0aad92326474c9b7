// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"

	"github.com/nordcal/nordcal/internal/apperr"
)

// Parameters of the public event list's keyset pages.
const (
	ParamAfter  = "after"
	ParamBefore = "before"
)

// BrowseCountCap is how far Browse counts: the list says "more than 1,000
// events" above it. Counting every upcoming event on each render made the
// list page's cost grow with the calendar (62 ms at 100,000 events).
const BrowseCountCap = 1000

// Cursor is where a page of the public list starts: after or before the
// event with that ID (at most one of the two), or at the start when zero.
type Cursor struct {
	After, Before int64
}

// Window is one page of the public event list, paged by keyset.
type Window struct {
	Events []Event
	// Total is how many events match, counted up to BrowseCountCap; Over
	// says that more match.
	Total int
	Over  bool
	// Prev and Next lead to the neighbouring pages; zero when there is
	// none.
	Prev, Next Cursor
}

// Browse returns the page of public events matching f at cur, in start
// order, with how many there are (up to BrowseCountCap) and the cursors
// of the pages before and after it. Without a From date it lists events
// that have not ended yet. A cursor naming no event is Invalid.
//
// Each page costs the same wherever it is: the store reads perPage+1
// events from the cursor on, and asks with one more one-row read whether
// anything lies on the other side.
func (s *Service) Browse(ctx context.Context, f Filter, cur Cursor, perPage int) (Window, error) {
	if err := s.checkFilter(ctx, f); err != nil {
		return Window{}, err
	}
	if cur.After != 0 && cur.Before != 0 {
		return Window{}, badCursor()
	}
	base := Query{Filter: f}
	if f.From.IsZero() {
		base.EndsAfter = s.now()
	}
	for _, id := range []int64{cur.After, cur.Before} {
		if id == 0 {
			continue
		}
		if _, err := s.store.EventByID(ctx, id); apperr.Is(err, apperr.NotFound) {
			return Window{}, badCursor()
		} else if err != nil {
			return Window{}, err
		}
	}
	counted := base
	counted.CountCap = BrowseCountCap + 1
	total, err := s.store.CountEvents(ctx, counted)
	if err != nil {
		return Window{}, err
	}
	q := base
	q.After, q.Before, q.Limit = cur.After, cur.Before, perPage+1
	evs, err := s.store.ListEvents(ctx, q)
	if err != nil {
		return Window{}, err
	}
	w := Window{Total: min(total, BrowseCountCap), Over: total > BrowseCountCap}
	more := len(evs) > perPage
	switch {
	case cur.Before != 0 && more:
		evs = evs[1:] // the extra one is the earliest
	case more:
		evs = evs[:perPage]
	}
	w.Events = evs
	if len(evs) == 0 {
		return w, nil
	}
	first, last := evs[0].ID, evs[len(evs)-1].ID
	// The side the page was read towards is known from the extra event;
	// the other side is asked for with a one-row count.
	hasPrev, hasNext := false, more
	if cur.Before != 0 {
		hasPrev = more
	}
	if cur.After != 0 || cur.Before != 0 {
		probe := base
		probe.CountCap = 1
		if cur.After != 0 {
			probe.Before = first
		} else {
			probe.After = last
		}
		n, err := s.store.CountEvents(ctx, probe)
		if err != nil {
			return Window{}, err
		}
		if cur.After != 0 {
			hasPrev = n > 0
		} else {
			hasNext = n > 0
		}
	}
	if hasPrev {
		w.Prev = Cursor{Before: first}
	}
	if hasNext {
		w.Next = Cursor{After: last}
	}
	return w, nil
}

// badCursor is the error of an after or before parameter that names no
// event: to a reader, a page that does not exist.
func badCursor() error {
	return apperr.Fields{ParamPage: "filter.bad_page"}.Err("filter.invalid")
}
