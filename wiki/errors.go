package wiki

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an Error; each kind maps to one HTTP status.
type Kind int

// Error kinds.
const (
	Internal Kind = iota
	NotFound
	Invalid
	Forbidden
	Unauthorized
	Conflict
	TooLarge
	TooMany
	Unavailable
)

// statusOf is the one table that maps error kinds to HTTP statuses.
var statusOf = map[Kind]int{
	Internal:     http.StatusInternalServerError,
	NotFound:     http.StatusNotFound,
	Invalid:      http.StatusBadRequest,
	Forbidden:    http.StatusForbidden,
	Unauthorized: http.StatusUnauthorized,
	Conflict:     http.StatusConflict,
	TooLarge:     http.StatusRequestEntityTooLarge,
	TooMany:      http.StatusTooManyRequests,
	Unavailable:  http.StatusServiceUnavailable,
}

// Error is an error meant for the user: Msg is shown as is; Err, if set, is
// the underlying cause (logged, never shown).
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the kind of err: the Kind of a wrapped *Error, NotFound
// for ErrNotFound, TooLarge for an exceeded body limit, Internal otherwise.
func ErrorKind(err error) Kind {
	var e *Error
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &e):
		return e.Kind
	case errors.Is(err, ErrNotFound):
		return NotFound
	case errors.As(err, &maxErr):
		return TooLarge
	}
	return Internal
}

// ErrorStatus returns the HTTP status for err.
func ErrorStatus(err error) int { return statusOf[ErrorKind(err)] }

// ErrorMessage returns the text to show a user for err. Internal errors are
// never described beyond "Internal error".
func ErrorMessage(err error) string {
	var e *Error
	switch ErrorKind(err) {
	case Internal:
		return "Internal error"
	case TooLarge:
		if errors.As(err, &e) {
			return e.Msg
		}
		return "The request is too large"
	case NotFound:
		if errors.As(err, &e) {
			return e.Msg
		}
		return "Not found"
	}
	if errors.As(err, &e) {
		return e.Msg
	}
	return http.StatusText(ErrorStatus(err))
}
