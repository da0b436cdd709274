package search

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet sizes in bytes of source text.
const (
	snippetBytes = 220 // about two lines
	leadBytes    = 50  // context kept before the first match
	maxMarks     = 64  // matches considered per field
)

// highlighter marks the words of a text whose stem is one of the query's
// tokens. It re-analyses only words that share a prefix with a token, so
// highlighting a page of hits costs far less than reading term vectors for
// every match of the query.
type highlighter struct {
	x        *Index
	stems    map[string]bool
	prefixes map[string]bool // first 1-3 bytes of each stem
	lens     []int           // distinct prefix lengths in prefixes
	words    map[string]bool // words analysed so far: whether they match
}

func (x *Index) newHighlighter(stems []string) *highlighter {
	h := &highlighter{x: x, stems: map[string]bool{}, prefixes: map[string]bool{}, words: map[string]bool{}}
	for _, s := range stems {
		n := min(len(s), 3)
		h.stems[s] = true
		h.prefixes[s[:n]] = true
		if !slices.Contains(h.lens, n) {
			h.lens = append(h.lens, n)
		}
	}
	return h
}

// span is a byte range of a marked word.
type span struct{ start, end int }

// marks returns the byte ranges of the matching words of text.
func (h *highlighter) marks(text string) []span {
	var out []span
	eachWord(text, func(start, end int) bool {
		if h.matches(text[start:end]) {
			out = append(out, span{start, end})
		}
		return len(out) < maxMarks
	})
	return out
}

func (h *highlighter) matches(word string) bool {
	if !h.mayMatch(word) && !h.partMayMatch(word) {
		return false
	}
	if m, ok := h.words[word]; ok {
		return m
	}
	m := false
	// The original case: the analyzer splits "KubePodCrashLooping" by it.
	for _, tok := range h.x.text.Analyze([]byte(word)) {
		m = m || h.stems[string(tok.Term)]
	}
	h.words[word] = m
	return m
}

// mayMatch reports whether word, in lower case, starts like a stem.
func (h *highlighter) mayMatch(word string) bool {
	var buf [3]byte
	lower := buf[:0]
	for i := 0; i < len(word) && i < len(buf); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			lower = []byte(strings.ToLower(word))
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower = append(lower, c)
	}
	for _, n := range h.lens {
		if len(lower) >= n && h.prefixes[string(lower[:n])] {
			return true
		}
	}
	return false
}

// partMayMatch reports whether a part of an identifier, a word with a
// capital letter after its first, starts like a stem.
func (h *highlighter) partMayMatch(word string) bool {
	_, n := utf8.DecodeRuneInString(word)
	if !strings.ContainsFunc(word[n:], unicode.IsUpper) {
		return false
	}
	for _, p := range identifierParts([]byte(word)) {
		if h.mayMatch(word[p[0]:p[1]]) {
			return true
		}
	}
	return false
}

// eachWord calls fn with the byte range of each run of letters and digits
// in s until fn returns false.
func eachWord(s string, fn func(start, end int) bool) {
	start := -1
	for i := 0; i < len(s); {
		inWord, size := isWordByte(s[i]), 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			if !fn(start, i) {
				return
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// isWordByte reports whether an ASCII byte is a letter or digit.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// snippet is the highlighted body, heading or title (the first that has a
// match), or the escaped start of the body.
func (h *highlighter) snippet(body, heading, title string) template.HTML {
	for _, text := range []string{body, heading, title} {
		if m := h.marks(text); len(m) > 0 {
			return render(text, m)
		}
	}
	return template.HTML(html.EscapeString(excerpt(body, snippetBytes)))
}

// render escapes the best window of text and wraps the marks in <mark>.
// It is the only place that builds snippet HTML.
func render(text string, marks []span) template.HTML {
	from, to := window(text, marks)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, m := range marks {
		if m.start < from || m.end > to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:m.start]))
		b.WriteString("<mark>" + html.EscapeString(text[m.start:m.end]) + "</mark>")
		at = m.end
	}
	b.WriteString(html.EscapeString(text[at:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return template.HTML(b.String()) // Safe: all text went through html.EscapeString.
}

// window picks the snippetBytes of text holding the most marks, starting a
// little before the first of them, cut at spaces.
func window(text string, marks []span) (from, to int) {
	if len(text) <= snippetBytes {
		return 0, len(text)
	}
	best, bestN := 0, 0
	for i, m := range marks {
		n := 0
		for _, o := range marks[i:] {
			if o.end-m.start > snippetBytes-leadBytes {
				break
			}
			n++
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	from = wordStart(text, max(0, marks[best].start-leadBytes), marks[best].start)
	to = wordEnd(text, min(len(text), from+snippetBytes))
	return from, to
}

// wordStart moves i forward to the start of a word, but not past limit.
func wordStart(text string, i, limit int) int {
	if i == 0 {
		return 0
	}
	if j := strings.IndexFunc(text[i:limit], unicode.IsSpace); j >= 0 {
		return i + j + 1
	}
	for i < limit && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// wordEnd moves i back to the end of a word, or to a rune start.
func wordEnd(text string, i int) int {
	if i == len(text) {
		return i
	}
	if j := strings.LastIndexFunc(text[:i], unicode.IsSpace); j > i-40 && j > 0 {
		return j
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// excerpt cuts s to about n bytes at a word boundary and marks the cut.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return strings.TrimRightFunc(s[:wordEnd(s, n)], unicode.IsSpace) + "…"
}
