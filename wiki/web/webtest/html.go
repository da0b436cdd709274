package webtest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// ParseHTML parses a page, stopping the test when it cannot.
func ParseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// FindByAttr returns the first element under n with attribute key = val.
func FindByAttr(n *html.Node, key, val string) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == key && a.Val == val {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := FindByAttr(c, key, val); found != nil {
			return found
		}
	}
	return nil
}

// TextOf is the text under n, trimmed.
func TextOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
