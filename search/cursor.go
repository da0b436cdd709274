package search

import (
	"bytes"
	"context"

	index "github.com/blevesearch/bleve_index_api"
)

// cursor walks the postings of one term in one field.
type cursor struct {
	tfr   index.TermFieldReader
	field int // index in scoreFields, for the headline searcher
	at    *index.TermFieldDoc
	buf   index.TermFieldDoc
}

func (c *cursor) next() (err error) {
	c.at, err = c.tfr.Next(&c.buf)
	return err
}

// advance moves c to id or past it; it never moves back (bleve's readers
// start over to do that).
func (c *cursor) advance(id index.IndexInternalID) (err error) {
	if c.at != nil && bytes.Compare(c.at.ID, id) < 0 {
		c.at, err = c.tfr.Advance(id, &c.buf)
	}
	return err
}

func (c *cursor) on(id index.IndexInternalID) bool {
	return c != nil && c.at != nil && bytes.Equal(c.at.ID, id)
}

// openCursor opens a cursor on term in field, with positions or not.
func openCursor(ctx context.Context, r index.IndexReader, field, term string, positions bool) (*cursor, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, positions)
	if err != nil {
		return nil, err
	}
	c := &cursor{tfr: tfr, field: fieldText}
	if err := c.next(); err != nil {
		_ = tfr.Close()
		return nil, err
	}
	return c, nil
}
