package quiz

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReadinessThroughStore walks one incoming owner through every status
// with real answers in bbolt, the clock placing them in time.
func TestReadinessThroughStore(t *testing.T) {
	f := newReadyFixture(t)
	steps := []struct {
		name    string
		act     func()
		status  Status
		score   int // -1: not checked
		reasons []string
	}{
		{"nothing done", func() {}, NotReady, 0, []string{"not_tried", "missing_ack", "below_pass"}},
		{"critical answered wrongly", func() { f.answer(f.sam, f.plain) }, NotReady, 20,
			[]string{"failed_critical", "missing_ack", "cooldown", "below_pass"}},
		// Ready, with the coming re-check that keeps it so among the reasons.
		{"all right and acknowledged", func() { f.advance(time.Hour); f.answer(f.sam, f.crit, f.plain); f.ack(f.sam) }, Ready, 100, []string{"recheck"}},
		// R = 2^(−22/30) = 0.602: still above 0.6.
		{"22 days on", func() { f.advance(days(22)) }, Ready, -1, []string{"recheck"}},
		// R = 2^(−23/30) = 0.588 < 0.6: ready, but expiring.
		{"23 days on", func() { f.advance(days(1)) }, Expiring, -1, []string{"recheck"}},
		// R = 2^(−30.5/30) < 0.5: the gate fails before the due date ends.
		{"30.5 days on", func() { f.advance(days(7.5)) }, NotReady, -1, []string{"expired"}},
		{"past the due date", func() { f.advance(days(1)) }, Overdue, -1, []string{"expired"}},
	}
	for _, st := range steps {
		st.act()
		res := f.readiness(f.sam)
		if res.Status != st.status || st.score >= 0 && res.Score != st.score {
			t.Errorf("%s: status %s score %d, want %s %d", st.name, res.Status, res.Score, st.status, st.score)
		}
		if got := reasonKinds(res); !slices.Equal(got, st.reasons) {
			t.Errorf("%s: reasons %v, want %v", st.name, got, st.reasons)
		}
	}
}

// TestReadinessStaleReackAndEssay: editing a critical section makes the
// answer stale (until the author confirms the question and it is answered
// again) and asks for re-acknowledgement; a teach-back answer is
// pending until the outgoing owner grades it.
func TestReadinessStaleReackAndEssay(t *testing.T) {
	f := newReadyFixture(t)
	f.answer(f.jo, f.crit, f.plain)
	f.ack(f.jo)
	if res := f.readiness(f.jo); res.Status != Ready {
		t.Fatalf("before the edit: %s %v, want ready", res.Status, res.Reasons)
	}
	f.advance(days(1))
	f.save(strings.Replace(readyPageMD, "Promote db-02.", "Promote db-03.", 1), false)
	res := f.readiness(f.jo)
	if got := reasonKinds(res); !slices.Equal(got, []string{"stale", "reack", "below_pass"}) || res.Status != NotReady {
		t.Errorf("after editing the critical section: %s %v, want not_ready [stale reack below_pass]", res.Status, got)
	}
	// The author confirms the question still holds; jo answers it again.
	if err := f.s.ConfirmQuestion(f.page, f.alex, f.crit.ID); err != nil {
		t.Fatal(err)
	}
	essay := &Question{Type: Essay, Text: "Explain the failover to a new DBA.", Section: "contacts"}
	if err := f.s.AddQuestion(f.page, f.alex, essay); err != nil {
		t.Fatal(err)
	}
	f.ack(f.jo)
	a := f.answer(f.jo, f.crit, f.plain)
	res = f.readiness(f.jo)
	if got := reasonKinds(res); !slices.Contains(got, "essay_pending") || slices.Contains(got, "stale") {
		t.Errorf("essay answered: reasons %v, want essay_pending and no stale", got)
	}
	if _, err := f.s.GradeEssay(a.ID, essay.ID, f.alex, 1, "clear"); err != nil {
		t.Fatal(err)
	}
	if res = f.readiness(f.jo); res.Status != Ready || res.Score != 100 {
		t.Errorf("essay graded: %s %d %v, want ready 100", res.Status, res.Score, res.Reasons)
	}
}

// TestReadinessSpacedAnswersDoubleHalfLife: a second correct answer a day
// or more after the first gives k = 1, so the critical half-life is 60
// days and the answer still counts 35 days later (R = 2^(−35/60) = 0.667;
// with k = 0 it would be 0.445 and fail the gate).
func TestReadinessSpacedAnswersDoubleHalfLife(t *testing.T) {
	f := newReadyFixture(t)
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(2))
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(35))
	res := f.readiness(f.sam)
	it := res.Items[0]
	if it.K != 1 || it.HalfLife != 60 || math.Abs(it.Recency-math.Pow(2, -35.0/60)) > 1e-9 {
		t.Errorf("critical item: k %d h %v R %.4f; want 1, 60, %.4f", it.K, it.HalfLife, it.Recency, math.Pow(2, -35.0/60))
	}
	if res.Ready != true {
		t.Errorf("ready = false (%s %v), want true", res.Status, res.Reasons)
	}
	wantGate := f.at.Add(-days(35)).Add(days(60))
	if !it.GateDate.Equal(wantGate) {
		t.Errorf("gate date %v, want %v (answer + 60 days)", it.GateDate, wantGate)
	}
	// R < 0.6 from h·log2(1/0.6) = 44.2 days after the answer.
	if d := it.RecheckDate.Sub(f.at.Add(-days(35))).Hours() / 24; math.Abs(d-60*math.Log2(1/0.6)) > 1e-6 {
		t.Errorf("re-check after %.3f days, want %.3f", d, 60*math.Log2(1/0.6))
	}
}

