package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/wiki/web/webtest"
	"golang.org/x/net/html"
)

// xssPayloads are the hostile inputs of TestHostileInputNotLive: markup
// that would run script if echoed unescaped, in every context a template
// puts text (element content, quoted and unquoted attributes, URLs,
// <title>, <textarea>), Markdown's own ways to a link, template syntax,
// and Unicode look-alikes and invisible characters.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><script>alert(2)</script>`,
	`'><img src=x onerror=alert(3)>`,
	`<img src=x onerror=alert(4)//`,
	`<svg onload=alert(5)>`,
	`<svg><script>alert(6)</script></svg>`,
	`javascript:alert(7)`,
	` JaVaScRiPt:alert(8)`,
	`java&#x09;script:alert(9)`,
	`<a href="javascript:alert(10)">x</a>`,
	`[x](javascript:alert(11)) [y](<javascript:alert(11)>) <javascript:alert(11)>`,
	`<iframe src=javascript:alert(12)></iframe>`,
	`" autofocus onfocus=alert(13) x="`,
	`' onmouseover='alert(14)`,
	`</textarea><script>alert(15)</script>`,
	`</title><script>alert(16)</script>`,
	`{{.}}{{template "layout.html" .}}${alert(17)}<%= 7*7 %>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>`,
	"\uff1cscript\uff1ealert(19)\uff1c/script\uff1e",
	"\u202e<scr\u200bipt>alert(20)</script>\u2066",
	`<details open ontoggle=alert(21)>`,
	`<object data="data:text/html,<script>alert(22)</script>"></object>`,
	`<base href="//evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(24)">`,
	"<a href=\"jav\tascript:alert(25)\">x</a>",
	`<style>*{background:url(javascript:alert(26))}</style>`,
	`--><!--<script>alert(27)</script>-->`,
	`<x onclick=alert(28)>click</x>`,
	`=HYPERLINK("http://evil.example","x")`,
	"![x](x\"onerror=\"alert(30))",
}

// urlAttrs are the attributes whose value a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"data": true, "poster": true, "background": true, "cite": true, "ping": true, "srcset": true, "manifest": true}

// liveHTML parses an HTML page and lists what in it could run script: a
// <script> that is not one of our static files, elements that embed or
// redirect (iframe, object, embed, base, meta refresh), event-handler
// attributes, srcdoc, and javascript:, vbscript: or data:text/html URLs
// (read the way a browser reads them: entities decoded, tabs and line
// breaks dropped, case ignored).
func liveHTML(body string) []string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return []string{"unparseable HTML: " + err.Error()}
	}
	var bad []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			bad = append(bad, liveElement(n)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func liveElement(n *html.Node) []string {
	var bad []string
	tag := n.Data
	switch tag {
	case "script":
		if src := attr(n, "src"); !strings.HasPrefix(src, "/static/") || n.FirstChild != nil {
			bad = append(bad, fmt.Sprintf("<script src=%q> %s", src, renderNode(n)))
		}
	case "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal":
		bad = append(bad, "<"+tag+">: "+renderNode(n))
	case "meta":
		if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
			bad = append(bad, "<meta refresh>: "+renderNode(n))
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on") || key == "srcdoc":
			bad = append(bad, fmt.Sprintf("<%s %s=%q>", tag, key, a.Val))
		case urlAttrs[key] && scriptURL(a.Val):
			bad = append(bad, fmt.Sprintf("<%s %s=%q>", tag, key, a.Val))
		case key == "style" && (strings.Contains(strings.ToLower(a.Val), "javascript:") || strings.Contains(strings.ToLower(a.Val), "expression(")):
			bad = append(bad, fmt.Sprintf("<%s style=%q>", tag, a.Val))
		}
	}
	return bad
}

// scriptURL reports whether a browser would run the URL as script.
func scriptURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1 // browsers strip controls around and tabs/newlines inside
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func renderNode(n *html.Node) string {
	var b strings.Builder
	_ = html.Render(&b, n)
	s := b.String()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// checkNotLive fails t when a response could run an attacker's script:
// live HTML in a page, an HTML-looking JSON body or unescaped markup in
// JSON, a downloadable file served as HTML, or a spreadsheet formula in
// CSV. It returns the body's checks count (1) for the tally.
func checkNotLive(t *testing.T, what string, r *webtest.Response) int {
	t.Helper()
	if r.StatusCode >= 500 {
		t.Errorf("%s = %d: %.300s", what, r.StatusCode, r.Body)
	}
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ctype {
	case "text/html":
		for _, b := range liveHTML(r.Body) {
			t.Errorf("%s: live HTML: %s", what, b)
		}
	case "application/json":
		if strings.ContainsAny(r.Body, "<>") || !json.Valid([]byte(r.Body)) {
			t.Errorf("%s: JSON with raw markup or invalid: %.300s", what, r.Body)
		}
	case "text/csv":
		checkCSVSafe(t, what, r.Body)
	case "", "text/plain", "application/atom+xml", "application/octet-stream", "image/png":
		if r.Body != "" && ctype == "" {
			t.Errorf("%s: body without a Content-Type", what)
		}
	default:
		t.Errorf("%s: unexpected Content-Type %q", what, r.Header.Get("Content-Type"))
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" && r.StatusCode != http.StatusSeeOther {
		t.Errorf("%s: no X-Content-Type-Options: nosniff", what)
	}
	return 1
}

// checkCSVSafe fails t when a CSV cell would be read as a formula.
func checkCSVSafe(t *testing.T, what, body string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Errorf("%s: invalid CSV: %v", what, err)
	}
	for i, row := range rows {
		for _, cell := range row {
			if _, err := strconv.ParseFloat(cell, 64); cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && err != nil {
				t.Errorf("%s: row %d has the formula cell %q", what, i+1, cell)
			}
		}
	}
}

// TestLiveHTMLFinds checks the checker: each of these is live.
func TestLiveHTMLFinds(t *testing.T) {
	for _, body := range []string{
		`<p><script>alert(1)</script>`, `<script src="//evil.example/x.js"></script>`, `<img src=x onerror=alert(1)>`,
		`<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>`, `<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		`<iframe srcdoc="x"></iframe>`, `<object data="data:text/html,x"></object>`, `<base href="//evil.example/">`,
		`<meta http-equiv=Refresh content="0;url=//evil.example">`, `<form><button formaction="javascript:alert(1)">x</button></form>`,
		`<details open ontoggle=alert(1)>`, `<div style="background:url(javascript:alert(1))">`,
	} {
		if len(liveHTML(body)) == 0 {
			t.Errorf("liveHTML(%q) found nothing", body)
		}
	}
	safe := `<!doctype html><html><head><script src="/static/js/app.js?v=1" defer></script></head>` +
		`<body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="/wiki/x">x</a><input value="javascript:alert(1)"></body></html>`
	if bad := liveHTML(safe); len(bad) > 0 {
		t.Errorf("liveHTML(safe page) = %q, want nothing", bad)
	}
}
