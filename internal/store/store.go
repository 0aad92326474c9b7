// SPDX-License-Identifier: AGPL-3.0-or-later

// Package store persists nordcal's domain records with gorm on SQLite (the
// embedded default) or PostgreSQL. Every query here is valid on both.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver gorm's postgres dialect uses
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/nordcal/nordcal/internal/apperr"
)

//go:embed migrations
var migrations embed.FS

// Dialect names the database engine behind a DB.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is nordcal's database. It implements calendar.Store and directory.Store.
type DB struct {
	gorm    *gorm.DB
	dialect Dialect
	watch   *versionWatch
}

// ParseDSN splits a NORDCAL_DB value into its dialect and driver DSN.
// Accepted forms: "sqlite:PATH" and "postgres://…" (or "postgresql://…").
func ParseDSN(dsn string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" || strings.ContainsAny(path, "?#") {
			return "", "", fmt.Errorf("sqlite path %q must be a plain file path", path)
		}
		return SQLite, path, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	}
	return "", "", errors.New(`database must be "sqlite:PATH" or "postgres://…"`)
}

// Open connects to the database named by dsn (see ParseDSN). For SQLite it
// creates the file's directory and applies the settings that make one file
// safe under concurrent requests: WAL, a busy timeout, immediate write
// transactions and enforced foreign keys, and keeps each connection's 32
// most recent prepared statements: the clash check runs the same few
// queries on every keystroke, and preparing them anew was a visible share
// of its time.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	dialect, target, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	cfg := &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	}
	var g *gorm.DB
	watch := &versionWatch{}
	switch dialect {
	case SQLite:
		if dir := filepath.Dir(target); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
		if err := privateFiles(target); err != nil {
			return nil, fmt.Errorf("database file: %w", err)
		}
		pool, err := sql.Open(sqlite.DriverName, "file:"+target+
			"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate&_stmt_cache_size=32")
		if err != nil {
			return nil, fmt.Errorf("open sqlite database: %w", err)
		}
		g, err = gorm.Open(sqlite.New(sqlite.Config{Conn: &commitPool{DB: pool, committed: watch.committed}}), cfg)
		if err != nil {
			_ = pool.Close()
		}
	case Postgres:
		// The same commit-reporting pool as on SQLite: this instance's own
		// changes reach its caches at once, other instances' within
		// RecheckEvery, and a cached answer asks the database nothing.
		pool, err := sql.Open("pgx", target)
		if err != nil {
			return nil, fmt.Errorf("open postgres database: %w", err)
		}
		g, err = gorm.Open(postgres.New(postgres.Config{Conn: &commitPool{DB: pool, committed: watch.committed}}), cfg)
		if err != nil {
			_ = pool.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	if dialect == SQLite {
		sqlDB.SetMaxOpenConns(4)
		sqlDB.SetMaxIdleConns(4)
		sqlDB.SetConnMaxIdleTime(0)
	} else {
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(10)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	db := &DB{gorm: g, dialect: dialect, watch: watch}
	if err := db.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	if log != nil {
		log.Info("database opened", "dialect", dialect)
	}
	return db, nil
}

// Dialect returns the engine behind db.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the connection pool.
func (db *DB) Close() error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Migrate applies every pending migration. On PostgreSQL a session advisory
// lock makes instances that start together apply each migration once.
func (db *DB) Migrate(ctx context.Context) (applied int, err error) {
	p, err := db.migrations()
	if err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	if err := db.backfillSearch(ctx); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return len(res), nil
}

// migrations returns the migration provider for db's dialect.
func (db *DB) migrations() (*goose.Provider, error) {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(migrations, "migrations/"+string(db.dialect))
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	gd := goose.DialectSQLite3
	if db.dialect == Postgres {
		gd = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, sqlDB, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// SQL returns the underlying *sql.DB, for tools such as backups and tests.
func (db *DB) SQL() (*sql.DB, error) { return db.gorm.DB() }

// mapErr turns gorm errors into application errors.
func mapErr(err error, notFoundMsg string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return &apperr.Error{Kind: apperr.NotFound, MsgID: notFoundMsg, Err: err}
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return &apperr.Error{Kind: apperr.Conflict, MsgID: "error.conflict.duplicate", Err: err}
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "error.invalid_reference", Err: err}
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae
	}
	return apperr.Wrap(err)
}

// chunks splits ids into slices small enough for any driver's parameter limit.
func chunks(ids []int64, size int) [][]int64 {
	var out [][]int64
	for len(ids) > size {
		out = append(out, ids[:size])
		ids = ids[size:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// likePattern escapes LIKE wildcards in s and wraps it in % signs; use with ESCAPE '\'.
func likePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// Empty reports whether the database holds no organisations and no events,
// which is when the demo data set may be loaded.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var n int64
	if err := db.gorm.WithContext(ctx).Model(&organisationRow{}).Count(&n).Error; err != nil || n > 0 {
		return false, mapErr(err, "error.not_found")
	}
	if err := db.gorm.WithContext(ctx).Model(&eventRow{}).Count(&n).Error; err != nil {
		return false, mapErr(err, "error.not_found")
	}
	return n == 0, nil
}

// Backup writes a consistent copy of a SQLite database to path while the
// application keeps running (VACUUM INTO). path must not exist yet.
// PostgreSQL is backed up with its own tools (pg_dump), not here.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return errors.New("backup: the database is PostgreSQL; use pg_dump (see README, Running at scale)")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists already", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	// VACUUM INTO accepts an empty file; creating it first, exclusively,
	// gives the copy mode 0600 whatever the umask: it holds password
	// hashes and second-factor secrets.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := db.gorm.WithContext(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// privateFiles creates the SQLite file at path with mode 0600 when it is
// missing, and takes group and other permissions away from it and its
// -wal and -shm files when they exist (an older nordcal created them
// 0644). SQLite gives new -wal and -shm files the database file's mode.
// The files hold password hashes, session data and second-factor secrets.
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			if err := os.Chmod(p, perm&0o700); err != nil {
				return err
			}
		}
	}
	return nil
}
