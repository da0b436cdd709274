package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/handover/handover/wiki"
)

// treeNode is one path segment of the page tree: a page, a folder (pages
// below it and none of its own), or both.
type treeNode struct {
	Name     string     // the last segment
	Path     string     // the full path
	Page     *wiki.Page // nil for a folder without a page of its own
	Depth    int        // 1 for the top level
	Below    int        // pages below it, at any depth
	Children []*treeNode
	index    map[string]*treeNode
}

// pageTree arranges pages (live, any order) as the tree of their paths,
// each level sorted by segment.
func pageTree(pages []*wiki.Page) *treeNode {
	root := &treeNode{}
	for _, p := range pages {
		n := root
		segs := strings.Split(p.Path, "/")
		for i, seg := range segs {
			n.Below++
			n = n.child(seg, strings.Join(segs[:i+1], "/"))
		}
		n.Page = p
	}
	root.sort()
	return root
}

func (n *treeNode) child(name, path string) *treeNode {
	if c, ok := n.index[name]; ok {
		return c
	}
	if n.index == nil {
		n.index = map[string]*treeNode{}
	}
	c := &treeNode{Name: name, Path: path, Depth: n.Depth + 1}
	n.index[name] = c
	n.Children = append(n.Children, c)
	return c
}

func (n *treeNode) sort() {
	sort.Slice(n.Children, func(i, j int) bool { return n.Children[i].Name < n.Children[j].Name })
	for _, c := range n.Children {
		c.sort()
	}
}

// find returns the node at path, or nil.
func (n *treeNode) find(path string) *treeNode {
	for seg := range strings.SplitSeq(path, "/") {
		if n = n.index[seg]; n == nil {
			return nil
		}
	}
	return n
}

// folderView is a path with pages below it and none of its own, such as
// it-ops: breadcrumbs lead there, so it lists its part of the tree.
type folderView struct {
	Base
	Path, Parent, Name string
	OverviewTitle      string // the title "Write an overview page" suggests
	Pages              int
	Tree               []*treeNode
}

func (h *handlers) renderFolder(w http.ResponseWriter, r *http.Request, path string, pages []*wiki.Page) error {
	node := pageTree(pages).find(path)
	if node == nil {
		return wiki.Errorf(wiki.NotFound, "no page at %s", path) // cannot happen: pages are below path
	}
	data := &folderView{Base: Base{Title: path + "/", Nav: "pages", Folder: path},
		Path: path, Parent: folderOf(path), Name: node.Name, OverviewTitle: wiki.TitleFromPath(path),
		Pages: node.Below, Tree: node.Children}
	return h.Views.Render(w, r, http.StatusOK, "folder.html", data)
}
