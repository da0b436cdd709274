package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// handoverForm is the new-handover form with the people as typed.
func handoverForm(outgoing, incoming, manager string) url.Values {
	return url.Values{"title": {"IT operations"}, "outgoing": {outgoing}, "incoming": {incoming}, "manager": {manager},
		"start": {"2030-01-06"}, "due": {"2030-01-31"}, "scope": {"it-ops/"}}
}

// Names typed in another letter case are the accounts they name: the
// handover stores sam and morgan, and every check treats them so (issue
// 14, item 13: "SAM" was measured as sam but not treated as incoming, and
// the manager typed "Morgan" got 404 on his own handover).
func TestHandoverPeopleTypedInAnotherCase(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	app.AddQuestion("it-ops/failover", "alex", stepsEssay())
	morgan, sam := app.Login("morgan"), app.Login("sam")
	webtest.WantStatus(t, "create with SAM and Morgan", morgan.PostForm("/handovers", handoverForm("Alex", "SAM, sam", "Morgan")), http.StatusSeeOther)

	h, err := app.Quiz.Handover(1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Outgoing, []string{"alex"}) || !slices.Equal(h.Incoming, []string{"sam"}) || h.Manager != "morgan" {
		t.Errorf("stored people = %v → %v managed by %q, want the accounts' names alex → sam, morgan", h.Outgoing, h.Incoming, h.Manager)
	}
	webtest.WantStatus(t, "morgan opens the handover he manages", morgan.Get("/handovers/1"), http.StatusOK)
	webtest.WantStatus(t, "morgan edits it", morgan.Get("/handovers/1/edit"), http.StatusOK)
	webtest.MustContain(t, "sam's handover page", sam.Get("/handovers/1").Body, `id="progress-title"`)
	webtest.WantStatus(t, "sam edits the quiz he is measured by", sam.Get("/quiz/edit/it-ops/failover"), http.StatusForbidden)
	webtest.WantStatus(t, "sam exports it", sam.Get("/quiz/export/it-ops/failover"), http.StatusForbidden)
	webtest.MustContain(t, "sam's page panel", sam.Get("/wiki/it-ops/failover").Body, "I have read this revision")
	webtest.WantStatus(t, "sam acknowledges", sam.PostForm("/ack/it-ops/failover", url.Values{"rev": {"1"}}), http.StatusSeeOther)
	webtest.WantStatus(t, "alex (typed Alex) exports", app.Login("alex").Get("/quiz/export/it-ops/failover"), http.StatusOK)
}

// One person on both sides is refused however the names are spelled.
func TestHandoverRefusesOnePersonOnBothSides(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	morgan := app.Login("morgan")
	r := morgan.PostForm("/handovers", handoverForm("ALEX", "alex", "morgan"))
	webtest.WantStatus(t, "ALEX hands over to alex", r, http.StatusBadRequest)
	webtest.MustContain(t, "the refusal", r.Body, "alex cannot both hand over and take over")
	r = morgan.PostForm("/handovers", handoverForm("alex", "sam", "PRIYA"))
	webtest.WantStatus(t, "a member typed as manager", r, http.StatusBadRequest)
	webtest.MustContain(t, "the refusal", r.Body, "priya is not a manager")
}

// A page owner typed in another case is stored as the account's name and
// may change the quiz of the covered page.
func TestPageOwnerTypedInAnotherCase(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/failover", "---\nowner: PRIYA\ncritical: [steps]\n---\n# Failover\n\n## Steps\n\nFence.\n")
	if got := app.Page("it-ops/failover").Owner; got != "priya" {
		t.Errorf("stored owner = %q, want the account's name priya", got)
	}
	app.AddQuestion("it-ops/failover", "alex", stepsEssay())
	app.SeedHandover()
	webtest.WantStatus(t, "the owner exports the quiz", app.Login("priya").Get("/quiz/export/it-ops/failover"), http.StatusOK)
	webtest.WantStatus(t, "jordan exports it", app.Login("jordan").Get("/quiz/export/it-ops/failover"), http.StatusForbidden)
}

// stepsEssay is quiztest.Essay pinned to FailoverMD's critical section.
func stepsEssay() *quiz.Question {
	q := quiztest.Essay()
	q.Section = "steps"
	return q
}
