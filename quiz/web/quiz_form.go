package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki"
)

// questionForm is the question editor's input, kept as typed so a form
// with an error is shown again exactly as the author left it.
type questionForm struct {
	Type          quiz.Type
	Section       string
	Name          string
	Text          string
	Critical      bool
	Explanation   string
	Answers       []answerRow // choices, or accepted short answers
	Truth         bool
	TrueFeedback  string
	FalseFeedback string
	Numbers       []numberRow
	Pairs         []gift.Pair
}

type answerRow struct{ Text, Weight, Feedback string }

type numberRow struct{ Value, Tolerance, Min, Max, Weight, Feedback string }

// minRows is how many rows of answers the form offers at least; extraRows
// are the blank rows added after the filled ones.
const (
	minRows   = 4
	extraRows = 2
)

func formatNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// formFromQuestion fills the editor with a stored question.
func formFromQuestion(q *quiz.Question) *questionForm {
	f := &questionForm{Type: q.Type, Section: q.Section, Name: q.Name, Text: q.Text, Critical: q.Critical,
		Explanation: q.Explanation, Truth: q.Truth, TrueFeedback: q.TrueFeedback,
		FalseFeedback: q.FalseFeedback, Pairs: append([]gift.Pair(nil), q.Pairs...)}
	for _, a := range q.Answers {
		f.Answers = append(f.Answers, answerRow{a.Text, formatNum(a.Weight), a.Feedback})
	}
	for _, n := range q.Numbers {
		f.Numbers = append(f.Numbers, numberRowOf(n))
	}
	f.pad(0)
	return f
}

func numberRowOf(n gift.NumAnswer) numberRow {
	r := numberRow{Weight: formatNum(n.Weight), Feedback: n.Feedback}
	switch {
	case n.Any:
		r.Value = "*"
	case n.IsRange:
		r.Min, r.Max = formatNum(n.Min), formatNum(n.Max)
	default:
		r.Value, r.Tolerance = formatNum(n.Value), formatNum(n.Tolerance)
	}
	return r
}

// pad adds blank rows: extraRows (plus more) after the filled ones, and at
// least minRows in all.
func (f *questionForm) pad(more int) {
	rows := func(n int) int { return max(minRows, n+extraRows+more) - n }
	f.Answers = append(f.Answers, make([]answerRow, rows(len(f.Answers)))...)
	f.Numbers = append(f.Numbers, make([]numberRow, rows(len(f.Numbers)))...)
	f.Pairs = append(f.Pairs, make([]gift.Pair, rows(len(f.Pairs)))...)
}

// parseQuestionForm reads the editor's fields; rows are parallel lists of
// inputs with the same name.
func parseQuestionForm(r *http.Request) *questionForm {
	v := r.PostForm
	// Browsers send a textarea's line ends as CRLF; the stored text has LF.
	lf := strings.NewReplacer("\r\n", "\n", "\r", "\n")
	f := &questionForm{Type: quiz.Type(v.Get("type")), Section: v.Get("section"), Name: strings.TrimSpace(v.Get("name")),
		Text: lf.Replace(v.Get("text")), Critical: v.Get("critical") == "on",
		Explanation: strings.TrimSpace(lf.Replace(v.Get("explanation"))),
		Truth:       v.Get("truth") == "true", TrueFeedback: strings.TrimSpace(v.Get("true_feedback")),
		FalseFeedback: strings.TrimSpace(v.Get("false_feedback"))}
	texts, weights, fbs := v["answer"], v["weight"], v["feedback"]
	for i := range texts {
		f.Answers = append(f.Answers, answerRow{texts[i], nth(weights, i), nth(fbs, i)})
	}
	vals := v["num_value"]
	for i := range vals {
		f.Numbers = append(f.Numbers, numberRow{vals[i], nth(v["num_tolerance"], i), nth(v["num_min"], i),
			nth(v["num_max"], i), nth(v["num_weight"], i), nth(v["num_feedback"], i)})
	}
	lefts := v["left"]
	for i := range lefts {
		f.Pairs = append(f.Pairs, gift.Pair{Left: strings.TrimSpace(lefts[i]), Right: strings.TrimSpace(nth(v["right"], i))})
	}
	return f
}

