// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
)

// The event life cycle
//
// Every change to an event is one pure transition function, in the file
// named for it: submit.go (submit, hold), manage.go (organiser edit,
// confirm a hold, cancel, withdraw, resubmit after rejection),
// moderation.go (approve, reject, mark duplicate), edit.go (secretariat
// create, edit, cancel, reinstate) and import.go (import update). Each takes
// the stored event, the change, the actor and the time and returns the
// EventChange to store, without touching a database, so each is
// table-tested alone (lifecycle_test.go). All of them go through revise,
// the one place that keeps the UID and CREATED, moves SEQUENCE and
// LAST-MODIFIED and writes the audit diff. The service methods around them
// load, call the transition and hand the change to EventWriter.SaveEvents,
// the store's only way to write an event. A change that alters nothing is
// not saved at all: the feeds' bytes and ETags stay as they were.
//
// How caches learn of a change: see the comment on store.DataVersion.

// Audit actions for events.
const (
	EventCreate     = "event.create"
	EventSubmit     = "event.submit"
	EventImport     = "event.import"
	EventUpdate     = "event.update"
	EventConfirm    = "event.confirm"
	EventResubmit   = "event.resubmit"
	EventApprove    = "event.approve"
	EventReject     = "event.reject"
	EventMerge      = "event.merge"
	EventCancel     = "event.cancel"
	EventReinstate  = "event.reinstate"
	EventWithdraw   = "event.withdraw"
	recordTypeEvent = "event"
)

// EventChange is one change to an event saved with its audit entry in one
// transaction: an organiser's edit, a moderation decision, an import.
type EventChange struct {
	// Event is the new state. For an existing event its Version must be the
	// stored one, or the change is a Conflict.
	Event *Event
	// Submission, when set, is stored with the event (created with a new
	// event, updated with an existing one).
	Submission *Submission
	// NewOrganiser, when set, is created and becomes the event's first
	// organiser (the secretariat confirming a proposed organisation).
	NewOrganiser *directory.Organisation
	// Quota, when set on a change with a Submission of a pending event, is
	// checked by SaveEvents after writing every change of the call: the
	// pending submissions from the same e-mail address, from the same
	// Addr, and in all, counted in the same transaction.
	Quota *PendingQuota
	Audit audit.Entry
	// Series, when set, is the series of which Event is the date named
	// Event.RecurrenceKey, saved by an earlier change of the same call
	// (so that its ID is known by then, even for a new series): the store
	// saves Event over the date the series' save wrote, as an override.
	Series *Event
}

// EventWriter is the store's one way to write events.
type EventWriter interface {
	// SaveEvents applies every change in one transaction, all or nothing:
	// it creates an event whose ID is 0, else updates it when the stored
	// version equals Event.Version (Conflict "error.conflict.version"
	// otherwise, NotFound when missing), replacing its texts, organisers,
	// networks and topics; it stores the submission, creates the new
	// organiser and appends the audit entry. When a change has a Quota and
	// a count exceeds it, nothing is saved and the error is RateLimited
	// with MsgTooManyPending, MsgTooManyPendingNetwork or MsgQueueFull; the
	// counts of one call are serialised with those of every other call,
	// so concurrent saves cannot overshoot. It sets ID and Version on each
	// Event and ID on each Submission. CreatedAt and UpdatedAt are stored
	// as given (the store's clock when zero).
	SaveEvents(ctx context.Context, chs ...EventChange) error
}

// revise is the step every change of a stored event goes through. It keeps
// old's identity (ID, UID, CREATED); moves LAST-MODIFIED to now when a
// subscribed calendar would show a difference, and raises SEQUENCE when
// the difference is in time, place or status, the changes clients must not
// ignore (shared/ical.md, item 7); and writes the audit entry of the
// changed fields. next's Version is left as the caller set it: the version
// the editor started from. changed is false when next stores nothing new;
// then there is nothing to save.
func revise(old, next Event, actor audit.Actor, action string, now time.Time) (Event, audit.Entry, bool) {
	next.ID, next.UID, next.CreatedAt = old.ID, old.UID, old.CreatedAt
	// A date of a series changed on its own is an override from then on:
	// saving the series keeps it (see series.go).
	next.SeriesID, next.RecurrenceKey, next.Overridden = old.SeriesID, old.RecurrenceKey, old.Overridden
	if old.SeriesID != 0 {
		next.Repeat, next.Overridden = Repeat{}, true
	}
	next.Sequence, next.UpdatedAt = old.Sequence, old.UpdatedAt
	changed := !sameStored(old, next)
	if !sameShown(old, next) {
		next.UpdatedAt = now.UTC().Truncate(time.Microsecond)
	}
	if changesSchedule(old, next) {
		next.Sequence++
	}
	entry := audit.Entry{Actor: actor, Action: action, RecordType: recordTypeEvent, RecordID: old.ID,
		RecordLabel: firstTitle(next), Changes: audit.Diff(eventFields(old), eventFields(next))}
	return next, entry, changed
}

