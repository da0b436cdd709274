package wiki

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handover/handover/search"
)

// batchSize caps the changes applied in one bleve batch.
const batchSize = 300

// RetryDelay is how long the syncer waits after a batch or a rebuild
// failed (the disk is full, say) before it tries again.
const RetryDelay = 2 * time.Second

// Syncer keeps the bleve index in step with bbolt: one goroutine reads the
// change log after the index's applied position and applies the current
// state of each changed page, storing the new position in the same bleve
// batch. A missing, corrupt or outdated index is rebuilt in the background
// into index.new/ and swapped in; searches meanwhile report Rebuilding.
type Syncer struct {
	store *Store
	dir   string
	log   *slog.Logger

	idx        atomic.Pointer[search.Index]
	rebuilding atomic.Bool
	poke       chan struct{}
	damaged    chan *search.Index     // an index found damaged, to close and rebuild
	trouble    atomic.Pointer[string] // why the last step failed (Trouble)
	retryDelay time.Duration          // wait after a failed step
	noSpace    atomic.Bool            // the last step failed for want of space
	mu         sync.Mutex             // serialises applying changes
	stop       context.CancelFunc
	done       chan struct{}
}

// NewSyncer returns a syncer for the index in dataDir/index. Call Start.
func NewSyncer(store *Store, dataDir string, log *slog.Logger) *Syncer {
	s := &Syncer{store: store, dir: filepath.Join(dataDir, "index"), log: log,
		poke: make(chan struct{}, 1), damaged: make(chan *search.Index, 1), done: make(chan struct{}),
		retryDelay: RetryDelay}
	store.SetOnCommit(s.Poke)
	return s
}

// Poke tells the syncer there are new changes. It never blocks.
func (s *Syncer) Poke() {
	select {
	case s.poke <- struct{}{}:
	default:
	}
}

// Index returns the open index, or nil while it is being rebuilt.
func (s *Syncer) Index() *search.Index { return s.idx.Load() }

// Rebuilding reports whether a background rebuild is under way.
func (s *Syncer) Rebuilding() bool { return s.rebuilding.Load() }

// Start opens the index and runs the syncer goroutine until Close. When the
// index cannot be used it is rebuilt in the background; Start does not wait.
func (s *Syncer) Start() error {
	for _, leftover := range []string{s.dir + ".new", s.dir + ".old"} {
		if err := os.RemoveAll(leftover); err != nil {
			return fmt.Errorf("remove leftover index: %w", err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	idx, err := search.Open(s.dir)
	if err != nil {
		if !errors.Is(err, search.ErrNotExist) {
			s.log.Warn("search index unusable; rebuilding it in the background", "err", err)
		}
		s.rebuilding.Store(true)
	} else {
		s.idx.Store(idx)
	}
	go s.run(ctx)
	return nil
}

func (s *Syncer) run(ctx context.Context) {
	defer close(s.done)
	KeepAlive(ctx, s.log, "search indexer", RestartDelay, s.loop)
}

func (s *Syncer) loop(ctx context.Context) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		var retry <-chan time.Time
		if !s.step(ctx) {
			retry = time.After(s.retryDelay)
		}
		select {
		case <-ctx.Done():
			return
		case old := <-s.damaged:
			s.closeDamaged(old)
		case <-s.poke:
			if !sleep(ctx, applyDelay) {
				return
			}
		case <-retry:
		case <-tick.C:
			s.prune()
		}
	}
}

// step rebuilds the index when there is none, then applies the pending
// changes. It reports false when that failed and should be tried again
// after retryDelay (the disk is full, say): the syncer pauses rather than
// spins, and catches up once the writes succeed again.
func (s *Syncer) step(ctx context.Context) bool {
	select {
	case old := <-s.damaged: // close it before its directory is rebuilt
		s.closeDamaged(old)
	default:
	}
	if s.noSpace.Load() && probeSpace(filepath.Dir(s.dir)) != nil {
		return false // each failed batch costs a reopen: wait for space first
	}
	if s.idx.Load() == nil && s.rebuilding.Load() {
		if err := s.rebuildAndSwap(ctx, nil); err != nil {
			return s.failed(ctx, "rebuild search index", err)
		}
	}
	err := s.Sync(ctx)
	switch {
	case err == nil:
		s.noSpace.Store(false)
		if s.trouble.Swap(nil) != nil {
			s.log.Info("search index updated again")
		}
		return true
	case errors.Is(err, search.ErrDamaged):
		s.IndexFailed(s.idx.Load(), err)
		return true
	}
	if !s.failed(ctx, "sync search index", err) {
		s.reopen()
	}
	return false
}

// failed logs err of what the syncer was doing and records it for
// Trouble; it reports whether the error is only ctx's end.
func (s *Syncer) failed(ctx context.Context, doing string, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	trouble := "the search index cannot be updated; retrying"
	s.noSpace.Store(ErrorKind(err) == DiskFull)
	if s.noSpace.Load() {
		trouble = "the disk is full: the search index cannot be updated; retrying"
	}
	if s.trouble.Swap(&trouble) == nil { // once, not every retry
		s.log.Error(doing+"; retrying until it works", "err", err, "every", s.retryDelay.String())
	}
	return false
}

// Trouble says why the index is behind and not catching up, or "" when
// it is fine (or only rebuilding).
func (s *Syncer) Trouble() string {
	if t := s.trouble.Load(); t != nil {
		return *t
	}
	return ""
}

// reopen closes the index after a failed batch and opens it again from
// its files. bleve keeps a segment it failed to write (ENOSPC) in its
// in-memory state, closed, and the next batch or search panics on it (a
// nil map in zap's cache); the files hold the last batch written whole,
// with its applied position, so reopening loses nothing: the changes
// after it are applied again. An index that does not open is rebuilt.
func (s *Syncer) reopen() {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.idx.Swap(nil)
	if old == nil {
		return
	}
	if err := old.Close(); err != nil {
		s.log.Warn("close the search index after a failed batch", "err", err)
	}
	idx, err := search.Open(s.dir)
	if err != nil {
		s.log.Error("reopen the search index; rebuilding it", "err", err)
		s.rebuilding.Store(true)
		return
	}
	s.idx.Store(idx)
}

// IndexFailed is told of an error from a search of idx. Any error but the
// request's own end means the index cannot answer (bleve returns or
// panics on damaged segments): it is dropped at once, so searches answer
// from nothing with the rebuilding notice, and rebuilt in the background
// as a missing index is at start. It reports whether searches should do
// so rather than fail.
func (s *Syncer) IndexFailed(idx *search.Index, err error) bool {
	if idx == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if !s.idx.CompareAndSwap(idx, nil) {
		return true // already dropped, or swapped for a new one
	}
	s.rebuilding.Store(true)
	s.log.Error("search index damaged; rebuilding it in the background", "err", err)
	s.damaged <- idx // the only send: the swap above lets one caller through per index
	return true
}

// closeDamaged closes an index found damaged; the loop's next step
// builds a new one.
func (s *Syncer) closeDamaged(old *search.Index) {
	s.mu.Lock()
	old.Close() // errors are expected from a damaged index
	s.mu.Unlock()
}

// applyDelay lets a burst of saves become one index batch. Each batch
// costs bleve a segment written and fsynced, which competed with bbolt's
// commits for the disk: applying every save at once made saves' p99 five
// times slower. Search shows a save this much later.
const applyDelay = 100 * time.Millisecond

// sleep waits d, or less when ctx ends first; it reports whether ctx is
// still going.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Sync applies every pending change to the index now. Tests call it to
// flush; it is a no-op while no index is open.
func (s *Syncer) Sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	idx := s.idx.Load()
	if idx == nil {
		return nil
	}
	for {
		n, err := s.applyBatch(ctx, idx)
		if err != nil || n < batchSize {
			return err
		}
	}
}

