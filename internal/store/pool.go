// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// commitPool is the connection pool gorm uses (SQLite and PostgreSQL): the plain pool,
// except that it tells the version watch after every commit made through
// it (a transaction's commit, or a statement run outside one), so that
// this process's own changes reach its caches at once without asking the
// database on every request. Reads pass straight through.
type commitPool struct {
	*sql.DB
	committed func()
}

// ExecContext runs a statement outside a transaction: it commits by itself.
func (p *commitPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	defer p.committed()
	return p.DB.ExecContext(ctx, query, args...)
}

// BeginTx starts a transaction whose Commit is reported.
func (p *commitPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	tx, err := p.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &commitTx{Tx: tx, committed: p.committed}, nil
}

// GetDBConn gives gorm's DB() the pool underneath.
func (p *commitPool) GetDBConn() (*sql.DB, error) { return p.DB, nil }

type commitTx struct {
	*sql.Tx
	committed func()
}

// Commit reports the commit once it is done (also when it failed: a
// needless check costs one cheap query, a missed one a stale cache).
func (t *commitTx) Commit() error {
	defer t.committed()
	return t.Tx.Commit()
}
