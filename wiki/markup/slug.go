package markup

import (
	"strings"
	"unicode"
)

// Slug turns heading text into an anchor-safe slug: lowercased, ASCII
// letters and digits and other Unicode letters kept, every other run of
// characters replaced by a single '-', no leading or trailing '-'. An empty
// result becomes "section" so that every heading has an ID.
//
// A slug never contains "--", which is why "--" can join the slugs of a
// heading path without ambiguity.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		if keepInSlug(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func keepInSlug(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsLetter(r)
}
