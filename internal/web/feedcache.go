// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// rendered is a response body prepared once: identity and gzip bytes with
// their strong ETags.
type rendered struct {
	body, gz     []byte
	etag, gzEtag string
	modified     time.Time
}

// prepare computes the ETags and the gzip form, for bodies served many
// times (the feed cache).
func prepare(body []byte, modified time.Time) (*rendered, error) {
	return render(body, modified, true)
}

// render computes the ETags and, when withGzip, the gzip form.
func render(body []byte, modified time.Time, withGzip bool) (*rendered, error) {
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:12])
	r := &rendered{body: body, etag: `"` + tag + `"`, gzEtag: `"` + tag + `-gz"`, modified: modified}
	if !withGzip {
		return r, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	r.gz = buf.Bytes()
	return r, nil
}

func (r *rendered) size() int { return len(r.body) + len(r.gz) }

// feedCache keeps rendered feeds in memory, least recently used first out,
// within a count and a byte budget. Keys include the database's last-change
// stamp, so a change made through any instance makes every instance miss
// and render afresh: correctness does not depend on invalidation messages.
type feedCache struct {
	mu       sync.Mutex
	entries  map[string]*list.Element
	order    *list.List
	bytes    int
	maxItems int
	maxBytes int
}

type cacheEntry struct {
	key string
	val *rendered
}

func newFeedCache(maxItems, maxBytes int) *feedCache {
	return &feedCache{entries: map[string]*list.Element{}, order: list.New(), maxItems: maxItems, maxBytes: maxBytes}
}

func (c *feedCache) get(key string) (*rendered, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).val, true
}

func (c *feedCache) put(key string, v *rendered) {
	if v.size() > c.maxBytes/4 {
		return // one huge feed must not evict everything else
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.bytes -= el.Value.(*cacheEntry).val.size()
		el.Value.(*cacheEntry).val = v
		c.order.MoveToFront(el)
	} else {
		c.entries[key] = c.order.PushFront(&cacheEntry{key: key, val: v})
	}
	c.bytes += v.size()
	for c.order.Len() > c.maxItems || c.bytes > c.maxBytes {
		old := c.order.Back()
		e := old.Value.(*cacheEntry)
		c.order.Remove(old)
		delete(c.entries, e.key)
		c.bytes -= e.val.size()
	}
}

// stats reports the number of entries and bytes held, for tests and logs.
func (c *feedCache) stats() (items, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.bytes
}