// current refuses a change made from a version other than the stored one:
// it is a Conflict even when it would change nothing, so an editor never
// believes a stale page was saved.
func current(old, next Event) error {
	if next.Version != old.Version {
		return apperr.New(apperr.Conflict, "error.conflict.version")
	}
	return nil
}

// created is revise for a new event: no identity yet, SEQUENCE 0.
func created(e Event, uid string, actor audit.Actor, action string, now time.Time) (Event, audit.Entry) {
	at := now.UTC().Truncate(time.Microsecond)
	e.ID, e.UID, e.Sequence, e.Version, e.CreatedAt, e.UpdatedAt = 0, uid, 0, 0, at, at
	return e, audit.Entry{Actor: actor, Action: action, RecordType: recordTypeEvent, RecordLabel: firstTitle(e),
		Changes: audit.Diff(nil, eventFields(e))}
}

// sameShown reports whether a and b look the same to a subscribed
// calendar and on the event page: everything a feed writes (status, texts in
// every language, times, zone, place, links, category, topics, contact,
// organisers in order).
func sameShown(a, b Event) bool {
	return a.Status == b.Status && a.OriginalLang == b.OriginalLang && maps.Equal(a.Texts, b.Texts) &&
		a.AllDay == b.AllDay && a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.StartDate == b.StartDate &&
		a.EndDate == b.EndDate && a.Zone == b.Zone && a.Venue == b.Venue && a.Address == b.Address &&
		a.City == b.City && a.Country == b.Country && a.Attendance == b.Attendance && a.OnlineURL == b.OnlineURL &&
		a.Category == b.Category && slices.Equal(a.Topics, b.Topics) && a.RegistrationURL == b.RegistrationURL &&
		a.RegistrationDeadline == b.RegistrationDeadline && a.ContactEmail == b.ContactEmail &&
		a.PublicURL == b.PublicURL && slices.Equal(organiserIDs(a), organiserIDs(b)) && a.Repeat.Equal(b.Repeat)
}

// sameStored is sameShown plus what only filters and the clash check read:
// audience, languages and networks.
func sameStored(a, b Event) bool {
	return sameShown(a, b) && a.Audience == b.Audience && slices.Equal(a.Languages, b.Languages) &&
		slices.Equal(networkIDs(a), networkIDs(b))
}

// organiserIDs lists the organisers in order, once each, as the store keeps them.
func organiserIDs(e Event) []int64 {
	out := make([]int64, 0, len(e.Organisers))
	for _, o := range e.Organisers {
		if !slices.Contains(out, o.ID) {
			out = append(out, o.ID)
		}
	}
	return out
}

// networkIDs lists the networks sorted, once each: their order carries no meaning.
func networkIDs(e Event) []int64 {
	out := make([]int64, 0, len(e.Networks))
	for _, n := range e.Networks {
		out = append(out, n.ID)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func firstTitle(e Event) string {
	t, _ := e.Title(e.OriginalLang)
	return t
}

// eventFields is the audit view of an event: the fields people change.
func eventFields(e Event) map[string]string {
	m := map[string]string{
		"status": string(e.Status), "start": e.Start.UTC().Format("2006-01-02T15:04Z"), "end": e.End.UTC().Format("2006-01-02T15:04Z"),
		"all_day": strconv.FormatBool(e.AllDay), "zone": e.Zone, "venue": e.Venue, "address": e.Address, "city": e.City,
		"country": string(e.Country), "attendance": string(e.Attendance), "online_url": e.OnlineURL,
		"category": string(e.Category), "audience": string(e.Audience), "registration_url": e.RegistrationURL,
		"contact_email": e.ContactEmail, "public_url": e.PublicURL, "languages": strings.Join(e.Languages, ","),
	}
	if !e.RegistrationDeadline.IsZero() {
		m["registration_deadline"] = e.RegistrationDeadline.String()
	}
	for l, t := range e.Texts {
		m["title_"+string(l)] = t.Title
		if r := []rune(t.Description); len(r) > 80 {
			m["description_"+string(l)] = string(r[:80]) + "…"
		} else {
			m["description_"+string(l)] = t.Description
		}
	}
	m["organisers"] = joinIDs(organiserIDs(e))
	m["networks"] = joinIDs(networkIDs(e))
	var topics []string
	for _, t := range e.Topics {
		topics = append(topics, string(t))
	}
	m["topics"] = strings.Join(topics, ",")
	if !e.Repeat.IsZero() {
		m["repeat"] = e.Repeat.Rule
		if len(e.Repeat.ExDates) > 0 {
			m["repeat_except"] = JoinKeys(e.Repeat.ExDates, e.AllDay)
		}
		if len(e.Repeat.RDates) > 0 {
			m["repeat_extra"] = JoinKeys(e.Repeat.RDates, e.AllDay)
		}
	}
	return m
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}
