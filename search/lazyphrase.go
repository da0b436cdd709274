package search

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// lazyPhrases ranks the matches of a query with phrases, of which the
// caller keeps the best depth, reading positions only where they can
// change the outcome. It runs q, the query with each phrase loosened to
// its words (which scores every match as the phrase query would), and
// checks the phrases in each document until countExactly of them hold;
// from then on only in documents that score high enough to rank among
// the best depth so far. Those are exact; the number of matches past
// countExactly is extrapolated from how far into the index that took.
// A common phrase among common words then costs a few thousand position
// checks, not one per document with the words.
type lazyPhrases struct {
	q       query.Query
	phrases []clause
	depth   int
	numbers uint64 // document numbers in the index, for the estimate
	counted *phraseCount
}

// phraseCount is the number of matches a lazyPhrases searcher found.
type phraseCount struct {
	n         int
	estimated bool
}

func (q *lazyPhrases) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	in, err := q.q.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	s := &lazySearcher{Searcher: in, q: q, best: topScores{n: q.depth}}
	for _, c := range q.phrases {
		pc, err := clauseCheck(ctx, r, c)
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		s.checks = append(s.checks, pc)
	}
	*q.counted = phraseCount{}
	return s, nil
}

// lazySearcher is lazyPhrases' searcher.
type lazySearcher struct {
	bsearch.Searcher
	q      *lazyPhrases
	checks []*phraseCheck
	best   topScores // of the matches returned
}

func (s *lazySearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.keep(ctx, dm, err)
}

func (s *lazySearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.keep(ctx, dm, err)
}

// keep returns dm, or the next match after it, that holds the phrases
// and, once countExactly were counted, can rank among the best.
func (s *lazySearcher) keep(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	c := s.q.counted
	for ; err == nil && dm != nil; dm, err = s.Searcher.Next(ctx) {
		if c.estimated && s.best.beats(dm.Score) {
			ctx.DocumentMatchPool.Put(dm)
			continue
		}
		holds, herr := s.hold(dm.IndexInternalID)
		if herr != nil {
			return nil, herr
		}
		if !holds {
			ctx.DocumentMatchPool.Put(dm)
			continue
		}
		if !c.estimated {
			c.n++
			if c.n == countExactly && dm.IndexInternalID.Value()+1 < s.q.numbers {
				share := float64(dm.IndexInternalID.Value()+1) / float64(s.q.numbers)
				c.n, c.estimated = int(float64(c.n)/share+0.5), true
			}
		}
		s.best.add(dm.Score)
		return dm, nil
	}
	return dm, err
}

func (s *lazySearcher) hold(id index.IndexInternalID) (bool, error) {
	for _, pc := range s.checks {
		if ok, err := pc.holds(id); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func (s *lazySearcher) Close() error {
	errs := []error{s.Searcher.Close()}
	for _, pc := range s.checks {
		errs = append(errs, pc.close())
	}
	return errors.Join(errs...)
}
