package quiz

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestRechecksKeepAReadyPersonReady moves the clock a day at a time from
// the moment sam is ready to the +90 check-in, with sam doing what the
// progress page says: taking each re-check the day it opens. Every day the
// status, the forecast, the reasons, the progress page's to-dos and coming
// re-checks, and what StartRecheck allows tell the same story, and sam
// stays ready throughout. Under a high pass mark the score, not the gate,
// is what decays first, so re-checks must open earlier than the 0.6 rule
// alone would open them.
func TestRechecksKeepAReadyPersonReady(t *testing.T) {
	for _, passMark := range []int{50, 90} {
		t.Run(fmt.Sprintf("pass mark %d", passMark), func(t *testing.T) {
			f := newReadyFixture(t)
			if _, err := f.s.UpdateHandover(f.h.ID, f.morgan, func(h *Handover) (string, error) {
				h.PassMark = passMark
				return "set the pass mark", nil
			}); err != nil {
				t.Fatal(err)
			}
			f.h, _ = f.s.Handover(f.h.ID)
			f.ack(f.sam)
			f.answer(f.sam, f.crit, f.plain)
			end := f.h.LastCheckIn()
			taken := 0
			for day := 0; f.at.Before(end); day++ {
				if checkRecheckDay(t, f, day) {
					f.retake()
					taken++
				}
				f.advance(24 * time.Hour)
			}
			if taken == 0 {
				t.Errorf("no re-check was offered in %v", end.Sub(readyStart))
			}
			t.Logf("pass mark %d: %d re-checks over %d days kept sam ready", passMark, taken, int(end.Sub(readyStart).Hours()/24))
		})
	}
}

// checkRecheckDay checks that everything said about sam today agrees,
// and reports whether a re-check is open.
func checkRecheckDay(t *testing.T, f *readyFixture, day int) bool {
	t.Helper()
	pr, err := f.s.PersonReadiness(f.h, "sam", f.at)
	if err != nil {
		t.Fatal(err)
	}
	res := pr.Result
	if !res.Ready {
		t.Fatalf("day %d: sam is %s (score %d): %v", day, res.Status, res.Score, ReasonStrings(res.Reasons))
	}
	for name, st := range map[string]Status{"due": pr.ForecastDue, "due+30": pr.Forecast30, "due+90": pr.Forecast90} {
		if st != Ready && st != Expiring {
			t.Errorf("day %d: sam is ready and takes his re-checks, yet the forecast at %s is %s", day, name, st)
		}
	}
	var open, coming []uint64
	for _, r := range pr.Rechecks {
		if r.OpenAt(f.at) {
			open = append(open, r.QuestionID)
		} else {
			coming = append(coming, r.QuestionID)
		}
		if !r.By.IsZero() && !r.Opens.Before(r.By) {
			t.Errorf("day %d: a re-check opens %v, not before it is needed (%v)", day, r.Opens, r.By)
		}
	}
	if n := countKind(res.Reasons, "recheck"); n != len(pr.Rechecks) {
		t.Errorf("day %d: %d re-check reasons for %d re-checks", day, n, len(pr.Rechecks))
	}
	progress, err := f.s.ProgressOf(f.sam, f.at)
	if err != nil || len(progress) != 1 {
		t.Fatalf("day %d: progress %v, %v", day, progress, err)
	}
	var todo, upcoming []uint64
	for _, td := range progress[0].Todos {
		if td.Recheck {
			todo = append(todo, td.QuestionID)
		}
	}
	for _, r := range progress[0].Upcoming {
		upcoming = append(upcoming, r.QuestionID)
	}
	if !slices.Equal(todo, open) || !slices.Equal(upcoming, coming) {
		t.Errorf("day %d: the progress page offers re-checks %v and lists %v to come; the plan has %v open, %v to come",
			day, todo, upcoming, open, coming)
	}
	due, err := f.s.RecheckDue(f.page, f.sam, f.at)
	if err != nil || due != (len(open) > 0) {
		t.Errorf("day %d: RecheckDue = %v, %v with %d open", day, due, err, len(open))
	}
	return len(open) > 0
}

// retake has sam take the re-check the progress page offers, all right.
func (f *readyFixture) retake() {
	f.t.Helper()
	a, err := f.s.StartRecheck(f.page, f.sam)
	if err != nil {
		f.t.Fatalf("start re-check: %v", err)
	}
	responses := make([]Response, len(a.Items))
	for i := range a.Items {
		responses[i] = Response{Bool: new(true)}
	}
	if _, err := f.s.SubmitAttempt(a.ID, f.sam, responses); err != nil {
		f.t.Fatalf("submit re-check: %v", err)
	}
}

func countKind(rs []Reason, kind string) int {
	n := 0
	for _, r := range rs {
		if r.Kind == kind {
			n++
		}
	}
	return n
}

// TestPlanRechecksOpensBeforeTheScoreFalls: with a pass mark the score
// falls below well before any critical answer nears the gate, the re-check
// opens a lead time before that day, not at R < 0.6 after it.
func TestPlanRechecksOpensBeforeTheScoreFalls(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	items := []ItemInput{{QuestionID: 1, Label: "q", PagePath: "a", Critical: true, Attempted: true, Credit: 1, Valid: true, Answered: now}}
	pages := []PageInput{{Path: "a", Title: "A", Acked: true}}
	horizon := now.AddDate(0, 0, 120)
	lead := 3 * 24 * time.Hour
	plan := PlanRechecks(now, horizon, lead, 90, items, pages)
	if len(plan) != 1 {
		t.Fatalf("plan = %+v, want one re-check", plan)
	}
	r := plan[0]
	f, ok := firstNotReady(now, horizon, 90, items, pages)
	if !ok || !r.By.Equal(f) || !r.Opens.Equal(f.Add(-lead)) {
		t.Errorf("re-check opens %v, by %v; want 3 days before %v", r.Opens, r.By, f)
	}
	// With the default lead of 7 days, more than F is away, it opens a
	// day after the answer, not before it.
	if plan := PlanRechecks(now, horizon, 7*24*time.Hour, 90, items, pages); !plan[0].Opens.Equal(now.Add(minRecheckGap)) {
		t.Errorf("with a 7-day lead the re-check opens %v, want a day after the answer", plan[0].Opens)
	}
	if res := Evaluate(f.Add(-time.Minute), time.Time{}, 90, items, pages); !res.Ready {
		t.Errorf("a minute before F the person is already not ready")
	}
	// 0.8·R + 0.2 < 0.895 ⇔ R < 0.869: about 6 days with h = 30, long
	// before R < 0.6 at 22 days.
	if days := f.Sub(now).Hours() / 24; days < 5 || days > 7 {
		t.Errorf("F is %.1f days after the answer, want about 6", days)
	}
}
