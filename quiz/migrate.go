package quiz

import (
	"slices"

	"github.com/handover/handover/wiki"
)

// Open is NewStore for a database that may hold records of older builds:
// it rewrites them once (the migrations below) before use. Programs open
// the quiz store with it; NewStore is enough for a new database.
func Open(w *wiki.Store) (*Store, error) {
	s := NewStore(w)
	if err := w.MigrateOnce("quiz_user_names", canonicalHandoverPeople); err != nil {
		return nil, err
	}
	return s, nil
}

// canonicalHandoverPeople rewrites the names in handovers stored before
// names were resolved on save: "SAM" typed for the account "sam" was kept
// as typed, and was not sam where names are compared. Someone listed on
// both sides in two spellings stays on both; the next edit asks the
// manager to choose.
func canonicalHandoverPeople(tx *wiki.Tx) error {
	canonical, err := tx.LegacyUserNames()
	if err != nil {
		return err
	}
	var changed []*Handover
	err = tx.ForEach(bucketHandovers, nil, func(_, v []byte) error {
		var h Handover
		if err := jsonDecode(v, &h); err != nil {
			return err
		}
		if h.canonicalPeople(canonical) {
			changed = append(changed, &h)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, h := range changed {
		if err := tx.PutJSON(bucketHandovers, key(h.ID), h); err != nil {
			return err
		}
	}
	return nil
}

// canonicalPeople maps every name of h through canonical and reports
// whether any changed.
func (h *Handover) canonicalPeople(canonical func(string) string) bool {
	before := slices.Concat(h.Outgoing, h.Incoming, []string{h.Manager, h.CreatedBy, h.ClosedBy})
	for _, c := range h.Checklist {
		before = append(before, c.Owner, c.DoneBy)
	}
	names := func(list []string) []string {
		out := make([]string, len(list))
		for i, n := range list {
			out[i] = canonical(n)
		}
		return CleanNames(out)
	}
	h.Outgoing, h.Incoming = names(h.Outgoing), names(h.Incoming)
	h.Manager, h.CreatedBy, h.ClosedBy = canonical(h.Manager), canonical(h.CreatedBy), canonical(h.ClosedBy)
	after := slices.Concat(h.Outgoing, h.Incoming, []string{h.Manager, h.CreatedBy, h.ClosedBy})
	for i := range h.Checklist {
		c := &h.Checklist[i]
		c.Owner, c.DoneBy = canonical(c.Owner), canonical(c.DoneBy)
		after = append(after, c.Owner, c.DoneBy)
	}
	return !slices.Equal(before, after)
}
