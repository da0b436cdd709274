package wiki

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustOpenStore(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustSave(t *testing.T, s *Store, req SaveRequest) *Page {
	t.Helper()
	if req.Author == "" {
		req.Author = "alex"
	}
	p, err := s.SavePage(req)
	if err != nil {
		t.Fatalf("SavePage(%q): %v", req.Path, err)
	}
	return p
}

const runbook = `# Database failover

Intro text.

## Failover steps

1. Promote the replica.

## Rollback

Undo it.
`

func TestSavePageRevisions(t *testing.T) {
	s := mustOpenStore(t)
	p := mustSave(t, s, SaveRequest{Path: "Ops/DB-Failover", Markdown: runbook, Comment: "first"})
	if p.Path != "ops/db-failover" || p.Revision != 1 || p.Title != "Database failover" {
		t.Fatalf("SavePage = path %q rev %d title %q, want ops/db-failover 1 \"Database failover\"", p.Path, p.Revision, p.Title)
	}
	p2 := mustSave(t, s, SaveRequest{Path: "ops/db-failover", Markdown: runbook + "\nMore.\n", BaseRevision: 1, Author: "sam"})
	if p2.Revision != 2 || p2.UpdatedBy != "sam" {
		t.Errorf("second save = rev %d by %q, want 2 by sam", p2.Revision, p2.UpdatedBy)
	}
	same := mustSave(t, s, SaveRequest{Path: "ops/db-failover", Markdown: runbook + "\nMore.\n", BaseRevision: 2})
	if same.Revision != 2 {
		t.Errorf("unchanged save made revision %d, want no new revision", same.Revision)
	}
	revs, err := s.Revisions(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range revs {
		got = append(got, r.N)
	}
	if diff := cmp.Diff([]int{2, 1}, got); diff != "" {
		t.Errorf("Revisions (-want +got):\n%s", diff)
	}
	r1, err := s.PageRevision(p.ID, 1)
	if err != nil || r1.Markdown != runbook || r1.Comment != "first" {
		t.Errorf("PageRevision(1) = %+v, %v; want the first text and comment", r1, err)
	}
}

func TestSavePageConflict(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "one"})
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "two", BaseRevision: 1})
	_, err := s.SavePage(SaveRequest{Path: "a", Markdown: "mine", BaseRevision: 1, Author: "sam"})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Current.Revision != 2 {
		t.Fatalf("stale save: err = %v, want *ConflictError at revision 2", err)
	}
	if ErrorKind(err) != Conflict {
		t.Errorf("ErrorKind(conflict) = %v, want Conflict", ErrorKind(err))
	}
	if _, err := s.SavePage(SaveRequest{Path: "new", Markdown: "x", BaseRevision: 3, Author: "sam"}); ErrorKind(err) != Conflict {
		t.Errorf("save with a base revision to a missing page: %v, want Conflict", err)
	}
}

func TestFrontMatterFillsMetadata(t *testing.T) {
	s := mustOpenStore(t)
	md := "---\ntitle: Key contacts\ntags: [contacts, Vendors]\nowner: alex\nreview_days: 30\ncritical: [escalation]\n---\n## Escalation\n\nCall Pat.\n"
	p := mustSave(t, s, SaveRequest{Path: "contacts", Markdown: md})
	want := struct {
		Title    string
		Tags     []string
		Owner    string
		Days     int
		Critical []string
	}{"Key contacts", []string{"contacts", "vendors"}, "alex", 30, []string{"escalation"}}
	got := want
	got.Title, got.Tags, got.Owner, got.Days, got.Critical = p.Title, p.Tags, p.Owner, p.ReviewDays, p.Critical
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("front matter (-want +got):\n%s", diff)
	}
	text, _ := s.CurrentText(p)
	if strings.Contains(text, "title:") {
		t.Errorf("stored text keeps the front matter: %q", text)
	}
}

func TestCriticalSurvivesSavesAndRenamedHeading(t *testing.T) {
	s := mustOpenStore(t)
	p := mustSave(t, s, SaveRequest{Path: "db", Markdown: runbook, Critical: []string{"failover-steps"}})
	p = mustSave(t, s, SaveRequest{Path: "db", Markdown: runbook + "\nmore\n", BaseRevision: p.Revision})
	if diff := cmp.Diff([]string{"failover-steps"}, p.Critical); diff != "" {
		t.Errorf("critical after an unrelated edit (-want +got):\n%s", diff)
	}
	renamed := strings.Replace(runbook, "## Failover steps", "## Failover procedure", 1)
	p = mustSave(t, s, SaveRequest{Path: "db", Markdown: renamed, BaseRevision: p.Revision})
	if diff := cmp.Diff([]string{"failover-procedure"}, p.Critical); diff != "" {
		t.Errorf("critical after renaming the heading (-want +got):\n%s", diff)
	}
}

