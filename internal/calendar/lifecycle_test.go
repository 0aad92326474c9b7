// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

var (
	created0 = time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	changed0 = time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	now0     = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	sec      = audit.Actor{ID: 7, Email: "editor@example.org"}
)

// stored is an event as the store hands it back: co-organised, with
// networks, in status st.
func stored(st Status) Event {
	return Event{ID: 42, UID: "abc@nordcal.example", Status: st, Sequence: 3, Version: 5,
		OriginalLang: lang.EN, Texts: map[lang.Code]Text{lang.EN: {Title: "Nordic conference", Description: "About the work."}},
		Start: time.Date(2027, 3, 10, 8, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC),
		Zone: "Europe/Helsinki", Venue: "Paasitorni", City: "Helsinki", Country: "FI", Attendance: OnSite,
		Category: Conference, Topics: []Topic{Labour}, Audience: Open, Languages: []string{"en"},
		Organisers: []directory.Organisation{{ID: 33}, {ID: 28}}, Networks: []directory.Network{{ID: 2}, {ID: 1}},
		CreatedAt: created0, UpdatedAt: changed0}
}

// clone copies what transitions must not share with the stored event.
func clone(e Event) Event {
	e.Texts = maps.Clone(e.Texts)
	e.Topics = slices.Clone(e.Topics)
	e.Languages = slices.Clone(e.Languages)
	e.Organisers = slices.Clone(e.Organisers)
	e.Networks = slices.Clone(e.Networks)
	return e
}

func edit(e Event, f func(*Event)) Event {
	e = clone(e)
	e.ID, e.UID, e.Sequence, e.CreatedAt, e.UpdatedAt = 0, "", 0, time.Time{}, time.Time{} // a form carries none of these
	f(&e)
	return e
}

type outcome struct {
	status   Status
	seqUp    bool // SEQUENCE rose by one
	modified bool // LAST-MODIFIED moved to now
	saved    bool // the change is to be stored
	action   string
	errKind  *apperr.Kind // the error expected, if any
}

func kind(k apperr.Kind) *apperr.Kind { return &k }

