package wiki

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// WriteBackup streams a consistent copy of the database to w while the
// store keeps serving (one read transaction; writers are not blocked).
func (s *Store) WriteBackup(w io.Writer) (n int64, err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, s.damaged)
	ew := &errWriter{w: w}
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(ew)
		return err
	})
	if err != nil && ew.err != nil && !errors.Is(err, ew.err) {
		// bbolt words w's error with %s: keep it (a full disk, say)
		// for callers' errors.Is.
		err = fmt.Errorf("write the backup: %w", ew.err)
	}
	return n, err
}

// errWriter is w, remembering its first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// VerifyBackup checks that the file at path is a sound handover database:
// it is as long as its header says, bbolt opens it, its consistency check
// passes, it has the wiki's buckets and every stored JSON value decodes.
// The error is one line saying what is wrong; a damaged file never panics.
func VerifyBackup(path string) (err error) {
	if err := checkFile(path); err != nil {
		return err
	}
	defer panicOnFault()()
	defer recoverDamage(&err, damagedFile(path))
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("%s is in use by a running handover server", path)
	}
	if err != nil {
		return fmt.Errorf("%s is not a handover database: %w", path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		for _, b := range []string{bucketMeta, bucketPages, bucketUsers} {
			if tx.Bucket([]byte(b)) == nil {
				return fmt.Errorf("%s is not a handover database (no %s bucket)", path, b)
			}
		}
		if err := checkTx(tx); err != nil {
			return fmt.Errorf("%s is damaged: %w", path, err)
		}
		return nil
	})
}

// checkFile refuses what is not worth handing to bbolt: a missing, empty
// or truncated file (bbolt would read past its end and crash).
func checkFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist", path)
	case err != nil:
		return err
	case info.IsDir():
		return fmt.Errorf("%s is a directory, not a handover database", path)
	case info.Size() == 0:
		return fmt.Errorf("%s is empty, not a handover database", path)
	}
	if err := checkLength(path); err != nil {
		return fmt.Errorf("%s is damaged: %w", path, err)
	}
	return nil
}

// truncation compares a bbolt file's size with the end of its last page
// as its meta page records it. A copy cut short passes bbolt's open (it
// checks only the meta pages) and then panics, or faults, on the first
// page read past the end. Files without a valid meta page are left for
// bbolt to name.
func truncation(f io.ReaderAt, size int64) error {
	m, ok := currentMeta(f)
	if !ok {
		return nil
	}
	if end := int64(m.pgid) * int64(m.pageSize); size < end {
		return fmt.Errorf("the file is cut short: it holds %d bytes but its pages run to %d", size, end)
	}
	return nil
}

// boltMeta is the part of a bbolt meta page that sizes the file.
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages in use, counted from 0
	txid     uint64
}

// currentMeta returns the meta page bbolt would use: of the two valid
// ones, the one with the higher transaction ID.
func currentMeta(f io.ReaderAt) (boltMeta, bool) {
	m0, ok0 := readMeta(f, 0)
	var m1 boltMeta
	ok1 := false
	if ok0 {
		m1, ok1 = readMeta(f, int64(m0.pageSize))
	} else {
		// The first meta page is the damaged one: look for the second at
		// every page size bbolt may have used (as bbolt does).
		for i := 0; i < 15 && !ok1; i++ {
			m1, ok1 = readMeta(f, 1024<<i)
		}
	}
	switch {
	case ok0 && (!ok1 || m0.txid >= m1.txid):
		return m0, true
	case ok1:
		return m1, true
	}
	return boltMeta{}, false
}

// readMeta decodes and validates the bbolt meta page at off: a 16-byte
// page header, then magic, version, page size, flags, root bucket (16
// bytes), freelist, high-water mark, txid and an FNV-64a checksum of what
// precedes it, in the machine's byte order (bbolt writes its structs).
func readMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	var b [16 + 64]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	m := b[16:]
	order := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:56])
	if order.Uint32(m[0:]) != 0xED0CDAED || order.Uint32(m[4:]) != 2 || order.Uint64(m[56:]) != h.Sum64() {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: order.Uint32(m[8:]), pgid: order.Uint64(m[40:]), txid: order.Uint64(m[48:])}, true
}

