package wiki

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrNotFound is returned by store lookups when the thing asked for does not
// exist. Callers test it with errors.Is.
var ErrNotFound = errors.New("not found")

// ErrLocked is returned by OpenStore when another process (usually a running
// server) holds the database file.
var ErrLocked = errors.New("the data directory is in use by another handover process (a running server?)")

// Bucket names owned by the wiki package.
const (
	bucketMeta      = "meta"
	bucketChanges   = "changes"
	bucketPages     = "pages"
	bucketPaths     = "paths"
	bucketRedirects = "redirects"
	bucketRevisions = "revisions"
	bucketLinks     = "links"
	bucketUsers     = "users"
	bucketUsernames = "usernames"
	bucketTokens    = "tokens"
)

// DBFile is the name of the bbolt file inside the data directory.
const DBFile = "handover.db"

// Store is the bbolt-backed source of truth. Other packages reach their own
// buckets through Update and View, so that a second implementation (for
// example over etcd) replaces this type and not its callers.
type Store struct {
	db  *bolt.DB
	now func() time.Time
	// onCommit is called after every transaction that appended a change;
	// the Syncer sets it to its non-blocking Poke.
	onCommit func()
	// onNotify is called after a transaction that queued a notification
	// event; the Notifier sets it to its non-blocking Poke.
	onNotify func()
	// pathGen counts changes to the set of live page paths (create, rename,
	// delete, restore); rendered pages that mark missing links depend on it.
	pathGen atomic.Uint64
	// saves commits concurrent page saves together (page_batch.go).
	saves saveGroup
	// audiences holds, per watch kind, who may hear of its events
	// (SetAudience).
	audiences sync.Map
	// renameHooks holds what other packages do when headings are renamed
	// (SetSectionRenames); pageGuards what they refuse (SetPageGuard).
	renameHooks hooks[SectionRenames]
	pageGuards  hooks[PageGuard]
	// disk remembers a commit that failed for want of space (DiskFull).
	disk diskState
}

// initialMmapSize is the address space bbolt maps up front. A write that
// outgrows the map must wait for every open read transaction to end before
// remapping, and new reads queue behind it: a stall of the whole wiki.
// Mapping 1 GiB from the start (address space only; RSS counts the pages
// read) makes that rare on 64-bit systems; 32-bit ones keep bbolt's
// default.
const initialMmapSize = (strconv.IntSize / 64) << 30

// OpenStore opens (creating if needed) DATA/handover.db and makes sure the
// given buckets exist besides wiki's own. It gives up after one second when
// another process holds the file, returning ErrLocked. A damaged file gives
// an error saying so, never a panic. It does not create a database where
// one was lost (ErrLostDatabase).
func OpenStore(dataDir string, buckets ...string) (*Store, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if err := CheckNotLost(dataDir); err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, DBFile)
	if err := checkLength(path); err != nil {
		return nil, damaged(path, err)
	}
	db, err := openBolt(path)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, now: time.Now, onCommit: func() {}, onNotify: func() {}}
	if err := s.prepare(buckets); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens the file and says why it cannot in one line. bbolt reads
// the freelist here, and panics if that page is damaged.
func openBolt(path string) (db *bolt.DB, err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, func(cause error) error { db = nil; return damaged(path, cause) })
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, InitialMmapSize: initialMmapSize})
	var pathErr *fs.PathError
	switch {
	case err == nil, errors.As(err, &pathErr): // a PathError names the file
		return db, err
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open %s: %w", path, ErrLocked)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum):
		return nil, damaged(path, err)
	}
	return nil, fmt.Errorf("open %s: %w", path, err)
}

// prepare creates missing buckets and checks the data format: the first
// reads of the file, where a damaged one panics inside bbolt.
func (s *Store) prepare(buckets []string) (err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, s.damaged)
	if err := s.ensureBuckets(buckets); err != nil {
		return err
	}
	if err := s.checkFormat(); err != nil {
		return fmt.Errorf("open %s: %w", s.Path(), err)
	}
	return s.Update(func(tx *Tx) error { return tx.indexLegacyTokens() })
}

