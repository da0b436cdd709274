package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Typeahead limits.
const (
	defaultSuggestions = 10
	maxSuggestions     = 50
	maxSuggestBytes    = 100
	maxSuggestWords    = 6
	// maxExpansions is how many indexed words one typed word prefix stands
	// for (the most frequent ones), so that "d" costs no more than "data".
	maxExpansions = 32
	// maxDictScan bounds the term dictionary entries read per lookup.
	maxDictScan = 5000
)

// Suggestion is one typeahead entry: a page.
type Suggestion struct {
	Path, Title string
}

// Suggest returns pages for a title typeahead: first titles that start with
// prefix, alphabetically, then titles with a word starting with each typed
// word, best first. limit is 10 when 0, at most 50. It reads page docs only
// and never stems, and is cheap enough for every keystroke.
func (x *Index) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	return x.SuggestFiltered(ctx, prefix, limit, nil)
}

// SuggestFiltered is Suggest keeping only pages whose path filter allows
// (access rights); filter may be nil.
func (x *Index) SuggestFiltered(ctx context.Context, prefix string, limit int, filter func(path string) bool) (_ []Suggestion, err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	if limit <= 0 {
		limit = defaultSuggestions
	}
	s := &suggestions{limit: min(limit, maxSuggestions), filter: filter, seen: map[string]bool{}}
	prefix = strings.TrimLeftFunc(clip(strings.ToValidUTF8(prefix, ""), maxSuggestBytes), unicode.IsSpace)
	if prefix == "" {
		return s.list, nil
	}
	if err := x.titlesStarting(ctx, prefix, s); err != nil {
		return nil, fmt.Errorf("suggest %q: %w", prefix, err)
	}
	if err := x.titlesWithWords(ctx, prefix, s); err != nil {
		return nil, fmt.Errorf("suggest %q: %w", prefix, err)
	}
	return s.list, nil
}

// suggestions collects up to limit allowed, distinct pages.
type suggestions struct {
	list   []Suggestion
	limit  int
	filter func(string) bool
	seen   map[string]bool
}

func (s *suggestions) full() bool { return len(s.list) >= s.limit }

func (s *suggestions) add(path, title string) {
	if s.full() || s.seen[path] || (s.filter != nil && !s.filter(path)) {
		return
	}
	s.seen[path] = true
	s.list = append(s.list, Suggestion{Path: path, Title: title})
}

// titlesStarting adds pages whose whole title starts with prefix, reading
// the title_key term dictionary in order: no query, no scoring.
func (x *Index) titlesStarting(ctx context.Context, prefix string, s *suggestions) error {
	r, err := x.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	dict, err := r.FieldDictPrefix(fTitleKey, []byte(x.keyword(prefix)))
	if err != nil {
		return err
	}
	defer dict.Close()
	for n := 0; !s.full() && n < maxDictScan; n++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			return err
		}
		if err := addTermDocs(ctx, r, e.Term, s); err != nil {
			return err
		}
	}
	return nil
}

// addTermDocs adds the pages whose title_key is term.
func addTermDocs(ctx context.Context, r index.IndexReader, term string, s *suggestions) error {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fTitleKey, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	sr := newStoredReader(r)
	for !s.full() {
		td, err := tfr.Next(nil)
		if err != nil || td == nil {
			return err
		}
		id, err := r.ExternalID(td.ID)
		if err != nil {
			return err
		}
		h, _, err := loadHit(sr, td.ID, id)
		if err != nil {
			return err
		}
		s.add(h.Path, h.Title)
	}
	return nil
}

// titlesWithWords adds pages with a title word starting with each typed
// word, in any order ("fail data" finds "Database failover").
func (x *Index) titlesWithWords(ctx context.Context, prefix string, s *suggestions) error {
	if s.full() {
		return nil
	}
	q, err := x.wordsQuery(prefix)
	if err != nil || q == nil {
		return err
	}
	size := 2 * s.limit
	if s.filter != nil {
		size = 4 * s.limit // some will be filtered out
	}
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.Fields = []string{fPath, fTitle}
	req.SortBy([]string{"-_score", fTitleKey}) // ties in title order, not index order
	sr, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	for _, dm := range sr.Hits {
		s.add(str(dm.Fields[fPath]), str(dm.Fields[fTitle]))
	}
	return nil
}

// wordsQuery matches every typed word as a prefix of a title word; nil when
// a word matches nothing.
func (x *Index) wordsQuery(prefix string) (query.Query, error) {
	r, err := x.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	toks := x.word.Analyze([]byte(prefix))
	var must []query.Query
	for i, t := range toks {
		if i == maxSuggestWords {
			break
		}
		terms, err := expand(r, string(t.Term))
		if err != nil || len(terms) == 0 {
			return nil, err
		}
		alts := make([]query.Query, len(terms))
		for j, term := range terms {
			alts[j] = termQuery(fSuggest, term, 1)
		}
		must = append(must, query.NewDisjunctionQuery(alts))
	}
	if len(must) == 0 {
		return nil, nil
	}
	return query.NewConjunctionQuery(must), nil
}

// expand returns the most frequent title words starting with w.
func expand(r index.IndexReader, w string) ([]string, error) {
	dict, err := r.FieldDictPrefix(fSuggest, []byte(w))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var all []index.DictEntry
	for n := 0; n < maxDictScan; n++ {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		all = append(all, *e)
	}
	slices.SortStableFunc(all, func(a, b index.DictEntry) int { return cmp.Compare(b.Count, a.Count) })
	terms := make([]string, 0, min(len(all), maxExpansions))
	for _, e := range all[:min(len(all), maxExpansions)] {
		terms = append(terms, e.Term)
	}
	return terms, nil
}

// str returns a stored text field loaded through SearchRequest.Fields.
func str(v any) string {
	s, _ := v.(string)
	return s
}
