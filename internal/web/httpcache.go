// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// serveBytes answers with body and full HTTP caching; see serveRendered.
// It compresses only for clients that accept gzip.
func serveBytes(c echo.Context, body []byte, modified time.Time, contentType, cacheControl string) error {
	r, err := render(body, modified, acceptsGzip(c.Request().Header.Get("Accept-Encoding")))
	if err != nil {
		return err
	}
	return serveRendered(c, r, contentType, cacheControl)
}

// serveRendered answers with a prepared body: a strong ETag per
// representation, Last-Modified, 304 for If-None-Match/If-Modified-Since,
// HEAD, and gzip when the client accepts it. The usual answers are written
// here in one piece (a feed of megabytes in one write, where copying it
// through http.ServeContent took a dozen); requests with Range, If-Match or
// If-Unmodified-Since, which calendar clients do not send, get
// http.ServeContent's full treatment.
func serveRendered(c echo.Context, r *rendered, contentType, cacheControl string) error {
	// Canonical keys assigned directly: Set would canonicalise each key on
	// every one of the thousands of answers a second this serves.
	h := c.Response().Header()
	h["Content-Type"] = []string{contentType}
	h["Cache-Control"] = []string{cacheControl}
	h["Vary"] = append(h["Vary"], "Accept-Encoding")
	req := c.Request()
	body, etag := r.body, r.etag
	if acceptsGzip(req.Header.Get("Accept-Encoding")) {
		body, etag = r.gz, r.gzEtag
		h["Content-Encoding"] = []string{"gzip"}
	}
	h["Etag"] = []string{etag}
	modified := r.modified
	if !modified.IsZero() {
		modified = modified.UTC().Truncate(time.Second)
	}
	if req.Header.Get("Range") != "" || req.Header.Get("If-Match") != "" || req.Header.Get("If-Unmodified-Since") != "" {
		http.ServeContent(c.Response(), req, "", modified, bytes.NewReader(body))
		return nil
	}
	if !modified.IsZero() {
		h["Last-Modified"] = []string{modified.Format(http.TimeFormat)}
	}
	if notModified(req, etag, modified) {
		// RFC 9110 §15.4.5: a 304 carries the validators, not the body's headers.
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		h.Del("Last-Modified")
		return c.NoContent(http.StatusNotModified)
	}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	c.Response().WriteHeader(http.StatusOK)
	if req.Method == http.MethodHead {
		return nil
	}
	_, err := c.Response().Write(body)
	return err
}

// notModified evaluates If-None-Match (weak comparison, RFC 9110 §13.1.2)
// or, without it, If-Modified-Since.
func notModified(req *http.Request, etag string, modified time.Time) bool {
	if inm := req.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	if ims := req.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil {
			return !modified.After(t)
		}
	}
	return false
}

func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(p, "="); ok && strings.TrimSpace(k) == "q" {
				q, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
			}
		}
		return q > 0
	}
	return false
}
