package search

import (
	"bytes"
	"cmp"
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// The fields the headline tier reads, and what a query word found in a
// headline field is worth, as a share of the word's weight: a page title
// above a section heading above the title of the page a section is on.
// A document is in the tier when its title or heading has a query word
// (the lead fields); its page's title and its text only add to the score.
var scoreFields = [...]struct {
	name   string
	weight float64
	lead   bool
}{
	fieldTitle:   {fTitleWords, 1, true},
	fieldHeading: {fHeadingWords, 0.8, true},
	fieldPage:    {fPageWords, 0.6, false},
	fieldText:    {fText, 0, false},
}

// Indexes of scoreFields.
const (
	fieldTitle = iota
	fieldHeading
	fieldPage
	fieldText
	numFields
)

// Scoring constants of the headline tier (see headSearcher.score).
const (
	// headShare is what a word in the headline adds to the same word in
	// the text, at most: a word the headline holds counts three times.
	headShare = 2
	// partialShare is what a headline word is worth when the query covers
	// none of the rest of its headline; a fully covered headline is worth 1.
	partialShare = 0.5
)

// unit is one query word as the headline tier scores it.
type unit struct {
	terms  []string // the indexed terms that stand for it
	weight float64  // its inverse document frequency in the text
}

// headQuery selects the documents with a unit in a lead field and scores
// them by how much of the query their headline holds and how much of
// their headline the query covers: "incident commander responsibilities"
// ranks the "Responsibilities" section of the page "Incident commander"
// above the page "Security incident response".
type headQuery struct {
	units []unit
	// depth, if not 0, is how many of the best matches the caller keeps:
	// the searcher then need not score exactly the documents that cannot
	// be among them. Only when every match it returns is a hit.
	depth int
	// text also looks the units up in the text: in any-word mode, a word
	// found only there counts; with all words required, every match has
	// them all.
	text bool
	// filter, if set, is what a match must also match: the clauses, when
	// a headline word does not imply them. The searcher only scores the
	// candidates it accepts, and skips ahead to the next one it accepts,
	// so a rare word with a common heading word costs little.
	filter query.Query
	// phrases must also hold in a match, checked at each candidate that
	// the filter (their words, loosely) accepts.
	phrases []clause
}

// Searcher implements query.Query.
func (q *headQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, _ bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s := &headSearcher{units: make([][][numFields]*cursor, len(q.units)), weights: make([]float64, len(q.units)),
		best: topScores{n: q.depth}}
	if q.filter != nil {
		var err error
		if s.filter, err = q.filter.Searcher(ctx, r, m, bsearch.SearcherOptions{Score: "none"}); err != nil {
			return nil, err
		}
	}
	for _, c := range q.phrases {
		pc, err := clauseCheck(ctx, r, c)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.phrases = append(s.phrases, pc)
	}
	byKey := map[[2]string]*cursor{}
	for i, u := range q.units {
		s.weights[i] = u.weight
		s.order = append(s.order, i)
		for _, term := range u.terms {
			var cs [numFields]*cursor
			for f := range scoreFields {
				if f == fieldText && !q.text {
					continue
				}
				c, err := s.cursor(ctx, r, byKey, f, term)
				if err != nil {
					s.Close()
					return nil, err
				}
				cs[f] = c
			}
			s.units[i] = append(s.units[i], cs)
		}
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return cmp.Compare(s.weights[b], s.weights[a]) })
	return s, nil
}

// cursor returns the cursor of term in field f, opening it the first time.
func (s *headSearcher) cursor(ctx context.Context, r index.IndexReader, byKey map[[2]string]*cursor, f int, term string) (*cursor, error) {
	key := [2]string{scoreFields[f].name, term}
	if c, ok := byKey[key]; ok {
		return c, nil
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), key[0], true, true, false)
	if err != nil {
		return nil, err
	}
	c := &cursor{tfr: tfr, field: f}
	byKey[key] = c
	switch {
	case scoreFields[f].lead:
		s.lead = append(s.lead, c)
		s.docs += tfr.Count()
	case f == fieldText:
		s.text = append(s.text, c)
	default:
		s.follow = append(s.follow, c)
	}
	if err := c.next(); err != nil {
		return nil, err
	}
	return c, nil
}

// headSearcher is headQuery's searcher: the union of the lead postings of
// the units, scored from the cursors that stand on each document.
type headSearcher struct {
	lead, follow []*cursor              // lead: the candidates; follow: moved to each
	text         []*cursor              // moved only to look for a unit not in the headline
	units        [][][numFields]*cursor // by unit, by term, by field
	weights      []float64
	filter       bsearch.Searcher
	phrases      []*phraseCheck
	accepted     *bsearch.DocumentMatch // the filter's current match
	filterDone   bool                   // the filter has no more matches
	cur          index.IndexInternalID  // the document the lead cursors last stood on
	docs         uint64
	best         topScores // of the scored documents, when the caller wants depth hits
	pending      []int     // units of s.cur to look up in the text
	order        []int     // of the units, by weight, highest first
}

