package main

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// cliResult is one run of the command line.
type cliResult struct {
	code           int
	stdout, stderr string
}

func cli(t *testing.T, args ...string) cliResult {
	t.Helper()
	code, stdout, stderr := runCLI(t, args...)
	return cliResult{code, stdout, stderr}
}

const importTree = "testdata/import"

// importSkips are the warnings for the bad files of testdata/import.
var importSkips = []string{
	"handover: skipped runbooks/hugo-archetype.md: the front matter at the top of the page is not valid YAML: front matter line 2: did not find expected key",
	"handover: skipped runbooks/latin1.md: the file is not valid UTF-8 (line 1); convert it first, e.g. with iconv",
	"handover: skipped runbooks/on call (old).md: its name is not a valid page path: the page path may only contain letters, digits, '-', '_', '.' and '/' (found ' ')",
}

func TestImportCommand(t *testing.T) {
	data := t.TempDir()
	got := cli(t, "import", "--data", data, "--prefix", "Team/On-Call", importTree)
	want := cliResult{0, "imported 3 pages (3 created, 0 updated, 0 unchanged, 3 skipped)\n", strings.Join(importSkips, "\n") + "\n"}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(cliResult{})); diff != "" {
		t.Fatalf("import (-want +got):\n%s", diff)
	}
	got = cli(t, "import", "--data", data, "--prefix", "team/on-call", importTree)
	if want := "imported 3 pages (0 created, 0 updated, 3 unchanged, 3 skipped)\n"; got.code != 0 || got.stdout != want {
		t.Errorf("re-import = %d %q, want 0 %q", got.code, got.stdout, want)
	}
	if got := cli(t, "check", "--data", data); got.code != 0 {
		t.Errorf("check after import = %d, stdout %q, stderr %q; want 0", got.code, got.stdout, got.stderr)
	}
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	wantTitles := map[string]string{
		"team/on-call/readme":                        "README",
		"team/on-call/runbooks/db-failover":          "Database failover",
		"team/on-call/runbooks/alerts/kube-api-down": "Kube API down",
	}
	for path, title := range wantTitles {
		p, err := store.Page(path)
		if err != nil || p.Title != title || p.Revision != 1 {
			t.Errorf("Page(%q) = %+v, %v; want title %q at revision 1", path, p, err, title)
		}
	}
}

func TestImportCommandErrors(t *testing.T) {
	empty := t.TempDir()
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "x.md"), []byte("\xff\xfe"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		msg  string // a line of stderr
	}{
		{"no directory", []string{}, 2, "handover: import takes one directory of Markdown files"},
		{"bad prefix", []string{"--prefix", "../up", importTree}, 2, `handover: --prefix "../up": the page path may not contain ".." segments`},
		{"missing directory", []string{"testdata/nope"}, 1, "handover: import: open testdata/nope: no such file or directory"},
		{"no markdown", []string{empty}, 1, "handover: no .md files in " + empty},
		{"every file bad", []string{bad}, 1, "handover: nothing imported: all 1 files were skipped"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cli(t, append([]string{"import", "--data", t.TempDir()}, tc.args...)...)
			if got.code != tc.code || !slices.Contains(strings.Split(got.stderr, "\n"), tc.msg) {
				t.Errorf("import %q = exit %d, stderr %q; want exit %d with line %q", tc.args, got.code, got.stderr, tc.code, tc.msg)
			}
		})
	}
}

// TestImportLockedDataDir runs import while "the server" (this test) holds
// the database: it must say so, quickly, instead of waiting.
func TestImportLockedDataDir(t *testing.T) {
	data := t.TempDir()
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	start := time.Now()
	got := cli(t, "import", "--data", data, importTree)
	want := "handover: cannot import: the data directory " + data + " is in use by a running handover server; stop the server and try again\n"
	if got.code != 1 || got.stderr != want {
		t.Errorf("import on a locked data dir = exit %d, stderr %q; want 1, %q", got.code, got.stderr, want)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("import on a locked data dir took %v, want under 2s", d)
	}
}

