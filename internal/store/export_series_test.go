// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import "time"

// SetNow replaces the database's clock, for tests of what changes as time
// moves on (the dates of open-ended series).
func (db *DB) SetNow(now func() time.Time) { db.gorm.NowFunc = now }
