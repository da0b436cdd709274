package gift

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreLine compares questions without their source line, which changes
// when a file is rewritten.
var ignoreLine = cmpopts.IgnoreFields(Question{}, "Line")

func ans(text string, weight float64, feedback ...string) Answer {
	a := Answer{Text: text, Weight: weight}
	if len(feedback) > 0 {
		a.Feedback = feedback[0]
	}
	return a
}

func numTol(value, tol, weight float64, feedback string) NumAnswer {
	return NumAnswer{Value: value, Tolerance: tol, Min: value - tol, Max: value + tol, Weight: weight, Feedback: feedback}
}

func numRng(min, max, weight float64) NumAnswer {
	v := (min + max) / 2
	return NumAnswer{Value: v, Tolerance: max - v, Min: min, Max: max, IsRange: true, Weight: weight}
}

// withDefaults fills what every parsed question has, so tables can leave
// it out.
func withDefaults(q Question) Question {
	if q.Format == "" {
		q.Format = FormatMoodle
	}
	return q
}

func mustParse(t *testing.T, src string) []Question {
	t.Helper()
	qs, errs, err := Parse(strings.NewReader(src))
	if err != nil || len(errs) > 0 {
		t.Fatalf("Parse(%q) errors = %v, %v; want none", src, errs, err)
	}
	return qs
}

func parseOne(t *testing.T, src string) Question {
	t.Helper()
	qs := mustParse(t, src)
	if len(qs) != 1 {
		t.Fatalf("Parse(%q) = %d questions, want 1", src, len(qs))
	}
	return qs[0]
}

func diffQuestion(want, got Question) string {
	return cmp.Diff(withDefaults(want), got, ignoreLine, cmpopts.EquateEmpty())
}
