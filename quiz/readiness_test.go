package quiz

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz/gift"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time { return now.Add(-time.Duration(d * 24 * float64(time.Hour))) }

// workedExample is the example of issue 7: weights 3,3,1,3,1.
func workedExample() ([]ItemInput, []PageInput) {
	items := []ItemInput{
		{QuestionID: 1, Label: "q1", Critical: true, Attempted: true, Credit: 1, Valid: true, Answered: daysAgo(10), K: 1},
		{QuestionID: 2, Label: "q2", Critical: true, Attempted: true, Credit: 1, Valid: false, Answered: daysAgo(3)},
		{QuestionID: 3, Label: "q3", Attempted: true, Credit: 0.5, Valid: true, Answered: daysAgo(20)},
		{QuestionID: 4, Label: "q4", Critical: true, Attempted: true, Credit: 1, Valid: true, Answered: daysAgo(5)},
		{QuestionID: 5, Label: "q5", Attempted: true, Credit: 1, Valid: true, Answered: daysAgo(40)},
	}
	pages := []PageInput{
		{Path: "a", Title: "A", Acked: true},
		{Path: "b", Title: "B", Outdated: true},
	}
	return items, pages
}

func TestReadinessWorkedExample(t *testing.T) {
	items, pages := workedExample()
	due := now.AddDate(0, 0, 14)
	res := Evaluate(now, due, DefaultPassMark, items, pages)
	if math.Abs(res.K*11-6.509) > 0.001 || math.Abs(res.K-0.592) > 0.0005 {
		t.Errorf("K = %.4f (Σ = %.4f), want 6.509/11 ≈ 0.592", res.K, res.K*11)
	}
	if res.A != 0.5 || res.Score != 57 || res.Status != NotReady {
		t.Errorf("A, score, status = %v, %d, %s; want 0.5, 57, not_ready", res.A, res.Score, res.Status)
	}
	kinds := map[string]string{}
	for _, r := range res.Reasons {
		kinds[r.Kind] = r.Text
	}
	if _, ok := kinds["stale"]; !ok {
		t.Errorf("reasons %v lack q2 stale", res.Reasons)
	}
	if _, ok := kinds["reack"]; !ok {
		t.Errorf("reasons %v lack page needs re-acknowledgement", res.Reasons)
	}

	// Sam acknowledges page b and answers q2's new version correctly today.
	items[1].Valid, items[1].Answered = true, now
	pages[1] = PageInput{Path: "b", Title: "B", Acked: true}
	res = Evaluate(now, due, DefaultPassMark, items, pages)
	if math.Abs(res.K-0.864) > 0.0006 || res.A != 1 || res.Score != 89 || res.Status != Ready {
		t.Errorf("after: K %.4f A %v score %d status %s; want ≈0.864, 1, 89, ready", res.K, res.A, res.Score, res.Status)
	}
	if len(res.Reasons) != 0 {
		t.Errorf("ready with reasons %v", res.Reasons)
	}
}

func TestReadinessHalfLife(t *testing.T) {
	tests := []struct {
		critical bool
		k        int
		want     float64
	}{
		{true, 0, 30}, {true, 1, 60}, {true, 3, 240}, {true, 7, 240},
		{false, 0, 90}, {false, 2, 360},
	}
	for _, tc := range tests {
		it := evaluateItem(now, ItemInput{Critical: tc.critical, K: tc.k, Attempted: true, Credit: 1, Valid: true, Answered: daysAgo(0)})
		if it.HalfLife != tc.want {
			t.Errorf("half-life(critical=%v, k=%d) = %v, want %v", tc.critical, tc.k, it.HalfLife, tc.want)
		}
	}
}

