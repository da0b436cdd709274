package gift

import (
	"fmt"
	"regexp"
	"strings"
)

// The patterns of Moodle's extract_idnumber_and_tags_from_comment: any
// non-control characters with "]" escaped as "\]"; tags also exclude
// < > and `. Go's regexp picks the same match as PCRE's backtracking.
var (
	idRe  = regexp.MustCompile(`\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]`)
	tagRe = regexp.MustCompile(`\[tag:((?:\\\]|[^\]<>` + "`" + `\x00-\x1f\x7f]|)+)\]`)
)

// idAndTags reads the id and tags from the comment lines of a question.
// As in Moodle the first [id:] wins and every [tag:] counts, trimmed, with
// "\]" read as "]". Unlike Moodle, a token inside another token's value
// (an "[id:" inside a tag, a "[tag:" inside the id) is not read, so that
// Write can always reproduce what Parse read; empty tags are dropped.
func idAndTags(comments string) (id string, tags []string) {
	tagSpans := tagRe.FindAllStringSubmatchIndex(comments, -1)
	idSpan := []int(nil)
	for _, m := range idRe.FindAllStringSubmatchIndex(comments, -1) {
		if !inside(m[0], tagSpans) {
			idSpan = m
			id = unescapeToken(comments[m[2]:m[3]])
			break
		}
	}
	for _, m := range tagSpans {
		if idSpan != nil && m[0] > idSpan[0] && m[0] < idSpan[1] {
			continue
		}
		if t := unescapeToken(comments[m[2]:m[3]]); t != "" {
			tags = append(tags, t)
		}
	}
	return id, tags
}

func inside(pos int, spans [][]int) bool {
	for _, s := range spans {
		if pos > s[0] && pos < s[1] {
			return true
		}
	}
	return false
}

func unescapeToken(s string) string {
	return strings.ReplaceAll(trim(s), `\]`, "]")
}

// idTagLines returns the comment line(s) that carry q's id and tags, like
// Moodle's write_idnumber_and_tags: "// [id:x] [tag:a] [tag:b]\n". A
// value ending in a backslash would swallow the "]" after it, so then each
// token gets a line of its own, where the line end stops the match.
func idTagLines(id string, tags []string) (string, error) {
	var tokens []string
	split := false
	add := func(kind, v string, bad string) error {
		if strings.ContainsAny(v, bad) || strings.ContainsFunc(v, isControl) || v != trim(v) || v == "" {
			return fmt.Errorf("%s %q cannot be written in GIFT", kind, v)
		}
		split = split || strings.HasSuffix(v, `\`)
		tokens = append(tokens, "["+kind+":"+strings.ReplaceAll(v, "]", `\]`)+"]")
		return nil
	}
	if id != "" {
		if err := add("id", id, ""); err != nil {
			return "", err
		}
	}
	for _, t := range tags {
		if err := add("tag", t, "<>`"); err != nil {
			return "", err
		}
	}
	if len(tokens) == 0 {
		return "", nil
	}
	sep := " "
	if split {
		sep = "\n// "
	}
	return "// " + strings.Join(tokens, sep) + "\n", nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
