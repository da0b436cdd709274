package search

import (
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
// Each tier is cheaper to rank than all matches together: the headline
// tier is driven by the short headline postings, and when it fills the
// page, the other matches need only be counted.
type tier int

const (
	tierHeadline tier = iota // matches with a query token in the headline
	tierBody                 // the other matches
	tierAll                  // every match: for counting
)

// query builds the bleve query for mode m and tier t. The plan must have
// clauses.
func (p plan) query(m mode, t tier) query.Query {
	if t == tierHeadline {
		return p.headlineTier(m)
	}
	must := p.base(m)
	mustNot := p.mustNot
	if t == tierBody {
		mustNot = append(slices.Clone(mustNot), p.headline())
	}
	var q query.Query = query.NewConjunctionQuery(must)
	if len(must) == 1 {
		q = must[0] // bleve would wrap even one query in a conjunction
	}
	if len(mustNot) == 0 {
		return q
	}
	bq := query.NewBooleanQuery(nil, nil, mustNot)
	bq.Must = q
	return bq
}

// headlineTier selects matches with a query token in the headline, scored
// by the headline alone: title and heading matches rank by how well the
// title or heading matches. The short headline postings drive the search;
// the clauses, when a headline match does not imply them, are an unscored
// filter that bleve evaluates as a bitmap.
func (p plan) headlineTier(m mode) query.Query {
	bq := query.NewBooleanQuery(append([]query.Query{p.headline()}, p.must...), nil, p.mustNot)
	if !p.impliedByHeadline(m) {
		pos := p.positive(m)
		bq.Filter = query.NewConjunctionQuery(pos)
		if len(pos) == 1 {
			bq.Filter = pos[0]
		}
	}
	return bq
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

// headline matches any token of the clauses in a page doc's title or a
// section doc's heading: the "headline". Both fields are short, so their
// postings are too.
func (p plan) headline() query.Query {
	toks := p.tokens()
	qs := make([]query.Query, 0, 2*len(toks))
	for _, tok := range toks {
		qs = append(qs, termQuery(fTitle, tok, titleBoost), termQuery(fHeading, tok, headingBoost))
	}
	return query.NewDisjunctionQuery(qs)
}
