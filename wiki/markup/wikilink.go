package markup

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindWikiLink is the ast.NodeKind of *wikiLink.
var kindWikiLink = ast.NewNodeKind("WikiLink")

// wikiLink is the AST node of [[target]] and [[target|label]]. Target is
// trimmed and may end in "#section"; Label is the explicit label or "".
// Link is filled in by Render before the HTML is written.
type wikiLink struct {
	ast.BaseInline
	Target string
	Label  string
	Link   Link
}

// Kind implements ast.Node.
func (n *wikiLink) Kind() ast.NodeKind { return kindWikiLink }

// Dump implements ast.Node.
func (n *wikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Label": n.Label}, nil)
}

// Page returns the page part of the target, without any "#section".
func (n *wikiLink) Page() string {
	page, _, _ := strings.Cut(n.Target, "#")
	return strings.TrimSpace(page)
}

// text is the label used when no Resolve title is available: the explicit
// label, else the target as written. Plain text and IDs use it so that they
// do not depend on the page store.
func (n *wikiLink) text() string {
	if n.Label != "" {
		return n.Label
	}
	return n.Target
}

// maxWikiLink bounds the text between "[[" and "]]".
const maxWikiLink = 1000

// wikiLinkParser parses [[…]] on one line. Brackets inside are refused so
// that "[[a]b]]" and nested links stay ordinary Markdown.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	n := wikiLinkLen(line)
	if n == 0 {
		return nil
	}
	target, label := splitWikiLink(line[2 : n-2])
	block.Advance(n)
	return &wikiLink{Target: target, Label: label}
}

// wikiLinkLen is the length of the wiki link at the start of b, "[[" to
// "]]", or 0 if b does not start with one. The table row splitter uses
// it too, so that a '|' inside a link never splits a cell.
func wikiLinkLen(b []byte) int {
	if !bytes.HasPrefix(b, []byte("[[")) {
		return 0
	}
	rest := b[2:]
	if len(rest) > maxWikiLink {
		rest = rest[:maxWikiLink] // keeps a line of "[[[[…" linear
	}
	end := bytes.Index(rest, []byte("]]"))
	if end < 0 {
		return 0
	}
	inner := rest[:end]
	if bytes.ContainsAny(inner, "[]\r\n") {
		return 0
	}
	if target, _ := splitWikiLink(inner); target == "" || target == "#" {
		return 0
	}
	return 2 + end + 2
}

// splitWikiLink cuts "target|label" at the first '|'. "target\|label"
// is the same link: in a table, Obsidian and others escape the pipe.
func splitWikiLink(inner []byte) (target, label string) {
	target, label, _ = strings.Cut(string(inner), "|")
	target = strings.TrimSpace(strings.TrimSuffix(target, `\`))
	return target, strings.TrimSpace(label)
}

// resolver resolves each distinct page once per render.
type resolver struct {
	resolve func(string) Link
	cache   map[string]Link
}

func (r *resolver) link(n *wikiLink) Link {
	page, frag, _ := strings.Cut(n.Target, "#")
	page = strings.TrimSpace(page)
	if page == "" {
		return Link{Href: "#" + SectionFragment(frag), Exists: true}
	}
	l, ok := r.cache[page]
	if !ok {
		l = r.lookup(page)
		r.cache[page] = l
	}
	if frag = SectionFragment(frag); frag != "" {
		l.Href += "#" + frag
	}
	return l
}

// SectionFragment turns the "#…" part of a wiki link into a section ID, so
// that [[page#Crisis protocol--Major outage]] and
// [[page#crisis-protocol--major-outage]] both reach
// "crisis-protocol--major-outage": every "--"-separated part is slugged.
// It returns "" for an empty fragment.
func SectionFragment(frag string) string {
	var parts []string
	for p := range strings.SplitSeq(frag, "--") {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, Slug(p))
		}
	}
	return url.PathEscape(strings.Join(parts, "--"))
}

func (r *resolver) lookup(page string) Link {
	var l Link
	if r.resolve == nil {
		l.Exists = true
	} else {
		l = r.resolve(page)
	}
	if l.Href == "" || html.IsDangerousURL([]byte(l.Href)) {
		l.Href = (&url.URL{Path: "/wiki/" + page}).EscapedPath()
	}
	return l
}

// wikiLinkRenderer writes <a class="wikilink"> or, for a page that does not
// exist yet, <a class="wikilink missing" title="…">.
type wikiLinkRenderer struct{}

func (wikiLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWikiLink, renderWikiLink)
}

func renderWikiLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*wikiLink)
	label := n.Label
	if label == "" {
		label = n.Link.Title
	}
	if label == "" {
		label = n.Target
	}
	if insideLink(n) {
		// [text [[page]]](url): an <a> inside an <a> is invalid HTML.
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Link.Href)))
	if n.Link.Exists {
		_, _ = w.WriteString(`" class="wikilink">`)
	} else {
		_, _ = w.WriteString(`" class="wikilink missing" title="Page does not exist yet">`)
	}
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkSkipChildren, nil
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// wikiLinks is the goldmark extension for [[wiki links]]. Its parser runs
// before goldmark's link parser (priority 199 < 200) on '['.
type wikiLinks struct{}

func (wikiLinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikiLinkParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(wikiLinkRenderer{}, 199)))
}
