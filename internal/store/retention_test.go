// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/privacy"
)

// The retention job removes exactly what is due: the submitter details of
// registrations declined longer ago than the policy (also as the actor of
// their audit entries), decided proposals and used or expired links past
// it, old failed sign-ins; nothing recent, pending or published.
func TestRetentionDeletesExactlyWhatIsDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sec := audit.Actor{ID: 1, Email: "editor@example.org"}
	long, recent := now.AddDate(0, -7, 0), now.AddDate(0, -1, 0)
	at := func(t0 time.Time) *calendar.Service {
		return calendar.NewService(f.db, f.db, "test.example.org", func() time.Time { return t0 })
	}
	submit := func(cal *calendar.Service, i int, email string) calendar.Event {
		t.Helper()
		e, sub := f.submission(i, email, "192.0.2.1")
		if _, err := cal.Submit(ctx, &e, &sub); err != nil {
			t.Fatal(err)
		}
		return e
	}
	oldRejected := submit(at(long), 1, "old.rejected@example.org")
	newRejected := submit(at(recent), 2, "new.rejected@example.org")
	oldApproved := submit(at(long), 3, "old.approved@example.org")
	for _, r := range []struct {
		e   calendar.Event
		cal *calendar.Service
	}{{oldRejected, at(long)}, {newRejected, at(recent)}} {
		if err := r.cal.Reject(ctx, sec, calendar.Moderation{EventID: r.e.ID, Version: 1, Reason: "Not about trafficking"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := at(long).Approve(ctx, sec, calendar.Moderation{EventID: oldApproved.ID, Version: 1}); err != nil {
		t.Fatal(err)
	}

	dir := directory.NewService(f.db)
	p := directory.Person{GivenName: "Aino", FamilyName: "Mäkelä", Email: "aino@example.org", Country: "FI",
		Visibility: directory.Public, LegalBasis: directory.Consent, LegalBasisDate: now}
	if err := dir.AddPerson(ctx, sec, &p); err != nil {
		t.Fatal(err)
	}
	proposal := func(state directory.ProposalState, decided time.Time) int64 {
		t.Helper()
		pr := directory.Proposal{RecordType: directory.RecordPerson, RecordID: p.ID, Kind: directory.ProposalChange,
			Source: directory.SourcePublic, Note: "phone changed", CreatedAt: decided}
		if err := f.db.CreateProposal(ctx, &pr); err != nil {
			t.Fatal(err)
		}
		if state != directory.ProposalPending {
			if err := f.db.DecideProposal(ctx, directory.ProposalDecision{ID: pr.ID, State: state, By: sec.Email, At: decided}); err != nil {
				t.Fatal(err)
			}
		}
		return pr.ID
	}
	oldDecided := proposal(directory.ProposalRejected, now.AddDate(-1, -1, 0))
	newDecided := proposal(directory.ProposalApproved, recent)
	oldPending := proposal(directory.ProposalPending, now.AddDate(-2, 0, 0))

	link := func(expires time.Time) string {
		_, hash := directory.NewToken()
		c := directory.Campaign{Selection: "stale", Lang: "en", CreatedAt: expires.AddDate(0, 0, -30)}
		if err := f.db.CreateCampaign(ctx, &c, []directory.VerificationLink{{PersonID: p.ID, TokenHash: hash, Lang: "en",
			CreatedAt: c.CreatedAt, ExpiresAt: expires}}); err != nil {
			t.Fatal(err)
		}
		return hash
	}
	oldLink, newLink := link(now.AddDate(-1, -1, 0)), link(now.AddDate(0, 0, 10))

	// The newer first: recording a failure also drops those a day older than it.
	if err := f.db.RecordFailure(ctx, []string{"new-key"}, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RecordFailure(ctx, []string{"old-key"}, now.Add(-50*time.Hour)); err != nil {
		t.Fatal(err)
	}

	r, err := privacy.Run(ctx, f.db, privacy.Policy{RejectedMonths: 6, ProposalsMonths: 12, LoginDays: 1}, now)
	if err != nil {
		t.Fatal(err)
	}
	if r != (privacy.Report{RejectedSubmitters: 1, Proposals: 1, VerificationLinks: 1, LoginFailures: 1}) {
		t.Errorf("report %+v", r)
	}
	subOf := func(e calendar.Event) calendar.Submission {
		t.Helper()
		sub, err := f.db.SubmissionByEvent(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return sub
	}
	if s := subOf(oldRejected); s.SubmitterName != "" || s.SubmitterEmail != "" || s.Addr != "" {
		t.Errorf("old rejected submission kept %q %q %q", s.SubmitterName, s.SubmitterEmail, s.Addr)
	}
	if s := subOf(newRejected); s.SubmitterEmail != "new.rejected@example.org" {
		t.Errorf("recent rejected submission lost its submitter: %+v", s)
	}
	if s := subOf(oldApproved); s.SubmitterEmail != "old.approved@example.org" {
		t.Errorf("approved submission lost its submitter: %+v", s)
	}
	entries, _, err := f.db.ListAudit(ctx, audit.Filter{RecordType: "event", RecordID: oldRejected.ID})
	if err != nil || len(entries) == 0 {
		t.Fatal(entries, err)
	}
	for _, e := range entries {
		if e.Actor.Email == "old.rejected@example.org" {
			t.Errorf("audit entry %s still names the submitter", e.Action)
		}
	}
	if entries, _, _ := f.db.ListAudit(ctx, audit.Filter{Actor: "new.rejected@example.org"}); len(entries) == 0 {
		t.Errorf("the recent submitter's audit entries were blanked")
	}
	for id, want := range map[int64]bool{oldDecided: false, newDecided: true, oldPending: true} {
		if _, err := f.db.ProposalByID(ctx, id); (err == nil) != want {
			t.Errorf("proposal %d kept=%v, want %v", id, err == nil, want)
		}
	}
	for hash, want := range map[string]bool{oldLink: false, newLink: true} {
		if _, err := f.db.LinkByHash(ctx, hash); (err == nil) != want {
			t.Errorf("link kept=%v, want %v", err == nil, want)
		}
	}
	if n, _ := f.db.Failures(ctx, "old-key", now.Add(-100*time.Hour)); n != 0 {
		t.Errorf("old login failure kept")
	}
	if n, _ := f.db.Failures(ctx, "new-key", now.Add(-100*time.Hour)); n != 1 {
		t.Errorf("recent login failure deleted")
	}
	// A second run finds nothing more.
	if r, err := privacy.Run(ctx, f.db, privacy.Policy{RejectedMonths: 6, ProposalsMonths: 12, LoginDays: 1}, now); err != nil || r != (privacy.Report{}) {
		t.Errorf("second run: %+v %v", r, err)
	}
}
