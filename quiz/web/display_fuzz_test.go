package web

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
)

// FuzzDisplay lays arbitrary questions out for an attempt and describes
// arbitrary responses to them, also against another version of the
// question (an author's edit while someone takes the quiz), as the taking
// form and the results page do. None of it may panic.
func FuzzDisplay(f *testing.F) {
	files, _ := filepath.Glob("../../static/demo/quizzes/*/*/*.gift")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data), "", []byte{0, 1, 2}, "45", byte(3), uint64(1))
		}
	}
	for _, tc := range []struct{ before, after string }{
		{"Q{=a ~b ~c}", "Q{=a}"},
		{"Q{=a->1 =b->2 =c->3}", "Q{=a->1 =b->2}"},
		{"Q{=a ~b ~c}", "Q{=a->1 =b->2}"},
		{"Q{#=1:0.5 =%50%1..3 =%0%*}", "Q{#NaN}"},
		{"Q{=a* =%50%b*c}", "Q{}"},
		{"Q{T#yes#no}", "Q{F}"},
	} {
		f.Add(tc.before, tc.after, []byte{2, 1, 0, 255}, "b", byte(1), uint64(7))
	}
	f.Fuzz(func(t *testing.T, src, edited string, picks []byte, text string, flags byte, seed uint64) {
		before, after := questionsOf(src), questionsOf(edited)
		rng := rand.New(rand.NewPCG(seed, 0))
		r := quiz.Response{Text: text, Confidence: int(flags>>4) - 4}
		for _, p := range picks {
			r.Choices = append(r.Choices, int(int8(p)))
			r.Matches = append(r.Matches, int(int8(p)))
		}
		for i, q := range before {
			it := quiz.NewItem(q, flags&1 != 0, rng)
			describe(q, &it, r)
			if len(after) > 0 {
				describe(after[i%len(after)], &it, r)
			}
		}
	})
}

func describe(q *quiz.Question, it *quiz.Item, r quiz.Response) {
	answerLines(q, it, r)
	choicesOf(q, it, r)
	matchingOf(q, it, "q0", r)
}

// questionsOf parses src as GIFT; what does not parse gives none.
func questionsOf(src string) []*quiz.Question {
	gs, _, err := gift.Parse(strings.NewReader(src))
	if err != nil {
		return nil
	}
	var out []*quiz.Question
	for _, g := range gs {
		if q, err := quiz.FromGIFT(g); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// TestPlainTextShowsItsStars checks that a question imported as GIFT
// [plain] text (escaped into Markdown on import) renders as written.
func TestPlainTextShowsItsStars(t *testing.T) {
	qs := questionsOf("::Plain::[plain]Use kill -9 *only* on pid_file {T}")
	if len(qs) != 1 {
		t.Fatalf("parsed %d questions, want 1", len(qs))
	}
	if html := string(renderText(qs[0].Text)); !strings.Contains(html, "*only*") || strings.Contains(html, "<em>") {
		t.Errorf("plain text rendered as %s, want its stars shown", html)
	}
}
