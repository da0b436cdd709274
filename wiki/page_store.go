package wiki

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handover/handover/wiki/markup"
)

// SaveRequest is one edit of a page. A zero BaseRevision creates the page;
// otherwise it must equal the page's current revision, or be AnyRevision to
// save over whatever is current (import does this).
type SaveRequest struct {
	Path         string
	Markdown     string
	BaseRevision int
	Comment      string
	Author       string
	// Title, Tags, Owner and ReviewDays replace the page's values when
	// set (nil Tags keeps them; an empty non-nil slice clears them). Front
	// matter at the top of Markdown fills the ones left unset.
	Title      string
	Tags       []string
	Owner      string
	ReviewDays int
	// Critical, when non-nil, replaces the set of critical sections.
	Critical []string
	// Significant asks incoming owners to acknowledge again.
	Significant bool
}

// ConflictError is returned by SavePage when the base revision is not the
// current one; Current is the page as it is now.
type ConflictError struct {
	Current *Page
	Base    int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("page %q changed since revision %d (now at %d)", e.Current.Path, e.Base, e.Current.Revision)
}

// Unwrap makes a ConflictError an *Error of kind Conflict for the adapter.
func (e *ConflictError) Unwrap() error {
	return Errorf(Conflict, "someone else saved this page since you started editing (your revision %d, now %d)", e.Base, e.Current.Revision)
}

// SavePage stores a new revision of the page at req.Path, creating the page
// if needed. An edit that changes nothing returns the page unchanged and no
// revision. A stale BaseRevision gives a *ConflictError.
func (s *Store) SavePage(req SaveRequest) (*Page, error) {
	ps, err := prepareSave(req)
	if err != nil {
		return nil, err
	}
	res, err := s.saves.save(s, ps)
	if err != nil {
		return nil, fmt.Errorf("save page %q: %w", ps.path, err)
	}
	return res.Page, nil
}

// preparedSave is a SaveRequest that has been validated and parsed: the
// slow part of a save, done before the write transaction so that it never
// holds the database lock (and, for batches, runs in parallel).
type preparedSave struct {
	path    string
	req     SaveRequest
	outline []markup.Section
}

func prepareSave(req SaveRequest) (*preparedSave, error) {
	path, err := CleanPath(req.Path)
	if err != nil {
		return nil, err
	}
	if err := applyFrontMatter(&req); err != nil {
		return nil, err
	}
	if err := validateSave(&req); err != nil {
		return nil, err
	}
	if err := markup.Check([]byte(req.Markdown)); err != nil {
		// Check is linear; Outline below, and every view, would not be.
		return nil, &Error{Kind: Invalid, Msg: "the page is too complex to display: " + err.Error()}
	}
	return &preparedSave{path: path, req: req, outline: markup.Outline([]byte(req.Markdown))}, nil
}

func applyFrontMatter(req *SaveRequest) error {
	if !strings.HasPrefix(req.Markdown, "---") {
		return nil
	}
	fm, body, err := markup.SplitFrontMatter([]byte(req.Markdown))
	if err != nil {
		return &Error{Kind: Invalid, Msg: "the front matter at the top of the page is not valid YAML: " + err.Error()}
	}
	req.Markdown = string(body)
	if req.Title == "" {
		req.Title = fm.Title
	}
	if req.Tags == nil && fm.Tags != nil {
		req.Tags = fm.Tags
	}
	if req.Owner == "" {
		req.Owner = fm.Owner
	}
	if req.ReviewDays == 0 {
		req.ReviewDays = fm.ReviewDays
	}
	if req.Critical == nil && fm.Critical != nil {
		req.Critical = fm.Critical
	}
	return nil
}

// MsgPageDeleted is why a page cannot be saved at the path of a deleted
// one.
const MsgPageDeleted = "this page was deleted; an admin can restore it"

func validateSave(req *SaveRequest) error {
	req.Title = CleanDisplayText(req.Title)
	req.Comment = strings.TrimSpace(req.Comment)
	req.Markdown = strings.ReplaceAll(req.Markdown, "\r\n", "\n")
	switch {
	case !utf8.ValidString(req.Markdown):
		return Errorf(Invalid, "the page text is not valid UTF-8")
	case len(req.Markdown) > MaxMarkdownLen:
		return Errorf(TooLarge, "the page text is larger than %s", FormatBytes(MaxMarkdownLen))
	case utf8.RuneCountInString(req.Title) > MaxTitleLen:
		return Errorf(Invalid, "the title is longer than %d characters", MaxTitleLen)
	case utf8.RuneCountInString(req.Comment) > MaxCommentLen:
		return Errorf(Invalid, "the comment is longer than %d characters", MaxCommentLen)
	case req.ReviewDays < 0 || req.ReviewDays > 3650:
		return Errorf(Invalid, "review every N days: N must be between 0 (never) and 3650")
	case req.Author == "":
		return errors.New("save without an author")
	}
	if req.Tags != nil {
		req.Tags = CleanTags(req.Tags)
	}
	return nil
}