// TestReadinessClock moves the clock through the decay: a correct critical
// answer is ready, then expiring once R < 0.6, then not ready past R < 0.5,
// and overdue after the due date.
func TestReadinessClock(t *testing.T) {
	answered := now
	items := []ItemInput{{Label: "q", Critical: true, Attempted: true, Credit: 1, Valid: true, Answered: answered}}
	pages := []PageInput{{Path: "a", Title: "A", Acked: true}}
	due := now.AddDate(0, 0, 40)
	tests := []struct {
		days float64
		want Status
	}{
		{0, Ready},
		{21, Ready},    // R = 0.616
		{23, Expiring}, // R = 0.588
		{29.9, Expiring},
		{30.1, NotReady}, // R < 0.5: gate fails
		{41.5, Overdue},  // past the end of the due day
	}
	for _, tc := range tests {
		at := answered.Add(time.Duration(tc.days * 24 * float64(time.Hour)))
		if got := Evaluate(at, due, 0, items, pages).Status; got != tc.want {
			t.Errorf("status after %.1f days = %s, want %s", tc.days, got, tc.want)
		}
	}
	fc := Forecast(due, 0, items, pages, now, due, due.AddDate(0, 0, 30))
	if fc[0] != Ready || fc[1] != NotReady || fc[2] != Overdue {
		t.Errorf("Forecast = %v, want [ready not_ready overdue]", fc)
	}
}

func TestReadinessReasons(t *testing.T) {
	items := []ItemInput{
		{Label: "never", PageTitle: "P", Critical: true},
		{Label: "wrong", PagePath: "b", PageTitle: "P", Critical: true, Attempted: true, Credit: 0, Valid: true, Answered: now},
		{Label: "essay", PageTitle: "P", Attempted: true, Pending: true, Valid: true, Answered: now},
		{Label: "old", PageTitle: "P", Critical: true, Attempted: true, Credit: 1, Valid: true, Answered: daysAgo(100)},
	}
	pages := []PageInput{{Path: "a", Title: "A"}, {Path: "b", Title: "B", Acked: true, RetryAt: now.Add(time.Hour)}}
	res := Evaluate(now, now.AddDate(0, 0, 1), 80, items, pages)
	want := []string{"not_tried", "failed_critical", "essay_pending", "expired", "missing_ack", "cooldown", "below_pass"}
	var got []string
	for _, r := range res.Reasons {
		got = append(got, r.Kind)
	}
	if len(got) != len(want) {
		t.Fatalf("reasons = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reason %d = %s, want %s (all: %v)", i, got[i], want[i], got)
		}
	}
}

func TestThirdsGiveFullCredit(t *testing.T) {
	q := &Question{Type: MultipleChoice, Answers: []gift.Answer{
		{Text: "a", Weight: 33.33333}, {Text: "b", Weight: 33.33333}, {Text: "c", Weight: 33.33333}, {Text: "d", Weight: -100}}}
	it := &Item{Order: []int{0, 1, 2, 3}}
	o := Grade(q, it, Response{Choices: []int{0, 1, 2}})
	if o.Credit != 1 || !o.Correct() {
		t.Fatalf("three thirds: credit %v, want exactly 1", o.Credit)
	}
	res := Evaluate(now, now, 0, []ItemInput{{Critical: true, Attempted: true, Credit: o.Credit, Valid: true, Answered: now}}, nil)
	if res.Status != Ready {
		t.Errorf("full credit from thirds: status %s, want ready", res.Status)
	}
}

// TestReadinessWithoutQuestions: a scope without questions has no K, so
// having acknowledged nothing scores 0, not the pass mark of 80 it scored
// when K counted as 1; the score is the acknowledgements alone, and the
// explanation says so.
func TestReadinessWithoutQuestions(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	pages := []PageInput{{Path: "a", Title: "A"}, {Path: "b", Title: "B"}}
	for _, tc := range []struct {
		acked int
		score int
		ready bool
	}{{0, 0, false}, {1, 50, false}, {2, 100, true}} {
		for i := range pages {
			pages[i].Acked = i < tc.acked
		}
		res := Evaluate(now, now.AddDate(0, 0, 14), 80, nil, pages)
		if !res.NoChecks || res.Score != tc.score || res.Ready != tc.ready {
			t.Errorf("%d of 2 acknowledged: NoChecks %v, score %d, ready %v; want true, %d, %v",
				tc.acked, res.NoChecks, res.Score, res.Ready, tc.score, tc.ready)
		}
		ex := ExplainScore(res, 80)
		if !strings.Contains(ex.Formula, "no knowledge checks yet") || !strings.Contains(ex.Formula, fmt.Sprintf("= %d", tc.score)) {
			t.Errorf("explanation %q does not say there are no checks, or the score", ex.Formula)
		}
	}
	if res := Evaluate(now, now, 80, []ItemInput{{Critical: true}}, pages); res.NoChecks {
		t.Errorf("a scope with a question is NoChecks")
	}
}
