package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
)

// quizDataDir is a data directory holding the crisis protocol page, for
// the quiz commands.
func quizDataDir(t *testing.T, paths ...string) string {
	t.Helper()
	dir := t.TempDir()
	store, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, p := range paths {
		if _, err := store.SavePage(wiki.SaveRequest{Path: p, Markdown: quiztest.PageMD, Author: "alex"}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const cliGIFT = `// [id:first] [tag:section:first-steps] [tag:critical]
::First::What comes first?{
	=Acknowledge the page#Right.
	~Call Morgan#Not yet.
	####Acknowledge so the secondary is not woken.
}

// [tag:section:escalation]
Minutes before calling Morgan?{#=30 =%50%25..35}

// [tag:section:no-such-section]
Fencing protects against split brain.{T}

Broken question {=a ~b

Why fence first?{}
`

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQuizImportCommand(t *testing.T) {
	dir := quizDataDir(t, "ops/crisis")
	file := writeFile(t, "crisis.gift", cliGIFT)
	code, stdout, stderr := runCLI(t, "quiz", "import", "--data", dir, "--page", "ops/crisis", file)
	if code != 0 || stdout != "imported 4 questions\n" {
		t.Fatalf("quiz import = %d %q %q, want 0 and imported 4 questions", code, stdout, stderr)
	}
	for _, want := range []string{"line 14: skipped: missing closing }", "line 12: warning: the page has no section \"no-such-section\""} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Importing the same file again changes nothing: questions are matched
	// by id, or by content when they have none.
	code, stdout, stderr = runCLI(t, "quiz", "import", "--data", dir, "--page", "ops/crisis", file)
	if code != 0 || stdout != "imported 4 questions\n" || !strings.Contains(stderr, "0 new, 0 updated, 4 unchanged") {
		t.Errorf("second import = %d %q %q", code, stdout, stderr)
	}
}

func TestQuizImportRefusals(t *testing.T) {
	dir := quizDataDir(t, "ops/crisis")
	latin1 := writeFile(t, "latin1.gift", "// caf\xe9\nOK?{T}\n")
	code, stdout, stderr := runCLI(t, "quiz", "import", "--data", dir, "--page", "ops/crisis", latin1)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "not UTF-8: invalid byte 0xe9 at line 1") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("non-UTF-8 import = %d %q %q, want exit 1 and one line naming the byte", code, stdout, stderr)
	}
	ok := writeFile(t, "ok.gift", "OK?{T}\n")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--page", "ops/nowhere", ok}, 1, `there is no page "ops/nowhere"`},
		{[]string{ok}, 2, "quiz import takes --page PATH"},
		{[]string{"--page", "ops/crisis", writeFile(t, "bad.gift", "Broken {=a\n")}, 1, "no question could be imported"},
		{[]string{"--page", "ops/crisis", filepath.Join(t.TempDir(), "missing.gift")}, 1, "no such file"},
	} {
		code, _, stderr := runCLI(t, append([]string{"quiz", "import", "--data", dir}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("quiz import %v = %d %q, want %d with %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if code, _, stderr := runCLI(t, "quiz", "export", "--data", dir, "--page", "ops/crisis"); code != 1 || !strings.Contains(stderr, "has no quiz") {
		t.Errorf("export of a page without a quiz = %d %q", code, stderr)
	}
}

// TestQuizExportImportExport: the CLI's export, imported into another data
// directory, exports to the same bytes.
func TestQuizExportImportExport(t *testing.T) {
	dir1, dir2 := quizDataDir(t, "ops/crisis"), quizDataDir(t, "ops/crisis")
	runCLI(t, "quiz", "import", "--data", dir1, "--page", "ops/crisis", "--author", "alex", writeFile(t, "a.gift", cliGIFT))
	code, first, stderr := runCLI(t, "quiz", "export", "--data", dir1, "--page", "ops/crisis")
	if code != 0 || !strings.Contains(first, "// handover quiz: author=alex pass_mark=80") || !strings.Contains(first, "[tag:critical]") {
		t.Fatalf("export = %d %q %q", code, first, stderr)
	}
	exported := writeFile(t, "export.gift", first)
	if code, stdout, stderr := runCLI(t, "quiz", "import", "--data", dir2, "--page", "ops/crisis", exported); code != 0 || stdout != "imported 4 questions\n" || stderr != "" {
		t.Fatalf("import of the export = %d %q %q", code, stdout, stderr)
	}
	_, second, _ := runCLI(t, "quiz", "export", "--data", dir2, "--page", "ops/crisis")
	if first != second {
		t.Errorf("export → import → export changed:\n%s\n---\n%s", first, second)
	}
	// Importing the export into its own quiz changes nothing.
	runCLI(t, "quiz", "import", "--data", dir1, "--page", "ops/crisis", exported)
	if _, third, _ := runCLI(t, "quiz", "export", "--data", dir1, "--page", "ops/crisis"); third != first {
		t.Errorf("re-importing an export into its quiz changed it:\n%s", third)
	}
}

// TestExportDirWithQuizzes: `handover export` writes quizzes beside their
// pages and `handover import` brings them back.
func TestExportDirWithQuizzes(t *testing.T) {
	dir1, dir2 := quizDataDir(t, "ops/crisis", "ops/other"), t.TempDir()
	runCLI(t, "quiz", "import", "--data", dir1, "--page", "ops/crisis", writeFile(t, "a.gift", cliGIFT))
	out := filepath.Join(t.TempDir(), "out")
	if code, stdout, stderr := runCLI(t, "export", "--data", dir1, out); code != 0 || !strings.Contains(stdout, "2 pages, 1 quizzes") {
		t.Fatalf("export = %d %q %q", code, stdout, stderr)
	}
	gift, err := os.ReadFile(filepath.Join(out, "ops", "crisis.gift"))
	if err != nil {
		t.Fatalf("no quiz beside its page: %v", err)
	}
	if code, stdout, stderr := runCLI(t, "import", "--data", dir2, out); code != 0 || !strings.Contains(stdout, "imported 1 quizzes (4 questions)") {
		t.Fatalf("import = %d %q %q", code, stdout, stderr)
	}
	if _, again, _ := runCLI(t, "quiz", "export", "--data", dir2, "--page", "ops/crisis"); again != string(gift) {
		t.Errorf("the imported quiz exports differently:\n%s\n---\n%s", gift, again)
	}
}

// TestQuizCommandGroup: `handover quiz` without a command lists import and
// export, on stdout with exit 0 for -h/--help, else as bad usage (exit 2).
func TestQuizCommandGroup(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"quiz", "--help"}, 0},
		{"short help", []string{"quiz", "-h"}, 0},
		{"no command", []string{"quiz"}, 2},
		{"unknown command", []string{"quiz", "grade"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			list := stdout
			if tc.code != 0 {
				list = stderr
			}
			if code != tc.code {
				t.Errorf("handover %q = %d, want %d; stderr:\n%s", tc.args, code, tc.code, stderr)
			}
			for _, want := range []string{"\n  quiz import  import GIFT questions", "\n  quiz export  write a page's quiz as GIFT"} {
				if !strings.Contains(list, want) {
					t.Errorf("handover %q lists no %q:\n%s", tc.args, want, list)
				}
			}
			if strings.Contains(stderr, "unknown command \"quiz\"") {
				t.Errorf("handover %q calls quiz an unknown command", tc.args)
			}
		})
	}
}
