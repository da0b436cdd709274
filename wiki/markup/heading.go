package markup

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headings replaces goldmark's heading renderer so that every heading
// carries its section ID, an optional critical badge and a "¶" self-link:
//
//	<h2 id="scope" class="critical">Scope <span class="badge critical-badge">Critical</span>
//	<a class="anchor" href="#scope" aria-label="Link to this section">¶</a></h2>
type headings struct{}

func (headings) Extend(m goldmark.Markdown) {
	// A lower number wins: goldmark's own renderer is registered at 1000.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headings{}, 100)))
}

func (headings) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id := attr(n, "id")
	tag := "h" + strconv.Itoa(n.Level)
	if entering {
		_, _ = w.WriteString("<" + tag + ` id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(id)))
		if attr(n, "class") == "critical" {
			_, _ = w.WriteString(`" class="critical`)
		}
		_, _ = w.WriteString(`">`)
		return ast.WalkContinue, nil
	}
	if attr(n, "class") == "critical" {
		_, _ = w.WriteString(` <span class="badge critical-badge">Critical</span>`)
	}
	_, _ = w.WriteString(` <a class="anchor" href="#`)
	_, _ = w.Write(util.EscapeHTML([]byte(id)))
	_, _ = w.WriteString(`" aria-label="Link to this section">¶</a></` + tag + ">\n")
	return ast.WalkContinue, nil
}

func attr(n ast.Node, name string) string {
	v, _ := n.AttributeString(name)
	s, _ := v.(string)
	return s
}
