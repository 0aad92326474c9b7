// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// response is what the load clients compare the ceiling against.
type response struct {
	body                               []byte
	etag, contentType, contentEncoding string
}

// fetch GETs u asking for gzip and expects 200.
func fetch(ctx context.Context, c *http.Client, u string) (response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return response{}, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return response{body: b, etag: res.Header.Get("ETag"), contentType: res.Header.Get("Content-Type"),
		contentEncoding: res.Header.Get("Content-Encoding")}, err
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

// load runs clients loops against u for d and collects latencies. It
// returns ctx's error if ctx ends first.
func load(ctx context.Context, c *http.Client, u, inm string, want, clients int, d time.Duration) (result, error) {
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				if inm != "" {
					req.Header.Set("If-None-Match", inm)
				}
				t := time.Now()
				res, err := c.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != want {
					bad++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	if len(lat) == 0 {
		return result{errors: errs}, nil
	}
	slices.Sort(lat)
	return result{rps: float64(len(lat)) / d.Seconds(), p50: lat[len(lat)/2].Round(time.Microsecond),
		p99: lat[len(lat)*99/100].Round(time.Microsecond), errors: errs}, nil
}
