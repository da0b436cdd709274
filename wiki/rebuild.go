package wiki

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/handover/handover/search"
	"github.com/handover/handover/wiki/markup"
)

// rebuildChunk is how many pages one short read transaction loads during a
// rebuild, so a rebuild never holds a long read transaction.
const rebuildChunk = 200

// Progress reports how many of total items are done.
type Progress func(done, total int)

// Rebuild builds a fresh index from bbolt into index.new/ and swaps it in.
// The server keeps serving meanwhile; handover reindex calls it directly.
func (s *Syncer) Rebuild(ctx context.Context, progress Progress) error {
	s.rebuilding.Store(true)
	defer s.rebuilding.Store(false)
	return s.rebuildAndSwap(ctx, progress)
}

func (s *Syncer) rebuildAndSwap(ctx context.Context, progress Progress) error {
	newDir := s.dir + ".new"
	if err := os.RemoveAll(newDir); err != nil {
		return err
	}
	// Changes made while building are replayed after the swap: replay is
	// idempotent, so starting from maxSeq taken first is safe.
	maxSeq, err := s.store.MaxChangeSeq()
	if err != nil {
		return err
	}
	if err := s.build(ctx, newDir, maxSeq, progress); err != nil {
		os.RemoveAll(newDir)
		return err
	}
	return s.swap(newDir)
}

func (s *Syncer) build(ctx context.Context, dir string, maxSeq uint64, progress Progress) error {
	idx, err := search.Create(dir)
	if err != nil {
		return err
	}
	total, err := s.store.PageCount()
	if err != nil {
		idx.Close()
		return err
	}
	done := 0
	for after := uint64(0); ; {
		var batch search.Batch
		last, err := s.store.EachPage(after, rebuildChunk, func(p *Page, text string) error {
			done++
			if !p.Deleted {
				batch.Upserts = append(batch.Upserts, PageDocs(p, text)...)
			}
			return nil
		})
		if err == nil && ctx.Err() != nil {
			err = ctx.Err()
		}
		if err == nil && last == 0 {
			batch.Seq = maxSeq
		}
		if err == nil {
			err = idx.Apply(ctx, batch)
		}
		if err != nil {
			idx.Close()
			return fmt.Errorf("build index: %w", err)
		}
		if progress != nil {
			progress(done, total)
		}
		if last == 0 {
			return errors.Join(idx.Compact(ctx), idx.Close())
		}
		after = last
	}
}

// swap replaces the live index directory with the freshly built one.
func (s *Syncer) swap(newDir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.idx.Swap(nil); old != nil {
		if err := old.Close(); err != nil {
			s.log.Warn("close old index", "err", err)
		}
	}
	oldDir := s.dir + ".old"
	if err := os.Rename(s.dir, oldDir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("swap index: %w", err)
	}
	if err := os.Rename(newDir, s.dir); err != nil {
		return fmt.Errorf("swap index: %w", err)
	}
	if err := os.RemoveAll(oldDir); err != nil {
		s.log.Warn("remove old index", "err", err)
	}
	idx, err := search.Open(s.dir)
	if err != nil {
		return fmt.Errorf("open rebuilt index: %w", err)
	}
	s.idx.Store(idx)
	s.rebuilding.Store(false)
	s.log.Info("search index rebuilt")
	return nil
}

// PageDocs returns the search documents of a page: one for its title (with
// the text before the first heading) and one per section. Quiz answers are
// never part of a page, so they are never indexed.
func PageDocs(p *Page, text string) []search.Doc {
	version := strconv.Itoa(p.Revision)
	page := search.Doc{ID: PageDocID(p.ID), Kind: "page", Path: p.Path, Title: p.Title,
		Tags: p.Tags, Owner: p.Owner, Updated: p.Updated, Version: version}
	docs := []search.Doc{}
	for _, sec := range markup.Outline([]byte(text)) {
		if sec.ID == "" {
			page.Body = sec.Text
			continue
		}
		docs = append(docs, search.Doc{ID: SectionDocID(p.ID, sec.ID), Kind: "section",
			Path: p.Path, Title: p.Title, Section: sec.ID, Heading: sec.Heading, Body: sec.Text,
			Tags: p.Tags, Owner: p.Owner, Updated: p.Updated, Version: version})
	}
	return append([]search.Doc{page}, docs...)
}
