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
// computed whole, with the document frequencies looked up so far.
type snapshot struct {
	r    index.IndexReader
	m    mapping.IndexMapping
	docs uint64 // documents in the index
	dfs  map[string]uint64
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
	return &snapshot{r: r, m: x.bi.Mapping(), docs: n, dfs: map[string]uint64{}}, nil
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

// count returns the number of matches of q without scoring them. A single
// term is counted from its postings list alone.
func (s *snapshot) count(ctx context.Context, q query.Query) (int, error) {
	if tq, ok := q.(*query.TermQuery); ok {
		tfr, err := s.r.TermFieldReader(ctx, []byte(tq.Term), tq.FieldVal, false, false, false)
		if err != nil {
			return 0, err
		}
		defer tfr.Close()
		return int(tfr.Count()), nil
	}
	sr, err := q.Searcher(ctx, s.r, s.m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return 0, err
	}
	defer sr.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0), IndexReader: s.r}
	n := 0
	for {
		if n%1024 == 0 && ctx.Err() != nil {
			return 0, ctx.Err()
		}
		dm, err := sr.Next(sctx)
		if err != nil || dm == nil {
			return n, err
		}
		n++
		sctx.DocumentMatchPool.Put(dm)
	}
}
