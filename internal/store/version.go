// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"database/sql"
	"sync"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

// versionWatch answers DataVersion cheaply: every feed request and every
// cached page asks for it.
//
// On SQLite it keeps one connection of its own and asks it for PRAGMA
// data_version, which changes whenever another connection (of this process
// or another) has committed, without reading any table. Only then is the
// change stamp read again, and the newest updated_at only when the stamp
// moved; sign-ins and other writes that calendars do not show leave the
// stamp, and so every cache, as it was. On PostgreSQL the stamp row is read
// on each call (one primary-key lookup), because another instance may have
// moved it.
type versionWatch struct {
	mu      sync.Mutex
	conn    *sql.Conn // SQLite only
	dataVer *sql.Stmt // PRAGMA data_version on conn
	known   bool
	lastDV  int64
	current calendar.DataVersion
}

const stampQuery = `SELECT n FROM change_stamp WHERE id = 1`

// openVersionWatch prepares the statements; on SQLite it takes one
// connection from the pool for good.
func openVersionWatch(ctx context.Context, sqlDB *sql.DB, dialect Dialect) (*versionWatch, error) {
	w := &versionWatch{}
	if dialect != SQLite {
		return w, nil
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w.conn = conn
	if w.dataVer, err = conn.PrepareContext(ctx, `PRAGMA data_version`); err != nil {
		_ = conn.Close()
		return nil, err
	}
	return w, nil
}

func (w *versionWatch) close() {
	if w.conn != nil {
		_ = w.conn.Close()
	}
}

// DataVersion implements calendar.Store.
func (db *DB) DataVersion(ctx context.Context) (calendar.DataVersion, error) {
	w := db.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	var dv int64
	if w.conn != nil {
		// Without the request's context: the pragma reads no table and
		// answers at once, and a cancellable context makes the driver start
		// a goroutine to watch it, which would cost more than the pragma.
		if err := w.dataVer.QueryRowContext(context.Background()).Scan(&dv); err != nil {
			return calendar.DataVersion{}, apperr.Wrap(err)
		}
		if w.known && dv == w.lastDV {
			return w.current, nil
		}
	}
	n, err := db.readStamp(ctx, w)
	if err != nil {
		return calendar.DataVersion{}, err
	}
	if !w.known || n != w.current.Stamp {
		modified, err := db.LastChange(ctx)
		if err != nil {
			return calendar.DataVersion{}, err
		}
		w.current = calendar.DataVersion{Stamp: n, Modified: modified}
	}
	w.known, w.lastDV = true, dv
	return w.current, nil
}

// readStamp reads the change stamp, on the watching connection for SQLite
// (so that it is at least as new as the data_version just read).
func (db *DB) readStamp(ctx context.Context, w *versionWatch) (int64, error) {
	var n int64
	var row *sql.Row
	if w.conn != nil {
		row = w.conn.QueryRowContext(ctx, stampQuery)
	} else {
		sqlDB, err := db.gorm.DB()
		if err != nil {
			return 0, apperr.Wrap(err)
		}
		row = sqlDB.QueryRowContext(ctx, stampQuery)
	}
	if err := row.Scan(&n); err != nil {
		return 0, apperr.Wrap(err)
	}
	return n, nil
}