// TestExplainWorkedExample: the formula explained shows the worked
// example's numbers, so each can be traced.
func TestExplainWorkedExample(t *testing.T) {
	items, pages := workedExample()
	res := Evaluate(now, now.AddDate(0, 0, 14), DefaultPassMark, items, pages)
	ex := ExplainScore(res, DefaultPassMark)
	if ex.Sum != "6.509" || ex.TotalW != "11.000" || ex.K != "0.592" || ex.A != "0.500" || ex.Score != "57" {
		t.Errorf("explained Σ %s / %s, K %s, A %s, score %s; want 6.509 / 11.000, 0.592, 0.500, 57", ex.Sum, ex.TotalW, ex.K, ex.A, ex.Score)
	}
	if want := "score = round(100 × (0.8 × 0.592 + 0.2 × 0.500)) = round(57.34) = 57"; ex.Formula != want {
		t.Errorf("formula = %q, want %q", ex.Formula, want)
	}
	// q1: w 3, f 1, v 1, 10 days, k 1, h 60 → R = 2^(−1/6) = 0.891, 2.673.
	q1 := ex.Items[0]
	if q1.W != "3" || q1.V != "1" || q1.H != "60" || q1.K != "1" || q1.R != "0.891" || q1.Contribution != "2.673" || q1.Days != "10.0" {
		t.Errorf("q1 row = %+v", q1)
	}
	if q2 := ex.Items[1]; q2.V != "0" || q2.Contribution != "0.000" {
		t.Errorf("q2 (stale) row = %+v, want v 0 and contribution 0", q2)
	}
}

// TestExplainFormulaTwoDecimals: the unrounded score is shown with two
// decimals, so that rounding what is shown gives the score (79.46 is not
// shown as 79.5, which reads as rounding to 80).
func TestExplainFormulaTwoDecimals(t *testing.T) {
	tests := []struct {
		k     float64 // with A = 1
		score int
		want  string
	}{
		{(0.7946 - 0.2) / 0.8, 79, "round(79.46) = 79"},
		{(0.79496 - 0.2) / 0.8, 79, "round(79.49) = 79"},
		{(0.795 - 0.2) / 0.8, 80, "round(79.50) = 80"},
		{1, 100, "round(100.00) = 100"},
	}
	for _, tc := range tests {
		res := Result{K: tc.k, A: 1, Score: tc.score}
		if got := ExplainScore(res, DefaultPassMark).Formula; !strings.HasSuffix(got, tc.want) {
			t.Errorf("formula for K = %.5f: %q, want it to end in %q", tc.k, got, tc.want)
		}
	}
}

// TestReadinessEditedEssayAnsweredAgainIsPending: after the author edits a
// graded teach-back question, the new answer to the new version waits for
// grading; readiness says so instead of calling the item stale.
func TestReadinessEditedEssayAnsweredAgainIsPending(t *testing.T) {
	f := newReadyFixture(t)
	essay := &Question{Type: Essay, Text: "Explain the failover to a new DBA.", Section: "steps", Critical: true}
	if err := f.s.AddQuestion(f.page, f.alex, essay); err != nil {
		t.Fatal(err)
	}
	f.ack(f.jo)
	a := f.answer(f.jo, f.crit, f.plain)
	if _, err := f.s.GradeEssay(a.ID, essay.ID, f.alex, 1, "clear"); err != nil {
		t.Fatal(err)
	}
	edited := *essay
	edited.Text = "Explain the failover, fencing included, to a new DBA."
	if err := f.s.UpdateQuestion(f.page, f.alex, &edited); err != nil {
		t.Fatal(err)
	}
	f.advance(time.Hour)
	f.answer(f.jo, f.crit, f.plain)
	res := f.readiness(f.jo)
	if got := reasonKinds(res); !slices.Contains(got, "essay_pending") || slices.Contains(got, "stale") {
		t.Errorf("edited essay answered again: reasons %v, want essay_pending and no stale", got)
	}
	for _, it := range res.Items {
		if it.QuestionID == essay.ID && (it.State != "pending" || !it.Valid) {
			t.Errorf("essay item: state %s, valid %v; want pending, valid", it.State, it.Valid)
		}
	}
}

