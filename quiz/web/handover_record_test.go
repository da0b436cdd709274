package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestHandoverRecord: every change to an input of readiness lands in the
// handover's record, with who and before → after, and shows under "What
// changed" on the handover page, filterable by person and kind; sam's
// results only to those who may see his readiness.
func TestHandoverRecord(t *testing.T) {
	app := quiztest.NewHandover(t)
	h := app.SeedHandover()
	app.SavePage("it-ops/crisis", quiztest.PageMD)
	alex, morgan, sam := app.Login("alex"), app.Login("morgan"), app.Login("sam")

	essay := app.AddQuestion("it-ops/crisis", "alex", quiztest.Essay())
	webtest.WantStatus(t, "alex marks escalation critical", alex.PostForm("/critical/it-ops/crisis", url.Values{"section": {"escalation"}, "critical": {"on"}}), http.StatusSeeOther)
	if _, err := app.Quiz.UpdateHandover(h.ID, app.User("morgan"), func(ho *quiz.Handover) (string, error) {
		ho.PassMark = 90
		return "raised the pass mark", nil
	}); err != nil {
		t.Fatal(err)
	}
	webtest.WantStatus(t, "sam acknowledges", sam.PostForm("/ack/it-ops/crisis", url.Values{"rev": {fmt.Sprint(app.Page("it-ops/crisis").Revision)}}), http.StatusSeeOther)
	att, err := app.Quiz.StartAttempt(app.Page("it-ops/crisis"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Quiz.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Text: "Split brain."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Quiz.GradeEssay(att.ID, essay.ID, app.User("alex"), 1, "Good."); err != nil {
		t.Fatal(err)
	}
	webtest.WantStatus(t, "alex renames the page", alex.PostForm("/rename/it-ops/crisis", url.Values{"to": {"it-ops/crisis-protocol"}}), http.StatusSeeOther)

	hURL := fmt.Sprintf("/handovers/%d", h.ID)
	page := morgan.Get(hURL).Body
	webtest.MustContain(t, "morgan's What changed", page, "What changed",
		"added the critical question “Why do we fence the old primary before promoting?” on “Crisis protocol”",
		"marked “Escalation” critical on “Crisis protocol”", "not critical → critical",
		"changed the pass mark", "80 → 90",
		"acknowledged “Crisis protocol”", "revision 2",
		"submitted the quiz on “Crisis protocol”", "a teach-back waiting for its grade",
		"graded sam&#39;s teach-back answer", "not graded → 100%",
		"renamed “Crisis protocol”", "it-ops/crisis → it-ops/crisis-protocol")
	grades := morgan.Get(hURL + "?kind=grade").Body
	if !strings.Contains(grades, "graded sam") || strings.Contains(grades, "renamed “Crisis protocol”") {
		t.Errorf("the grade filter shows other kinds, or no grade")
	}
	samOnly := morgan.Get(hURL + "?who=sam").Body
	if !strings.Contains(samOnly, "acknowledged “Crisis protocol”") || strings.Contains(samOnly, "changed the pass mark") {
		t.Errorf("the person filter for sam shows others' changes, or not sam's")
	}
	// alex, the outgoing owner, may not see sam's readiness: he sees the
	// acknowledgement (as on the scope table) but not the attempt or grade.
	alexView := alex.Get(hURL).Body
	if !strings.Contains(alexView, "acknowledged “Crisis protocol”") || strings.Contains(alexView, "submitted the quiz") || strings.Contains(alexView, "graded sam") {
		t.Errorf("alex's What changed: want sam's acknowledgement and none of his results")
	}
}
