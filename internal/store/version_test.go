// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// TestDataVersionSeesEveryChange changes data and reads the version through
// the same store and through another one on the same database (another
// instance, or another process on the SQLite file): every change calendars
// show moves it, and writes they do not show (sessions) leave it alone, so
// that caches keyed on it are neither stale nor needlessly thrown away.
// The same store sees a change at once; another instance (on PostgreSQL) or
// process (on the SQLite file) within store.RecheckEvery.
func TestDataVersionSeesEveryChange(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	}
	writer, other := open(), open()
	if _, err := writer.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cal := calendar.NewService(writer, writer, "test.example.org", func() time.Time { return now })
	var ev calendar.Event

	steps := []struct {
		name  string
		moves bool
		do    func() error
	}{
		{"create an organisation", true, func() error {
			return writer.CreateOrganisation(ctx, &directory.Organisation{Slug: "om-fi", OriginalLang: lang.FI,
				Country: "FI", Type: directory.Ministry, Names: lang.Texts{lang.FI: "Oikeusministeriö"}})
		}},
		{"create an event", true, func() error {
			o, err := writer.OrganisationBySlug(ctx, "om-fi")
			if err != nil {
				return err
			}
			ev = calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
				Texts: map[lang.Code]calendar.Text{lang.EN: {Title: "Meeting"}}, Start: now.Add(48 * time.Hour),
				End: now.Add(50 * time.Hour), Zone: "Europe/Helsinki", City: "Helsinki", Country: "FI",
				Attendance: calendar.OnSite, Category: calendar.Meeting, Audience: calendar.Open,
				Organisers: []directory.Organisation{o}}
			return cal.Create(ctx, &ev)
		}},
		{"store a sign-in session", false, func() error {
			return writer.Sessions().CommitCtx(ctx, "token-1", []byte("x"), now.Add(time.Hour))
		}},
		{"change the event's title", true, func() error {
			ev.Texts[lang.EN] = calendar.Text{Title: "Renamed"}
			return cal.Edit(ctx, audit.CLI, &ev)
		}},
		{"delete the session", false, func() error { return writer.Sessions().DeleteCtx(ctx, "token-1") }},
		{"add a protected date", true, func() error {
			return writer.SaveProtectedDate(ctx, &calendar.ProtectedDate{Names: lang.Texts{lang.EN: "Session"},
				First: calendar.Date{Year: 2027, Month: 10, Day: 26}, Last: calendar.Date{Year: 2027, Month: 10, Day: 28}},
				audit.Entry{Actor: audit.CLI, Action: "create", RecordType: "protected_date"})
		}},
	}
	version := func(db *store.DB) calendar.DataVersion {
		t.Helper()
		v, err := db.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	prev, prevOther := version(writer), version(other)
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got := version(writer)
		if moved := got.Stamp != prev.Stamp; moved != st.moves {
			t.Errorf("%s: stamp %d → %d, moved %v, want %v", st.name, prev.Stamp, got.Stamp, moved, st.moves)
		}
		if st.moves && got.Modified.Before(prev.Modified) {
			t.Errorf("%s: Modified went back from %s to %s", st.name, prev.Modified, got.Modified)
		}
		if again := version(writer); again != got {
			t.Errorf("%s: asking twice without a change gave %v then %v", st.name, got, again)
		}
		prev = got

		time.Sleep(store.RecheckEvery + 10*time.Millisecond)
		if seen := version(other); seen.Stamp != got.Stamp || (st.moves && seen == prevOther) {
			t.Errorf("%s: the other store sees %v, the writer %v", st.name, seen, got)
		}
		prevOther = version(other)
	}
}
