// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/nordcal/nordcal/internal/directory"
)

// documentFileURL is where an uploaded PDF is served: outside the language
// prefix, because the file is the same for every reader.
func documentFileURL(id int64) string { return "/files/documents/" + strconv.FormatInt(id, 10) }

// documentFile serves an uploaded PDF: always as application/pdf (the
// upload was checked for the PDF signature), as a download with a file
// name made safe when it was stored, never sniffed, sandboxed should a
// browser render it anyway, and with a strong ETag (the SHA-256 of the
// bytes) so that a reader's cache asks again cheaply.
func (s *Server) documentFile(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	f, err := s.Directory.File(c.Request().Context(), id)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	etag := `"` + f.SHA256 + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	if notModified(c.Request(), etag, time.Time{}) {
		return c.NoContent(http.StatusNotModified)
	}
	h.Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(f.Content)))
	return c.Blob(http.StatusOK, "application/pdf", f.Content)
}

// uploadRoutes are the routes whose requests may carry a document's PDF.
var uploadRoutes = map[string]bool{"/admin/directory/documents": true, "/admin/directory/documents/:id": true}

// bodyLimit refuses request bodies over 1 MB with 413, except on the
// upload routes, which take the PDF size limit in force plus 1 MB for the
// form's other fields. It runs after routing (echo's Use), so c.Path() is
// the route; it must come before the CSRF check, which parses the form.
func (s *Server) bodyLimit() echo.MiddlewareFunc {
	small := middleware.BodyLimit("1M")
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		sm := small(next)
		return func(c echo.Context) error {
			if !uploadRoutes[c.Path()] {
				return sm(c)
			}
			max := int64(directory.DefaultMaxFileBytes)
			if s.Directory != nil {
				max = s.Directory.MaxFile()
			}
			return middleware.BodyLimit(strconv.FormatInt((max>>10)+1024, 10) + "K")(next)(c)
		}
	}
}
