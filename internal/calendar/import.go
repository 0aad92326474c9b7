// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// ImportDraft is one event read from a calendar file, with the line it
// starts on so that problems can be pointed out.
type ImportDraft struct {
	Line  int
	Event Event
}

// ImportRequest is a whole import: the drafts, the details calendar files
// do not carry (organiser, category, place, audience, networks, topics),
// and who imports. A public import has a submitter; a secretariat import
// has an actor and updates any event with a known UID.
type ImportRequest struct {
	Drafts   []ImportDraft
	Defaults Event
	// Submitter is the organiser importing through the public form; zero
	// for the secretariat.
	Submitter Submission
	Actor     audit.Actor
	// Reconcile, when set, gives a draft of a known event the stored
	// values wherever the file only repeats what nordcal's own feed writes
	// for them (feed.Reconcile), so that importing the feed, or a calendar
	// program's copy of it, changes nothing the file did not change.
	Reconcile func(stored Event, draft *Event)
}

// ImportProblem is why one draft cannot be imported.
type ImportProblem struct {
	Line  int
	Field string
	MsgID string
}

// ImportError lists every problem of an import; nothing was stored.
type ImportError struct {
	Problems []ImportProblem
}

func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString("import refused:")
	for _, p := range e.Problems {
		b.WriteString(" line ")
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(" " + p.Field + " " + p.MsgID + ";")
	}
	return b.String()
}

// Imported is one stored event of an import.
type Imported struct {
	Event   Event
	Updated bool
	// Unchanged is set for a known event the file says nothing new about.
	Unchanged bool
	// Token is the manage link's secret of a new public submission.
	Token string
}

// MaxImportEvents caps one import.
const MaxImportEvents = 200

// Import stores the drafts of one calendar file, all or nothing. A new
// event becomes a pending submission with its own clash warnings. A draft
// whose UID is known updates that event instead of duplicating it: the
// secretariat may update any event, an organiser only events registered
// from the same e-mail address. A cancelled draft cancels the known event
// and is skipped when the event is unknown. A public import is saved under
// the same quota as the form's submissions.
func (s *Service) Import(ctx context.Context, req ImportRequest) ([]Imported, error) {
	public := req.Submitter.SubmitterEmail != "" || req.Actor.Email == ""
	if public {
		if err := req.Submitter.Validate(); err != nil {
			return nil, err
		}
	}
	// The form's organiser and networks are checked once, not per event.
	if err := s.store.ResolveLinks(ctx, &req.Defaults); err != nil {
		return nil, err
	}
	if len(req.Drafts) > MaxImportEvents {
		return nil, &ImportError{Problems: []ImportProblem{{MsgID: "import.error.too_many_events"}}}
	}
	var problems []ImportProblem
	var changes []EventChange
	var outOf []int // per change, its index in out; -1 for a date of a series
	var out, unchanged []Imported
	drafts, dates := splitDates(req.Drafts)
	add := func(ch EventChange, im *Imported) {
		outOf = append(outOf, -1)
		if im != nil {
			outOf[len(outOf)-1] = len(out)
			out = append(out, *im)
		}
		changes = append(changes, ch)
	}
	for _, d := range drafts {
		e := withDefaults(d.Event, req.Defaults)
		ds := dates[e.UID]
		delete(dates, e.UID)
		existing, err := s.store.EventByUID(ctx, e.UID)
		switch {
		case err == nil:
			// Only the secretariat updates by UID: UIDs are public in every
			// feed and a typed e-mail address proves nothing, so an organiser
			// changes a known event with its own manage link.
			if public {
				problems = append(problems, ImportProblem{Line: d.Line, Field: "uid", MsgID: "import.error.uid_taken"})
				continue
			}
			if req.Reconcile != nil {
				req.Reconcile(existing, &d.Event)
			}
			// A date the import excluded because the file cancels it stays
			// excluded while the file still cancels it.
			d.Event.Repeat.ExDates = keptExDates(existing, d.Event, ds)
			ch, changed, err := importUpdated(existing, d.Event, req.Defaults.OriginalLang, req.Actor, s.now())
			if err != nil {
				problems = append(problems, problemsOf(d.Line, err)...)
				continue
			}
			series := &existing
			if changed {
				add(ch, &Imported{Event: *ch.Event, Updated: true})
				series = ch.Event
			} else {
				unchanged = append(unchanged, Imported{Event: existing, Unchanged: true})
			}
			chs, probs := s.importKnownDates(ctx, existing, series, ds, req)
			problems = append(problems, probs...)
			for _, ch := range chs {
				add(ch, nil)
			}
		case apperr.Is(err, apperr.NotFound):
			if d.Event.Status == Cancelled {
				continue
			}
			sub := req.Submitter
			if !public {
				sub = Submission{Lang: req.Defaults.OriginalLang, SubmitterName: req.Actor.Email, SubmitterEmail: req.Actor.Email}
			}
			sub.Hold = d.Event.Status == Tentative
			e.Status, e.ID, e.Version, e.Sequence = Pending, 0, 0, 0
			// A date the file cancels is not a date of a new series.
			e.Repeat.ExDates = withCancelledDates(e, ds)
			// Open-ended series are the secretariat's, as on the forms.
			if err := e.validate(validation{organiser: true, openEnded: !public}); err != nil {
				problems = append(problems, problemsOf(d.Line, err)...)
				continue
			}
			report, err := s.Clashes(ctx, e)
			if err != nil {
				problems = append(problems, problemsOf(d.Line, err)...)
				continue
			}
			token := newToken()
			sub.TokenHash, sub.Warnings = HashToken(token), report.Warnings(sub.Lang)
			actor := req.Actor
			if public {
				actor = submitterActor(sub)
			}
			ev, entry := created(e, e.UID, actor, EventImport, s.now())
			add(EventChange{Event: &ev, Submission: &sub, Audit: entry}, &Imported{Event: ev, Token: token})
			chs, probs := s.importNewDates(&ev, ds, req, actor)
			problems = append(problems, probs...)
			for _, ch := range chs {
				add(ch, nil)
			}
		default:
			return nil, err
		}
	}
	for _, ds := range dates {
		// Dates whose series is not in the file (icsimport makes those
		// single events; other callers may not).
		for _, d := range ds {
			problems = append(problems, ImportProblem{Line: d.Line, Field: "repeat", MsgID: "validation.repeat.rule"})
		}
	}
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	if len(changes) == 0 && len(unchanged) == 0 {
		return nil, apperr.New(apperr.Invalid, "import.error.nothing")
	}
	if public {
		// The same caps as the form's, per submitter, per address and in
		// all, for the whole file at once.
		for i := range changes {
			changes[i].Quota = s.quota()
		}
	}
	if len(changes) > 0 {
		if err := s.store.SaveEvents(ctx, changes...); err != nil {
			return nil, err
		}
	}
	n := Notice{Kind: NoticeSubmitted}
	for i, ch := range changes {
		if outOf[i] < 0 {
			continue
		}
		out[outOf[i]].Event = *ch.Event
		if ch.Submission != nil && ch.Event.Status == Pending {
			n.Events = append(n.Events, *ch.Event)
			n.Submission = *ch.Submission
		}
	}
	if public && len(n.Events) > 0 {
		n.Event = n.Events[0]
		s.notify(ctx, n)
	}
	return append(out, unchanged...), nil
}

