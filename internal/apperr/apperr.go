// SPDX-License-Identifier: AGPL-3.0-or-later

// Package apperr is nordcal's one application error type. Domain code
// returns it; the web layer maps its Kind to an HTTP status in one place and
// shows its message in the user's language.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the user and for the HTTP status it gets.
type Kind int

// The kinds of application error.
const (
	Internal Kind = iota
	Invalid
	NotFound
	Conflict
	Forbidden
	Unauthorized
	RateLimited
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	case Unauthorized:
		return "unauthorized"
	case RateLimited:
		return "rate_limited"
	default:
		return "internal"
	}
}

// Error is an application error. MsgID is a locale message ID shown to the
// user; Fields maps form or query field names to message IDs; Err is the
// cause, logged but never shown.
type Error struct {
	Kind   Kind
	MsgID  string
	Fields map[string]string
	Err    error
}

func (e *Error) Error() string {
	s := e.Kind.String() + ": " + e.MsgID
	if len(e.Fields) > 0 {
		s += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of kind k with message msgID.
func New(k Kind, msgID string) *Error { return &Error{Kind: k, MsgID: msgID} }

// Wrap returns an Internal error carrying cause; the user sees a generic message.
func Wrap(cause error) *Error {
	if cause == nil {
		return nil
	}
	var e *Error
	if errors.As(cause, &e) {
		return e
	}
	return &Error{Kind: Internal, MsgID: "error.internal", Err: cause}
}

// Fields collects per-field validation messages and turns them into one
// Invalid error.
type Fields map[string]string

// Add records msgID for field unless the field already has a message, so the
// first problem found is the one reported.
func (f Fields) Add(field, msgID string) {
	if _, ok := f[field]; !ok {
		f[field] = msgID
	}
}

// Err returns nil when no field has a message, otherwise an Invalid error
// with msgID as its summary.
func (f Fields) Err(msgID string) error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, MsgID: msgID, Fields: f}
}

// KindOf returns the kind of err, Internal for errors that are not *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is an application error of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
