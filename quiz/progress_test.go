package quiz

import (
	"slices"
	"strings"
	"testing"
)

// TestProgressOrder: what is left comes in order of importance, and a
// re-check is offered once a critical answer's recency is below 0.6.
func TestProgressOrder(t *testing.T) {
	f := newReadyFixture(t)
	essay := &Question{Type: Essay, Text: "Explain the failover.", Section: "contacts"}
	if err := f.s.AddQuestion(f.page, f.alex, essay); err != nil {
		t.Fatal(err)
	}
	f.answer(f.sam, f.plain) // critical wrong, essay pending
	progress, err := f.s.ProgressOf(f.sam, f.at)
	if err != nil || len(progress) != 1 {
		t.Fatalf("progress = %v, %v", progress, err)
	}
	var kinds []string
	for _, td := range progress[0].Todos {
		kinds = append(kinds, td.Kind)
	}
	if want := []string{"failed_critical", "missing_ack", "essay_pending"}; !slices.Equal(kinds, want) {
		t.Errorf("todos = %v, want %v", kinds, want)
	}
	if _, err := f.s.StartRecheck(f.page, f.sam); err == nil {
		t.Error("StartRecheck with nothing expiring succeeded, want an error")
	}

	f.advance(days(1))
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(25)) // R = 2^(−25/30) = 0.56
	progress, _ = f.s.ProgressOf(f.sam, f.at)
	todos := progress[0].Todos
	if len(todos) == 0 || todos[len(todos)-1].Kind != "recheck" || !todos[len(todos)-1].Recheck {
		t.Fatalf("todos after 25 days = %+v, want the open re-check last", todos)
	}
	rem := Reminders(progress, f.at)
	if len(rem) == 0 || !strings.HasPrefix(rem[0].Text, "Re-check due") {
		t.Errorf("reminders = %+v, want a re-check", rem)
	}
	a, err := f.s.StartRecheck(f.page, f.sam)
	if err != nil || !a.Open() || len(a.Items) != 3 {
		t.Errorf("StartRecheck = %+v, %v; want an open attempt with the 3 questions", a, err)
	}
}

// TestRecheckIgnoresAttemptLimit: a re-check is allowed after the quiz's
// attempts are used up.
func TestRecheckIgnoresAttemptLimit(t *testing.T) {
	f := newReadyFixture(t)
	st := DefaultSettings
	st.MaxAttempts = 1
	if _, err := f.s.SaveSettings(f.page.ID, f.alex, st); err != nil {
		t.Fatal(err)
	}
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(25))
	if _, err := f.s.StartAttempt(f.page, f.sam); err == nil {
		t.Fatal("a second attempt beyond the limit started; want refused")
	}
	if _, err := f.s.StartRecheck(f.page, f.sam); err != nil {
		t.Errorf("StartRecheck beyond the limit: %v, want an attempt", err)
	}
}

// TestRecheckDoesNotUseUpAttempts: with a limit of 2, one attempt and one
// re-check leave one attempt.
func TestRecheckDoesNotUseUpAttempts(t *testing.T) {
	f := newReadyFixture(t)
	st := DefaultSettings
	st.MaxAttempts = 2
	if _, err := f.s.SaveSettings(f.page.ID, f.alex, st); err != nil {
		t.Fatal(err)
	}
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(25))
	re, err := f.s.StartRecheck(f.page, f.sam)
	if err != nil || !re.Recheck {
		t.Fatalf("StartRecheck = %+v, %v; want a re-check attempt", re, err)
	}
	if _, err := f.s.SubmitAttempt(re.ID, f.sam, nil); err != nil {
		t.Fatal(err)
	}
	f.advance(days(1))
	if ts, _ := f.s.TakeState(f.page, f.sam); ts.Left != 1 || ts.Used != 2 {
		t.Errorf("TakeState after an attempt and a re-check: left %d, used %d; want 1, 2", ts.Left, ts.Used)
	}
	a := f.answer(f.sam, f.crit, f.plain) // fails the test if refused
	if a.Recheck {
		t.Errorf("a normal start made a re-check")
	}
	f.advance(days(1))
	if _, err := f.s.StartAttempt(f.page, f.sam); err == nil {
		t.Error("a third normal attempt with 2 allowed started; want refused")
	}
}
