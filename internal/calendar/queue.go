// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"

	"github.com/nordcal/nordcal/internal/apperr"
)

// Queue is one page of the moderation queue.
type Queue struct {
	Items   []PendingItem
	Total   int
	Page    int
	PerPage int
}

// Pages returns the number of pages, at least 1.
func (q Queue) Pages() int { return Page{Total: q.Total, PerPage: q.PerPage}.Pages() }

// PendingPage returns page (from 1) of the moderation queue, oldest first,
// perPage submissions a page, with how many await moderation in all. A page
// after the last is Invalid.
func (s *Service) PendingPage(ctx context.Context, page, perPage int) (Queue, error) {
	if perPage <= 0 {
		perPage = 50
	}
	total, err := s.store.CountPending(ctx, "")
	if err != nil {
		return Queue{}, err
	}
	q := Queue{Total: total, Page: max(page, 1), PerPage: perPage}
	if q.Page > q.Pages() {
		return Queue{}, apperr.Fields{ParamPage: "filter.bad_page"}.Err("filter.invalid")
	}
	subs, err := s.store.PendingSubmissions(ctx, perPage, (q.Page-1)*perPage)
	if err != nil {
		return Queue{}, err
	}
	q.Items, err = s.pendingItems(ctx, subs)
	return q, err
}
