package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
)

// dataWithPage returns a new data directory holding one page.
func dataWithPage(t *testing.T, path, markdown string) string {
	t.Helper()
	dir := t.TempDir()
	store, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.SavePage(wiki.SaveRequest{Path: path, Markdown: markdown, Author: "alex"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// backupOf writes a verified backup of a new data directory holding one
// page and returns its path.
func backupOf(t *testing.T, path, markdown string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := runCLI(t, "backup", "--data", dataWithPage(t, path, markdown), file); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, errOut)
	}
	return file
}

// changed writes a copy of file changed by change and returns its path.
func changed(t *testing.T, file string, change func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "changed.db")
	if err := os.WriteFile(out, change(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// oneLine reports whether a command's stderr is a single line.
func oneLine(stderr string) bool {
	return strings.Count(stderr, "\n") == 1 && strings.HasSuffix(stderr, "\n")
}

const marker = "MARKER-1234567890"

// breakJSON overwrites the marker text inside stored JSON with control
// characters: bbolt's pages stay sound, the JSON values do not.
func breakJSON(data []byte) []byte {
	return bytes.ReplaceAll(data, []byte(marker), bytes.Repeat([]byte{7}, len(marker)))
}

// TestRestoreRefusesDamagedBackups: a damaged backup is refused in one
// line before anything in the data directory changes.
func TestRestoreRefusesDamagedBackups(t *testing.T) {
	good := backupOf(t, "new", "# New\n\n"+marker)
	live := dataWithPage(t, "old", "# Old")
	db := filepath.Join(live, wiki.DBFile)
	before, names := readFile(t, db), dirNames(t, live)
	for _, tc := range []struct{ name, file, want string }{
		{"truncated", changed(t, good, func(b []byte) []byte { return b[:len(b)/2] }), "is cut short"},
		{"damaged value", changed(t, good, breakJSON), "invalid character"},
		{"empty", changed(t, good, func([]byte) []byte { return nil }), "is empty"},
		{"missing", filepath.Join(t.TempDir(), "nothing.db"), "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "restore", "--data", live, tc.file)
			if code != 1 || !oneLine(errOut) || !strings.Contains(errOut, "refusing to restore") || !strings.Contains(errOut, tc.want) {
				t.Errorf("restore of a %s backup: exit %d, %q; want 1 and one line refusing with %q", tc.name, code, errOut, tc.want)
			}
			if !bytes.Equal(readFile(t, db), before) || !slices.Equal(dirNames(t, live), names) {
				t.Errorf("a refused restore changed the data directory: %v", dirNames(t, live))
			}
		})
	}
}

// TestRestoreRollsBack: when the restore fails after the swap (here it is
// interrupted while building the index), the previous database and index
// are put back.
func TestRestoreRollsBack(t *testing.T) {
	live := dataWithPage(t, "old", "# Old")
	if code, _, errOut := runCLI(t, "reindex", "--data", live); code != 0 {
		t.Fatalf("reindex: %s", errOut)
	}
	db := filepath.Join(live, wiki.DBFile)
	before, names := readFile(t, db), dirNames(t, live)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"restore", "--data", live, backupOf(t, "new", "# New")}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !oneLine(stderr.String()) || !strings.Contains(stderr.String(), "previous data is back in place") {
		t.Fatalf("interrupted restore: exit %d, %q; want 1 saying the previous data is back", code, stderr.String())
	}
	if !bytes.Equal(readFile(t, db), before) || !slices.Equal(dirNames(t, live), names) {
		t.Errorf("after a failed restore the data directory holds %v and the database changed: want %v as before", dirNames(t, live), names)
	}
	if code, out, errOut := runCLI(t, "check", "--data", live); code != 0 {
		t.Errorf("check after a rolled-back restore: exit %d, %s %s", code, out, errOut)
	}
}

// TestRestoreSetsOldDatabaseAside: the database a restore replaces is
// moved, byte for byte, to a timestamped name that the output gives; a
// second restore keeps the first one's, and a database that will not even
// open is replaced too.
func TestRestoreSetsOldDatabaseAside(t *testing.T) {
	live := dataWithPage(t, "old", "# Old")
	db := filepath.Join(live, wiki.DBFile)
	backup := readFile(t, backupOf(t, "old", "# Old"))
	truncated := backup[:len(backup)/2]
	os.WriteFile(db, truncated, 0o600)
	if code, _, errOut := runCLI(t, "check", "--data", live); code != 1 || !strings.Contains(errOut, "is damaged") {
		t.Fatalf("check of a truncated database: exit %d, %q; want it found damaged", code, errOut)
	}
	var asides []string
	for i, page := range []string{"first", "second"} {
		before := readFile(t, db)
		code, out, errOut := runCLI(t, "restore", "--data", live, backupOf(t, page, "# "+page))
		if code != 0 {
			t.Fatalf("restore %d: exit %d, %s", i+1, code, errOut)
		}
		_, aside, ok := strings.Cut(strings.TrimSpace(out), "the previous database is kept as ")
		if !ok || !strings.HasPrefix(aside, db+".before-restore-") || slices.Contains(asides, aside) {
			t.Fatalf("restore %d printed %q; want a new timestamped name for the previous database", i+1, out)
		}
		if !bytes.Equal(readFile(t, aside), before) {
			t.Errorf("restore %d changed the previous database before setting it aside", i+1)
		}
		asides = append(asides, aside)
	}
	if !bytes.Equal(readFile(t, asides[0]), truncated) {
		t.Error("the second restore overwrote the first one's copy of the previous database")
	}
	if code, out, errOut := runCLI(t, "check", "--data", live); code != 0 {
		t.Errorf("check after restores: exit %d, %s %s", code, out, errOut)
	}
}
