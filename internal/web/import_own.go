// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
)

// reconcileDrafts gives each draft of an event in our feeds the stored
// event's texts, place and zone wherever the file repeats what the feed
// writes for them (feed.Reconcile), so that importing our own feed, or a
// calendar program's copy of it, changes nothing the file did not change.
// Only the secretariat's import updates known events, so only it looks
// them up; the feed's events are the ones such a file can hold.
func (s *Server) reconcileDrafts(ctx context.Context, drafts []calendar.ImportDraft) error {
	if len(drafts) == 0 {
		return nil
	}
	stored, err := s.Calendar.Feed(ctx, calendar.Filter{})
	if err != nil {
		return err
	}
	byUID := make(map[string]int, len(stored))
	for i, e := range stored {
		byUID[e.UID] = i
	}
	for i := range drafts {
		if j, ok := byUID[drafts[i].Event.UID]; ok {
			feed.Reconcile(stored[j], &drafts[i].Event)
		}
	}
	return nil
}
