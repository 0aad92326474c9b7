// SPDX-License-Identifier: AGPL-3.0-or-later

package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

func TestMailQueueCapsEachRecipientPerDay(t *testing.T) {
	q := storetest.Open(t).MailQueue()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := q.EnqueueMail(ctx, mail.Message{To: "anna@example.org", Subject: "s", Body: "b"}, 3, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatalf("mail %d: %v", i+1, err)
		}
	}
	// The address as typed differently is the same recipient.
	if err := q.EnqueueMail(ctx, mail.Message{To: "Anna@Example.org", Subject: "s", Body: "b"}, 3, t0.Add(time.Hour)); !errors.Is(err, mail.ErrDailyCap) {
		t.Fatalf("fourth mail within a day: %v, want ErrDailyCap", err)
	}
	if err := q.EnqueueMail(ctx, mail.Message{To: "bo@example.org", Subject: "s", Body: "b"}, 3, t0.Add(time.Hour)); err != nil {
		t.Errorf("another recipient is not capped: %v", err)
	}
	if err := q.EnqueueMail(ctx, mail.Message{To: "anna@example.org", Subject: "s", Body: "b"}, 3, t0.Add(mail.CapWindow+time.Minute)); err != nil {
		t.Errorf("after the window the cap opens again: %v", err)
	}
	// Concurrent requests (or instances) do not slip past the cap.
	var wg sync.WaitGroup
	var mu sync.Mutex
	queued := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := q.EnqueueMail(ctx, mail.Message{To: "cy@example.org", Subject: "s", Body: "b"}, 3, t0)
			if err != nil && !errors.Is(err, mail.ErrDailyCap) {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				queued++
			}
		}()
	}
	wg.Wait()
	if queued != 3 {
		t.Errorf("%d concurrent mails queued past a cap of 3", queued)
	}
}

// Several instances may claim from one database: every message goes to
// exactly one claimant until its lease expires, then it can be claimed
// again (its worker died).
func TestMailQueueClaimsEachMessageOnceUntilTheLeaseExpires(t *testing.T) {
	db := storetest.Open(t)
	q := db.MailQueue()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	const n = 6
	for range n {
		if err := q.EnqueueMail(ctx, mail.Message{To: "x@example.org", Subject: "s", Body: "b"}, 100, t0); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	got := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		// A queue of its own, as another instance would have.
		other := db.MailQueue()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				o, ok, err := other.ClaimMail(ctx, t0.Add(time.Second), time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				got[o.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(got) != n {
		t.Fatalf("claimed %d distinct messages, want %d", len(got), n)
	}
	for id, c := range got {
		if c != 1 {
			t.Errorf("message %d claimed %d times while leased", id, c)
		}
	}
	if _, ok, _ := q.ClaimMail(ctx, t0.Add(30*time.Second), time.Minute); ok {
		t.Error("a leased message was claimed again before its lease expired")
	}
	// The lease expires: the message is due again, with a new claim; the
	// first worker's late report is refused.
	late, ok, err := q.ClaimMail(ctx, t0.Add(2*time.Minute), time.Minute)
	if err != nil || !ok || late.Attempts != 2 {
		t.Fatalf("re-claim after lease: ok=%v attempts=%d err=%v", ok, late.Attempts, err)
	}
	stale := late
	stale.Claim = "an expired claim"
	if err := q.MailSent(ctx, stale, t0); !errors.Is(err, mail.ErrLeaseLost) {
		t.Errorf("report on a lost lease: %v, want ErrLeaseLost", err)
	}
	if err := q.MailSent(ctx, late, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	rows, _ := q.MailRows(ctx)
	for _, r := range rows {
		if r.ID == late.ID && (r.Status != "sent" || r.Body != "") {
			t.Errorf("sent row keeps its body or state: %+v", r)
		}
	}
}

func TestMailQueueRetryFailAndPurge(t *testing.T) {
	q := storetest.Open(t).MailQueue()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if err := q.EnqueueMail(ctx, mail.Message{To: "x@example.org", Subject: "s", Body: "link"}, 10, t0); err != nil {
		t.Fatal(err)
	}
	o, _, _ := q.ClaimMail(ctx, t0, time.Minute)
	if err := q.MailFailed(ctx, o, "451 later", t0.Add(10*time.Minute), false, t0); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := q.ClaimMail(ctx, t0.Add(5*time.Minute), time.Minute); ok {
		t.Error("claimed before its retry time")
	}
	o, ok, _ := q.ClaimMail(ctx, t0.Add(10*time.Minute), time.Minute)
	if !ok || o.Body != "link" || o.Attempts != 2 {
		t.Fatalf("retry claim: ok=%v %+v", ok, o)
	}
	if err := q.MailFailed(ctx, o, "550 no such user", time.Time{}, true, t0.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	rows, _ := q.MailRows(ctx)
	if len(rows) != 1 || rows[0].Status != "failed" || rows[0].Body != "" || rows[0].LastError != "550 no such user" {
		t.Fatalf("failed row: %+v", rows)
	}
	if _, ok, _ := q.ClaimMail(ctx, t0.Add(time.Hour), time.Minute); ok {
		t.Error("a failed message was claimed")
	}
	if n, err := q.PurgeMail(ctx, t0.Add(11*time.Minute)); n != 1 || err != nil {
		t.Errorf("purge: %d %v", n, err)
	}
}

// The whole message survives the queue (language, ids, headers,
// attachments), is blanked once sent, and staff mail is not capped; the
// dashboard's counts follow the rows.
func TestMailQueueKeepsTheWholeMessageAndCountsForTheDashboard(t *testing.T) {
	q := storetest.Open(t).MailQueue()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	m := mail.Message{To: "x@example.org", Subject: "s", Body: "b", Lang: "nb", MessageID: "m1@example.org", Thread: "event-1@example.org",
		Headers:     map[string]string{"List-Unsubscribe": "<https://x.example/u>"},
		Attachments: []mail.Attachment{{Name: "e.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR")}}}
	if err := q.EnqueueMail(ctx, m, 10, t0); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := q.EnqueueMail(ctx, mail.Message{To: "staff@example.org", Subject: "s", Body: "b", Staff: true}, 1, t0); err != nil {
			t.Fatalf("staff mail capped: %v", err)
		}
	}
	o, ok, err := q.ClaimMail(ctx, t0, time.Minute)
	if !ok || err != nil || o.Lang != "nb" || o.MessageID != m.MessageID || o.Thread != m.Thread ||
		o.Headers["List-Unsubscribe"] != m.Headers["List-Unsubscribe"] || len(o.Attachments) != 1 || string(o.Attachments[0].Data) != "BEGIN:VCALENDAR" {
		t.Fatalf("claimed %+v %v %v", o, ok, err)
	}
	if err := q.MailSent(ctx, o, t0); err != nil {
		t.Fatal(err)
	}
	o2, _, _ := q.ClaimMail(ctx, t0, time.Minute)
	if err := q.MailFailed(ctx, o2, "451 busy", t0.Add(time.Minute), false, t0); err != nil {
		t.Fatal(err)
	}
	o3, _, _ := q.ClaimMail(ctx, t0, time.Minute)
	if err := q.MailFailed(ctx, o3, "550 no such user", time.Time{}, true, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	st, err := q.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Waiting != 2 || st.Retrying != 1 || st.Failed != 1 || st.LastError != "550 no such user" {
		t.Errorf("stats %+v", st)
	}
}
