package demo

import (
	"maps"
	"slices"
	"testing"

	"github.com/handover/handover/quiz"
)

// TestDemoShowsEveryStatusAndReason: --demo gives the dashboard every
// status and every reason at least once.
func TestDemoShowsEveryStatusAndReason(t *testing.T) {
	store, qs := mustSeed(t)
	admin, err := store.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	hos, err := qs.Handovers(admin)
	if err != nil {
		t.Fatal(err)
	}
	statuses, reasons := map[quiz.Status]bool{}, map[string]bool{}
	for _, h := range hos {
		rep, err := qs.ReadinessReport(h.ID, admin, store.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rep.People {
			statuses[p.Result.Status] = true
			for _, r := range p.Result.Reasons {
				reasons[r.Kind] = true
			}
		}
	}
	for _, s := range []quiz.Status{quiz.Ready, quiz.Expiring, quiz.NotReady, quiz.Overdue} {
		if !statuses[s] {
			t.Errorf("no demo person is %s", s)
		}
	}
	for _, k := range []string{"stale", "missing_ack", "reack", "failed_critical", "not_tried", "expired", "essay_pending", "below_pass", "cooldown", "recheck"} {
		if !reasons[k] {
			t.Errorf("no demo person has the reason %s (have %v)", k, slices.Sorted(maps.Keys(reasons)))
		}
	}
}
