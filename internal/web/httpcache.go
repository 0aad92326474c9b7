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
	return serveWith(c, r, answerHeaders{contentType: []string{contentType}, cacheControl: []string{cacheControl}})
}

// answerHeaders are the Content-Type and Cache-Control of a kind of
// answer, made once for the answers served most (feeds, cached pages).
type answerHeaders struct {
	contentType, cacheControl []string
}

func newAnswerHeaders(contentType, cacheControl string) answerHeaders {
	return answerHeaders{contentType: []string{contentType}[:1:1], cacheControl: []string{cacheControl}[:1:1]}
}

// varyEncoding is the Vary of an answer that varies by nothing else.
var varyEncoding = []string{"Accept-Encoding"}[:1:1]

// serveWith is serveRendered with the headers made beforehand; the
// validators and lengths come with r (see render).
func serveWith(c echo.Context, r *rendered, ah answerHeaders) error {
	// The header values are assigned, not Set: Set would canonicalise each
	// key and make a slice for each value on every one of the thousands of
	// answers a second this serves.
	h := c.Response().Header()
	h["Content-Type"] = ah.contentType
	h["Cache-Control"] = ah.cacheControl
	if v := h["Vary"]; len(v) == 0 {
		h["Vary"] = varyEncoding
	} else {
		h["Vary"] = append(v, "Accept-Encoding")
	}
	req := c.Request()
	body, etag, etagH, lengthH := r.body, r.etag, r.etagH, r.lengthH
	gz := acceptsGzip(req.Header.Get("Accept-Encoding"))
	if gz {
		body, etag, etagH, lengthH = r.gz, r.gzEtag, r.gzEtagH, r.gzLengthH
		h["Content-Encoding"] = gzipEncoding
	}
	h["Etag"] = etagH
	if req.Header.Get("Range") != "" || req.Header.Get("If-Match") != "" || req.Header.Get("If-Unmodified-Since") != "" {
		http.ServeContent(c.Response(), req, "", r.modified, bytes.NewReader(body))
		return nil
	}
	if notModified(req, etag, r.modified) {
		// RFC 9110 §15.4.5: a 304 carries the validators, not the body's headers.
		delete(h, "Content-Type")
		delete(h, "Content-Encoding")
		return c.NoContent(http.StatusNotModified)
	}
	if r.lastModifiedH != nil {
		h["Last-Modified"] = r.lastModifiedH
	}
	h["Content-Length"] = lengthH
	c.Response().WriteHeader(http.StatusOK)
	if req.Method == http.MethodHead {
		return nil
	}
	_, err := c.Response().Write(body)
	return err
}

var gzipEncoding = []string{"gzip"}[:1:1]

// notModified evaluates If-None-Match (weak comparison, RFC 9110 §13.1.2)
// or, without it, If-Modified-Since.
func notModified(req *http.Request, etag string, modified time.Time) bool {
	if inm := req.Header.Get("If-None-Match"); inm != "" {
		etag = strings.TrimPrefix(etag, "W/")
		for inm != "" {
			var t string
			t, inm, _ = strings.Cut(inm, ",")
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == etag {
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

// acceptsGzip reports whether an Accept-Encoding value accepts gzip (a q
// above 0), reading it in place.
func acceptsGzip(ae string) bool {
	for ae != "" {
		var part string
		part, ae, _ = strings.Cut(ae, ",")
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := 1.0
		for params != "" {
			var p string
			p, params, _ = strings.Cut(params, ";")
			if k, v, ok := strings.Cut(p, "="); ok && strings.TrimSpace(k) == "q" {
				q, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
			}
		}
		return q > 0
	}
	return false
}
