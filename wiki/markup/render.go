package markup

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Link is how the wiki resolves a [[target]]: href to use, the page title,
// and whether the page exists.
type Link struct {
	Href, Title string
	Exists      bool
}

// Options are the per-page inputs of Render.
type Options struct {
	// Resolve is called once per distinct page of [[page]], [[page|label]]
	// and [[page#section]], with the page part trimmed. An empty Href means
	// "/wiki/"+page. nil resolves every page as existing at "/wiki/"+page.
	Resolve func(target string) Link
	// Critical holds the section IDs marked critical: their headings get
	// class "critical" and a visible "Critical" badge.
	Critical map[string]bool
}

// Heading is a table-of-contents entry.
type Heading struct {
	Level    int
	Text, ID string
}

// Section is a heading and its content; see the package doc.
type Section struct {
	ID      string // stable anchor, also the heading's id attribute; "" for the preamble
	Heading string // plain heading text
	Level   int    // 1..6; 0 for the preamble before the first heading
	Hash    string // hex SHA-256 of the normalised source of the whole section, subsections included
	Text    string // plain text of the section's own content, for search
}

// Result is a rendered page.
type Result struct {
	HTML     []byte    // sanitised
	Title    string    // text of the first H1, "" if none
	TOC      []Heading // headings of level 2..4
	Sections []Section // in document order, preamble first (always present, ID "")
	Links    []string  // distinct [[wiki link]] pages (trimmed, without "#section"), in order
}

// md is compiled once: goldmark.Markdown is safe for concurrent use, and
// per-call state (Resolve, Critical) lives in the AST, not in md.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.Linkify,
		tables{},
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		highlighting.NewHighlighting(
			highlighting.WithStyle(lightStyle),
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		),
		wikiLinks{},
		headings{},
	),
)

func parse(src []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(src))
}

// Render turns page Markdown (without front matter: see SplitFrontMatter)
// into sanitised HTML plus the page structure. It is safe for concurrent
// use; opts.Resolve may be called concurrently by concurrent renders.
func Render(src []byte, opts Options) (*Result, error) {
	doc := parse(src)
	hs := collectHeadings(doc, src)
	res := &Result{
		Title:    title(hs),
		TOC:      toc(hs),
		Sections: buildSections(doc, src, hs),
		Links:    wikiTargets(doc),
	}
	decorate(doc, src, hs, opts)
	var buf bytes.Buffer
	buf.Grow(2 * len(src))
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	res.HTML = keyboardAccess(policy.SanitizeBytes(buf.Bytes()))
	return res, nil
}

// accessFixes fill two gaps the Markdown renderers leave, both found by
// axe-core: code blocks and tables scroll sideways when wide (on a phone,
// say), so each <pre> and <table> is focusable for scrolling with the
// arrow keys; task-list checkboxes are display-only and get a name. They
// apply to the sanitiser's output, where "<pre", "<table" and
// `type="checkbox">` only occur as those tags: in text and attribute
// values '<' and '"' are escaped.
var accessFixes = strings.NewReplacer(`<pre>`, `<pre tabindex="0">`, `<pre `, `<pre tabindex="0" `,
	`<table>`, `<table tabindex="0">`, `<table `, `<table tabindex="0" `,
	`type="checkbox">`, `type="checkbox" aria-label="Task">`)

func keyboardAccess(html []byte) []byte {
	return []byte(accessFixes.Replace(string(html)))
}

// Outline returns the sections of a page (IDs, hashes and text) without
// rendering HTML; the IDs are the ones Render gives the headings.
func Outline(src []byte) []Section {
	doc := parse(src)
	return buildSections(doc, src, collectHeadings(doc, src))
}

// Links returns the distinct [[wiki link]] pages of src, as Render's
// Result.Links, without rendering HTML.
func Links(src []byte) []string {
	return wikiTargets(parse(src))
}

func title(hs []heading) string {
	for _, h := range hs {
		if h.level == 1 {
			return h.text
		}
	}
	return ""
}

func toc(hs []heading) []Heading {
	var out []Heading
	for _, h := range hs {
		if h.level >= 2 && h.level <= 4 {
			out = append(out, Heading{Level: h.level, Text: h.text, ID: h.id})
		}
	}
	return out
}

func wikiTargets(doc ast.Node) []string {
	var out []string
	seen := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikiLink); ok && entering {
			if p := w.Page(); p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// decorate puts the per-render decisions into the AST: heading IDs and
// critical marks, resolved wiki links, and rel on external links.
func decorate(doc ast.Node, src []byte, hs []heading, opts Options) {
	for _, h := range hs {
		h.node.SetAttributeString("id", h.id)
		if opts.Critical[h.id] {
			h.node.SetAttributeString("class", "critical")
		}
	}
	r := &resolver{resolve: opts.Resolve, cache: map[string]Link{}}
	highlighted := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *wikiLink:
			n.Link = r.link(n)
		case *ast.Link:
			markExternal(n, n.Destination)
		case *ast.AutoLink:
			markExternal(n, n.URL(src))
		case *ast.FencedCodeBlock:
			highlighted += codeLen(n)
			if highlighted > maxHighlight {
				n.SetAttributeString("nohl", true)
			}
		}
		return ast.WalkContinue, nil
	})
}

// markExternal sets rel="nofollow noopener" on links to another host, the
// same test bluemonday uses for "fully qualified" links.
func markExternal(n ast.Node, dest []byte) {
	if u, err := url.Parse(string(dest)); err == nil && u.Host != "" {
		n.SetAttributeString("rel", []byte("nofollow noopener"))
	}
}

// maxHighlight is how many bytes of fenced code a page gets highlighted;
// chroma costs microseconds per byte, so the code blocks after that are
// plain text (goldmark-highlighting's "nohl" attribute).
const maxHighlight = 64 << 10

func codeLen(n *ast.FencedCodeBlock) int {
	total := 0
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		total += seg.Len()
	}
	return total
}
