// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// The sync of a partner calendar
//
// Each event of a source is linked to the nordcal event it became by the
// source's UID (SourceLink). A sync compares what the file says now with
// what it said last time (DraftHash) and with what the sync last left in
// the event (SyncedHash), so it can tell three cases apart: nothing new;
// new in the source and untouched in nordcal (the change goes through the
// one write path, revise raising SEQUENCE for time, place and status, or,
// under TrustReview for a public event, waits for approval while the
// published version stays); new in the source but edited by hand in
// nordcal (a conflict the secretariat resolves, never an overwrite).
//
// Everything one sync writes (events, submissions, audit entries, links,
// the source's health, the release of the lease) is one transaction
// (SourceStore.SaveSync): a crash mid-sync leaves the state of the sync
// before, and the next one does the work again.

// Open states of a link: what the secretariat is asked to decide.
const (
	// LinkChange: a change of a published event awaits approval (review).
	LinkChange = "change"
	// LinkConflict: the source changed an event edited by hand in nordcal.
	LinkConflict = "conflict"
	// LinkGone: the event is no longer in the source; cancel it?
	LinkGone = "gone"
)

// SourceLink ties one event of a source (by its UID there) to the nordcal
// event it became.
type SourceLink struct {
	ID       int64
	SourceID int64
	// SourceName is filled when links of several sources are listed.
	SourceName string
	UID        string
	EventID    int64
	// DraftHash identifies what the source said last; SyncedHash what the
	// event held when the sync last wrote or accepted it.
	DraftHash  string
	SyncedHash string
	// Missing counts the syncs in a row the event was not in the source.
	Missing int
	// Open is LinkChange, LinkConflict, LinkGone or empty; Proposed is the
	// source's draft for a change or a conflict, merged into the event
	// only when the secretariat applies it (see Proposal).
	Open     string
	Proposed *Event
	// Clash, when set, is the serious clash a synced change created.
	Clash     *SyncClash
	UpdatedAt time.Time
}

// SyncClash is "Source X moved event Y by three days; it now clashes
// with Z".
type SyncClash struct {
	MovedDays  int    `json:"moved_days"`
	OtherID    int64  `json:"other_id"`
	OtherTitle string `json:"other_title"`
	OtherLang  string `json:"other_lang"`
	// New is set for a new event (nothing moved).
	New bool `json:"new,omitempty"`
}

// SyncDraft is one event of the source's file as the sync sees it: the
// source's UID and the draft read from the file.
type SyncDraft struct {
	UID        string
	Line       int
	Event      Event
	Categories []string
	// Series, for a date of a series changed on its own, is the series'
	// draft UID; the date's key is Event.RecurrenceKey.
	Series string
}

// OverrideDraftUID is the draft UID of the date key of series uid.
func OverrideDraftUID(uid, key string) string { return uid + "#" + key }

// SyncFetch is what fetching and reading the file gave.
type SyncFetch struct {
	At         time.Time
	HTTPStatus int
	// NotModified: the server answered 304; nothing was read.
	NotModified bool
	Drafts      []SyncDraft
	// Interval is the refresh interval the file asks for (0: none).
	Interval           time.Duration
	ETag, LastModified string
	// ErrorID and ErrorArgs say why the fetch or the file failed.
	ErrorID   string
	ErrorArgs map[string]any
}

// SyncWrite is everything one sync stores (see SourceStore.SaveSync).
type SyncWrite struct {
	Source  Source
	Lease   string
	Changes []EventChange
	Links   []LinkWrite
	// Drop lists links whose event no longer exists.
	Drop []int64
}

// LinkWrite is one link to store; Event, when set, is the event of a change
// of the same write whose ID the link takes.
type LinkWrite struct {
	Link  SourceLink
	Event *Event
}

// SyncResult tells the caller what a sync did.
type SyncResult struct {
	Seen, New, Changed, Gone int
	NotModified              bool
	ErrorID                  string
}