func TestSignificantChange(t *testing.T) {
	s := mustOpenStore(t)
	p := mustSave(t, s, SaveRequest{Path: "db", Markdown: runbook, Critical: []string{"failover-steps"}})
	if p.SignificantRev != 1 {
		t.Fatalf("first revision: SignificantRev = %d, want 1", p.SignificantRev)
	}
	tests := []struct {
		name        string
		edit        func(string) string
		significant bool
		wantSig     bool
	}{
		{"edit outside critical sections", func(s string) string { return strings.Replace(s, "Undo it.", "Undo it carefully.", 1) }, false, false},
		{"edit in a critical section", func(s string) string { return strings.Replace(s, "Promote the replica.", "Promote replica db-02.", 1) }, false, true},
		{"author asks for re-acknowledgement", func(s string) string { return s + "\nNote.\n" }, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, _ := s.CurrentText(p)
			next := mustSave(t, s, SaveRequest{Path: "db", Markdown: tc.edit(text), BaseRevision: p.Revision, Significant: tc.significant})
			if got := next.SignificantRev == next.Revision; got != tc.wantSig {
				t.Errorf("significant = %v, want %v (SignificantRev %d, Revision %d)", got, tc.wantSig, next.SignificantRev, next.Revision)
			}
			p = next
		})
	}
}

func TestRenameLeavesRedirect(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "old/name", Markdown: "text"})
	mustSave(t, s, SaveRequest{Path: "taken", Markdown: "text"})
	p, err := s.RenamePage("old/name", "New/Name", "alex", 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != "new/name" || p.Revision != 2 {
		t.Errorf("RenamePage = %q rev %d, want new/name rev 2", p.Path, p.Revision)
	}
	if to, err := s.Redirect("old/name"); err != nil || to != "new/name" {
		t.Errorf("Redirect(old/name) = %q, %v; want new/name", to, err)
	}
	if _, err := s.Page("old/name"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Page(old/name) err = %v, want ErrNotFound", err)
	}
	if _, err := s.RenamePage("new/name", "taken", "alex", 0); ErrorKind(err) != Conflict {
		t.Errorf("rename onto an existing page: %v, want Conflict", err)
	}
	// A page created at the old path replaces the redirect only when
	// something renames onto it; the redirect chain follows renames.
	if _, err := s.RenamePage("new/name", "newer", "alex", 0); err != nil {
		t.Fatal(err)
	}
	if to, _ := s.Redirect("old/name"); to != "newer" {
		t.Errorf("Redirect chain old/name → %q, want newer", to)
	}
}

func TestDeleteRestore(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "[[b]]"})
	mustSave(t, s, SaveRequest{Path: "b", Markdown: "text"})
	if links, _ := s.Backlinks("b"); len(links) != 1 {
		t.Fatalf("Backlinks(b) = %d pages, want 1", len(links))
	}
	if _, err := s.DeletePage("a", "alex"); err != nil {
		t.Fatal(err)
	}
	if links, _ := s.Backlinks("b"); len(links) != 0 {
		t.Errorf("Backlinks(b) after deleting a = %d, want 0", len(links))
	}
	if pages, _ := s.ListPages(""); len(pages) != 1 {
		t.Errorf("ListPages after delete = %d pages, want 1", len(pages))
	}
	trash, _ := s.DeletedPages()
	if len(trash) != 1 || trash[0].DeletedBy != "alex" {
		t.Fatalf("DeletedPages = %v, want page a deleted by alex", trash)
	}
	p, err := s.RestorePage("a", "admin")
	if err != nil || p.Deleted {
		t.Fatalf("RestorePage = %v, %v", p, err)
	}
	if links, _ := s.Backlinks("b"); len(links) != 1 {
		t.Errorf("Backlinks(b) after restore = %d, want 1", len(links))
	}
	if _, err := s.RestorePage("a", "admin"); ErrorKind(err) != Invalid {
		t.Errorf("restoring a live page: %v, want Invalid", err)
	}
}

func TestRevert(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "one"})
	p := mustSave(t, s, SaveRequest{Path: "a", Markdown: "two", BaseRevision: 1})
	p, err := s.RevertPage(p, 1, "sam", 2)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := s.CurrentText(p)
	if p.Revision != 3 || text != "one" {
		t.Errorf("after revert: rev %d text %q, want rev 3 text \"one\"", p.Revision, text)
	}
	if _, err := s.RevertPage(p, 1, "sam", 2); ErrorKind(err) != Conflict {
		t.Errorf("revert with a stale base: %v, want Conflict", err)
	}
	if _, err := s.RevertPage(p, 9, "sam", 3); ErrorKind(err) != NotFound {
		t.Errorf("revert to a missing revision: %v, want NotFound", err)
	}
}

