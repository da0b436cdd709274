package wiki

// SectionRenames is called inside the transaction of a save that renamed
// headings of a page. renames maps the old section IDs to the new ones, as
// critical marks follow them (renamedSections), so that what other
// packages pin to a section (questions, threads) moves with it.
type SectionRenames func(tx *Tx, pageID uint64, renames map[string]string) error

// SetSectionRenames registers fn under name (see hooks).
func (s *Store) SetSectionRenames(name string, fn SectionRenames) { s.renameHooks.set(name, fn) }

// sectionsRenamed runs the registered SectionRenames when
// the edit from old to next renamed headings.
func (tx *Tx) sectionsRenamed(old, next *Page) error {
	if old.ID == 0 || len(old.Sections) == 0 {
		return nil
	}
	renames := renamedSections(old.Sections, next.Sections)
	if len(renames) == 0 {
		return nil
	}
	return tx.s.renameHooks.each(func(fn SectionRenames) error { return fn(tx, next.ID, renames) })
}