// ApplySync stores what one fetch of src gave, holding lease. A failed
// fetch or a broken file changes no event: only the health and the
// back-off. A 304 changes nothing but the schedule.
func (s *SourceService) ApplySync(ctx context.Context, src Source, lease string, f SyncFetch) (SyncResult, error) {
	now := f.At
	if now.IsZero() {
		now = s.now()
	}
	h := &src.Health
	h.LastAttempt, h.HTTPStatus = now.UTC(), f.HTTPStatus
	if f.ErrorID != "" {
		h.Failures++
		h.ErrorID, h.ErrorArgs = f.ErrorID, f.ErrorArgs
		h.NextRun = now.Add(Backoff(BoundInterval(h.Interval), h.Failures)).UTC()
		err := s.sources.SaveSync(ctx, SyncWrite{Source: src, Lease: lease})
		return SyncResult{ErrorID: f.ErrorID}, err
	}
	h.Failures, h.ErrorID, h.ErrorArgs, h.LastSuccess = 0, "", nil, now.UTC()
	if f.ETag != "" || f.LastModified != "" || !f.NotModified {
		h.ETag, h.LastModified = f.ETag, f.LastModified
	}
	if f.NotModified {
		h.NextRun = now.Add(BoundInterval(h.Interval)).UTC()
		err := s.sources.SaveSync(ctx, SyncWrite{Source: src, Lease: lease})
		return SyncResult{NotModified: true}, err
	}
	h.Interval = BoundInterval(f.Interval)
	h.NextRun = now.Add(h.Interval).UTC()
	w, res, err := s.planSync(ctx, src, f.Drafts, now)
	if err != nil {
		return SyncResult{}, err
	}
	h.Seen, h.New, h.Changed, h.Gone = res.Seen, res.New, res.Changed, res.Gone
	w.Source, w.Lease = src, lease
	if err := s.sources.SaveSync(ctx, w); err != nil {
		return SyncResult{}, err
	}
	return res, nil
}

// planSync works out the changes of one sync without writing anything.
func (s *SourceService) planSync(ctx context.Context, src Source, drafts []SyncDraft, now time.Time) (SyncWrite, SyncResult, error) {
	var w SyncWrite
	var res SyncResult
	links, err := s.sources.SourceLinks(ctx, src.ID)
	if err != nil {
		return w, res, err
	}
	byUID := make(map[string]SourceLink, len(links))
	for _, l := range links {
		byUID[l.UID] = l
	}
	evs, subs, err := s.linkedEvents(ctx, links)
	if err != nil {
		return w, res, err
	}
	actor := src.Actor()
	seen := map[string]bool{}
	// Each series before the dates changed on their own, which are saved
	// over the dates its save writes (EventChange.Series).
	drafts = slices.Clone(drafts)
	slices.SortStableFunc(drafts, func(a, b SyncDraft) int { return strings.Compare(a.Series, b.Series) })
	series := map[string]*Event{}
	dropped := map[int64]bool{}
	for _, d := range drafts {
		title, _ := d.Event.Title(d.Event.OriginalLang)
		if seen[d.UID] || !src.Matches(title, d.Categories) || over(d.Event, now) {
			// Past events are history: partners' calendars keep years of
			// them, and none needs to enter or change the calendar now.
			continue
		}
		seen[d.UID] = true
		res.Seen++
		hash := draftHash(d.Event)
		l, known := byUID[d.UID]
		if known {
			if _, ok := evs[l.EventID]; !ok {
				// The event was deleted in nordcal: start again.
				w.Drop, dropped[l.ID] = append(w.Drop, l.ID), true
				known = false
			}
		}
		if !known && d.Series != "" {
			if lw, ch, ok := syncNewDate(src, d, hash, series[d.Series], actor, now); ok {
				w.Changes = append(w.Changes, ch)
				w.Links = append(w.Links, lw)
				res.Changed++
			}
			continue
		}
		if known && d.Series == "" {
			e := evs[l.EventID]
			series[d.UID] = &e
		}
		if !known {
			if d.Event.Status == Cancelled {
				continue
			}
			lw, ch, err := s.syncNew(ctx, src, d, hash, actor, now)
			if err != nil {
				// One event the defaults cannot complete does not stop the
				// others; it is counted as seen and tried again next time.
				if ae, ok := err.(*apperr.Error); ok && ae.Kind == apperr.Invalid {
					continue
				}
				return w, res, err
			}
			w.Changes = append(w.Changes, ch)
			w.Links = append(w.Links, lw)
			series[d.UID] = lw.Event
			res.New++
			continue
		}
		e := evs[l.EventID]
		if l.Missing > 0 || l.Open == LinkGone {
			l.Missing = 0
			if l.Open == LinkGone {
				l.Open = ""
			}
			if hash == l.DraftHash {
				w.Links = append(w.Links, LinkWrite{Link: l})
				continue
			}
		}
		if hash == l.DraftHash {
			continue
		}
		res.Changed++
		l.DraftHash = hash
		draft := d.Event
		switch {
		case fingerprint(e) != l.SyncedHash:
			// Edited by hand since the sync last wrote it: never overwritten
			// silently.
			l.Open, l.Proposed = LinkConflict, &draft
		case src.Trust == TrustReview && e.IsPublic():
			l.Open, l.Proposed = LinkChange, &draft
		default:
			ch, changed, err := syncUpdated(e, draft, actor, now)
			if err != nil {
				l.Open, l.Proposed = LinkConflict, &draft
				break
			}
			l.Open, l.Proposed = "", nil
			if changed {
				l.SyncedHash = fingerprint(*ch.Event)
				l.Clash, err = s.movedClash(ctx, e, *ch.Event)
				if err != nil {
					return w, res, err
				}
				w.Changes = append(w.Changes, ch)
			}
		}
		w.Links = append(w.Links, LinkWrite{Link: l})
	}
	for _, l := range links {
		if seen[l.UID] || dropped[l.ID] {
			continue
		}
		e, ok := evs[l.EventID]
		if !ok || e.Status == Cancelled || e.Status == Rejected || over(e, now) {
			// An event that is over is left alone when the file drops it.
			continue
		}
		if e.SeriesID != 0 {
			// A date the source no longer changes on its own: the link
			// goes, the date keeps what it was given.
			w.Drop = append(w.Drop, l.ID)
			continue
		}
		res.Gone++
		l.Missing++
		if src.AutoCancelAfter > 0 && l.Missing >= src.AutoCancelAfter {
			if ch, ok := goneTransition(e, subs[e.ID], actor, now); ok {
				w.Changes = append(w.Changes, ch)
				l.Open, l.Proposed, l.SyncedHash = "", nil, fingerprint(*ch.Event)
			}
		} else if l.Missing == 1 && l.Open != LinkConflict && l.Open != LinkChange {
			// Asked once: "keep it" is not asked again until the event
			// comes back and goes again.
			l.Open = LinkGone
		}
		w.Links = append(w.Links, LinkWrite{Link: l})
	}
	return w, res, nil
}

