package search

import (
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// storedReader reads the stored fields of documents by their number in a
// snapshot, visiting the values in place: IndexReader.Document first looks
// the document up by its ID in every segment and then copies every value
// into a new document, which cost more than ranking a page of hits.
type storedReader struct {
	r       index.IndexReader
	segs    []*scorch.SegmentSnapshot // nil: not a scorch index, use Document
	offsets []uint64                  // first document number of each segment
}

func newStoredReader(r index.IndexReader) *storedReader {
	sr := &storedReader{r: r}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return sr
	}
	sr.segs = is.Segments()
	var next uint64
	for _, s := range sr.segs {
		sr.offsets = append(sr.offsets, next)
		next += s.Segment().Count()
	}
	return sr
}

// visit calls fn with the name and value of each stored field of the
// document numbered iid, whose ID is id, until fn returns false. The
// value is valid during the call only.
func (sr *storedReader) visit(iid index.IndexInternalID, id string, fn func(field string, val []byte) bool) error {
	if sr.segs == nil {
		return sr.visitDocument(id, fn)
	}
	n := iid.Value()
	i, _ := slices.BinarySearch(sr.offsets, n+1)
	i--
	return sr.segs[i].VisitDocument(n-sr.offsets[i], func(name string, _ byte, val []byte, _ []uint64) bool {
		return name == "_id" || fn(name, val)
	})
}

func (sr *storedReader) visitDocument(id string, fn func(field string, val []byte) bool) error {
	doc, err := sr.r.Document(id)
	if err != nil || doc == nil {
		return err
	}
	more := true
	doc.VisitFields(func(f index.Field) {
		if more {
			more = fn(f.Name(), f.Value())
		}
	})
	return nil
}

// path returns the stored path of a document.
func (sr *storedReader) path(iid index.IndexInternalID, id string) (string, error) {
	var path string
	err := sr.visit(iid, id, func(field string, val []byte) bool {
		if field == fPath {
			path = string(val)
			return false
		}
		return true
	})
	return path, err
}
