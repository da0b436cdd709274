package search

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// ranked is one hit before its other stored fields are loaded.
type ranked struct {
	id, path string
	score    float64
}

// reader opens a consistent snapshot of the index; close it after use.
func (x *Index) reader() (index.IndexReader, error) {
	if x.closed.Load() {
		return nil, errClosed
	}
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
	sr := newStoredReader(r)
	hits := make([]Hit, 0, len(page))
	for _, rk := range page {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		iid, err := r.InternalID(rk.id)
		if err != nil {
			return nil, err
		}
		if iid == nil {
			continue
		}
		hit, body, err := loadHit(sr, iid, rk.id)
		if err != nil {
			return nil, err
		}
		hit.Score = rk.score
		hit.Snippet = h.snippet(body, hit.Heading, hit.Title)
		hits = append(hits, hit)
	}
	return hits, nil
}

// loadHit reads a stored document; it returns the body separately because
// Hit has only its snippet.
func loadHit(sr *storedReader, iid index.IndexInternalID, id string) (Hit, string, error) {
	h := Hit{ID: id}
	var body string
	err := sr.visit(iid, id, func(field string, val []byte) bool {
		switch field {
		case fUpdated:
			h.Updated = storedTime(val)
		case fKind:
			h.Kind = string(val)
		case fPath:
			h.Path = string(val)
		case fTitle, fPageTitle:
			h.Title = string(val)
		case fSection:
			h.Section = string(val)
		case fHeading:
			h.Heading = string(val)
		case fBody:
			body = string(val)
		case fTags:
			h.Tags = append(h.Tags, string(val))
		case fOwner:
			h.Owner = string(val)
		}
		return true
	})
	return h, body, err
}

// storedTime decodes a stored datetime field, or returns the zero time.
func storedTime(val []byte) time.Time {
	t, _, err := document.NewDateTimeFieldFromBytes(fUpdated, nil, val).DateTime()
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
