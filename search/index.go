package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// errClosed reports a search of a closed index.
var errClosed = errors.New("search index is closed")

// Errors returned by Open. Any other error from Open means the index is
// unusable (corrupt, locked, unreadable) and should be rebuilt.
var (
	// ErrNotExist reports that the index directory does not exist.
	ErrNotExist = errors.New("search index does not exist")
	// ErrMappingVersion reports an index built with another mapping version.
	ErrMappingVersion = errors.New("search index has another mapping version")
)

// Keys of the values kept with SetInternal.
var (
	keyAppliedSeq     = []byte("applied_seq")
	keyMappingVersion = []byte("mapping_version")
)

// openTimeout bounds the wait for the index lock held by another process.
const openTimeout = "1s"

// Doc is one searchable unit: a page title document or one page section.
type Doc struct {
	ID      string // chosen by the caller, e.g. "p:ops/db" or "s:ops/db#failover-steps"
	Kind    string // KindPage or KindSection
	Path    string // page path like "ops/runbooks/database-failover" (lowercase, '/'-separated)
	Title   string // page title
	Section string // section anchor ID ("" for the page doc)
	Heading string // section heading text ("" for the page doc)
	Body    string // plain text (for a page doc: the text before the first heading)
	Tags    []string
	Owner   string
	Updated time.Time
	Version string // opaque to this package; returned by Versions
}

// Batch is a set of changes applied atomically, together with the change-log
// position (Seq) it brings the index up to. Deletes are applied after
// Upserts, so an ID in both ends up deleted.
type Batch struct {
	Upserts []Doc
	Deletes []string
	Seq     uint64
}

// Index is a handover search index. Its methods are safe for concurrent
// use: searches run while Apply writes, and see each batch whole or not at
// all (a hit deleted between ranking and loading is left out).
type Index struct {
	dir  string
	bi   bleve.Index
	text analysis.Analyzer // analyzerText, for query words
	kw   analysis.Analyzer // analyzerKeyword, for filter values
	word analysis.Analyzer // analyzerWords, for typeahead

	gen    atomic.Uint64 // counts Applys; outcomes of older generations are stale
	cache  *outcomeCache
	closed atomic.Bool // bleve hands out nil snapshots of a closed index
}

// Create makes a new, empty index in dir. It fails if dir exists.
func Create(dir string) (*Index, error) {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		if err == nil {
			err = fs.ErrExist
		}
		return nil, fmt.Errorf("create index %q: %w", dir, err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("create index %q: %w", dir, err)
	}
	bi, err := bleve.New(dir, m)
	if err != nil {
		err = writeErr(err)
		return nil, fmt.Errorf("create index %q: %w", dir, err)
	}
	v := []byte(strconv.Itoa(mappingVersion))
	if err := bi.SetInternal(keyMappingVersion, v); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("create index %q: %w", dir, writeErr(err))
	}
	return newIndex(dir, bi)
}

// Open opens the existing index in dir. The error wraps ErrNotExist when
// there is no index and ErrMappingVersion when it was built with another
// mapping; any other error means the index is corrupt or locked.
func Open(dir string) (_ *Index, err error) {
	defer noFault()()
	defer recoverDamaged(dir, &err)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open index %q: %w", dir, ErrNotExist)
	}
	if err := checkSegments(dir); err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	bi, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": openTimeout})
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return nil, fmt.Errorf("open index %q: %w", dir, ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	if err := checkVersion(bi); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	return newIndex(dir, bi)
}

func checkVersion(bi bleve.Index) error {
	v, err := bi.GetInternal(keyMappingVersion)
	if err != nil {
		return err
	}
	if string(v) != strconv.Itoa(mappingVersion) {
		return fmt.Errorf("version %q, want %d: %w", v, mappingVersion, ErrMappingVersion)
	}
	return nil
}

func newIndex(dir string, bi bleve.Index) (*Index, error) {
	m := bi.Mapping()
	x := &Index{
		dir:   dir,
		bi:    bi,
		text:  m.AnalyzerNamed(analyzerText),
		kw:    m.AnalyzerNamed(analyzerKeyword),
		word:  m.AnalyzerNamed(analyzerWords),
		cache: newOutcomeCache(),
	}
	if x.text == nil || x.kw == nil || x.word == nil {
		_ = bi.Close()
		return nil, fmt.Errorf("open index %q: analyzers missing from mapping", dir)
	}
	return x, nil
}