// recoverDamage, deferred, turns a panic in bbolt while reading a damaged
// file (an assertion on a page header, or a fault on memory past the
// mapped file under panicOnFault) into *err, as say words it.
func recoverDamage(err *error, say func(cause error) error) {
	if v := recover(); v != nil {
		*err = say(fmt.Errorf("%v", v))
	}
}

// damagedFile words the damage of a file being verified or checked.
func damagedFile(path string) func(error) error {
	return func(cause error) error { return fmt.Errorf("%s is damaged: %w", path, cause) }
}

// panicOnFault makes a fault on a damaged memory-mapped file a panic that
// recoverDamage can catch; call the returned function to undo it.
func panicOnFault() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// rawBuckets hold values that are not JSON (IDs, paths, keys, file
// contents); every other bucket's non-empty values are JSON documents.
// A new bucket of raw values must be added here, or backups of it fail to
// verify (TestDemoBackupVerifies in cmd/handover catches the ones the demo
// fills).
var rawBuckets = map[string]bool{
	bucketMeta: true, bucketPaths: true, bucketRedirects: true,
	bucketUsernames: true, bucketAttachData: true, bucketTokenHashes: true,
}

// maxProblems caps how many problems a check collects before it stops.
const maxProblems = 100

// checkTx runs bbolt's consistency check and then decodes every stored
// JSON value (bbolt has no checksums on data pages, so a damaged value is
// only found by reading it). It returns the first problem in one line,
// with how many more there were.
func checkTx(tx *bolt.Tx) error {
	readAll(tx)
	var errs []error
	for err := range tx.Check() {
		if errs = append(errs, err); len(errs) == maxProblems {
			break
		}
	}
	if len(errs) == 0 {
		errs = checkValues(tx)
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	case 2:
		return fmt.Errorf("%w (and 1 more problem)", errs[0])
	}
	return fmt.Errorf("%w (and %d more problems)", errs[0], len(errs)-1)
}

// readAll reads every key and value of every bucket, nested ones too, in
// the calling goroutine. bbolt's Check runs in a goroutine of its own,
// where its panic on a damaged page, or a fault on a key that points past
// the file, cannot be recovered and ends the process; this walk meets the
// same damage first, where recoverDamage turns it into an error.
func readAll(tx *bolt.Tx) {
	var sum uint32
	var walk func(b *bolt.Bucket)
	walk = func(b *bolt.Bucket) {
		b.ForEach(func(k, v []byte) error {
			sum ^= crc32.ChecksumIEEE(k) ^ crc32.ChecksumIEEE(v)
			if v == nil {
				if nested := b.Bucket(k); nested != nil {
					walk(nested)
				}
			}
			return nil
		})
	}
	tx.ForEach(func(_ []byte, b *bolt.Bucket) error { walk(b); return nil })
	runtime.KeepAlive(sum)
}

func checkValues(tx *bolt.Tx) []error {
	var errs []error
	tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if rawBuckets[string(name)] {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if len(v) == 0 || json.Valid(v) {
				return nil
			}
			err := json.Unmarshal(v, new(json.RawMessage))
			errs = append(errs, fmt.Errorf("%s/%x: %w", name, k, err))
			if len(errs) == maxProblems {
				return ErrStop
			}
			return nil
		})
	})
	return errs
}

// InUse reports whether another process, a running server, holds the
// database file at path. It opens the file read-only, only to take
// bbolt's lock, so it neither changes the file nor minds if it is damaged.
func InUse(path string) (inUse bool) {
	defer panicOnFault()()
	defer func() {
		if recover() != nil {
			inUse = false // the lock was ours when bbolt gave up on the file
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err == nil {
		db.Close()
	}
	return errors.Is(err, bolterrors.ErrTimeout)
}

// checkLength returns why the bbolt file at path is shorter than its meta
// page says, or nil: also when there is no file yet, it is empty (bbolt
// starts a new database in it) or it is not a bbolt file (bbolt says so).
func checkLength(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return nil
	}
	return truncation(f, info.Size())
}
