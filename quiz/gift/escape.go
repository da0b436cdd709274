package gift

import "strings"

// escapable lists the characters that GIFT lets a backslash escape, in the
// order of their sentinel bytes; 'n' stands for a newline.
const escapable = "~=#{}:n"

// sentinel is the first of the bytes that stand for escaped characters
// while a question is taken apart. 0xF8..0xFE never occur in UTF-8, so
// unlike Moodle's "&&058;" placeholders they cannot collide with text.
const sentinel = 0xF8

// cutset is what PHP's trim() removes; Moodle trims with it everywhere.
const cutset = " \t\n\r\x00\x0b"

func trim(s string) string { return strings.Trim(s, cutset) }

// hide replaces each escaped special character by its sentinel and "\\"
// by a single backslash, like Moodle's escapedchar_pre. Any other
// backslash stays as it is.
func hide(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			if s[i+1] == '\\' {
				b.WriteByte('\\')
				i++
				continue
			}
			if k := strings.IndexByte(escapable, s[i+1]); k >= 0 {
				b.WriteByte(sentinel + byte(k))
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// reveal turns sentinels back into the characters they stand for, like
// Moodle's escapedchar_post.
func reveal(s string) string {
	if !hasSentinel(s) {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= sentinel && c < sentinel+byte(len(escapable)) {
			b[i] = escapable[c-sentinel]
			if b[i] == 'n' {
				b[i] = '\n'
			}
		}
	}
	return string(b)
}

func hasSentinel(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= sentinel && s[i] < sentinel+byte(len(escapable)) {
			return true
		}
	}
	return false
}

// escape is the inverse of hide+reveal for text written by Write, like
// Moodle's repchar: the special characters, the backslash and newlines.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			b.WriteString(`\n`)
		case '\\', '~', '=', '#', '{', '}', ':':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isFormat(name string) bool {
	switch name {
	case FormatMoodle, FormatHTML, FormatPlain, FormatMarkdown:
		return true
	}
	return false
}

// formatPrefix returns the format named by a leading "[name]" of s, or "".
func formatPrefix(s string) string {
	if !strings.HasPrefix(s, "[") {
		return ""
	}
	end := strings.IndexByte(s, ']')
	if end < 0 || !isFormat(s[1:end]) {
		return ""
	}
	return s[1:end]
}

// splitFormat is Moodle's parse_text_with_format: a leading known
// "[format]" is taken off, the rest revealed and trimmed. An unknown
// "[...]" stays in the text.
func splitFormat(s, def string) (format, text string) {
	format = def
	if f := formatPrefix(s); f != "" {
		format = f
		s = s[len(f)+2:]
	}
	return format, trim(reveal(s))
}

// plain is splitFormat for parts whose own format marker is dropped.
func plain(s string) string {
	_, t := splitFormat(s, FormatMoodle)
	return t
}
