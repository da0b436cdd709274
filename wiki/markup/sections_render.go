package markup

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// SectionHTML is one section rendered on its own: its heading and content,
// subsections included, as sanitised HTML.
type SectionHTML struct {
	ID, Heading string
	Level       int
	HTML        []byte // sanitised, as Render's
}

// RenderSections renders the sections of src with the given IDs, in
// document order, the way Render renders them in the whole page (same
// heading IDs, links and critical badges). IDs src has no section for are
// left out, and so is a section inside another one rendered, which holds
// it already. A section is the run of top-level blocks from the one
// holding its heading to the one holding the next heading of the same or a
// higher level, so a heading inside a block quote or list brings the whole
// block. Footnote definitions are not part of any section.
func RenderSections(src []byte, opts Options, ids []string) ([]SectionHTML, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	doc := parse(src)
	hs := collectHeadings(doc, src)
	decorate(doc, src, hs, opts)
	var out []SectionHTML
	inside := 0 // headings before this index are in a section already rendered
	for i, h := range hs {
		if !want[h.id] || i < inside {
			continue
		}
		inside = nextPeer(hs, i)
		html, err := renderBlocks(src, topBlock(doc, h.node), sectionStop(doc, hs, i))
		if err != nil {
			return nil, err
		}
		out = append(out, SectionHTML{ID: h.id, Heading: h.text, Level: h.level, HTML: html})
	}
	return out, nil
}

// topBlock returns the child of doc that holds n.
func topBlock(doc, n ast.Node) ast.Node {
	for n.Parent() != nil && n.Parent() != doc {
		n = n.Parent()
	}
	return n
}

// nextPeer is the index of the heading after i of the same or a higher
// level, or len(hs).
func nextPeer(hs []heading, i int) int {
	for j := i + 1; j < len(hs); j++ {
		if hs[j].level <= hs[i].level {
			return j
		}
	}
	return len(hs)
}

// sectionStop is the top-level block where heading i's section ends: the
// one holding the next heading of the same or a higher level, or nil for
// the end of the page (before the footnotes).
func sectionStop(doc ast.Node, hs []heading, i int) ast.Node {
	j := nextPeer(hs, i)
	if j == len(hs) {
		return nil
	}
	stop := topBlock(doc, hs[j].node)
	if stop == topBlock(doc, hs[i].node) {
		return stop.NextSibling()
	}
	return stop
}

// renderBlocks renders the top-level blocks from first up to (without)
// stop, leaving out the footnote list, and sanitises the result.
func renderBlocks(src []byte, first, stop ast.Node) ([]byte, error) {
	var buf bytes.Buffer
	r := md.Renderer()
	for n := first; n != nil && n != stop; n = n.NextSibling() {
		if n.Kind() == east.KindFootnoteList {
			continue
		}
		if err := r.Render(&buf, src, n); err != nil {
			return nil, fmt.Errorf("render section: %w", err)
		}
	}
	return keyboardAccess(policy.SanitizeBytes(buf.Bytes())), nil
}
