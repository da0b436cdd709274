package wiki

import (
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strings"

	"github.com/handover/handover/wiki/markup"
)

// pageByPath returns the page (live or deleted) stored at path.
func (tx *Tx) pageByPath(path string) (*Page, error) {
	id := tx.Get(bucketPaths, []byte(path))
	if id == nil {
		return nil, ErrNotFound
	}
	return tx.PageByID(Btoi(id))
}

// PageByID returns the page (live or deleted) with the ID, or ErrNotFound.
func (tx *Tx) PageByID(id uint64) (*Page, error) {
	var p Page
	if err := tx.GetJSON(bucketPages, Itob(id), &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// PageByPath returns the live page at path inside a transaction.
func (tx *Tx) PageByPath(path string) (*Page, error) {
	p, err := tx.pageByPath(path)
	if err == nil && p.Deleted {
		return nil, ErrNotFound
	}
	return p, err
}

func (tx *Tx) revision(pageID uint64, n int) (*Revision, error) {
	var r Revision
	key := append(Itob(pageID), Itob(uint64(n))...)
	if err := tx.GetJSON(bucketRevisions, key, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Page returns the page at path, deleted or not (check Deleted), or
// ErrNotFound.
func (s *Store) Page(path string) (*Page, error) {
	return Read(s, func(tx *Tx) (*Page, error) { return tx.pageByPath(path) })
}

// PageByID returns the page with the given ID, or ErrNotFound.
func (s *Store) PageByID(id uint64) (*Page, error) {
	return Read(s, func(tx *Tx) (*Page, error) { return tx.PageByID(id) })
}

// Redirect returns where a renamed page's old path points now, following
// chains, or ErrNotFound.
func (s *Store) Redirect(path string) (string, error) {
	var to string
	err := s.View(func(tx *Tx) error {
		for range 10 {
			next := tx.Get(bucketRedirects, []byte(path))
			if next == nil {
				break
			}
			to, path = string(next), string(next)
		}
		return nil
	})
	if err == nil && to == "" {
		err = ErrNotFound
	}
	return to, err
}

// PageRevision returns revision n of the page.
func (s *Store) PageRevision(pageID uint64, n int) (*Revision, error) {
	return Read(s, func(tx *Tx) (*Revision, error) { return tx.revision(pageID, n) })
}

// Revisions returns every revision of a page, newest first, without their
// text.
func (s *Store) Revisions(pageID uint64) ([]*Revision, error) {
	var revs []*Revision
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketRevisions, Itob(pageID), func(_, v []byte) error {
			var r Revision
			if err := decodeJSON(v, &r); err != nil {
				return err
			}
			r.Markdown = ""
			revs = append(revs, &r)
			return nil
		})
	})
	sort.Slice(revs, func(i, j int) bool { return revs[i].N > revs[j].N })
	return revs, err
}

// Backlinks returns the live pages that link to path.
func (s *Store) Backlinks(path string) ([]*Page, error) {
	var pages []*Page
	err := s.View(func(tx *Tx) error {
		prefix := append([]byte(path), 0)
		return tx.ForEach(bucketLinks, prefix, func(k, _ []byte) error {
			p, err := tx.PageByID(Btoi(k[len(prefix):]))
			if err != nil || p.Deleted {
				return nil // a dangling entry is harmless; skip it
			}
			pages = append(pages, p)
			return nil
		})
	})
	sort.Slice(pages, func(i, j int) bool { return pages[i].Title < pages[j].Title })
	return pages, err
}

// RecentEntry is one line of recent changes.
type RecentEntry struct {
	Revision *Revision
	Page     *Page
}

// RecentChanges returns the newest edits first, at most limit, skipping
// pages that have since been deleted unless includeDeleted.
func (s *Store) RecentChanges(limit int, includeDeleted bool) ([]RecentEntry, error) {
	var out []RecentEntry
	err := s.View(func(tx *Tx) error {
		c := tx.tx.Bucket([]byte(bucketRevlog)).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var e revlogEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			p, err := tx.PageByID(e.PageID)
			if errors.Is(err, ErrNotFound) || (err == nil && p.Deleted && !includeDeleted) {
				continue
			}
			r, err := tx.revision(e.PageID, e.N)
			if err != nil {
				return err
			}
			r.Markdown = ""
			out = append(out, RecentEntry{Revision: r, Page: p})
		}
		return nil
	})
	return out, err
}

