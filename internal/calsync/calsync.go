// SPDX-License-Identifier: AGPL-3.0-or-later

// Package calsync keeps the partner calendars (calendar.Source) in sync:
// it takes a source's lease, fetches its file through the one fetcher
// (package fetch, with the SSRF rules, limits and conditional requests),
// reads it with the file import's reader (package icsimport: Windows zone
// names, floating times, all-day events, HTML descriptions, series) and
// hands the drafts to calendar.SourceService.ApplySync, which decides and
// stores everything of one sync in one transaction.
package calsync

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/icsimport"
)

// LeaseTime is how long one sync may hold its source: far more than a
// fetch (fetch.DefaultTimeout) and the writes take; a sync that dies
// holding it is taken over once it expires.
const LeaseTime = 5 * time.Minute

// MaxEvents is the most events one partner calendar may give (the file is
// at most 1 MB): more than a file import, because a partner's calendar
// holds all its events, past ones too (which the sync leaves alone).
const MaxEvents = 2000

// Runner syncs sources.
type Runner struct {
	Sources *calendar.SourceService
	Fetcher *fetch.Fetcher
	// Own recognises nordcal's own feeds (a partner re-publishing ours).
	Own *feed.Recogniser
	Log *slog.Logger
}

// Outcome is what syncing one source did.
type Outcome struct {
	SourceID int64
	// Skipped: another sync held the source (or it was not due).
	Skipped bool
	calendar.SyncResult
}

// RunDue syncs every source that is due, one after the other, and returns
// what each did. A source another instance is syncing is skipped.
func (r *Runner) RunDue(ctx context.Context) ([]Outcome, error) {
	ids, err := r.Sources.Due(ctx)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, id := range ids {
		if ctx.Err() != nil {
			break
		}
		o, err := r.Sync(ctx, id, false)
		if err != nil {
			r.log().Error("source sync failed", "source", id, "error", err.Error())
			continue
		}
		out = append(out, o)
	}
	return out, nil
}

// Sync syncs one source now: when due, or, with force ("sync now"),
// whenever no other sync holds it.
func (r *Runner) Sync(ctx context.Context, id int64, force bool) (Outcome, error) {
	src, lease, ok, err := r.Sources.Lease(ctx, id, LeaseTime, force)
	if err != nil || !ok {
		return Outcome{SourceID: id, Skipped: true}, err
	}
	f := r.fetch(ctx, src)
	res, err := r.Sources.ApplySync(ctx, src, lease, f)
	if err != nil {
		// Nothing of it was stored (one transaction); let the next sync
		// start at once rather than when the lease expires.
		if rerr := r.Sources.Release(context.WithoutCancel(ctx), id, lease); rerr != nil {
			r.log().Error("release source lease", "source", id, "error", rerr.Error())
		}
		return Outcome{SourceID: id}, err
	}
	r.log().Info("source synced", "source", id, "status", f.HTTPStatus, "seen", res.Seen, "new", res.New,
		"changed", res.Changed, "gone", res.Gone, "not_modified", res.NotModified, "error", res.ErrorID)
	return Outcome{SourceID: id, SyncResult: res}, nil
}

// Run syncs due sources every interval until ctx ends.
func (r *Runner) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.log().Error("partner calendars", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// fetch gets and reads src's file; what went wrong is in the result's
// ErrorID, in words.
func (r *Runner) fetch(ctx context.Context, src calendar.Source) calendar.SyncFetch {
	h := src.Health
	res, err := r.Fetcher.Get(ctx, fetch.Request{URL: src.URL, ETag: h.ETag, LastModified: h.LastModified})
	f := calendar.SyncFetch{At: r.Sources.Now(), HTTPStatus: res.Status, ETag: res.ETag, LastModified: res.LastModified}
	if err != nil {
		var fe *fetch.Error
		if !errors.As(err, &fe) {
			fe = &fetch.Error{Reason: fetch.ReasonConnect}
		}
		f.ErrorID, f.ErrorArgs = fe.MsgID(), map[string]any{"Status": fe.Status}
		r.log().Info("source fetch failed", "source", src.ID, "error", err.Error())
		return f
	}
	if res.NotModified {
		f.NotModified = true
		return f
	}
	d := src.Defaults
	items, err := icsimport.Parse(bytes.NewReader(res.Body), icsimport.Options{Lang: d.OriginalLang, Zone: d.Zone,
		Now: f.At, MaxEvents: MaxEvents, UnknownZonesAsZone: d.Zone != "", Own: r.Own})
	if err == nil {
		var info icsimport.Info
		info, err = icsimport.ReadInfo(res.Body)
		if err == nil {
			f.Drafts, f.Interval = Drafts(items, info), info.Refresh
			return f
		}
	}
	var ie *icsimport.Error
	if !errors.As(err, &ie) {
		f.ErrorID = "source.error.read"
		return f
	}
	f.ErrorID, f.ErrorArgs = ie.MsgID, map[string]any{"Line": ie.Line}
	for k, v := range ie.Args {
		f.ErrorArgs[k] = v
	}
	return f
}

// Drafts maps what the importer read to the sync's drafts, keyed by the
// UID that identifies an event of the source across syncs. This is the one
// place that decides that key: a single event or a series is its VEVENT's
// UID (the importer keeps a series as one item with its rule); a date of a
// series changed on its own (a VEVENT with RECURRENCE-ID) is the series'
// UID and the date's key, and names its series in Series. An override
// whose series is not in the file comes as a single event of its own UID
// ("<UID>/<YYYYMMDD>").
func Drafts(items []icsimport.Item, info icsimport.Info) []calendar.SyncDraft {
	out := make([]calendar.SyncDraft, 0, len(items))
	for _, it := range items {
		uid := it.Event.UID
		d := calendar.SyncDraft{UID: uid, Line: it.Line, Event: it.Event, Categories: info.Categories[seriesUID(uid)]}
		if it.Event.RecurrenceKey != "" {
			d.UID, d.Series = calendar.OverrideDraftUID(uid, it.Event.RecurrenceKey), uid
		}
		out = append(out, d)
	}
	return out
}

// seriesUID is the VEVENT UID an item comes from: an expanded occurrence's
// UID without its "/YYYYMMDD" suffix.
func seriesUID(uid string) string {
	if i := len(uid) - 9; i > 0 && uid[i] == '/' {
		for _, c := range uid[i+1:] {
			if c < '0' || c > '9' {
				return uid
			}
		}
		return uid[:i]
	}
	return uid
}

func (r *Runner) log() *slog.Logger {
	if r.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Log
}
