package quiz

import (
	"fmt"
	"slices"

	"github.com/handover/handover/wiki"
)

// AcknowledgeRevision records that u has read revision rev of the page: the
// revision they were shown, which may be older than the current one when
// someone saved while they read. An acknowledgement never moves back to an
// older revision (a second, stale form changes nothing).
func (s *Store) AcknowledgeRevision(p *wiki.Page, u *wiki.User, rev int) (*Ack, error) {
	if rev < 1 || rev > p.Revision {
		return nil, wiki.Errorf(wiki.Invalid, "revision %d of %q does not exist", rev, p.Path)
	}
	var a *Ack
	err := s.w.Update(func(tx *wiki.Tx) error {
		old, err := ackOf(tx, u.ID, p.ID)
		if err != nil {
			return err
		}
		renew, err := ackRenews(tx, p, u, old, rev)
		if err != nil {
			return err
		}
		if old != nil && old.Rev >= rev && !renew {
			a = old
			return nil
		}
		a = &Ack{V: 1, PageID: p.ID, UserID: u.ID, Rev: rev, Time: tx.Now()}
		if err := tx.PutJSON(bucketAcks, key(u.ID, p.ID), a); err != nil {
			return err
		}
		if err := recordCovering(tx, p.Path, RecordEntry{Actor: u.Name, Person: u.Name, Kind: RecordAck, Page: p.Path,
			What: fmt.Sprintf("acknowledged “%s”", p.Title), After: fmt.Sprintf("revision %d", rev)}); err != nil {
			return err
		}
		return notifyProgress(tx, p.Path, u, progressNews{public: "acknowledged “" + p.Title + "”"})
	})
	return a, err
}

// ackRenews reports whether acknowledging revision rev again renews the
// old acknowledgement: it is of that revision, and an open handover in
// which u takes the page over started after it, so does not count it
// (lifetime.go).
func ackRenews(tx *wiki.Tx, p *wiki.Page, u *wiki.User, old *Ack, rev int) (bool, error) {
	if old == nil || old.Rev != rev {
		return false, nil
	}
	covering, err := coveringTx(tx, p.Path)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(covering, func(h *Handover) bool {
		return !h.Closed && h.IsIncoming(u.Name) && h.AckFor(old) == nil
	}), nil
}

// AckKey names one person's acknowledgement of one page.
type AckKey struct{ UserID, PageID uint64 }

// Acks returns the acknowledgements of the given users for the given pages
// in one read; missing ones are absent from the map.
func (s *Store) Acks(users []*wiki.User, pages []*wiki.Page) (map[AckKey]*Ack, error) {
	out := map[AckKey]*Ack{}
	err := s.w.View(func(tx *wiki.Tx) error {
		for _, u := range users {
			for _, p := range pages {
				a, err := ackOf(tx, u.ID, p.ID)
				if err != nil {
					return err
				}
				if a != nil {
					out[AckKey{u.ID, p.ID}] = a
				}
			}
		}
		return nil
	})
	return out, err
}

// AckState describes a person's acknowledgement of a page for display.
type AckState struct {
	Ack *Ack
	// Current: the acknowledgement covers the last significant change.
	// Outdated: there is one, but from before that change.
	Current, Outdated bool
}

// StateOf classifies an acknowledgement (nil for none) of page p.
func StateOf(a *Ack, p *wiki.Page) AckState {
	cur := a.Current(p)
	return AckState{Ack: a, Current: cur, Outdated: a != nil && !cur}
}
