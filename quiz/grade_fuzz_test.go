package quiz

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/quiz/gift"
)

// gradeFuzzSeeds are GIFT files to seed FuzzGrade with: the gift
// package's test files and the demo's quizzes.
func gradeFuzzSeeds() []string {
	var out []string
	for _, pattern := range []string{"gift/testdata/*.gift", "../static/demo/quizzes/*/*/*.gift"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				out = append(out, string(data))
			}
		}
	}
	return out
}

// FuzzGrade grades arbitrary responses to arbitrary questions, laid out
// for an attempt and then, as happens when the author edits a question
// while someone is taking the quiz, graded against another version of
// it. Grading must not panic, and credit is a number from 0 to 1; only
// a non-empty essay is pending. FuzzDisplay in quiz/web checks how the
// same answers are shown.
func FuzzGrade(f *testing.F) {
	for _, src := range gradeFuzzSeeds() {
		f.Add(src, "", []byte{0, 1, 2}, "45", byte(3), uint64(1))
	}
	for _, tc := range []struct{ before, after string }{
		{"Q{=a ~b ~c}", "Q{=a}"},                          // a choice removed while the attempt was open
		{"Q{=a->1 =b->2 =c->3}", "Q{=a->1 =b->2}"},        // a pair removed
		{"Q{=a ~b ~c}", "Q{=a->1 =b->2}"},                 // the type changed
		{"Q{~%50%a ~%50%b ~%-100%c}", "Q{~%50%a}"},        // weights
		{"Q{#=1:0.5 =%50%1..3 =%0%*}", "Q{#NaN}"},         // numbers
		{"Q{=a* =%50%b*c}", "Q{}"},                        // short answer wildcards, then an essay
		{"Q{T#yes#no}", "Q{F}"},                           // true/false
		{"::n::Q{=x ~%33.33333%y ~%33.33333%z}", "Q{=x}"}, // thirds
	} {
		f.Add(tc.before, tc.after, []byte{2, 1, 0, 255}, "b", byte(1), uint64(7))
	}
	f.Fuzz(func(t *testing.T, src, edited string, picks []byte, text string, flags byte, seed uint64) {
		before, after := fuzzQuestions(src), fuzzQuestions(edited)
		rng := rand.New(rand.NewPCG(seed, 0))
		r := fuzzResponse(picks, text, flags)
		for i, q := range before {
			it := NewItem(q, flags&1 != 0, rng)
			checkGrade(t, q, &it, r)
			if len(after) > 0 {
				checkGrade(t, after[i%len(after)], &it, r)
			}
		}
	})
}

// fuzzQuestions parses src as GIFT; what does not parse gives none.
func fuzzQuestions(src string) []*Question {
	gs, _, err := gift.Parse(strings.NewReader(src))
	if err != nil {
		return nil
	}
	var out []*Question
	for _, g := range gs {
		if q, err := FromGIFT(g); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// fuzzResponse makes a response from raw fuzz input: picks are display
// positions (as signed bytes, so negative ones too), used both as choices
// and as matches.
func fuzzResponse(picks []byte, text string, flags byte) Response {
	r := Response{Text: text, Confidence: int(flags>>4) - 4}
	for _, p := range picks {
		r.Choices = append(r.Choices, int(int8(p)))
		r.Matches = append(r.Matches, int(int8(p)))
	}
	if flags&2 != 0 {
		b := flags&4 != 0
		r.Bool = &b
	}
	return r
}

func checkGrade(t *testing.T, q *Question, it *Item, r Response) {
	t.Helper()
	o := Grade(q, it, r)
	if math.IsNaN(o.Credit) || o.Credit < 0 || o.Credit > 1 {
		t.Fatalf("Grade(%+v, %+v, %+v).Credit = %v, want 0 to 1", q, it, r, o.Credit)
	}
	if o.Pending && (q.Type != Essay || r.Empty() || o.Credit != 0) {
		t.Fatalf("Grade(%+v, %+v, %+v) = %+v, pending, but only a non-empty essay waits for grading", q, it, r, o)
	}
}

// TestSubmitAfterQuestionEdited: the author removes a choice and a pair
// while someone is taking the quiz; the submission is graded (it once
// indexed past the shorter lists and failed with a panic every time).
func TestSubmitAfterQuestionEdited(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	choice := f.add(p, &Question{Type: SingleChoice, Section: "steps", Text: "First?",
		Answers: []gift.Answer{{Text: "Fence", Weight: 100}, {Text: "Promote"}, {Text: "Wait"}}})
	match := f.add(p, &Question{Type: Matching, Section: "steps", Text: "Pair them",
		Pairs: []gift.Pair{{Left: "a", Right: "1"}, {Left: "b", Right: "2"}, {Left: "c", Right: "3"}}})
	a, err := f.s.StartAttempt(p, f.sam)
	if err != nil {
		t.Fatal(err)
	}
	choice.Answers = choice.Answers[:2]
	match.Pairs = match.Pairs[:2]
	for _, q := range []*Question{choice, match} {
		if err := f.s.UpdateQuestion(f.reload(p), f.alex, q); err != nil {
			t.Fatalf("edit question %d: %v", q.ID, err)
		}
	}
	rs := make([]Response, len(a.Items))
	for i := range rs {
		rs[i] = Response{Choices: []int{2}, Matches: []int{2, 2, 2}}
	}
	got, err := f.s.SubmitAttempt(a.ID, f.sam, rs)
	if err != nil || got.Open() {
		t.Fatalf("SubmitAttempt after the edit = %+v, %v; want it submitted", got, err)
	}
}
