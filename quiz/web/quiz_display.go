package web

import (
	"html/template"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/markup"
)

// takeItem is one question as the taker sees it before submitting: texts
// only, choices in the attempt's order and named by display position. It
// has no field for weights, feedback, explanations or the right answer, so
// no template can leak them.
type takeItem struct {
	N              int
	Index          int    // of the item in the attempt
	Field          string // form field name prefix: "q3"
	Type           quiz.Type
	Name           string
	Text           template.HTML
	Critical       bool
	SectionHeading string
	Choices        []takeChoice // single and multiple choice
	Prompts        []takePrompt // matching: the left-hand sides
	Options        []takeChoice // matching: the right-hand sides offered
	Given          string       // short answer, number or essay typed
	Bool           string       // "true", "false" or ""
	Confidence     int
	Missing        bool // the question was deleted
}

type takeChoice struct {
	Value   int
	Text    string
	Checked bool
}

type takePrompt struct {
	Field    string
	Text     string
	Selected int
}

// renderText renders a question's Markdown; markup sanitises the output.
func renderText(md string) template.HTML {
	res, err := markup.Render([]byte(md), markup.Options{})
	if err != nil {
		return template.HTML(template.HTMLEscapeString(md))
	}
	// Sanitised goldmark output: the one kind of trusted HTML (STYLE.md).
	return template.HTML(res.HTML)
}

// takeItems lays out an attempt's questions for its form. qs holds the
// questions by ID; a missing one was deleted while the attempt was open.
func takeItems(p *wiki.Page, a *quiz.Attempt, qs map[uint64]*quiz.Question) []takeItem {
	out := make([]takeItem, 0, len(a.Items))
	for i := range a.Items {
		var r quiz.Response
		if i < len(a.Responses) {
			r = a.Responses[i]
		}
		out = append(out, takeItemOf(p, i, &a.Items[i], qs[a.Items[i].QuestionID], r))
	}
	return out
}

func takeItemOf(p *wiki.Page, i int, it *quiz.Item, q *quiz.Question, r quiz.Response) takeItem {
	t := takeItem{N: i + 1, Index: i, Field: "q" + strconv.Itoa(i), Confidence: r.Confidence}
	if q == nil {
		t.Missing = true
		return t
	}
	t.Type, t.Name, t.Text, t.Critical = q.Type, q.Name, renderText(q.Text), q.Critical
	t.SectionHeading = sectionHeading(p, q.Section)
	t.Given = r.Text
	if r.Bool != nil {
		t.Bool = strconv.FormatBool(*r.Bool)
	}
	switch q.Type {
	case quiz.SingleChoice, quiz.MultipleChoice:
		t.Choices = choicesOf(q, it, r)
	case quiz.Matching:
		t.Prompts, t.Options = matchingOf(q, it, t.Field, r)
	}
	return t
}

func choicesOf(q *quiz.Question, it *quiz.Item, r quiz.Response) []takeChoice {
	picked := map[int]bool{}
	for _, c := range r.Choices {
		picked[c] = true
	}
	out := make([]takeChoice, 0, len(it.Order))
	for pos := range it.Order {
		if i := it.AnswerAt(pos); i >= 0 && i < len(q.Answers) {
			out = append(out, takeChoice{Value: pos, Text: q.Answers[i].Text, Checked: picked[pos]})
		}
	}
	return out
}

func matchingOf(q *quiz.Question, it *quiz.Item, field string, r quiz.Response) ([]takePrompt, []takeChoice) {
	var prompts []takePrompt
	for pos, pair := range it.Prompts {
		sel := -1
		if pos < len(r.Matches) {
			sel = r.Matches[pos]
		}
		if pair >= 0 && pair < len(q.Pairs) {
			prompts = append(prompts, takePrompt{Field: field + "m" + strconv.Itoa(pos), Text: q.Pairs[pair].Left, Selected: sel})
		}
	}
	var options []takeChoice
	for pos, pair := range it.Rights {
		if pair >= 0 && pair < len(q.Pairs) {
			options = append(options, takeChoice{Value: pos, Text: q.Pairs[pair].Right})
		}
	}
	return prompts, options
}

// answerLines describes what the taker answered, for the results page.
func answerLines(q *quiz.Question, it *quiz.Item, r quiz.Response) []string {
	var out []string
	switch q.Type {
	case quiz.SingleChoice, quiz.MultipleChoice:
		for _, pos := range r.Choices {
			if i := it.AnswerAt(pos); i >= 0 && i < len(q.Answers) {
				out = append(out, q.Answers[i].Text)
			}
		}
	case quiz.TrueFalse:
		if r.Bool != nil {
			out = append(out, map[bool]string{true: "True", false: "False"}[*r.Bool])
		}
	case quiz.Matching:
		for pos, pair := range it.Prompts {
			right := "(no answer)"
			if pos < len(r.Matches) {
				if j := it.RightAt(r.Matches[pos]); j >= 0 && j < len(q.Pairs) {
					right = q.Pairs[j].Right
				}
			}
			if pair >= 0 && pair < len(q.Pairs) {
				out = append(out, q.Pairs[pair].Left+" → "+right)
			}
		}
	default:
		if r.Text != "" {
			out = append(out, r.Text)
		}
	}
	return out
}
