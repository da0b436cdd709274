package search

import (
	"context"

	index "github.com/blevesearch/bleve_index_api"
)

// ranked is one hit before its other stored fields are loaded.
type ranked struct {
	id, path string
	score    float64
}

// reader opens a consistent snapshot of the index; close it after use.
func (x *Index) reader() (index.IndexReader, error) {
	adv, err := x.bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// loadHits loads the stored fields of the page's hits and highlights them.
// A hit deleted since it was ranked is left out.
func (x *Index) loadHits(ctx context.Context, page []ranked, h *highlighter) ([]Hit, error) {
	r, err := x.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	hits := make([]Hit, 0, len(page))
	for _, rk := range page {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := r.Document(rk.id)
		if err != nil {
			return nil, err
		}
		if doc == nil {
			continue
		}
		hit, body := toHit(doc)
		hit.Score = rk.score
		hit.Snippet = h.snippet(body, hit.Heading, hit.Title)
		hits = append(hits, hit)
	}
	return hits, nil
}

// toHit reads a stored document; it returns the body separately because
// Hit has only its snippet.
func toHit(doc index.Document) (Hit, string) {
	h := Hit{ID: doc.ID()}
	var body string
	doc.VisitFields(func(f index.Field) {
		if dt, ok := f.(index.DateTimeField); ok && f.Name() == fUpdated {
			if t, _, err := dt.DateTime(); err == nil {
				h.Updated = t.UTC()
			}
			return
		}
		v := string(f.Value())
		switch f.Name() {
		case fKind:
			h.Kind = v
		case fPath:
			h.Path = v
		case fTitle, fPageTitle:
			h.Title = v
		case fSection:
			h.Section = v
		case fHeading:
			h.Heading = v
		case fBody:
			body = v
		case fTags:
			h.Tags = append(h.Tags, v)
		case fOwner:
			h.Owner = v
		}
	})
	return h, body
}
