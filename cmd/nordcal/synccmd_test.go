// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
)

// "nordcal sync" runs the due syncs once through the configured fetcher;
// "--source ID" syncs one source whether due or not.
func TestSyncCommand(t *testing.T) {
	partner := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:a@partner.example\r\n" +
			"DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nSUMMARY:Seminar\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	}))
	defer partner.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: partner.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	dsn := "sqlite:" + t.TempDir() + "/nordcal.db"
	env := map[string]string{"NORDCAL_DB": dsn, "NORDCAL_DEMO": "false", "NORDCAL_FETCH_ALLOW": "127.0.0.1", "NORDCAL_FETCH_CA": ca}
	cli := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
		return out.String(), err
	}
	if out, err := cli("sync", "--help"); err != nil || !strings.Contains(out, "--source ID") {
		t.Fatalf("help: %v %q", err, out)
	}
	if _, err := cli("sync", "extra"); err == nil {
		t.Error("an unexpected argument was accepted")
	}
	if _, err := cli("sync"); err == nil {
		t.Error("sync created a database")
	}

	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	org := directory.Organisation{Slug: "ngo-fi", OriginalLang: lang.FI, Country: "FI", Type: directory.NGO, Names: lang.Texts{lang.FI: "Järjestö"}}
	if err := directory.NewService(db).CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	sources := calendar.NewSourceService(calendar.NewService(db, db, "test.example.org", nil), db)
	src := calendar.Source{Name: "NGO", URL: partner.URL + "/cal.ics", Trust: calendar.TrustReview,
		Defaults: calendar.Event{Organisers: []directory.Organisation{{ID: org.ID}}, Category: calendar.Seminar, Country: "FI",
			City: "Tampere", Attendance: calendar.OnSite, Audience: calendar.Open, Zone: "Europe/Helsinki", OriginalLang: lang.FI}}
	if err := sources.SaveSource(ctx, audit.CLI, &src); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, err := cli("sync")
	if err != nil || !strings.Contains(out, "source "+strconv.FormatInt(src.ID, 10)+": 1 seen, 1 new") {
		t.Fatalf("sync: %v %q", err, out)
	}
	if out, err := cli("sync"); err != nil || !strings.Contains(out, "no source is due") {
		t.Errorf("second sync: %v %q", err, out)
	}
	if out, err := cli("sync", "--source", strconv.FormatInt(src.ID, 10)); err != nil || !strings.Contains(out, "1 seen, 0 new, 0 changed") {
		t.Errorf("sync --source: %v %q", err, out)
	}
}
