// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import "context"

// MigrateTo applies the migrations up to version only, so that tests can
// store rows as an older release did and check what a later migration
// makes of them.
func (db *DB) MigrateTo(ctx context.Context, version int64) error {
	p, err := db.migrations()
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}
