// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// fakeExtender counts the runs and answers each from results in turn.
type fakeExtender struct {
	calls   chan int
	results []error
	n       int
}

func (f *fakeExtender) ExtendSeries(context.Context) (int, error) {
	f.n++
	var err error
	if f.n <= len(f.results) {
		err = f.results[f.n-1]
	}
	f.calls <- f.n
	return 3, err
}

// TestExtendSeriesRunsAtStartAndAgain: the worker extends the series at
// once and on every tick, logs the count, and keeps going after an error.
func TestExtendSeriesRunsAtStartAndAgain(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	f := &fakeExtender{calls: make(chan int), results: []error{nil, errors.New("database is locked")}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { extendSeries(ctx, f, log, time.Millisecond); close(done) }()
	for want := 1; want <= 3; want++ {
		if got := <-f.calls; got != want {
			t.Fatalf("run %d, want %d", got, want)
		}
	}
	cancel()
	go func() {
		for range f.calls {
		}
	}()
	<-done
	close(f.calls)
	out := buf.String()
	if !strings.Contains(out, `msg="open-ended series extended" series=3`) {
		t.Errorf("no count logged:\n%s", out)
	}
	if !strings.Contains(out, `msg="extend open-ended series" error="database is locked"`) {
		t.Errorf("error not logged:\n%s", out)
	}
}
