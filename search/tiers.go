package search

import (
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
)

// termsOnly reports whether every clause is a single term (no phrase, no
// alternatives), so that bleve can count matches with bitmaps.
func (p plan) termsOnly() bool {
	for _, c := range p.clauses {
		if _, ok := c.single(); !ok || c.alts != nil {
			return false
		}
	}
	return true
}

// tokens returns the distinct tokens of the positive clauses.
func (p plan) tokens() []string {
	var out []string
	for _, c := range p.clauses {
		for _, tok := range c.terms() {
			if !slices.Contains(out, tok) {
				out = append(out, tok)
			}
		}
	}
	return out
}

// tier says which matches a query selects. Title and heading matches rank
// above body-only matches: they are a tier of their own, ranked first.
// It is cheaper to rank than all matches together: it is driven by the
// short headline postings, and when it fills the page, the other matches
// need only be counted. When it does not, the body-only matches are the
// best of all matches that the headline tier does not hold: fewer than a
// page of them, so ranking a page more beats excluding the headline
// matches one by one.
type tier int

const (
	tierHeadline tier = iota // matches with a query token in the headline
	tierAll                  // every match
)

// query builds the bleve query for mode m and tier t, of which the caller
// keeps the best depth matches. The plan must have clauses.
func (p plan) query(m mode, t tier, depth int) query.Query {
	if t == tierHeadline {
		return p.headlineTier(m, depth)
	}
	return p.combine(p.base(m))
}

// combine is the conjunction of must, without p's exclusions.
func (p plan) combine(must []query.Query) query.Query {
	var q query.Query = query.NewConjunctionQuery(must)
	if len(must) == 1 {
		q = must[0] // bleve would wrap even one query in a conjunction
	}
	if len(p.mustNot) == 0 {
		return q
	}
	bq := query.NewBooleanQuery(nil, nil, p.mustNot)
	bq.Must = q
	return bq
}

// lazyQuery is query(modeAll, tierAll, depth) with the positions of
// phrases read lazily (lazyPhrases); counted receives the number of
// matches.
func (p plan) lazyQuery(depth int, numbers uint64) (q query.Query, counted *phraseCount) {
	loose, phrases := p.loose()
	counted = &phraseCount{}
	return &lazyPhrases{q: p.combine(append(loose, p.must...)), phrases: phrases, depth: depth,
		numbers: numbers, counted: counted}, counted
}

// lazyFrom is the number of documents with the words of a query's
// phrases from which its positions are read lazily: below it, reading
// them in every such document while going through them costs less.
const lazyFrom = 4 * countExactly

// hasPhrase reports whether a clause needs positions.
func (p plan) hasPhrase() bool {
	return slices.ContainsFunc(p.clauses, clause.positional)
}

// fewest returns the number of documents with the rarest word of the
// clauses, which bounds the matches; the snapshot knows them (weigh).
func (p plan) fewest(s *snapshot) uint64 {
	n := s.docs
	for _, c := range p.clauses {
		for _, tok := range c.flat() {
			if df, ok := s.dfs[tok]; ok {
				n = min(n, df)
			}
		}
	}
	return n
}

// headlineTier selects matches with a query token in the headline, scored
// by the headline (headQuery). The short headline postings drive the
// search; the clauses, when a headline match does not imply them, are an
// unscored filter that bleve evaluates as a bitmap.
func (p plan) headlineTier(m mode, depth int) query.Query {
	head := &headQuery{units: p.units, text: m == modeAny}
	if !p.impliedByHeadline(m) {
		pos := p.positive(m)
		if m == modeAll {
			pos, head.phrases = p.loose()
		}
		head.filter = query.NewConjunctionQuery(pos)
		if len(pos) == 1 {
			head.filter = pos[0]
		}
	}
	if len(p.must) == 0 && len(p.mustNot) == 0 {
		head.depth = depth // every match it returns is a hit
		return head
	}
	return query.NewBooleanQuery(append([]query.Query{head}, p.must...), nil, p.mustNot)
}

// loose returns the clauses matching their words in any order, and the
// phrases among them, whose positions are then checked at each candidate.
func (p plan) loose() ([]query.Query, []clause) {
	qs := make([]query.Query, 0, len(p.clauses))
	var phrases []clause
	for _, c := range p.clauses {
		qs = append(qs, c.loose())
		if c.positional() {
			phrases = append(phrases, c)
		}
	}
	return qs, phrases
}

// impliedByHeadline reports whether a headline match of any token implies
// the clauses: the headline's words are in the text too, so this holds when
// every clause is one token (or its fuzzy alternatives) and one clause is
// enough.
func (p plan) impliedByHeadline(m mode) bool {
	if m == modeAll && len(p.clauses) > 1 {
		return false
	}
	for _, c := range p.clauses {
		if len(c.flat()) != 1 {
			return false
		}
	}
	return true
}

// base is what every match has: the clauses and the filters.
func (p plan) base(m mode) []query.Query {
	return append(p.positive(m), p.must...)
}

// positive is the clauses: all of them, or in modeAny their disjunction.
func (p plan) positive(m mode) []query.Query {
	pos := make([]query.Query, 0, len(p.clauses)+len(p.must))
	for _, c := range p.clauses {
		pos = append(pos, c.query())
	}
	if len(pos) > 1 && m == modeAny {
		pos = []query.Query{query.NewDisjunctionQuery(pos)}
	}
	return pos
}

// weigh sets p.units: the words of the positive clauses, each with the
// indexed terms that stand for it and its inverse document frequency.
func (p *plan) weigh(ctx context.Context, s *snapshot) error {
	p.units = nil
	seen := map[string]bool{}
	for _, c := range p.clauses {
		for i, tok := range c.flat() {
			terms := []string{tok}
			if c.alts != nil {
				terms = c.alts[i]
			}
			if c.whole != "" {
				terms = append(slices.Clone(terms), c.whole)
			}
			if seen[terms[0]] {
				continue
			}
			seen[terms[0]] = true
			df, err := s.df(ctx, terms[0])
			if err != nil {
				return err
			}
			p.units = append(p.units, unit{terms: terms, weight: 1 + math.Log(float64(s.docs+1)/float64(df+1))})
		}
	}
	return nil
}