// ErrDamaged is wrapped by the errors of store methods that found the
// database file damaged.
var ErrDamaged = errors.New("damaged")

// damaged says that the database file is beyond use and what to do.
func damaged(path string, cause error) error {
	return fmt.Errorf("the database %s is %w: %w; restore it from a backup with 'handover restore FILE'", path, ErrDamaged, cause)
}

// FormatVersion is the version of the data layout this build writes. A
// newer file is refused (upgrade the binary); an older one is migrated
// forward at open, one version at a time (migrations).
const FormatVersion = 2

// migrations[v] moves the data from format v to v+1, inside the opening
// transaction.
var migrations = map[uint64]func(tx *Tx) error{
	1: migrateUserKeys, // 2: user names keyed by UserKey, owners canonical
}

var metaFormat = []byte("format_version")

// maxPlausibleFormat is far past any format a release will write; a larger
// stored number is damage, not a newer release.
const maxPlausibleFormat = 1000

func (s *Store) checkFormat() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(bucketMeta))
		v := meta.Get(metaFormat)
		switch {
		case v == nil:
			return meta.Put(metaFormat, Itob(FormatVersion))
		case len(v) != 8 || Btoi(v) > maxPlausibleFormat:
			// No release will write such a number: the bytes are damaged.
			return s.damaged(fmt.Errorf("its format version reads %x", v))
		case Btoi(v) > FormatVersion:
			return fmt.Errorf("the data was written by a newer handover (format %d, this build reads up to %d): upgrade handover", Btoi(v), FormatVersion)
		}
		return s.migrate(&Tx{tx: tx, s: s}, Btoi(v))
	})
}

// migrate moves the data from format v to FormatVersion.
func (s *Store) migrate(tx *Tx, v uint64) error {
	for ; v < FormatVersion; v++ {
		if migrations[v] == nil {
			return s.damaged(fmt.Errorf("its format version reads %d", v))
		}
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("migrate the data from format %d to %d: %w", v, v+1, err)
		}
	}
	return tx.Put(bucketMeta, metaFormat, Itob(FormatVersion))
}

func (s *Store) ensureBuckets(extra []string) error {
	names := []string{bucketMeta, bucketChanges, bucketPages, bucketPaths,
		bucketRedirects, bucketRevisions, bucketLinks, bucketUsers,
		bucketUsernames, bucketTokens, bucketRevlog,
		bucketAttachments, bucketAttachData, bucketWatches, bucketWatchers,
		bucketOutbox, bucketNotifications, bucketUnread, bucketFeedTokens,
		bucketSessions, bucketUserSessions, bucketTokenHashes}
	names = append(names, extra...)
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, n := range names {
			_, err := tx.CreateBucketIfNotExists([]byte(n))
			if errors.Is(err, bolterrors.ErrIncompatibleValue) { // a bucket's flags are damaged
				return damaged(s.Path(), fmt.Errorf("bucket %s: %w", n, err))
			}
			if err != nil {
				return fmt.Errorf("create bucket %s: %w", n, err)
			}
		}
		return nil
	})
}

// Close closes the database file.
func (s *Store) Close() error { return s.db.Close() }

// SetClock replaces the store's clock; tests use it to move time.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now returns the store's current time, truncated to the second in UTC so
// that stored times round-trip through JSON unchanged.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Second) }

// SetOnCommit registers the function called after a transaction that
// appended to the change log commits.
func (s *Store) SetOnCommit(fn func()) { s.onCommit = fn }

// Path returns the database file's path.
func (s *Store) Path() string { return s.db.Path() }

// Update runs fn in a read-write transaction. On a damaged file, where
// bbolt panics (or faults) reading a page, it returns an error wrapping
// ErrDamaged instead; bbolt rolls the transaction back.
func (s *Store) Update(fn func(tx *Tx) error) (err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, s.damaged)
	err = s.db.Update(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, s: s})
	})
	s.disk.noteWrite(err)
	return err
}

// View runs fn in a read-only transaction. On a damaged file it returns
// an error wrapping ErrDamaged, as Update does.
func (s *Store) View(fn func(tx *Tx) error) (err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, s.damaged)
	return s.db.View(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, s: s})
	})
}

