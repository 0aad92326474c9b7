// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/lang"
)

// Partner calendars
//
// A Source is a calendar a partner already publishes (an Outlook or Google
// public address, a web site's .ics export) that nordcal fetches on a
// schedule and keeps its events in sync with (see sync.go). The
// secretariat's admins add and change sources; editors see them.

// Trust says what happens to what a source brings.
type Trust string

// Trust levels.
const (
	// TrustReview: every new event waits in the moderation queue, and every
	// change of a published event waits for approval while the published
	// version stays.
	TrustReview Trust = "review"
	// TrustPublish: new events are published and changes applied at once.
	TrustPublish Trust = "publish"
)

// Limits of the sync schedule.
const (
	DefaultSyncInterval = time.Hour
	MinSyncInterval     = 15 * time.Minute
	MaxSyncInterval     = 24 * time.Hour
	// MaxBackoff is the longest wait after failures.
	MaxBackoff = 24 * time.Hour
	// MaxAutoCancel is the most syncs a source may be set to wait before
	// it cancels an event that is gone from it.
	MaxAutoCancel = 100
	MaxSourceName = 200
	MaxFilter     = 500
)

// Source is one partner calendar.
type Source struct {
	ID   int64
	Name string
	// URL is an https address (webcal:// is stored as https://).
	URL string
	// Defaults carries what calendar files do not: Organisers, Networks, Category,
	// Country, City, Attendance, Audience, Languages, Zone (for floating
	// times) and OriginalLang (the language of the texts).
	Defaults Event
	// Filter, when set, keeps only events whose title or categories
	// contain one of its comma-separated words (case and accents ignored).
	Filter string
	Trust  Trust
	// AutoCancelAfter, when above 0, cancels an event after that many
	// syncs in a row without it; 0 asks the secretariat.
	AutoCancelAfter int
	Paused          bool
	Health          SourceHealth
	Version         int
	CreatedAt       time.Time
}

// SourceHealth is how the last syncs went.
type SourceHealth struct {
	LastAttempt time.Time
	LastSuccess time.Time
	// HTTPStatus is the last answer's status (0: no answer).
	HTTPStatus int
	// Seen, New, Changed and Gone count the events of the last successful
	// sync: in the file (after the filter), new, changed, no longer there.
	Seen, New, Changed, Gone int
	// ErrorID and ErrorArgs say what went wrong last, in words; empty
	// after a success.
	ErrorID   string
	ErrorArgs map[string]any
	// Failures counts failed syncs in a row (the back-off).
	Failures int
	NextRun  time.Time
	// Interval is the refresh interval the calendar asks for, bounded.
	Interval time.Duration
	// ETag and LastModified make the next fetch conditional.
	ETag, LastModified string
}

// Actor is the audit actor of a source's sync.
func (s Source) Actor() audit.Actor {
	return audit.Actor{ID: 0, Email: "source:" + strconv.FormatInt(s.ID, 10) + " " + s.Name}
}

// Audit actions for sources and their sync.
const (
	SourceCreate  = "source.create"
	SourceUpdate  = "source.update"
	SourceDelete  = "source.delete"
	EventSync     = "event.sync"
	recordTypeSrc = "source"
)

