// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
)

// Standing is where an event stands for the secretariat: its status, with
// the rejected submissions that their sender withdrew or that duplicated
// another event told apart from those the secretariat declined. Its codes
// are the values of the secretariat's status filter.
type Standing string

// The standings, one per status plus the two kinds of rejection that are
// not the secretariat's refusal.
const (
	StandingPending   Standing = "pending"
	StandingPublished Standing = "published"
	StandingTentative Standing = "tentative"
	StandingCancelled Standing = "cancelled"
	StandingRejected  Standing = "rejected"
	StandingWithdrawn Standing = "withdrawn"
	StandingDuplicate Standing = "duplicate"
)

// Standings lists every standing in the order the secretariat reads them.
var Standings = []Standing{StandingPending, StandingPublished, StandingTentative, StandingCancelled,
	StandingRejected, StandingWithdrawn, StandingDuplicate}

// StandingOf returns the standing of e, whose submission is sub (the zero
// Submission when it has none). A withdrawal wins over a merge, as in
// Submission.State.
func StandingOf(e Event, sub Submission) Standing {
	if e.Status != Rejected {
		return Standing(e.Status)
	}
	switch {
	case sub.Withdrawn:
		return StandingWithdrawn
	case sub.MergedInto != 0:
		return StandingDuplicate
	}
	return StandingRejected
}

// SortKey names an order of a list of events; the codes are the values of
// the secretariat's sort parameter.
type SortKey string

// The orders of the secretariat's list.
const (
	SortChanged   SortKey = "changed"    // last changed first
	SortStart     SortKey = "start"      // earliest start first
	SortStartDesc SortKey = "start_desc" // latest start first
	SortTitle     SortKey = "title"      // by title, ignoring case
)

// SortKeys lists the orders; the first is the default of the secretariat's
// list: what was changed last is what someone is most likely looking for.
var SortKeys = []SortKey{SortChanged, SortStart, SortStartDesc, SortTitle}

// Sort orders the events of a Query. The zero Sort orders by start.
type Sort struct {
	Key SortKey
	// Lang is the language SortTitle compares titles in, falling back to
	// the event's original language and then English, as Event.Title does.
	Lang lang.Code
}

// Find is the secretariat's search over every event, whatever its status.
type Find struct {
	Filter
	// Standings limits the result; empty means every standing.
	Standings []Standing
	// Sort is the order; empty means SortKeys[0].
	Sort SortKey
	// Page counts from 1; 0 means 1.
	Page int
}

// Parameters of the secretariat's search besides the filter's.
const (
	ParamStatus = "status"
	ParamSort   = "sort"
	ParamPage   = "page"
	// MaxFindPage bounds the page parameter before any query runs.
	MaxFindPage = 100000
)

// FindFromQuery parses the secretariat's search parameters: the filter's,
// status, sort and page. Bad values give an apperr Invalid error naming
// each parameter; the Find returned with it holds the parameters that could
// be read, so that a form can show them again.
func FindFromQuery(q url.Values) (Find, error) {
	fields := apperr.Fields{}
	f, err := FilterFromQuery(q)
	if err != nil {
		var ae *apperr.Error
		if !errors.As(err, &ae) {
			return Find{}, err
		}
		rest := url.Values{}
		for k, v := range q {
			if _, bad := ae.Fields[k]; !bad {
				rest[k] = v
			}
		}
		// The to-before-from check names "to" alone: dropping it leaves a
		// filter that parses.
		f, _ = FilterFromQuery(rest)
		for k, v := range ae.Fields {
			fields.Add(k, v)
		}
	}
	out := Find{Filter: f}
	out.Standings = parseCodes(fields, q, ParamStatus, Standings, strings.ToLower)
	if v := strings.TrimSpace(q.Get(ParamSort)); v != "" {
		if k := SortKey(strings.ToLower(v)); slices.Contains(SortKeys, k) {
			out.Sort = k
		} else {
			fields.Add(ParamSort, "filter.unknown_value")
		}
	}
	if v := strings.TrimSpace(q.Get(ParamPage)); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= MaxFindPage {
			out.Page = n
		} else {
			fields.Add(ParamPage, "filter.bad_page")
		}
	}
	return out, fields.Err("filter.invalid")
}

// Values returns the canonical query-string form of f without the page:
// the filter's, then status and a sort other than the default.
func (f Find) Values() url.Values {
	v := f.Filter.Values()
	if len(f.Standings) > 0 {
		ss := strs(f.Standings)
		slices.Sort(ss)
		v.Set(ParamStatus, strings.Join(slices.Compact(ss), ","))
	}
	if f.Sort != "" && f.Sort != SortKeys[0] {
		v.Set(ParamSort, string(f.Sort))
	}
	return v
}

