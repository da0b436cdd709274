package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// list answers a query of filters alone ("tag:runbook", "owner:alex
// path:ops/"): with no words to rank by, it lists the pages that pass the
// filters by title, like a tag page. With an access filter it checks up to
// maxScan pages and extrapolates the total past them.
func (x *Index) list(ctx context.Context, p plan, pg page) (*Results, error) {
	must := append([]query.Query{termQuery(fKind, KindPage, 0)}, p.must...)
	size := pg.offset + pg.limit
	if pg.filter != nil {
		size = maxScan
	}
	req := bleve.NewSearchRequestOptions(query.NewBooleanQuery(must, nil, p.mustNot), size, 0, false)
	req.Fields = []string{fPath}
	req.SortBy([]string{fTitleKey, "_id"})
	sr, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var allowed []ranked
	for _, dm := range sr.Hits {
		path := str(dm.Fields[fPath])
		if pg.filter == nil || pg.filter(path) {
			allowed = append(allowed, ranked{id: dm.ID, path: path})
		}
	}
	total, estimated := int(sr.Total), false
	if pg.filter != nil {
		total = len(allowed)
		if seen := len(sr.Hits); uint64(seen) < sr.Total && seen > 0 {
			total, estimated = int(uint64(len(allowed))*sr.Total/uint64(seen)), true
		}
	}
	hits, err := x.loadHits(ctx, cut(allowed, pg.offset, pg.offset+pg.limit), x.newHighlighter(nil))
	if err != nil {
		return nil, err
	}
	return &Results{Total: total, TotalEstimated: estimated, Hits: hits}, nil
}
