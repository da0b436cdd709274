package web

import (
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
)

// TestPageTree: pages become the tree of their paths, sorted per level,
// even where '-' sorts between a folder and its children ("a", "a-c",
// "a/b").
func TestPageTree(t *testing.T) {
	var pages []*wiki.Page
	for _, p := range []string{"a", "a-c", "a/b", "a/b/c", "x/y/z"} {
		pages = append(pages, &wiki.Page{Path: p, Title: p})
	}
	var b strings.Builder
	var dump func(ns []*treeNode)
	dump = func(ns []*treeNode) {
		for _, n := range ns {
			b.WriteString(strings.Repeat(" ", n.Depth) + n.Name)
			if n.Page == nil {
				b.WriteString("/")
			}
			if n.Below > 0 {
				b.WriteString("(" + string(rune('0'+n.Below)) + ")")
			}
			b.WriteString("\n")
			dump(n.Children)
		}
	}
	root := pageTree(pages)
	dump(root.Children)
	want := " a(2)\n  b(1)\n   c\n a-c\n x/(1)\n  y/(1)\n   z\n"
	if b.String() != want {
		t.Errorf("pageTree =\n%s\nwant\n%s", b.String(), want)
	}
	if n := root.find("x/y"); n == nil || n.Path != "x/y" || n.Page != nil {
		t.Errorf("find(x/y) = %+v, want the folder x/y", n)
	}
	if n := root.find("x/q"); n != nil {
		t.Errorf("find(x/q) = %+v, want nil", n)
	}
}