// syncNewDate makes a date of a series the source changed on its own an
// override of that series (known, or new in this sync): the series' fields
// with the draft's time, place and texts. A date cancelled while the series
// awaits review is left for the series' own decision. ok is false when the
// series is not in nordcal or the date cannot be stored.
func syncNewDate(src Source, d SyncDraft, hash string, series *Event, actor audit.Actor, now time.Time) (LinkWrite, EventChange, bool) {
	if series == nil || !series.IsSeries() || (d.Event.Status == Cancelled && !series.IsPublic()) {
		return LinkWrite{}, EventChange{}, false
	}
	base := *series
	base.ID, base.Version, base.Repeat = 0, 0, Repeat{}
	base.SeriesID, base.RecurrenceKey = series.ID, d.Event.RecurrenceKey
	next := mergeImported(base, d.Event, src.Defaults.OriginalLang)
	next.Overridden = true
	if err := next.validate(validation{organiser: len(next.Organisers) > 0}); err != nil {
		return LinkWrite{}, EventChange{}, false
	}
	if !sameShown(base, next) {
		next.UpdatedAt = now.UTC().Truncate(time.Microsecond)
	}
	if changesSchedule(base, next) {
		next.Sequence = series.Sequence + 1
	}
	ev := next
	entry := audit.Entry{Actor: actor, Action: EventSync, RecordType: recordTypeEvent, RecordLabel: firstTitle(ev),
		Changes: audit.Diff(eventFields(base), eventFields(ev))}
	link := SourceLink{SourceID: src.ID, UID: d.UID, DraftHash: hash, SyncedHash: fingerprint(ev)}
	return LinkWrite{Link: link, Event: &ev}, EventChange{Event: &ev, Series: series, Audit: entry}, true
}

