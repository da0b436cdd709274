package gift

import (
	"fmt"
	"math"
	"strings"
)

// check applies the rules Moodle's question types enforce when they save
// an imported question (and a few that keep grading sane). Parse skips a
// question that breaks one; Write refuses it. It returns "" when q is fine.
func check(q *Question) string {
	switch q.Type {
	case TypeMultichoice, TypeMultianswer:
		return checkChoices(q)
	case TypeShortAnswer:
		return checkShort(q.Answers)
	case TypeNumerical:
		return checkNumbers(q.Numbers)
	case TypeMatching:
		return checkPairs(q.Pairs)
	case TypeDescription:
		if q.Text == "" {
			return "description without text"
		}
	case TypeTrueFalse, TypeEssay:
	default:
		return fmt.Sprintf("unknown question type %q", q.Type)
	}
	return ""
}

func checkWeight(w float64) string {
	if math.IsNaN(w) || w < -100 || w > 100 {
		return fmt.Sprintf("weight %v%% is outside -100%%..100%%", w)
	}
	return ""
}

// checkChoices: at least two choices (Moodle's importminerror); a single
// answer question needs a choice worth 100% (fractionsnomax); for a
// multiple answer question the positive weights must add up to 100%
// (fractionsaddwrong, which rounds the sum to whole percent).
func checkChoices(q *Question) string {
	if len(q.Answers) < 2 {
		return "multiple choice needs at least 2 answers"
	}
	maxW, sum := math.Inf(-1), 0.0
	for _, a := range q.Answers {
		if msg := checkWeight(a.Weight); msg != "" {
			return msg
		}
		if a.Text == "" {
			return "empty answer"
		}
		maxW = math.Max(maxW, a.Weight)
		if a.Weight > 0 {
			sum += a.Weight
		}
	}
	if q.Type == TypeMultichoice && maxW != 100 {
		return "multiple choice needs an answer worth 100% (mark it with =)"
	}
	if q.Type == TypeMultianswer && math.Round(sum) != 100 {
		return fmt.Sprintf("multiple answer weights of the right answers add up to %v%%, want 100%%", sum)
	}
	return ""
}

// checkShort: at least one answer, one of them worth 100% (Moodle's
// qtype_shortanswer refuses the question otherwise).
func checkShort(as []Answer) string {
	if len(as) == 0 {
		return "short answer without answers"
	}
	maxW := math.Inf(-1)
	for _, a := range as {
		if msg := checkWeight(a.Weight); msg != "" {
			return msg
		}
		if a.Text == "" {
			return "empty answer"
		}
		maxW = math.Max(maxW, a.Weight)
	}
	if maxW != 100 {
		return "short answer needs an answer worth 100%"
	}
	return ""
}

func checkNumbers(ns []NumAnswer) string {
	if len(ns) == 0 {
		return "numerical question without answers"
	}
	for _, n := range ns {
		if msg := checkWeight(n.Weight); msg != "" {
			return msg
		}
		if n.Any {
			continue
		}
		for _, f := range []float64{n.Value, n.Tolerance, n.Min, n.Max} {
			if math.IsNaN(f) {
				return "numerical answer is NaN"
			}
		}
		if n.IsRange && n.Min > n.Max {
			return "numerical range: minimum above maximum"
		}
		if !n.IsRange && n.Tolerance < 0 {
			return "numerical answer: negative tolerance"
		}
	}
	return ""
}

func checkPairs(ps []Pair) string {
	if len(ps) < 2 {
		return "matching needs at least 2 pairs"
	}
	for _, p := range ps {
		if p.Right == "" {
			return fmt.Sprintf("matching pair %q has an empty right side", p.Left)
		}
		if strings.Contains(p.Left, "->") {
			return fmt.Sprintf("matching left side %q contains ->", p.Left)
		}
	}
	return ""
}
