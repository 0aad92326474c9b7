// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
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
