package gift

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// weightRe is Moodle's $giftanswerweightregex: what counts as an attempt
// at a "%weight%" prefix. Anything else starting with "%" is answer text.
var weightRe = regexp.MustCompile(`^%-*[0-9]{1,2}\.?[0-9]*%`)

var weightNumRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]*)?$`)

// cutWeight takes a "%weight%" prefix off an answer. ok reports whether
// there was one; msg is set when it matched Moodle's pattern but is not a
// number Moodle could use (such as "%--50%", where PHP 8 would fail).
func cutWeight(a string) (w float64, rest string, ok bool, msg string) {
	if !weightRe.MatchString(a) {
		return 0, a, false, ""
	}
	end := 1 + strings.IndexByte(a[1:], '%')
	num := a[1:end]
	if !weightNumRe.MatchString(num) {
		return 0, a, false, fmt.Sprintf("bad weight %%%s%%", num)
	}
	w, _ = strconv.ParseFloat(num, 64)
	return w, a[end+1:], true, ""
}

// comment splits "text#feedback" at the first "#", like Moodle's
// commentparser; each side loses its own [format] marker.
func comment(a string) (text, feedback string) {
	t, fb, _ := strings.Cut(a, "#")
	return plain(trim(t)), plain(trim(fb))
}

// dropEmptyFirst drops the text before the first separator when it is
// blank, as Moodle does after every explode().
func dropEmptyFirst(parts []string) []string {
	if len(parts) > 0 && trim(parts[0]) == "" {
		return parts[1:]
	}
	return parts
}

// splitChoices splits a multichoice block before every "~" and "=",
// keeping "=" (Moodle: str_replace("=", "~=") then explode("~")).
func splitChoices(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '~':
			parts = append(parts, s[start:i])
			start = i + 1
		case '=':
			parts = append(parts, s[start:i])
			start = i
		}
	}
	return dropEmptyFirst(append(parts, s[start:]))
}

// parseChoices parses a multichoice block. An "=" answer is worth 100%
// and, as in Moodle, takes no "%weight%" ("=%50%a" is the text "%50%a").
// Answers with empty text are dropped, as Moodle's multichoice type does
// when it saves them.
func parseChoices(block string) ([]Answer, string) {
	var as []Answer
	for _, p := range splitChoices(block) {
		a := trim(p)
		var w float64
		if strings.HasPrefix(a, "=") {
			w, a = 100, a[1:]
		} else if wt, rest, ok, msg := cutWeight(a); msg != "" {
			return nil, msg
		} else if ok {
			w, a = wt, rest
		}
		text, fb := comment(a)
		if text != "" {
			as = append(as, Answer{Text: text, Weight: w, Feedback: fb})
		}
	}
	return as, ""
}

// parseShort parses a shortanswer block: answers separated by "=", worth
// 100% unless they start with "%weight%". The first answer may lack its
// "=", as in Moodle ("{yes}" accepts "yes").
func parseShort(block string) ([]Answer, string) {
	var as []Answer
	for _, p := range dropEmptyFirst(strings.Split(block, "=")) {
		a := trim(p)
		w := 100.0
		if wt, rest, ok, msg := cutWeight(a); msg != "" {
			return nil, msg
		} else if ok {
			w, a = wt, rest
		}
		text, fb := comment(a)
		if text != "" {
			as = append(as, Answer{Text: text, Weight: w, Feedback: fb})
		}
	}
	return as, ""
}

// parsePairs parses a matching block "=left -> right ...". The right side
// keeps any "#" and has no format marker, as in Moodle.
func parsePairs(block string) ([]Pair, string) {
	parts := dropEmptyFirst(strings.Split(block, "="))
	if len(parts) < 2 {
		return nil, "matching needs at least 2 pairs"
	}
	ps := make([]Pair, 0, len(parts))
	for _, p := range parts {
		left, right, ok := strings.Cut(trim(p), "->")
		if !ok {
			return nil, fmt.Sprintf("matching pair %q has no ->", trim(reveal(p)))
		}
		ps = append(ps, Pair{Left: plain(trim(left)), Right: trim(reveal(right))})
	}
	return ps, ""
}

// isTrueFalse is Moodle's check: the text before the first "#" (if that
// is not at the start) is exactly T, TRUE, F or FALSE; case matters.
func isTrueFalse(block string) bool {
	v := block
	if i := strings.IndexByte(block, '#'); i > 0 {
		v = trim(block[:i])
	}
	switch v {
	case "T", "TRUE", "F", "FALSE":
		return true
	}
	return false
}

// parseTrueFalse reads "T#wrong#right" (Moodle's split_truefalse_comment):
// the first feedback is for a wrong answer, the second for a right one.
func parseTrueFalse(q *Question, block string) {
	bits := strings.SplitN(block, "#", 3)
	for len(bits) < 3 {
		bits = append(bits, "")
	}
	v := plain(trim(bits[0]))
	wrong, right := plain(trim(bits[1])), plain(trim(bits[2]))
	q.Truth = v == "T" || v == "TRUE"
	if q.Truth {
		q.TrueFeedback, q.FalseFeedback = right, wrong
	} else {
		q.TrueFeedback, q.FalseFeedback = wrong, right
	}
}