// SourceStore keeps sources, their links to events and the sync lease.
type SourceStore interface {
	// Sources lists every source by name.
	Sources(ctx context.Context) ([]Source, error)
	// SourceByID returns NotFound when there is none.
	SourceByID(ctx context.Context, id int64) (Source, error)
	// SaveSource creates (ID 0) or updates a source when the stored
	// version equals its Version (Conflict otherwise), with the entry.
	SaveSource(ctx context.Context, s *Source, e audit.Entry) error
	// DeleteSource deletes a source and its links and saves chs (what the
	// secretariat chose to do with its events), all in one transaction.
	DeleteSource(ctx context.Context, id int64, e audit.Entry, chs ...EventChange) error
	// DueSources lists the IDs of unpaused sources whose next run is at or
	// before now.
	DueSources(ctx context.Context, now time.Time) ([]int64, error)
	// LeaseSource takes the sync lease of a source until until, when no
	// other unexpired lease holds it (and, unless force, when it is due and
	// not paused), by one conditional update; false when another has it.
	LeaseSource(ctx context.Context, id int64, token string, now, until time.Time, force bool) (bool, error)
	// ReleaseSource gives up a lease token still holds, after a sync that
	// could not be stored; nothing when it no longer holds it.
	ReleaseSource(ctx context.Context, id int64, token string) error
	// SourceLinks returns the links of a source to its events.
	SourceLinks(ctx context.Context, sourceID int64) ([]SourceLink, error)
	// SourceLinkByID returns NotFound when there is none.
	SourceLinkByID(ctx context.Context, id int64) (SourceLink, error)
	// OpenSourceLinks lists the links that need the secretariat (a change
	// to approve, a conflict, an event gone, a clash), oldest first.
	OpenSourceLinks(ctx context.Context) ([]SourceLink, error)
	// SaveSync stores one sync in one transaction: the changes (as
	// SaveEvents would), the links (created or replaced; a link whose
	// Event is set takes that event's ID once saved) and the health, and
	// releases the lease; nothing when the lease token no longer holds it
	// (Conflict "source.lease_lost").
	SaveSync(ctx context.Context, w SyncWrite) error
	// SaveLink stores one link with the changes the secretariat's decision
	// makes, in one transaction.
	SaveLink(ctx context.Context, l SourceLink, chs ...EventChange) error
}

// SourceService is the secretariat's management of partner calendars and
// the sync's use of the calendar.
type SourceService struct {
	*Service
	sources SourceStore
}

// NewSourceService returns the partner calendars' service over cal.
func NewSourceService(cal *Service, st SourceStore) *SourceService {
	return &SourceService{Service: cal, sources: st}
}

// Sources lists every source.
func (s *SourceService) Sources(ctx context.Context) ([]Source, error) {
	return s.sources.Sources(ctx)
}

// Source returns one source and its links.
func (s *SourceService) Source(ctx context.Context, id int64) (Source, []SourceLink, error) {
	src, err := s.sources.SourceByID(ctx, id)
	if err != nil {
		return Source{}, nil, err
	}
	links, err := s.sources.SourceLinks(ctx, id)
	return src, links, err
}

// Validate checks a source's settings; Defaults are checked as an event's
// fields would be.
func (src *Source) Validate() error {
	f := apperr.Fields{}
	src.Name = strings.TrimSpace(src.Name)
	src.Filter = strings.TrimSpace(src.Filter)
	if src.Name == "" {
		f.Add("name", "validation.required")
	} else if len([]rune(src.Name)) > MaxSourceName || hasControl(src.Name, false) {
		f.Add("name", "validation.text")
	}
	if strings.TrimSpace(src.URL) == "" {
		f.Add("url", "validation.required")
	} else if u, err := fetch.NormalizeURL(src.URL); err != nil {
		f.Add("url", "source.validation.url")
	} else {
		src.URL = u
	}
	if len([]rune(src.Filter)) > MaxFilter || hasControl(src.Filter, false) {
		f.Add("filter", "validation.text")
	}
	if src.Trust != TrustReview && src.Trust != TrustPublish {
		f.Add("trust", "validation.choice")
	}
	if src.AutoCancelAfter < 0 || src.AutoCancelAfter > MaxAutoCancel {
		f.Add("auto_cancel", "source.validation.auto_cancel")
	}
	if len(src.Defaults.Organisers) == 0 {
		f.Add("organisers", "validation.organiser_required")
	}
	stand := src.Defaults
	stand.Status, stand.AllDay = Pending, true
	stand.StartDate, stand.EndDate = Date{Year: 2030, Month: 1, Day: 1}, Date{Year: 2030, Month: 1, Day: 1}
	stand.Texts = map[lang.Code]Text{stand.OriginalLang: {Title: "-"}}
	if err := stand.validate(validation{}); err != nil {
		if ae, ok := err.(*apperr.Error); ok {
			for k, v := range ae.Fields {
				if !strings.HasPrefix(k, "title_") && k != "start" && k != "end" {
					f.Add(k, v)
				}
			}
		}
	}
	return f.Err("validation.failed")
}