// TestReadinessCooldownAfterPassedAttempt: the quiz makes every attempt,
// passed or not, wait for its cooldown; when the passed attempt still left
// a question to put right, readiness names the wait and when it ends.
func TestReadinessCooldownAfterPassedAttempt(t *testing.T) {
	f := newReadyFixture(t)
	if _, err := f.s.SaveSettings(f.page.ID, f.alex, Settings{PassMark: 70, CooldownMinutes: 30}); err != nil {
		t.Fatal(err)
	}
	f.ack(f.sam)
	a := f.answer(f.sam, f.crit) // 75%: passed, the plain question wrong
	if !a.Passed {
		t.Fatalf("attempt scored %.0f%%, want it passed", a.Score)
	}
	res := f.readiness(f.sam)
	if got := reasonKinds(res); !slices.Contains(got, "cooldown") {
		t.Errorf("after a passed attempt with a wrong answer: reasons %v, want cooldown", got)
	}
	if want := a.Submitted.Add(30 * time.Minute); !res.Pages[0].RetryAt.Equal(want) {
		t.Errorf("retry at %v, want %v", res.Pages[0].RetryAt, want)
	}
	// Everything right: the cooldown holds nothing back.
	f.advance(time.Hour)
	f.answer(f.sam, f.crit, f.plain)
	if got := reasonKinds(f.readiness(f.sam)); slices.Contains(got, "cooldown") {
		t.Errorf("after a perfect attempt: reasons %v, want no cooldown", got)
	}
}

// TestReadinessExpiringNamesTheRecheck: an expiring person is ready, but
// the reasons say which critical answer is fading, how old it is and by
// when to re-check it, so the
// dashboard does not read "nothing: ready".
func TestReadinessExpiringNamesTheRecheck(t *testing.T) {
	f := newReadyFixture(t)
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(25)) // R = 2^(−25/30) = 0.561
	res := f.readiness(f.sam)
	if res.Status != Expiring || len(res.Reasons) != 1 || res.Reasons[0].Kind != "recheck" {
		t.Fatalf("after 25 days: %s %+v, want expiring with one recheck reason", res.Status, res.Reasons)
	}
	want := "re-check due by 3 Jun: “Fence the old primary before promoting db-02.” (Database failover), answered 25 days ago"
	if got := res.Reasons[0].Text; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	if res.Reasons[0].Path != "ops/failover" {
		t.Errorf("reason links to %q, want ops/failover", res.Reasons[0].Path)
	}
}

// TestForecastAfterTheDueDate: once the due date is over, the forecast does
// not claim a status "on the due date" that was evaluated today; it says
// "now", and keeps the steps still to come.
func TestForecastAfterTheDueDate(t *testing.T) {
	due := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	h := &Handover{Due: due}
	tests := []struct {
		at    time.Time
		names []string
	}{
		{due.Add(-time.Hour), []string{"On the due date", "30 days after", "90 days after"}},
		{due.Add(20 * time.Hour), []string{"On the due date", "30 days after", "90 days after"}}, // the last day itself
		{due.AddDate(0, 0, 3), []string{"Now, after the due date", "30 days after", "90 days after"}},
		{due.AddDate(0, 0, 40), []string{"Now, after the due date", "90 days after"}},
		{due.AddDate(0, 0, 100), []string{"Now, after the due date"}},
	}
	for _, tc := range tests {
		p := PersonReadiness{Result: Result{At: tc.at, Status: Overdue}, ForecastDue: Overdue, Forecast30: Overdue, Forecast90: Overdue}
		steps := ForecastSteps(h, p)
		var names []string
		for _, st := range steps {
			names = append(names, st.Name)
		}
		if !slices.Equal(names, tc.names) {
			t.Errorf("forecast at %s = %v, want %v", tc.at.Format(time.DateTime), names, tc.names)
		}
		if steps[0].Name == "Now, after the due date" && (!steps[0].Date.Equal(tc.at) || steps[0].Status != Overdue) {
			t.Errorf("now step at %s = %+v, want dated now with the current status", tc.at.Format(time.DateTime), steps[0])
		}
	}
}

// TestCSVCarriesTheAge: each CSV row has when its answer was graded and
// its age, so the recency can be recomputed from the file: the worked
// example's q1, 10 days old with h = 60, has R = 2^(−10/60) = 0.891.
func TestCSVCarriesTheAge(t *testing.T) {
	items, pages := workedExample()
	res := Evaluate(now, now.AddDate(0, 0, 14), DefaultPassMark, items, pages)
	rep := &ReadinessReport{Handover: &Handover{Title: "Ops", Due: now.AddDate(0, 0, 14)}, At: now,
		People: []PersonReadiness{{User: "sam", Result: res}}}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(records) != 6 {
		t.Fatalf("CSV: %v, %d records", err, len(records))
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	q1 := records[1]
	if q1[col["answered"]] != "2026-11-15T12:00:00Z" || q1[col["days"]] != "10.000" ||
		q1[col["half_life_days"]] != "60" || q1[col["recency"]] != "0.891" {
		t.Errorf("q1 row: answered %s, days %s, half-life %s, recency %s; want 2026-11-15T12:00:00Z, 10.000, 60, 0.891",
			q1[col["answered"]], q1[col["days"]], q1[col["half_life_days"]], q1[col["recency"]])
	}
}
