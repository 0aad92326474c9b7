// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/calsync"
	"github.com/nordcal/nordcal/internal/config"
	calfetch "github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

const syncUsage = `Usage: nordcal [flags] sync [--source ID]

Fetches the partner calendars (/admin/sources) whose next sync is due and
applies what changed, once, then exits; for cron and tests. With --source
it syncs that one source now, due or not (as "Sync now" does), unless
another instance is syncing it. Prints one line per source.

The server does the same in the background unless -sync=false. Fetching
follows NORDCAL_FETCH_ALLOW and NORDCAL_FETCH_CA; configuration flags go
before "sync".`

// syncCommand runs the due syncs, or one source's, once.
func syncCommand(ctx context.Context, c command) error {
	if wantsHelp(c.args) {
		fmt.Fprintln(c.stdout, syncUsage)
		return nil
	}
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	id := fs.Int64("source", 0, "the source to sync now")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(c.args); err != nil {
		return usageError(syncUsage, "sync: %v", err)
	}
	if fs.NArg() > 0 {
		return usageError(syncUsage, "sync: unexpected argument %q", fs.Arg(0))
	}
	if *id < 0 {
		return usageError(syncUsage, "sync: --source needs a source ID")
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	db, err := c.openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(c.stderr, nil))
	r := syncRunner(cfg, db, calendarService(cfg, db), bundle, log)
	var outs []calsync.Outcome
	if *id > 0 {
		o, err := r.Sync(ctx, *id, true)
		if err != nil {
			return err
		}
		outs = append(outs, o)
	} else if outs, err = r.RunDue(ctx); err != nil {
		return err
	}
	for _, o := range outs {
		switch {
		case o.Skipped:
			fmt.Fprintf(c.stdout, "source %d: skipped (another sync holds it)\n", o.SourceID)
		case o.ErrorID != "":
			fmt.Fprintf(c.stdout, "source %d: failed: %s\n", o.SourceID, bundle.For(cfg.DefaultLang).T(o.ErrorID))
		case o.NotModified:
			fmt.Fprintf(c.stdout, "source %d: not modified\n", o.SourceID)
		default:
			fmt.Fprintf(c.stdout, "source %d: %d seen, %d new, %d changed, %d gone\n", o.SourceID, o.Seen, o.New, o.Changed, o.Gone)
		}
	}
	if len(outs) == 0 {
		fmt.Fprintln(c.stdout, "no source is due")
	}
	return nil
}

// syncRunner builds the partner calendars' sync.
func syncRunner(cfg config.Config, db *store.DB, cal *calendar.Service, bundle *i18n.Bundle, log *slog.Logger) *calsync.Runner {
	return &calsync.Runner{Sources: calendar.NewSourceService(cal, db), Fetcher: calfetch.New(cfg.FetchOptions()),
		Own: web.FeedRecogniser(bundle), Log: log}
}
