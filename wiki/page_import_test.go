package wiki

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestSavePages(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "ops/existing", Markdown: "# Existing\n\nOld."})
	var reqs []SaveRequest
	for i := range 450 { // more than two chunks
		reqs = append(reqs, SaveRequest{Path: fmt.Sprintf("ops/p%03d", i), Markdown: fmt.Sprintf("# Page %d\n\nText.", i), Author: "alex"})
	}
	reqs = append(reqs,
		SaveRequest{Path: "bad path!", Markdown: "x", Author: "alex"},
		SaveRequest{Path: "ops/existing", Markdown: "# Existing\n\nNew.", BaseRevision: 7, Author: "alex"},
		SaveRequest{Path: "ops/existing", Markdown: "# Existing\n\nNewer.", BaseRevision: AnyRevision, Author: "alex"},
		SaveRequest{Path: "ops/p000", Markdown: "# Page 0\n\nText.", BaseRevision: AnyRevision, Author: "alex"},
	)
	res, err := s.SavePages(reqs)
	if err != nil {
		t.Fatalf("SavePages: %v", err)
	}
	for i := range 450 {
		if res[i].Err != nil || res[i].Status != Created || res[i].Page.Revision != 1 {
			t.Fatalf("SavePages result %d = %+v, want created at revision 1", i, res[i])
		}
	}
	tail := res[450:]
	if ErrorKind(tail[0].Err) != Invalid {
		t.Errorf("invalid path: err = %v, want Invalid", tail[0].Err)
	}
	var conflict *ConflictError
	if !errors.As(tail[1].Err, &conflict) {
		t.Errorf("stale base revision: err = %v, want *ConflictError", tail[1].Err)
	}
	if tail[2].Err != nil || tail[2].Status != Updated || tail[2].Page.Revision != 2 {
		t.Errorf("AnyRevision over an existing page = %+v, want updated to revision 2", tail[2])
	}
	if tail[3].Err != nil || tail[3].Status != Unchanged || tail[3].Page.Revision != 1 {
		t.Errorf("same text again = %+v, want unchanged at revision 1", tail[3])
	}
	if n, _ := s.PageCount(); n != 451 {
		t.Errorf("PageCount() = %d, want 451", n)
	}
}

// importTree is a small Markdown tree with one file of every kind Import
// must handle.
func importTree() fstest.MapFS {
	return fstest.MapFS{
		"README.md":                   {Data: []byte("Just text, no heading.\n")},
		"runbooks/DB-Failover.md":     {Data: []byte("# Database failover\n\n## Steps\n\nPromote the replica.\n")},
		"runbooks/alerts/KubeDown.md": {Data: []byte("---\ntitle: Kube down\ntags: [kubernetes, alert]\nowner: alex\nreview_days: 30\ncritical: [steps]\n---\n# Ignored H1\n\n## Steps\n\nCheck.\n")},
		"runbooks/bom.md":             {Data: []byte("\xef\xbb\xbf# With BOM\n")},
		"runbooks/latin1.md":          {Data: []byte("# Caf\xe9\n\nline 3 is fine\n")},
		"runbooks/hugo-archetype.md":  {Data: []byte("---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n---\n")},
		"runbooks/on call (old).md":   {Data: []byte("# Old\n")},
		"runbooks/db-failover.MD":     {Data: []byte("# Duplicate by case\n")},
		"runbooks/huge.md":            {Data: []byte("# Huge\n\n" + strings.Repeat("x", MaxMarkdownLen))},
		"runbooks/notes.txt":          {Data: []byte("not markdown")},
		".git/HEAD.md":                {Data: []byte("# never imported\n")},
	}
}