// TestExportImportRoundTrip: export, import into an empty data directory,
// export again: the two exports are the same bytes.
func TestExportImportRoundTrip(t *testing.T) {
	data1, data2 := t.TempDir(), t.TempDir()
	out1, out2 := filepath.Join(t.TempDir(), "out1"), filepath.Join(t.TempDir(), "out2")
	if got := cli(t, "import", "--data", data1, "--prefix", "ops", importTree); got.code != 0 {
		t.Fatalf("import: %+v", got)
	}
	editPage(t, data1)
	if got := cli(t, "export", "--data", data1, out1); got.code != 0 || got.stdout != "exported 3 pages, 0 quizzes, 2 files to "+out1+"\n" {
		t.Fatalf("export = %+v, want exit 0, 3 pages (4 made, 1 deleted) and the 2 files of live pages", got)
	}
	const imported = "imported 3 pages (3 created, 0 updated, 0 unchanged, 0 skipped)\nimported 2 files (2 stored, 0 unchanged, 0 skipped)\n"
	if got := cli(t, "import", "--data", data2, out1); got.code != 0 || got.stdout != imported {
		t.Fatalf("import of the export = %+v", got)
	}
	const again = "imported 3 pages (0 created, 0 updated, 3 unchanged, 0 skipped)\nimported 2 files (0 stored, 2 unchanged, 0 skipped)\n"
	if got := cli(t, "import", "--data", data2, out1); got.code != 0 || got.stdout != again {
		t.Fatalf("second import of the export = %+v, want everything unchanged", got)
	}
	if got := cli(t, "export", "--data", data2, out2); got.code != 0 {
		t.Fatalf("second export = %+v", got)
	}
	files1, files2 := readTree(t, out1), readTree(t, out2)
	if diff := cmp.Diff(files1, files2); diff != "" {
		t.Errorf("export of the import of an export differs (-first +second):\n%s", diff)
	}
	want := "---\ntitle: 'Ops: a page with metadata'\ntags:\n  - handover\n  - db\nowner: sam\nreview_days: 90\ncritical:\n  - steps\n---\n# Body\n\n## Steps\n\nDo it.\n"
	if _, ok := files1["ops/readme.md"]; ok {
		t.Errorf("the export has the deleted page ops/readme")
	}
	if got := files1["ops/meta.md"]; got != want {
		t.Errorf("ops/meta.md =\n%s\nwant\n%s", got, want)
	}
	if files1["ops/meta.files/diagram.png"] != string(webtest.PNG) || files1["ops/meta.files/notes.md"] != "# not a page\n" {
		t.Errorf("the export lacks the page's files or changed them: %v", slices.Collect(maps.Keys(files1)))
	}
	if _, ok := files1["ops/readme.files/old.txt"]; ok {
		t.Errorf("the export has a file of the deleted page ops/readme")
	}
	if got := cli(t, "export", "--data", data1, out1); got.code != 1 || !strings.Contains(got.stderr, "is not empty") {
		t.Errorf("export into a non-empty directory = %+v, want exit 1, not empty", got)
	}
}

// editPage adds a page with every kind of metadata and two files (one a
// Markdown file, which must not become a page on import), and deletes a
// page with a file, which the export must leave out.
func editPage(t *testing.T, data string) {
	t.Helper()
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	_, err = store.SavePage(wiki.SaveRequest{Path: "ops/meta", Markdown: "# Body\n\n## Steps\n\nDo it.\n", Author: "sam",
		Title: "Ops: a page with metadata", Tags: []string{"handover", "db"}, Owner: "sam", ReviewDays: 90, Critical: []string{"steps"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ page, name, data string }{
		{"ops/meta", "diagram.png", string(webtest.PNG)}, {"ops/meta", "notes.md", "# not a page\n"}, {"ops/readme", "old.txt", "gone"},
	} {
		if _, err := store.AddAttachment(f.page, f.name, "sam", []byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.DeletePage("ops/readme", "sam"); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBenchJSON runs a tiny bench: one JSON object with every key.
func TestBenchJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("bench runs a server under load")
	}
	got := cli(t, "bench", "--pages", "50", "--json", "--duration", "400ms")
	if got.code != 0 {
		t.Fatalf("bench = exit %d, stderr %q", got.code, got.stderr)
	}
	var res map[string]float64
	dec := json.NewDecoder(strings.NewReader(got.stdout))
	if err := dec.Decode(&res); err != nil || dec.More() {
		t.Fatalf("bench output %q is not one JSON object: %v", got.stdout, err)
	}
	keys := []string{"pages", "import_s", "startup_ms", "rss_mb", "view_rps", "ceiling_rps", "view_ratio",
		"view_p99_ms", "search_p50_ms", "search_p99_ms", "save_p99_ms"}
	for _, k := range keys {
		if v, ok := res[k]; !ok || v <= 0 {
			t.Errorf("bench JSON %s = %v (present %v), want a positive number", k, v, ok)
		}
	}
	if len(res) != len(keys) || res["pages"] != 50 {
		t.Errorf("bench JSON = %v, want exactly the keys %v with pages 50", res, keys)
	}
}

// TestImportFilesSkipsWhatItCannotTake: a file too large, one in a nested
// directory and one of a page that does not exist are each reported and
// skipped; the good file and the page are imported.
func TestImportFilesSkipsWhatItCannotTake(t *testing.T) {
	src := t.TempDir()
	for name, data := range map[string]string{
		"runbook.md":                 "# Runbook\n",
		"runbook.files/ok.txt":       "fine",
		"runbook.files/big.bin":      strings.Repeat("x", 2048),
		"runbook.files/deeper/x.txt": "nested",
		"missing.files/orphan.txt":   "no page",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	got := cli(t, "import", "--data", t.TempDir(), "--max-upload", "1KiB", src)
	if got.code != 0 || !strings.Contains(got.stdout, "imported 1 files (1 stored, 0 unchanged, 3 skipped)") {
		t.Fatalf("import = %+v", got)
	}
	for _, want := range []string{
		"handover: skipped missing.files/orphan.txt: there is no page \"missing\" to attach it to",
		"handover: skipped runbook.files/big.bin: it is larger than 1.0 KiB, the attachment size limit",
		"handover: skipped runbook.files/deeper: attachments are files directly inside a .files directory, not in directories below it",
	} {
		if !slices.Contains(strings.Split(got.stderr, "\n"), want) {
			t.Errorf("stderr lacks %q:\n%s", want, got.stderr)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	if got := cli(t, "version"); got.code != 0 || !strings.HasPrefix(got.stdout, "handover ") || !strings.Contains(got.stdout, "go1.") {
		t.Errorf("version = %+v, want exit 0 and \"handover … go1.…\"", got)
	}
	if got := cli(t, "version", "extra"); got.code != 2 || !strings.Contains(got.stderr, "version takes no arguments") {
		t.Errorf("version extra = %+v, want exit 2 (bad usage)", got)
	}
}
