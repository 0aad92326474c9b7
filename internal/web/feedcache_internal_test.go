// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"
)

func TestFeedCacheStaysWithinBounds(t *testing.T) {
	c := newFeedCache(3, 1<<20)
	for i := 0; i < 10; i++ {
		r, err := prepare(bytes.Repeat([]byte{byte('a' + i)}, 1000), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		c.put(fmt.Sprint(i), r)
	}
	if items, _ := c.stats(); items != 3 {
		t.Errorf("%d entries, want at most 3", items)
	}
	if _, ok := c.get("0"); ok {
		t.Errorf("the oldest entry must be evicted")
	}
	c.get("7") // touch: now the most recently used
	r, _ := prepare([]byte("new"), time.Time{})
	c.put("10", r)
	if _, ok := c.get("7"); !ok {
		t.Errorf("a recently used entry was evicted before an older one")
	}
	small := newFeedCache(100, 40_000)
	for i := 0; i < 50; i++ {
		r, _ := prepare(bytes.Repeat([]byte(fmt.Sprint(i)), 3000), time.Time{})
		small.put(fmt.Sprint(i), r)
	}
	if _, b := small.stats(); b > 40_000 {
		t.Errorf("%d bytes held, want at most 40000", b)
	}
	huge, _ := prepare(bytes.Repeat([]byte("x"), 20_000), time.Time{})
	small.put("huge", huge)
	if _, ok := small.get("huge"); ok {
		t.Errorf("an entry over a quarter of the budget must not be cached")
	}
}

// TestLookupRendersOnce: while one request renders a missing entry, the
// others asking for it wait and then get what it stored; when it stores
// nothing (an error), one of them renders next.
func TestLookupRendersOnce(t *testing.T) {
	c := newFeedCache(10, 1<<20)
	var renders inflight
	ctx := context.Background()
	r, finish, err := c.lookup(ctx, &renders, "k")
	if r != nil || finish == nil || err != nil {
		t.Fatalf("first asker must render: entry %v, renders %v, error %v", r, finish != nil, err)
	}
	const waiters = 8
	got := make(chan *rendered, waiters)
	for range waiters {
		go func() {
			r, finish, _ := c.lookup(ctx, &renders, "k")
			if finish != nil {
				finish()
			}
			got <- r
		}()
	}
	time.Sleep(20 * time.Millisecond) // let them start asking
	select {
	case r := <-got:
		t.Fatalf("a request did not wait for the render in progress (got %v)", r)
	default:
	}
	want := &rendered{body: []byte("x"), etag: `"x"`}
	c.put("k", want)
	finish()
	for range waiters {
		if r := <-got; r != want {
			t.Errorf("a waiting request got %v, want the stored entry", r)
		}
	}

	// The renderer fails: the next asker renders.
	_, finish, _ = c.lookup(ctx, &renders, "other")
	next := make(chan bool)
	go func() {
		_, f, _ := c.lookup(ctx, &renders, "other")
		next <- f != nil
		if f != nil {
			f()
		}
	}()
	finish() // nothing stored
	if !<-next {
		t.Errorf("after a failed render the waiting request must render itself")
	}
}
