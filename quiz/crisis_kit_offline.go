package quiz

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The kit is one file read without the wiki, so its HTML may point only
// into itself. makeOffline rewrites the sanitised HTML of every section:
// each id gets its page's prefix ("p2-steps"), since pages share section
// names; links to a page or section in the kit become in-document anchors
// and links to anything else on the wiki plain text; links to other sites
// (http, https, mailto, tel) stay, for a vendor's portal; images, which
// the file cannot carry, become their description; the "¶" self-links of
// headings go. The result is html.Render of the parsed sanitised HTML, so
// it stays escaped as the sanitiser left it.

// offlinePage is a kit page's sections parsed for rewriting.
type offlinePage struct {
	page     *KitPage
	sections []*html.Node // one root per section, holding its HTML
}

func makeOffline(kit *CrisisKit) {
	anchors, ids := map[string]string{}, map[string]bool{}
	var parsed []offlinePage
	for _, list := range [][]KitPage{kit.Contacts, kit.Critical} {
		for i := range list {
			p := &list[i]
			p.Anchor = fmt.Sprintf("p%d", len(parsed)+1)
			anchors[p.Path] = p.Anchor
			op := offlinePage{page: p}
			for j := range p.Sections {
				sec := &p.Sections[j]
				if sec.Anchor != "" {
					sec.Anchor = p.Anchor + "-" + sec.Anchor
				}
				root := parseFragment(sec.HTML)
				prefixIDs(root, p.Anchor, ids)
				op.sections = append(op.sections, root)
			}
			parsed = append(parsed, op)
		}
	}
	lr := linkRewriter{anchors: anchors, ids: ids}
	for _, op := range parsed {
		lr.page = op.page.Anchor
		for j, root := range op.sections {
			lr.rewrite(root)
			var b strings.Builder
			for n := range root.ChildNodes() {
				_ = html.Render(&b, n) // a strings.Builder does not fail
			}
			op.page.Sections[j].HTML = b.String()
		}
	}
}

// parseFragment parses HTML as the content of a body element and returns
// that element.
func parseFragment(s string) *html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, _ := html.ParseFragment(strings.NewReader(s), body) // reading a string does not fail
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body
}

// prefixIDs gives every id under n the page's prefix and records it.
func prefixIDs(n *html.Node, prefix string, ids map[string]bool) {
	for i, a := range n.Attr {
		if a.Key == "id" && a.Namespace == "" {
			n.Attr[i].Val = prefix + "-" + a.Val
			ids[n.Attr[i].Val] = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		prefixIDs(c, prefix, ids)
	}
}

// linkRewriter points the links of one page's HTML into the kit.
type linkRewriter struct {
	anchors map[string]string // page path → page anchor
	ids     map[string]bool   // every id in the kit
	page    string            // anchor of the page being rewritten
}

func (lr *linkRewriter) rewrite(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		lr.rewrite(c)
		c = next
	}
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.A:
		lr.rewriteLink(n)
	case atom.Img:
		if alt := nodeAttr(n, "alt"); alt != "" {
			n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "[image: " + alt + "]"}, n)
		}
		n.Parent.RemoveChild(n)
	}
}

func (lr *linkRewriter) rewriteLink(n *html.Node) {
	if hasClass(n, "anchor") {
		n.Parent.RemoveChild(n)
		return
	}
	href, keep := lr.target(nodeAttr(n, "href"))
	if !keep {
		unwrap(n)
		return
	}
	n.Attr = []html.Attribute{{Key: "href", Val: href}}
	if !strings.HasPrefix(href, "#") {
		n.Attr = append(n.Attr, html.Attribute{Key: "rel", Val: "noopener noreferrer"})
	}
}

// target returns where a link of the page should point in the kit, and
// false when it should become plain text.
func (lr *linkRewriter) target(href string) (string, bool) {
	u, err := url.Parse(href)
	switch {
	case err != nil:
		return "", false
	case u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto" || u.Scheme == "tel":
		return href, true
	case u.Scheme != "" || u.Host != "":
		return "", false
	case u.Path == "" && u.Fragment != "":
		return lr.anchor(lr.page, u.Fragment)
	}
	path, ok := strings.CutPrefix(u.Path, "/wiki/")
	if !ok {
		return "", false
	}
	page, ok := lr.anchors[path]
	if !ok {
		return "", false
	}
	if href, ok := lr.anchor(page, u.Fragment); ok {
		return href, true
	}
	return "#" + page, true
}

// anchor is "#page-fragment" if the kit has that id.
func (lr *linkRewriter) anchor(page, fragment string) (string, bool) {
	id := page + "-" + fragment
	if fragment == "" || !lr.ids[id] {
		return "", false
	}
	return "#" + id, true
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	n.Parent.RemoveChild(n)
}

func nodeAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(nodeAttr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}
