package gift

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// numberRe accepts what PHP's is_numeric accepts for decimal numbers
// (after trimming): an optional sign, digits with an optional point, and an
// optional exponent. No hex, no "inf".
var numberRe = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseNumerical parses a numerical block after its leading "#". As in
// Moodle, everything from the first "~" on is the feedback for any other
// response, stored as a final Any answer worth 0.
func parseNumerical(block string) ([]NumAnswer, string) {
	other, hasOther := "", false
	if i := strings.IndexByte(block, '~'); i >= 0 {
		block, other, hasOther = block[:i], block[i:], true
	}
	parts := dropEmptyFirst(strings.Split(block, "="))
	if len(parts) == 0 {
		return nil, "numerical question without answers"
	}
	ns := make([]NumAnswer, 0, len(parts)+1)
	for _, p := range parts {
		n, msg := parseNumAnswer(trim(p))
		if msg != "" {
			return nil, msg
		}
		ns = append(ns, n)
	}
	if hasOther {
		_, fb := comment(other)
		ns = append(ns, NumAnswer{Any: true, Feedback: fb})
	}
	return ns, ""
}

// parseNumAnswer parses "%weight%answer#feedback" where answer is
// "value", "value:tolerance", "min..max" or "*".
func parseNumAnswer(a string) (NumAnswer, string) {
	n := NumAnswer{Weight: 100}
	if w, rest, ok, msg := cutWeight(a); msg != "" {
		return n, msg
	} else if ok {
		n.Weight, a = w, rest
	}
	text, fb := comment(a)
	n.Feedback = fb
	// Moodle accepts any non-number here as "*" (an assignment where a
	// comparison was meant); only a real "*" is accepted here.
	if text == "*" {
		n.Any = true
		return n, ""
	}
	if lo, hi, ok := strings.Cut(text, ".."); ok && lo != "" {
		return numRange(n, text, lo, hi)
	}
	val, tol := text, "0"
	if i := strings.IndexByte(text, ':'); i > 0 {
		val, tol = text[:i], text[i+1:]
	}
	return numTolerance(n, text, val, tol)
}

func numRange(n NumAnswer, text, lo, hi string) (NumAnswer, string) {
	var msg string
	if n.Min, msg = number(lo); msg != "" {
		return n, msg
	}
	if n.Max, msg = number(hi); msg != "" {
		return n, msg
	}
	if n.Min > n.Max {
		return n, fmt.Sprintf("numerical range %q: minimum above maximum", text)
	}
	n.IsRange = true
	// Moodle stores a range as its midpoint and half-width.
	n.Value = (n.Min + n.Max) / 2
	if math.IsInf(n.Value, 0) {
		n.Value = n.Min/2 + n.Max/2 // huge bounds
	}
	n.Tolerance = n.Max - n.Value
	return n, ""
}

func numTolerance(n NumAnswer, text, val, tol string) (NumAnswer, string) {
	var msg string
	if n.Value, msg = number(val); msg != "" {
		return n, msg
	}
	if n.Tolerance, msg = number(tol); msg != "" {
		return n, msg
	}
	if n.Tolerance < 0 {
		return n, fmt.Sprintf("numerical answer %q: negative tolerance", text)
	}
	n.Min, n.Max = n.Value-n.Tolerance, n.Value+n.Tolerance
	return n, ""
}

func number(s string) (float64, string) {
	s = trim(s)
	if !numberRe.MatchString(s) {
		return 0, fmt.Sprintf("numerical answer %q is not a number", s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Sprintf("numerical answer %q is out of range", s)
	}
	return f, ""
}
