package search

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// positional reports whether the clause needs word positions to match: a
// phrase, not a word or words corrected to their nearest terms.
func (c clause) positional() bool { return c.alts == nil && len(c.flat()) > 1 }

// loose matches the clause's words anywhere, in any order: what a
// document needs before its positions are worth reading.
func (c clause) loose() query.Query {
	if !c.positional() {
		return c.query()
	}
	var qs []query.Query
	var seen []string
	for _, tok := range c.flat() {
		if !slices.Contains(seen, tok) {
			seen = append(seen, tok)
			qs = append(qs, termQuery(fText, tok, 1))
		}
	}
	var q query.Query = query.NewConjunctionQuery(qs)
	if len(qs) == 1 {
		q = qs[0]
	}
	if c.whole == "" {
		return q
	}
	return query.NewDisjunctionQuery([]query.Query{termQuery(fText, c.whole, 1), q})
}

// phraseCheck tells whether a phrase clause holds in a given document,
// reading the positions of its words in that document only. (A searcher
// of the phrase would read them in every document with the words until
// the next one with the phrase: in the headline tier, where a few
// candidates are checked, most of that is wasted.)
type phraseCheck struct {
	slots []string  // as in phraseQuery
	words []*cursor // one per distinct token, with positions, as in tokens
	toks  []string
	whole *cursor // the whole identifier, or nil
}

// newPhraseCheck checks the slots (as in phraseQuery) in field, or
// whole, if not "", anywhere in it.
func newPhraseCheck(ctx context.Context, r index.IndexReader, field string, slots []string, whole string) (*phraseCheck, error) {
	p := &phraseCheck{slots: slots}
	for _, tok := range p.slots {
		if tok == "" || slices.Contains(p.toks, tok) {
			continue
		}
		cur, err := openCursor(ctx, r, field, tok, true)
		if err != nil {
			_ = p.close()
			return nil, err
		}
		p.toks, p.words = append(p.toks, tok), append(p.words, cur)
	}
	if whole != "" {
		var err error
		if p.whole, err = openCursor(ctx, r, field, whole, false); err != nil {
			_ = p.close()
			return nil, err
		}
	}
	return p, nil
}

// clauseCheck checks a phrase clause in the text.
func clauseCheck(ctx context.Context, r index.IndexReader, c clause) (*phraseCheck, error) {
	return newPhraseCheck(ctx, r, fText, newPhraseQuery(fText, c.tokens).slots, c.whole)
}

// holds reports whether the document id has the phrase (or the whole
// identifier). Calls must come in increasing id order.
func (p *phraseCheck) holds(id index.IndexInternalID) (bool, error) {
	if p.whole != nil {
		if err := p.whole.advance(id); err != nil || p.whole.on(id) {
			return err == nil, err
		}
	}
	for _, c := range p.words {
		if err := c.advance(id); err != nil || !c.on(id) {
			return false, err
		}
	}
	for _, first := range p.word(p.slots[0]).at.Vectors {
		if p.followed(first) {
			return true, nil
		}
	}
	return false, nil
}

func (p *phraseCheck) word(tok string) *cursor { return p.words[slices.Index(p.toks, tok)] }

// followed reports whether the other slots follow first in its value of
// the field.
func (p *phraseCheck) followed(first *index.TermFieldVector) bool {
	for k, tok := range p.slots[1:] {
		if tok == "" {
			continue
		}
		pos := first.Pos + uint64(k+1)
		if !slices.ContainsFunc(p.word(tok).at.Vectors, func(v *index.TermFieldVector) bool {
			return v.Pos == pos && slices.Equal(v.ArrayPositions, first.ArrayPositions)
		}) {
			return false
		}
	}
	return true
}

func (p *phraseCheck) close() error {
	var first error
	for _, c := range append(slices.Clone(p.words), p.whole) {
		if c != nil {
			if err := c.tfr.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}