// damaged words a panic of bbolt's on this store's file.
func (s *Store) damaged(cause error) error { return damaged(s.Path(), cause) }

// Tx is a transaction over named buckets. Values handed out are copies, so
// they stay valid after the transaction ends.
type Tx struct {
	tx      *bolt.Tx
	s       *Store
	changed bool
}

func (tx *Tx) bucket(name string) *bolt.Bucket {
	b := tx.tx.Bucket([]byte(name))
	if b == nil {
		// Buckets are created at open; a missing one is a programming error.
		panic(fmt.Sprintf("bucket %q was not created at open", name))
	}
	return b
}

// Get returns a copy of the value at key, or nil.
func (tx *Tx) Get(bucket string, key []byte) []byte {
	return bytes.Clone(tx.bucket(bucket).Get(key))
}

// GetJSON decodes the value at key into v, or returns ErrNotFound.
func (tx *Tx) GetJSON(bucket string, key []byte, v any) error {
	data := tx.bucket(bucket).Get(key)
	if data == nil {
		return ErrNotFound
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s/%x: %w", bucket, key, err)
	}
	return nil
}

// Put stores raw bytes at key.
func (tx *Tx) Put(bucket string, key, value []byte) error {
	return tx.bucket(bucket).Put(key, value)
}

// PutJSON stores v encoded as JSON at key.
func (tx *Tx) PutJSON(bucket string, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", bucket, err)
	}
	return tx.bucket(bucket).Put(key, data)
}

// Delete removes key; deleting a missing key is not an error.
func (tx *Tx) Delete(bucket string, key []byte) error {
	return tx.bucket(bucket).Delete(key)
}

// NextID returns the bucket's next sequence number.
func (tx *Tx) NextID(bucket string) (uint64, error) {
	return tx.bucket(bucket).NextSequence()
}

// ForEach calls fn for every key starting with prefix, in key order, until
// fn returns ErrStop or another error. Keys and values are only valid
// during the call.
func (tx *Tx) ForEach(bucket string, prefix []byte, fn func(k, v []byte) error) error {
	c := tx.bucket(bucket).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// ForEachFrom calls fn for keys ≥ start in key order until fn returns
// ErrStop or another error; it is how callers page through a bucket in
// short transactions.
func (tx *Tx) ForEachFrom(bucket string, start []byte, fn func(k, v []byte) error) error {
	c := tx.bucket(bucket).Cursor()
	for k, v := c.Seek(start); k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// ErrStop ends a ForEach or ForEachFrom iteration without an error.
var ErrStop = errors.New("stop iteration")

// Count returns the number of keys in bucket.
func (tx *Tx) Count(bucket string) int {
	return tx.bucket(bucket).Stats().KeyN
}

// Now returns the store's clock reading.
func (tx *Tx) Now() time.Time { return tx.s.Now() }

// Itob encodes an ID as an 8-byte big-endian key.
func Itob(id uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

// Btoi decodes an 8-byte big-endian key.
func Btoi(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// decodeJSON decodes a stored value, naming the failure.
func decodeJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// Check verifies the database file: bbolt's page and freelist checks, then
// that every stored JSON value decodes. The error is one line; a damaged
// file gives an error, never a panic.
func (s *Store) Check() (err error) {
	defer panicOnFault()()
	defer recoverDamage(&err, damagedFile(s.Path()))
	return s.db.View(func(tx *bolt.Tx) error { return checkTx(tx) })
}

// Read runs fn in a read transaction and returns what it found: the one
// shape of every store method that looks one thing up.
func Read[T any](s *Store, fn func(tx *Tx) (T, error)) (T, error) {
	var v T
	err := s.View(func(tx *Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// PathGeneration counts changes to the set of live page paths (create,
// rename, delete, restore): what is cached by path is exact while it stays.
func (s *Store) PathGeneration() uint64 { return s.pathGen.Load() }

// LastTxID returns the ID of the last committed write transaction, which
// moves with every write.
func (s *Store) LastTxID() uint64 {
	var txid uint64
	_ = s.db.View(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil })
	return txid
}
