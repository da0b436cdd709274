package wiki

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleSegment bounds the address PathFromTitle derives, so that a
// long title still leaves room for its folder and a "-2".
const maxTitleSegment = 80

// PathFromTitle derives a page address segment from a title, the way
// people expect from BookStack or Outline: "Redis Restart" is
// "redis-restart". Letters and digits of any script are kept, lowercased,
// with their combining marks; apostrophes are dropped ("Alex's notes" is
// "alexs-notes"); every other run of characters becomes one '-'. It
// returns "" when the title has no letter or digit. The result always
// passes CleanPath as one segment.
func PathFromTitle(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range CleanDisplayText(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(strings.ToLower(string(r)))
		case isPathMark(r) && b.Len() > 0 && !dash:
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	return truncateSegment(b.String())
}

// truncateSegment cuts s to maxTitleSegment runes, at a '-' when one is
// near the end, so that a word is not cut in half.
func truncateSegment(s string) string {
	if utf8.RuneCountInString(s) <= maxTitleSegment {
		return s
	}
	s = string([]rune(s)[:maxTitleSegment])
	if i := strings.LastIndexByte(s, '-'); i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

// LinkPath is the page a [[wiki link]] target names: a valid path as it
// is (CleanPath), else each '/'-separated part that is not a valid
// segment read as a title (PathFromTitle), so [[Database Failover]] is
// database-failover and [[it-ops/Redis Restart]] is
// it-ops/redis-restart. It fails like CleanPath when nothing usable is
// left.
func LinkPath(target string) (string, error) {
	if p, err := CleanPath(target); err == nil {
		return p, nil
	}
	parts := strings.Split(strings.Trim(strings.TrimSpace(target), "/"), "/")
	for i, part := range parts {
		seg := strings.ToLower(strings.TrimSpace(part))
		if checkSegment(seg) != nil {
			seg = PathFromTitle(part)
		}
		parts[i] = seg
	}
	return CleanPath(strings.Join(parts, "/"))
}

// maxPathTries bounds FreePath's search for a free "-N" address.
const maxPathTries = 1000

// FreePath returns path if no page (live or deleted: a deleted page can
// still be restored there) has it, else the first free path-2, path-3…
func (s *Store) FreePath(path string) (string, error) {
	return Read(s, func(tx *Tx) (string, error) {
		for n := 1; n <= maxPathTries; n++ {
			p := path
			if n > 1 {
				p += "-" + strconv.Itoa(n)
			}
			if _, err := tx.pageByPath(p); errors.Is(err, ErrNotFound) {
				return CleanPath(p)
			} else if err != nil {
				return "", err
			}
		}
		return "", Errorf(Conflict, "there are already %d pages at %s and its numbered variants; choose another address", maxPathTries, path)
	})
}
