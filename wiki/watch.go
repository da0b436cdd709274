package wiki

import (
	"bytes"
	"fmt"
	"time"
)

// Watches: a user watches a thing (a page, a handover…) named by a kind and
// an ID, and is notified when it changes. Two buckets hold the same pairs in
// both directions: watches (user, kind, id) lists what a user watches,
// watchers (kind, id, user) who watches a thing; the save path only seeks the
// latter, so an unwatched page costs nothing extra.
const (
	bucketWatches  = "watches"
	bucketWatchers = "watchers"
)

// Watch kinds used by the wiki; other packages choose their own (the quiz
// package uses WatchHandover).
const (
	WatchPage     = "page"
	WatchHandover = "handover"
)

// Watch is one thing a user watches.
type Watch struct {
	Kind  string    `json:"kind"`
	ID    uint64    `json:"id"`
	Since time.Time `json:"since"`
}

type watchRecord struct {
	V     int       `json:"v"`
	Since time.Time `json:"since"`
}

func checkWatchKind(kind string) error {
	if kind == "" || len(kind) > 32 || bytes.IndexByte([]byte(kind), 0) >= 0 {
		return fmt.Errorf("watch kind %q: 1 to 32 bytes without NUL", kind)
	}
	return nil
}

func watchesKey(user uint64, kind string, id uint64) []byte {
	return append(append(append(Itob(user), kind...), 0), Itob(id)...)
}

func watchersPrefix(kind string, id uint64) []byte {
	return append(append([]byte(kind), 0), Itob(id)...)
}

// Watch makes user watch (kind, id); watching twice is not an error.
func (s *Store) Watch(userID uint64, kind string, id uint64) error {
	return s.Update(func(tx *Tx) error { return tx.Watch(userID, kind, id) })
}

// Unwatch stops user watching (kind, id); it is not an error if they did not.
func (s *Store) Unwatch(userID uint64, kind string, id uint64) error {
	return s.Update(func(tx *Tx) error { return tx.Unwatch(userID, kind, id) })
}

// Watch is Store.Watch inside a transaction.
func (tx *Tx) Watch(userID uint64, kind string, id uint64) error {
	if err := checkWatchKind(kind); err != nil {
		return err
	}
	if err := tx.PutJSON(bucketWatches, watchesKey(userID, kind, id), watchRecord{V: 1, Since: tx.Now()}); err != nil {
		return err
	}
	return tx.Put(bucketWatchers, append(watchersPrefix(kind, id), Itob(userID)...), nil)
}

// Unwatch is Store.Unwatch inside a transaction.
func (tx *Tx) Unwatch(userID uint64, kind string, id uint64) error {
	if err := tx.Delete(bucketWatches, watchesKey(userID, kind, id)); err != nil {
		return err
	}
	return tx.Delete(bucketWatchers, append(watchersPrefix(kind, id), Itob(userID)...))
}

// Watching reports whether user watches (kind, id).
func (s *Store) Watching(userID uint64, kind string, id uint64) (bool, error) {
	var ok bool
	err := s.View(func(tx *Tx) error {
		ok = tx.Get(bucketWatches, watchesKey(userID, kind, id)) != nil
		return nil
	})
	return ok, err
}

// Watchers returns the IDs of the users who watch (kind, id).
func (s *Store) Watchers(kind string, id uint64) ([]uint64, error) {
	var out []uint64
	err := s.View(func(tx *Tx) error { out = tx.watchers(kind, id); return nil })
	return out, err
}

func (tx *Tx) watchers(kind string, id uint64) []uint64 {
	var out []uint64
	prefix := watchersPrefix(kind, id)
	_ = tx.ForEach(bucketWatchers, prefix, func(k, _ []byte) error {
		out = append(out, Btoi(k[len(prefix):]))
		return nil
	})
	return out
}

// HasWatchers reports whether anyone watches (kind, id): one cursor seek,
// the cheap check writers make before queueing an Event.
func (tx *Tx) HasWatchers(kind string, id uint64) bool {
	found := false
	_ = tx.ForEach(bucketWatchers, watchersPrefix(kind, id), func(_, _ []byte) error {
		found = true
		return ErrStop
	})
	return found
}

// Watches returns what user watches, by kind and ID.
func (s *Store) Watches(userID uint64) ([]Watch, error) {
	var out []Watch
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketWatches, Itob(userID), func(k, v []byte) error {
			rest := k[8:]
			i := bytes.IndexByte(rest, 0)
			if i < 0 || len(rest) != i+9 {
				return nil // not a key this code wrote; skip it
			}
			var rec watchRecord
			if err := decodeJSON(v, &rec); err != nil {
				return err
			}
			out = append(out, Watch{Kind: string(rest[:i]), ID: Btoi(rest[i+1:]), Since: rec.Since})
			return nil
		})
	})
	return out, err
}

// Audience decides whether user u may hear of ev, an event of the thing
// ev.ID.
type Audience func(tx *Tx, ev *Event, u *User) bool

// SetAudience registers who may hear of a kind's events: a watcher for whom
// may is false gets nothing (someone taken off a handover since they began
// watching it, or who may not see the person ev.About). Without one, every
// watcher of a kind is told.
func (s *Store) SetAudience(kind string, may Audience) { s.audiences.Store(kind, may) }

// mayHear reports whether u may be told of ev.
func (tx *Tx) mayHear(ev *Event, u *User) bool {
	may, ok := tx.s.audiences.Load(ev.Kind)
	return !ok || may.(Audience)(tx, ev, u)
}
