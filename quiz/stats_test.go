package quiz

import (
	"math"
	"testing"

	"github.com/handover/handover/wiki"
)

// TestItemAnalysisHandComputed checks facility and discrimination index
// against values computed by hand with Moodle's definitions.
//
// Three questions: Q1 critical (weight 3), Q2 and Q3 weight 1. Five
// attempts, credit per question (Q1, Q2, Q3) and the attempt's total
// Σ w·f:
//
//	A1: 1 1 0  total 4        A4: 0 0 0  total 0
//	A2: 1 0 1  total 4        A5: 1 1 1  total 5
//	A3: 0 1 0  total 1
//
// Q1: marks x = 3,3,0,0,3; rest y = total − x = 1,1,1,0,2.
// mean x = 1.8, mean y = 1.0; dx = 1.2,1.2,−1.8,−1.8,1.2; dy = 0,0,0,−1,1.
// Σdx·dy = 1.8 + 1.2 = 3.0; Σdx² = 3·1.44 + 2·3.24 = 10.8; Σdy² = 2.
// r = 3.0/√(10.8·2) = 3.0/4.64758 = 0.645497 → discrimination 64.55;
// facility = 3/5 = 0.6.
//
// Q2: x = 1,0,1,0,1; y = 3,4,0,0,4. mean x = 0.6, mean y = 2.2;
// dx = .4,−.6,.4,−.6,.4; dy = .8,1.8,−2.2,−2.2,1.8.
// Σdx·dy = .32 − 1.08 − .88 + 1.32 + .72 = 0.40; Σdx² = 1.2; Σdy² = 16.8.
// r = 0.4/√20.16 = 0.089087 → 8.91; facility 0.6.
//
// Q3: x = 0,1,0,0,1; y = 4,3,1,0,4. mean x = 0.4, mean y = 2.4;
// dx = −.4,.6,−.4,−.4,.6; dy = 1.6,.6,−1.4,−2.4,1.6.
// Σdx·dy = −.64 + .36 + .56 + .96 + .96 = 2.2; Σdx² = 1.2; Σdy² = 13.2.
// r = 2.2/√15.84 = 0.552771 → 55.28; facility 0.4.
//
// Confidence on Q1: A1 certain (right), A2 fairly sure (right), A3
// certain (wrong: confident wrong), A4 guessing (wrong, not confident),
// A5 not asked. Rate = 1 of 4 = 25%.
func TestItemAnalysisHandComputed(t *testing.T) {
	credits := [][3]float64{{1, 1, 0}, {1, 0, 1}, {0, 1, 0}, {0, 0, 0}, {1, 1, 1}}
	conf := []int{3, 2, 3, 1, 0}
	weights := [3]float64{3, 1, 1}
	var attempts [][]observation
	for i, c := range credits {
		var obs []observation
		for q := range 3 {
			o := observation{QuestionID: uint64(q + 1), Weight: weights[q], Credit: c[q], Counted: true}
			if q == 0 {
				o.Confidence = conf[i]
			}
			obs = append(obs, o)
		}
		attempts = append(attempts, obs)
	}
	got := analyse(attempts)
	want := []struct {
		facility, discrimination float64
	}{{0.6, 64.550}, {0.6, 8.909}, {0.4, 55.277}}
	for q, w := range want {
		n := got[uint64(q+1)]
		if n.N != 5 || math.Abs(n.Facility-w.facility) > 1e-9 || !n.HasDiscrimination || math.Abs(n.Discrimination-w.discrimination) > 0.001 {
			t.Errorf("Q%d = n %d, facility %.4f, discrimination %.3f (%v); want 5, %.1f, %.3f",
				q+1, n.N, n.Facility, n.Discrimination, n.HasDiscrimination, w.facility, w.discrimination)
		}
	}
	if n := got[1]; n.ConfidenceN != 4 || n.ConfidentWrong != 1 || n.ConfidentWrongRate() != 0.25 {
		t.Errorf("Q1 confidence = %d asked, %d confident wrong, rate %v; want 4, 1, 0.25", n.ConfidenceN, n.ConfidentWrong, n.ConfidentWrongRate())
	}
}

// TestItemAnalysisEdgeCases: an answer to an earlier version counts in
// the rest of the test but not for its question; one attempt, or a
// question everybody gets right, has no discrimination index (Moodle shows
// none when a variance is zero).
func TestItemAnalysisEdgeCases(t *testing.T) {
	attempts := [][]observation{
		{{QuestionID: 1, Weight: 1, Credit: 1, Counted: true}, {QuestionID: 2, Weight: 1, Credit: 0, Counted: false}},
		{{QuestionID: 1, Weight: 1, Credit: 1, Counted: true}, {QuestionID: 2, Weight: 1, Credit: 1, Counted: true}},
	}
	got := analyse(attempts)
	if n := got[2]; n.N != 1 || n.Facility != 1 || n.HasDiscrimination {
		t.Errorf("Q2 = %+v; want 1 counted answer, facility 1, no discrimination", n)
	}
	if n := got[1]; n.N != 2 || n.HasDiscrimination {
		t.Errorf("Q1 = %+v; want 2 answers and no discrimination (all right: zero variance)", n)
	}
}

// TestQuestionStatsFromAttempts runs the analysis over real attempts and a
// taker's flag, and checks the weakest-questions list.
func TestQuestionStatsFromAttempts(t *testing.T) {
	f := newReadyFixture(t)
	f.answer(f.sam, f.plain)             // critical wrong, plain right
	f.answer(f.jo, f.crit)               // critical right, plain wrong
	f.advance(days(1))                   // past the cooldown
	f.answer(f.sam)                      // both wrong
	a := f.answer(f.jo, f.crit, f.plain) // both right
	if _, err := f.s.AddFlag(a.ID, f.plain.ID, f.jo, FlagAmbiguous, "two readings"); err != nil {
		t.Fatalf("flag: %v", err)
	}
	stats, err := f.s.QuestionStats([]*wiki.Page{f.page})
	if err != nil {
		t.Fatal(err)
	}
	// crit (w 3): marks 0,3,0,3; rest 1,0,0,1 → r = 0 → discrimination 0.
	// plain (w 1): marks 1,0,0,1; rest 0,3,0,3 → r = 0.
	for _, st := range stats {
		if st.N != 4 || st.ItemNumbers.Facility != 0.5 || !st.TooFew {
			t.Errorf("%s: n %d facility %v tooFew %v; want 4, 0.5, true", st.Question.Label(), st.N, st.ItemNumbers.Facility, st.TooFew)
		}
		if !st.HasDiscrimination || math.Abs(st.ItemNumbers.Discrimination) > 1e-9 {
			t.Errorf("%s: discrimination %v (%v), want 0", st.Question.Label(), st.ItemNumbers.Discrimination, st.HasDiscrimination)
		}
	}
	if stats[1].Flags != 1 || stats[1].OpenFlags != 1 {
		t.Errorf("flags on the plain question = %d (%d open), want 1 (1 open)", stats[1].Flags, stats[1].OpenFlags)
	}
	weakest := Weakest(stats, 10)
	if len(weakest) != 2 || weakest[0].Question.ID != f.plain.ID {
		t.Errorf("weakest = %d questions, first %v; want 2 with the flagged one first", len(weakest), weakest)
	}
}
