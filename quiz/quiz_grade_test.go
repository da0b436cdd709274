package quiz

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/handover/handover/quiz/gift"
)

func gradeOf(q *Question, it *Item, r Response) float64 { return Grade(q, it, r).Credit }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestGradeSingleChoice(t *testing.T) {
	q := &Question{Type: SingleChoice, Answers: []gift.Answer{{Text: "a", Weight: 100, Feedback: "yes"}, {Text: "b"}, {Text: "c", Weight: 50}}}
	straight := &Item{Order: []int{0, 1, 2}}
	reversed := &Item{Order: []int{2, 1, 0}}
	cases := []struct {
		name string
		it   *Item
		r    Response
		want float64
	}{
		{"right", straight, Response{Choices: []int{0}}, 1},
		{"wrong", straight, Response{Choices: []int{1}}, 0},
		{"partial", straight, Response{Choices: []int{2}}, 0.5},
		{"display order is the attempt's", reversed, Response{Choices: []int{0}}, 0.5},
		{"only the first of two choices counts", straight, Response{Choices: []int{1, 0}}, 0},
		{"out of range", straight, Response{Choices: []int{7}}, 0},
		{"none", straight, Response{}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := gradeOf(q, tc.it, tc.r); !near(got, tc.want) {
				t.Errorf("Grade(%v) = %v, want %v", tc.r.Choices, got, tc.want)
			}
		})
	}
	if o := Grade(q, straight, Response{Choices: []int{0}}); !slices.Equal(o.Feedback, []string{"yes"}) {
		t.Errorf("feedback = %q, want [yes]", o.Feedback)
	}
}

func TestGradeMultipleChoiceWeights(t *testing.T) {
	it := &Item{Order: []int{0, 1, 2, 3}}
	halves := &Question{Type: MultipleChoice, Answers: []gift.Answer{{Text: "a", Weight: 50}, {Text: "b", Weight: 50}, {Text: "c", Weight: -100}, {Text: "d"}}}
	thirds := &Question{Type: MultipleChoice, Answers: []gift.Answer{{Text: "a", Weight: 33.33333}, {Text: "b", Weight: 33.33333}, {Text: "c", Weight: 33.33333}, {Text: "d", Weight: -50}}}
	over := &Question{Type: MultipleChoice, Answers: []gift.Answer{{Text: "a", Weight: 70}, {Text: "b", Weight: 60}}}
	cases := []struct {
		name    string
		q       *Question
		choices []int
		want    float64
		correct bool
	}{
		{"both halves", halves, []int{0, 1}, 1, true},
		{"one half", halves, []int{0}, 0.5, false},
		{"half and a wrong one floors at 0", halves, []int{0, 2}, 0, false},
		{"everything ticked", halves, []int{0, 1, 2, 3}, 0, false},
		{"a neutral extra", halves, []int{0, 1, 3}, 1, true},
		{"repeated choice counts once", halves, []int{0, 0}, 0.5, false},
		{"three thirds round to full credit", thirds, []int{0, 1, 2}, 0.9999999, true},
		{"thirds minus half", thirds, []int{0, 1, 3}, 0.1666666, false},
		{"weights above 100 are capped", over, []int{0, 1}, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := Grade(tc.q, it, Response{Choices: tc.choices})
			if !near(o.Credit, tc.want) || o.Correct() != tc.correct {
				t.Errorf("Grade(%v) = %v (correct %v), want %v (correct %v)", tc.choices, o.Credit, o.Correct(), tc.want, tc.correct)
			}
		})
	}
}

func TestGradeTrueFalse(t *testing.T) {
	q := &Question{Type: TrueFalse, Truth: false, TrueFeedback: "no: it is false", FalseFeedback: "right"}
	if o := Grade(q, &Item{}, Response{Bool: ptrBool(false)}); o.Credit != 1 || !slices.Equal(o.Feedback, []string{"right"}) {
		t.Errorf("false = %+v, want credit 1 with feedback right", o)
	}
	if o := Grade(q, &Item{}, Response{Bool: ptrBool(true)}); o.Credit != 0 || !slices.Equal(o.Feedback, []string{"no: it is false"}) {
		t.Errorf("true = %+v, want credit 0 with its feedback", o)
	}
	if o := Grade(q, &Item{}, Response{}); o.Credit != 0 {
		t.Errorf("unanswered = %+v, want credit 0", o)
	}
}

