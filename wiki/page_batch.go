package wiki

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// AnyRevision as a SaveRequest's BaseRevision saves over whatever revision
// is current, creating the page if there is none: an imported file is the
// newer truth, whatever happened in the wiki meanwhile.
const AnyRevision = -1

// savePagesChunk is how many pages one batch transaction commits: many
// enough that the fsync of a commit is shared, few enough that a
// transaction stays short and readers see progress.
const savePagesChunk = 200

// SaveStatus says what a save did to a page.
type SaveStatus int

// Save outcomes.
const (
	Unchanged SaveStatus = iota // the edit changed nothing; no revision
	Created                     // a new page
	Updated                     // a new revision of an existing or deleted page
)

// SaveResult is the outcome of one request of a batch. Err is set when the
// request was refused (invalid, conflict, too large); Page and Status are
// set otherwise.
type SaveResult struct {
	Page   *Page
	Status SaveStatus
	Err    error
}

// SavePages saves many pages like SavePage, preparing them in parallel and
// committing up to savePagesChunk of them per transaction. A request that
// SavePage would refuse gets its error in its SaveResult and does not stop
// the others. A database error stops the batch and is returned; the chunks
// committed before it stay committed.
func (s *Store) SavePages(reqs []SaveRequest) ([]SaveResult, error) {
	results := make([]SaveResult, len(reqs))
	err := s.saveBatch(context.Background(), results, func(i int) (*preparedSave, error) {
		return prepareSave(reqs[i])
	}, nil)
	return results, err
}

// saveBatch prepares len(results) saves with prepare, in parallel, and
// commits them chunk by chunk, reporting progress after each chunk.
func (s *Store) saveBatch(ctx context.Context, results []SaveResult, prepare func(i int) (*preparedSave, error), progress Progress) error {
	for start := 0; start < len(results); start += savePagesChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+savePagesChunk, len(results))
		chunk := make([]*preparedSave, end-start)
		parallel(len(chunk), func(i int) {
			chunk[i], results[start+i].Err = prepare(start + i)
		})
		if err := s.commitPrepared(chunk, results[start:end]); err != nil {
			return err
		}
		if progress != nil {
			progress(end, len(results))
		}
	}
	return nil
}

// commitPrepared saves every non-nil prepared page in one transaction and
// fills results[i] for prepared[i] once it has committed.
func (s *Store) commitPrepared(prepared []*preparedSave, results []SaveResult) error {
	out := make([]SaveResult, len(prepared))
	err := s.Update(func(tx *Tx) error {
		for i, ps := range prepared {
			if ps == nil {
				continue
			}
			res, err := tx.savePrepared(ps)
			if isRefusal(err) {
				out[i].Err = err
				continue
			}
			if err != nil {
				return err
			}
			out[i] = res
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, ps := range prepared {
		if ps != nil {
			results[i] = out[i]
		}
	}
	return nil
}

// saveGroup commits concurrent saves together ("group commit"): a save
// queues itself, then takes the commit lock, and whoever holds the lock
// commits everything queued so far in one transaction. n people saving at
// once cost about one fsync instead of n in a row, and a lone save waits
// for nothing (bbolt's Batch would wait for company).
type saveGroup struct {
	mu     sync.Mutex // guards queue
	queue  []*queuedSave
	commit sync.Mutex // held while a group commits
}

// queuedSave is one save waiting in a group; the fields after ps are set
// under the commit lock.
type queuedSave struct {
	ps   *preparedSave
	res  SaveResult
	err  error
	done bool
}

// save commits ps, alone or with the saves queued beside it. A refusal
// (conflict, invalid) is ps's alone; a database error fails the group.
func (g *saveGroup) save(s *Store, ps *preparedSave) (SaveResult, error) {
	q := &queuedSave{ps: ps}
	g.mu.Lock()
	g.queue = append(g.queue, q)
	g.mu.Unlock()
	g.commit.Lock()
	defer g.commit.Unlock()
	if !q.done {
		g.mu.Lock()
		group := g.queue
		g.queue = nil
		g.mu.Unlock()
		s.commitGroup(group)
	}
	return q.res, q.err
}

func (s *Store) commitGroup(group []*queuedSave) {
	prepared := make([]*preparedSave, len(group))
	for i, q := range group {
		prepared[i] = q.ps
	}
	results := make([]SaveResult, len(group))
	err := s.commitPrepared(prepared, results)
	for i, q := range group {
		q.res, q.err, q.done = results[i], results[i].Err, true
		if err != nil {
			q.err = err
		}
	}
}

// isRefusal reports whether err refuses one request (invalid, conflict…)
// rather than failing the database. savePage refuses before it writes, so
// the transaction can go on with the next page.
func isRefusal(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// savePrepared saves one prepared page in tx and says what it did.
func (tx *Tx) savePrepared(ps *preparedSave) (SaveResult, error) {
	old, err := tx.pageByPath(ps.path)
	switch {
	case errors.Is(err, ErrNotFound):
		old = nil
	case err != nil:
		return SaveResult{}, err
	}
	req := ps.req
	if req.BaseRevision == AnyRevision {
		req.BaseRevision = 0
		if old != nil {
			req.BaseRevision = old.Revision
		}
	}
	page, err := tx.savePage(ps.path, &req, ps.outline)
	if err != nil {
		return SaveResult{}, err
	}
	status := Updated
	switch {
	case old == nil:
		status = Created
	case !old.Deleted && page.Revision == old.Revision:
		status = Unchanged
	}
	return SaveResult{Page: page, Status: status}, nil
}

// parallel calls fn(0) … fn(n-1) on one goroutine per CPU. A panic in fn
// (a bug the input found) is raised again on the caller's goroutine once
// the others are done, where the caller's recover (the HTTP server's, the
// CLI's) handles it: a worker goroutine of ours never takes the process
// down.
func parallel(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	var panicked atomic.Pointer[workerPanic]
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					panicked.CompareAndSwap(nil, &workerPanic{value: v, stack: debug.Stack()})
					for range next { // let the sender finish
					}
				}
			}()
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(p)
	}
}

// workerPanic is a panic of a parallel worker, raised again by its caller
// with the worker's stack.
type workerPanic struct {
	value any
	stack []byte
}

func (p *workerPanic) String() string {
	return fmt.Sprintf("%v\n\nworker stack:\n%s", p.value, p.stack)
}
