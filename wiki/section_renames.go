package wiki

import "sort"

// SectionRenames is called inside the transaction of a save that renamed
// headings of a page. renames maps the old section IDs to the new ones, as
// critical marks follow them (renamedSections), so that what other
// packages pin to a section (questions, threads) moves with it.
type SectionRenames func(tx *Tx, pageID uint64, renames map[string]string) error

// SetSectionRenames registers fn under name; registering a name again
// replaces its function, so a package may register every time it is set
// up on a store.
func (s *Store) SetSectionRenames(name string, fn SectionRenames) { s.renameHooks.Store(name, fn) }

// sectionsRenamed runs the registered SectionRenames, in name order, when
// the edit from old to next renamed headings.
func (tx *Tx) sectionsRenamed(old, next *Page) error {
	if old.ID == 0 || len(old.Sections) == 0 {
		return nil
	}
	renames := renamedSections(old.Sections, next.Sections)
	if len(renames) == 0 {
		return nil
	}
	var names []string
	tx.s.renameHooks.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	sort.Strings(names)
	for _, name := range names {
		fn, _ := tx.s.renameHooks.Load(name)
		if err := fn.(SectionRenames)(tx, next.ID, renames); err != nil {
			return err
		}
	}
	return nil
}
