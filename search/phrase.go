package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches tokens at consecutive positions of one field. It does
// what bleve's phrase query does, but checks the positions of each candidate
// in place: bleve's builds a map of all term locations for every document
// that has the words, which made phrases of common words cost tens of
// milliseconds.
type phraseQuery struct {
	field string
	slots []string // the token at each position; "" for a removed stop word
}

// newPhraseQuery builds the query for a clause of several positions.
func newPhraseQuery(field string, tokens [][]string) *phraseQuery {
	q := &phraseQuery{field: field, slots: make([]string, len(tokens))}
	for i, pos := range tokens {
		if len(pos) > 0 {
			q.slots[i] = pos[0] // the analyzer puts one token at a position
		}
	}
	return q
}

// Searcher implements query.Query: a conjunction of the tokens, with term
// vectors, filtered by position.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.IncludeTermVectors = true
	var terms []bsearch.Searcher
	closeAll := func() {
		for _, s := range terms {
			_ = s.Close()
		}
	}
	seen := map[string]bool{"": true} // gaps and repeated tokens need no searcher
	for _, tok := range q.slots {
		if seen[tok] {
			continue
		}
		seen[tok] = true
		ts, err := searcher.NewTermSearcher(ctx, r, tok, q.field, 1, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		terms = append(terms, ts)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, terms, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	return &phraseSearcher{Searcher: conj, slots: q.slots}, nil
}

// phraseSearcher passes on the matches of its conjunction whose term
// locations hold the phrase.
type phraseSearcher struct {
	bsearch.Searcher
	slots []string
}

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.keep(ctx, dm, err)
}

func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.keep(ctx, dm, err)
}

// keep returns dm if it holds the phrase, else the next match that does.
func (s *phraseSearcher) keep(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for err == nil && dm != nil {
		if s.holds(dm.FieldTermLocations) {
			dm.FieldTermLocations = dm.FieldTermLocations[:0] // nobody above needs them
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
		dm, err = s.Searcher.Next(ctx)
	}
	return dm, err
}

// holds reports whether some occurrence of the first token is followed by
// the others at the next positions, within the same value of the field.
func (s *phraseSearcher) holds(locs []bsearch.FieldTermLocation) bool {
	for _, first := range locs {
		if first.Term == s.slots[0] && s.followed(locs, first.Location) {
			return true
		}
	}
	return false
}

func (s *phraseSearcher) followed(locs []bsearch.FieldTermLocation, at bsearch.Location) bool {
	for k, tok := range s.slots[1:] {
		if tok != "" && !hasAt(locs, tok, at.Pos+uint64(k+1), at.ArrayPositions) {
			return false
		}
	}
	return true
}

func hasAt(locs []bsearch.FieldTermLocation, tok string, pos uint64, ap bsearch.ArrayPositions) bool {
	for _, l := range locs {
		if l.Location.Pos == pos && l.Term == tok && l.Location.ArrayPositions.Equals(ap) {
			return true
		}
	}
	return false
}