// Close flushes and closes the index. Searches running concurrently fail.
func (x *Index) Close() (err error) {
	defer recoverDamaged(x.dir, &err) // an index bleve failed to write may be half closed
	x.closed.Store(true)
	if err := x.bi.Close(); err != nil {
		return fmt.Errorf("close index %q: %w", x.dir, writeErr(err))
	}
	return nil
}

// Apply indexes b.Upserts, removes b.Deletes and records b.Seq as the
// applied change-log position, all in one bleve batch: after a crash the
// index holds all of it or none of it, and applying b again is harmless.
func (x *Index) Apply(ctx context.Context, b Batch) (err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("apply batch %d: %w", b.Seq, err)
	}
	bb := x.bi.NewBatch()
	for _, d := range b.Upserts {
		if err := validDoc(d); err != nil {
			return fmt.Errorf("apply batch %d: %w", b.Seq, err)
		}
		if err := bb.Index(d.ID, fields(d)); err != nil {
			return fmt.Errorf("apply batch %d: doc %q: %w", b.Seq, d.ID, err)
		}
	}
	for _, id := range b.Deletes {
		if id == "" {
			return fmt.Errorf("apply batch %d: delete of empty doc ID", b.Seq)
		}
		bb.Delete(id)
	}
	bb.SetInternal(keyAppliedSeq, binary.BigEndian.AppendUint64(nil, b.Seq))
	err = writeErr(x.bi.Batch(bb))
	x.gen.Add(1) // even on error: part of the batch may be visible
	if err != nil {
		return fmt.Errorf("apply batch %d: %w", b.Seq, err)
	}
	return nil
}

func validDoc(d Doc) error {
	if d.ID == "" {
		return fmt.Errorf("doc with empty ID (path %q)", d.Path)
	}
	if d.Kind != KindPage && d.Kind != KindSection {
		return fmt.Errorf("doc %q: kind %q, want %q or %q", d.ID, d.Kind, KindPage, KindSection)
	}
	return nil
}

// Compact merges the index into one segment, so that a search looks each
// word up once instead of once per segment: about a fifth less work per
// search at 10,000 pages, for half a second of merging. A rebuild calls it
// once every page is in; bleve merges the segments of later changes in
// the background by itself.
func (x *Index) Compact(ctx context.Context) (err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	adv, err := x.bi.Advanced()
	if err != nil {
		return fmt.Errorf("compact index %q: %w", x.dir, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("compact index %q: %w", x.dir, writeErr(err))
	}
	return nil
}

// AppliedSeq returns the Seq of the last applied batch, 0 for a new index.
func (x *Index) AppliedSeq() (_ uint64, err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	v, err := x.bi.GetInternal(keyAppliedSeq)
	if err != nil {
		return 0, fmt.Errorf("read applied seq of %q: %w", x.dir, err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("read applied seq of %q: %d bytes, want 8", x.dir, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

// DocCount returns the number of documents in the index.
func (x *Index) DocCount() (_ uint64, err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	n, err := x.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count docs of %q: %w", x.dir, err)
	}
	return n, nil
}

// Versions returns every document ID with its Doc.Version, for consistency
// checks against the database. It reads doc values, not stored documents.
func (x *Index) Versions(ctx context.Context) (_ map[string]string, err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	out, err := x.versions(ctx)
	if err != nil {
		return nil, fmt.Errorf("list versions of %q: %w", x.dir, err)
	}
	return out, nil
}

func (x *Index) versions(ctx context.Context) (map[string]string, error) {
	adv, err := x.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dv, err := r.DocValueReader([]string{fVersion})
	if err != nil {
		return nil, err
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	return visitVersions(ctx, r, ids, dv)
}

func visitVersions(ctx context.Context, r index.IndexReader, ids index.DocIDReader, dv index.DocValueReader) (map[string]string, error) {
	out := make(map[string]string)
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		iid, err := ids.Next()
		if err != nil || iid == nil {
			return out, err
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, err
		}
		var v string
		err = dv.VisitDocValues(iid, func(_ string, term []byte) { v = string(term) })
		if err != nil {
			return nil, err
		}
		out[id] = v
	}
}
