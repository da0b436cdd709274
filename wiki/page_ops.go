package wiki

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// RenamePage moves the page at from to path to, leaving a redirect behind.
// It records a revision with the same text so the rename shows in history.
func (s *Store) RenamePage(from, to, author string, base int) (*Page, error) {
	to, err := CleanPath(to)
	if err != nil {
		return nil, err
	}
	var page *Page
	err = s.Update(func(tx *Tx) error {
		old, err := tx.PageByPath(from)
		if errors.Is(err, ErrNotFound) {
			return tx.movedMeanwhile(from)
		} else if err != nil {
			return err
		}
		if base != 0 && base != old.Revision {
			return &ConflictError{Current: old, Base: base}
		}
		if to == old.Path {
			return Errorf(Invalid, "the new path is the same as the old one")
		}
		if _, err := tx.pageByPath(to); err == nil {
			return Errorf(Conflict, "a page already exists at %q (a deleted page may hold the path: ask an admin)", to)
		}
		if err := tx.Delete(bucketRedirects, []byte(to)); err != nil {
			return err
		}
		if err := tx.Put(bucketRedirects, []byte(old.Path), []byte(to)); err != nil {
			return err
		}
		page, err = tx.rewritePage(old, author, "Renamed from "+old.Path, func(p *Page) { p.Path = to })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rename %q: %w", from, err)
	}
	return page, nil
}

// movedMeanwhile is the error for a change to the missing page at path:
// a Conflict naming where it went when it was renamed meanwhile (the other
// of two renames at once), else ErrNotFound.
func (tx *Tx) movedMeanwhile(path string) error {
	if to := tx.Get(bucketRedirects, []byte(path)); to != nil {
		return Errorf(Conflict, "the page %q was renamed to %q in the meantime: open it there and try again", path, to)
	}
	return ErrNotFound
}

// rewritePage stores a new revision of p with its current text after
// applying change to a copy of its metadata.
func (tx *Tx) rewritePage(old *Page, author, comment string, change func(p *Page)) (*Page, error) {
	cur, err := tx.revision(old.ID, old.Revision)
	if err != nil {
		return nil, err
	}
	next := *old
	change(&next)
	return tx.commitRevision(old, &next, &SaveRequest{Markdown: cur.Markdown, Author: author, Comment: comment})
}

// RevertPage makes revision n the current text again, as a new revision.
func (s *Store) RevertPage(p *Page, n int, author string, base int) (*Page, error) {
	target, err := s.PageRevision(p.ID, n)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(NotFound, "revision %d of %q does not exist", n, p.Path)
	} else if err != nil {
		return nil, err
	}
	return s.SavePage(SaveRequest{Path: p.Path, Markdown: target.Markdown, BaseRevision: base,
		Title: target.Title, Author: author, Comment: fmt.Sprintf("Reverted to revision %d", n)})
}

// DeletePage soft-deletes the page at path; an admin can restore it.
func (s *Store) DeletePage(path, author string) (*Page, error) {
	return s.updatePage(path, author, func(p *Page) error {
		p.Deleted, p.DeletedAt, p.DeletedBy = true, s.Now(), author
		return nil
	}, true)
}

// RestorePage undoes a soft delete.
func (s *Store) RestorePage(path, by string) (*Page, error) {
	return s.updatePage(path, by, func(p *Page) error {
		if !p.Deleted {
			return Errorf(Invalid, "the page %q is not deleted", path)
		}
		p.Deleted, p.DeletedAt, p.DeletedBy = false, time.Time{}, ""
		return nil
	}, false)
}

// SetCritical marks or unmarks one section as critical, as a new revision
// by author with the same text, so that the change shows in the page's
// history. Marking a section critical does not ask for re-acknowledgement;
// changing it later will.
func (s *Store) SetCritical(path, section string, critical bool, author string) (*Page, error) {
	var page *Page
	err := s.Update(func(tx *Tx) error {
		old, err := tx.PageByPath(path)
		if err != nil {
			return err
		}
		if _, ok := old.Section(section); !ok {
			return Errorf(NotFound, "the page has no section %q", section)
		}
		if old.IsCritical(section) == critical {
			page = old
			return nil
		}
		// The revision's comment says what changed (metaSummary).
		page, err = tx.rewritePage(old, author, "", func(p *Page) {
			p.Critical = slices.DeleteFunc(slices.Clone(p.Critical), func(c string) bool { return c == section })
			if critical {
				p.Critical = append(p.Critical, section)
				slices.Sort(p.Critical)
			}
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update page %q: %w", path, err)
	}
	return page, nil
}

// MarkVerified records that the owner reviewed the page today.
func (s *Store) MarkVerified(path, by string) (*Page, error) {
	return s.updatePage(path, by, func(p *Page) error {
		p.Verified = s.Now()
		return nil
	}, false)
}

// updatePage changes a page's metadata, on behalf of by, without a new
// revision. Deleted pages are only reachable for restore (live=false).
func (s *Store) updatePage(path, by string, fn func(p *Page) error, live bool) (*Page, error) {
	var page *Page
	err := s.Update(func(tx *Tx) error {
		old, err := tx.pageByPath(path)
		if err != nil {
			return err
		}
		if live && old.Deleted {
			return ErrNotFound
		}
		next := *old
		next.Critical = slices.Clone(old.Critical)
		if err := fn(&next); err != nil {
			return err
		}
		if err := tx.guardPageChange(by, old, &next); err != nil {
			return err
		}
		page = &next
		return tx.putPage(old, &next)
	})
	if err != nil {
		return nil, fmt.Errorf("update page %q: %w", path, err)
	}
	return page, nil
}