func TestGradeShortAnswerWildcards(t *testing.T) {
	q := &Question{Type: ShortAnswer, Answers: []gift.Answer{
		{Text: "*fence*", Weight: 100, Feedback: "yes"}, {Text: "power off", Weight: 50}, {Text: "stonith", Weight: 100}, {Text: "a.b", Weight: 100}}}
	cases := []struct {
		given string
		want  float64
	}{
		{"We FENCE   it first", 1},
		{"fence", 1},
		{"  Power   OFF ", 0.5},
		{"power off and fence", 1}, // the best matching answer wins
		{"STONITH", 1},
		{"aXb", 0}, // "." is literal, only * is a wildcard
		{"a.b", 1},
		{"promote", 0},
		{"", 0},
	}
	for _, tc := range cases {
		if got := gradeOf(q, &Item{}, Response{Text: tc.given}); !near(got, tc.want) {
			t.Errorf("Grade(%q) = %v, want %v", tc.given, got, tc.want)
		}
	}
}

func TestGradeNumerical(t *testing.T) {
	q := &Question{Type: Numerical, Numbers: []gift.NumAnswer{
		{Value: 20, Tolerance: 2, Min: 18, Max: 22, Weight: 100},
		{IsRange: true, Min: 15, Max: 30, Value: 22.5, Tolerance: 7.5, Weight: 50, Feedback: "close"},
		{Any: true, Feedback: "re-read the target"},
	}}
	cases := []struct {
		given string
		want  float64
		fb    string
	}{
		{"20", 1, ""},
		{"18", 1, ""},   // tolerance is inclusive
		{"21,5", 1, ""}, // a decimal comma
		{"22.01", 0.5, "close"},
		{"15", 0.5, "close"}, // range bounds are inclusive
		{"30", 0.5, "close"},
		{"31", 0, "re-read the target"}, // any other answer
		{"twenty", 0, ""},
		{"", 0, ""},
	}
	for _, tc := range cases {
		o := Grade(q, &Item{}, Response{Text: tc.given})
		fb := ""
		if len(o.Feedback) > 0 {
			fb = o.Feedback[0]
		}
		if !near(o.Credit, tc.want) || fb != tc.fb {
			t.Errorf("Grade(%q) = %v %q, want %v %q", tc.given, o.Credit, fb, tc.want, tc.fb)
		}
	}
}

func TestGradeMatching(t *testing.T) {
	q := &Question{Type: Matching, Pairs: []gift.Pair{
		{Left: "SEV-1", Right: "warehouse cannot ship"}, {Left: "SEV-2", Right: "WMS slow"},
		{Left: "SEV-3", Right: "redundancy lost"}, {Right: "printer out of paper"}}}
	it := NewItem(q, true, rand.New(rand.NewPCG(1, 2)))
	if len(it.Prompts) != 3 || len(it.Rights) != 4 {
		t.Fatalf("item prompts %v rights %v, want 3 prompts and 4 offered answers", it.Prompts, it.Rights)
	}
	pos := func(pair int) int { return slices.Index(it.Rights, pair) }
	right := make([]int, len(it.Prompts))
	for i, pair := range it.Prompts {
		right[i] = pos(pair)
	}
	if got := gradeOf(q, &it, Response{Matches: right}); got != 1 {
		t.Errorf("all right = %v, want 1", got)
	}
	twoRight := slices.Clone(right)
	twoRight[0] = pos(3) // the distractor
	if got := gradeOf(q, &it, Response{Matches: twoRight}); !near(got, 2.0/3) {
		t.Errorf("two of three = %v, want 2/3", got)
	}
	if got := gradeOf(q, &it, Response{Matches: []int{-1, -1, -1}}); got != 0 {
		t.Errorf("none = %v, want 0", got)
	}
}

func TestGradeEssay(t *testing.T) {
	q := &Question{Type: Essay}
	if o := Grade(q, &Item{}, Response{Text: "Because two primaries split the data."}); !o.Pending || o.Correct() {
		t.Errorf("essay = %+v, want pending and not correct", o)
	}
	if o := Grade(q, &Item{}, Response{Text: "   "}); o.Pending || o.Credit != 0 {
		t.Errorf("empty essay = %+v, want graded 0, not pending", o)
	}
}
