package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on user input: the parser reads at most maxQueryBytes of a query
// and keeps at most maxTerms terms, so that no query is expensive to plan.
const (
	maxQueryBytes = 512
	maxTerms      = 16
)

// op is the kind of one query term.
type op int

const (
	opWord op = iota
	opPhrase
	opTag
	opOwner
	opPath
)

// filterOps maps the filter prefixes users type to their op.
var filterOps = map[string]op{"tag": opTag, "tags": opTag, "owner": opOwner, "path": opPath}

// term is one parsed query term: a word, a phrase or a filter, possibly
// negated. text is never empty.
type term struct {
	op   op
	neg  bool
	text string
}

// parseQuery splits user text into terms. It accepts any input: invalid
// UTF-8 is dropped, unbalanced quotes close at the end, and text past
// maxQueryBytes or terms past maxTerms are ignored.
func parseQuery(s string) []term {
	s = clip(strings.ToValidUTF8(s, ""), maxQueryBytes)
	var terms []term
	for len(terms) < maxTerms {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		var t term
		var ok bool
		t, s, ok = nextTerm(s)
		if ok {
			terms = append(terms, t)
		}
	}
	return terms
}

// clip cuts s to at most n bytes without splitting a rune.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// nextTerm reads one term from the start of s, which is not empty and does
// not start with a space. It returns the rest of s; ok is false when the
// text read was no term (a lone "-", empty quotes, "tag:" with no value).
func nextTerm(s string) (t term, rest string, ok bool) {
	if s[0] == '-' {
		t.neg = true
		s = s[1:]
		if s == "" || startsWithSpace(s) {
			return t, s, false
		}
	}
	if s[0] == '"' {
		t.op = opPhrase
		t.text, rest = readPhrase(s[1:])
		return t, rest, t.text != ""
	}
	word, rest := readWord(s)
	if o, val, isFilter := splitFilter(word); isFilter {
		if val == "" && strings.HasPrefix(rest, `"`) {
			val, rest = readPhrase(rest[1:])
		}
		t.op, t.text = o, normalizeFilter(o, val)
		return t, rest, t.text != ""
	}
	// Any other "x:y" is read as the words x and y: a colon between
	// letters does not split a word for the analyzer, so "standby:failover"
	// (or a habit from other search boxes, "title:failover") would match
	// nothing.
	if i := strings.IndexByte(word, ':'); i >= 0 {
		word, rest = word[:i], word[i+1:]+rest
	}
	t.op, t.text = opWord, word
	return t, rest, word != ""
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// readWord reads up to the next space or quote.
func readWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, func(r rune) bool { return r == '"' || unicode.IsSpace(r) })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// readPhrase reads up to the closing quote, or to the end when there is
// none, and collapses the spaces inside.
func readPhrase(s string) (phrase, rest string) {
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return strings.Join(strings.Fields(s), " "), ""
	}
	return strings.Join(strings.Fields(s[:i]), " "), s[i+1:]
}

// splitFilter recognises "tag:x", "owner:x" and "path:x" (the prefix in any
// case). Other words with a colon are plain words.
func splitFilter(word string) (o op, val string, ok bool) {
	name, val, found := strings.Cut(word, ":")
	if !found {
		return 0, "", false
	}
	o, ok = filterOps[strings.ToLower(name)]
	return o, val, ok
}

// normalizeFilter trims a filter value; paths also lose their slashes at
// either end, so "path:/ops/" means "ops".
func normalizeFilter(o op, val string) string {
	if o == opPath {
		return strings.TrimFunc(val, func(r rune) bool { return r == '/' || unicode.IsSpace(r) })
	}
	return strings.TrimSpace(val)
}

// formatQuery writes terms back as query text that parses to the same terms;
// DidYouMean uses it.
func formatQuery(terms []term) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		parts = append(parts, t.String())
	}
	return strings.Join(parts, " ")
}

func (t term) String() string {
	var b strings.Builder
	if t.neg {
		b.WriteByte('-')
	}
	switch t.op {
	case opWord:
		b.WriteString(t.text)
	case opPhrase:
		b.WriteString(`"` + t.text + `"`)
	default:
		b.WriteString(filterName(t.op) + ":")
		if strings.ContainsFunc(t.text, unicode.IsSpace) {
			b.WriteString(`"` + t.text + `"`)
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

func filterName(o op) string {
	switch o {
	case opTag:
		return "tag"
	case opOwner:
		return "owner"
	default:
		return "path"
	}
}
