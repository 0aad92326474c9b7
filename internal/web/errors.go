// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
)

var (
	errQueryTooLong = apperr.New(apperr.Invalid, "error.query_too_long")
	errBadQuery     = apperr.New(apperr.Invalid, "error.bad_query")
	errNotFound     = apperr.New(apperr.NotFound, "error.not_found")
)

// statusOf maps an application error kind to its HTTP status. This and
// handleError are the only places that know the mapping.
func statusOf(k apperr.Kind) int {
	switch k {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.RateLimited:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// messageForStatus names the message for errors echo raises itself.
func messageForStatus(code int) string {
	switch code {
	case http.StatusNotFound:
		return "error.not_found"
	case http.StatusMethodNotAllowed:
		return "error.method"
	case http.StatusRequestEntityTooLarge:
		return "error.too_large"
	case http.StatusTooManyRequests:
		return "error.rate_limited"
	case http.StatusForbidden:
		return "error.forbidden"
	case http.StatusUnauthorized:
		return "error.unauthorized"
	case http.StatusBadRequest:
		return "error.bad_request"
	default:
		return "error.internal"
	}
}

// FieldError is one field's problem, localized.
type FieldError struct {
	Field   string `json:"field"`
	Label   string `json:"label"`
	Message string `json:"message"`
}

type errorPage struct {
	Page
	Status  int
	Message string
	Fields  []FieldError
	// LostLink offers new manage links, under a manage link that is not valid.
	LostLink bool
}

// statusClientClosed is logged for requests whose client left first.
const statusClientClosed = 499

// handleError is echo's one HTTPErrorHandler: it logs server errors with
// the request id and answers with a localized page, or JSON under /api.
// Users never see internal error text.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// The client went away (closed the tab, a calendar server gave
		// up): nobody reads an answer, and it is not a server error.
		// 499 is the status proxies log for this.
		_ = c.NoContent(statusClientClosed)
		return
	}
	code, msgID := http.StatusInternalServerError, "error.internal"
	var fields map[string]string
	var ae *apperr.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ae):
		code, msgID, fields = statusOf(ae.Kind), ae.MsgID, ae.Fields
	case errors.As(err, &he):
		code, msgID = he.Code, messageForStatus(he.Code)
	}
	if code >= 500 && s.Log != nil {
		s.Log.LogAttrs(c.Request().Context(), slog.LevelError, "request failed",
			slog.String("id", c.Response().Header().Get(echo.HeaderXRequestID)),
			slog.String("path", redactPath(c.Request().URL.Path)), slog.String("error", err.Error()))
	}
	l := s.Bundle.For(langOf(c))
	var fes []FieldError
	for f, m := range fields {
		fes = append(fes, FieldError{Field: f, Label: l.T("field." + fieldBase(f)), Message: l.T(m)})
	}
	sort.Slice(fes, func(i, j int) bool { return fes[i].Field < fes[j].Field })
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(code)
		return
	}
	if strings.HasPrefix(c.Request().URL.Path, "/api/") {
		_ = c.JSON(code, apiError{Error: apiErrorBody{Status: code, Message: l.T(msgID), Fields: fes}})
		return
	}
	if s.embedError(c, code, l.T(msgID), fes) {
		return
	}
	p := errorPage{Page: s.page(c, "error.title"), Status: code, Message: l.T(msgID), Fields: fes, LostLink: msgID == "manage.not_found"}
	p.NoIndex = true
	if rerr := s.render(c, code, "error.html", p); rerr != nil && s.Log != nil {
		s.Log.Error("render error page", "error", rerr.Error())
		_ = c.String(code, http.StatusText(code))
	}
}

// fieldBase strips a language suffix from a field name (title_fi → title).
func fieldBase(f string) string {
	for _, p := range []string{"title_", "description_"} {
		if strings.HasPrefix(f, p) {
			return strings.TrimSuffix(p, "_")
		}
	}
	return f
}

type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Status  int          `json:"status"`
	Message string       `json:"message"`
	Fields  []FieldError `json:"fields,omitempty"`
}

func apperrInvalidField(field, msgID string) error {
	return &apperr.Error{Kind: apperr.Invalid, MsgID: "filter.invalid", Fields: map[string]string{field: msgID}}
}
