package demo

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// demoTake has u take the quiz of the page at path at time t: every
// question answered right, except those whose GIFT id is in wrong, and
// essays answered with essay. It submits a few minutes later.
func (d *itOpsDemo) demoTake(u *wiki.User, path string, t time.Time, wrong []string, essay string) (*quiz.Attempt, error) {
	p, err := d.w.Page(path)
	if err != nil {
		return nil, fmt.Errorf("demo quiz on %s: %w", path, err)
	}
	d.setClock(t)
	a, err := d.qs.StartAttempt(p, u)
	if err != nil {
		return nil, fmt.Errorf("demo quiz on %s: %w (did seedDemoQuizzes import it?)", path, err)
	}
	responses := make([]quiz.Response, len(a.Items))
	for i, it := range a.Items {
		q, err := d.qs.Question(it.QuestionID)
		if err != nil {
			return nil, err
		}
		responses[i] = demoResponse(q, it, !slices.Contains(wrong, q.GIFTID), essay)
	}
	d.setClock(t.Add(7 * time.Minute))
	return d.qs.SubmitAttempt(a.ID, u, responses)
}

// demoResponse answers q as shown in it, rightly or wrongly.
func demoResponse(q *quiz.Question, it quiz.Item, right bool, essay string) quiz.Response {
	r := quiz.Response{Confidence: 3}
	if !right {
		r.Confidence = 2
	}
	switch q.Type {
	case quiz.SingleChoice, quiz.MultipleChoice:
		r.Choices = demoChoices(q, it, right)
	case quiz.TrueFalse:
		b := q.Truth == right
		r.Bool = &b
	case quiz.ShortAnswer:
		r.Text = "not sure"
		if right {
			r.Text = demoBestAnswer(q)
		}
	case quiz.Numerical:
		r.Text = "-1"
		if right {
			r.Text = demoBestNumber(q)
		}
	case quiz.Matching:
		r.Matches = demoMatches(q, it, right)
	case quiz.Essay:
		r.Text = essay
	}
	return r
}

// demoChoices picks the positions of the full-credit answers, or of one
// answer that earns nothing.
func demoChoices(q *quiz.Question, it quiz.Item, right bool) []int {
	var out []int
	for pos, i := range it.Order {
		w := q.Answers[i].Weight
		switch {
		case right && w > 0:
			out = append(out, pos)
		case !right && w <= 0:
			return []int{pos}
		}
	}
	return out
}

func demoBestAnswer(q *quiz.Question) string {
	for _, a := range q.Answers {
		if a.Weight >= 100 {
			return a.Text
		}
	}
	return ""
}

func demoBestNumber(q *quiz.Question) string {
	for _, n := range q.Numbers {
		if n.Weight >= 100 && !n.Any {
			return strconv.FormatFloat(n.Value, 'f', -1, 64)
		}
	}
	return ""
}

// demoMatches pairs each prompt with its right-hand answer, or leaves every
// prompt unanswered.
func demoMatches(q *quiz.Question, it quiz.Item, right bool) []int {
	out := make([]int, len(it.Prompts))
	for i, pair := range it.Prompts {
		out[i] = -1
		if !right {
			continue
		}
		for pos, j := range it.Rights {
			if q.Pairs[j].Right == q.Pairs[pair].Right {
				out[i] = pos
			}
		}
	}
	return out
}
