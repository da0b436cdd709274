package search

import (
	"context"
	"fmt"
	"html/template"
	"time"
)

// Paging limits.
const (
	defaultLimit = 20
	maxLimit     = 100
	maxOffset    = 1000
	// maxScan is how many ranked hits a filtered search checks at most.
	maxScan = 1000
)

// Query is one search request.
type Query struct {
	Text   string // user input in the query language of the package doc
	Limit  int    // hits per page: 0 means 20, at most 100
	Offset int    // hits to skip, at most 1000
	// Filter, if set, keeps only hits whose page path (Doc.Path) it
	// returns true for: access rights. Total and paging count kept hits
	// only. It is called from the searching goroutine.
	Filter func(path string) bool
}

// Results is one page of hits.
type Results struct {
	Total int // hits in all pages
	// TotalEstimated is set when Total is about right ("about N"): when
	// the matches were too many to count one by one, or when a Filter was
	// given and not every hit was checked (Total then extrapolates the
	// share of kept hits).
	TotalEstimated bool
	Hits           []Hit
	DidYouMean     string // a corrected query when the original found nothing
	Fuzzy          bool   // the hits come from the fuzzy retry
	Took           time.Duration
}

// Hit is one matching page or section, with the fields of its Doc.
type Hit struct {
	ID, Kind, Path, Title, Section, Heading string
	// Snippet is HTML-escaped text with <mark> around the matched words,
	// safe to use in a template as is.
	Snippet template.HTML
	Score   float64 // relevance; comparable within one Results only
	Tags    []string
	Owner   string
	Updated time.Time
}

// page is the normalised paging and filter of a Query.
type page struct {
	limit, offset int
	filter        func(string) bool
}

func newPage(q Query) page {
	pg := page{limit: q.Limit, offset: q.Offset, filter: q.Filter}
	if pg.limit <= 0 {
		pg.limit = defaultLimit
	}
	pg.limit = min(pg.limit, maxLimit)
	pg.offset = min(max(pg.offset, 0), maxOffset)
	return pg
}

// Search runs q. Any text is valid: a query of filters alone lists the
// pages that pass them (list); one without words, phrases or filters gives
// empty results. Errors come only from the index (closed, corrupt) or ctx.
func (x *Index) Search(ctx context.Context, q Query) (_ *Results, err error) {
	defer noFault()()
	defer recoverDamaged(x.dir, &err)
	start := time.Now()
	p := x.newPlan(parseQuery(q.Text))
	res := &Results{Hits: []Hit{}}
	switch {
	case len(p.clauses) > 0:
		res, err = x.search(ctx, p, newPage(q))
	case len(p.must) > 0:
		res, err = x.list(ctx, p, newPage(q))
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", clip(q.Text, 100), err)
	}
	res.Took = time.Since(start)
	return res, nil
}

func (x *Index) search(ctx context.Context, p plan, pg page) (*Results, error) {
	sel, err := x.selectPage(ctx, p, pg)
	if err != nil {
		return nil, err
	}
	hits, err := x.loadHits(ctx, sel.page, x.newHighlighter(sel.o.stems))
	if err != nil {
		return nil, err
	}
	return &Results{
		Total:          sel.total,
		TotalEstimated: sel.estimated,
		Hits:           hits,
		DidYouMean:     sel.o.dym,
		Fuzzy:          sel.o.fuzzy,
	}, nil
}

// selection is the page of hits a query asked for.
type selection struct {
	o         *outcome
	page      []ranked
	total     int
	estimated bool
}

// selectPage ranks p and cuts out pg. With a filter it keeps only allowed
// hits, ranking deeper until it has enough for the page, has seen every
// hit, or has looked at maxScan hits.
func (x *Index) selectPage(ctx context.Context, p plan, pg page) (selection, error) {
	want := pg.offset + pg.limit
	if pg.filter == nil {
		o, err := x.outcome(ctx, p, want)
		if err != nil {
			return selection{}, err
		}
		return selection{o: o, page: cut(o.hits, pg.offset, want), total: o.total, estimated: o.estimated}, nil
	}
	for depth := min(max(want+want/2, 30), maxScan); ; depth = min(4*depth, maxScan) {
		o, err := x.outcome(ctx, p, depth)
		if err != nil {
			return selection{}, err
		}
		seen := min(len(o.hits), depth)
		kept := allowed(o.hits[:seen], pg.filter)
		if len(kept) >= want || seen >= o.total || depth >= maxScan {
			total, est := estimate(len(kept), seen, o.total)
			return selection{o: o, page: cut(kept, pg.offset, want), total: total, estimated: est || o.estimated}, nil
		}
	}
}

// cut returns hits[from:to], clamped to the slice.
func cut(hits []ranked, from, to int) []ranked {
	return hits[min(from, len(hits)):min(to, len(hits))]
}

// allowed keeps the hits whose path filter accepts.
func allowed(hits []ranked, filter func(string) bool) []ranked {
	var kept []ranked
	for _, rk := range hits {
		if filter(rk.path) {
			kept = append(kept, rk)
		}
	}
	return kept
}

// estimate extrapolates the kept share of the seen hits to all of them;
// est is false when every hit was seen and the total is exact.
func estimate(kept, seen, total int) (n int, est bool) {
	if seen >= total || seen == 0 {
		return kept, false
	}
	rest := float64(total-seen) * float64(kept) / float64(seen)
	return kept + int(rest+0.5), true
}
