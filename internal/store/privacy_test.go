// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/privacy"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// schemaColumns lists every column of every table of the migrated db.
func schemaColumns(t *testing.T, db *store.DB) []privacy.Column {
	t.Helper()
	ctx := context.Background()
	var out []privacy.Column
	if db.Dialect() == store.Postgres {
		rows, err := db.Strings(ctx, `SELECT c.table_name, c.column_name FROM information_schema.columns c
			JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, privacy.Column{Table: r[0], Column: r[1]})
		}
		return out
	}
	tables, err := db.Strings(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		rows, err := db.Strings(ctx, `SELECT name FROM pragma_table_info('`+tb[0]+`')`)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, privacy.Column{Table: tb[0], Column: r[0]})
		}
	}
	return out
}

// Every column whose name suggests personal data is in a kind of the
// privacy notice (or explained as not personal), and every column a kind
// names exists: the notice cannot fall behind the schema.
func TestPrivacyKindsCoverTheSchema(t *testing.T) {
	db := storetest.Open(t)
	cols := schemaColumns(t, db)
	if len(cols) < 50 {
		t.Fatalf("only %d columns found: the schema query is wrong", len(cols))
	}
	exists := map[privacy.Column]bool{}
	personal := 0
	for _, c := range cols {
		if strings.HasPrefix(c.Table, "sqlite_") || c.Table == "goose_db_version" {
			continue // the engine's and the migration tool's own
		}
		exists[c] = true
		if privacy.LooksPersonal(c.Column) {
			personal++
			if !privacy.Covered(c) {
				t.Errorf("%s.%s looks like personal data but no kind in privacy.Kinds lists it", c.Table, c.Column)
			}
		}
	}
	if personal < 10 {
		t.Errorf("only %d columns look personal: the name list is wrong", personal)
	}
	for _, k := range privacy.Kinds {
		for _, c := range k.Columns {
			if !exists[c] {
				t.Errorf("kind %s lists %s.%s, which the schema does not have", k.ID, c.Table, c.Column)
			}
		}
	}
	for c := range privacy.NotPersonal {
		if !exists[c] {
			t.Errorf("NotPersonal lists %s.%s, which the schema does not have", c.Table, c.Column)
		}
	}
}
