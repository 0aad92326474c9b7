// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rendered is a response body prepared once: identity and gzip bytes with
// their strong ETags.
type rendered struct {
	body, gz     []byte
	etag, gzEtag string
	// modified is whole seconds in UTC, or zero.
	modified time.Time
	// The header values of the answers, made once for all of them.
	etagH, gzEtagH, lengthH, gzLengthH, lastModifiedH []string
}

// headers makes r's header values; r.lastModifiedH stays nil without a
// modification time.
func (r *rendered) headers() {
	one := func(v string) []string { return []string{v}[:1:1] }
	r.etagH, r.gzEtagH = one(r.etag), one(r.gzEtag)
	r.lengthH, r.gzLengthH = one(strconv.Itoa(len(r.body))), one(strconv.Itoa(len(r.gz)))
	if !r.modified.IsZero() {
		r.lastModifiedH = one(r.modified.Format(http.TimeFormat))
	}
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
	if !modified.IsZero() {
		modified = modified.UTC().Truncate(time.Second)
	}
	r := &rendered{body: body, etag: `"` + tag + `"`, gzEtag: `"` + tag + `-gz"`, modified: modified}
	if !withGzip {
		r.headers()
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
	r.headers()
	return r, nil
}

func (r *rendered) size() int { return len(r.body) + len(r.gz) }

// feedCache keeps rendered feeds in memory, least recently used first out,
// within a count and a byte budget. How its keys follow every change: see
// "How caches are invalidated" in internal/store/version.go.
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

// inflight lets one request render what a cache lacks while the others that
// ask for the same key wait for it, instead of all rendering it at once
// after each change (32 clients on a 100,000-event list page made a p99 of
// 1.6 s that way).
type inflight struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

// begin makes the caller the renderer of key (leader true: call finish when
// the result is in the cache or has failed), or waits until the current
// renderer is done, or ctx ends, and returns leader false: look again.
func (f *inflight) begin(ctx context.Context, key string) (finish func(), leader bool) {
	f.mu.Lock()
	if ch, ok := f.m[key]; ok {
		f.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
		}
		return nil, false
	}
	if f.m == nil {
		f.m = map[string]chan struct{}{}
	}
	ch := make(chan struct{})
	f.m[key] = ch
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		close(ch)
	}, true
}

// lookup returns the cached value of key, or makes the caller its renderer
// (finish non-nil) once no other request is rendering it.
func (c *feedCache) lookup(ctx context.Context, f *inflight, key string) (r *rendered, finish func(), err error) {
	for {
		if r, ok := c.get(key); ok {
			return r, nil, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if finish, leader := f.begin(ctx, key); leader {
			// It may have been stored between get and begin.
			if r, ok := c.get(key); ok {
				finish()
				return r, nil, nil
			}
			return nil, finish, nil
		}
	}
}