// syncNew makes a new event of a draft: pending with its clash warnings
// under TrustReview (or when the defaults leave it incomplete), published
// under TrustPublish.
func (s *SourceService) syncNew(ctx context.Context, src Source, d SyncDraft, hash string, actor audit.Actor, now time.Time) (LinkWrite, EventChange, error) {
	e := withDefaults(d.Event, src.Defaults)
	e.Languages = slices.Clone(src.Defaults.Languages)
	hold := e.Status == Tentative
	e.Status, e.ID, e.Version, e.Sequence = Pending, 0, 0, 0
	if err := e.validate(validation{organiser: true}); err != nil {
		return LinkWrite{}, EventChange{}, err
	}
	sub := Submission{Lang: src.Defaults.OriginalLang, SubmitterName: src.Name, Hold: hold, TokenHash: HashToken(newToken())}
	if src.Trust == TrustPublish && len(Incomplete(e, sub)) == 0 {
		e.Status = Published
		if hold {
			e.Status = Tentative
		}
		sub.DecidedBy, sub.DecidedAt = actor.Email, now.UTC()
	}
	report, err := s.Clashes(ctx, e)
	if err != nil {
		return LinkWrite{}, EventChange{}, err
	}
	sub.Warnings = report.Warnings(sub.Lang)
	ev, entry := created(e, s.newUID(), actor, EventSync, now)
	link := SourceLink{SourceID: src.ID, UID: d.UID, DraftHash: hash, SyncedHash: fingerprint(ev)}
	if c := seriousClash(report, src.Defaults.OriginalLang); c != nil {
		c.New = true
		link.Clash = c
	}
	return LinkWrite{Link: link, Event: &ev}, EventChange{Event: &ev, Submission: &sub, Audit: entry}, nil
}

// syncUpdated is the sync's update transition: what the source's draft
// says about a known event (see mergeImported: texts in the draft's
// language, time, place, web page, a cancellation) through revise
// (SEQUENCE per the usual rules).
func syncUpdated(old, draft Event, actor audit.Actor, now time.Time) (EventChange, bool, error) {
	next := mergeImported(old, draft, old.OriginalLang)
	next.Version = old.Version
	if err := next.validate(validation{organiser: len(old.Organisers) > 0}); err != nil {
		return EventChange{}, false, err
	}
	out, entry, changed := revise(old, next, actor, EventSync, now)
	return EventChange{Event: &out, Audit: entry}, changed, nil
}

// movedClash reports the serious clash a change of days created, nil when
// the days did not move or nothing serious clashes now that did not before.
func (s *SourceService) movedClash(ctx context.Context, old, next Event) (*SyncClash, error) {
	of, _ := old.Days()
	nf, _ := next.Days()
	if of == nf && old.Start.Equal(next.Start) && old.End.Equal(next.End) {
		return nil, nil
	}
	report, err := s.Clashes(ctx, next)
	if err != nil {
		return nil, err
	}
	c := seriousClash(report, next.OriginalLang)
	if c == nil {
		return nil, nil
	}
	before, err := s.Clashes(ctx, old)
	if err != nil {
		return nil, err
	}
	for _, b := range before.Clashes {
		if b.Level == High && b.Other.ID == c.OtherID {
			return nil, nil
		}
	}
	c.MovedDays = of.DaysUntil(nf)
	return c, nil
}

// seriousClash is the first serious clash with another event in r.
func seriousClash(r ClashReport, l lang.Code) *SyncClash {
	for _, c := range r.Clashes {
		if c.Level == High && c.Grouped == 0 {
			t, tl := c.Event.Title(l)
			return &SyncClash{OtherID: c.Other.ID, OtherTitle: t, OtherLang: string(tl)}
		}
	}
	return nil
}

// draftHash identifies what a source says about an event.
func draftHash(e Event) string {
	return hashOf(e, true)
}

// fingerprint identifies what the sync writes into an event, to tell
// whether someone edited it by hand since.
func fingerprint(e Event) string {
	return hashOf(e, false)
}

