package web

import (
	"errors"
	"net/http"

	"github.com/handover/handover/wiki"
)

// statusOf is the one table that maps error kinds to HTTP statuses.
var statusOf = map[wiki.Kind]int{
	wiki.Internal:     http.StatusInternalServerError,
	wiki.NotFound:     http.StatusNotFound,
	wiki.Invalid:      http.StatusBadRequest,
	wiki.Forbidden:    http.StatusForbidden,
	wiki.Unauthorized: http.StatusUnauthorized,
	wiki.Conflict:     http.StatusConflict,
	wiki.TooLarge:     http.StatusRequestEntityTooLarge,
	wiki.TooMany:      http.StatusTooManyRequests,
	wiki.Unavailable:  http.StatusServiceUnavailable,
	wiki.DiskFull:     http.StatusInsufficientStorage,
}

// ErrorKind is wiki.ErrorKind, and TooLarge for a body over its
// http.MaxBytesReader limit.
func ErrorKind(err error) wiki.Kind {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) && wiki.ErrorKind(err) == wiki.Internal {
		return wiki.TooLarge
	}
	return wiki.ErrorKind(err)
}

// ErrorStatus returns the HTTP status for err.
func ErrorStatus(err error) int { return statusOf[ErrorKind(err)] }

// ErrorMessage is wiki.ErrorMessage, which also explains a body over its
// limit.
func ErrorMessage(err error) string {
	if ErrorKind(err) == wiki.TooLarge && wiki.ErrorKind(err) == wiki.Internal {
		return "The request is too large"
	}
	return wiki.ErrorMessage(err)
}
