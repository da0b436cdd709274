package markup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// heading is one heading of a parsed page with its computed ID.
type heading struct {
	node  *ast.Heading
	level int
	text  string
	id    string
	start int // offset of the first byte of the line holding the heading
}

// collectHeadings returns the page's headings in source order with their
// stable IDs. Headings inside code blocks are code, so the AST has none.
func collectHeadings(doc ast.Node, src []byte) []heading {
	var hs []heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		hs = append(hs, heading{node: h, level: h.Level, text: headingText(h, src), start: lineStart(src, h)})
		return ast.WalkSkipChildren, nil
	})
	// Footnote definitions are moved to the end of the document; a heading
	// inside one still belongs where it was written.
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].start < hs[j].start })
	assignIDs(hs)
	return hs
}

func headingText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	inlineText(&b, h, src)
	return strings.TrimSpace(b.String())
}

// lineStart finds the start of the source line on which n begins.
func lineStart(src []byte, n ast.Node) int {
	pos := n.Pos()
	if pos < 0 && n.Lines().Len() > 0 {
		pos = n.Lines().At(0).Start
	}
	if pos < 0 || pos > len(src) {
		return len(src)
	}
	return bytes.LastIndexByte(src[:pos], '\n') + 1
}

// assignIDs gives every heading its ID: Slug(text) for an H1, else the
// slugs of the enclosing level ≥ 2 headings and its own joined by "--";
// repeats get "-2", "-3"… in document order.
func assignIDs(hs []heading) {
	type step struct {
		level int
		slug  string
	}
	var path []step
	ids := idSet{used: map[string]bool{}, next: map[string]int{}}
	for i := range hs {
		h := &hs[i]
		s := step{h.level, Slug(h.text)}
		for len(path) > 0 && path[len(path)-1].level >= h.level {
			path = path[:len(path)-1]
		}
		if h.level == 1 {
			path = path[:0]
			h.id = ids.unique(s.slug)
			continue
		}
		path = append(path, s)
		parts := make([]string, len(path))
		for k, p := range path {
			parts[k] = p.slug
		}
		h.id = ids.unique(strings.Join(parts, "--"))
	}
}

type idSet struct {
	used map[string]bool
	next map[string]int // next suffix to try per base, keeps repeats linear
}

func (s idSet) unique(base string) string {
	id := base
	n := s.next[base]
	if n == 0 {
		n = 2
	}
	for s.used[id] {
		id = base + "-" + strconv.Itoa(n)
		n++
	}
	s.next[base] = n
	s.used[id] = true
	return id
}

// buildSections returns the preamble and one section per heading, each
// with the hash of its whole normalised source (subsections included) and
// the plain text of its own content.
func buildSections(doc ast.Node, src []byte, hs []heading) []Section {
	texts := collectText(doc, src, hs)
	secs := make([]Section, len(hs)+1)
	end := len(src)
	if len(hs) > 0 {
		end = hs[0].start
	}
	secs[0] = Section{Hash: Hash(src[:end]), Text: texts[0]}
	for i, h := range hs {
		secs[i+1] = Section{
			ID: h.id, Heading: h.text, Level: h.level,
			Hash: Hash(src[h.start:sectionEnd(src, hs, i)]),
			Text: texts[i+1],
		}
	}
	return secs
}

// sectionEnd is where heading i's section stops: at the next heading of the
// same or a higher level (a smaller or equal number), or at the end.
func sectionEnd(src []byte, hs []heading, i int) int {
	for j := i + 1; j < len(hs); j++ {
		if hs[j].level <= hs[i].level {
			return hs[j].start
		}
	}
	return len(src)
}

// Hash returns the hex SHA-256 of Normalize(md): the section hash.
func Hash(md []byte) string {
	sum := sha256.Sum256(Normalize(md))
	return hex.EncodeToString(sum[:])
}

// Normalize makes whitespace-only edits invisible to section hashes: CRLF
// and lone CR become LF, trailing spaces and tabs are trimmed from every
// line, runs of blank lines collapse to one, and leading and trailing
// blank lines are dropped. Note that this also drops a Markdown hard line
// break written as two trailing spaces, which is a formatting-only change.
func Normalize(md []byte) []byte {
	s := strings.ReplaceAll(string(md), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	out := make([]byte, 0, len(s))
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n')
			if blank {
				out = append(out, '\n')
			}
		}
		out = append(out, line...)
		blank = false
	}
	return out
}
