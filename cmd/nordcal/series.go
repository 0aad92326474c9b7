// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"log/slog"
	"time"
)

// seriesExtender is what extendSeries runs: store.DB.ExtendSeries.
type seriesExtender interface {
	ExtendSeries(ctx context.Context) (int, error)
}

// extendSeriesEvery is how often the dates of open-ended series are
// written anew, so that each shows calendar.SeriesHorizon ahead.
const extendSeriesEvery = 24 * time.Hour

// extendSeries writes the dates of every open-ended series at start (the
// server may have been down for days) and then daily, until ctx ends.
func extendSeries(ctx context.Context, db seriesExtender, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := db.ExtendSeries(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("extend open-ended series", "error", err.Error(), "series", n)
		case err == nil:
			log.Info("open-ended series extended", "series", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
