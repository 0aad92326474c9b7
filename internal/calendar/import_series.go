// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
)

// Importing series
//
// A calendar file's series is one draft with Repeat, and each date the
// file changes on its own one more draft with the series' UID and the
// date's RecurrenceKey (icsimport). The series is imported as one event:
// one pending submission, one manage link, one approval. Its changed dates
// are saved in the same SaveEvents call, after it, as overrides: each
// change names the series' Event (EventChange.Series), whose ID the store
// knows by then, new series included. A date the file cancels is an
// EXDATE of a new series (nobody has it in a calendar yet) and a
// cancelled date of a known public one.

// splitDates separates the drafts of series' dates from the others, the
// dates by the UID of their series.
func splitDates(drafts []ImportDraft) ([]ImportDraft, map[string][]ImportDraft) {
	var rest []ImportDraft
	dates := map[string][]ImportDraft{}
	for _, d := range drafts {
		if d.Event.RecurrenceKey != "" {
			dates[d.Event.UID] = append(dates[d.Event.UID], d)
			continue
		}
		rest = append(rest, d)
	}
	return rest, dates
}

// withCancelledDates is the EXDATEs of new series e with the dates the file
// cancels added.
func withCancelledDates(e Event, dates []ImportDraft) []time.Time {
	ex := slices.Clone(e.Repeat.ExDates)
	for _, d := range dates {
		if d.Event.Status != Cancelled || !e.IsSeries() {
			continue
		}
		if key, ok := ParseRecurrenceKey(d.Event.RecurrenceKey); ok && !slices.ContainsFunc(ex, key.Equal) {
			ex = append(ex, key)
		}
	}
	slices.SortFunc(ex, time.Time.Compare)
	return ex
}

// keptExDates is the EXDATEs of draft, the file's state of known series
// existing, with those of existing's EXDATEs that the file cancels.
func keptExDates(existing, draft Event, dates []ImportDraft) []time.Time {
	if !existing.IsSeries() || !draft.IsSeries() {
		return draft.Repeat.ExDates
	}
	cancelled := withCancelledDates(Event{Repeat: Repeat{Rule: draft.Repeat.Rule}}, dates)
	ex := slices.Clone(draft.Repeat.ExDates)
	for _, k := range cancelled {
		if slices.ContainsFunc(existing.Repeat.ExDates, k.Equal) && !slices.ContainsFunc(ex, k.Equal) {
			ex = append(ex, k)
		}
	}
	slices.SortFunc(ex, time.Time.Compare)
	return ex
}

// dateOf returns the date of series e named key, as the series' save
// writes it, or false when e has no such date.
func dateOf(e Event, key string) (Event, bool) {
	k, ok := ParseRecurrenceKey(key)
	if !ok || !e.IsSeries() {
		return Event{}, false
	}
	// The key is the wall clock; the instant is within a day of it.
	occ, err := e.Occurrences(k.Add(-48*time.Hour), k.Add(48*time.Hour+e.End.Sub(e.Start)), MaxOccurrences)
	if err != nil {
		return Event{}, false
	}
	for _, o := range occ {
		if RecurrenceKey(o.Key, e.AllDay) == key {
			return e.Instance(o), true
		}
	}
	return Event{}, false
}

// importNewDates are the changes of the dates the file changes of new
// series ev (cancelled ones are EXDATEs already).
func (s *Service) importNewDates(ev *Event, dates []ImportDraft, req ImportRequest, actor audit.Actor) ([]EventChange, []ImportProblem) {
	var chs []EventChange
	var problems []ImportProblem
	for _, d := range dates {
		if d.Event.Status == Cancelled {
			continue
		}
		old, ok := dateOf(*ev, d.Event.RecurrenceKey)
		if !ok {
			problems = append(problems, ImportProblem{Line: d.Line, Field: "repeat", MsgID: "validation.repeat.rule"})
			continue
		}
		ch, changed, err := importUpdated(old, d.Event, req.Defaults.OriginalLang, actor, s.now())
		if err != nil {
			problems = append(problems, problemsOf(d.Line, err)...)
			continue
		}
		if !changed {
			continue
		}
		ch.Event.Status, ch.Event.Overridden = Pending, true
		ch.Series = ev
		chs = append(chs, ch)
	}
	return chs, problems
}

// importKnownDates are the changes of the dates the file changes of known
// series existing, whose new state (saved before them) is series.
func (s *Service) importKnownDates(ctx context.Context, existing Event, series *Event, dates []ImportDraft, req ImportRequest) ([]EventChange, []ImportProblem) {
	var chs []EventChange
	var problems []ImportProblem
	if !series.IsSeries() {
		for _, d := range dates {
			problems = append(problems, ImportProblem{Line: d.Line, Field: "repeat", MsgID: "validation.repeat.rule"})
		}
		return nil, problems
	}
	for _, d := range dates {
		if key, ok := ParseRecurrenceKey(d.Event.RecurrenceKey); ok && d.Event.Status == Cancelled &&
			slices.ContainsFunc(series.Repeat.ExDates, key.Equal) {
			continue // excluded already
		}
		old, err := s.store.Occurrence(ctx, existing.ID, d.Event.RecurrenceKey)
		if apperr.Is(err, apperr.NotFound) {
			var ok bool
			if old, ok = dateOf(*series, d.Event.RecurrenceKey); !ok {
				problems = append(problems, ImportProblem{Line: d.Line, Field: "repeat", MsgID: "validation.repeat.rule"})
				continue
			}
			old.SeriesID = existing.ID
		} else if err != nil {
			problems = append(problems, problemsOf(d.Line, err)...)
			continue
		}
		if req.Reconcile != nil {
			req.Reconcile(old, &d.Event)
		}
		ch, changed, err := importUpdated(old, d.Event, req.Defaults.OriginalLang, req.Actor, s.now())
		if err != nil {
			problems = append(problems, problemsOf(d.Line, err)...)
			continue
		}
		if !changed {
			continue
		}
		ch.Series = series
		chs = append(chs, ch)
	}
	return chs, problems
}