// applyBatch applies up to batchSize changes after the index's position and
// returns how many it read.
func (s *Syncer) applyBatch(ctx context.Context, idx *search.Index) (int, error) {
	applied, err := idx.AppliedSeq()
	if err != nil {
		return 0, err
	}
	changes, err := s.store.ChangesAfter(applied, batchSize)
	if err != nil || len(changes) == 0 {
		return 0, err
	}
	batch, err := s.batchFor(changes)
	if err != nil {
		return 0, err
	}
	if err := idx.Apply(ctx, batch); err != nil {
		return 0, fmt.Errorf("apply changes up to %d: %w", batch.Seq, err)
	}
	return len(changes), nil
}

// batchFor loads the current state of every changed page once, and deletes
// documents the pages had before that they no longer have.
func (s *Syncer) batchFor(changes []Change) (search.Batch, error) {
	batch := search.Batch{Seq: changes[len(changes)-1].Seq}
	stale := map[string]bool{}
	pages := map[uint64]bool{}
	for _, c := range changes {
		for _, d := range c.Docs {
			stale[d] = true
		}
		if c.Kind == ChangePage {
			pages[c.ID] = true
		}
	}
	for id := range pages {
		docs, err := s.pageDocs(id)
		if err != nil {
			return batch, err
		}
		for _, d := range docs {
			delete(stale, d.ID)
		}
		batch.Upserts = append(batch.Upserts, docs...)
	}
	for id := range stale {
		batch.Deletes = append(batch.Deletes, id)
	}
	return batch, nil
}

// pageDocs returns the search documents of a page's current state; none for
// a deleted or missing page.
func (s *Syncer) pageDocs(id uint64) ([]search.Doc, error) {
	p, err := s.store.PageByID(id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil || p.Deleted {
		return nil, err
	}
	text, err := s.store.CurrentText(p)
	if err != nil {
		return nil, err
	}
	return PageDocs(p, text), nil
}

func (s *Syncer) prune() {
	idx := s.idx.Load()
	if idx == nil {
		return
	}
	applied, err := idx.AppliedSeq()
	if err == nil {
		err = s.store.PruneChanges(applied)
	}
	if err != nil {
		s.log.Error("prune change log", "err", err)
	}
}

// Close stops the goroutine, applies what is pending, and closes the index
// (also one that Rebuild opened on a syncer that was never started).
func (s *Syncer) Close() error {
	if s.stop != nil {
		s.stop()
		<-s.done
	}
	idx := s.idx.Swap(nil)
	if idx == nil {
		return nil
	}
	flushErr := s.flush(idx)
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return flushErr
}

func (s *Syncer) flush(idx *search.Index) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		n, err := s.applyBatch(ctx, idx)
		if err != nil || n < batchSize {
			return err
		}
	}
}

// Lag returns how many change-log entries wait to be applied to the index
// (all of them while the index is being rebuilt).
func (s *Syncer) Lag() uint64 {
	maxSeq, err := s.store.MaxChangeSeq()
	if err != nil {
		return 0
	}
	idx := s.idx.Load()
	if idx == nil {
		return maxSeq
	}
	applied, err := idx.AppliedSeq()
	if err != nil || applied > maxSeq {
		return 0
	}
	return maxSeq - applied
}