func check(t *testing.T, old Event, ch EventChange, changed bool, err error, want outcome) {
	t.Helper()
	if want.errKind != nil {
		if !apperr.Is(err, *want.errKind) {
			t.Fatalf("error %v, want kind %v", err, *want.errKind)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error %v", err)
	}
	e := ch.Event
	if changed != want.saved {
		t.Errorf("changed = %v, want %v", changed, want.saved)
	}
	if e.Status != want.status {
		t.Errorf("status %s, want %s", e.Status, want.status)
	}
	if e.ID != old.ID || e.UID != old.UID || !e.CreatedAt.Equal(old.CreatedAt) {
		t.Errorf("identity lost: id %d uid %q created %v", e.ID, e.UID, e.CreatedAt)
	}
	if wantSeq := old.Sequence + map[bool]int{true: 1}[want.seqUp]; e.Sequence != wantSeq {
		t.Errorf("SEQUENCE %d, want %d", e.Sequence, wantSeq)
	}
	if wantMod := map[bool]time.Time{true: now0, false: old.UpdatedAt}[want.modified]; !e.UpdatedAt.Equal(wantMod) {
		t.Errorf("LAST-MODIFIED %v, want %v", e.UpdatedAt, wantMod)
	}
	if !want.saved && len(ch.Audit.Changes) != 0 {
		t.Errorf("nothing to save, yet the audit diff says %+v", ch.Audit.Changes)
	}
	if want.saved && (ch.Audit.Action != want.action || ch.Audit.RecordID != old.ID || ch.Audit.RecordType != "event") {
		t.Errorf("audit %s on %s %d, want %s", ch.Audit.Action, ch.Audit.RecordType, ch.Audit.RecordID, want.action)
	}
	if want.status != old.Status && !hasChange(ch.Audit, "status", string(old.Status), string(want.status)) {
		t.Errorf("audit does not record the status change: %+v", ch.Audit.Changes)
	}
	if len(old.Organisers) > 0 && !slices.Equal(organiserIDs(*e), organiserIDs(old)) && !want.saved {
		t.Errorf("organisers %v, were %v", organiserIDs(*e), organiserIDs(old))
	}
}

func hasChange(e audit.Entry, field, before, after string) bool {
	return slices.ContainsFunc(e.Changes, func(c audit.Change) bool {
		return c.Field == field && c.Before == before && c.After == after
	})
}

func TestSecretariatEdit(t *testing.T) {
	tests := []struct {
		name string
		old  Status
		sub  Submission
		edit func(*Event)
		want outcome
	}{
		{"nothing changed", Published, Submission{}, func(*Event) {}, outcome{status: Published}},
		{"networks in another order", Published, Submission{}, func(e *Event) { slices.Reverse(e.Networks) }, outcome{status: Published}},
		{"description", Published, Submission{}, func(e *Event) { e.Texts[lang.EN] = Text{Title: "Nordic conference", Description: "New."} },
			outcome{status: Published, modified: true, saved: true, action: EventUpdate}},
		{"a translation added", Published, Submission{}, func(e *Event) { e.Texts[lang.FI] = Text{Title: "Pohjoismainen konferenssi"} },
			outcome{status: Published, modified: true, saved: true, action: EventUpdate}},
		{"time", Published, Submission{}, func(e *Event) { e.Start, e.End = e.Start.Add(time.Hour), e.End.Add(time.Hour) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"venue", Tentative, Submission{}, func(e *Event) { e.Venue = "Säätytalo" },
			outcome{status: Tentative, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"organisers reordered", Published, Submission{}, func(e *Event) { slices.Reverse(e.Organisers) },
			outcome{status: Published, modified: true, saved: true, action: EventUpdate}},
		{"a network only: stored, not shown", Published, Submission{}, func(e *Event) { e.Networks = e.Networks[:1] },
			outcome{status: Published, saved: true, action: EventUpdate}},
		{"the status field is ignored", Published, Submission{}, func(e *Event) { e.Status = Cancelled }, outcome{status: Published}},
		{"stale version", Published, Submission{}, func(e *Event) { e.Version = 4 }, outcome{errKind: kind(apperr.Conflict)}},
		{"on-site without a place", Published, Submission{}, func(e *Event) { e.Venue, e.City = "", "" }, outcome{errKind: kind(apperr.Invalid)}},
		{"a hold needs no place", Tentative, Submission{ID: 1, Hold: true}, func(e *Event) { e.Venue, e.City = "", "" },
			outcome{status: Tentative, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"pending with a proposed organisation needs no organiser", Pending,
			Submission{ID: 1, ProposedOrg: ProposedOrganisation{Name: "New NGO", Country: "FI"}},
			func(e *Event) { e.Organisers = nil }, outcome{status: Pending, modified: true, saved: true, action: EventUpdate}},
		{"no organiser", Published, Submission{}, func(e *Event) { e.Organisers = nil }, outcome{errKind: kind(apperr.Invalid)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := stored(tt.old)
			ch, changed, err := edited(old, tt.sub, edit(old, tt.edit), sec, now0)
			check(t, old, ch, changed, err, tt.want)
		})
	}
}

func TestOrganiserEditAndResubmit(t *testing.T) {
	rejectedSub := Submission{ID: 1, SubmitterEmail: "org@example.org", Reason: "Give the venue.", DecidedBy: "editor@example.org",
		DecidedAt: changed0}
	tests := []struct {
		name    string
		old     Status
		sub     Submission
		confirm bool
		edit    func(*Event)
		want    outcome
	}{
		{"published, nothing changed", Published, Submission{ID: 1}, false, func(*Event) {}, outcome{status: Published}},
		{"published, moved a day", Published, Submission{ID: 1}, false,
			func(e *Event) { e.Start, e.End = e.Start.AddDate(0, 0, 1), e.End.AddDate(0, 0, 1) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"pending stays pending", Pending, Submission{ID: 1}, false, func(e *Event) { e.Venue = "Säätytalo" },
			outcome{status: Pending, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"a hold confirmed", Tentative, Submission{ID: 1, Hold: true}, true, func(*Event) {},
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventConfirm}},
		{"a hold edited stays tentative", Tentative, Submission{ID: 1, Hold: true}, false, func(e *Event) { e.City = "" },
			outcome{status: Tentative, seqUp: true, modified: true, saved: true, action: EventUpdate}},
		{"rejected, corrected: back to moderation", Rejected, rejectedSub, false, func(e *Event) { e.Venue = "Säätytalo" },
			outcome{status: Pending, seqUp: true, modified: true, saved: true, action: EventResubmit}},
		{"rejected, sent again unchanged: still back to moderation", Rejected, rejectedSub, false, func(*Event) {},
			outcome{status: Pending, seqUp: true, modified: true, saved: true, action: EventResubmit}},
		{"withdrawn is read-only", Rejected, Submission{ID: 1, Withdrawn: true}, false, func(*Event) {}, outcome{errKind: kind(apperr.Conflict)}},
		{"duplicate is read-only", Rejected, Submission{ID: 1, MergedInto: 9}, false, func(*Event) {}, outcome{errKind: kind(apperr.Conflict)}},
		{"cancelled is read-only", Cancelled, Submission{ID: 1}, false, func(*Event) {}, outcome{errKind: kind(apperr.Conflict)}},
		{"stale version", Published, Submission{ID: 1}, false, func(e *Event) { e.Version = 1 }, outcome{errKind: kind(apperr.Conflict)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := stored(tt.old)
			ch, changed, err := organiserEdited(old, tt.sub, edit(old, tt.edit), tt.confirm, now0)
			check(t, old, ch, changed, err, tt.want)
			if err == nil && tt.want.action == EventResubmit {
				if s := ch.Submission; s == nil || s.Reason != "" || s.DecidedBy != "" || !s.DecidedAt.IsZero() {
					t.Errorf("resubmitted submission keeps the old decision: %+v", s)
				}
			}
			if err == nil && ch.Audit.Actor.Email != tt.sub.SubmitterEmail {
				t.Errorf("actor %q", ch.Audit.Actor.Email)
			}
		})
	}
}

func TestStatusTransitions(t *testing.T) {
	hold := Submission{ID: 1, Hold: true}
	proposed := Submission{ID: 1, ProposedOrg: ProposedOrganisation{Name: "Pro Tukipiste", Country: "FI"}}
	newOrg := &directory.Organisation{Slug: "pro-tukipiste-fi-abc123", OriginalLang: lang.EN, Names: lang.Texts{lang.EN: "Pro Tukipiste"},
		Country: "FI", Type: directory.NGO}
	noOrganiser := func(e Event) Event { e.Organisers = nil; return e }
	noCity := func(e Event) Event { e.Venue, e.City = "", ""; return e }
	m := Moderation{Version: 5, Reason: "Not about trafficking.", MergeInto: 77}
	target := stored(Published)
	target.ID = 77
	tests := []struct {
		name string
		old  Event
		run  func(old Event) (EventChange, error)
		want outcome
	}{
		{"approve", stored(Pending), func(o Event) (EventChange, error) { return approved(o, Submission{ID: 1}, m, nil, sec, now0) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventApprove}},
		{"approve a hold: tentative", stored(Pending), func(o Event) (EventChange, error) { return approved(o, hold, m, nil, sec, now0) },
			outcome{status: Tentative, seqUp: true, modified: true, saved: true, action: EventApprove}},
		{"approve with the proposed organisation and co-organisers", stored(Pending),
			func(o Event) (EventChange, error) { return approved(o, proposed, m, newOrg, sec, now0) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventApprove}},
		{"approve with the proposed organisation", noOrganiser(stored(Pending)),
			func(o Event) (EventChange, error) { return approved(o, proposed, m, newOrg, sec, now0) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventApprove}},
		{"approve without any organiser", noOrganiser(stored(Pending)),
			func(o Event) (EventChange, error) { return approved(o, Submission{ID: 1}, m, nil, sec, now0) },
			outcome{errKind: kind(apperr.Invalid)}},
		{"approve an incomplete import", noCity(stored(Pending)),
			func(o Event) (EventChange, error) { return approved(o, Submission{ID: 1}, m, nil, sec, now0) },
			outcome{errKind: kind(apperr.Invalid)}},
		{"approve what is not pending", stored(Published),
			func(o Event) (EventChange, error) { return approved(o, Submission{ID: 1}, m, nil, sec, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
		{"approve from a stale page", stored(Pending), func(o Event) (EventChange, error) {
			return approved(o, Submission{ID: 1}, Moderation{Version: 4}, nil, sec, now0)
		}, outcome{errKind: kind(apperr.Conflict)}},
		{"reject", stored(Pending), func(o Event) (EventChange, error) { return rejected(o, Submission{ID: 1}, m, sec, now0) },
			outcome{status: Rejected, seqUp: true, modified: true, saved: true, action: EventReject}},
		{"reject without a reason", stored(Pending),
			func(o Event) (EventChange, error) {
				return rejected(o, Submission{ID: 1}, Moderation{Version: 5}, sec, now0)
			},
			outcome{errKind: kind(apperr.Invalid)}},
		{"mark as duplicate", stored(Pending), func(o Event) (EventChange, error) { return merged(o, Submission{ID: 1}, m, target, sec, now0) },
			outcome{status: Rejected, seqUp: true, modified: true, saved: true, action: EventMerge}},
		{"duplicate of something not public", stored(Pending), func(o Event) (EventChange, error) {
			return merged(o, Submission{ID: 1}, m, stored(Pending), sec, now0)
		}, outcome{errKind: kind(apperr.Invalid)}},
		{"secretariat cancels", stored(Published), func(o Event) (EventChange, error) { return cancelled(o, Submission{ID: 1}, 5, sec, now0) },
			outcome{status: Cancelled, seqUp: true, modified: true, saved: true, action: EventCancel}},
		{"secretariat cancels a hold", stored(Tentative), func(o Event) (EventChange, error) { return cancelled(o, Submission{ID: 1}, 5, sec, now0) },
			outcome{status: Cancelled, seqUp: true, modified: true, saved: true, action: EventCancel}},
		{"cancel what is pending", stored(Pending), func(o Event) (EventChange, error) { return cancelled(o, Submission{ID: 1}, 5, sec, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
		{"cancel from a stale page", stored(Published), func(o Event) (EventChange, error) { return cancelled(o, Submission{ID: 1}, 2, sec, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
		{"reinstate", stored(Cancelled), func(o Event) (EventChange, error) { return reinstated(o, Submission{}, 5, sec, now0) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventReinstate}},
		{"reinstate a hold without a place", noCity(stored(Cancelled)),
			func(o Event) (EventChange, error) { return reinstated(o, hold, 5, sec, now0) },
			outcome{status: Tentative, seqUp: true, modified: true, saved: true, action: EventReinstate}},
		{"reinstate what is not cancelled", stored(Published),
			func(o Event) (EventChange, error) { return reinstated(o, Submission{}, 5, sec, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
		{"organiser cancels", stored(Published),
			func(o Event) (EventChange, error) { return organiserCancelled(o, Submission{ID: 1}, now0) },
			outcome{status: Cancelled, seqUp: true, modified: true, saved: true, action: EventCancel}},
		{"organiser withdraws before moderation", stored(Pending),
			func(o Event) (EventChange, error) { return organiserCancelled(o, Submission{ID: 1}, now0) },
			outcome{status: Rejected, seqUp: true, modified: true, saved: true, action: EventWithdraw}},
		{"organiser undoes their cancellation", stored(Cancelled), func(o Event) (EventChange, error) {
			return organiserReinstated(o, Submission{ID: 1, CancelledBy: CancelledBySubmitter}, now0)
		}, outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventReinstate}},
		{"organiser undoes the secretariat's cancellation", stored(Cancelled), func(o Event) (EventChange, error) {
			return organiserReinstated(o, Submission{ID: 1, CancelledBy: CancelledBySecretariat}, now0)
		}, outcome{errKind: kind(apperr.Conflict)}},
		{"organiser cancels twice", stored(Cancelled),
			func(o Event) (EventChange, error) { return organiserCancelled(o, Submission{ID: 1}, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
		{"organiser cancels a rejected one", stored(Rejected),
			func(o Event) (EventChange, error) { return organiserCancelled(o, Submission{ID: 1}, now0) },
			outcome{errKind: kind(apperr.Conflict)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := tt.old
			ch, err := tt.run(clone(old))
			check(t, old, ch, err == nil, err, tt.want)
			if err != nil {
				return
			}
			if ch.Event.Version != old.Version {
				t.Errorf("version %d, want the stored %d (checked by the store)", ch.Event.Version, old.Version)
			}
			s := ch.Submission
			if s != nil && tt.want.action != EventCancel && tt.want.action != EventReinstate && !s.DecidedAt.Equal(now0) {
				t.Errorf("decision time %v", s.DecidedAt)
			}
			if tt.want.action == EventCancel || tt.want.action == EventReinstate {
				// Who cancelled is kept with a registration, cleared on reinstating.
				switch {
				case s == nil:
					if tt.name != "reinstate" { // the one case of an event with no registration
						t.Error("the registration does not record who cancelled")
					}
				case tt.want.action == EventCancel && s.CancelledBy == "":
					t.Error("cancelled by nobody")
				case tt.want.action == EventReinstate && s.CancelledBy != "":
					t.Errorf("reinstated, yet cancelled by %q", s.CancelledBy)
				}
			}
		})
	}
}

func TestSubmitAndImportTransitions(t *testing.T) {
	sub := Submission{Lang: lang.FI, SubmitterName: "Liisa Laine", SubmitterEmail: "liisa@example.org"}
	t.Run("submit", func(t *testing.T) {
		e := edit(stored(Published), func(*Event) {})
		e.Version = 0
		ch, err := submitted(e, sub, "new@nordcal.example", now0)
		if err != nil {
			t.Fatal(err)
		}
		if ch.Event.Status != Pending || ch.Event.UID != "new@nordcal.example" || ch.Event.Sequence != 0 ||
			!ch.Event.CreatedAt.Equal(now0) || !ch.Event.UpdatedAt.Equal(now0) || ch.Audit.Action != EventSubmit ||
			ch.Submission == nil || !hasChange(ch.Audit, "organisers", "", "33,28") {
			t.Errorf("submitted: %+v %+v", *ch.Event, ch.Audit)
		}
	})
	t.Run("submit a hold with no place", func(t *testing.T) {
		e := edit(stored(Published), func(e *Event) { e.Venue, e.City = "", "" })
		s := sub
		s.Hold = true
		if _, err := submitted(e, s, "h@nordcal.example", now0); err != nil {
			t.Fatal(err)
		}
		if _, err := submitted(e, sub, "h@nordcal.example", now0); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a whole event without a place: %v", err)
		}
	})
	t.Run("submit with co-organisers and a proposed main organiser", func(t *testing.T) {
		s := sub
		s.ProposedOrg = ProposedOrganisation{Name: "New NGO", Country: "FI"}
		ch, err := submitted(edit(stored(Published), func(*Event) {}), s, "x@nordcal.example", now0)
		if err != nil || len(ch.Event.Organisers) != 2 || ch.Submission.ProposedOrg.Name != "New NGO" {
			t.Errorf("got %v", err)
		}
	})
	tests := []struct {
		name  string
		draft func(*Event)
		want  outcome
	}{
		{"the same again", func(*Event) {}, outcome{status: Published}},
		{"moved", func(e *Event) { e.Start, e.End = e.Start.Add(time.Hour), e.End.Add(time.Hour) },
			outcome{status: Published, seqUp: true, modified: true, saved: true, action: EventImport}},
		{"retitled", func(e *Event) {
			e.Texts = map[lang.Code]Text{lang.EN: {Title: "Renamed", Description: "About the work."}}
		},
			outcome{status: Published, modified: true, saved: true, action: EventImport}},
		{"cancelled in the file", func(e *Event) { e.Status = Cancelled },
			outcome{status: Cancelled, seqUp: true, modified: true, saved: true, action: EventImport}},
	}
	for _, tt := range tests {
		t.Run("import update: "+tt.name, func(t *testing.T) {
			old := stored(Published)
			draft := edit(old, tt.draft)
			draft.Organisers, draft.Networks = nil, nil // a file carries neither
			ch, changed, err := importUpdated(old, draft, lang.EN, sec, now0)
			check(t, old, ch, changed, err, tt.want)
			if err == nil && !slices.Equal(organiserIDs(*ch.Event), []int64{33, 28}) {
				t.Errorf("import lost organisers: %v", organiserIDs(*ch.Event))
			}
		})
	}
}

func TestIncomplete(t *testing.T) {
	if got := Incomplete(stored(Pending), Submission{ID: 1}); len(got) != 0 {
		t.Errorf("a complete event: %v", got)
	}
	e := stored(Pending)
	e.Venue, e.City = "", ""
	if got := Incomplete(e, Submission{ID: 1}); got["city"] != "validation.required" || len(got) != 1 {
		t.Errorf("an on-site event without a place: %v", got)
	}
	if got := Incomplete(e, Submission{ID: 1, Hold: true}); len(got) != 0 {
		t.Errorf("a hold needs no place: %v", got)
	}
	e.Organisers = nil
	if got := Incomplete(e, Submission{ID: 1, ProposedOrg: ProposedOrganisation{Name: "N", Country: "FI"}, Hold: true}); len(got) != 0 {
		t.Errorf("a proposed organisation stands in: %v", got)
	}
	if got := Incomplete(e, Submission{ID: 1, Hold: true}); got["organisers"] == "" {
		t.Errorf("no organiser at all: %v", got)
	}
}
