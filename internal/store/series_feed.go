// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"

	"github.com/nordcal/nordcal/internal/calendar"
)

// itemExpr names what a listed row belongs to in a feed: its series, or
// the event itself.
const itemExpr = "COALESCE(events.series_id, events.id)"

// FeedItems returns the IDs of the single events and series of which a
// date matches q, each once: ordered by the first matching start (the last,
// newest first, with q.Sort SortStartDesc), then by ID, at most q.Limit.
func (db *DB) FeedItems(ctx context.Context, q calendar.Query) ([]int64, error) {
	tx := where(db.gorm.WithContext(ctx).Model(&eventRow{}), q).
		Select(itemExpr + " AS item").Group(itemExpr)
	if q.Sort.Key == calendar.SortStartDesc {
		tx = tx.Order("MAX(events.start_at) DESC").Order("item DESC")
	} else {
		tx = tx.Order("MIN(events.start_at)").Order("item")
	}
	if q.Limit > 0 {
		tx = tx.Limit(q.Limit)
	}
	var ids []int64
	if err := tx.Pluck("item", &ids).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	return ids, nil
}

// CountFeedItems counts what FeedItems lists, ignoring Limit.
func (db *DB) CountFeedItems(ctx context.Context, q calendar.Query) (int, error) {
	var n int64
	if err := where(db.gorm.WithContext(ctx).Model(&eventRow{}), q).
		Select("COUNT(DISTINCT " + itemExpr + ")").Scan(&n).Error; err != nil {
		return 0, mapErr(err, "error.not_found")
	}
	return int(n), nil
}