// SaveSource creates or updates a source (admins only; the caller checks
// the role). A new source is due at once.
func (s *SourceService) SaveSource(ctx context.Context, actor audit.Actor, src *Source) error {
	if err := s.store.ResolveLinks(ctx, &src.Defaults); err != nil {
		return err
	}
	if err := src.Validate(); err != nil {
		return err
	}
	var before map[string]string
	action := SourceCreate
	if src.ID != 0 {
		old, err := s.sources.SourceByID(ctx, src.ID)
		if err != nil {
			return err
		}
		before, action = sourceFields(old), SourceUpdate
		src.Health = old.Health
		if old.URL != src.URL {
			// Another address: its answers say nothing about the old ones.
			src.Health.ETag, src.Health.LastModified, src.Health.NextRun = "", "", s.now()
		}
	} else {
		src.Health.NextRun = s.now()
		src.CreatedAt = s.now().UTC()
	}
	changes := audit.Diff(before, sourceFields(*src))
	if src.ID != 0 && len(changes) == 0 {
		return nil
	}
	return s.sources.SaveSource(ctx, src, audit.Entry{Actor: actor, Action: action, RecordType: recordTypeSrc,
		RecordID: src.ID, RecordLabel: src.Name, Changes: changes})
}

// SetPaused pauses or resumes a source; resuming makes it due at once.
func (s *SourceService) SetPaused(ctx context.Context, actor audit.Actor, id int64, version int, paused bool) error {
	src, err := s.sources.SourceByID(ctx, id)
	if err != nil {
		return err
	}
	if src.Version != version {
		return apperr.New(apperr.Conflict, "error.conflict.version")
	}
	if src.Paused == paused {
		return nil
	}
	before := sourceFields(src)
	src.Paused = paused
	if !paused {
		src.Health.NextRun, src.Health.Failures = s.now(), 0
	}
	return s.sources.SaveSource(ctx, &src, audit.Entry{Actor: actor, Action: SourceUpdate, RecordType: recordTypeSrc,
		RecordID: src.ID, RecordLabel: src.Name, Changes: audit.Diff(before, sourceFields(src))})
}

// What removing a source does with its events.
const (
	// RemoveKeep keeps the events as they are, no longer synced.
	RemoveKeep = "keep"
	// RemoveCancel cancels the published ones and withdraws the ones
	// awaiting review.
	RemoveCancel = "cancel"
)

// DeleteSource removes a source; what the secretariat chose (RemoveKeep
// or RemoveCancel) is done to its events in the same transaction.
func (s *SourceService) DeleteSource(ctx context.Context, actor audit.Actor, id int64, version int, events string) error {
	if events != RemoveKeep && events != RemoveCancel {
		return apperr.Fields{"events": "validation.choice"}.Err("validation.failed")
	}
	src, links, err := s.Source(ctx, id)
	if err != nil {
		return err
	}
	if src.Version != version {
		return apperr.New(apperr.Conflict, "error.conflict.version")
	}
	var chs []EventChange
	if events == RemoveCancel {
		evs, subs, err := s.linkedEvents(ctx, links)
		if err != nil {
			return err
		}
		for _, l := range links {
			e, ok := evs[l.EventID]
			if !ok {
				continue
			}
			if ch, ok := goneTransition(e, subs[e.ID], actor, s.now()); ok {
				chs = append(chs, ch)
			}
		}
	}
	entry := audit.Entry{Actor: actor, Action: SourceDelete, RecordType: recordTypeSrc, RecordID: src.ID, RecordLabel: src.Name,
		Changes: append(audit.Diff(sourceFields(src), nil), audit.Change{Field: "source_events", After: events})}
	return s.sources.DeleteSource(ctx, id, entry, chs...)
}

// linkedEvents loads the events of links and their submissions.
func (s *SourceService) linkedEvents(ctx context.Context, links []SourceLink) (map[int64]Event, map[int64]Submission, error) {
	ids := make([]int64, 0, len(links))
	for _, l := range links {
		ids = append(ids, l.EventID)
	}
	evs, err := s.store.EventsByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	subs, err := s.store.SubmissionsOf(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[int64]Event, len(evs))
	for _, e := range evs {
		out[e.ID] = e
	}
	bySub := make(map[int64]Submission, len(subs))
	for _, sb := range subs {
		bySub[sb.EventID] = sb
	}
	return out, bySub, nil
}

