package quiz

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/handover/handover/wiki"
)

// HandoversCovering returns every handover, open or closed, whose scope
// covers the page at path, soonest due first.
func (s *Store) HandoversCovering(path string) ([]*Handover, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]*Handover, error) { return coveringTx(tx, path) })
}

func coveringTx(tx *wiki.Tx, path string) ([]*Handover, error) {
	var out []*Handover
	err := tx.ForEach(bucketHandovers, nil, func(_, v []byte) error {
		var h Handover
		if err := jsonDecode(v, &h); err != nil {
			return err
		}
		if h.InScope(path) {
			out = append(out, &h)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, err
}

// SetClosed closes or reopens a handover; its manager and admins may.
func (s *Store) SetClosed(id uint64, u *wiki.User, closed bool) (*Handover, error) {
	now := s.Now()
	return s.UpdateHandover(id, u, func(h *Handover) (string, error) {
		h.Closed, h.ClosedAt, h.ClosedBy = closed, time.Time{}, ""
		if closed {
			h.ClosedAt, h.ClosedBy = now, u.Name
			return fmt.Sprintf("closed the handover “%s”", h.Title), nil
		}
		return fmt.Sprintf("reopened the handover “%s”", h.Title), nil
	})
}

// AddChecklistItem appends an item to a handover's checklist; its manager
// and admins may.
func (s *Store) AddChecklistItem(id uint64, u *wiki.User, item ChecklistItem) (*Handover, error) {
	return s.UpdateHandover(id, u, func(h *Handover) (string, error) {
		next := 1
		for _, c := range h.Checklist {
			next = max(next, c.ID+1)
		}
		item.ID, item.Done, item.DoneAt, item.DoneBy = next, false, time.Time{}, ""
		h.Checklist = append(h.Checklist, item)
		return fmt.Sprintf("added “%s” to the checklist of “%s”", item.Text, h.Title), nil
	})
}

// EditChecklistItem changes an item's text, owner and due date; its
// manager and admins may. The done state is kept.
func (s *Store) EditChecklistItem(id uint64, itemID int, u *wiki.User, text, owner string, due time.Time) (*Handover, error) {
	return s.UpdateHandover(id, u, func(h *Handover) (string, error) {
		i, err := checklistIndex(h, itemID)
		if err != nil {
			return "", err
		}
		h.Checklist[i].Text, h.Checklist[i].Owner, h.Checklist[i].Due = text, owner, due
		return fmt.Sprintf("changed the checklist item “%s” of “%s”", text, h.Title), nil
	})
}

// RemoveChecklistItem deletes an item; its manager and admins may.
func (s *Store) RemoveChecklistItem(id uint64, itemID int, u *wiki.User) (*Handover, error) {
	return s.UpdateHandover(id, u, func(h *Handover) (string, error) {
		i, err := checklistIndex(h, itemID)
		if err != nil {
			return "", err
		}
		what := fmt.Sprintf("removed “%s” from the checklist of “%s”", h.Checklist[i].Text, h.Title)
		h.Checklist = slices.Delete(h.Checklist, i, i+1)
		return what, nil
	})
}

func checklistIndex(h *Handover, itemID int) (int, error) {
	i := slices.IndexFunc(h.Checklist, func(c ChecklistItem) bool { return c.ID == itemID })
	if i < 0 {
		return 0, wiki.Errorf(wiki.NotFound, "no checklist item %d", itemID)
	}
	return i, nil
}

// CanTick reports whether u may tick or untick checklist item c: the
// manager, admins, the outgoing owners and the item's owner.
func (h *Handover) CanTick(u *wiki.User, c *ChecklistItem) bool {
	return u != nil && (h.CanManage(u) || h.IsOutgoing(u.Name) || u.Is(c.Owner))
}

// People returns everyone the handover involves, manager last, without
// repeats.
func (h *Handover) People() []string {
	return CleanNames(slices.Concat(h.Outgoing, h.Incoming, []string{h.Manager}))
}
