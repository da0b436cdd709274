package markup

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite testdata/*.html and static/css/chroma.css")

// testPages is the page store the golden files are rendered against.
var testPages = map[string]string{
	"ops/db":        "Database failover",
	"team/contacts": "Key contacts",
}

func testResolve(target string) Link {
	t, ok := testPages[target]
	return Link{Title: t, Exists: ok}
}

// renderFile renders a testdata page the way the wiki does: front matter
// split off, its critical IDs passed in.
func renderFile(t *testing.T, path string) *Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, body, err := SplitFrontMatter(src)
	if err != nil {
		t.Fatalf("SplitFrontMatter(%s): %v", path, err)
	}
	crit := map[string]bool{}
	for _, id := range fm.Critical {
		crit[id] = true
	}
	res, err := Render(body, Options{Resolve: testResolve, Critical: crit})
	if err != nil {
		t.Fatalf("Render(%s): %v", path, err)
	}
	return res
}

func TestRenderGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, md := range files {
		t.Run(filepath.Base(md), func(t *testing.T) {
			got := renderFile(t, md).HTML
			golden := strings.TrimSuffix(md, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Render(%s) mismatch (-want +got):\n%s", md, diff)
			}
		})
	}
}

func TestRenderFeatures(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"table alignment is an attribute", "gfm.md", []string{`<th align="center">Owner</th>`, `<td align="right">yes</td>`}},
		{"task list", "gfm.md", []string{`<input checked="" disabled="" type="checkbox"`}},
		{"strikethrough", "gfm.md", []string{`<del>Old vendor</del>`}},
		{"autolink external", "gfm.md", []string{`<a href="https://status.example.com" rel="nofollow noopener">`}},
		{"relative link keeps no rel", "gfm.md", []string{`<a href="/wiki/ops/db">relative link</a>`}},
		{"image", "gfm.md", []string{`<img src="/static/img/logo.png" alt="image" title="Logo">`}},
		{"footnote ref", "footnotes.md", []string{`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`}},
		{"footnote list", "footnotes.md", []string{`<div class="footnotes" role="doc-endnotes">`, `<li id="fn:1">`, `class="footnote-backref" role="doc-backlink"`}},
		{"highlight classes", "code.md", []string{`<pre tabindex="0" class="chroma"><code>`, `<span class="kd">func</span>`}},
		{"plain code escaped", "code.md", []string{"plain &lt;b&gt;text&lt;/b&gt;", "<code>code &lt;b&gt;</code>"}},
		{"wiki link existing", "wikilinks.md", []string{`<a href="/wiki/ops/db" class="wikilink">Database failover</a>`}},
		{"wiki link label", "wikilinks.md", []string{`<a href="/wiki/ops/db" class="wikilink">the failover page</a>`}},
		{"wiki link missing", "wikilinks.md", []string{`<a href="/wiki/ops/new-page" class="wikilink missing" title="Page does not exist yet">ops/new-page</a>`}},
		{"wiki link section", "wikilinks.md", []string{`<a href="/wiki/team/contacts#vendors" class="wikilink">Key contacts</a>`}},
		{"wiki link same page", "wikilinks.md", []string{`<a href="#wiki-links" class="wikilink">#wiki-links</a>`}},
		{"heading anchor", "headings.md", []string{`<h2 id="scope">Scope <a class="anchor" href="#scope" aria-label="Link to this section">¶</a></h2>`}},
		{"critical badge", "headings.md", []string{`<h2 id="crisis-protocol" class="critical">Crisis protocol <span class="badge critical-badge">Critical</span>`}},
		{"nested critical", "headings.md", []string{`<h3 id="crisis-protocol--major-outage" class="critical">`}},
		{"duplicate", "headings.md", []string{`<h2 id="crisis-protocol-2">`, `<h3 id="crisis-protocol--major-outage-2">`, `<h2 id="scope-2">`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(renderFile(t, "testdata/"+tc.file).HTML)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%s) = %s, want it to contain %s", tc.file, got, w)
				}
			}
		})
	}
}

func TestRenderResult(t *testing.T) {
	res := renderFile(t, "testdata/headings.md")
	if want := "IT operations handover"; res.Title != want {
		t.Errorf("Render(headings.md).Title = %q, want %q", res.Title, want)
	}
	wantTOC := []Heading{
		{2, "Scope", "scope"},
		{2, "Crisis protocol", "crisis-protocol"},
		{3, "Major outage", "crisis-protocol--major-outage"},
		{4, "Who to call", "crisis-protocol--major-outage--who-to-call"},
		{3, "Data breach", "crisis-protocol--data-breach"},
		{2, "Crisis protocol", "crisis-protocol-2"},
		{3, "Major outage", "crisis-protocol--major-outage-2"},
		{2, "Setext heading", "setext-heading"},
		{2, `Ünïcode & "quotes"`, "ünïcode-quotes"},
		{2, "Heading with a link and code", "heading-with-a-link-and-code"},
		{2, "Scope", "scope-2"},
	}
	if diff := cmp.Diff(wantTOC, res.TOC); diff != "" {
		t.Errorf("Render(headings.md).TOC mismatch (-want +got):\n%s", diff)
	}
	links := renderFile(t, "testdata/wikilinks.md").Links
	wantLinks := []string{"ops/db", "ops/new-page", "team/contacts"}
	if diff := cmp.Diff(wantLinks, links); diff != "" {
		t.Errorf("Render(wikilinks.md).Links mismatch (-want +got):\n%s", diff)
	}
	src, _ := os.ReadFile("testdata/wikilinks.md")
	if diff := cmp.Diff(wantLinks, Links(src)); diff != "" {
		t.Errorf("Links(wikilinks.md) mismatch (-want +got):\n%s", diff)
	}
}

func TestRenderResolveOncePerPage(t *testing.T) {
	calls := map[string]int{}
	resolve := func(target string) Link {
		calls[target]++
		return Link{Exists: true}
	}
	src := []byte("[[a]] [[a|x]] [[ a ]] [[a#s]] [[b]]")
	if _, err := Render(src, Options{Resolve: resolve}); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"a": 1, "b": 1}; !cmp.Equal(calls, want) {
		t.Errorf("Render(%q) resolved %v, want %v", src, calls, want)
	}
}

func TestRenderWikiLinkInsideLink(t *testing.T) {
	src := []byte("[see [[ops/db]] now](https://example.com)")
	res, err := Render(src, Options{Resolve: testResolve})
	if err != nil {
		t.Fatal(err)
	}
	want := `<a href="https://example.com" rel="nofollow noopener">see Database failover now</a>`
	if !bytes.Contains(res.HTML, []byte(want)) {
		t.Errorf("Render(%q) = %s, want %s", src, res.HTML, want)
	}
	if diff := cmp.Diff([]string{"ops/db"}, res.Links); diff != "" {
		t.Errorf("Render(%q).Links mismatch (-want +got):\n%s", src, diff)
	}
}

func TestSectionFragment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"scope", "scope"},
		{"scope-2", "scope-2"},
		{"Crisis protocol", "crisis-protocol"},
		{"crisis-protocol--major-outage", "crisis-protocol--major-outage"},
		{"Crisis protocol -- Major outage", "crisis-protocol--major-outage"},
		{"Über", "%C3%BCber"},
	}
	for _, tc := range tests {
		if got := SectionFragment(tc.in); got != tc.want {
			t.Errorf("SectionFragment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	src := []byte("[[ops/db#Crisis protocol--Major outage]] [[#Scope]]")
	res, err := Render(src, Options{Resolve: testResolve})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/wiki/ops/db#crisis-protocol--major-outage"`, `href="#scope"`} {
		if !bytes.Contains(res.HTML, []byte(want)) {
			t.Errorf("Render(%q) = %s, want %s", src, res.HTML, want)
		}
	}
}

func TestRenderNilResolve(t *testing.T) {
	src := []byte("[[ops/db failover]]")
	res, err := Render(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<a href="/wiki/ops/db%20failover" class="wikilink">ops/db failover</a>`
	if !bytes.Contains(res.HTML, []byte(want)) {
		t.Errorf("Render(%q) = %s, want %s", src, res.HTML, want)
	}
}

func TestChromaCSS(t *testing.T) {
	const path = "../../static/css/chroma.css"
	var buf bytes.Buffer
	if err := WriteHighlightCSS(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("WriteHighlightCSS differs from %s (run go test -update):\n%s", path, diff)
	}
	for _, class := range []string{".chroma .kd", ".chroma .s", "@media (prefers-color-scheme: dark)"} {
		if !strings.Contains(buf.String(), class) {
			t.Errorf("WriteHighlightCSS lacks %q", class)
		}
	}
}

// unsafeHTML returns the first executable construct in h: a forbidden
// element, an event-handler or style attribute, or a script URL.
func unsafeHTML(h []byte) string {
	z := html.NewTokenizer(bytes.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if bad := unsafeTag(z.Token()); bad != "" {
				return bad
			}
		}
	}
}

var forbiddenTags = map[string]bool{
	"script": true, "iframe": true, "svg": true, "style": true, "object": true,
	"embed": true, "form": true, "math": true, "base": true, "link": true, "meta": true,
}

func unsafeTag(tok html.Token) string {
	if forbiddenTags[tok.Data] {
		return "<" + tok.Data + ">"
	}
	for _, a := range tok.Attr {
		v := strings.ToLower(strings.TrimSpace(a.Val))
		switch {
		case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "srcdoc":
			return tok.Data + " " + a.Key
		case (a.Key == "href" || a.Key == "src") &&
			(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")):
			return tok.Data + " " + a.Key + "=" + a.Val
		}
	}
	return ""
}

func TestHTMLInjection(t *testing.T) {
	tests := []struct{ name, src string }{
		{"script", "<script>alert(1)</script>"},
		{"img onerror", `<img src=x onerror="alert(1)">`},
		{"inline img onerror", `text <img src=x onerror=alert(1)> text`},
		{"javascript link", "[x](javascript:alert(1))"},
		{"javascript link mixed case", "[x](JaVaScRiPt:alert(1))"},
		{"javascript link entity", "[x](jav&#x61;script:alert(1))"},
		{"javascript autolink", "<javascript:alert(1)>"},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD4=)"},
		{"javascript image", "![x](javascript:alert(1))"},
		{"javascript reference link", "[x][r]\n\n[r]: javascript:alert(1)"},
		{"wiki javascript", "[[javascript:alert(1)]]"},
		{"wiki label html", "[[x|<b>y</b>]]"},
		{"wiki target quote", `[[x" onclick="alert(1)]]`},
		{"raw html block", "<div onclick=\"alert(1)\">\n\n*x*\n\n</div>"},
		{"heading attribute break", `## a" onmouseover="alert(1)`},
		{"heading script", "# <script>alert(1)</script>"},
		{"svg onload", `<svg onload="alert(1)"><circle r="5"/></svg>`},
		{"iframe", `<iframe src="https://evil.example"></iframe>`},
		{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`},
		{"style", "<style>body{display:none}</style>"},
		{"object", `<object data="x.swf"></object>`},
		{"link title", `[x](https://example.com "a\" onmouseover=\"alert(1)")`},
		{"code info string", "```go\" onclick=\"alert(1)\nx\n```"},
		{"code unknown info", "```x\" onclick=\"alert(1)\nx\n```"},
		{"critical heading", "## <img src=x onerror=alert(1)>"},
		{"footnote", "x[^a\"onclick=alert(1)]\n\n[^a\"onclick=alert(1)]: <script>alert(1)</script>"},
		{"table cell", "| <script>alert(1)</script> |\n|---|\n| <img src=x onerror=alert(1)> |"},
		{"file", "golden injection.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			if tc.name == "file" {
				src, _ = os.ReadFile("testdata/injection.md")
			}
			res, err := Render(src, Options{Critical: map[string]bool{"img-src-x-onerror-alert-1": true}})
			if err != nil {
				t.Fatal(err)
			}
			if bad := unsafeHTML(res.HTML); bad != "" {
				t.Errorf("Render(%q) = %s, want no %s", src, res.HTML, bad)
			}
			if bytes.Contains(bytes.ToLower(res.HTML), []byte("<script")) {
				t.Errorf("Render(%q) = %s, want no <script", src, res.HTML)
			}
		})
	}
}

// TestRenderConcurrent backs the package doc's thread-safety claim; run it
// with -race.
func TestRenderConcurrent(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	want := map[string][]byte{}
	for _, f := range files {
		want[f] = renderFile(t, f).HTML
	}
	done := make(chan error)
	for range 4 {
		go func() {
			for _, f := range files {
				src, _ := os.ReadFile(f)
				_, body, _ := SplitFrontMatter(src)
				res, err := Render(body, Options{Resolve: testResolve})
				if err == nil && Outline(body) == nil {
					err = os.ErrInvalid
				}
				if err == nil && f != "testdata/headings.md" && !bytes.Equal(res.HTML, want[f]) {
					t.Errorf("concurrent Render(%s) = %s, want %s", f, res.HTML, want[f])
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
