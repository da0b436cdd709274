package search

import (
	"cmp"
	"context"
	"slices"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// Limits of the fuzzy retry.
const (
	maxCorrections  = 8 // query words DidYouMean corrects
	maxAlternatives = 3 // indexed terms tried for one typed token
)

// fuzzyOutcome retries p with each token replaced by the indexed terms
// nearest to it (edit distance 1 for tokens of 3-5 letters, 2 for longer
// ones), and spells the best of them as DidYouMean. Retrying with a few
// exact terms, not bleve's fuzzy query over every term in reach, keeps the
// retry cheap and its hits consistent with the suggestion.
func (x *Index) fuzzyOutcome(ctx context.Context, p plan, depth int) (*outcome, error) {
	fp, fixes, err := x.fuzzed(ctx, p)
	if err != nil {
		return nil, err
	}
	o, err := x.rankModes(ctx, fp, depth)
	if err != nil {
		return nil, err
	}
	o.fuzzy = o.total > 0
	if len(fixes) > 0 {
		terms := slices.Clone(p.terms)
		for i, word := range fixes {
			terms[i].text = word
		}
		o.dym = formatQuery(terms)
	}
	return o, nil
}

// fuzzed returns p with alternatives for every token, and the corrected
// spelling of each plain word that has a better one, by term index.
func (x *Index) fuzzed(ctx context.Context, p plan) (plan, map[int]string, error) {
	r, err := x.reader()
	if err != nil {
		return p, nil, err
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return p, nil, nil
	}
	fp := p
	fp.clauses = nil
	fixes := map[int]string{}
	for i, c := range p.clauses {
		ok, err := x.fuzzClause(ctx, r, fr, &c)
		if err != nil {
			return p, nil, err
		}
		if !ok {
			continue // a token with nothing near it: drop the clause
		}
		fp.clauses = append(fp.clauses, c)
		tok, single := c.single()
		if single && i < maxCorrections && p.terms[c.src].op == opWord && c.alts[0][0] != tok {
			if fixes[c.src], err = x.surface(ctx, r, c.alts[0][0]); err != nil {
				return p, nil, err
			}
		}
	}
	return fp, fixes, nil
}

// fuzzClause sets c.alts; ok is false when a token has no alternative.
func (x *Index) fuzzClause(ctx context.Context, r index.IndexReader, fr index.IndexReaderFuzzy, c *clause) (ok bool, err error) {
	c.alts = nil
	for _, tok := range c.flat() {
		alts, err := nearest(ctx, r, fr, tok)
		if err != nil || len(alts) == 0 {
			return false, err
		}
		c.alts = append(c.alts, alts)
	}
	return true, nil
}

// nearest returns up to maxAlternatives indexed terms of the text field at
// the smallest edit distance from tok (a swap of two letters counts as one
// edit), the most frequent first; just tok when it is indexed or too short
// to correct.
func nearest(ctx context.Context, r index.IndexReader, fr index.IndexReaderFuzzy, tok string) ([]string, error) {
	if fuzziness(tok) == 0 {
		return []string{tok}, nil
	}
	terms, dist, err := nearestTerms(fr, tok)
	if err != nil || len(terms) == 0 || dist == 0 {
		return terms[:min(len(terms), 1)], err
	}
	counts := map[string]uint64{}
	for _, term := range terms {
		// Fuzzy dictionaries omit counts: ask the postings.
		tfr, err := r.TermFieldReader(ctx, []byte(term), fText, false, false, false)
		if err != nil {
			return nil, err
		}
		counts[term] = tfr.Count()
		if err := tfr.Close(); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(terms, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	return terms[:min(len(terms), maxAlternatives)], nil
}

// nearestTerms lists the indexed terms at the smallest distance from tok,
// at most fuzziness(tok). The dictionary counts a swap as two edits, so it
// is asked for one more than we allow.
func nearestTerms(fr index.IndexReaderFuzzy, tok string) ([]string, int, error) {
	n := fuzziness(tok)
	dict, err := fr.FieldDictFuzzy(fText, tok, min(n+1, 2), "")
	if err != nil {
		return nil, 0, err
	}
	defer dict.Close()
	var terms []string
	best := -1
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return terms, best, err
		}
		switch d := editDistance(tok, e.Term); {
		case d > n:
		case best < 0 || d < best:
			terms, best = []string{e.Term}, d
		case d == best && len(terms) < 16:
			terms = append(terms, e.Term)
		}
	}
}

// surface returns how term (a stem) is written in the first document that
// has it, so that DidYouMean shows "database", not "databas". It falls
// back to term.
func (x *Index) surface(ctx context.Context, r index.IndexReader, term string) (string, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fText, false, false, false)
	if err != nil {
		return term, err
	}
	defer tfr.Close()
	td, err := tfr.Next(nil)
	if err != nil || td == nil {
		return term, err
	}
	id, err := r.ExternalID(td.ID)
	if err != nil {
		return term, err
	}
	doc, err := r.Document(id)
	if err != nil || doc == nil {
		return term, err
	}
	hit, body := toHit(doc)
	h := x.newHighlighter([]string{term})
	for _, text := range []string{hit.Title, hit.Heading, body} {
		if m := h.marks(text); len(m) > 0 {
			return strings.ToLower(text[m[0].start:m[0].end]), nil
		}
	}
	return term, nil
}

// editDistance is the optimal string alignment distance between a and b
// in runes: insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
