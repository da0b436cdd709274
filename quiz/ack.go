package quiz

import (
	"errors"
	"time"

	"github.com/handover/handover/wiki"
)

// Ack records that a person read a page at a revision.
type Ack struct {
	V      int       `json:"v"`
	PageID uint64    `json:"page_id"`
	UserID uint64    `json:"user_id"`
	Rev    int       `json:"rev"`
	Time   time.Time `json:"time"`
}

// Current reports whether the acknowledgement covers the page's last
// significant change (typo fixes since then do not ask again).
func (a *Ack) Current(p *wiki.Page) bool {
	return a != nil && a.Rev >= p.SignificantRev
}

// Acknowledge records that u has read the page's current revision.
func (s *Store) Acknowledge(p *wiki.Page, u *wiki.User) (*Ack, error) {
	a := &Ack{V: 1, PageID: p.ID, UserID: u.ID, Rev: p.Revision}
	err := s.w.Update(func(tx *wiki.Tx) error {
		a.Time = tx.Now()
		return tx.PutJSON(bucketAcks, key(u.ID, p.ID), a)
	})
	return a, err
}

// Ack returns u's acknowledgement of a page, or nil if there is none.
func (s *Store) Ack(userID, pageID uint64) (*Ack, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Ack, error) { return ackOf(tx, userID, pageID) })
}

func ackOf(tx *wiki.Tx, userID, pageID uint64) (*Ack, error) {
	a, err := getJSON[Ack](tx, bucketAcks, key(userID, pageID))
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, nil
	}
	return a, err
}
