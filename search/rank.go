package search

import (
	"container/list"
	"context"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// cacheEntries is how many query outcomes the index keeps. Popular queries
// then cost only the loading of one page of hits until the next Apply.
const cacheEntries = 128

// outcome is what a plan finds, before paging and filtering. It is cached
// and must not change once built.
type outcome struct {
	gen   uint64   // Apply generation it was computed in
	hits  []ranked // best first
	total int      // matches in the index
	fuzzy bool     // hits come from the fuzzy retry
	dym   string   // did-you-mean query, or ""
	stems []string // tokens to highlight
}

// complete reports whether hits holds every match.
func (o *outcome) complete() bool { return len(o.hits) >= o.total }

// outcome returns at least depth hits of p (or all there are), from the
// cache when nothing was applied since.
func (x *Index) outcome(ctx context.Context, p plan, depth int) (*outcome, error) {
	key := p.key()
	gen := x.gen.Load() // before searching: a concurrent Apply makes this entry stale
	if o := x.cache.get(key, gen); o != nil && (o.complete() || len(o.hits) >= depth) {
		return o, nil
	}
	o, err := x.compute(ctx, p, depth)
	if err != nil {
		return nil, err
	}
	o.gen = gen
	x.cache.put(key, o)
	return o, nil
}

// compute tries all words, then any word, then the fuzzy retry.
func (x *Index) compute(ctx context.Context, p plan, depth int) (*outcome, error) {
	o, err := x.rankModes(ctx, p, depth)
	if err != nil || o.total > 0 {
		return o, err
	}
	return x.fuzzyOutcome(ctx, p, depth)
}

// rankModes ranks p with all words required, and when that finds nothing,
// with any word.
func (x *Index) rankModes(ctx context.Context, p plan, depth int) (*outcome, error) {
	if len(p.clauses) == 0 { // bleve would match everything
		return &outcome{}, nil
	}
	o, err := x.rank(ctx, p, modeAll, depth)
	if err != nil || o.total > 0 || len(p.clauses) < 2 {
		return o, err
	}
	return x.rank(ctx, p, modeAny, depth)
}

// rank returns the top depth hits of p in mode m: headline matches, then
// body-only matches when the first are too few. It asks bleve for the path
// of the top hits only (for access filters; cheaper than looking paths up
// later) and for no locations or highlights: the page's hits are loaded
// afterwards, so each match costs only its scoring.
func (x *Index) rank(ctx context.Context, p plan, m mode, depth int) (*outcome, error) {
	total := -1
	if m == modeAll && len(p.clauses) > 1 && p.termsOnly() {
		// Counting a conjunction of terms is a bitmap intersection: cheap,
		// and when it is empty the scored tiers need not run at all.
		n, err := x.count(ctx, p.query(m, tierAll))
		if err != nil || n == 0 {
			return &outcome{}, err
		}
		total = n
	}
	o, err := x.rankTier(ctx, p.query(m, tierHeadline), depth)
	if err != nil {
		return nil, err
	}
	o.stems = p.tokens()
	if o.total >= depth {
		if total < 0 {
			total, err = x.count(ctx, p.query(m, tierAll))
		}
		o.total = total
		return o, err
	}
	body, err := x.rankTier(ctx, p.query(m, tierBody), depth-len(o.hits))
	if err != nil {
		return nil, err
	}
	o.hits = append(o.hits, body.hits...)
	o.total += body.total
	return o, nil
}

// rankTier runs q for its top depth hits. bleve orders equal scores by
// index order, so the pages of one query agree with each other (a deeper
// page ranks a longer prefix of the same order).
func (x *Index) rankTier(ctx context.Context, q query.Query, depth int) (*outcome, error) {
	req := bleve.NewSearchRequestOptions(q, depth, 0, false)
	req.Fields = []string{fPath}
	sr, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	o := &outcome{total: int(sr.Total), hits: make([]ranked, len(sr.Hits))}
	for i, dm := range sr.Hits {
		o.hits[i] = ranked{id: dm.ID, path: str(dm.Fields[fPath]), score: dm.Score}
	}
	return o, nil
}

// count returns the number of matches of q without scoring them. A single
// term is counted from its postings list alone.
func (x *Index) count(ctx context.Context, q query.Query) (int, error) {
	if tq, ok := q.(*query.TermQuery); ok {
		r, err := x.reader()
		if err != nil {
			return 0, err
		}
		defer r.Close()
		tfr, err := r.TermFieldReader(ctx, []byte(tq.Term), tq.FieldVal, false, false, false)
		if err != nil {
			return 0, err
		}
		defer tfr.Close()
		return int(tfr.Count()), nil
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = bleve.ScoreNone
	sr, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return int(sr.Total), nil
}

// key identifies a plan in the cache.
func (p plan) key() string { return strings.ToLower(formatQuery(p.terms)) }

// outcomeCache is a small LRU cache of outcomes by plan key.
type outcomeCache struct {
	mu    sync.Mutex
	order *list.List // of *cacheEntry, most recent first
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key string
	o   *outcome
}

func newOutcomeCache() *outcomeCache {
	return &outcomeCache{order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the outcome for key if it was computed in generation gen.
// A nil cache (benchmarks of the uncached path) holds nothing.
func (c *outcomeCache) get(key string, gen uint64) *outcome {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil
	}
	o := e.Value.(*cacheEntry).o
	if o.gen != gen {
		c.order.Remove(e)
		delete(c.byKey, key)
		return nil
	}
	c.order.MoveToFront(e)
	return o
}

func (c *outcomeCache) put(key string, o *outcome) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		if ce := e.Value.(*cacheEntry); ce.o.gen <= o.gen {
			ce.o = o
		}
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key, o})
	if c.order.Len() > cacheEntries {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}
