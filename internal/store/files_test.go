// SPDX-License-Identifier: AGPL-3.0-or-later

//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/nordcal/nordcal/internal/store"
)

// The database and its backups hold password hashes, session data and
// second-factor secrets: only the owner may read them, whatever the umask.
func TestDatabaseFilesAreOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022) // the common default, under which files come out 0644
	defer syscall.Umask(old)
	ctx := context.Background()
	mode := func(p string) os.FileMode {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	t.Run("a new database, its -wal and -shm, and a backup", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "nordcal.db")
		db, err := store.Open(ctx, "sqlite:"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(dir, "backups", "copy.db")
		if err := db.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm", backup} {
			if m := mode(p); m != 0o600 {
				t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
			}
		}
	})
	t.Run("an existing database left readable by others is tightened", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nordcal.db")
		for _, p := range []string{path, path + "-wal"} {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		db, err := store.Open(ctx, "sqlite:"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, p := range []string{path, path + "-wal"} {
			if m := mode(p); m != 0o600 {
				t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
			}
		}
	})
}
