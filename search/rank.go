package search

import (
	"context"
	"maps"
	"strings"
)

// outcome is what a plan finds, before paging and filtering. It is cached
// and must not change once built.
type outcome struct {
	gen   uint64   // Apply generation it was computed in
	hits  []ranked // best first
	total int      // matches in the index
	// estimated is set when total is extrapolated from the first
	// countExactly matches.
	estimated bool
	fuzzy     bool     // hits come from the fuzzy retry
	dym       string   // did-you-mean query, or ""
	stems     []string // tokens to highlight
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

// fillBelow is the number of hits under which the hits with every word
// are followed by those with only some of the words.
const fillBelow = 5

// compute corrects words that no document has, ranks the hits with all
// words and then any word, and when that finds nothing, retries fuzzily,
// all in one snapshot of the index.
func (x *Index) compute(ctx context.Context, p plan, depth int) (*outcome, error) {
	s, err := x.snapshot()
	if err != nil {
		return nil, err
	}
	defer s.close()
	fixes, err := x.correct(ctx, s, &p)
	if err != nil {
		return nil, err
	}
	o, err := rankModes(ctx, s, p, depth)
	if err != nil {
		return nil, err
	}
	o.fuzzy = len(fixes) > 0 && o.total > 0
	if o.total == 0 {
		var more map[int]string
		if o, more, err = x.fuzzyOutcome(ctx, s, p, depth); err != nil {
			return nil, err
		}
		maps.Copy(fixes, more)
	}
	o.dym = didYouMean(p.terms, fixes)
	return o, nil
}

// rankModes ranks p with all words required; when that finds fewer than
// fillBelow hits, the hits with any word follow, most matching words
// first.
func rankModes(ctx context.Context, s *snapshot, p plan, depth int) (*outcome, error) {
	if len(p.clauses) == 0 { // bleve would match everything
		return &outcome{}, nil
	}
	if err := p.weigh(ctx, s); err != nil {
		return nil, err
	}
	o, err := rank(ctx, s, p, modeAll, depth)
	if err != nil || o.total >= fillBelow || len(p.clauses) < 2 {
		return o, err
	}
	more, err := rank(ctx, s, p, modeAny, depth+len(o.hits))
	if err != nil {
		return nil, err
	}
	return fill(o, more, depth), nil
}

// fill appends to the hits of all the words those of any word, which
// include them; the total is then that of any word.
func fill(all, anyWord *outcome, depth int) *outcome {
	seen := make(map[string]bool, len(all.hits))
	for _, h := range all.hits {
		seen[h.id] = true
	}
	for _, h := range anyWord.hits {
		if len(all.hits) >= depth {
			break
		}
		if !seen[h.id] {
			all.hits = append(all.hits, h)
		}
	}
	all.total = max(anyWord.total, len(all.hits))
	if len(all.stems) == 0 { // nothing had every word: no stems were kept
		all.stems = anyWord.stems
	}
	return all
}

// rank returns the top depth hits of p in mode m: headline matches, then
// body-only matches when the first are too few (see tier). Each match costs only its
// scoring: the page's hits are loaded afterwards.
func rank(ctx context.Context, s *snapshot, p plan, m mode, depth int) (*outcome, error) {
	total, estimated := -1, false
	if m == modeAll && len(p.clauses) > 1 && p.termsOnly() {
		// Counting a conjunction of terms is a bitmap intersection: cheap,
		// and when it is empty the scored tiers need not run at all.
		n, est, err := s.count(ctx, p.query(m, tierAll, 0))
		if err != nil || n == 0 {
			return &outcome{}, err
		}
		total, estimated = n, est
	}
	o, err := s.collect(ctx, p.query(m, tierHeadline, depth), depth)
	if err != nil {
		return nil, err
	}
	o.stems = p.tokens()
	if o.total >= depth {
		if total < 0 {
			total, estimated, err = s.count(ctx, p.query(m, tierAll, 0))
		}
		o.total, o.estimated = total, estimated
		return o, err
	}
	q, counted := p.query(m, tierAll, 0), (*phraseCount)(nil)
	if m == modeAll && p.hasPhrase() && p.fewest(s) >= lazyFrom {
		q, counted = p.lazyQuery(depth, s.numbers)
	}
	all, err := s.collect(ctx, q, depth)
	if err != nil {
		return nil, err
	}
	if counted != nil {
		all.total, o.estimated = counted.n, counted.estimated
	}
	head := make(map[string]bool, len(o.hits))
	for _, h := range o.hits {
		head[h.id] = true
	}
	for _, h := range all.hits {
		if !head[h.id] && len(o.hits) < depth {
			o.hits = append(o.hits, h)
		}
	}
	o.total = max(all.total, len(o.hits))
	return o, nil
}

// key identifies a plan in the cache.
func (p plan) key() string { return strings.ToLower(formatQuery(p.terms)) }
