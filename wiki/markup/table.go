package markup

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tables is GFM tables in which a [[page|label]] is one cell. goldmark's
// table extension splits rows at every unescaped '|' before inline parsing
// runs, so [[it-ops/handover|IT operations manager]] became two cells and
// shifted every cell after it. This extension replaces goldmark's row
// splitter (adapted from goldmark's extension/table.go, MIT licence) with
// one that steps over whole wiki links, and keeps goldmark's table nodes
// and HTML renderer. Everything else is GFM: '|' in code spans splits
// cells, "\|" never does and shows as '|', in code spans too.
type tables struct{}

func (tables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableParagraphs{}, 200)),
		parser.WithASTTransformers(util.Prioritized(codePipes{}, 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(
		extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), 500)))
}

// tableParagraphs turns a paragraph whose second or later line is a
// delimiter row ("|---|:-:|") into a table, as goldmark does.
type tableParagraphs struct{}

func (tableParagraphs) Transform(node *ast.Paragraph, reader text.Reader, _ parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		aligns := delimiterRow(delim.Value(src))
		if aligns == nil {
			continue
		}
		header := tableRow(lines.At(i-1), aligns, true, src)
		if len(aligns) != header.ChildCount() {
			return
		}
		table := east.NewTable()
		table.Alignments = aligns
		table.SetPos(node.Pos())
		table.AppendChild(table, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, tableRow(lines.At(j), aligns, false, src))
		}
		splitOffTable(node, table, i)
		return
	}
}

// splitOffTable puts table after node and keeps in node only the lines
// before the header row (line i-1), if any.
func splitOffTable(node *ast.Paragraph, table *east.Table, i int) {
	parent := node.Parent()
	parent.InsertAfter(parent, node, table)
	node.Lines().SetSliced(0, i-1)
	if node.Lines().Len() == 0 {
		parent.RemoveChild(parent, node)
		return
	}
	last := node.Lines().At(i - 2)
	last.Stop-- // the newline before the header row
	node.Lines().Set(i-2, last)
}

// tableRow splits one source line into cells: a header keeps all of
// them (the caller compares the count), a body row is cut or padded to
// the header's width.
func tableRow(line text.Segment, aligns []east.Alignment, header bool, src []byte) *east.TableRow {
	row := east.NewTableRow(aligns)
	row.SetPos(line.Start)
	for k, cell := range cellSegments(trimSpace(line, src), src) {
		if k >= len(aligns) && !header {
			break
		}
		n := east.NewTableCell()
		n.SetPos(cell.Start)
		if k < len(aligns) {
			n.Alignment = aligns[k]
		}
		n.Lines().Append(trimSpace(cell, src))
		row.AppendChild(row, n)
	}
	for row.ChildCount() < len(aligns) {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}

func trimSpace(s text.Segment, src []byte) text.Segment {
	s = s.TrimLeftSpace(src)
	return s.TrimRightSpace(src)
}

// cellSegments splits a trimmed row at the '|' that separate cells: not
// an escaped "\|", not one inside a wiki link. One leading and one
// trailing '|' are the row's borders.
func cellSegments(row text.Segment, src []byte) []text.Segment {
	line := row.Value(src)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > pos && line[limit-1] == '|' {
		limit--
	}
	var cells []text.Segment
	for start := pos; pos <= limit; pos++ {
		if pos < limit && line[pos] == '[' && (pos == 0 || line[pos-1] != '\\') {
			if n := wikiLinkLen(line[pos:limit]); n > 0 {
				pos += n - 1
				continue
			}
		}
		if pos == limit || (line[pos] == '|' && (pos == 0 || line[pos-1] != '\\')) {
			if pos > start || pos < limit {
				cells = append(cells, text.NewSegment(row.Start+start, row.Start+pos))
			}
			start = pos + 1
		}
	}
	return cells
}

var (
	delimLeft   = regexp.MustCompile(`^\s*:-+\s*$`)
	delimRight  = regexp.MustCompile(`^\s*-+:\s*$`)
	delimCenter = regexp.MustCompile(`^\s*:-+:\s*$`)
	delimNone   = regexp.MustCompile(`^\s*-+\s*$`)
)

// delimiterRow returns the column alignments of a delimiter row, or nil
// if line is not one.
func delimiterRow(line []byte) []east.Alignment {
	if !isDelimiterLine(line) {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var aligns []east.Alignment
	for _, col := range cols {
		switch {
		case delimLeft.Match(col):
			aligns = append(aligns, east.AlignLeft)
		case delimRight.Match(col):
			aligns = append(aligns, east.AlignRight)
		case delimCenter.Match(col):
			aligns = append(aligns, east.AlignCenter)
		case delimNone.Match(col):
			aligns = append(aligns, east.AlignNone)
		default:
			return nil
		}
	}
	return aligns
}

// isDelimiterLine: at most 3 spaces of indent, only '-', '|', ':' and
// spaces, and not only dashes (that is a setext underline or a break).
func isDelimiterLine(line []byte) bool {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return false
	}
	onlyDashes := true
	for _, b := range line {
		if b != '-' {
			onlyDashes = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return false
		}
	}
	return !onlyDashes
}

// codePipes drops the backslash of "\|" inside code spans in table
// cells (GFM: "\|" is how a '|' gets into a cell, code or not; outside
// code the ordinary backslash escape already does it).
type codePipes struct{}

func (codePipes) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindCodeSpan && insideTableCell(n) {
			unescapeCodePipes(n, src)
		}
		return ast.WalkContinue, nil
	})
}

func insideTableCell(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTableCell {
			return true
		}
	}
	return false
}

// unescapeCodePipes splits each text segment of a code span around the
// backslash of every "\|" it holds.
func unescapeCodePipes(code ast.Node, src []byte) {
	for c := code.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		for {
			i := bytes.Index(t.Segment.Value(src), []byte(`\|`))
			if i < 0 {
				break
			}
			seg := t.Segment
			before := ast.NewRawTextSegment(seg.WithStop(seg.Start + i))
			code.InsertBefore(code, t, before)
			t.Segment = seg.WithStart(seg.Start + i + 1)
		}
		c = t
	}
}
