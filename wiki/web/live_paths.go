package web

import (
	"sync"

	"github.com/handover/handover/wiki"
)

// liveSet remembers whether a path holds a live page. Search asks it for
// every candidate hit (its access filter), and looking a page up means
// decoding its whole record. Liveness changes only when a page is
// created, renamed, deleted or restored, which is exactly when the store's
// pathGen moves, so the memo is exact within a generation.
type liveSet struct {
	store *wiki.Store
	mu    sync.Mutex
	gen   uint64
	live  map[string]bool
}

// maxLivePaths bounds the memo (a path is at most MaxPathLen bytes).
const maxLivePaths = 200_000

func newLiveSet(s *wiki.Store) *liveSet {
	return &liveSet{store: s, live: map[string]bool{}}
}

// isLive reports whether a live (not deleted) page is at path.
func (l *liveSet) isLive(path string) bool {
	gen := l.store.PathGeneration()
	l.mu.Lock()
	if l.gen != gen {
		l.gen = gen
		clear(l.live)
	}
	live, ok := l.live[path]
	l.mu.Unlock()
	if ok {
		return live
	}
	_ = l.store.View(func(tx *wiki.Tx) error {
		_, err := tx.PageByPath(path)
		live = err == nil
		return nil
	})
	l.mu.Lock()
	if l.gen == gen && len(l.live) < maxLivePaths {
		l.live[path] = live
	}
	l.mu.Unlock()
	return live
}