// ListPages returns live pages whose path starts with prefix ("" for all),
// sorted by path.
func (s *Store) ListPages(prefix string) ([]*Page, error) {
	var pages []*Page
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketPaths, []byte(prefix), func(_, v []byte) error {
			p, err := tx.PageByID(Btoi(v))
			if err != nil {
				return err
			}
			if !p.Deleted {
				pages = append(pages, p)
			}
			return nil
		})
	})
	return pages, err
}

// DeletedPages returns soft-deleted pages, newest deletion first.
func (s *Store) DeletedPages() ([]*Page, error) {
	var pages []*Page
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketPages, nil, func(_, v []byte) error {
			var p Page
			if err := decodeJSON(v, &p); err != nil {
				return err
			}
			if p.Deleted {
				pages = append(pages, &p)
			}
			return nil
		})
	})
	sort.Slice(pages, func(i, j int) bool { return pages[i].DeletedAt.After(pages[j].DeletedAt) })
	return pages, err
}

// PageCount returns the number of live and deleted pages.
func (s *Store) PageCount() (int, error) {
	var n int
	err := s.View(func(tx *Tx) error { n = tx.Count(bucketPages); return nil })
	return n, err
}

// EachPage calls fn for every page (deleted included) with ID > after, in ID
// order, stopping after limit pages; it returns the last ID seen, 0 when
// there were none. Callers page through all pages in short transactions.
func (s *Store) EachPage(after uint64, limit int, fn func(p *Page, markdown string) error) (uint64, error) {
	var last uint64
	err := s.View(func(tx *Tx) error {
		n := 0
		return tx.ForEachFrom(bucketPages, Itob(after+1), func(k, v []byte) error {
			if n >= limit {
				return ErrStop
			}
			n++
			var p Page
			if err := decodeJSON(v, &p); err != nil {
				return err
			}
			last = p.ID
			r, err := tx.revision(p.ID, p.Revision)
			if err != nil {
				return err
			}
			return fn(&p, r.Markdown)
		})
	})
	return last, err
}

// CurrentText returns the Markdown of a page's current revision.
func (s *Store) CurrentText(p *Page) (string, error) {
	r, err := s.PageRevision(p.ID, p.Revision)
	if err != nil {
		return "", err
	}
	return r.Markdown, nil
}

// PagesUnder reports whether any page path lies below prefix/; the view of
// a missing page uses it to list a "folder".
func (s *Store) PagesUnder(prefix string) bool {
	found := false
	_ = s.View(func(tx *Tx) error {
		return tx.ForEach(bucketPaths, []byte(prefix+"/"), func(_, _ []byte) error {
			found = true
			return ErrStop
		})
	})
	return found
}

// ResolveLink tells the renderer where a [[target]] (without its
// #section, which markup adds) goes and whether the page exists, following
// renames.
func (tx *Tx) ResolveLink(target string) markup.Link {
	path, err := LinkPath(target)
	if err != nil {
		// The new-page form explains what is missing from the title.
		return markup.Link{Href: "/new?title=" + url.QueryEscape(target), Title: target}
	}
	href := PageURL(path)
	if p, err := tx.PageByPath(path); err == nil {
		return markup.Link{Href: href, Title: p.Title, Exists: true}
	}
	if to := tx.Get(bucketRedirects, []byte(path)); to != nil {
		if p, err := tx.PageByPath(string(to)); err == nil {
			return markup.Link{Href: PageURL(p.Path), Title: p.Title, Exists: true}
		}
	}
	if _, err := CleanPath(target); err != nil {
		// [[Database Failover]]: the missing page offers the new-page
		// form with the title as written.
		title := strings.TrimSpace(target[strings.LastIndex(target, "/")+1:])
		return markup.Link{Href: href + "?title=" + url.QueryEscape(title), Title: title}
	}
	return markup.Link{Href: href, Title: TitleFromPath(path)}
}
