package pagegen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSameSeedSamePages: the bench and the load test compare runs, so a
// seed must give the same pages and queries each time.
func TestSameSeedSamePages(t *testing.T) {
	write := func(dir string) ([]Page, []string, string) {
		g, err := New(7, "")
		if err != nil {
			t.Fatal(err)
		}
		pages, err := g.WriteTree(dir, 30, func(int, int) {})
		if err != nil {
			t.Fatal(err)
		}
		md, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pages[29].Path)+".md"))
		if err != nil {
			t.Fatal(err)
		}
		return pages, g.Queries(pages, 50), string(md)
	}
	pages1, queries1, md1 := write(t.TempDir())
	pages2, queries2, md2 := write(t.TempDir())
	if diff := cmp.Diff(pages1, pages2); diff != "" {
		t.Errorf("pages differ between runs with one seed (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(queries1, queries2); diff != "" {
		t.Errorf("queries differ between runs with one seed (-first +second):\n%s", diff)
	}
	if md1 != md2 {
		t.Errorf("the last page's Markdown differs between runs with one seed")
	}
	if len(pages1) != 30 || len(queries1) != 50 {
		t.Errorf("WriteTree(30), Queries(50) = %d pages, %d queries", len(pages1), len(queries1))
	}
}
