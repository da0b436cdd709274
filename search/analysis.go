package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Token filters of the text analyzer (see the package doc, "Analysis").
// They are registered with bleve under these names, so an index records
// the analyzer by name and reopens with the same code.
const (
	filterSplit    = "handover_split"
	filterSpelling = "handover_spelling"
	filterSuffix   = "handover_suffix"
)

func init() {
	filters := map[string]analysis.TokenFilter{
		filterSplit: identFilter{}, filterSpelling: spellingFilter{}, filterSuffix: suffixFilter{},
	}
	for name, f := range filters {
		err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		})
		if err != nil {
			panic(err)
		}
	}
}

// identFilter splits identifiers into their words and keeps the whole:
// "KubePodCrashLooping" gives "Kube", "KubePodCrashLooping", "Pod",
// "Crash" and "Looping", "node_load1" gives "node", "node_load1" and
// "load1". The parts take consecutive positions, so that the words of an
// alert name are a phrase; the whole shares the first part's position and
// comes after it (phrases use the first token at a position), and the
// tokens after the identifier move up to make room.
type identFilter struct{}

func (identFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	shift := 0
	for i, tok := range in {
		parts := identifierParts(tok.Term)
		if len(parts) < 2 {
			tok.Position += shift
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(in)+8), in[:i]...)
		}
		out = appendParts(out, tok, parts, shift)
		shift += len(parts) - 1
	}
	if out == nil {
		return in
	}
	return out
}

// appendParts appends the parts of tok (byte ranges of its term) and tok
// itself, at positions from tok's own plus shift.
func appendParts(out analysis.TokenStream, tok *analysis.Token, parts [][2]int, shift int) analysis.TokenStream {
	pos := tok.Position + shift
	for k, p := range parts {
		out = append(out, &analysis.Token{
			Start: tok.Start + p[0], End: tok.Start + p[1], Term: bytes.Clone(tok.Term[p[0]:p[1]]),
			Position: pos + k, Type: tok.Type,
		})
		if k == 0 {
			whole := *tok
			whole.Position = pos
			out = append(out, &whole)
		}
	}
	return out
}

// minPart is the shortest identifier part in runes: "iPhone" and "IPv6"
// stay whole.
const minPart = 2

// identifierParts returns the byte ranges of the words of an identifier:
// split at '_', at a '.' between letters, before an upper-case letter
// that follows a lower-case letter or digit, and before the last capital
// of a run followed by lower case ("RAIDDisk" is "RAID", "Disk"). It
// returns nil when term is one word or a part would be shorter than
// minPart.
func identifierParts(term []byte) [][2]int {
	var parts [][2]int
	start := 0
	var prev, prev2 rune
	for i, r := range string(term) {
		cut, skip := boundary(prev2, prev, r, term[i+utf8.RuneLen(r):])
		switch {
		case skip:
			parts = appendPart(parts, start, i)
			start = i + utf8.RuneLen(r)
		case cut:
			parts = appendPart(parts, start, i)
			start = i
		}
		prev2, prev = prev, r
	}
	parts = appendPart(parts, start, len(term))
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		if utf8.RuneCount(term[p[0]:p[1]]) < minPart {
			return nil
		}
	}
	return parts
}

// boundary reports whether a new part starts at r (cut) or r separates
// two parts and belongs to neither (skip); prev2 and prev are the runes
// before r, rest the bytes after it.
func boundary(prev2, prev, r rune, rest []byte) (cut, skip bool) {
	next, _ := utf8.DecodeRune(rest)
	switch {
	case r == '_':
		return false, true
	case r == '.':
		return false, unicode.IsLetter(prev) && unicode.IsLetter(next)
	case !unicode.IsUpper(r):
		return false, false
	case unicode.IsLower(prev) || unicode.IsDigit(prev) && unicode.IsLetter(prev2):
		return true, false
	}
	return unicode.IsUpper(prev) && unicode.IsLower(next), false
}

func appendPart(parts [][2]int, start, end int) [][2]int {
	if end > start {
		parts = append(parts, [2]int{start, end})
	}
	return parts
}

// spellingFilter, before stemming, spells British "-ise" words the
// American way ("synchronising" → "synchronizing"), so that both stem
// alike, when the stem before the suffix is long enough for the Porter
// stemmer to take "-ize" off too (not "raise", "premise" or "precise").
type spellingFilter struct{}

var britishSuffixes = [][]byte{
	[]byte("isations"), []byte("isation"), []byte("ising"), []byte("ised"),
	[]byte("isers"), []byte("iser"), []byte("ises"), []byte("ise"),
}

func (spellingFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		for _, suf := range britishSuffixes {
			stem, ok := bytes.CutSuffix(tok.Term, suf)
			if ok && measure(stem) > 1 {
				term := append(bytes.Clone(stem), suf...)
				term[len(stem)+1] = 'z'
				tok.Term = term
				break
			}
		}
	}
	return in
}

// suffixFilter, after stemming, takes off the "-ur" the Porter stemmer
// leaves of "-ure", so that "failure" finds "failed" and "configure"
// finds "config". The stem must keep at least four letters ("secure",
// "nature" and "occur" keep theirs).
type suffixFilter struct{}

func (suffixFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if stem, ok := bytes.CutSuffix(tok.Term, []byte("ur")); ok && len(stem) >= 4 && measure(stem) > 0 {
			tok.Term = stem
		}
	}
	return in
}

// measure is the Porter stemmer's m of a lower-case ASCII word: the number
// of vowel-consonant sequences ("tree" 0, "trouble" 1, "private" 2). It is
// 0 for words with other letters, which are then left alone.
func measure(w []byte) int {
	m := 0
	vowel := false
	for i, c := range w {
		if c < 'a' || c > 'z' {
			return 0
		}
		v := isVowel(w, i)
		if !v && vowel {
			m++
		}
		vowel = v
	}
	return m
}

// isVowel reports whether w[i] is a vowel in Porter's sense: a, e, i, o,
// u, and y after a consonant.
func isVowel(w []byte, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	case 'y':
		return i > 0 && !isVowel(w, i-1)
	}
	return false
}