// importUpdated is the import update transition: what a calendar file says
// about a known event (see mergeImported) applied by the secretariat. A
// file that says nothing new changes nothing.
func importUpdated(existing, draft Event, l lang.Code, actor audit.Actor, now time.Time) (EventChange, bool, error) {
	next := mergeImported(existing, draft, l)
	if err := next.validate(validation{organiser: len(existing.Organisers) > 0}); err != nil {
		return EventChange{}, false, err
	}
	out, entry, changed := revise(existing, next, actor, EventImport, now)
	return EventChange{Event: &out, Audit: entry}, changed, nil
}

// mergeImported applies what a calendar file says about a known event (its
// title and description in the file's language, time, venue, web page and
// a cancellation) and keeps everything the file cannot carry.
func mergeImported(existing, draft Event, l lang.Code) Event {
	next := existing
	next.Texts = make(map[lang.Code]Text, len(existing.Texts)+1)
	for k, v := range existing.Texts {
		next.Texts[k] = v
	}
	if t, ok := draft.Texts[draft.OriginalLang]; ok {
		next.Texts[draft.OriginalLang] = t
	} else if t, ok := draft.Texts[l]; ok {
		next.Texts[l] = t
	}
	next.AllDay, next.StartDate, next.EndDate, next.Start, next.End = draft.AllDay, draft.StartDate, draft.EndDate, draft.Start, draft.End
	if existing.SeriesID == 0 {
		// A series' rule and dates come from the file; a date of a
		// series has none of its own.
		next.Repeat = draft.Repeat
	}
	if draft.Zone != "" {
		next.Zone = draft.Zone
	}
	switch {
	case draft.Address != "" || draft.City != "" || draft.Country != "":
		// The place read back whole from a LOCATION (see icsimport's Own).
		next.Venue, next.Address, next.City = draft.Venue, draft.Address, draft.City
		if draft.Country != "" {
			next.Country = draft.Country
		}
	case draft.Venue != "":
		next.Venue = draft.Venue
	}
	if draft.PublicURL != "" {
		next.PublicURL = draft.PublicURL
	}
	if draft.Status == Cancelled && existing.IsPublic() {
		next.Status = Cancelled
	}
	return next
}

// withDefaults fills what calendar files do not say from the import form.
func withDefaults(e, d Event) Event {
	e.Organisers = append([]directory.Organisation(nil), d.Organisers...)
	e.Networks = append([]directory.Network(nil), d.Networks...)
	e.Category, e.Audience, e.Attendance = d.Category, d.Audience, d.Attendance
	e.Topics = append([]Topic(nil), d.Topics...)
	if e.Country == "" {
		e.Country = d.Country
	}
	if e.City == "" {
		e.City = d.City
	}
	if e.Zone == "" {
		e.Zone = d.Zone
	}
	if e.OnlineURL == "" && e.Attendance == OnSite && e.Venue == "" && e.City == "" {
		e.City = d.City
	}
	return e
}

func problemsOf(line int, err error) []ImportProblem {
	ae, ok := err.(*apperr.Error)
	if !ok {
		return []ImportProblem{{Line: line, MsgID: "error.internal"}}
	}
	if len(ae.Fields) == 0 {
		return []ImportProblem{{Line: line, MsgID: ae.MsgID}}
	}
	var out []ImportProblem
	for f, m := range ae.Fields {
		if strings.HasPrefix(f, "repeat_") {
			// The form's parts of the repeat section (end, until,
			// count) are one property of a file: its RRULE.
			f = "repeat"
		}
		out = append(out, ImportProblem{Line: line, Field: f, MsgID: m})
	}
	slices.SortFunc(out, func(a, b ImportProblem) int { return strings.Compare(a.Field, b.Field) })
	return out
}
