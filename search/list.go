package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// list answers a query of filters alone ("tag:runbook", "owner:alex
// path:ops/"): with no words to rank by, it lists the pages that pass the
// filters by title, like a tag page. With an access filter it reads pages
// in windows of growing size, as selectPage does, up to maxScan, and
// extrapolates the total past what it read.
func (x *Index) list(ctx context.Context, p plan, pg page) (*Results, error) {
	must := append([]query.Query{termQuery(fKind, KindPage, 0)}, p.must...)
	q := query.NewBooleanQuery(must, nil, p.mustNot)
	want := pg.offset + pg.limit
	size := want
	if pg.filter != nil {
		size = min(max(want+want/2, 30), maxScan)
	}
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
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
		seen := uint64(len(sr.Hits))
		if pg.filter != nil && len(allowed) < want && seen < sr.Total && size < maxScan {
			size = min(4*size, maxScan)
			continue
		}
		res := &Results{Total: int(sr.Total)}
		if pg.filter != nil && seen > 0 {
			res.Total = int(uint64(len(allowed)) * sr.Total / seen)
			res.TotalEstimated = seen < sr.Total
		}
		res.Hits, err = x.loadHits(ctx, cut(allowed, pg.offset, want), x.newHighlighter(nil))
		return res, err
	}
}
