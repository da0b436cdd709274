package wiki

import (
	"fmt"

	"github.com/handover/handover/wiki/markup"
)

const bucketRevlog = "revlog"

// revlogEntry is one line of the global edit log behind recent changes.
type revlogEntry struct {
	V      int    `json:"v"`
	PageID uint64 `json:"page_id"`
	N      int    `json:"n"`
}

// commitRevision writes next as a new revision of old (a fresh page when
// old.ID is 0): the revision, the global edit log, the link index, the page
// and a change-log entry, all in the caller's transaction.
func (tx *Tx) commitRevision(old, next *Page, req *SaveRequest) (*Page, error) {
	if err := tx.guardPageChange(req.Author, old, next); err != nil {
		return nil, err
	}
	if next.ID == 0 {
		id, err := tx.NextID(bucketPages)
		if err != nil {
			return nil, err
		}
		next.ID = id
	}
	changed := changedSections(old.Sections, next.Sections)
	next.Revision++
	next.Updated = tx.Now()
	next.UpdatedBy = req.Author
	significant := req.Significant || next.Revision == 1 || touchesAny(changed, old.Critical)
	if significant {
		next.SignificantRev = next.Revision
	}
	comment := withSummary(req.Comment, PageChange{Old: old, New: next}.metaSummary())
	rev := &Revision{V: 1, PageID: next.ID, N: next.Revision, Path: next.Path, Title: next.Title,
		Markdown: req.Markdown, Author: req.Author, Time: next.Updated, Comment: comment,
		Significant: significant, Changed: changed}
	if err := tx.putRevision(rev); err != nil {
		return nil, err
	}
	next.Links = linkTargets(req.Markdown)
	if err := tx.putPage(old, next); err != nil {
		return nil, err
	}
	return next, nil
}

// putPage stores next (replacing old), keeping the path and link indexes in
// step and logging the change for the search index.
func (tx *Tx) putPage(old, next *Page) error {
	if old.Path != "" && old.Path != next.Path {
		if err := tx.Delete(bucketPaths, []byte(old.Path)); err != nil {
			return err
		}
	}
	if err := tx.Put(bucketPaths, []byte(next.Path), Itob(next.ID)); err != nil {
		return err
	}
	if err := tx.updateLinks(next.ID, old.Links, next.Links, next.Deleted); err != nil {
		return err
	}
	if err := tx.PutJSON(bucketPages, Itob(next.ID), next); err != nil {
		return err
	}
	if old.ID == 0 || old.Path != next.Path || old.Deleted != next.Deleted {
		tx.tx.OnCommit(func() { tx.s.pathGen.Add(1) })
	}
	if err := tx.pageEvent(old, next); err != nil {
		return err
	}
	if err := tx.sectionsRenamed(old, next); err != nil {
		return err
	}
	return tx.AppendChange(ChangePage, next.ID, SearchDocIDs(old))
}

func (tx *Tx) putRevision(rev *Revision) error {
	key := append(Itob(rev.PageID), Itob(uint64(rev.N))...)
	if err := tx.PutJSON(bucketRevisions, key, rev); err != nil {
		return err
	}
	seq, err := tx.NextID(bucketRevlog)
	if err != nil {
		return err
	}
	return tx.PutJSON(bucketRevlog, Itob(seq), revlogEntry{V: 1, PageID: rev.PageID, N: rev.N})
}

// changedSections lists the section IDs added, removed or edited between
// two outlines.
func changedSections(old, cur []SectionInfo) []string {
	oldHash := map[string]string{}
	for _, s := range old {
		oldHash[s.ID] = s.Hash
	}
	var changed []string
	for _, s := range cur {
		if h, ok := oldHash[s.ID]; !ok || h != s.Hash {
			changed = append(changed, s.ID)
		}
		delete(oldHash, s.ID)
	}
	for _, s := range old {
		if _, gone := oldHash[s.ID]; gone {
			changed = append(changed, s.ID)
		}
	}
	return changed
}

func touchesAny(changed, critical []string) bool {
	for _, c := range changed {
		for _, k := range critical {
			if c == k {
				return true
			}
		}
	}
	return false
}

// linkTargets returns the distinct valid page paths a text links to with
// [[wiki links]].
func linkTargets(md string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range markup.Links([]byte(md)) {
		if p, err := LinkPath(l); err == nil && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// updateLinks replaces the backlink index entries of page id. A deleted
// page links nowhere.
func (tx *Tx) updateLinks(id uint64, old, cur []string, deleted bool) error {
	for _, t := range old {
		if err := tx.Delete(bucketLinks, linkKey(t, id)); err != nil {
			return err
		}
	}
	if deleted {
		return nil
	}
	for _, t := range cur {
		if err := tx.Put(bucketLinks, linkKey(t, id), nil); err != nil {
			return err
		}
	}
	return nil
}

func linkKey(target string, src uint64) []byte {
	return append(append([]byte(target), 0), Itob(src)...)
}

// SearchDocIDs returns the IDs of the search documents a page has in the
// index: one for the page and one per section.
func SearchDocIDs(p *Page) []string {
	if p == nil || p.ID == 0 {
		return nil
	}
	ids := []string{PageDocID(p.ID)}
	for _, s := range p.Sections {
		if s.ID != "" {
			ids = append(ids, SectionDocID(p.ID, s.ID))
		}
	}
	return ids
}

// PageDocID is the search document ID of a page's title document.
func PageDocID(id uint64) string { return fmt.Sprintf("p:%d", id) }

// SectionDocID is the search document ID of one section of a page.
func SectionDocID(id uint64, section string) string { return fmt.Sprintf("s:%d:%s", id, section) }
