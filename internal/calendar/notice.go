// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"slices"
)

// Notices: what the people involved in an event hear about.
const (
	// NoticeSubmitted: new submissions await moderation (for the secretariat).
	NoticeSubmitted = "submitted"
	// NoticeApproved: the secretariat published the submitter's event.
	NoticeApproved = "approved"
	// NoticeRejected: the secretariat refused it, with a reason.
	NoticeRejected = "rejected"
	// NoticeMerged: the secretariat found it already in the calendar.
	NoticeMerged = "merged"
	// NoticeHoldConfirmed: the organiser confirmed their hold.
	NoticeHoldConfirmed = "hold_confirmed"
	// NoticeChanged: the secretariat changed the published event.
	NoticeChanged = "changed"
	// NoticeCancelled: the secretariat cancelled it.
	NoticeCancelled = "cancelled"
)

// Notice is one change that somebody should hear of, told after it was
// saved.
type Notice struct {
	Kind string
	// Event is the event as saved; Events, for NoticeSubmitted, every new
	// event of one submission act (a registration or a whole import).
	Event  Event
	Events []Event
	// Submission is the event's submission: who to tell, in which language.
	Submission Submission
	// Changed lists the fields the secretariat changed (audit field names:
	// "start", "venue", "title_fi" …), for NoticeChanged.
	Changed []string
	// Duplicate is the event a NoticeMerged submission duplicates.
	Duplicate Event
}

// Notifier tells people of changes, e.g. by queuing e-mail. It is called
// after the change is saved and cannot undo it: a failure is the
// notifier's to log.
type Notifier interface {
	Notify(ctx context.Context, n Notice)
}

// WithNotifier makes the service tell n of every decision and new
// submission.
func WithNotifier(n Notifier) Option {
	return func(s *Service) { s.notifier = n }
}

// notify hands n to the notifier, if there is one.
func (s *Service) notify(ctx context.Context, n Notice) {
	if s.notifier != nil {
		s.notifier.Notify(context.WithoutCancel(ctx), n)
	}
}

// notifySaved tells of a saved change: ch is what was saved, kind what it
// means to the submitter.
func (s *Service) notifySaved(ctx context.Context, kind string, ch EventChange) {
	if ch.Event == nil || ch.Submission == nil {
		return
	}
	n := Notice{Kind: kind, Event: *ch.Event, Submission: *ch.Submission}
	if kind == NoticeChanged {
		for _, c := range ch.Audit.Changes {
			n.Changed = append(n.Changed, c.Field)
		}
		slices.Sort(n.Changed)
	}
	s.notify(ctx, n)
}