func TestImport(t *testing.T) {
	s := mustOpenStore(t)
	rep, err := s.Import(context.Background(), importTree(), ImportOptions{Prefix: "Team"})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	want := &ImportReport{Created: 4, Skipped: []ImportProblem{
		{"runbooks/db-failover.MD", `it becomes the same page "team/runbooks/db-failover" as runbooks/DB-Failover.md`},
		{"runbooks/huge.md", "the file is larger than 1.0 MiB, the page size limit"},
		{"runbooks/hugo-archetype.md", "the front matter at the top of the page is not valid YAML: front matter line 2: did not find expected key"},
		{"runbooks/latin1.md", "the file is not valid UTF-8 (line 1); convert it first, e.g. with iconv"},
		{"runbooks/on call (old).md", "its name is not a valid page path: the page path may only contain letters, digits, '-', '_', '.' and '/' (found ' ')"},
	}}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Fatalf("Import report (-want +got):\n%s", diff)
	}
	titles := map[string]string{
		"team/readme":                   "README",
		"team/runbooks/db-failover":     "Database failover",
		"team/runbooks/alerts/kubedown": "Kube down",
		"team/runbooks/bom":             "With BOM",
	}
	for path, title := range titles {
		p, err := s.Page(path)
		if err != nil {
			t.Fatalf("Page(%q): %v", path, err)
		}
		if p.Title != title {
			t.Errorf("Page(%q).Title = %q, want %q", path, p.Title, title)
		}
	}
	p, _ := s.Page("team/runbooks/alerts/kubedown")
	got := []any{p.Tags, p.Owner, p.ReviewDays, p.Critical}
	if diff := cmp.Diff([]any{[]string{"kubernetes", "alert"}, "alex", 30, []string{"steps"}}, got); diff != "" {
		t.Errorf("front matter metadata (-want +got):\n%s", diff)
	}
	if text, _ := s.CurrentText(p); strings.HasPrefix(text, "---") {
		t.Errorf("stored text keeps the front matter: %q", text)
	}
}

func TestReimport(t *testing.T) {
	s := mustOpenStore(t)
	tree := fstest.MapFS{
		"a.md":     {Data: []byte("# A\n\nFirst.\n")},
		"sub/b.md": {Data: []byte("---\ntags: [x]\n---\n# B\n")},
	}
	if _, err := s.Import(context.Background(), tree, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(context.Background(), tree, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (&ImportReport{Unchanged: 2}); !cmp.Equal(want, rep) {
		t.Errorf("re-import report = %+v, want %+v", rep, want)
	}
	tree["a.md"] = &fstest.MapFile{Data: []byte("# A renamed\n\nSecond.\n")}
	rep, err = s.Import(context.Background(), tree, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (&ImportReport{Updated: 1, Unchanged: 1}); !cmp.Equal(want, rep) {
		t.Errorf("import after a change = %+v, want %+v", rep, want)
	}
	a, _ := s.Page("a")
	revs, _ := s.Revisions(a.ID)
	if len(revs) != 2 || revs[0].Author != "import" || revs[0].Comment != "Imported from a.md" || a.Title != "A renamed" {
		t.Errorf("page a: title %q, revisions %+v; want 2 revisions, the newest by import \"Imported from a.md\", title \"A renamed\"", a.Title, revs)
	}
	b, _ := s.Page("sub/b")
	if revs, _ := s.Revisions(b.ID); len(revs) != 1 {
		t.Errorf("unchanged page sub/b has %d revisions, want 1", len(revs))
	}
}

func TestImportBadPrefix(t *testing.T) {
	s := mustOpenStore(t)
	_, err := s.Import(context.Background(), fstest.MapFS{"a.md": {Data: []byte("a")}}, ImportOptions{Prefix: "../x"})
	if ErrorKind(err) != Invalid {
		t.Errorf("Import with prefix ../x: err = %v, want Invalid", err)
	}
}

func TestExportMarkdownRoundTrip(t *testing.T) {
	s := mustOpenStore(t)
	// The stored text starts like front matter itself, which the export
	// must keep apart from the page's own.
	orig := mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "---\n---\n---\nnot: meta\n---\n# Body H1\n\n## Steps\n\nText: with colon.\n",
		Title: "DB: failover", Tags: []string{"db", "404"}, Owner: "alex", ReviewDays: 90, Critical: []string{"steps"}})
	text, _ := s.CurrentText(orig)
	if !strings.HasPrefix(text, "---\nnot: meta") || len(orig.Critical) != 1 {
		t.Fatalf("setup: text %q, critical %v", text, orig.Critical)
	}
	file := ExportMarkdown(orig, text)
	s2 := mustOpenStore(t)
	if _, err := s2.Import(context.Background(), fstest.MapFS{"ops/db.md": {Data: file}}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := s2.Page("ops/db")
	if err != nil {
		t.Fatal(err)
	}
	text2, _ := s2.CurrentText(got)
	type meta struct {
		Title, Owner, Text string
		Tags, Critical     []string
		ReviewDays         int
	}
	want := meta{orig.Title, orig.Owner, text, orig.Tags, orig.Critical, orig.ReviewDays}
	if diff := cmp.Diff(want, meta{got.Title, got.Owner, text2, got.Tags, got.Critical, got.ReviewDays}); diff != "" {
		t.Errorf("page after export and import (-want +got):\n%s\nfile:\n%s", diff, file)
	}
}
