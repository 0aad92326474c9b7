// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
)

// measureColdFeed times the full feed through the running server right
// after a change, samples times: each time one event's title is edited in
// the database (as another instance would), the server is given time to
// see the change stamp move (it rechecks every 0.1 s), and the first
// request renders the feed afresh: query, iCal, gzip, ETag.
func measureColdFeed(ctx context.Context, dbPath, base string, now time.Time, samples int) (err error) {
	db, err := store.Open(ctx, "sqlite:"+dbPath, nil)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	cal := calendar.NewService(db, db, "load.example.org", func() time.Time { return now }, calendar.WithHolidays(&holiday.Nordic{}))
	evs, err := db.ListEvents(ctx, calendar.Query{Limit: 1, EndsAfter: now})
	if err != nil || len(evs) == 0 {
		return errors.Join(err, errors.New("cold feed: no event to edit"))
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true}}
	var took []time.Duration
	for i := range samples {
		e, err := cal.EventAny(ctx, evs[0].ID)
		if err != nil {
			return err
		}
		t := e.Texts[lang.EN]
		t.Title = fmt.Sprintf("Generated meeting, edit %d", i)
		e.Texts[lang.EN] = t
		if err := cal.Edit(ctx, audit.CLI, &e); err != nil {
			return err
		}
		time.Sleep(300 * time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/feeds/events.ics?lang=en", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			return errors.Join(err, fmt.Errorf("cold feed: %s", res.Status))
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	fmt.Printf("cold feed through the server (%d samples, after a change): median %s, min %s, max %s\n",
		samples, took[len(took)/2].Round(10*time.Microsecond), took[0].Round(10*time.Microsecond), took[len(took)-1].Round(10*time.Microsecond))
	return nil
}
