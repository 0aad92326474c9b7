// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import "testing"

// TestOrganiserEditsOfDestinationsGoBackToModeration: after approval the
// manage link may change time, place and texts at once, but a new or
// changed link or contact address needs the secretariat again.
func TestOrganiserEditsOfDestinationsGoBackToModeration(t *testing.T) {
	decided := Submission{ID: 1, SubmitterEmail: "org@example.org", DecidedBy: "editor@example.org", DecidedAt: changed0}
	hold := decided
	hold.Hold = true
	withLinks := func(e *Event) {
		e.OnlineURL, e.RegistrationURL = "https://meet.example.org/a", "https://example.org/register"
		e.PublicURL, e.ContactEmail = "https://example.org/event", "info@example.org"
	}
	review := outcome{status: Pending, seqUp: true, modified: true, saved: true, action: EventResubmit}
	tests := []struct {
		name     string
		old      Status
		sub      Submission
		confirm  bool
		edit     func(*Event)
		want     outcome
		wantHold bool
	}{
		{"a new contact e-mail address", Published, decided, false, func(e *Event) { e.ContactEmail = "desk@example.org" }, review, false},
		{"a new online link", Published, decided, false, func(e *Event) { e.OnlineURL = "https://meet.example.org/b" }, review, false},
		{"a new registration link", Published, decided, false,
			func(e *Event) { e.RegistrationURL = "https://example.org/register2" }, review, false},
		{"a new event web page", Published, decided, false, func(e *Event) { e.PublicURL = "https://example.org/event2" }, review, false},
		{"the same addresses with spaces", Published, decided, false, func(e *Event) { e.ContactEmail = " info@example.org " },
			outcome{status: Published}, false},
		{"links removed", Published, decided, false, func(e *Event) { e.OnlineURL, e.ContactEmail, e.PublicURL = "", "", "" },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventUpdate}, false},
		{"a new venue", Published, decided, false, func(e *Event) { e.Venue = "Säätytalo" },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventUpdate}, false},
		{"a new title", Published, decided, false, func(e *Event) { e.Texts["en"] = Text{Title: "Nordic conference 2027"} },
			outcome{status: Published, modified: true, saved: true, action: EventUpdate}, false},
		{"a new link in a tentative hold: tentative again after approval", Tentative, hold, false,
			func(e *Event) { e.OnlineURL = "https://meet.example.org/b" }, review, true},
		{"a hold confirmed with a new link: confirmed after approval", Tentative, hold, true,
			func(e *Event) { e.OnlineURL = "https://meet.example.org/b" }, review, false},
		{"a confirmed hold with a new link stays confirmed", Published, hold, false,
			func(e *Event) { e.ContactEmail = "desk@example.org" }, review, false},
		{"a pending event's new link: pending as before", Pending, Submission{ID: 1}, false,
			func(e *Event) { e.OnlineURL = "https://meet.example.org/b" },
			outcome{status: Pending, seqUp: true, modified: true, saved: true, action: EventUpdate}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := stored(tt.old)
			withLinks(&old)
			if tt.old == Tentative && !tt.confirm {
				old.Venue, old.City = "", "" // a hold needs no place
			}
			ch, changed, err := organiserEdited(old, tt.sub, edit(old, tt.edit), tt.confirm, now0)
			check(t, old, ch, changed, err, tt.want)
			if tt.want.action != EventResubmit {
				return
			}
			s := ch.Submission
			if s == nil || s.DecidedBy != "" || !s.DecidedAt.IsZero() || s.Hold != tt.wantHold {
				t.Fatalf("submission sent for review: %+v", s)
			}
			// Approved again, the event is back as it was meant to be.
			approval, err := approved(*ch.Event, *s, Moderation{Version: ch.Event.Version}, nil, sec, now0)
			if err != nil {
				t.Fatal(err)
			}
			want := Published
			if tt.wantHold {
				want = Tentative
			}
			if approval.Event.Status != want {
				t.Errorf("approved again: %s, want %s", approval.Event.Status, want)
			}
		})
	}
}
