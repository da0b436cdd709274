package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
)

// ErrDamaged is wrapped by the errors of an index whose files are
// damaged: bleve (zap) panics reading a segment with flipped bytes, or
// faults on its memory map. Rebuild such an index.
var ErrDamaged = errors.New("search index damaged")

// Every exported method that reads segments defers noFault()() and then
// recoverDamaged (recover works only when the deferred function calls it).

// noFault makes a fault on a damaged memory-mapped segment a panic that
// recoverDamaged can catch; call the returned function to undo it.
func noFault() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// recoverDamaged, deferred, turns a panic while reading the index into
// *err wrapping ErrDamaged.
func recoverDamaged(dir string, err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("%w (%s): %v", ErrDamaged, dir, v)
	}
}

// checkSegments verifies the CRC-32 that ends every segment file of the
// index in dir (zap writes it over all the bytes before it, and never
// checks it). bleve trusts the lengths and offsets inside a segment: one
// flipped byte can make it allocate terabytes, a fatal error no recover
// catches, so a damaged segment must be refused before bleve opens it.
func checkSegments(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil {
		return err
	}
	for _, name := range files {
		if err := checkSegment(name); err != nil {
			return fmt.Errorf("%w: segment %s: %w", ErrDamaged, filepath.Base(name), err)
		}
	}
	return nil
}

func checkSegment(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < 4 {
		return errors.New("too short")
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, info.Size()-4); err != nil {
		return err
	}
	var want [4]byte
	if _, err := io.ReadFull(f, want[:]); err != nil {
		return err
	}
	if h.Sum32() != binary.BigEndian.Uint32(want[:]) {
		return errors.New("checksum mismatch")
	}
	return nil
}

// writeErr gives an error of bleve's its cause back: bleve formats the
// errors of its file writes with %v, so a full disk (ENOSPC, EDQUOT) is
// only words in the message, which callers cannot test with errors.Is.
func writeErr(err error) error {
	if err == nil {
		return nil
	}
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT} {
		if !errors.Is(err, errno) && strings.Contains(err.Error(), errno.Error()) {
			return &causeError{err: err, cause: errno}
		}
	}
	return err
}

// causeError is err, which is also cause.
type causeError struct {
	err   error
	cause error
}

func (e *causeError) Error() string   { return e.err.Error() }
func (e *causeError) Unwrap() []error { return []error{e.err, e.cause} }
