// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// submission is a valid public registration of a meeting from email at addr.
func (f *fixture) submission(i int, email, addr string) (calendar.Event, calendar.Submission) {
	e := calendar.Event{OriginalLang: lang.EN, Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Quota %d", i)}},
		AllDay: true, StartDate: calendar.Date{Year: 2027, Month: 5, Day: 1 + i%28}, EndDate: calendar.Date{Year: 2027, Month: 5, Day: 1 + i%28},
		Zone: "Europe/Helsinki", City: "Oulu", Country: "FI", Attendance: calendar.OnSite, Category: calendar.Meeting,
		Audience: calendar.Open, Organisers: []directory.Organisation{{ID: f.om.ID}}}
	return e, calendar.Submission{Lang: lang.EN, SubmitterName: "Q", SubmitterEmail: email, Addr: addr}
}

// TestPendingQuotaHoldsUnderConcurrency sends twice the per-sender cap at
// once from one address: the store counts inside the write transaction,
// so exactly the cap is stored.
func TestPendingQuotaHoldsUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const n = 2 * calendar.MaxPendingPerEmail
	errs := make(chan error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, sub := f.submission(i, "Busy@example.org", "")
			<-start
			_, err := f.cal.Submit(ctx, &e, &sub)
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	refused := 0
	for err := range errs {
		switch {
		case apperr.Is(err, apperr.RateLimited):
			refused++
		case err != nil:
			t.Error(err)
		}
	}
	if got, _ := f.db.CountPending(ctx, "busy@example.org"); got != calendar.MaxPendingPerEmail || refused != n-got {
		t.Errorf("%d concurrent submissions: %d stored, %d refused; want %d stored", n, got, refused, calendar.MaxPendingPerEmail)
	}
}

func TestPendingQuotaPerAddressAndCeiling(t *testing.T) {
	ctx := context.Background()
	t.Run("one address under many e-mail addresses", func(t *testing.T) {
		f := newFixture(t)
		for i := range calendar.MaxPendingPerAddress + 1 {
			e, sub := f.submission(i, fmt.Sprintf("s%d@example.org", i), "192.0.2.7")
			_, err := f.cal.Submit(ctx, &e, &sub)
			if i < calendar.MaxPendingPerAddress && err != nil {
				t.Fatalf("submission %d: %v", i, err)
			}
			if i == calendar.MaxPendingPerAddress && !isMsg(err, calendar.MsgTooManyPendingNetwork) {
				t.Errorf("submission over the per-address cap: %v", err)
			}
		}
		// Another address is not affected.
		e, sub := f.submission(0, "other@example.org", "198.51.100.1")
		if _, err := f.cal.Submit(ctx, &e, &sub); err != nil {
			t.Errorf("another address: %v", err)
		}
	})
	t.Run("ceiling", func(t *testing.T) {
		f := newFixture(t)
		cal := calendar.NewService(f.db, f.db, "test.example.org", func() time.Time { return now }, calendar.WithPendingCeiling(3))
		if cal.PendingCeiling() != 3 {
			t.Fatalf("ceiling %d", cal.PendingCeiling())
		}
		for i := range 4 {
			e, sub := f.submission(i, fmt.Sprintf("c%d@example.org", i), fmt.Sprintf("192.0.2.%d", i))
			_, err := cal.Submit(ctx, &e, &sub)
			if i < 3 && err != nil {
				t.Fatalf("submission %d: %v", i, err)
			}
			if i == 3 && !isMsg(err, calendar.MsgQueueFull) {
				t.Errorf("submission over the ceiling: %v", err)
			}
		}
		if n, _ := f.db.CountPending(ctx, ""); n != 3 {
			t.Errorf("pending %d, want 3", n)
		}
	})
	t.Run("the address is forgotten once the event leaves moderation", func(t *testing.T) {
		f := newFixture(t)
		e, sub := f.submission(1, "a@example.org", "2001:db8:1:2::/64")
		if _, err := f.cal.Submit(ctx, &e, &sub); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.db.SubmissionByEvent(ctx, e.ID); got.Addr != "2001:db8:1:2::/64" {
			t.Fatalf("address stored as %q", got.Addr)
		}
		if err := f.cal.Reject(ctx, audit.CLI, calendar.Moderation{EventID: e.ID, Version: e.Version, Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.db.SubmissionByEvent(ctx, e.ID); got.Addr != "" {
			t.Errorf("address kept after the decision: %q", got.Addr)
		}
	})
}

func isMsg(err error, id string) bool {
	ae, ok := err.(*apperr.Error)
	return ok && ae.Kind == apperr.RateLimited && ae.MsgID == id
}
