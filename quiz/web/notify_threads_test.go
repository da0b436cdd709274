package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestQuestionsToTheOwnerAndFlagsNotify: a question to the owner reaches
// the outgoing owner, the answer and the resolution reach the asker; a
// flag reaches the quiz's author and its resolution the taker.
func TestQuestionsToTheOwnerAndFlagsNotify(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	alex, sam := app.Login("alex"), app.Login("sam")
	flush := func() {
		t.Helper()
		if err := app.Notifier.Flush(); err != nil {
			t.Fatal(err)
		}
	}

	resp := sam.PostForm("/ask/it-ops/failover", url.Values{"section": {"steps"}, "text": {"Which standby do we promote?"}})
	webtest.WantStatus(t, "sam asks", resp, http.StatusSeeOther)
	thread := resp.Header.Get("Location")
	if !regexp.MustCompile(`^/threads/\d+`).MatchString(thread) {
		t.Fatalf("ask redirected to %q, want the thread", thread)
	}
	thread = regexp.MustCompile(`^/threads/\d+`).FindString(thread)
	flush()
	webtest.MustContain(t, "alex's notifications", alex.Get("/notifications").Body,
		"sam asked a question about “Failover › Steps”: Which standby do we promote?", `href="`+thread+`"`)

	webtest.WantStatus(t, "alex answers", alex.PostForm(thread+"/reply", url.Values{"text": {"db-02."}}), http.StatusSeeOther)
	webtest.WantStatus(t, "alex resolves", alex.PostForm(thread+"/resolve", nil), http.StatusSeeOther)
	flush()
	webtest.MustContain(t, "sam's notifications", sam.Get("/notifications").Body,
		"alex replied to a question about “Failover › Steps”: db-02.", "alex resolved a question about “Failover › Steps”")

	q := app.AddQuestion("it-ops/failover", "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "steps", Text: "Fence first?", Truth: true})
	qs := app.Quiz
	att, err := qs.StartAttempt(app.Page("it-ops/failover"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Bool: new(true)}}); err != nil {
		t.Fatal(err)
	}
	webtest.WantStatus(t, "sam flags", sam.PostForm(fmt.Sprintf("/quiz/attempt/%d/flag", att.ID),
		url.Values{"question": {fmt.Sprint(q.ID)}, "kind": {"wrong-key"}, "comment": {"Fencing is step 2 now"}}), http.StatusSeeOther)
	flush()
	webtest.MustContain(t, "alex's notifications", alex.Get("/notifications").Body,
		"sam flagged a question on “Failover” (wrong key): Fencing is step 2 now")
	flags, err := qs.PageFlags(app.Page("it-ops/failover").ID)
	if err != nil || len(flags) != 1 {
		t.Fatalf("flags = %d, %v", len(flags), err)
	}
	webtest.WantStatus(t, "alex resolves the flag", alex.PostForm(fmt.Sprintf("/quiz/flags/%d/resolve", flags[0].ID), nil), http.StatusSeeOther)
	flush()
	webtest.MustContain(t, "sam's notifications", sam.Get("/notifications").Body, "alex dealt with your flag on a question of “Failover”")
}

// TestGradingATeachBackNotifiesTheTaker: alex grades sam's teach-back
// answer from the result page; sam hears of it with the grade.
func TestGradingATeachBackNotifiesTheTaker(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/crisis", quiztest.PageMD)
	q := app.AddQuestion("it-ops/crisis", "alex", quiztest.Essay())
	qs := app.Quiz
	att, err := qs.StartAttempt(app.Page("it-ops/crisis"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Text: "Two primaries would split the data."}}); err != nil {
		t.Fatal(err)
	}
	webtest.WantStatus(t, "alex grades", app.Login("alex").PostForm(fmt.Sprintf("/quiz/attempt/%d/grade", att.ID),
		url.Values{"question": {fmt.Sprint(q.ID)}, "credit": {"100"}, "comment": {"Yes."}}), http.StatusSeeOther)
	if err := app.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	webtest.MustContain(t, "sam's notifications", app.Login("sam").Get("/notifications").Body,
		"alex graded your teach-back answer on “Crisis protocol”: 100%", fmt.Sprintf(`href="/quiz/attempt/%d"`, att.ID))
}

// TestCriticalTeachBackIsPassOrNeedsWork: a critical question counts only
// when fully right, so its teach-back is graded Pass or Needs work: the
// form offers those two, and a percentage in between is refused rather
// than silently failing the gate; other teach-backs take a percentage.
func TestCriticalTeachBackIsPassOrNeedsWork(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/crisis", quiztest.PageMD)
	crit := app.AddQuestion("it-ops/crisis", "alex", quiztest.Essay())
	plain := quiztest.Essay()
	plain.Critical, plain.Section = false, "escalation"
	other := app.AddQuestion("it-ops/crisis", "alex", plain)
	att, err := app.Quiz.StartAttempt(app.Page("it-ops/crisis"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Quiz.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Text: "Split brain."}, {Text: "After 30 minutes."}}); err != nil {
		t.Fatal(err)
	}
	alex := app.Login("alex")
	result := alex.Get(fmt.Sprintf("/quiz/attempt/%d", att.ID)).Body
	webtest.MustContain(t, "the grading form", result, "graded Pass or Needs work", `value="100" required`, "> Pass</label>", "> Needs work</label>", `type="number"`)
	grade := func(q *quiz.Question, credit string) *webtest.Response {
		return alex.PostForm(fmt.Sprintf("/quiz/attempt/%d/grade", att.ID), url.Values{"question": {fmt.Sprint(q.ID)}, "credit": {credit}})
	}
	resp := grade(crit, "90")
	webtest.WantStatus(t, "90% on the critical teach-back", resp, http.StatusBadRequest)
	webtest.MustContain(t, "the refusal", resp.Body, "graded Pass or Needs work, not a percentage")
	webtest.WantStatus(t, "Needs work on the critical one", grade(crit, "0"), http.StatusSeeOther)
	webtest.WantStatus(t, "90% on the other one", grade(other, "90"), http.StatusSeeOther)
}
