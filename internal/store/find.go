// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// Conditions on an event's submission that tell the standings of rejected
// events apart (see calendar.StandingOf: a withdrawal wins over a merge).
const (
	subWithdrawn = `EXISTS (SELECT 1 FROM submissions s WHERE s.event_id = events.id AND s.withdrawn = ?)`
	subDuplicate = `EXISTS (SELECT 1 FROM submissions s WHERE s.event_id = events.id AND s.withdrawn = ? AND s.merged_into IS NOT NULL)`
	subDeclined  = `NOT EXISTS (SELECT 1 FROM submissions s WHERE s.event_id = events.id AND (s.withdrawn = ? OR s.merged_into IS NOT NULL))`
)

// whereStatus limits tx to the events with q's standings, else to those
// with its statuses (PublicStatuses when it has none). Every status is no
// limit at all, and is left out so that the planner may read the index of
// the order instead of sorting every event.
func whereStatus(tx *gorm.DB, q calendar.Query) *gorm.DB {
	if len(q.Standings) > 0 {
		return whereStandings(tx, q.Standings)
	}
	statuses := q.Statuses
	if len(statuses) == 0 {
		statuses = calendar.PublicStatuses
	}
	all := true
	for _, st := range calendar.Statuses {
		all = all && slices.Contains(statuses, st)
	}
	if all {
		return tx
	}
	return tx.Where("events.status IN ?", statuses)
}

// whereStandings limits tx to the events whose standing is one of ss.
func whereStandings(tx *gorm.DB, ss []calendar.Standing) *gorm.DB {
	var plain []string
	var conds []string
	var args []any
	for _, st := range ss {
		switch st {
		case calendar.StandingWithdrawn:
			conds, args = append(conds, "(events.status = ? AND "+subWithdrawn+")"), append(args, calendar.Rejected, true)
		case calendar.StandingDuplicate:
			conds, args = append(conds, "(events.status = ? AND "+subDuplicate+")"), append(args, calendar.Rejected, false)
		case calendar.StandingRejected:
			conds, args = append(conds, "(events.status = ? AND "+subDeclined+")"), append(args, calendar.Rejected, true)
		default:
			plain = append(plain, string(st))
		}
	}
	if len(plain) > 0 {
		conds, args = append(conds, "events.status IN ?"), append(args, plain)
	}
	return tx.Where("("+strings.Join(conds, " OR ")+")", args...)
}

// orderEvents applies the order s to a query on events, with the ID last
// so that pages never overlap.
func orderEvents(tx *gorm.DB, s calendar.Sort) *gorm.DB {
	switch s.Key {
	case calendar.SortStartDesc:
		return tx.Order("events.start_at DESC, events.id DESC")
	case calendar.SortChanged:
		return tx.Order("events.updated_at DESC, events.id DESC")
	case calendar.SortTitle:
		// The title in s.Lang, else in the original language, else in
		// English, as calendar.Event.Title picks it.
		l := s.Lang
		if _, ok := lang.Parse(string(l)); !ok {
			l = lang.EN
		}
		return tx.Joins("LEFT JOIN event_texts tw ON tw.event_id = events.id AND tw.lang = ?", string(l)).
			Joins("LEFT JOIN event_texts tl ON tl.event_id = events.id AND tl.lang = events.original_lang").
			Joins("LEFT JOIN event_texts te ON te.event_id = events.id AND te.lang = ?", string(lang.EN)).
			Order("lower(COALESCE(NULLIF(tw.title, ''), NULLIF(tl.title, ''), te.title, '')), events.id")
	}
	return tx.Order("events.start_at, events.id")
}

// eventRows reads the rows of the events q selects in q.Sort's order. A
// page after the first is read in two steps, the IDs of its rows and then
// the rows: the sort keeps every row it skips, and an ID is much smaller
// than an event.
func (db *DB) eventRows(ctx context.Context, q calendar.Query) ([]eventRow, error) {
	tx := where(db.gorm.WithContext(ctx).Model(&eventRow{}), q)
	if q.Before != 0 {
		// The rows just before the cursor: read backwards, turned round below.
		tx = tx.Order("events.start_at DESC, events.id DESC")
	} else {
		tx = orderEvents(tx, q.Sort)
	}
	if q.Limit > 0 {
		tx = tx.Limit(q.Limit)
	}
	var rows []eventRow
	if q.Offset <= 0 {
		rows, err := scanEvents(tx, q.Limit)
		if err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		if q.Before != 0 {
			slices.Reverse(rows)
		}
		return rows, nil
	}
	var ids []int64
	if err := tx.Offset(q.Offset).Pluck("events.id", &ids).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	rows, err := db.rowsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(rows, func(a, b eventRow) int { return at[a.ID] - at[b.ID] })
	return rows, nil
}

// SubmissionsOf returns the submissions of the events with ids.
func (db *DB) SubmissionsOf(ctx context.Context, ids []int64) ([]calendar.Submission, error) {
	var out []calendar.Submission
	for _, part := range chunks(ids, 500) {
		var rows []submissionRow
		if err := db.gorm.WithContext(ctx).Where("event_id IN ?", part).Find(&rows).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		for _, r := range rows {
			out = append(out, r.submission())
		}
	}
	return out, nil
}
