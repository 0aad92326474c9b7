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
// HEAD, and gzip when the client accepts it.
func serveRendered(c echo.Context, r *rendered, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", cacheControl)
	h.Add("Vary", "Accept-Encoding")
	body, etag := r.body, r.etag
	if acceptsGzip(c.Request().Header.Get("Accept-Encoding")) {
		body, etag = r.gz, r.gzEtag
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	modified := r.modified
	if !modified.IsZero() {
		modified = modified.UTC().Truncate(time.Second)
	}
	http.ServeContent(c.Response(), c.Request(), "", modified, bytes.NewReader(body))
	return nil
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
