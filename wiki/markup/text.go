package markup

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// textCollector gathers the plain text of each section. Text is assigned
// by source position rather than tree position, because goldmark moves
// footnote definitions to the end of the document.
type textCollector struct {
	src    []byte
	starts []int // starts[k]: first byte of section k; 0 for the preamble
	bufs   []strings.Builder
	pos    int
}

// collectText returns the plain text of the preamble and of each heading's
// own content (up to the next heading of any level).
func collectText(doc ast.Node, src []byte, hs []heading) []string {
	c := &textCollector{src: src, starts: make([]int, len(hs)+1), bufs: make([]strings.Builder, len(hs)+1)}
	for i, h := range hs {
		c.starts[i+1] = h.start
	}
	c.block(doc)
	out := make([]string, len(c.bufs))
	for i := range c.bufs {
		out[i] = strings.TrimSpace(c.bufs[i].String())
	}
	return out
}

// buf is the builder of the section holding the current position: the
// last section starting at or before it.
func (c *textCollector) buf() *strings.Builder {
	k := sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > c.pos }) - 1
	return &c.bufs[max(k, 0)]
}

func (c *textCollector) block(n ast.Node) {
	if p := blockPos(n); p >= 0 {
		c.pos = p
	}
	switch n.Kind() {
	case ast.KindHeading, ast.KindHTMLBlock, ast.KindThematicBreak:
		// Headings are Section.Heading; raw HTML is markup, not text.
	case ast.KindCodeBlock, ast.KindFencedCodeBlock:
		b := c.buf()
		b.Write(n.Lines().Value(c.src))
		b.WriteByte('\n')
	case ast.KindParagraph, ast.KindTextBlock:
		b := c.buf()
		inlineText(b, n, c.src)
		b.WriteByte('\n')
	case east.KindTableHeader, east.KindTableRow:
		c.row(n)
	default:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.block(ch)
		}
	}
}

// row writes a table row as tab-separated cells on one line.
func (c *textCollector) row(n ast.Node) {
	b := c.buf()
	for cell := n.FirstChild(); cell != nil; cell = cell.NextSibling() {
		if cell != n.FirstChild() {
			b.WriteByte('\t')
		}
		inlineText(b, cell, c.src)
	}
	b.WriteByte('\n')
}

// blockPos is the source offset where n starts, or -1 if unknown (tables
// and their rows are built from paragraphs and carry no position; their
// first text node does).
func blockPos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*ast.Text); ok {
			return t.Segment.Start
		}
		if p := blockPos(ch); p >= 0 {
			return p
		}
	}
	return -1
}

// inlineText writes the plain text of n's inline children: entities and
// backslash escapes resolved, link and image labels kept, raw HTML and
// footnote markers dropped, code spans verbatim.
func inlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(unescape(c.Segment.Value(src)))
			breakText(b, c)
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			codeText(b, c, src)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *wikiLink:
			b.WriteString(c.text())
		case *ast.RawHTML, *east.FootnoteLink, *east.TaskCheckBox:
		default:
			inlineText(b, c, src)
		}
	}
}

func breakText(b *strings.Builder, t *ast.Text) {
	switch {
	case t.HardLineBreak():
		b.WriteByte('\n')
	case t.SoftLineBreak():
		b.WriteByte(' ')
	}
}

func codeText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		} else if s, ok := c.(*ast.String); ok {
			b.Write(s.Value)
		}
	}
}

func unescape(v []byte) []byte {
	if !hasAny(v, '\\', '&') {
		return v
	}
	return util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
}

func hasAny(v []byte, a, b byte) bool {
	for _, c := range v {
		if c == a || c == b {
			return true
		}
	}
	return false
}
