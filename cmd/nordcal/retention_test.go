// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/store"
)

// "nordcal retention run" applies the configured retention to the
// database and says what it removed; a second run removes nothing.
func TestRetentionCommand(t *testing.T) {
	dsn := "sqlite:" + t.TempDir() + "/nordcal.db"
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordFailure(ctx, []string{"account:aino@example.org"}, time.Now().Add(-4*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	env := map[string]string{"NORDCAL_DB": dsn, "NORDCAL_RETENTION_LOGIN_DAYS": "3"}
	cli := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
		return out.String(), err
	}
	out, err := cli("retention", "run")
	if err != nil || !strings.Contains(out, "failed sign-ins deleted: 1") {
		t.Fatalf("first run: %v %q", err, out)
	}
	if out, err := cli("retention", "run"); err != nil || !strings.Contains(out, "failed sign-ins deleted: 0") {
		t.Errorf("second run: %v %q", err, out)
	}
	if _, err := cli("retention", "sweep"); err == nil || !strings.Contains(err.Error(), "Usage: nordcal [flags] retention run") {
		t.Errorf("unknown subcommand: %v", err)
	}
	if out, err := cli("retention", "--help"); err != nil || !strings.Contains(out, "Usage: nordcal [flags] retention run") {
		t.Errorf("help: %v %q", err, out)
	}
}
