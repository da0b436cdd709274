package markup

import (
	"bytes"
	"fmt"
)

// Limits on page structure. goldmark is quadratic in some of these (each
// level of blockquote or list nesting re-scans the rest of the line, each
// footnote reference searches every definition, an unterminated link
// destination or autolink scans to the end of its line), so pages beyond
// them are refused at save rather than rendered slowly on every view. They
// are far above what a real runbook uses.
const (
	MaxLines       = 50000 // lines (each soft or hard line break is a node)
	MaxNesting     = 32    // blockquote and list levels opened on one line, indentation included
	MaxFootnotes   = 1000  // "[^" openers: footnote references and definitions
	MaxBlocks      = 3000  // lines that may start a block: headings, list items, table rows, definitions, paragraphs after a blank line
	MaxCodeBlocks  = 200   // fenced code blocks (each is highlighted)
	MaxMarks       = 20000 // inline markup characters: [ < * _ ~ ` | &
	MaxLinks       = 5000  // links: "](", "[[", "://" and "www."
	MaxLineOpeners = 16    // "](" link openings on one line
)

// LimitError reports a page beyond one of the limits; Msg says which, in
// words for the editor, and Line is the 1-based line where it was exceeded.
type LimitError struct {
	Line int
	Msg  string
}

func (e *LimitError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Check reports the first limit src exceeds as a *LimitError, or nil. It
// looks at the text only, in one pass, so that it costs no more than
// reading the page: it runs before the page is parsed. It counts markup in
// code blocks too, which errs on the side of refusing.
func Check(src []byte) error {
	var c counter
	for n := 1; len(src) > 0; n++ {
		var line []byte
		line, src, _ = bytes.Cut(src, []byte("\n"))
		if n > MaxLines {
			return &LimitError{Line: n, Msg: fmt.Sprintf("the page has more than %d lines; split it into several pages", MaxLines)}
		}
		if err := c.line(line); err != nil {
			return &LimitError{Line: n, Msg: err.Error()}
		}
	}
	return nil
}

type counter struct {
	footnotes, blocks, fences, marks, links int
	blank                                   bool // the previous line was blank
}

func (c *counter) line(line []byte) error {
	depth, rest := nesting(line)
	if depth > MaxNesting {
		return fmt.Errorf("blockquotes or lists are nested %d deep; at most %d levels are allowed", depth, MaxNesting)
	}
	if startsBlock(rest, depth, c.blank) {
		if c.blocks++; c.blocks > MaxBlocks {
			return fmt.Errorf("the page has more than %d blocks (headings, list items, table rows, paragraphs); split it into several pages", MaxBlocks)
		}
	}
	c.blank = len(bytes.TrimSpace(rest)) == 0
	if c.footnotes += bytes.Count(line, []byte("[^")); c.footnotes > MaxFootnotes {
		return fmt.Errorf("the page has more than %d footnotes; split it into several pages", MaxFootnotes)
	}
	if t := bytes.TrimLeft(rest, " \t"); bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
		if c.fences++; c.fences > 2*MaxCodeBlocks {
			return fmt.Errorf("the page has more than %d code blocks; split it into several pages", MaxCodeBlocks)
		}
	}
	if c.marks += countMarks(line); c.marks > MaxMarks {
		return fmt.Errorf("the page has more than %d markup characters ([ < * _ ~ ` | &); split it into several pages", MaxMarks)
	}
	k := bytes.Count(line, []byte("]("))
	if c.links += k + bytes.Count(line, []byte("[[")) + bytes.Count(line, []byte("://")) + bytes.Count(line, []byte("www.")); c.links > MaxLinks {
		return fmt.Errorf("the page has more than %d links; split it into several pages", MaxLinks)
	}
	if k > MaxLineOpeners {
		return fmt.Errorf("the line has %d links; at most %d are allowed on one line", k, MaxLineOpeners)
	}
	return nil
}

// nesting counts the blockquote markers and list markers at the start of
// line, and adds half the indentation before a first list marker (a nested
// list is indented by at least two columns per level). It returns the rest of
// the line after the markers.
func nesting(line []byte) (int, []byte) {
	depth, indent := 0, 0
	for {
		sp := 0
		for sp < len(line) && (line[sp] == ' ' || line[sp] == '\t') {
			sp++
		}
		n := listMarker(line[sp:])
		switch {
		case sp < len(line) && line[sp] == '>':
			depth++
			line = line[sp+1:]
		case n > 0:
			if depth == 0 {
				indent = sp
			}
			depth++
			line = line[sp+n:]
		default:
			return depth + indent/2, line
		}
	}
}

// listMarker returns the length of a bullet ("-", "+", "*") or ordered
// ("1.", "1)") list marker at the start of b that is followed by a space,
// a tab or the end of the line, else 0.
func listMarker(b []byte) int {
	n := 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+' || b[0] == '*') {
		n = 1
	} else {
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(b) || (b[n] != '.' && b[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' {
		return 0
	}
	return n
}

// startsBlock reports whether a line (after its container markers) may
// start a block of its own: any line with markers, a paragraph after a
// blank line, and lines that begin with the characters of headings,
// tables, fences, breaks, setext underlines and definitions.
func startsBlock(rest []byte, depth int, afterBlank bool) bool {
	t := bytes.TrimLeft(rest, " \t")
	switch {
	case len(t) == 0:
		return false
	case depth > 0 || afterBlank:
		return true
	}
	return bytes.IndexByte([]byte("#|`~=-_*+[<"), t[0]) >= 0 || bytes.IndexByte(t, '|') >= 0
}

// countMarks counts the characters that open inline markup or table
// cells; goldmark keeps a delimiter per each and some scans are per pair.
func countMarks(line []byte) int {
	n := 0
	for _, b := range line {
		switch b {
		case '[', '<', '*', '_', '~', '`', '|', '&':
			n++
		}
	}
	return n
}
