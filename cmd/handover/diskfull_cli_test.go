package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIDiskFull runs import, reindex, backup and restore with the data
// directory on a full tmpfs. Each fails with exit 1 and says the disk is
// full, leaves no partial file behind and loses nothing that was there;
// once space is freed, check passes and each command works.
func TestCLIDiskFull(t *testing.T) {
	mnt := mountTmpfs(t, "32m")
	data := filepath.Join(mnt, "data")
	cliOK(t, "import", "--data", data, markdownDir(t, "before", 20))
	backup := filepath.Join(t.TempDir(), "backup.db") // on the ordinary disk
	cliOK(t, "backup", "--data", data, backup)

	filler := fillDisk(t, mnt)
	many := markdownDir(t, "during", 300)
	onFullDisk := [][]string{
		{"import", "--data", data, many},
		{"reindex", "--data", data},
		{"backup", "--data", data, filepath.Join(mnt, "backup-on-full-disk.db")},
		{"restore", "--data", data, backup},
	}
	for _, args := range onFullDisk {
		code, out, errOut := runCLI(t, args...)
		if code != 1 || !strings.Contains(errOut, "the disk is full") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("handover %s on a full disk: exit %d, stderr %q (stdout %q); want exit 1 and one line saying the disk is full",
				args[0], code, errOut, out)
		}
	}
	checkNoLeftovers(t, mnt, data)

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	cliOK(t, "reindex", "--data", data) // an import cut short leaves the index behind it
	cliOK(t, "check", "--data", data)
	if n := pageCount(t, data); n < 20 {
		t.Fatalf("%d pages after the full disk, want the 20 imported before", n)
	}
	cliOK(t, "import", "--data", data, many)
	cliOK(t, "backup", "--data", data, filepath.Join(mnt, "backup-after.db"))
	cliOK(t, "restore", "--data", data, backup)
	cliOK(t, "check", "--data", data)
	if n := pageCount(t, data); n != 20 {
		t.Errorf("%d pages after restoring the backup of 20", n)
	}
	t.Logf("%d commands refused on the full disk, each with one line; nothing lost, all work once space is freed", len(onFullDisk))
}

func cliOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("handover %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// markdownDir writes n Markdown files under a new directory named prefix.
func markdownDir(t *testing.T, prefix string, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), prefix)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := fmt.Sprintf("# %s %d\n\n%s\n", prefix, i, strings.Repeat("Some words to index. ", 100))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page-%d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkNoLeftovers fails on files a failed command left behind: a backup
// or its temporary file, a half-built index, a staged restore.
func checkNoLeftovers(t *testing.T, mnt, data string) {
	t.Helper()
	for _, dir := range []string{mnt, data} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch e.Name() {
			case "filler", "data", "handover.db", "index":
			default:
				t.Errorf("a command on the full disk left %s in %s", e.Name(), dir)
			}
		}
	}
}

func pageCount(t *testing.T, data string) int {
	t.Helper()
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, err := store.PageCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}
