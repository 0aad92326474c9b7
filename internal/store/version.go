// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

// How caches are invalidated
//
// This is the one description; other files point here. Feeds, the
// calendar's pages and their ETags are cached by web (feedcache.go,
// pagecache.go) under a key made of calendar.FeedVersion: the change stamp
// below and the day. Nothing is ever invalidated by message. Every table a
// page or feed reads (StampedTables) has triggers that add one to the row
// of change_stamp in the same transaction as any INSERT, UPDATE or DELETE
// (migration 00006: row triggers on SQLite, statement triggers on
// PostgreSQL), so a committed change moves the stamp for every instance and
// the next request renders afresh. TestEveryReadTableMovesTheStamp fails
// when a table lacks a trigger on either database, and when a new table is
// in neither StampedTables nor unstampedTables. A save that changes nothing
// writes nothing (calendar.revise), so the stamp, the feeds' bytes and their
// ETags stay.
//
// RecheckEvery bounds how long a change made by another process (another
// instance on the same PostgreSQL, or an overlapping restart on the SQLite
// file) can go unseen; changes made through this process are seen at once.
const RecheckEvery = 100 * time.Millisecond

// StampedTables are the tables pages and feeds read: a change to any of
// them must move the change stamp (see above).
var StampedTables = []string{"events", "event_texts", "event_organisers", "event_networks", "event_topics",
	"organisations", "organisation_names", "networks", "network_texts", "protected_dates",
	"documents", "document_texts", "event_documents"}

// versionWatch answers DataVersion, which every feed request and every
// cached page asks for, so it must cost next to nothing.
//
// The truth is the change stamp, which triggers move in the same
// transaction as every change calendars show. The pool reports each commit
// made through it (commitPool, on both databases), and the stamp is read
// again only after such a commit or when RecheckEvery has passed; otherwise
// the answer comes from memory without a lock. (Reading it on every request
// under one mutex, as PostgreSQL instances once did, halved their cached
// feed rate.) The newest updated_at (for Last-Modified) is read only when
// the stamp has moved.
type versionWatch struct {
	commits atomic.Uint64 // commits reported by commitPool
	seen    atomic.Uint64 // commits already reflected in current
	checked atomic.Int64  // when the stamp was last read, UnixNano
	current atomic.Pointer[calendar.DataVersion]
	mu      sync.Mutex // one reader of the database at a time
}

func (w *versionWatch) committed() { w.commits.Add(1) }

// fresh returns the remembered version when no commit has been reported
// since it was read and it is recent. seen is loaded before current, and
// stored after it, so a reader that sees a commit as handled also sees
// the version that handled it.
func (w *versionWatch) fresh() (calendar.DataVersion, bool) {
	if w.seen.Load() != w.commits.Load() {
		return calendar.DataVersion{}, false
	}
	v := w.current.Load()
	if v == nil || time.Now().UnixNano()-w.checked.Load() > int64(RecheckEvery) {
		return calendar.DataVersion{}, false
	}
	return *v, true
}

// DataVersion implements calendar.Store.
func (db *DB) DataVersion(ctx context.Context) (calendar.DataVersion, error) {
	w := db.watch
	if v, ok := w.fresh(); ok {
		return v, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if v, ok := w.fresh(); ok { // another request has just read it
		return v, nil
	}
	commits := w.commits.Load() // before reading: a later commit means another read
	checked := time.Now()
	var n int64
	if err := db.gorm.WithContext(ctx).Raw(`SELECT n FROM change_stamp WHERE id = 1`).Row().Scan(&n); err != nil {
		return calendar.DataVersion{}, apperr.Wrap(err)
	}
	v := w.current.Load()
	if v == nil || v.Stamp != n {
		modified, err := db.lastChange(ctx)
		if err != nil {
			return calendar.DataVersion{}, err
		}
		v = &calendar.DataVersion{Stamp: n, Modified: modified}
		w.current.Store(v)
	}
	w.checked.Store(checked.UnixNano())
	w.seen.Store(commits)
	return *v, nil
}
