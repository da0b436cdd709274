package wiki

import (
	"fmt"
	"strings"
	"testing"
)

// benchMarkdown is a page of typical size (about 3 KB, a dozen sections).
var benchMarkdown = func() string {
	var b strings.Builder
	b.WriteString("# Database failover\n\nWhat to do when the primary database stops answering.\n\n")
	for i := range 12 {
		fmt.Fprintf(&b, "## Step %d\n\nCheck the replication lag on every replica, then promote the healthiest one and point the application at it. See [[ops/contacts]].\n\n- one\n- two\n\n", i)
	}
	return b.String()
}()

func benchStore(b *testing.B, pages int) *Store {
	b.Helper()
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	reqs := make([]SaveRequest, pages)
	for i := range reqs {
		reqs[i] = SaveRequest{Path: fmt.Sprintf("ops/page-%d", i), Markdown: benchMarkdown, Author: "alex"}
	}
	if _, err := s.SavePages(reqs); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSavePage saves new revisions of existing pages one after the
// other; each save is one bbolt transaction with its fsync.
func BenchmarkSavePage(b *testing.B) {
	const pages = 1000
	s := benchStore(b, pages)
	revs := make([]int, pages)
	for i := range revs {
		revs[i] = 1
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n := i % pages
		_, err := s.SavePage(SaveRequest{Path: fmt.Sprintf("ops/page-%d", n), Markdown: benchMarkdown + fmt.Sprintf("\nEdit %d.\n", i),
			BaseRevision: revs[n], Author: "alex"})
		if err != nil {
			b.Fatal(err)
		}
		revs[n]++
	}
}

// BenchmarkSavePageParallel saves from many goroutines at once, as when
// several people press save together.
func BenchmarkSavePageParallel(b *testing.B) {
	s := benchStore(b, 1000)
	b.SetParallelism(8)
	b.ReportAllocs()
	var next chan int = make(chan int, 1)
	next <- 0
	b.RunParallel(func(pb *testing.PB) {
		n := <-next
		next <- n + 1
		for i := 0; pb.Next(); i++ {
			_, err := s.SavePage(SaveRequest{Path: fmt.Sprintf("ops/new-%d-%d", n, i), Markdown: benchMarkdown, Author: "alex"})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSavePages imports pages in batches (the import path).
func BenchmarkSavePages(b *testing.B) {
	s := benchStore(b, 0)
	reqs := make([]SaveRequest, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for j := range reqs {
			reqs[j] = SaveRequest{Path: fmt.Sprintf("ops/b%d/page-%d", i, j), Markdown: benchMarkdown, Author: "alex"}
		}
		if _, err := s.SavePages(reqs); err != nil {
			b.Fatal(err)
		}
	}
}