func TestSaveValidation(t *testing.T) {
	s := mustOpenStore(t)
	tests := []struct {
		name string
		req  SaveRequest
		want Kind
	}{
		{"empty path", SaveRequest{Path: "", Markdown: "x"}, Invalid},
		{"dot dot", SaveRequest{Path: "a/../b", Markdown: "x"}, Invalid},
		{"huge text", SaveRequest{Path: "a", Markdown: strings.Repeat("x", MaxMarkdownLen+1)}, TooLarge},
		{"bad utf-8", SaveRequest{Path: "a", Markdown: "\xff\xfe"}, Invalid},
		{"long title", SaveRequest{Path: "a", Markdown: "x", Title: strings.Repeat("t", MaxTitleLen+1)}, Invalid},
		{"bad front matter", SaveRequest{Path: "a", Markdown: "---\ntitle: [unclosed\n---\nbody"}, Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Author = "alex"
			if _, err := s.SavePage(tc.req); ErrorKind(err) != tc.want {
				t.Errorf("SavePage = %v (kind %v), want kind %v", err, ErrorKind(err), tc.want)
			}
		})
	}
}

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Ops/Runbooks/DB-Failover", "ops/runbooks/db-failover", true},
		{"/leading/and/trailing/", "leading/and/trailing", true},
		{"café/überblick", "café/überblick", true},
		{"v1.2_notes", "v1.2_notes", true},
		{"", "", false},
		{"a//b", "", false},
		{"../etc/passwd", "", false},
		{"a/./b", "", false},
		{"a b", "", false},
		{"<script>", "", false},
		{"a?b", "", false},
		{"a\\b", "", false},
		{strings.Repeat("x", 201), "", false},
		{strings.Repeat("x", 200), strings.Repeat("x", 200), true},
		{"a/\x00", "", false},
	}
	for _, tc := range tests {
		got, err := CleanPath(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("CleanPath(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && (ErrorKind(err) != Invalid || ErrorMessage(err) == "") {
			t.Errorf("CleanPath(%q) error %v is not a clear Invalid error", tc.in, err)
		}
	}
}

func TestRecentChanges(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "1"})
	mustSave(t, s, SaveRequest{Path: "b", Markdown: "1"})
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "2", BaseRevision: 1})
	mustSave(t, s, SaveRequest{Path: "c", Markdown: "1"})
	if _, err := s.DeletePage("c", "alex"); err != nil {
		t.Fatal(err)
	}
	entries, err := s.RecentChanges(10, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Page.Path+"@"+string(rune('0'+e.Revision.N)))
	}
	if diff := cmp.Diff([]string{"a@2", "b@1", "a@1"}, got); diff != "" {
		t.Errorf("RecentChanges (-want +got):\n%s", diff)
	}
}

func TestNeedsReview(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	p := &Page{Created: now.AddDate(0, 0, -40), ReviewDays: 30}
	if !p.NeedsReview(now) {
		t.Error("40-day-old page with a 30-day review: NeedsReview = false, want true")
	}
	p.Verified = now.AddDate(0, 0, -5)
	if p.NeedsReview(now) {
		t.Error("page verified 5 days ago: NeedsReview = true, want false")
	}
}

func TestChangeLogInSameTransaction(t *testing.T) {
	s := mustOpenStore(t)
	p := mustSave(t, s, SaveRequest{Path: "a", Markdown: "## One\n\ntext\n"})
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "## Two\n\ntext\n", BaseRevision: 1})
	changes, err := s.ChangesAfter(0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 || changes[1].ID != p.ID {
		t.Fatalf("ChangesAfter(0) = %+v, want two changes of page %d", changes, p.ID)
	}
	if diff := cmp.Diff([]string{PageDocID(p.ID), SectionDocID(p.ID, "one")}, changes[1].Docs); diff != "" {
		t.Errorf("second change's old docs (-want +got):\n%s", diff)
	}
	if err := s.PruneChanges(1); err != nil {
		t.Fatal(err)
	}
	if rest, _ := s.ChangesAfter(0, 10); len(rest) != 1 || rest[0].Seq != 2 {
		t.Errorf("after PruneChanges(1): %+v, want only seq 2", rest)
	}
}

// TestSaveOverDeletedPageRefused: saving at the path of a deleted page,
// as a new page (base revision 0) or as an edit of its last revision,
// would revive it with its history and attachments; that is a restore,
// which only admins may do, so the save is a Conflict saying so and
// changes nothing.
func TestSaveOverDeletedPageRefused(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "secret"})
	if _, err := s.DeletePage("a", "admin"); err != nil {
		t.Fatal(err)
	}
	for _, base := range []int{0, 1, AnyRevision} {
		_, err := s.SavePage(SaveRequest{Path: "a", Markdown: "mine", Author: "mallory", BaseRevision: base})
		if ErrorKind(err) != Conflict || ErrorMessage(err) != "this page was deleted; an admin can restore it" {
			t.Errorf("SavePage over a deleted page, base %d: %v, want Conflict", base, err)
		}
	}
	if trash, _ := s.DeletedPages(); len(trash) != 1 || trash[0].Revision != 1 {
		t.Errorf("DeletedPages = %v, want page a, deleted, at revision 1", trash)
	}
	if _, err := s.RestorePage("a", "admin"); err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "after restore", BaseRevision: 1})
}
