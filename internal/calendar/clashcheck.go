// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
	"strings"
)

// ClashReader is what the clash check reads.
type ClashReader interface {
	// ClashFacets returns the facets of the events q selects.
	ClashFacets(ctx context.Context, q FacetQuery) ([]Facets, error)
	// EventSummaries returns the events with ids with what names and dates
	// them in a list: ID, status, original language, titles, all-day flag,
	// times, days and zone. Descriptions, places, links and the other fields
	// are left empty; missing events are left out.
	EventSummaries(ctx context.Context, ids []int64) ([]Event, error)
	// ProtectedDates returns every protected date ordered by first day.
	ProtectedDates(ctx context.Context) ([]ProtectedDate, error)
}

// Option configures a Service.
type Option func(*Service)

// WithHolidays sets the holiday calendar of the clash check.
func WithHolidays(h Holidays) Option { return func(s *Service) { s.holidays = h } }

// WithClashRules replaces DefaultClashRules.
func WithClashRules(r ClashRules) Option { return func(s *Service) { s.rules = r } }

// Clashes runs the clash check for e, which need not be stored: its
// organisers and networks are given by ID. An event compared with itself
// (same ID) does not clash.
func (s *Service) Clashes(ctx context.Context, e Event) (ClashReport, error) {
	if e.Zone == "" {
		e.Zone = e.Country.Zone()
	}
	e.normalise()
	if err := s.store.ResolveLinks(ctx, &e); err != nil {
		return ClashReport{}, err
	}
	c := FacetsOf(e)
	gap := max(s.rules.GapDays, 0)
	others, err := s.store.ClashFacets(ctx, FacetQuery{First: c.FirstDay.AddDays(-gap), Last: c.LastDay.AddDays(gap),
		Statuses: ClashStatuses})
	if err != nil {
		return ClashReport{}, err
	}
	protected, err := s.store.ProtectedDates(ctx)
	if err != nil {
		return ClashReport{}, err
	}
	senderOf, err := s.senders(ctx, others)
	if err != nil {
		return ClashReport{}, err
	}
	rules := s.rules
	rules.Alternatives = 0
	r := evaluate(c, others, s.holidays, protected, rules, senderOf)
	// Alternatives look further, at the events that rule a span out only;
	// submissions awaiting moderation do not: anyone could send them to
	// steer the suggestions.
	reach := gap + s.rules.AlternativeDays
	serious, err := s.store.ClashFacets(ctx, FacetQuery{First: c.FirstDay.AddDays(-reach), Last: c.LastDay.AddDays(reach),
		Statuses: decidedClashStatuses, Category: c.Category, Networks: c.Networks, Exclude: c.ID, ExcludeSeries: c.SeriesID})
	if err != nil {
		return ClashReport{}, err
	}
	r.Alternatives = Alternatives(c, serious, s.holidays, protected, r.Countries, s.rules)
	today := DateOf(s.now().UTC())
	kept := r.Alternatives[:0]
	for _, a := range r.Alternatives {
		if !a.First.Before(today) {
			kept = append(kept, a)
		}
	}
	r.Alternatives = kept
	if r.Series, err = s.seriesClashes(ctx, e, c, protected); err != nil {
		return ClashReport{}, err
	}
	if err := s.loadClashEvents(ctx, r.Clashes); err != nil {
		return ClashReport{}, err
	}
	return r, nil
}

// decidedClashStatuses are ClashStatuses without Pending.
var decidedClashStatuses = []Status{Published, Tentative}

// senders returns who sent each event awaiting moderation among fs, by
// event ID: the lower-case e-mail address of its submission.
func (s *Service) senders(ctx context.Context, fs []Facets) (map[int64]string, error) {
	var ids []int64
	for _, f := range fs {
		if f.Status == Pending {
			ids = append(ids, f.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	subs, err := s.store.SubmissionsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(subs))
	for _, sub := range subs {
		out[sub.EventID] = strings.ToLower(sub.SubmitterEmail)
	}
	return out, nil
}

// loadClashEvents fills Event of each clash, for titles and links.
func (s *Service) loadClashEvents(ctx context.Context, cs []Clash) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.Other.ID
	}
	evs, err := s.store.EventSummaries(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[int64]Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	for i := range cs {
		cs[i].Event = byID[cs[i].Other.ID]
	}
	return nil
}

// ClashPair is two planned events that collide. When either is a date of
// a series, the pair stands for every date of that series that collides
// with the other event (or the other series): A is then the series, and
// Clash the most serious of those collisions.
type ClashPair struct {
	A, B  Event
	Clash Clash
	// Dates are the days of A's dates (of B's when only B is a series)
	// that collide, in order; empty for two single events.
	Dates []Date
}

// MaxClashPairs caps the rows of the secretariat's clash report: a
// series and what it collides with are one row.
const MaxClashPairs = 300

// ClashPairs returns every pair of colliding planned events in the next
// twelve months, worst first: the secretariat's clash report.
func (s *Service) ClashPairs(ctx context.Context) ([]ClashPair, error) {
	today := DateOf(s.now().UTC())
	fs, err := s.store.ClashFacets(ctx, FacetQuery{First: today, Last: today.AddDays(365), Statuses: ClashStatuses})
	if err != nil {
		return nil, err
	}
	// Ordered by local first day: the inner loop stops at the first event
	// that starts after the reach, which must hold across time zones.
	slices.SortFunc(fs, func(a, b Facets) int {
		if d := a.FirstDay.DaysUntil(b.FirstDay); d != 0 {
			return -d
		}
		return a.Start.Compare(b.Start)
	})
	var found []foundPair
	for i := range fs {
		reach := fs[i].LastDay.AddDays(max(s.rules.GapDays, 0))
		for j := i + 1; j < len(fs) && !fs[j].FirstDay.After(reach); j++ {
			// A series comes first in its pairs, of two the one with the lower ID,
			// so that each pair of series makes one row (the rules are symmetric).
			a, b := i, j
			if sa, sb := fs[a].SeriesID, fs[b].SeriesID; sa == 0 && sb != 0 || sa != 0 && sb != 0 && sb < sa {
				a, b = b, a
			}
			if c, ok := Compare(fs[a], fs[b], s.rules); ok {
				found = append(found, foundPair{a: a, b: b, clash: c})
			}
		}
	}
	pairs := groupPairs(fs, found)
	slices.SortStableFunc(pairs, func(a, b ClashPair) int { return b.Clash.Score - a.Clash.Score })
	if len(pairs) > MaxClashPairs {
		pairs = pairs[:MaxClashPairs]
	}
	ids := make([]int64, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.A.ID, p.B.ID)
	}
	slices.Sort(ids)
	evs, err := s.store.EventsByID(ctx, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	for i := range pairs {
		pairs[i].A, pairs[i].B = byID[pairs[i].A.ID], byID[pairs[i].B.ID]
	}
	return pairs, nil
}