// question builds the question the form describes; Invalid errors name
// the field at fault.
func (f *questionForm) question() (*quiz.Question, error) {
	q := &quiz.Question{Type: f.Type, Section: f.Section, Name: f.Name, Text: f.Text, Critical: f.Critical,
		Explanation: f.Explanation}
	var err error
	switch f.Type {
	case quiz.SingleChoice, quiz.MultipleChoice:
		q.Answers, err = f.answers(0)
	case quiz.ShortAnswer:
		q.Answers, err = f.answers(100)
	case quiz.TrueFalse:
		q.Truth, q.TrueFeedback, q.FalseFeedback = f.Truth, f.TrueFeedback, f.FalseFeedback
	case quiz.Numerical:
		q.Numbers, err = f.numbers()
	case quiz.Matching:
		for _, p := range f.Pairs {
			if p.Left != "" || p.Right != "" {
				q.Pairs = append(q.Pairs, p)
			}
		}
	}
	return q, err
}

func (f *questionForm) answers(defaultWeight float64) ([]gift.Answer, error) {
	var out []gift.Answer
	for i, row := range f.Answers {
		text := strings.TrimSpace(row.Text)
		if text == "" {
			continue
		}
		w, err := parseWeight(row.Weight, defaultWeight, i)
		if err != nil {
			return nil, err
		}
		out = append(out, gift.Answer{Text: text, Weight: w, Feedback: strings.TrimSpace(row.Feedback)})
	}
	return out, nil
}

func parseWeight(s string, def float64, row int) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		return def, nil
	}
	w, ok := quiz.ParseNumber(s)
	if !ok || w < -100 || w > 100 {
		return 0, wiki.Errorf(wiki.Invalid, "row %d: the credit is a percentage from -100 to 100", row+1)
	}
	return w, nil
}

func (f *questionForm) numbers() ([]gift.NumAnswer, error) {
	var out []gift.NumAnswer
	for i, row := range f.Numbers {
		if strings.TrimSpace(row.Value+row.Min+row.Max) == "" {
			continue
		}
		n, err := row.answer(i)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func (row numberRow) answer(i int) (gift.NumAnswer, error) {
	var n gift.NumAnswer
	var err error
	if n.Weight, err = parseWeight(row.Weight, 100, i); err != nil {
		return n, err
	}
	n.Feedback = strings.TrimSpace(row.Feedback)
	bad := wiki.Errorf(wiki.Invalid, "row %d: give a number with an optional ± margin, or a range from and to, or * for any other answer", i+1)
	switch {
	case strings.TrimSpace(row.Value) == "*":
		n.Any = true
	case strings.TrimSpace(row.Min) != "" || strings.TrimSpace(row.Max) != "":
		lo, ok1 := quiz.ParseNumber(row.Min)
		hi, ok2 := quiz.ParseNumber(row.Max)
		if !ok1 || !ok2 || lo > hi {
			return n, bad
		}
		n.IsRange, n.Min, n.Max = true, lo, hi
		n.Value = (lo + hi) / 2
		n.Tolerance = hi - n.Value
	default:
		v, ok1 := quiz.ParseNumber(row.Value)
		tol, ok2 := 0.0, true
		if strings.TrimSpace(row.Tolerance) != "" {
			tol, ok2 = quiz.ParseNumber(row.Tolerance)
		}
		if !ok1 || !ok2 || tol < 0 {
			return n, bad
		}
		n.Value, n.Tolerance, n.Min, n.Max = v, tol, v-tol, v+tol
	}
	return n, nil
}

// nth returns s[i], or "" past its end.
func nth(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}
