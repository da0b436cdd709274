package wiki

import (
	"strings"
	"unicode"
)

// CleanDisplayText is the one cleaning of every name the wiki shows
// (attachment names, page titles, tags, display names, handover titles):
// white space becomes a plain space, and characters that would reach a
// reader unseen are removed (HiddenRune). It trims the result.
func CleanDisplayText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case HiddenRune(r):
			return -1
		}
		return r
	}, s))
}

// HiddenRune reports whether r is a control character, the replacement
// character, or an invisible format character that reorders or hides
// text: the bidi embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) that show "invoice\u202Egnp.exe" as "invoiceexe.png", the
// zero-width characters and marks (U+200B–U+200F), the Arabic letter mark
// (U+061C) and the byte-order mark (U+FEFF).
func HiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r), r == unicode.ReplacementChar, r == 0x061C, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
