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

// correct gives every clause with a word that no document has the
// indexed terms nearest to that word instead (edit distance 1 for tokens
// of 3-5 letters, 2 for longer ones), so that one typo does not lose the
// word: "alertmanger config inconsistent" searches for "alertmanager".
// It returns the corrected spelling of each corrected plain word, by term
// index. A word with nothing near it stays: the any-word ranking drops it.
// Correcting with a few exact terms, not bleve's fuzzy query over every
// term in reach, keeps this cheap and the hits consistent with the
// suggestion.
func (x *Index) correct(ctx context.Context, s *snapshot, p *plan) (map[int]string, error) {
	fixes := map[int]string{}
	for i := range p.clauses {
		c := &p.clauses[i]
		unknown, err := hasUnknown(ctx, s, *c)
		if err != nil || !unknown {
			if err != nil {
				return nil, err
			}
			continue
		}
		fixed := *c
		if ok, err := fuzzClause(ctx, s, &fixed); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		*c = fixed
		if err := x.fix(ctx, s, p, i, fixes); err != nil {
			return nil, err
		}
	}
	return fixes, nil
}

// hasUnknown reports whether c has a token, correctable and not part of
// an indexed identifier, that no document has in its text.
func hasUnknown(ctx context.Context, s *snapshot, c clause) (bool, error) {
	if c.alts != nil {
		return false, nil
	}
	if c.whole != "" {
		if n, err := s.df(ctx, c.whole); err != nil || n > 0 {
			return false, err
		}
	}
	for _, tok := range c.flat() {
		if fuzziness(tok) == 0 {
			continue
		}
		if n, err := s.df(ctx, tok); err != nil || n == 0 {
			return err == nil, err
		}
	}
	return false, nil
}

// fix records in fixes how the clause i of p, a corrected plain word, is
// spelled in the index, unless it is the (maxCorrections+1)th or later.
func (x *Index) fix(ctx context.Context, s *snapshot, p *plan, i int, fixes map[int]string) error {
	c := p.clauses[i]
	tok, single := c.single()
	if !single || i >= maxCorrections || p.terms[c.src].op != opWord || c.alts[0][0] == tok {
		return nil
	}
	var err error
	fixes[c.src], err = x.surface(ctx, s.r, c.alts[0][0])
	return err
}

// didYouMean spells terms with the fixes, or returns "" when there are none.
func didYouMean(terms []term, fixes map[int]string) string {
	if len(fixes) == 0 {
		return ""
	}
	terms = slices.Clone(terms)
	for i, word := range fixes {
		terms[i].text = word
	}
	return formatQuery(terms)
}

// fuzzyOutcome retries p when nothing matched, with every clause matching
// the nearest terms of its tokens anywhere (a phrase no document has
// becomes its words), and clauses with a token that nothing is near
// dropped.
func (x *Index) fuzzyOutcome(ctx context.Context, s *snapshot, p plan, depth int) (*outcome, map[int]string, error) {
	fp, fixes, err := x.fuzzed(ctx, s, p)
	if err != nil || !loosened(p, fp) {
		return &outcome{}, nil, err // the same query again would find nothing again
	}
	o, err := rankModes(ctx, s, fp, depth)
	if err != nil {
		return nil, nil, err
	}
	o.fuzzy = o.total > 0
	return o, fixes, nil
}

// loosened reports whether fp, the fuzzed p, can match more than p: a
// clause was dropped, was a phrase, or has a token with new alternatives.
func loosened(p, fp plan) bool {
	if len(fp.clauses) != len(p.clauses) {
		return true
	}
	for i, c := range p.clauses {
		if c.positional() {
			return true
		}
		for k, tok := range c.flat() {
			was := []string{tok}
			if c.alts != nil {
				was = c.alts[k]
			}
			if !slices.Equal(fp.clauses[i].alts[k], was) {
				return true
			}
		}
	}
	return false
}

// fuzzed returns p with alternatives for every token, and the corrected
// spelling of each plain word that has a better one, by term index.
func (x *Index) fuzzed(ctx context.Context, s *snapshot, p plan) (plan, map[int]string, error) {
	fp := p
	fp.clauses = nil
	fixes := map[int]string{}
	for _, c := range p.clauses {
		if c.alts == nil {
			ok, err := fuzzClause(ctx, s, &c)
			if err != nil {
				return p, nil, err
			}
			if !ok {
				continue // a token with nothing near it: drop the clause
			}
		}
		fp.clauses = append(fp.clauses, c)
		if err := x.fix(ctx, s, &fp, len(fp.clauses)-1, fixes); err != nil {
			return p, nil, err
		}
	}
	return fp, fixes, nil
}

// fuzzClause sets c.alts; ok is false when a token has no alternative.
func fuzzClause(ctx context.Context, s *snapshot, c *clause) (ok bool, err error) {
	c.alts = nil
	for _, tok := range c.flat() {
		alts, err := nearest(ctx, s, tok)
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
// to correct, and nothing when the index cannot look up near terms.
func nearest(ctx context.Context, s *snapshot, tok string) ([]string, error) {
	if n, err := s.df(ctx, tok); err != nil || n > 0 || fuzziness(tok) == 0 {
		return []string{tok}, err
	}
	if terms, ok := s.near[tok]; ok {
		return terms, nil
	}
	fr, ok := s.r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, nil
	}
	terms, err := nearestTerms(fr, tok)
	if err != nil {
		return nil, err
	}
	counts := map[string]uint64{}
	for _, term := range terms {
		// Fuzzy dictionaries omit counts: ask the postings.
		if counts[term], err = s.df(ctx, term); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(terms, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	terms = terms[:min(len(terms), maxAlternatives)]
	s.near[tok] = terms
	return terms, nil
}

// nearestTerms lists the indexed terms at the smallest distance from tok,
// at most fuzziness(tok). The dictionary counts a swap as two edits, so it
// is asked for one more than we allow.
func nearestTerms(fr index.IndexReaderFuzzy, tok string) ([]string, error) {
	n := fuzziness(tok)
	dict, err := fr.FieldDictFuzzy(fText, tok, min(n+1, 2), "")
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var terms []string
	best := -1
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return terms, err
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
	hit, body, err := loadHit(newStoredReader(r), td.ID, id)
	if err != nil {
		return term, err
	}
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
