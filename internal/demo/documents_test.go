// SPDX-License-Identifier: AGPL-3.0-or-later

package demo

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// The demo's networks have members with roles (some with dates, one
// ended), and its library has documents of several types with topics,
// uploaded meeting papers attached to their meeting.
func TestDemoNetworksAndLibraryAreNotEmpty(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db := storetest.Open(t)
	dir := directory.NewService(db)
	dir.SetClock(func() time.Time { return now })
	if err := Load(ctx, dir, calendar.NewService(db, db, "demo.example.org", func() time.Time { return now }), now); err != nil {
		t.Fatal(err)
	}
	nets, _ := dir.Networks(ctx)
	roles := map[directory.MemberRole]bool{}
	ended := 0
	for _, n := range nets {
		current, past, err := dir.Memberships(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(current) == 0 {
			t.Errorf("network %s has no members", n.Slug)
		}
		for _, e := range current {
			roles[e.Role] = true
		}
		ended += len(past)
	}
	for _, r := range []directory.MemberRole{directory.Chair, directory.ViceChair, directory.Secretary, directory.MemberOf, directory.Observer} {
		if !roles[r] {
			t.Errorf("no demo member is %s", r)
		}
	}
	if ended == 0 {
		t.Error("no former member: the secretariat's history list would be empty")
	}
	docs, _ := dir.Documents(ctx, directory.DocumentQuery{})
	types, pdfs := map[directory.DocType]bool{}, 0
	for _, d := range docs {
		types[d.Type] = true
		if len(d.Topics) == 0 {
			t.Errorf("%q has no topic", d.Title)
		}
		if d.File != nil {
			pdfs++
			f, err := dir.File(ctx, d.ID)
			if err != nil || !bytes.HasPrefix(f.Content, []byte("%PDF-1.4")) || !bytes.HasSuffix(f.Content, []byte("%%EOF\n")) {
				t.Errorf("demo PDF %q: %v", d.Title, err)
			}
		}
	}
	if len(types) < 6 || pdfs < 2 {
		t.Errorf("%d document types, %d PDFs", len(types), pdfs)
	}
	found := 0
	events, _ := db.ListEvents(ctx, calendar.Query{})
	for _, e := range events {
		as, err := dir.Attachments(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		found += len(as)
	}
	if found < 3 {
		t.Errorf("%d documents attached to events", found)
	}
}
