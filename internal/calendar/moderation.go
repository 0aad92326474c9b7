// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// ModerationStore reads the moderation queue.
type ModerationStore interface {
	// PendingSubmissions returns the submissions whose events await
	// moderation, oldest first: limit of them (all when 0) after offset.
	PendingSubmissions(ctx context.Context, limit, offset int) ([]Submission, error)
	// SubmissionsOf returns the submissions of the events with ids, in no
	// particular order; events without one are left out.
	SubmissionsOf(ctx context.Context, ids []int64) ([]Submission, error)
	// CountPending counts pending submissions; when email is not "", only
	// those from email (case-insensitive).
	CountPending(ctx context.Context, email string) (int, error)
}

// Moderation is a secretariat decision on a pending event.
type Moderation struct {
	EventID int64
	// Version is the event version the moderator saw.
	Version int
	Reason  string
	// MergeInto is the existing event a duplicate is merged into.
	MergeInto int64
	// CreateProposed creates the organisation the submitter proposed, as the
	// event's main organiser, on approval.
	CreateProposed bool
}

// decidable checks that old still awaits the decision the moderator took
// on version m.Version.
func decidable(old Event, m Moderation) error {
	if old.Status != Pending {
		return apperr.New(apperr.Conflict, "moderation.not_pending")
	}
	if m.Version != old.Version {
		return apperr.New(apperr.Conflict, "error.conflict.version")
	}
	return nil
}

// approvalRules is what approving old needs: a hold needs no place, and a
// proposed organisation stands in for an organiser until it is created.
func approvalRules(sub Submission, newOrganiser bool) validation {
	return validation{organiser: !newOrganiser, place: !sub.Hold}
}

// approved is the approve transition: a hold is published as tentative,
// anything else as published. org, when set, is the proposed organisation,
// created with the event as its main organiser; without it the event must
// have an organiser already.
func approved(old Event, sub Submission, m Moderation, org *directory.Organisation, actor audit.Actor, now time.Time) (EventChange, error) {
	if err := decidable(old, m); err != nil {
		return EventChange{}, err
	}
	next := old
	next.Status = Published
	if sub.Hold {
		next.Status = Tentative
	}
	if org == nil && len(old.Organisers) == 0 {
		return EventChange{}, apperr.New(apperr.Invalid, "moderation.organiser_missing")
	}
	if org != nil {
		if err := org.Validate(); err != nil {
			return EventChange{}, err
		}
	}
	if err := next.validate(approvalRules(sub, org != nil)); err != nil {
		return EventChange{}, err
	}
	out, entry, _ := revise(old, next, actor, EventApprove, now)
	sub.DecidedBy, sub.DecidedAt = actor.Email, now.UTC()
	return EventChange{Event: &out, Submission: subOrNil(sub), NewOrganiser: org, Audit: entry}, nil
}

// Incomplete lists the fields a pending event still lacks for approval
// (for instance the city of an imported on-site event), as field → message
// ID; empty when it can be approved as it is.
func Incomplete(e Event, sub Submission) map[string]string {
	e.Texts = maps.Clone(e.Texts)
	e.Status = Published
	if sub.Hold {
		e.Status = Tentative
	}
	err := e.validate(approvalRules(sub, len(e.Organisers) == 0 && !sub.ProposedOrg.IsZero()))
	if ae, ok := err.(*apperr.Error); ok {
		return ae.Fields
	}
	return nil
}

// rejected is the reject transition, with the reason the submitter sees.
func rejected(old Event, sub Submission, m Moderation, actor audit.Actor, now time.Time) (EventChange, error) {
	reason, err := rejectionReason(m.Reason)
	if err != nil {
		return EventChange{}, err
	}
	if err := decidable(old, m); err != nil {
		return EventChange{}, err
	}
	next := old
	next.Status = Rejected
	out, entry, _ := revise(old, next, actor, EventReject, now)
	entry.Changes = append(entry.Changes, audit.Change{Field: "reason", After: reason})
	sub.Reason, sub.DecidedBy, sub.DecidedAt = reason, actor.Email, now.UTC()
	return EventChange{Event: &out, Submission: subOrNil(sub), Audit: entry}, nil
}

// rejectionReason checks the reason a submitter will read.
func rejectionReason(r string) (string, error) {
	r = strings.TrimSpace(r)
	if r == "" {
		return "", apperr.Fields{"reason": "validation.required"}.Err("validation.failed")
	}
	if len([]rune(r)) > 2000 || hasControl(r, true) {
		return "", apperr.Fields{"reason": "validation.text"}.Err("validation.failed")
	}
	return r, nil
}

