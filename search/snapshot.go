package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// snapshot is one consistent view of the index, in which an outcome is
// computed whole, with the document frequencies and near terms (fuzzy.go)
// looked up so far.
type snapshot struct {
	r       index.IndexReader
	m       mapping.IndexMapping
	docs    uint64 // documents in the index
	numbers uint64 // document numbers in use: docs and deleted ones
	dfs     map[string]uint64
	near    map[string][]string
}

func (x *Index) snapshot() (*snapshot, error) {
	r, err := x.reader()
	if err != nil {
		return nil, err
	}
	n, err := r.DocCount()
	if err != nil {
		_ = r.Close()
		return nil, err
	}
	s := &snapshot{r: r, m: x.bi.Mapping(), docs: n, numbers: n, dfs: map[string]uint64{}, near: map[string][]string{}}
	if sr := newStoredReader(r); sr.segs != nil {
		last := len(sr.segs) - 1
		s.numbers = sr.offsets[last] + sr.segs[last].Segment().Count()
	}
	return s, nil
}

func (s *snapshot) close() error { return s.r.Close() }

// df returns the number of documents with term in their text.
func (s *snapshot) df(ctx context.Context, term string) (uint64, error) {
	if n, ok := s.dfs[term]; ok {
		return n, nil
	}
	tfr, err := s.r.TermFieldReader(ctx, []byte(term), fText, false, false, false)
	if err != nil {
		return 0, err
	}
	n := tfr.Count()
	s.dfs[term] = n
	return n, tfr.Close()
}

// collect runs q for its top depth hits, best first, and the number of
// matches. Equal scores keep index order, so that the pages of one query
// agree with each other (a deeper page ranks a longer prefix of the same
// order). The hits carry their paths, for access filters.
func (s *snapshot) collect(ctx context.Context, q query.Query, depth int) (*outcome, error) {
	sr, err := q.Searcher(ctx, s.r, s.m, bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer sr.Close()
	coll := collector.NewTopNCollector(depth, 0, bsearch.SortOrder{&bsearch.SortScore{Desc: true}})
	if err := coll.Collect(ctx, sr, s.r); err != nil {
		return nil, err
	}
	dms := coll.Results()
	paths, err := s.paths(dms)
	if err != nil {
		return nil, err
	}
	o := &outcome{total: int(coll.Total()), hits: make([]ranked, len(dms))}
	for i, dm := range dms {
		o.hits[i] = ranked{id: dm.ID, path: paths[i], score: dm.Score}
	}
	return o, nil
}

// paths reads the stored paths of dms.
func (s *snapshot) paths(dms bsearch.DocumentMatchCollection) ([]string, error) {
	paths := make([]string, len(dms))
	sr := newStoredReader(s.r)
	for i, dm := range dms {
		var err error
		if paths[i], err = sr.path(dm.IndexInternalID, dm.ID); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// countExactly is how many matches count counts one by one; past it, it
// extrapolates from how far into the index it got. Paging stops at
// maxOffset anyway, and counting every match of a common word with an
// exclusion or a phrase cost more than ranking the page.
const countExactly = 2000

// count returns the number of matches of q without scoring them, and
// whether it is an estimate. A single term is counted from its postings
// list alone.
func (s *snapshot) count(ctx context.Context, q query.Query) (int, bool, error) {
	if tq, ok := q.(*query.TermQuery); ok {
		tfr, err := s.r.TermFieldReader(ctx, []byte(tq.Term), tq.FieldVal, false, false, false)
		if err != nil {
			return 0, false, err
		}
		defer tfr.Close()
		return int(tfr.Count()), false, nil
	}
	sr, err := q.Searcher(ctx, s.r, s.m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return 0, false, err
	}
	defer sr.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0), IndexReader: s.r}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return 0, false, ctx.Err()
		}
		dm, err := sr.Next(sctx)
		if err != nil || dm == nil {
			return n, false, err
		}
		if n+1 == countExactly && dm.IndexInternalID.Value()+1 < s.numbers {
			// Matches spread over the index like those seen so far.
			share := float64(dm.IndexInternalID.Value()+1) / float64(s.numbers)
			return int(float64(n+1)/share + 0.5), true, nil
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}
