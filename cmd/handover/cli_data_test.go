package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestCommandsNeedExistingData: a command that only reads or maintains
// existing data refuses a data directory without a database (a mistyped
// --data) instead of creating an empty wiki there and succeeding. Adding
// the first user may start a new one.
func TestCommandsNeedExistingData(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "handover-dta")
	out := t.TempDir()
	for _, args := range [][]string{
		{"export", "--data", typo, filepath.Join(out, "export")},
		{"check", "--data", typo},
		{"reindex", "--data", typo},
		{"token", "add", "--data", typo, "admin"},
		{"backup", "--data", typo, filepath.Join(out, "b.db")},
		{"quiz", "export", "--data", typo, "--page", "ops/crisis"},
	} {
		code, _, errOut := runCLI(t, args...)
		if want := "handover: no handover data in " + typo + " (wrong --data?)\n"; code != 1 || errOut != want {
			t.Errorf("%v: exit %d, %q; want 1, %q", args, code, errOut, want)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("%v created the data directory", args)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "export")); err == nil {
		t.Errorf("export with a wrong --data created its target directory")
	}
	fresh := filepath.Join(t.TempDir(), "new")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"user", "add", "--data", fresh, "--role", "admin", "admin"},
		strings.NewReader(webtest.Password+"\n"), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("user add on a new data directory: exit %d, %s", code, stderr.String())
	}
	if code, token, errOut := runCLI(t, "token", "add", "--data", fresh, "admin"); code != 0 || token == "" {
		t.Errorf("token add after user add: exit %d, %s", code, errOut)
	}
}

// TestCheckAdvice: check tells a damaged database (restore a backup) from
// an index out of step (reindex), and counts in good English.
func TestCheckAdvice(t *testing.T) {
	damaged := dataWithPage(t, "a", "# A\n\n"+marker)
	db := filepath.Join(damaged, wiki.DBFile)
	os.WriteFile(db, breakJSON(readFile(t, db)), 0o600)
	code, out, errOut := runCLI(t, "check", "--data", damaged)
	if code != 1 || !oneLine(errOut) || !strings.Contains(errOut, "restore it from a backup") || !strings.Contains(out, "database: ") {
		t.Errorf("check of a damaged database: exit %d, %q %q; want 1, the problem and advice to restore a backup", code, out, errOut)
	}
	noIndex := dataWithPage(t, "a", "# A")
	code, _, errOut = runCLI(t, "check", "--data", noIndex)
	if want := "handover: 1 problem found in the search index (run 'handover reindex' to rebuild it)\n"; code != 1 || errOut != want {
		t.Errorf("check without an index: exit %d, %q; want %q", code, errOut, want)
	}
}

// TestOpenErrorsSayItOnce: an error opening the database names the file
// once, not "open X: open X: …".
func TestOpenErrorsSayItOnce(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, wiki.DBFile), 0o700)
	code, _, errOut := runCLI(t, "check", "--data", dir)
	if code != 1 || !oneLine(errOut) || strings.Count(errOut, wiki.DBFile) != 1 {
		t.Errorf("check with a directory for a database: exit %d, %q; want one line naming the file once", code, errOut)
	}
}
