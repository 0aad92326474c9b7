// SPDX-License-Identifier: AGPL-3.0-or-later

package mail_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/mail/mailtest"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// fast are queue options for tests: short waits, real semantics.
func fast() mail.Options {
	return mail.Options{Workers: 2, Backoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		Lease: 2 * time.Second, Poll: 50 * time.Millisecond}
}

// run starts q's workers and returns a function that stops them and
// waits until they have.
func run(q *mail.Queue) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { q.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func rows(t *testing.T, db *store.DB) []store.MailRow {
	t.Helper()
	r, err := db.MailQueue().MailRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// waitRows waits until every row of the queue has left pending.
func waitRows(t *testing.T, db *store.DB, want string) []store.MailRow {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := rows(t, db)
		done := len(r) > 0
		for _, x := range r {
			done = done && x.Status == want
		}
		if done {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue rows never all %s: %+v", want, r)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A queued mail survives a restart: queued by one process whose workers
// never ran, or claimed by one that died mid-send, it is sent by the next.
func TestQueueSurvivesRestart(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	ctx := context.Background()
	dsn := storetest.DSN(t)
	first, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	q1 := mail.NewQueue(first.MailQueue(), srv.Sender(nil), fast())
	for _, to := range []string{"anna@example.org", "bo@example.org"} {
		if err := q1.Enqueue(ctx, mail.Message{To: to, Subject: "Hei", Body: "Linkki " + to}); err != nil {
			t.Fatal(err)
		}
	}
	// The first process stops before its workers send (they never ran);
	// one had claimed anna's mail and died mid-send: its lease runs out.
	if r := rows(t, first); len(r) != 2 || r[0].Status != "pending" || r[1].Status != "pending" {
		t.Fatalf("rows before the restart: %+v", r)
	}
	if o, ok, err := first.MailQueue().ClaimMail(ctx, time.Now(), 300*time.Millisecond); !ok || err != nil || o.To != "anna@example.org" {
		t.Fatalf("claim: %+v %v %v", o, ok, err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	second, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	defer run(mail.NewQueue(second.MailQueue(), srv.Sender(nil), fast()))()
	waitRows(t, second, "sent")
	got := map[string]int{}
	for _, m := range srv.Messages() {
		got[strings.Join(m.To, ",")]++
	}
	if got["anna@example.org"] != 1 || got["bo@example.org"] != 1 {
		t.Errorf("after the restart: %v, want each mail once", got)
	}
}

func TestQueueRetriesAFailingServerThenGivesUp(t *testing.T) {
	t.Run("sent on the third attempt", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.Options{Fail: 2})
		db := storetest.Open(t)
		q := mail.NewQueue(db.MailQueue(), srv.Sender(nil), fast())
		defer run(q)()
		if err := q.Enqueue(context.Background(), mail.Message{To: "anna@example.org", Subject: "Hei", Body: "Linkki"}); err != nil {
			t.Fatal(err)
		}
		r := waitRows(t, db, "sent")
		if r[0].Attempts != 3 || r[0].Body != "" || srv.Refused() != 2 || len(srv.Messages()) != 1 {
			t.Errorf("row %+v, refused %d, delivered %d", r[0], srv.Refused(), len(srv.Messages()))
		}
	})
	t.Run("failed after the last attempt", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.Options{Fail: 1000})
		db := storetest.Open(t)
		o := fast()
		o.MaxAttempts = 3
		q := mail.NewQueue(db.MailQueue(), srv.Sender(nil), o)
		defer run(q)()
		if err := q.Enqueue(context.Background(), mail.Message{To: "anna@example.org", Subject: "Hei", Body: "Linkki"}); err != nil {
			t.Fatal(err)
		}
		r := waitRows(t, db, "failed")
		if r[0].Attempts != 3 || r[0].Body != "" || !strings.Contains(r[0].LastError, "451") || srv.Refused() != 3 {
			t.Errorf("row %+v, refused %d", r[0], srv.Refused())
		}
	})
	t.Run("no server at first", func(t *testing.T) {
		db := storetest.Open(t)
		// Nothing listens on the port of a server not yet started.
		srv := mailtest.Start(t, mailtest.Options{})
		down := srv.Sender(nil)
		down.Port = freePort(t)
		q := mail.NewQueue(db.MailQueue(), down, fast())
		stop := run(q)
		if err := q.Enqueue(context.Background(), mail.Message{To: "anna@example.org", Subject: "Hei", Body: "Linkki"}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for r := rows(t, db); r[0].Attempts < 2; r = rows(t, db) {
			if time.Now().After(deadline) {
				t.Fatalf("no retries: %+v", r)
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		up := mailtest.Start(t, mailtest.Options{Port: down.Port})
		defer run(mail.NewQueue(db.MailQueue(), up.Sender(nil), fast()))()
		waitRows(t, db, "sent")
		if len(up.Messages()) != 1 {
			t.Errorf("delivered %d", len(up.Messages()))
		}
	})
}

func TestQueueCapsMailsPerRecipient(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	db := storetest.Open(t)
	o := fast()
	o.DailyCap = 2
	q := mail.NewQueue(db.MailQueue(), srv.Sender(nil), o)
	defer run(q)()
	ctx := context.Background()
	for i := range 2 {
		if err := q.Enqueue(ctx, mail.Message{To: "anna@example.org", Subject: "Hei", Body: "x"}); err != nil {
			t.Fatalf("mail %d: %v", i+1, err)
		}
	}
	if err := q.Enqueue(ctx, mail.Message{To: "ANNA@example.org", Subject: "Hei", Body: "x"}); !errors.Is(err, mail.ErrDailyCap) {
		t.Fatalf("third mail: %v, want ErrDailyCap", err)
	}
	if err := q.Enqueue(ctx, mail.Message{To: "anna@example.org", Subject: "Hei\r\nBcc: x@example.com", Body: "x"}); !errors.Is(err, mail.ErrHeader) {
		t.Errorf("header injection queued: %v", err)
	}
	waitRows(t, db, "sent")
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("delivered %d, want 2", n)
	}
}

func TestHeaderText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ihmiskauppa 2027", "Ihmiskauppa 2027"},
		{"Line\r\nBcc: x@example.com", "Line Bcc: x@example.com"},
		{"bidi \u202egnp.exe\u202c  tab\there", "bidi gnp.exe tab here"},
		{strings.Repeat("å", 70), strings.Repeat("å", 59) + "…"},
	}
	for _, tt := range tests {
		if got := mail.HeaderText(tt.in, 60); got != tt.want {
			t.Errorf("HeaderText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
