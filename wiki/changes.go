package wiki

import (
	"encoding/json"
	"fmt"
)

// Change is one entry of the change log: "the searchable state of entity
// (Kind, ID) may have changed". Docs lists the search document IDs the entity
// had before the change, so the syncer can delete the ones that are gone
// (a removed section, a deleted page).
type Change struct {
	V    int      `json:"v"`
	Seq  uint64   `json:"-"`
	Kind string   `json:"kind"`
	ID   uint64   `json:"id"`
	Docs []string `json:"docs,omitempty"`
}

// Change kinds.
const (
	ChangePage = "page"
)

// AppendChange records a change in the same transaction as the entity write,
// and arranges for the syncer to be poked once the transaction commits.
func (tx *Tx) AppendChange(kind string, id uint64, oldDocs []string) error {
	seq, err := tx.NextID(bucketChanges)
	if err != nil {
		return fmt.Errorf("append change: %w", err)
	}
	c := Change{V: 1, Kind: kind, ID: id, Docs: oldDocs}
	if err := tx.PutJSON(bucketChanges, Itob(seq), c); err != nil {
		return err
	}
	if !tx.changed {
		tx.changed = true
		tx.tx.OnCommit(tx.s.onCommit)
	}
	return nil
}

// ChangesAfter returns at most limit changes with a sequence number above
// seq, in order.
func (s *Store) ChangesAfter(seq uint64, limit int) ([]Change, error) {
	var out []Change
	err := s.View(func(tx *Tx) error {
		return tx.ForEachFrom(bucketChanges, Itob(seq+1), func(k, v []byte) error {
			if len(out) >= limit {
				return ErrStop
			}
			var c Change
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode change %d: %w", Btoi(k), err)
			}
			c.Seq = Btoi(k)
			out = append(out, c)
			return nil
		})
	})
	return out, err
}

// MaxChangeSeq returns the sequence number of the newest change, 0 if none.
func (s *Store) MaxChangeSeq() (uint64, error) {
	var seq uint64
	err := s.View(func(tx *Tx) error {
		seq = tx.tx.Bucket([]byte(bucketChanges)).Sequence()
		return nil
	})
	return seq, err
}

// PruneChanges deletes change entries up to and including seq; they have
// been applied to the index and are no longer needed for replay.
func (s *Store) PruneChanges(upTo uint64) error {
	return s.Update(func(tx *Tx) error {
		// Collect first: deleting under a moving cursor can skip keys.
		b := tx.tx.Bucket([]byte(bucketChanges))
		var keys [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil && Btoi(k) <= upTo; k, _ = c.Next() {
			keys = append(keys, append([]byte(nil), k...))
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return fmt.Errorf("prune changes: %w", err)
			}
		}
		return nil
	})
}
