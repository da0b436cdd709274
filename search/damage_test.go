package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damagedIndexCopies is how many copies TestDamagedIndex damages.
const damagedIndexCopies = 60

// TestDamagedIndex flips bytes in the segment files of copies of a real
// index: Open, Search, Suggest and Versions return an error (wrapping
// ErrDamaged when bleve panicked) or an answer, never a panic.
func TestDamagedIndex(t *testing.T) {
	dir := damagedIndexBase(t)
	damagedErrs := 0
	for i := range damagedIndexCopies {
		rng := rand.New(rand.NewPCG(4, uint64(i)))
		cp := filepath.Join(t.TempDir(), "index")
		copyIndexFlipping(t, dir, cp, rng)
		if err := useIndex(cp); errors.Is(err, ErrDamaged) {
			damagedErrs++
		} else if err != nil {
			t.Errorf("copy %d: %v; want nil or an error wrapping ErrDamaged", i, err)
		}
	}
	t.Logf("%d damaged index copies: %d found damaged", damagedIndexCopies, damagedErrs)
}

func useIndex(dir string) error {
	x, err := Open(dir)
	if err != nil {
		return err
	}
	defer x.Close()
	ctx := context.Background()
	if _, err := x.Search(ctx, Query{Text: "restart service", Limit: 10}); err != nil {
		return err
	}
	if _, err := x.Suggest(ctx, "pag", 5); err != nil {
		return err
	}
	_, err = x.Versions(ctx)
	return err
}

// damagedIndexBase returns an index of 30 documents in a few segments.
func damagedIndexBase(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for b := range 3 {
		var batch Batch
		for i := range 10 {
			batch.Upserts = append(batch.Upserts, Doc{ID: fmt.Sprintf("p:%d-%d", b, i), Kind: KindPage,
				Path: fmt.Sprintf("ops/page-%d-%d", b, i), Title: fmt.Sprintf("Page %d", i),
				Body: "Restart the service and check the logs.", Updated: time.Unix(1e9, 0), Version: "1"})
		}
		batch.Seq = uint64(b + 1)
		if err := x.Apply(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyIndexFlipping copies the index in src to dst, flipping one to eight
// bytes in each segment (.zap) file.
func copyIndexFlipping(t *testing.T, src, dst string, rng *rand.Rand) {
	t.Helper()
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
			for range 1 + rng.IntN(8) {
				data[rng.IntN(len(data))] ^= byte(1 + rng.IntN(255))
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}
