package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// maxPhraseTokens caps the positions of one phrase (a long word like
// "a/b/c/d/..." is a phrase too).
const maxPhraseTokens = 12

// filterBoost keeps filter terms (tag:, owner:, path:) from changing the
// ranking: they are in the conjunction only so that bleve can skip through
// the rarer of the filter and the words.
const filterBoost = 1e-6

// mode says how the positive clauses of a plan combine.
type mode int

const (
	modeAll mode = iota // every clause must match
	modeAny             // at least one clause must match
)

// clause is one word or phrase after analysis: the stemmed tokens by
// position (a gap stands for a removed stop word).
type clause struct {
	src    int // index of the term it came from
	tokens [][]string
	// whole is set when the clause is one identifier that the analyzer
	// split ("KubePodCrashLooping"): the clause then matches the whole
	// or its parts as a phrase, so "PrometheusRemoteWriteBehind" finds
	// the title "Prometheus Remote Write Behind".
	whole string
	// alts, when a token is not in the index, lists for each token of
	// flat() the indexed terms that stand for it (itself when indexed, else
	// the nearest ones); the clause then matches them anywhere.
	alts [][]string
}

// plan is a parsed query turned into analysed clauses and bleve filters.
type plan struct {
	terms   []term
	clauses []clause
	must    []query.Query // filters that must hold
	mustNot []query.Query
	units   []unit // the words as the headline tier scores them: see weigh
}

// newPlan analyses terms. Words and phrases without tokens are dropped.
func (x *Index) newPlan(terms []term) plan {
	p := plan{terms: terms}
	var owners, paths []query.Query
	for i, t := range terms {
		var q query.Query
		switch t.op {
		case opWord, opPhrase:
			c, ok := x.analyze(i, t.text)
			if !ok {
				continue
			}
			if !t.neg {
				p.clauses = append(p.clauses, c)
				continue
			}
			q = c.query()
		case opTag:
			q = termQuery(fTags, x.keyword(t.text), filterBoost)
		case opOwner:
			q = termQuery(fOwner, x.keyword(t.text), filterBoost)
			if !t.neg {
				owners = append(owners, q)
				continue
			}
		case opPath:
			q = pathQuery(x.keyword(t.text))
			if !t.neg {
				paths = append(paths, q)
				continue
			}
		}
		if t.neg {
			p.mustNot = append(p.mustNot, q)
		} else {
			p.must = append(p.must, q)
		}
	}
	p.must = appendAny(p.must, owners)
	p.must = appendAny(p.must, paths)
	return p
}

// appendAny appends the disjunction of qs, if any, to must.
func appendAny(must, qs []query.Query) []query.Query {
	switch len(qs) {
	case 0:
		return must
	case 1:
		return append(must, qs[0])
	}
	return append(must, query.NewDisjunctionQuery(qs))
}

// analyze runs the text analyzer over text. The whole of a split
// identifier is left out of the positions (the phrase is its parts), and
// kept as c.whole when it is the whole clause.
func (x *Index) analyze(src int, text string) (clause, bool) {
	c := clause{src: src}
	toks := x.text.Analyze([]byte(text))
	first := -1
	for i, tok := range toks {
		if spansOthers(toks, i) {
			if tok.Start == toks[0].Start && tok.End >= toks[len(toks)-1].End {
				c.whole = string(tok.Term)
			}
			continue
		}
		if first < 0 {
			first = tok.Position
		}
		pos := tok.Position - first
		if pos >= maxPhraseTokens {
			break
		}
		for len(c.tokens) <= pos {
			c.tokens = append(c.tokens, nil)
		}
		c.tokens[pos] = append(c.tokens[pos], string(tok.Term))
	}
	if len(c.tokens) == 0 && c.whole != "" {
		c.tokens, c.whole = [][]string{{c.whole}}, ""
	}
	return c, len(c.tokens) > 0
}

// spansOthers reports whether toks[i] holds other tokens of toks: it is an
// identifier that identFilter split.
func spansOthers(toks analysis.TokenStream, i int) bool {
	t := toks[i]
	for j, o := range toks {
		if j != i && o.Start >= t.Start && o.End <= t.End && o.End-o.Start < t.End-t.Start {
			return true
		}
	}
	return false
}

// keyword normalises a filter value the way the keyword fields were.
func (x *Index) keyword(v string) string {
	toks := x.kw.Analyze([]byte(v))
	if len(toks) == 0 {
		return v
	}
	return string(toks[0].Term)
}

// single returns the only token of a one-word clause.
func (c clause) single() (string, bool) {
	if len(c.tokens) == 1 && len(c.tokens[0]) == 1 && c.whole == "" {
		return c.tokens[0][0], true
	}
	return "", false
}

// query matches the clause in the text field: a term, a phrase by
// positions, or a split identifier whole or as the phrase of its parts.
func (c clause) query() query.Query {
	if c.alts != nil {
		return c.altsQuery()
	}
	if tok, ok := c.single(); ok {
		return termQuery(fText, tok, 1)
	}
	var q query.Query = newPhraseQuery(fText, c.tokens)
	if flat := c.flat(); len(flat) == 1 {
		q = termQuery(fText, flat[0], 1)
	}
	if c.whole == "" {
		return q
	}
	return query.NewDisjunctionQuery([]query.Query{termQuery(fText, c.whole, 1), q})
}

// flat returns the clause's tokens in order.
func (c clause) flat() []string {
	var out []string
	for _, pos := range c.tokens {
		out = append(out, pos...)
	}
	return out
}

// terms returns the indexed terms the clause looks for: its tokens and
// whole, or their alternatives.
func (c clause) terms() []string {
	if c.alts == nil {
		if c.whole != "" {
			return append(c.flat(), c.whole)
		}
		return c.flat()
	}
	var out []string
	for _, alts := range c.alts {
		out = append(out, alts...)
	}
	return out
}

// altsQuery matches, for every token, one of its alternatives (never
// none: bleve's boolean query would take a must-match-none as no must).
func (c clause) altsQuery() query.Query {
	qs := make([]query.Query, 0, len(c.alts))
	for _, alts := range c.alts {
		or := make([]query.Query, len(alts))
		for i, a := range alts {
			or[i] = termQuery(fText, a, 1)
		}
		qs = append(qs, query.NewDisjunctionQuery(or))
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// fuzziness allows one typo in words of 3 to 5 letters, two in longer ones,
// none in tokens too long to be words (pasted hashes, URLs).
func fuzziness(tok string) int {
	switch n := utf8.RuneCountInString(tok); {
	case n < 3 || n > 30:
		return 0
	case n < 6:
		return 1
	default:
		return 2
	}
}

func termQuery(field, tok string, boost float64) query.Query {
	q := query.NewTermQuery(tok)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// pathQuery matches the page p and everything under p/.
func pathQuery(p string) query.Query {
	return termQuery(fUnder, p, filterBoost)
}
