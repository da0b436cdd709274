package quiz

import (
	"testing"

	"github.com/handover/handover/wiki"
)

// accessFixture: sam wrote the quiz of it-ops/failover (owned by priya)
// and answered its teach-back question; then morgan opened the handover
// alex → sam over it-ops/.
type accessFixture struct {
	*hoFixture
	page    *wiki.Page
	essay   *Question
	attempt *Attempt
	h       *Handover
}

func newAccessFixture(t *testing.T) *accessFixture {
	t.Helper()
	f := &accessFixture{hoFixture: newHOFixture(t)}
	p, err := f.w.SavePage(wiki.SaveRequest{Path: "it-ops/failover", Markdown: hoRunbook, Author: "priya", Owner: "priya"})
	if err != nil {
		t.Fatal(err)
	}
	f.page = p
	f.essay = &Question{Type: Essay, Section: "steps", Critical: true, Text: "Why fence first?"}
	if err := f.s.AddQuestion(p, f.users["sam"], f.essay); err != nil {
		t.Fatalf("sam writes the quiz before the handover: %v", err)
	}
	a, err := f.s.StartAttempt(p, f.users["sam"])
	if err != nil {
		t.Fatal(err)
	}
	if f.attempt, err = f.s.SubmitAttempt(a.ID, f.users["sam"], []Response{{Text: "Split brain."}}); err != nil {
		t.Fatal(err)
	}
	f.h = f.handover()
	return f
}

// TestIncomingOwnerMayNotAuthorOrGrade: in an open handover the incoming
// owner may neither change the quiz they wrote nor grade their own
// teach-back; the outgoing owner, the page's owner and admins may; the
// manager may not. Once the handover is closed, the author's rule is back.
func TestIncomingOwnerMayNotAuthorOrGrade(t *testing.T) {
	f := newAccessFixture(t)
	qz, err := f.s.Quiz(f.page.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{{"sam", false}, {"alex", true}, {"priya", true}, {"root", true}, {"morgan", false}, {"jordan", false}} {
		if got, err := f.s.CanEditQuiz(f.page, qz, f.users[tc.name]); got != tc.want || err != nil {
			t.Errorf("CanEditQuiz(%s) = %v, %v; want %v", tc.name, got, err, tc.want)
		}
		_, err := f.s.SaveSettings(f.page.ID, f.users[tc.name], DefaultSettings)
		if (err == nil) != tc.want || err != nil && wiki.ErrorKind(err) != wiki.Forbidden {
			t.Errorf("SaveSettings as %s = %v, want allowed %v", tc.name, err, tc.want)
		}
		seesAll, err := f.s.CanSeeAllAttempts(f.users[tc.name], qz, f.page)
		if want := tc.want || tc.name == "morgan"; seesAll != want || err != nil {
			t.Errorf("CanSeeAllAttempts(%s) = %v, %v; want %v", tc.name, seesAll, err, want)
		}
	}
	if err := f.s.AddQuestion(f.page, f.users["sam"], tfQuestion("steps", true)); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("AddQuestion by the incoming owner = %v, want Forbidden", err)
	}
	if _, err := f.s.GradeEssay(f.attempt.ID, f.essay.ID, f.users["sam"], 1, "self"); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("GradeEssay by the incoming owner of their own answer = %v, want Forbidden", err)
	}
	if _, err := f.s.GradeEssay(f.attempt.ID, f.essay.ID, f.users["morgan"], 1, ""); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("GradeEssay by the manager = %v, want Forbidden", err)
	}
	if pending, err := f.s.PendingEssays(f.users["alex"]); err != nil || len(pending) != 1 {
		t.Errorf("PendingEssays(alex) = %d, %v; want sam's answer", len(pending), err)
	}
	if pending, err := f.s.PendingEssays(f.users["sam"]); err != nil || len(pending) != 0 {
		t.Errorf("PendingEssays(sam) = %d, %v; want none", len(pending), err)
	}
	a, err := f.s.GradeEssay(f.attempt.ID, f.essay.ID, f.users["alex"], 1, "right")
	if err != nil || a.Pending() || a.Outcomes[0].GradedBy != "alex" {
		t.Fatalf("GradeEssay by the outgoing owner = %v, pending %v", err, a != nil && a.Pending())
	}
	if _, err := f.s.SetClosed(f.h.ID, f.users["morgan"], true); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.s.CanEditQuiz(f.page, qz, f.users["sam"]); !ok {
		t.Error("after the handover closed, the author may not edit the quiz")
	}
	if ok, _ := f.s.CanEditQuiz(f.page, qz, f.users["alex"]); ok {
		t.Error("after the handover closed, the former outgoing owner may still edit the quiz")
	}
}

// TestIncomingOwnerMayNotStartAQuiz: on a covered page without a quiz,
// every signed-in member may start one except an incoming owner, admins
// included.
func TestIncomingOwnerMayNotStartAQuiz(t *testing.T) {
	f := newHOFixture(t)
	p := f.save("it-ops/backup", hoRunbook, false)
	f.handover()
	admin := f.users["root"]
	if _, err := f.s.UpdateHandover(1, admin, func(h *Handover) (string, error) {
		h.Incoming = append(h.Incoming, "root")
		return "added root", nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sam", "root"} {
		err := f.s.AddQuestion(p, f.users[name], tfQuestion("steps", true))
		if wiki.ErrorKind(err) != wiki.Forbidden {
			t.Errorf("AddQuestion by incoming owner %s = %v, want Forbidden", name, err)
		}
	}
	if _, err := f.s.Quiz(p.ID); err == nil {
		t.Error("a refused AddQuestion left a quiz behind")
	}
	if err := f.s.AddQuestion(p, f.users["priya"], tfQuestion("steps", true)); err != nil {
		t.Errorf("AddQuestion by a member outside the handover = %v, want it allowed", err)
	}
}