// Next implements bsearch.Searcher.
func (s *headSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.cur != nil {
		if err := s.nextLead(); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// Advance implements bsearch.Searcher.
func (s *headSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if err := s.advanceLead(id); err != nil {
		return nil, err
	}
	return s.match(ctx)
}

// nextLead moves the lead cursors on s.cur to their next document.
func (s *headSearcher) nextLead() error {
	for _, c := range s.lead {
		if c.on(s.cur) {
			if err := c.next(); err != nil {
				return err
			}
		}
	}
	return nil
}

// advanceLead moves the lead cursors to id or past it.
func (s *headSearcher) advanceLead(id index.IndexInternalID) error {
	for _, c := range s.lead {
		if err := c.advance(id); err != nil {
			return err
		}
	}
	return nil
}

// phrasesHold reports whether every phrase holds in s.cur.
func (s *headSearcher) phrasesHold() (bool, error) {
	for _, p := range s.phrases {
		if ok, err := p.holds(s.cur); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// match returns the first document a lead cursor stands on that the
// filter accepts, scored.
func (s *headSearcher) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		first := s.first()
		if first == nil {
			return nil, nil
		}
		next, err := s.accept(ctx, first)
		if err != nil || next == nil {
			return nil, err
		}
		if !next.Equals(first) {
			if err := s.advanceLead(next); err != nil {
				return nil, err
			}
			continue
		}
		holds, err := s.phrasesHold()
		if err != nil {
			return nil, err
		}
		if holds {
			break
		}
		if err := s.nextLead(); err != nil {
			return nil, err
		}
	}
	for _, c := range s.follow {
		if err := c.advance(s.cur); err != nil {
			return nil, err
		}
	}
	score, err := s.score()
	if err != nil {
		return nil, err
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = append(dm.IndexInternalID[:0], s.cur...)
	dm.Score = score
	return dm, nil
}

// first sets s.cur to the first document a lead cursor stands on, and
// returns it, or nil at the end.
func (s *headSearcher) first() index.IndexInternalID {
	var first index.IndexInternalID
	for _, c := range s.lead {
		if c.at != nil && (first == nil || bytes.Compare(c.at.ID, first) < 0) {
			first = c.at.ID
		}
	}
	if first == nil {
		return nil
	}
	s.cur = append(s.cur[:0], first...)
	return s.cur
}

// accept returns the first document from id on that the filter accepts:
// id itself when it does, nil when there is none.
func (s *headSearcher) accept(ctx *bsearch.SearchContext, id index.IndexInternalID) (index.IndexInternalID, error) {
	if s.filter == nil {
		return id, nil
	}
	var err error
	switch {
	case s.filterDone:
		return nil, nil
	case s.accepted == nil:
		s.accepted, err = s.filter.Advance(ctx, id)
	case s.accepted.IndexInternalID.Compare(id) < 0:
		ctx.DocumentMatchPool.Put(s.accepted)
		s.accepted, err = s.filter.Advance(ctx, id)
	}
	if err != nil || s.accepted == nil {
		s.filterDone = err == nil
		return nil, err
	}
	return s.accepted.IndexInternalID, nil
}

// Close implements bsearch.Searcher.
func (s *headSearcher) Close() error {
	var first error
	if s.filter != nil {
		first = s.filter.Close()
	}
	for _, p := range s.phrases {
		if err := p.close(); err != nil && first == nil {
			first = err
		}
	}
	for _, cs := range [][]*cursor{s.lead, s.follow, s.text} {
		for _, c := range cs {
			if err := c.tfr.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// Weight, SetQueryNorm, Count, Min, Size and DocumentMatchPoolSize
// implement bsearch.Searcher. The score needs no query norm: it is only
// compared within one tier of one query.
func (s *headSearcher) Weight() float64      { return 1 }
func (s *headSearcher) SetQueryNorm(float64) {}
func (s *headSearcher) Count() uint64        { return s.docs }
func (s *headSearcher) Min() int             { return 0 }
func (s *headSearcher) Size() int            { return 64 * (1 + len(s.lead) + len(s.follow) + len(s.text)) }
func (s *headSearcher) DocumentMatchPoolSize() int {
	if s.filter != nil {
		return 2 + s.filter.DocumentMatchPoolSize()
	}
	return 1
}