// Found is one page of the secretariat's search.
type Found struct {
	Events  []FoundEvent
	Total   int
	Page    int
	PerPage int
}

// Pages returns the number of pages, at least 1.
func (f Found) Pages() int { return Page{Total: f.Total, PerPage: f.PerPage}.Pages() }

// FoundEvent is an event of the secretariat's search with what the list
// says about it.
type FoundEvent struct {
	Event
	Standing Standing
	// Planned is set for the events the clash check applies to (those with
	// one of ClashStatuses); Clash is then the worst level of their clash
	// report, 0 when they clash with nothing.
	Planned bool
	Clash   Level
}

// Find returns one page of the events matching f, in every status unless
// f says otherwise, sorted as f says (titles compared in l). Unknown
// organisers or networks, and a page after the last, are Invalid.
func (s *Service) Find(ctx context.Context, f Find, l lang.Code, perPage int) (Found, error) {
	if err := s.checkFilter(ctx, f.Filter); err != nil {
		return Found{}, err
	}
	if perPage <= 0 {
		perPage = 50
	}
	key := f.Sort
	if key == "" {
		key = SortKeys[0]
	}
	q := Query{Filter: f.Filter, Statuses: Statuses, Standings: f.Standings, Sort: Sort{Key: key, Lang: l}}
	total, err := s.store.CountEvents(ctx, q)
	if err != nil {
		return Found{}, err
	}
	res := Found{Total: total, Page: max(f.Page, 1), PerPage: perPage}
	if res.Page > res.Pages() {
		return Found{}, apperr.Fields{ParamPage: "filter.bad_page"}.Err("filter.invalid")
	}
	q.Limit, q.Offset = perPage, (res.Page-1)*perPage
	evs, err := s.store.ListEvents(ctx, q)
	if err != nil {
		return Found{}, err
	}
	var rejected []int64
	for _, e := range evs {
		if e.Status == Rejected {
			rejected = append(rejected, e.ID)
		}
	}
	subs := map[int64]Submission{}
	if len(rejected) > 0 {
		list, err := s.store.SubmissionsOf(ctx, rejected)
		if err != nil {
			return Found{}, err
		}
		for _, sb := range list {
			subs[sb.EventID] = sb
		}
	}
	levels, err := s.clashLevels(ctx, evs)
	if err != nil {
		return Found{}, err
	}
	res.Events = make([]FoundEvent, len(evs))
	for i, e := range evs {
		lv, planned := levels[e.ID]
		res.Events[i] = FoundEvent{Event: e, Standing: StandingOf(e, subs[e.ID]), Planned: planned, Clash: lv}
	}
	return res, nil
}

// clashLevels returns, by ID, the worst level of the clash report of each
// planned event of evs: what Clashes reports for it, without the free-date
// suggestions, which do not change the level. The events of one page
// mostly lie close together, so the days their check reads are merged into
// as few spans as possible and each span is read once; an event compared
// with more events than those near it gets the same report, since events
// too far apart do not clash.
func (s *Service) clashLevels(ctx context.Context, evs []Event) (map[int64]Level, error) {
	var cs []Facets
	for _, e := range evs {
		if slices.Contains(ClashStatuses, e.Status) {
			cs = append(cs, FacetsOf(e))
		}
	}
	out := make(map[int64]Level, len(cs))
	if len(cs) == 0 {
		return out, nil
	}
	protected, err := s.store.ProtectedDates(ctx)
	if err != nil {
		return nil, err
	}
	rules := s.rules
	rules.Alternatives = 0
	gap := max(s.rules.GapDays, 0)
	slices.SortFunc(cs, func(a, b Facets) int { return -a.FirstDay.DaysUntil(b.FirstDay) })
	for i := 0; i < len(cs); {
		first, last := cs[i].FirstDay.AddDays(-gap), cs[i].LastDay.AddDays(gap)
		j := i + 1
		for ; j < len(cs) && !cs[j].FirstDay.AddDays(-gap).After(last.AddDays(1)); j++ {
			if l := cs[j].LastDay.AddDays(gap); l.After(last) {
				last = l
			}
		}
		others, err := s.store.ClashFacets(ctx, FacetQuery{First: first, Last: last, Statuses: ClashStatuses})
		if err != nil {
			return nil, err
		}
		for _, c := range cs[i:j] {
			out[c.ID] = Evaluate(c, others, s.holidays, protected, rules).Worst()
		}
		i = j
	}
	return out, nil
}
