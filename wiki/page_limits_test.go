package wiki

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/handover/handover/wiki/markup"
)

func footnotes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Note[^%d].\n\n", i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: x\n", i)
	}
	return b.String()
}

// hostilePages are the pages of issue 14 item 5 that took seconds of CPU
// to save and again to view.
var hostilePages = map[string]string{
	"blockquotes 98 KB":  strings.Repeat(">", 98_000),
	"30,000 footnotes":   footnotes(30_000),
	"nested lists":       strings.Repeat("- ", 50_000),
	"indented lists":     indentedList(2_000),
	"quotes in lists":    strings.Repeat("> 1. ", 20_000),
	"100,000 headings":   strings.Repeat("## h\n", 100_000),
	"unclosed [^ 80,000": strings.Repeat("[^", 80_000),
}

func indentedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i) + "- a\n")
	}
	return b.String()[:min(b.Len(), MaxMarkdownLen)]
}

func TestSavePageTooComplex(t *testing.T) {
	s := mustOpenStore(t)
	for name, md := range hostilePages {
		t.Run(name, func(t *testing.T) {
			_, err := s.SavePage(SaveRequest{Path: "ops/hostile", Markdown: md, Author: "alex"})
			if ErrorKind(err) != Invalid || !strings.Contains(err.Error(), "too complex") {
				t.Fatalf("SavePage(%s) = %v, want an Invalid error saying the page is too complex", name, err)
			}
			if _, err := s.Page("ops/hostile"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Page(ops/hostile) after a refused save: err = %v, want ErrNotFound", err)
			}
		})
	}
}

// BenchmarkSaveHostile is the save and the first view (a Render) of the
// hostile pages: before the limits, seconds each; now a refusal.
func BenchmarkSaveHostile(b *testing.B) {
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	k := 0
	for name, md := range hostilePages {
		k++
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				_, err := s.SavePage(SaveRequest{Path: fmt.Sprintf("ops/hostile-%d-%d", k, i), Markdown: md, Author: "alex"})
				if err == nil {
					_, err = markup.Render([]byte(md), markup.Options{})
				}
				if err != nil && ErrorKind(err) != Invalid {
					b.Fatal(err)
				}
			}
		})
	}
}