func (tx *Tx) savePage(path string, req *SaveRequest, outline []markup.Section) (*Page, error) {
	page, err := tx.pageByPath(path)
	switch {
	case errors.Is(err, ErrNotFound):
		if req.BaseRevision != 0 {
			if to := tx.Get(bucketRedirects, []byte(path)); to != nil {
				return nil, Errorf(Conflict, "the page %q was renamed to %q while you were editing: your text is kept below; save it there", path, to)
			}
			return nil, Errorf(Conflict, "the page %q no longer exists (it was renamed or deleted while you edited)", path)
		}
		page = &Page{V: 1, Path: path, Created: tx.Now()}
	case err != nil:
		return nil, err
	case page.Deleted:
		// Saving over a deleted page would revive it with its history and
		// attachments: that is a restore, which only admins may do.
		return nil, Errorf(Conflict, "%s", MsgPageDeleted)
	case req.BaseRevision != page.Revision:
		return nil, &ConflictError{Current: page, Base: req.BaseRevision}
	}
	var prevText string
	if page.Revision > 0 {
		prev, err := tx.revision(page.ID, page.Revision)
		if err != nil {
			return nil, err
		}
		prevText = prev.Markdown
	}
	next := *page
	req.Owner = tx.ownerName(req.Owner)
	applyMeta(&next, req, outline)
	if page.Revision > 0 && sameContent(page, &next, prevText, req.Markdown) {
		return page, nil
	}
	return tx.commitRevision(page, &next, req)
}

func applyMeta(next *Page, req *SaveRequest, outline []markup.Section) {
	if req.Title != "" {
		next.Title = req.Title
	} else if next.Title == "" {
		next.Title = firstH1(outline, next.Path)
	}
	if req.Tags != nil {
		next.Tags = req.Tags
	}
	if req.Owner != "" {
		next.Owner = strings.TrimSpace(req.Owner)
	}
	if req.ReviewDays != 0 {
		next.ReviewDays = req.ReviewDays
	}
	critical := next.Critical
	if req.Critical != nil {
		critical = req.Critical
	}
	oldSections := next.Sections
	next.Sections = sectionInfos(outline)
	next.Critical = carryCritical(critical, oldSections, next.Sections)
}

func firstH1(outline []markup.Section, path string) string {
	for _, s := range outline {
		if h := CleanDisplayText(s.Heading); s.Level == 1 && h != "" {
			return h
		}
	}
	return CleanDisplayText(TitleFromPath(path))
}

func sectionInfos(outline []markup.Section) []SectionInfo {
	out := make([]SectionInfo, 0, len(outline))
	for _, s := range outline {
		out = append(out, SectionInfo{ID: s.ID, Heading: s.Heading, Level: s.Level, Hash: s.Hash})
	}
	return out
}

// carryCritical keeps the critical marks on sections that still exist, and
// follows a marked section whose heading was renamed (renamedSections).
func carryCritical(marked []string, old, cur []SectionInfo) []string {
	curIDs := map[string]bool{}
	for _, s := range cur {
		curIDs[s.ID] = true
	}
	renamed := renamedSections(old, cur)
	var out []string
	for _, id := range marked {
		if curIDs[id] {
			out = append(out, id)
		} else if to, ok := renamed[id]; ok {
			out = append(out, to)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// renamedSections maps the IDs of sections whose heading an edit renamed
// to their new IDs: when an ID disappears and the section at the same
// position now has an ID that did not exist before, it is that section
// renamed.
func renamedSections(old, cur []SectionInfo) map[string]string {
	curIDs := map[string]bool{}
	for _, s := range cur {
		curIDs[s.ID] = true
	}
	oldIDs := map[string]int{}
	for i, s := range old {
		oldIDs[s.ID] = i
	}
	out := map[string]string{}
	for i, s := range old {
		if !curIDs[s.ID] && i < len(cur) && !hasKey(oldIDs, cur[i].ID) {
			out[s.ID] = cur[i].ID
		}
	}
	return out
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// sameContent reports whether an edit changes nothing worth a revision.
func sameContent(old, next *Page, oldText, newText string) bool {
	return oldText == newText && old.Title == next.Title && old.Owner == next.Owner &&
		old.ReviewDays == next.ReviewDays && slices.Equal(old.Tags, next.Tags) &&
		slices.Equal(old.Critical, next.Critical)
}
