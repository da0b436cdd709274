package wiki

import (
	"errors"
	"fmt"
	"syscall"
)

// Kind classifies an Error; wiki/web maps each kind to one HTTP status.
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
	DiskFull
)

// diskFullMessage is what a user is told when a write failed for want of
// space: nothing of it was kept, and it is not their fault.
const diskFullMessage = "The disk is full, so nothing was saved. " +
	"Keep your text, ask an administrator to free space, and try again."

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

// ErrorKind returns the kind of err: DiskFull when a write failed with
// ENOSPC or EDQUOT (bbolt's commit, bleve's segment, a backup file: whatever the
// wrapping), the Kind of a wrapped *Error, NotFound for ErrNotFound,
// Internal otherwise.
func ErrorKind(err error) Kind {
	var e *Error
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return DiskFull
	case errors.As(err, &e):
		return e.Kind
	case errors.Is(err, ErrNotFound):
		return NotFound
	}
	return Internal
}

// ErrorMessage returns the text to show a user for err. Internal errors are
// never described beyond "Internal error".
func ErrorMessage(err error) string {
	var e *Error
	switch ErrorKind(err) {
	case Internal:
		return "Internal error"
	case NotFound:
		if errors.As(err, &e) {
			return e.Msg
		}
		return "Not found"
	case DiskFull:
		return diskFullMessage
	}
	// Every other kind comes from an *Error.
	errors.As(err, &e)
	return e.Msg
}
