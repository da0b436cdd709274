package wiki

import (
	"fmt"
	"slices"
	"strings"
)

// PageChange is a change to a page about to be committed: a save, rename,
// revert, delete, restore or a change of critical marks.
type PageChange struct {
	Actor string // the name of the user making it
	Old   *Page  // the page before; its ID is 0 when the change creates it
	New   *Page
}

// Created reports whether the change creates the page.
func (c PageChange) Created() bool { return c.Old.ID == 0 }

// Deleted reports whether the change deletes the page.
func (c PageChange) Deleted() bool { return !c.Old.Deleted && c.New.Deleted }

// Restored reports whether the change undoes a delete.
func (c PageChange) Restored() bool { return c.Old.Deleted && !c.New.Deleted }

// Moved reports whether the change gives the page a new path.
func (c PageChange) Moved() bool { return !c.Created() && c.Old.Path != c.New.Path }

// OwnerChanged reports whether the change gives an existing page another
// owner.
func (c PageChange) OwnerChanged() bool {
	return !c.Created() && UserKey(c.Old.Owner) != UserKey(c.New.Owner)
}

// CriticalChanged returns the sections the change marks critical and those
// it unmarks (a marked section whose heading was deleted is unmarked; one
// whose heading was renamed keeps its mark and is neither).
func (c PageChange) CriticalChanged() (marked, unmarked []string) {
	if c.Created() {
		return nil, nil
	}
	renamed := renamedSections(c.Old.Sections, c.New.Sections)
	kept := map[string]bool{}
	for _, id := range c.Old.Critical {
		if to, ok := renamed[id]; ok {
			id = to
		}
		kept[id] = true
		if !slices.Contains(c.New.Critical, id) {
			unmarked = append(unmarked, id)
		}
	}
	for _, id := range c.New.Critical {
		if !kept[id] {
			marked = append(marked, id)
		}
	}
	return marked, unmarked
}

// PageGuard is called inside the transaction of every change to a page,
// before it is written; an error refuses the change and rolls the
// transaction back. Other packages use it for rules that depend on what
// they store: quiz keeps incoming owners of a handover from changing what
// their own readiness is measured by.
type PageGuard func(tx *Tx, c PageChange) error

// SetPageGuard registers fn under name (see hooks).
func (s *Store) SetPageGuard(name string, fn PageGuard) { s.pageGuards.set(name, fn) }

// guardPageChange runs the registered guards on the change from old to next.
func (tx *Tx) guardPageChange(actor string, old, next *Page) error {
	c := PageChange{Actor: actor, Old: old, New: next}
	return tx.s.pageGuards.each(func(fn PageGuard) error { return fn(tx, c) })
}

// metaSummary says in words what c changes of the page's owner and
// critical marks, for the revision's comment, so the history shows who
// changed them and when; "" when it changes neither.
func (c PageChange) metaSummary() string {
	var parts []string
	if c.OwnerChanged() {
		from := c.Old.Owner
		if from == "" {
			from = "nobody"
		}
		parts = append(parts, fmt.Sprintf("owner %s → %s", from, c.New.Owner))
	}
	marked, unmarked := c.CriticalChanged()
	for _, id := range marked {
		parts = append(parts, fmt.Sprintf("marked “%s” critical", sectionHeading(c.New, id)))
	}
	for _, id := range unmarked {
		parts = append(parts, fmt.Sprintf("unmarked “%s” as critical", sectionHeading(c.Old, id)))
	}
	return strings.Join(parts, "; ")
}

func sectionHeading(p *Page, id string) string {
	if s, ok := p.Section(id); ok {
		return s.Heading
	}
	return id
}

// withSummary returns comment followed by what the change does to the
// page's metadata, when that is not already the whole comment.
func withSummary(comment, summary string) string {
	switch {
	case summary == "":
		return comment
	case comment == "":
		return strings.ToUpper(summary[:1]) + summary[1:]
	}
	return comment + " (" + summary + ")"
}
