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

// TestWatchHandover: morgan (who started and manages the handover) watches
// it from the start, and priya (taken on as a second incoming owner)
// watches it from its page; checklist ticks, sam's acknowledgement and
// the manager's edits reach them, sam's quiz result only morgan, never the
// person who acted; once priya is taken off the handover she hears
// nothing more of it.
func TestWatchHandover(t *testing.T) {
	app := quiztest.NewHandover(t)
	h := app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	qs := app.Quiz
	if _, err := qs.UpdateHandover(h.ID, app.User("morgan"), func(ho *quiz.Handover) (string, error) {
		ho.Incoming = append(ho.Incoming, "priya")
		return "took priya on", nil
	}); err != nil {
		t.Fatal(err)
	}
	hURL := fmt.Sprintf("/handovers/%d", h.ID)
	morgan, priya, alex, sam := app.Login("morgan"), app.Login("priya"), app.Login("alex"), app.Login("sam")

	if body := morgan.Get(hURL).Body; !strings.Contains(body, `action="`+hURL+`/unwatch"`) {
		t.Errorf("morgan, who started the handover and manages it, does not watch it")
	}
	if body := priya.Get(hURL).Body; !strings.Contains(body, `action="`+hURL+`/watch"`) {
		t.Fatalf("the handover page has no watch button for priya")
	}
	if resp := priya.PostForm(hURL+"/watch", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST watch = %d", resp.StatusCode)
	}
	if body := priya.Get(hURL).Body; !strings.Contains(body, `action="`+hURL+`/unwatch"`) {
		t.Errorf("after watching, the handover page offers no unwatch button")
	}

	// Progress and checklist news.
	if resp := alex.PostForm(hURL+"/checklist/1/done", url.Values{"done": {"on"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("alex ticks = %d", resp.StatusCode)
	}
	if resp := sam.PostForm("/ack/it-ops/failover", url.Values{"rev": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sam acknowledges = %d", resp.StatusCode)
	}
	app.AddQuestion("it-ops/failover", "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "steps", Text: "Fence first?", Truth: true})
	att, err := qs.StartAttempt(app.Page("it-ops/failover"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Bool: new(false)}}); err != nil {
		t.Fatal(err)
	}
	flush := func() {
		t.Helper()
		if err := app.Notifier.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	flush()
	news := []string{
		"alex ticked “Scope agreed (what is handed over, what is not)” on the checklist of “IT operations”",
		"sam acknowledged “Failover” (handover “IT operations”)",
		`href="` + hURL + `"`, ">Handover: IT operations</a>",
	}
	result := "sam did not pass the quiz on “Failover”: 0% (handover “IT operations”)"
	webtest.MustContain(t, "morgan's notifications", morgan.Get("/notifications").Body, append(news, result)...)
	// priya, another incoming owner, may not see sam's readiness: she
	// hears of his progress but not of his score.
	body := priya.Get("/notifications").Body
	webtest.MustContain(t, "priya's notifications", body, news...)
	if strings.Contains(body, "did not pass") {
		t.Errorf("priya, a watcher who may not see sam's readiness, was told his result")
	}
	if body := alex.Get("/notifications").Body; strings.Contains(body, "ticked") {
		t.Errorf("alex, the outgoing owner, was told of their own tick")
	}

	// priya is taken off; the next change reaches morgan only, and never
	// morgan's own edit.
	if _, err := qs.UpdateHandover(h.ID, app.User("morgan"), func(ho *quiz.Handover) (string, error) {
		ho.Incoming = []string{"sam"}
		return "took priya off", nil
	}); err != nil {
		t.Fatal(err)
	}
	if resp := alex.PostForm(hURL+"/checklist/1/done", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("alex unticks = %d", resp.StatusCode)
	}
	flush()
	if body := morgan.Get("/notifications").Body; !strings.Contains(body, "alex unticked “Scope agreed") || strings.Contains(body, "took priya") {
		t.Errorf("morgan's notifications: want alex's untick and not morgan's own edits")
	}
	if body := priya.Get("/notifications").Body; strings.Contains(body, "unticked") {
		t.Errorf("priya, no longer on the handover, still hears of it")
	}
}

// TestOutgoingHearsOfChanges: the outgoing owner watches the handover from
// the start, as its manager does, and both hear of a question added and a
// teach-back graded by someone else, but not of their own; the grade, a
// result of sam's, reaches only the manager.
func TestOutgoingHearsOfChanges(t *testing.T) {
	app := quiztest.NewHandover(t)
	h := app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	hURL := fmt.Sprintf("/handovers/%d", h.ID)
	alex, morgan := app.Login("alex"), app.Login("morgan")
	if body := alex.Get(hURL).Body; !strings.Contains(body, `action="`+hURL+`/unwatch"`) {
		t.Errorf("alex, the outgoing owner, does not watch the handover from the start")
	}

	app.AddQuestion("it-ops/failover", "admin", &quiz.Question{Type: quiz.Essay, Section: "steps", Text: "Explain the fencing."})
	qs := app.Quiz
	att, err := qs.StartAttempt(app.Page("it-ops/failover"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Text: "Power it off first."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := qs.GradeEssay(att.ID, att.Items[0].QuestionID, app.User("alex"), 1, "right"); err != nil {
		t.Fatal(err)
	}
	if err := app.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	added := "admin added the question “Explain the fencing.” on “Failover” (handover “IT operations”)"
	graded := "alex graded sam&#39;s teach-back answer to “Explain the fencing.” (handover “IT operations”)"
	webtest.MustContain(t, "morgan's notifications", morgan.Get("/notifications").Body, added, graded)
	body := alex.Get("/notifications").Body
	webtest.MustContain(t, "alex's notifications", body, added)
	if strings.Contains(body, "graded sam") {
		t.Errorf("alex was told of their own grade")
	}
}
