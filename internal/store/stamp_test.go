// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// unstampedTables are the tables no cached page or feed reads, each with
// why; every other table must be in store.StampedTables.
var unstampedTables = map[string]string{
	"goose_db_version":       "migration bookkeeping",
	"sqlite_sequence":        "SQLite's own",
	"change_stamp":           "the stamp itself",
	"submissions":            "seen by the secretariat and the submitter only, never cached",
	"users":                  "accounts",
	"sessions":               "sign-in sessions",
	"login_failures":         "sign-in throttling",
	"audit_events":           "the secretariat's trail, never cached",
	"people":                 "directory pages are not cached",
	"person_titles":          "directory pages are not cached",
	"network_members":        "directory pages are not cached",
	"documents":              "directory pages are not cached",
	"mail_queue":             "outgoing mail, never shown",
	"notify_settings":        "secretariat notification choices, never shown",
	"notify_marks":           "marks that send a notice once, never shown",
	"mail_subscriptions":     "e-mail subscribers, never shown",
	"sources":                "partner calendars, seen by the secretariat only, never cached",
	"source_organisers":      "partner calendars' defaults, secretariat only",
	"source_networks":        "partner calendars' defaults, secretariat only",
	"source_events":          "the sync's links, secretariat only (the events they change are stamped)",
	"verification_campaigns": "directory verification, secretariat only",
	"verification_links":     "private verification links, never cached",
	"directory_proposals":    "proposed directory changes, secretariat only",
	"directory_roles":        "directory pages are not cached",
	"directory_role_titles":  "directory pages are not cached",
	"directory_role_holders": "directory pages are not cached",
	"document_languages":     "directory pages are not cached; event pages show titles only",
	"document_topics":        "directory pages are not cached; event pages show titles only",
	"document_files":         "served with its own ETag, never from the page cache",
}

// stampTriggers returns, per table, the operations (INSERT, UPDATE,
// DELETE) whose triggers move change_stamp, and every table.
func stampTriggers(t *testing.T, db *store.DB) (map[string][]string, []string) {
	t.Helper()
	ctx := context.Background()
	ops := map[string][]string{}
	var tables [][]string
	var err error
	if db.Dialect() == store.Postgres {
		// A trigger counts when its function writes change_stamp.
		rows, err := db.Strings(ctx, `SELECT t.event_object_table, t.event_manipulation, p.prosrc
			FROM information_schema.triggers t
			JOIN pg_trigger g ON g.tgname = t.trigger_name
			JOIN pg_proc p ON p.oid = g.tgfoid
			WHERE t.trigger_schema = current_schema()`)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if strings.Contains(r[2], "UPDATE change_stamp SET n = n + 1") {
				ops[r[0]] = append(ops[r[0]], r[1])
			}
		}
		tables, err = db.Strings(ctx, `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	} else {
		rows, err := db.Strings(ctx, `SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'`)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			sql := strings.Join(strings.Fields(strings.ToUpper(r[1])), " ")
			if !strings.Contains(sql, "UPDATE CHANGE_STAMP SET N = N + 1") {
				continue
			}
			for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
				if strings.Contains(sql, " AFTER "+op+" ON ") {
					ops[r[0]] = append(ops[r[0]], op)
				}
			}
		}
		tables, err = db.Strings(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range tables {
		names = append(names, r[0])
	}
	return ops, names
}

// TestEveryReadTableMovesTheStamp guards cache invalidation (see "How
// caches are invalidated" in version.go) on SQLite always and on
// PostgreSQL when the suite runs there.
func TestEveryReadTableMovesTheStamp(t *testing.T) {
	dbs := map[string]*store.DB{}
	sqlite, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "stamp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sqlite.Close() })
	if _, err := sqlite.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	dbs["sqlite"] = sqlite
	if os.Getenv(storetest.EnvPostgres) != "" {
		dbs["postgres"] = storetest.Open(t)
	}
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			ops, tables := stampTriggers(t, db)
			for _, table := range store.StampedTables {
				for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
					if !slices.Contains(ops[table], op) {
						t.Errorf("%s: no trigger moves the change stamp after %s on %s", name, op, table)
					}
				}
				if !slices.Contains(tables, table) {
					t.Errorf("%s: stamped table %s does not exist", name, table)
				}
			}
			for _, table := range tables {
				if _, ok := unstampedTables[table]; !ok && !slices.Contains(store.StampedTables, table) {
					t.Errorf("%s: table %s is neither stamped nor listed as unread by cached pages and feeds", name, table)
				}
			}
		})
	}
}
