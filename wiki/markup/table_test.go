package markup

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// TestTableCells checks the cells of rows holding wiki links: a '|'
// inside [[…]] never splits a cell, "\|" never does, and a plain '|'
// still does.
func TestTableCells(t *testing.T) {
	tests := []struct {
		name, row string
		want      []string
	}{
		{"label", "| [[ops/db|the failover page]] | b |", []string{"the failover page", "b"}},
		{"no label", "| [[ops/db]] | b |", []string{"Database failover", "b"}},
		{"escaped pipe in link", `| [[ops/db\|escaped]] | b |`, []string{"escaped", "b"}},
		{"two links in a cell", "| [[ops/db|x]], [[team/contacts|y]] | b |", []string{"x, y", "b"}},
		{"escaped pipe", `| x \| y | b |`, []string{"x | y", "b"}},
		{"escaped pipe in code", "| `x \\| y` | b |", []string{"x | y", "b"}},
		{"pipe in code splits (GFM)", "| `x | y` | b |", []string{"`x", "y`"}},
		{"escaped brackets", `| \[[a|b]] | c |`, []string{"[[a", "b]]"}},
		{"no borders", "[[ops/db|x]] | b", []string{"x", "b"}},
		{"empty label is the target", "| [[ops/db|]] | b |", []string{"Database failover", "b"}},
		{"empty target is not a link", "| [[ |x]] | b |", []string{"[[", "x]]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "| A | B |\n|---|---|\n" + tc.row + "\n"
			res, err := Render([]byte(src), Options{Resolve: testResolve})
			if err != nil {
				t.Fatal(err)
			}
			rows := tableRows(t, res.HTML)
			if len(rows) != 2 {
				t.Fatalf("Render(%q): %d rows, want 2:\n%s", src, len(rows), res.HTML)
			}
			if got := strings.Join(rows[1], "¦"); got != strings.Join(tc.want, "¦") {
				t.Errorf("Render(%q) cells = %q, want %q", tc.row, rows[1], tc.want)
			}
		})
	}
}

// TestTableText checks that search text sees a wiki link in a table as
// its label, in its own cell.
func TestTableText(t *testing.T) {
	src := "| Handover | Incoming |\n|---|---|\n| [[it-ops/handover|IT operations manager]] | Sam |\n"
	secs := Outline([]byte(src))
	if got, want := secs[0].Text, "Handover\tIncoming\nIT operations manager\tSam"; got != want {
		t.Errorf("Outline(%q).Text = %q, want %q", src, got, want)
	}
}

// TestShippedTablesHaveHeaderWidth renders every Markdown page the
// binary ships (the demo pages and the page templates) and fails on a
// table row whose cell count differs from its header's: the sign of a
// cell split where the author did not mean one.
func TestShippedTablesHaveHeaderWidth(t *testing.T) {
	tables := 0
	for _, dir := range []string{"../../static/demo", "../../static/pagetemplates"} {
		fsys := os.DirFS(dir)
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".md" {
				return err
			}
			tables += checkTableWidths(t, path.Join(dir, p))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if tables < 10 {
		t.Errorf("found %d tables in the shipped pages, want at least 10 (are the paths right?)", tables)
	}
}

func checkTableWidths(t *testing.T, file string) int {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, body, err := SplitFrontMatter(src)
	if err != nil {
		t.Fatalf("SplitFrontMatter(%s): %v", file, err)
	}
	checkSourceRows(t, file, string(body))
	res, err := Render(body, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(res.HTML)))
	if err != nil {
		t.Fatal(err)
	}
	tables := findAll(doc, "table")
	for k, table := range tables {
		rows := rowsOf(table)
		for i, row := range rows {
			if len(row) != len(rows[0]) {
				t.Errorf("%s: table %d row %d has %d cells %q, header has %d %q", file, k+1, i, len(row), row, len(rows[0]), rows[0])
			}
			for _, cell := range row {
				if strings.Contains(cell, "[[") || strings.Contains(cell, "]]") {
					t.Errorf("%s: table %d row %d: cell %q holds half a wiki link", file, k+1, i, cell)
				}
			}
		}
	}
	return len(tables)
}

// checkSourceRows counts the cells of every table row as written, with
// a rule independent of the parser's (wiki links and "\|" removed, then
// split at '|'), so that a row with more cells than its header, whose
// last cells the table would drop, fails too.
func checkSourceRows(t *testing.T, file, body string) {
	t.Helper()
	width := 0
	for i, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			width = 0
			continue
		}
		cells := sourceCells(line)
		switch {
		case width == 0:
			width = cells
		case cells != width && !delimiterLine(line):
			t.Errorf("%s:%d: row has %d cells, header %d: %s", file, i+1, cells, width, line)
		}
	}
}

var wikiLinkRE = regexp.MustCompile(`\[\[[^\[\]\n]*\]\]`)

func sourceCells(line string) int {
	line = wikiLinkRE.ReplaceAllString(strings.ReplaceAll(line, `\|`, ""), "L")
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	return strings.Count(line, "|") + 1
}

func delimiterLine(line string) bool {
	return strings.Trim(line, "|-: ") == ""
}

// tableRows returns the text of each cell of each row of the first table.
func tableRows(t *testing.T, h []byte) [][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(h)))
	if err != nil {
		t.Fatal(err)
	}
	tables := findAll(doc, "table")
	if len(tables) == 0 {
		t.Fatalf("no table in %s", h)
	}
	return rowsOf(tables[0])
}

func rowsOf(table *html.Node) [][]string {
	var rows [][]string
	for _, tr := range findAll(table, "tr") {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				cells = append(cells, strings.TrimSpace(nodeText(c)))
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.Data == tag {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAll(c, tag)...)
	}
	return out
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

var (
	goldmarkTables = goldmark.New(goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))))
	ourTables = goldmark.New(goldmark.WithExtensions(tables{}))
)

// FuzzTablesAsGFM checks that without wiki links our tables are
// goldmark's, byte for byte: only "[[…]]" changes how a row splits.
func FuzzTablesAsGFM(f *testing.F) {
	for _, s := range []string{
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n", "a|b\n-|-\n1|2|3\n", "| a |\n|---|\n| `x \\| y` \\| z |\n",
		"text\n| a | b |\n| - | - |\n|\n| x |\n", "| a | b |\n|--|--|\n| x \\|\n", "|a|\n|-|\n||\n", "  | a |\n  |---|\n  | b |\n",
		"> | a |\n> |---|\n> | b |\n", "- | a |\n  |---|\n  | b |\n", "| [a](b|c) | d |\n|---|---|\n| e | f |\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "[[") {
			return
		}
		var want, got strings.Builder
		if err := goldmarkTables.Convert([]byte(src), &want); err != nil {
			t.Skip()
		}
		if err := ourTables.Convert([]byte(src), &got); err != nil {
			t.Fatalf("Convert(%q): %v", src, err)
		}
		if got.String() != want.String() {
			t.Errorf("tables(%q) =\n%s\nwant goldmark's\n%s", src, got.String(), want.String())
		}
	})
}