// goneTransition ends an event its source no longer has: a published or
// tentative one is cancelled, one awaiting review withdrawn; false when
// there is nothing to end.
func goneTransition(e Event, sub Submission, actor audit.Actor, now time.Time) (EventChange, bool) {
	next := e
	action := EventCancel
	switch e.Status {
	case Published, Tentative:
		next.Status = Cancelled
		sub.CancelledBy = CancelledBySecretariat
	case Pending:
		next.Status, action = Rejected, EventWithdraw
		sub.Withdrawn, sub.DecidedAt, sub.DecidedBy = true, now.UTC(), actor.Email
	default:
		return EventChange{}, false
	}
	out, entry, _ := revise(e, next, actor, action, now)
	return EventChange{Event: &out, Submission: subOrNil(sub), Audit: entry}, true
}

// sourceFields is the audit view of a source's settings.
func sourceFields(s Source) map[string]string {
	d := s.Defaults
	return map[string]string{"name": s.Name, "source_url": s.URL, "source_filter": s.Filter, "source_trust": string(s.Trust),
		"source_auto_cancel": strconv.Itoa(s.AutoCancelAfter), "source_paused": strconv.FormatBool(s.Paused),
		"organisers": joinIDs(organiserIDs(d)), "networks": joinIDs(networkIDs(d)), "category": string(d.Category), "country": string(d.Country),
		"city": d.City, "attendance": string(d.Attendance), "audience": string(d.Audience),
		"languages": strings.Join(d.Languages, ","), "zone": d.Zone, "original_lang": string(d.OriginalLang)}
}

// Matches reports whether an event with title and categories passes the
// source's filter.
func (s Source) Matches(title string, categories []string) bool {
	if s.Filter == "" {
		return true
	}
	hay := lang.Fold(title + "\n" + strings.Join(categories, "\n"))
	for _, w := range strings.Split(s.Filter, ",") {
		if w = strings.TrimSpace(w); w != "" && strings.Contains(hay, lang.Fold(w)) {
			return true
		}
	}
	return false
}

// Backoff is how long to wait after failures failed syncs in a row: the
// interval, doubled for every further failure, at most MaxBackoff.
func Backoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for i := 1; i < failures && d < MaxBackoff; i++ {
		d *= 2
	}
	return min(d, MaxBackoff)
}

// BoundInterval keeps a calendar's requested refresh interval within
// bounds; zero is the default.
func BoundInterval(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultSyncInterval
	}
	return min(max(d, MinSyncInterval), MaxSyncInterval)
}

// Due lists the sources whose next sync is due.
func (s *SourceService) Due(ctx context.Context) ([]int64, error) {
	return s.sources.DueSources(ctx, s.now())
}

// Lease takes the sync lease of source id for d and returns the source
// and the lease's token; ok is false when another sync holds it (or,
// unless force, when the source is not due or paused).
func (s *SourceService) Lease(ctx context.Context, id int64, d time.Duration, force bool) (src Source, token string, ok bool, err error) {
	token = newToken()
	now := s.now()
	ok, err = s.sources.LeaseSource(ctx, id, token, now, now.Add(d), force)
	if err != nil || !ok {
		return Source{}, "", false, err
	}
	if src, err = s.sources.SourceByID(ctx, id); err != nil {
		// Not left held for LeaseTime: the next "sync now" need not wait.
		_ = s.sources.ReleaseSource(context.WithoutCancel(ctx), id, token)
		return Source{}, "", false, err
	}
	return src, token, true, nil
}

// Release gives up a lease after a sync that could not be stored, so that
// the next one need not wait for it to expire.
func (s *SourceService) Release(ctx context.Context, id int64, token string) error {
	return s.sources.ReleaseSource(ctx, id, token)
}

// LinkedEvents loads the events of links, by ID.
func (s *SourceService) LinkedEvents(ctx context.Context, links []SourceLink) (map[int64]Event, error) {
	evs, _, err := s.linkedEvents(ctx, links)
	return evs, err
}
