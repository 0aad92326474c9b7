// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
)

// fillDatabase creates the SQLite database at path with n generated events
// and closes it again, so the server process is its only user.
func fillDatabase(ctx context.Context, path string, n int, now time.Time) (err error) {
	db, err := store.Open(ctx, "sqlite:"+path, nil)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	dirSvc := directory.NewService(db)
	cal := calendar.NewService(db, db, "load.example.org", func() time.Time { return now }, calendar.WithHolidays(&holiday.Nordic{}))
	return fill(ctx, dirSvc, cal, n, now)
}

func fill(ctx context.Context, dir *directory.Service, cal *calendar.Service, n int, now time.Time) error {
	org := directory.Organisation{Slug: "load-org", OriginalLang: lang.EN, Country: "NO", Type: directory.Ministry,
		Names: lang.Texts{lang.EN: "Load test ministry"}}
	if err := dir.CreateOrganisation(ctx, &org); err != nil {
		return err
	}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	// A year at most 30 events a day: 100,000 events spread over nine years.
	days := max(365, n/30)
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := now.Add(time.Duration(i%days)*24*time.Hour + time.Duration(i%9+8)*time.Hour).Truncate(time.Hour)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated meeting %d", i), Description: "Agenda."}},
			Start: start, End: start.Add(2 * time.Hour), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Organisers: []directory.Organisation{org}}
		if err := cal.Create(ctx, &e); err != nil {
			return err
		}
	}
	return nil
}