func hashOf(e Event, withStatus bool) string {
	h := sha256.New()
	for _, l := range slices.Sorted(maps.Keys(e.Texts)) {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", l, e.Texts[l].Title, e.Texts[l].Description)
	}
	fmt.Fprintf(h, "%t\x00%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", e.AllDay, e.StartDate, e.EndDate,
		e.Start.Unix(), e.End.Unix(), e.Zone, e.Venue, e.Address, e.City, e.Country, e.PublicURL)
	if !e.Repeat.IsZero() || e.RecurrenceKey != "" {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s", e.Repeat.Rule, JoinKeys(e.Repeat.ExDates, e.AllDay),
			JoinKeys(e.Repeat.RDates, e.AllDay), e.RecurrenceKey)
	}
	if withStatus {
		fmt.Fprintf(h, "\x00%s", e.Status)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// OpenLinks lists what the secretariat is asked to decide about synced
// events (with their sources' names), for the review queue and the
// dashboard, and their events.
func (s *SourceService) OpenLinks(ctx context.Context) ([]SourceLink, map[int64]Event, error) {
	links, err := s.sources.OpenSourceLinks(ctx)
	if err != nil {
		return nil, nil, err
	}
	evs, _, err := s.linkedEvents(ctx, links)
	return links, evs, err
}

// OpenLinkList is OpenLinks without the events.
func (s *SourceService) OpenLinkList(ctx context.Context) ([]SourceLink, error) {
	return s.sources.OpenSourceLinks(ctx)
}

// Decisions on an open link.
const (
	// DecideApply applies the source's version (a change or a conflict).
	DecideApply = "apply"
	// DecideKeep keeps nordcal's version (or, for a gone event, keeps it).
	DecideKeep = "keep"
	// DecideCancel cancels (or withdraws) an event gone from its source.
	DecideCancel = "cancel"
	// DecideDismiss takes note of a clash.
	DecideDismiss = "dismiss"
)

// Decide records the secretariat's decision on an open link; version is
// the event version the decision was taken on.
func (s *SourceService) Decide(ctx context.Context, actor audit.Actor, linkID int64, version int, decision string) error {
	l, err := s.sources.SourceLinkByID(ctx, linkID)
	if err != nil {
		return err
	}
	e, sub, err := s.eventAndSubmission(ctx, l.EventID)
	if err != nil {
		return err
	}
	if e.Version != version {
		return apperr.New(apperr.Conflict, "error.conflict.version")
	}
	var chs []EventChange
	switch {
	case decision == DecideDismiss && l.Clash != nil:
		l.Clash = nil
	case decision == DecideApply && l.Proposed != nil && (l.Open == LinkChange || l.Open == LinkConflict):
		ch, changed, err := syncUpdated(e, *l.Proposed, actor, s.now())
		if err != nil {
			return err
		}
		l.SyncedHash = fingerprint(e)
		if changed {
			l.SyncedHash = fingerprint(*ch.Event)
			if l.Clash, err = s.movedClash(ctx, e, *ch.Event); err != nil {
				return err
			}
			chs = append(chs, ch)
		}
		l.Open, l.Proposed = "", nil
	case decision == DecideKeep && l.Open != "":
		// A conflict stays one: the next change of the source asks again.
		l.Open, l.Proposed = "", nil
	case decision == DecideCancel && l.Open == LinkGone:
		ch, ok := goneTransition(e, sub, actor, s.now())
		if !ok {
			return apperr.New(apperr.Conflict, "admin.event.not_cancellable")
		}
		chs = append(chs, ch)
		l.Open, l.SyncedHash = "", fingerprint(*ch.Event)
	default:
		return apperr.New(apperr.Conflict, "source.decision_stale")
	}
	return s.sources.SaveLink(ctx, l, chs...)
}

// Proposal is the event as it would be with the link's proposed draft,
// and the fields that would change; false when nothing is proposed.
func Proposal(l SourceLink, e Event) (Event, []audit.Change, bool) {
	if l.Proposed == nil {
		return Event{}, nil, false
	}
	next := mergeImported(e, *l.Proposed, e.OriginalLang)
	return next, audit.Diff(eventFields(e), eventFields(next)), true
}

// Needs reports whether the link asks the secretariat for something.
func (l SourceLink) Needs() bool { return l.Open != "" || l.Clash != nil }

// over reports whether e has ended by now (a draft without an end has not).
func over(e Event, now time.Time) bool {
	if e.IsSeries() {
		// A series is over when no date of it is still to come.
		occ, err := e.Occurrences(now, e.SeriesEnd(now), 0)
		return err == nil && len(occ) == 0
	}
	return !e.End.IsZero() && e.End.Before(now)
}
