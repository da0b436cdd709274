package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
)

// indexDamageCopies is how many damaged copies of an index
// TestCheckDamagedIndex checks.
const indexDamageCopies = 30

// TestCheckDamagedIndex: check on a data directory whose index segments
// have flipped bytes says the index needs a reindex and exits 1 (or finds
// nothing wrong, when the flips missed), never panics (exit 2), and never
// calls the database damaged.
func TestCheckDamagedIndex(t *testing.T) {
	base := dataWithPages(t, 30)
	damaged := 0
	for i := range indexDamageCopies {
		rng := rand.New(rand.NewPCG(4, uint64(i)))
		dir := copyDataFlipping(t, base, func(data []byte) {
			for range 1 + rng.IntN(8) {
				data[rng.IntN(len(data))] ^= byte(1 + rng.IntN(255))
			}
		})
		code, out, errOut := runCLI(t, "check", "--data", dir)
		switch {
		case code == 0:
		case code == 1 && oneLine(errOut) && strings.Contains(errOut, "index damaged: run 'handover reindex'"):
			damaged++
		default:
			t.Errorf("copy %d: check exit %d, %q %q; want 0, or 1 asking for a reindex", i, code, out, errOut)
		}
	}
	// Every byte of the middle of each segment changed: found for sure.
	dir := copyDataFlipping(t, base, func(data []byte) {
		for i := len(data) / 4; i < len(data)*3/4; i++ {
			data[i] ^= 0x5a
		}
	})
	code, _, errOut := runCLI(t, "check", "--data", dir)
	if code != 1 || !strings.Contains(errOut, "reindex") {
		t.Errorf("check of an index with wrecked segments: exit %d, %q; want 1 asking for a reindex", code, errOut)
	}
	t.Logf("%d index copies with flipped segment bytes: %d found damaged, the others sound", indexDamageCopies, damaged)
}

// dataWithPages returns a stopped data directory with n pages, indexed.
func dataWithPages(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	store, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := store.SavePage(wiki.SaveRequest{Path: fmt.Sprintf("ops/page-%d", i), Author: "alex",
			Markdown: fmt.Sprintf("# Page %d\n\nRestart the service %d.\n\n## Steps\n\nCheck the logs.\n", i, i)}); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	if code, _, errOut := runCLI(t, "reindex", "--data", dir); code != 0 {
		t.Fatalf("reindex: %s", errOut)
	}
	return dir
}

// copyDataFlipping copies the data directory src to a new one, passing
// the contents of every index segment (.zap) file through flip.
func copyDataFlipping(t *testing.T, src string, flip func([]byte)) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".zap") && len(data) > 0 {
			flip(data)
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
