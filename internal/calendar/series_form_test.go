// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"testing"

	"github.com/nordcal/nordcal/internal/apperr"
)

// The manage link changes or cancels one date only while its series can
// change, keeps the series' status, and never takes a new link on one date.
func TestOrganiserDateTransitions(t *testing.T) {
	date := func(st Status) Event {
		e := stored(st)
		e.ID, e.SeriesID, e.RecurrenceKey = 43, 42, "20270310T100000"
		return e
	}
	series := func(st Status) Event {
		e := stored(st)
		e.Repeat = Repeat{Rule: "FREQ=MONTHLY;COUNT=3"}
		return e
	}
	sub := Submission{ID: 9, EventID: 42, SubmitterEmail: "org@example.org"}
	tests := []struct {
		name           string
		series, date   Status
		edit           func(e *Event)
		wantEdit       apperr.Kind // 0: accepted
		wantCancel     apperr.Kind
		wantEditStatus Status
	}{
		{"published series, venue moved", Published, Published, func(e *Event) { e.Venue = "Säätytalo" }, 0, 0, Published},
		{"pending series, venue moved", Pending, Pending, func(e *Event) { e.Venue = "Säätytalo" }, 0, apperr.Conflict, Pending},
		{"a new link on one date", Published, Published, func(e *Event) { e.OnlineURL = "https://elsewhere.example.net/" }, apperr.Invalid, 0, ""},
		{"a date cancelled already", Published, Cancelled, func(e *Event) { e.Venue = "Säätytalo" }, apperr.Conflict, apperr.Conflict, ""},
		{"a rejected series", Rejected, Rejected, func(e *Event) { e.Venue = "Säätytalo" }, apperr.Conflict, apperr.Conflict, ""},
		{"a cancelled series", Cancelled, Cancelled, func(e *Event) { e.Venue = "Säätytalo" }, apperr.Conflict, apperr.Conflict, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := date(tt.date)
			next := clone(old)
			tt.edit(&next)
			ch, _, err := organiserDateEdited(series(tt.series), old, sub, next, now0)
			switch {
			case tt.wantEdit == 0 && err != nil:
				t.Fatalf("edit: %v", err)
			case tt.wantEdit != 0 && !apperr.Is(err, tt.wantEdit):
				t.Fatalf("edit: %v, want %v", err, tt.wantEdit)
			case tt.wantEdit == 0:
				if ch.Event.Status != tt.wantEditStatus || !ch.Event.Overridden || ch.Event.SeriesID != 42 || ch.Submission.Edits != 1 {
					t.Errorf("edited date: status %s, overridden %v, series %d, edits %d", ch.Event.Status, ch.Event.Overridden,
						ch.Event.SeriesID, ch.Submission.Edits)
				}
			}
			ch, err = organiserDateCancelled(series(tt.series), old, sub, old.Version, now0)
			switch {
			case tt.wantCancel == 0 && err != nil:
				t.Fatalf("cancel: %v", err)
			case tt.wantCancel != 0 && !apperr.Is(err, tt.wantCancel):
				t.Fatalf("cancel: %v, want %v", err, tt.wantCancel)
			case tt.wantCancel == 0:
				if ch.Event.Status != Cancelled || !ch.Event.Overridden || ch.Audit.Action != EventCancel || ch.Submission.CancelledBy != "" {
					t.Errorf("cancelled date: %s %v %s %q", ch.Event.Status, ch.Event.Overridden, ch.Audit.Action, ch.Submission.CancelledBy)
				}
			}
		})
	}
	// A stale version is refused.
	if _, err := organiserDateCancelled(series(Published), date(Published), sub, 4, now0); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("stale cancel: %v", err)
	}
}
