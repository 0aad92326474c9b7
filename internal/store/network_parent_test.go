// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// TestMigrationMovesParentBodyIntoTexts stores networks as the release
// before migration 00012 did (one parent body per network, in its original
// language) and checks that the names survive the move into network_texts.
func TestMigrationMovesParentBodyIntoTexts(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.MigrateTo(ctx, 11); err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.SQL()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO networks (slug, original_lang, parent_body, created_at, updated_at) VALUES
			('with-text', 'en', 'Council of the Baltic Sea States', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
			('without-text', 'sv', 'Nordiska ministerrådet', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
			('no-parent', 'en', '', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
		`INSERT INTO network_texts (network_id, lang, name, description) SELECT id, 'en', 'Task Force', 'Meets.' FROM networks WHERE slug = 'with-text'`,
		`INSERT INTO network_texts (network_id, lang, name, description) SELECT id, 'fi', 'Työryhmä', '' FROM networks WHERE slug = 'with-text'`,
		`INSERT INTO network_texts (network_id, lang, name, description) SELECT id, 'fi', 'Verkosto', '' FROM networks WHERE slug = 'without-text'`,
		`INSERT INTO network_texts (network_id, lang, name, description) SELECT id, 'en', 'None', '' FROM networks WHERE slug = 'no-parent'`,
	} {
		if _, err := sqlDB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	nets, err := db.ListNetworks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]directory.Network{}
	for _, n := range nets {
		got[n.Slug] = n
	}
	want := map[string]lang.Texts{
		"with-text":    {lang.EN: "Council of the Baltic Sea States"},
		"without-text": {lang.SV: "Nordiska ministerrådet"},
		"no-parent":    {},
	}
	for slug, w := range want {
		n := got[slug]
		if len(n.ParentBodies) != len(w) {
			t.Errorf("%s: parent bodies %v, want %v", slug, n.ParentBodies, w)
		}
		for l, v := range w {
			if n.ParentBodies[l] != v {
				t.Errorf("%s: parent body in %s %q, want %q", slug, l, n.ParentBodies[l], v)
			}
		}
	}
	if n := got["with-text"]; n.Names[lang.FI] != "Työryhmä" || n.Descriptions[lang.EN] != "Meets." {
		t.Errorf("the move lost names or descriptions: %+v", n)
	}
	if p, pl := got["with-text"].ParentBody(lang.DA); p != "Council of the Baltic Sea States" || pl != lang.EN {
		t.Errorf("Danish reader gets %q (%s), want the original", p, pl)
	}
}