// merged marks a pending event as a duplicate of the public event target:
// the duplicate is never published and its submitter is pointed to the other.
func merged(old Event, sub Submission, m Moderation, target Event, actor audit.Actor, now time.Time) (EventChange, error) {
	if err := decidable(old, m); err != nil {
		return EventChange{}, err
	}
	if !target.IsPublic() || target.ID == old.ID || target.ID == 0 {
		return EventChange{}, apperr.Fields{"merge_into": "moderation.merge_target"}.Err("validation.failed")
	}
	next := old
	next.Status = Rejected
	out, entry, _ := revise(old, next, actor, EventMerge, now)
	entry.Changes = append(entry.Changes, audit.Change{Field: "merged_into", After: strconv.FormatInt(target.ID, 10)})
	sub.MergedInto, sub.DecidedBy, sub.DecidedAt = target.ID, actor.Email, now.UTC()
	return EventChange{Event: &out, Submission: subOrNil(sub), Audit: entry}, nil
}

// Approve publishes a pending event (see approved).
func (s *Service) Approve(ctx context.Context, actor audit.Actor, m Moderation) error {
	e, sub, err := s.eventAndSubmission(ctx, m.EventID)
	if err != nil {
		return err
	}
	var org *directory.Organisation
	if m.CreateProposed && !sub.ProposedOrg.IsZero() {
		p := sub.ProposedOrg
		org = &directory.Organisation{Slug: slugFor(p.Name, p.Country), OriginalLang: sub.Lang,
			Names: lang.Texts{sub.Lang: p.Name}, Country: p.Country, Type: directory.NGO, Website: p.Website}
	}
	ch, err := approved(e, sub, m, org, actor, s.now())
	if err != nil {
		return err
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	s.notifySaved(ctx, NoticeApproved, ch)
	return nil
}

// Reject refuses a pending event with a reason the submitter sees.
func (s *Service) Reject(ctx context.Context, actor audit.Actor, m Moderation) error {
	if _, err := rejectionReason(m.Reason); err != nil {
		return err
	}
	e, sub, err := s.eventAndSubmission(ctx, m.EventID)
	if err != nil {
		return err
	}
	ch, err := rejected(e, sub, m, actor, s.now())
	if err != nil {
		return err
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	s.notifySaved(ctx, NoticeRejected, ch)
	return nil
}

// Merge marks a pending event as a duplicate of an existing public one.
func (s *Service) Merge(ctx context.Context, actor audit.Actor, m Moderation) error {
	e, sub, err := s.eventAndSubmission(ctx, m.EventID)
	if err != nil {
		return err
	}
	target, err := s.store.EventByID(ctx, m.MergeInto)
	if apperr.Is(err, apperr.NotFound) {
		target, err = Event{}, nil
	}
	if err != nil {
		return err
	}
	ch, err := merged(e, sub, m, target, actor, s.now())
	if err != nil {
		return err
	}
	if err := s.store.SaveEvents(ctx, ch); err != nil {
		return err
	}
	if ch.Submission != nil {
		s.notify(ctx, Notice{Kind: NoticeMerged, Event: *ch.Event, Submission: *ch.Submission, Duplicate: target})
	}
	return nil
}

// PendingItem is one entry of the moderation queue.
type PendingItem struct {
	Event      Event
	Submission Submission
	// Incomplete lists what the event lacks for approval (see Incomplete).
	Incomplete map[string]string
}

// PendingCount returns how many submissions await moderation, without
// loading their events.
func (s *Service) PendingCount(ctx context.Context) (int, error) {
	return s.store.CountPending(ctx, "")
}

// Pending returns the whole moderation queue, oldest first.
func (s *Service) Pending(ctx context.Context) ([]PendingItem, error) {
	subs, err := s.store.PendingSubmissions(ctx, 0, 0)
	if err != nil {
		return nil, err
	}
	return s.pendingItems(ctx, subs)
}

// pendingItems loads the events of subs and pairs them, in subs' order.
func (s *Service) pendingItems(ctx context.Context, subs []Submission) ([]PendingItem, error) {
	byID, err := s.eventsOf(ctx, subs)
	if err != nil {
		return nil, err
	}
	out := make([]PendingItem, 0, len(subs))
	for _, sb := range subs {
		if e, ok := byID[sb.EventID]; ok {
			out = append(out, PendingItem{Event: e, Submission: sb, Incomplete: Incomplete(e, sb)})
		}
	}
	return out, nil
}

// eventsOf loads the events of subs in one query, by ID.
func (s *Service) eventsOf(ctx context.Context, subs []Submission) (map[int64]Event, error) {
	ids := make([]int64, len(subs))
	for i, sb := range subs {
		ids[i] = sb.EventID
	}
	evs, err := s.store.EventsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	return byID, nil
}

// Submission returns the submission of an event, NotFound when it has none.
func (s *Service) Submission(ctx context.Context, eventID int64) (Submission, error) {
	return s.store.SubmissionByEvent(ctx, eventID)
}

func subOrNil(s Submission) *Submission {
	if s.ID == 0 {
		return nil
	}
	return &s
}

// slugFor makes a URL slug for a proposed organisation from its name.
func slugFor(name string, country directory.Country) string {
	var b strings.Builder
	dash := false
	for _, r := range lang.Fold(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "organisation"
	}
	suffix := make([]byte, 3)
	if _, err := rand.Read(suffix); err != nil {
		panic(err)
	}
	return slug + "-" + strings.ToLower(string(country)) + "-" + hex.EncodeToString(suffix)
}
