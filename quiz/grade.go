package quiz

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Response is a taker's answer to one question. Choice positions refer to
// the order the taker was shown (Item.Order), never to the stored order,
// so the form reveals nothing about which answer the author wrote first.
type Response struct {
	// Choices are display positions chosen (one for single choice).
	Choices []int `json:"choices,omitempty"`
	// Bool is the true/false answer; nil when unanswered.
	Bool *bool `json:"bool,omitempty"`
	// Text is the short answer, the number as typed, or the essay.
	Text string `json:"text,omitempty"`
	// Matches holds, for each prompt in display order, the display position
	// of the chosen answer (-1 for none).
	Matches []int `json:"matches,omitempty"`
	// Confidence is how sure the taker was: 0 not asked, 1 guessing,
	// 2 fairly sure, 3 certain.
	Confidence int `json:"confidence,omitempty"`
}

// Empty reports whether nothing was answered.
func (r Response) Empty() bool {
	if r.Bool != nil || strings.TrimSpace(r.Text) != "" || len(r.Choices) > 0 {
		return false
	}
	for _, m := range r.Matches {
		if m >= 0 {
			return false
		}
	}
	return true
}

// Outcome is the grading of one response.
type Outcome struct {
	Credit float64 `json:"credit"` // 0..1
	// Pending is set for essays until the outgoing owner grades them.
	Pending bool `json:"pending,omitempty"`
	// Feedback is the author's feedback on the chosen answer(s).
	Feedback []string `json:"feedback,omitempty"`
	// Comment and GradedBy are set when the outgoing owner grades an essay.
	Comment  string `json:"comment,omitempty"`
	GradedBy string `json:"graded_by,omitempty"`
}

// Correct reports full credit.
func (o Outcome) Correct() bool { return !o.Pending && o.Credit >= 0.9999 }

// Grade scores r against q shown in order (see Item). Weights are percent;
// a sum above 100 is capped and a negative sum floored at 0.
func Grade(q *Question, it *Item, r Response) Outcome {
	switch q.Type {
	case SingleChoice, MultipleChoice:
		return gradeChoices(q, it, r)
	case TrueFalse:
		return gradeTrueFalse(q, r)
	case ShortAnswer:
		return gradeShort(q, r)
	case Numerical:
		return gradeNumber(q, r)
	case Matching:
		return gradeMatching(q, it, r)
	case Essay:
		if r.Empty() {
			return Outcome{} // nothing to grade
		}
		return Outcome{Pending: true}
	}
	return Outcome{}
}

// clamp01 turns a percentage into a credit in [0, 1], rounded to six
// places so that weights like 33.33333% × 3 give full credit, not
// 0.9999999 (which readiness would count as wrong).
func clamp01(percent float64) float64 {
	return min(max(math.Round(percent*1e4)/1e6, 0), 1)
}

func gradeChoices(q *Question, it *Item, r Response) Outcome {
	var o Outcome
	sum := 0.0
	seen := map[int]bool{}
	for _, pos := range r.Choices {
		// The question may have lost answers since the attempt was laid out.
		i := it.AnswerAt(pos)
		if i < 0 || i >= len(q.Answers) || seen[i] || (q.Type == SingleChoice && len(seen) == 1) {
			continue
		}
		seen[i] = true
		sum += q.Answers[i].Weight
		if f := q.Answers[i].Feedback; f != "" {
			o.Feedback = append(o.Feedback, f)
		}
	}
	o.Credit = clamp01(sum)
	return o
}

func gradeTrueFalse(q *Question, r Response) Outcome {
	if r.Bool == nil {
		return Outcome{}
	}
	// GIFT: TrueFeedback is shown when the taker answers true.
	fb := q.FalseFeedback
	if *r.Bool {
		fb = q.TrueFeedback
	}
	o := Outcome{}
	if fb != "" {
		o.Feedback = []string{fb}
	}
	if *r.Bool == q.Truth {
		o.Credit = 1
	}
	return o
}

func gradeShort(q *Question, r Response) Outcome {
	given := normalizeAnswer(r.Text)
	best := Outcome{}
	if given == "" {
		return best
	}
	for _, a := range q.Answers {
		if wildcardMatch(normalizeAnswer(a.Text), given) && clamp01(a.Weight) >= best.Credit {
			best.Credit = clamp01(a.Weight)
			best.Feedback = nil
			if a.Feedback != "" {
				best.Feedback = []string{a.Feedback}
			}
		}
	}
	return best
}

// normalizeAnswer lowercases and collapses white space: short answers are
// compared case-insensitively, as Moodle does by default.
func normalizeAnswer(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// wildcardMatch reports whether text matches pattern, where "*" in the
// pattern matches any run of characters (Moodle's short-answer wildcard).
func wildcardMatch(pattern, text string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == text
	}
	parts := strings.Split(pattern, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	re, err := regexp.Compile("^" + strings.Join(parts, ".*") + "$")
	return err == nil && re.MatchString(text)
}

// ParseNumber reads a number as people type it: "3.14", "3,14", " 42 ".
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func gradeNumber(q *Question, r Response) Outcome {
	v, ok := ParseNumber(r.Text)
	if !ok {
		return Outcome{}
	}
	var best, other *Outcome
	for _, n := range q.Numbers {
		o := Outcome{Credit: clamp01(n.Weight)}
		if n.Feedback != "" {
			o.Feedback = []string{n.Feedback}
		}
		switch {
		case n.Any:
			other = &o // "any other answer" applies only when nothing else matched
		case v >= n.Min && v <= n.Max && (best == nil || o.Credit > best.Credit):
			best = &o
		}
	}
	if best == nil {
		best = other
	}
	if best == nil {
		return Outcome{}
	}
	return *best
}

func gradeMatching(q *Question, it *Item, r Response) Outcome {
	prompts := 0
	right := 0
	for i, p := range q.Pairs {
		if p.Left == "" {
			continue
		}
		prompts++
		pos := it.promptPosition(i)
		if pos < 0 || pos >= len(r.Matches) {
			continue
		}
		if chosen := it.RightAt(r.Matches[pos]); chosen >= 0 && chosen < len(q.Pairs) && q.Pairs[chosen].Right == p.Right {
			right++
		}
	}
	if prompts == 0 {
		return Outcome{}
	}
	return Outcome{Credit: float64(right) / float64(prompts)}
}
