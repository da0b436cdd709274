package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// newQuizApp is an app with alex (author), sam (taker) and the crisis
// protocol page.
func newQuizApp(t *testing.T) *quiztest.App {
	t.Helper()
	app := quiztest.New(t)
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/crisis", quiztest.PageMD)
	return app
}

func quizWant(t *testing.T, r *webtest.Response, status int, what string) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s = %d, want %d; body:\n%.2000s", what, r.StatusCode, status, r.Body)
	}
}

func TestQuizAuthoringFromThePage(t *testing.T) {
	app := newQuizApp(t)
	alex, sam := app.Login("alex"), app.Login("sam")

	page := alex.Get("/wiki/ops/crisis")
	for _, want := range []string{"Knowledge check", "Write a knowledge check", `href="/quiz/new/ops/crisis?section=first-steps"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("page view for its owner lacks %q", want)
		}
	}
	quizWant(t, alex.Get("/quiz/new/ops/crisis?section=first-steps&type=multichoice"), http.StatusOK, "new question form")

	form := url.Values{"type": {"multichoice"}, "section": {"first-steps"}, "critical": {"on"}, "text": {"What comes first?"},
		"answer": {"Acknowledge the page", "Call Morgan", ""}, "weight": {"", "", ""}, "feedback": {"", "", ""}, "action": {"save"}}
	bad := alex.PostForm("/quiz/new/ops/crisis", form)
	quizWant(t, bad, http.StatusBadRequest, "single choice without a right answer")
	if !strings.Contains(bad.Body, "worth 100%") || !strings.Contains(bad.Body, `value="Call Morgan"`) {
		t.Errorf("the error view lacks the reason or the author's input")
	}
	form["weight"] = []string{"100", "0", ""}
	quizWant(t, alex.PostForm("/quiz/new/ops/crisis", form), http.StatusSeeOther, "save question")

	qs, _ := app.Quiz.Questions(app.Page("ops/crisis").ID)
	if len(qs) != 1 || !qs[0].Critical || qs[0].Section != "first-steps" || qs[0].Answers[0].Weight != 100 {
		t.Fatalf("stored questions = %+v", qs)
	}
	page = sam.Get("/wiki/ops/crisis")
	for _, want := range []string{"1 question", "1 critical", `href="/quiz/take/ops/crisis"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("page view for a taker lacks %q", want)
		}
	}
	if strings.Contains(page.Body, "/quiz/edit/ops/crisis") {
		t.Errorf("a taker is offered the quiz editor")
	}
	quizWant(t, sam.Get("/quiz/edit/ops/crisis"), http.StatusForbidden, "editor for a non-author")
	quizWant(t, alex.Get("/quiz/edit/ops/crisis"), http.StatusOK, "editor for the author")
	quizWant(t, alex.Get("/quiz/preview/ops/crisis"), http.StatusOK, "preview")
}

// secretQuiz adds one question of every type whose keys, feedback and
// explanations carry recognisable markers.
func secretQuiz(app *quiztest.App) {
	add := func(q *quiz.Question) { app.AddQuestion("ops/crisis", "alex", q) }
	add(&quiz.Question{Type: quiz.SingleChoice, Section: "first-steps", Text: "Q-single", Explanation: "SECRET-EXPL-1",
		Answers: []gift.Answer{{Text: "right one", Weight: 100, Feedback: "SECRET-FB-1"}, {Text: "wrong one", Weight: 0, Feedback: "SECRET-FB-2"}}})
	add(&quiz.Question{Type: quiz.MultipleChoice, Section: "first-steps", Text: "Q-multi", Explanation: "SECRET-EXPL-2",
		Answers: []gift.Answer{{Text: "m1", Weight: 33.33333}, {Text: "m2", Weight: 33.33333}, {Text: "m3", Weight: 33.33333}, {Text: "m4", Weight: -77, Feedback: "SECRET-FB-3"}}})
	add(&quiz.Question{Type: quiz.TrueFalse, Section: "escalation", Text: "Q-tf", Truth: true, TrueFeedback: "SECRET-FB-4", FalseFeedback: "SECRET-FB-5"})
	add(&quiz.Question{Type: quiz.ShortAnswer, Section: "escalation", Text: "Q-short", Answers: []gift.Answer{{Text: "SECRET-KEY-short*", Weight: 100}}})
	add(&quiz.Question{Type: quiz.Numerical, Section: "escalation", Text: "Q-num",
		Numbers: []gift.NumAnswer{{Value: 4242, Tolerance: 7, Min: 4235, Max: 4249, Weight: 100, Feedback: "SECRET-FB-6"}}})
	add(&quiz.Question{Type: quiz.Matching, Section: "", Text: "Q-match",
		Pairs: []gift.Pair{{Left: "L1", Right: "R1"}, {Left: "L2", Right: "R2"}}})
	add(&quiz.Question{Type: quiz.Essay, Section: "", Text: "Q-essay", Explanation: "SECRET-EXPL-3"})
}

func TestTakingHidesAnswerKeys(t *testing.T) {
	app := newQuizApp(t)
	secretQuiz(app)
	sam := app.Login("sam")
	quizWant(t, sam.Get("/quiz/take/ops/crisis"), http.StatusOK, "quiz overview")
	start := sam.PostForm("/quiz/start/ops/crisis", nil)
	quizWant(t, start, http.StatusSeeOther, "start")
	attempt := start.Header.Get("Location")
	form := sam.Get(attempt)
	quizWant(t, form, http.StatusOK, "quiz form")
	for _, q := range []string{"Q-single", "Q-multi", "Q-tf", "Q-short", "Q-num", "Q-match", "Q-essay", "right one", "m4", "R2"} {
		if !strings.Contains(form.Body, q) {
			t.Errorf("quiz form lacks %q", q)
		}
	}
	secret := regexp.MustCompile(`SECRET|4242|4235|33\.3|-77|weight|feedback|[Ee]xplanation<`)
	if m := secret.FindAllString(form.Body, -1); len(m) > 0 {
		t.Errorf("the quiz form leaks answer keys, weights, feedback or explanations: %q", m)
	}
	// The same holds for the preview and the page view.
	alex := app.Login("alex")
	for _, path := range []string{"/quiz/preview/ops/crisis", "/wiki/ops/crisis"} {
		if m := secret.FindAllString(alex.Get(path).Body, -1); len(m) > 0 {
			t.Errorf("%s leaks %q", path, m)
		}
	}

	// Nor does any JSON: the readiness API lists the questions by label.
	morgan := app.AddUser("morgan", wiki.RoleManager)
	now := app.Store.Now()
	h := &quiz.Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"},
		Start: now, Due: now.AddDate(0, 1, 0), Scope: []string{"ops/"}}
	if err := app.Quiz.CreateHandover(h, morgan); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*webtest.Client{sam, app.Login("morgan")} {
		api := c.Get(fmt.Sprintf("/api/handovers/%d/readiness", h.ID))
		quizWant(t, api, http.StatusOK, "readiness JSON")
		if m := secret.FindAllString(api.Body, -1); len(m) > 0 {
			t.Errorf("the readiness JSON leaks %q", m)
		}
	}

	// After submission the taker sees feedback and explanations.
	res := sam.PostForm(attempt, url.Values{"q0": {"0"}, "q1": {"0"}})
	quizWant(t, res, http.StatusSeeOther, "submit")
	result := sam.Get(attempt)
	for _, want := range []string{"SECRET-EXPL-1", "SECRET-EXPL-3", "Re-read", `href="/wiki/ops/crisis#first-steps"`, "pass mark 80%"} {
		if !strings.Contains(result.Body, want) {
			t.Errorf("results lack %q", want)
		}
	}
	// A second submission changes nothing.
	again := sam.PostForm(attempt, url.Values{"q0": {"1"}})
	quizWant(t, again, http.StatusSeeOther, "second submit")
	if a := sam.Get(attempt); a.Body != result.Body && !strings.Contains(a.Body, "already submitted") {
		t.Errorf("the second submission changed the result")
	}
}

func TestQuizTimeLimitAndCooldownOverHTTP(t *testing.T) {
	app := newQuizApp(t)
	clk := app.SetClock()
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	app.Settings("ops/crisis", "alex", quiz.Settings{PassMark: 100, TimeLimitMinutes: 5, CooldownMinutes: 30})
	sam := app.Login("sam")
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	if form := sam.Get(attempt); !strings.Contains(form.Body, `datetime="2026-03-02T09:05:00Z"`) || !strings.Contains(form.Body, `data-remaining="300"`) {
		t.Errorf("the form shows no deadline, or not the 300 seconds left")
	}
	clk.Advance(7 * time.Minute)
	quizWant(t, sam.PostForm(attempt, url.Values{"q0": {"0"}}), http.StatusSeeOther, "late submit")
	res := sam.Get(attempt)
	if !strings.Contains(res.Body, "after the time limit") || !strings.Contains(res.Body, "0%") {
		t.Errorf("a late right answer was not recorded without credit")
	}
	if !strings.Contains(res.Body, "<li>Acknowledge the page</li>") || !strings.Contains(res.Body, "no credit</span>") || strings.Contains(res.Body, "Not answered") {
		t.Errorf("the result of a late submission does not show the answer given, marked without credit")
	}
	if !strings.Contains(res.Body, "You can try again at") {
		t.Errorf("the result does not say when to try again")
	}
	r := sam.PostForm("/quiz/start/ops/crisis", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/quiz/take/ops/crisis" {
		t.Errorf("start during the cooldown = %d → %s, want 303 to the overview", r.StatusCode, r.Header.Get("Location"))
	}
	if st, _ := app.Quiz.TakeState(app.Page("ops/crisis"), app.User("sam")); st.Used != 1 {
		t.Errorf("an attempt was started during the cooldown (%d attempts)", st.Used)
	}
	clk.Advance(30 * time.Minute)
	next := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	if next == attempt || !strings.HasPrefix(next, "/quiz/attempt/") {
		t.Errorf("start after the cooldown → %q, want a new attempt", next)
	}
}

// TestQuizExpiredAttemptOverHTTP: an attempt left open past its time
// limit is linked from the overview, which tells when the cooldown
// (counted from the time limit) ends; starting then works and the expired
// attempt is in the history.
func TestQuizExpiredAttemptOverHTTP(t *testing.T) {
	app := newQuizApp(t)
	clk := app.SetClock()
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	app.Settings("ops/crisis", "alex", quiz.Settings{PassMark: 100, TimeLimitMinutes: 1, CooldownMinutes: 3})
	sam := app.Login("sam")
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	clk.Advance(3 * time.Minute)
	overview := sam.Get("/quiz/take/ops/crisis")
	for _, want := range []string{`id="quiz-expired"`, `href="` + attempt + `"`, `datetime="2026-03-02T09:05:00Z"`} {
		if !strings.Contains(overview.Body, want) {
			t.Errorf("overview of an expired attempt lacks %q", want)
		}
	}
	if r := sam.PostForm("/quiz/start/ops/crisis", nil); r.Header.Get("Location") != "/quiz/take/ops/crisis" {
		t.Errorf("start during the cooldown → %q, want the overview", r.Header.Get("Location"))
	}
	clk.Advance(2 * time.Minute)
	next := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	if next == attempt || !strings.HasPrefix(next, "/quiz/attempt/") {
		t.Fatalf("start after the cooldown → %q, want a new attempt", next)
	}
	if body := sam.Get("/quiz/take/ops/crisis").Body; !strings.Contains(body, `href="`+attempt+`"`) || strings.Contains(body, `id="quiz-expired"`) {
		t.Errorf("the overview's history lacks the expired attempt, or still calls it expired")
	}
}

// TestQuizOverviewSingulars: one minute, one attempt are not "1 minutes",
// "all 1 attempts".
func TestQuizOverviewSingulars(t *testing.T) {
	app := newQuizApp(t)
	clk := app.SetClock()
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	app.Settings("ops/crisis", "alex", quiz.Settings{PassMark: 100, MaxAttempts: 1, TimeLimitMinutes: 1, CooldownMinutes: 1})
	sam := app.Login("sam")
	overview := sam.Get("/quiz/take/ops/crisis").Body
	for _, want := range []string{"1 minute from the start", "1 minute apart"} {
		if !strings.Contains(overview, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	sam.PostForm(attempt, url.Values{"q0": {"0"}})
	clk.Advance(time.Hour)
	overview = sam.Get("/quiz/take/ops/crisis").Body
	if !strings.Contains(overview, "You have used your one attempt") {
		t.Errorf("overview after the only attempt does not say it is used")
	}
	if m := regexp.MustCompile(`\b1 (minutes|attempts)\b`).FindAllString(overview, -1); len(m) > 0 {
		t.Errorf("overview says %q", m)
	}
}

func TestQuizGIFTUploadAndDownload(t *testing.T) {
	app := newQuizApp(t)
	alex, sam := app.Login("alex"), app.Login("sam")
	src := "// [tag:section:first-steps] [tag:critical]\n::ack::Acknowledge first? {T}\n\n// [tag:section:gone]\nMinutes before Morgan? {#30}\n\nbroken {=\n"
	r := alex.Multipart("/quiz/import/ops/crisis", "file", "q.gift", []byte(src), nil)
	quizWant(t, r, http.StatusSeeOther, "import")
	if qs, _ := app.Quiz.Questions(app.Page("ops/crisis").ID); len(qs) != 2 || qs[1].Section != "" {
		t.Fatalf("imported %d questions (%+v)", len(qs), qs)
	}
	flash := alex.Get("/quiz/edit/ops/crisis").Body
	for _, want := range []string{"Imported 2 questions", "line 7", "pinned to the page as a whole"} {
		if !strings.Contains(flash, want) {
			t.Errorf("editor after import lacks %q", want)
		}
	}
	bad := alex.Multipart("/quiz/import/ops/crisis", "file", "latin1.gift", []byte("Caf\xe9 ok? {T}\n"), nil)
	quizWant(t, bad, http.StatusBadRequest, "non-UTF-8 import")
	if !strings.Contains(bad.Body, "not UTF-8") {
		t.Errorf("the refusal does not name the reason")
	}
	big := alex.Multipart("/quiz/import/ops/crisis", "file", "big.gift", []byte(strings.Repeat("x", quiz.MaxGIFTBytes+100<<10)), nil)
	quizWant(t, big, http.StatusRequestEntityTooLarge, "oversized import")

	dl := alex.Get("/quiz/export/ops/crisis")
	quizWant(t, dl, http.StatusOK, "export")
	if !strings.Contains(dl.Header.Get("Content-Disposition"), "ops-crisis.gift") || !strings.Contains(dl.Body, "::ack::") || !strings.Contains(dl.Body, "{#30}") && !strings.Contains(dl.Body, "=30") {
		t.Errorf("export = %q %q", dl.Header.Get("Content-Disposition"), dl.Body)
	}
	quizWant(t, sam.Get("/quiz/export/ops/crisis"), http.StatusForbidden, "export by a taker")
}

func TestQuizStalenessConfirmAndFlags(t *testing.T) {
	app := newQuizApp(t)
	q := app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	alex, sam := app.Login("alex"), app.Login("sam")
	p := app.Page("ops/crisis")
	text, _ := app.Store.CurrentText(p)
	quizWant(t, alex.PostForm("/edit/ops/crisis", url.Values{"markdown": {strings.Replace(text, "Call the shift lead", "Call the floor", 1)},
		"base_revision": {"1"}}), http.StatusSeeOther, "edit the critical section")

	mine := alex.Get("/quiz/mine").Body
	if !strings.Contains(mine, "What comes first?") || !strings.Contains(mine, "/quiz/question/1/confirm") {
		t.Fatalf("My knowledge checks does not list the stale question")
	}
	if !strings.Contains(alex.Get("/wiki/ops/crisis").Body, "1 question needs review") {
		t.Errorf("the page's quiz panel does not tell the author about the stale question")
	}
	quizWant(t, alex.PostForm("/quiz/question/1/confirm", url.Values{"next": {"/quiz/mine"}}), http.StatusSeeOther, "confirm")
	if strings.Contains(alex.Get("/quiz/mine").Body, "/quiz/question/1/confirm") {
		t.Errorf("the confirmed question still needs review")
	}

	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	sam.PostForm(attempt, url.Values{"q0": {"1"}})
	quizWant(t, sam.PostForm(attempt+"/flag", url.Values{"question": {"1"}, "kind": {"wrong-key"}, "comment": {"Morgan said to call first"}}),
		http.StatusSeeOther, "flag")
	mine = alex.Get("/quiz/mine").Body
	if !strings.Contains(mine, "Morgan said to call first") || !strings.Contains(mine, "Wrong key") {
		t.Fatalf("the author does not see the flag")
	}
	quizWant(t, alex.PostForm("/quiz/flags/1/resolve", nil), http.StatusSeeOther, "resolve")
	if strings.Contains(alex.Get("/quiz/mine").Body, "Morgan said to call first") {
		t.Errorf("a resolved flag is still listed")
	}
	_ = q
}

func TestQuizEssayGradingOverHTTP(t *testing.T) {
	app := newQuizApp(t)
	app.AddQuestion("ops/crisis", "alex", quiztest.Essay())
	alex, sam := app.Login("alex"), app.Login("sam")
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	sam.PostForm(attempt, url.Values{"q0": {"Otherwise <b>two</b> primaries take writes."}})
	if res := sam.Get(attempt).Body; !strings.Contains(res, "waiting for the author") || !strings.Contains(res, "&lt;b&gt;two&lt;/b&gt;") {
		t.Errorf("the pending essay is not shown escaped and waiting")
	}
	list := alex.Get("/quiz/grading").Body
	if !strings.Contains(list, "Why do we fence") || !strings.Contains(list, attempt+"#item-1") {
		t.Fatalf("the grading list lacks the essay")
	}
	quizWant(t, alex.PostForm(attempt+"/grade", url.Values{"question": {"1"}, "credit": {"100"}, "comment": {"Exactly: split brain."}}),
		http.StatusSeeOther, "grade")
	if res := sam.Get(attempt).Body; !strings.Contains(res, "passed") || !strings.Contains(res, "Exactly: split brain.") {
		t.Errorf("the taker does not see the grade and comment")
	}
	if strings.Contains(alex.Get("/quiz/grading").Body, attempt) {
		t.Errorf("a graded essay is still listed")
	}
}

func TestQuizManagerSeesAttemptsInScope(t *testing.T) {
	app := newQuizApp(t)
	morgan := app.AddUser("morgan", wiki.RoleManager)
	app.AddUser("pat", wiki.RoleManager)
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	now := app.Store.Now()
	err := app.Quiz.CreateHandover(&quiz.Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"},
		Start: now, Due: now.AddDate(0, 1, 0), Scope: []string{"ops/"}}, morgan)
	if err != nil {
		t.Fatal(err)
	}
	sam := app.Login("sam")
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	sam.PostForm(attempt, url.Values{"q0": {"0"}})
	m, pat := app.Login("morgan"), app.Login("pat")
	quizWant(t, m.Get(attempt), http.StatusOK, "the handover's manager opens the attempt")
	quizWant(t, m.Get("/quiz/attempts/ops/crisis"), http.StatusOK, "the handover's manager lists attempts")
	quizWant(t, pat.Get(attempt), http.StatusNotFound, "another manager opens the attempt")
	quizWant(t, pat.Get("/quiz/attempts/ops/crisis"), http.StatusForbidden, "another manager lists attempts")
}

// TestAttemptKeepsTheVersionItWasMadeWith: when the author edits a question
// while sam's attempt is open, sam is graded and shown the version he saw;
// the new key and explanation do not appear on his result.
func TestAttemptKeepsTheVersionItWasMadeWith(t *testing.T) {
	app := quiztest.New(t)
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/crisis", quiztest.PageMD)
	q := app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	qs := app.Quiz
	att, err := qs.StartAttempt(app.Page("ops/crisis"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	edited := quiztest.Choice()
	edited.ID = q.ID
	edited.Answers[0].Weight, edited.Answers[1].Weight = 0, 100
	edited.Explanation = "NEWKEY-call-morgan"
	if err := qs.UpdateQuestion(app.Page("ops/crisis"), app.User("alex"), edited); err != nil {
		t.Fatal(err)
	}
	pos := slices.Index(att.Items[0].Order, 0) // where "Acknowledge the page" was shown
	a, err := qs.SubmitAttempt(att.ID, app.User("sam"), []quiz.Response{{Choices: []int{pos}}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Outcomes[0].Credit != 1 {
		t.Errorf("credit = %v, want 1: graded against the version sam saw", a.Outcomes[0].Credit)
	}
	body := app.Login("sam").Get(fmt.Sprintf("/quiz/attempt/%d", att.ID)).Body
	webtest.MustContain(t, "sam's result", body, "EXPL-acknowledge-first", "the version that was answered")
	if strings.Contains(body, "NEWKEY") {
		t.Errorf("sam's result shows the new version's explanation")
	}
}

// TestOrphanedQuestionOffersToRepin: when the section a question is pinned
// to is deleted, the editor offers to pin it elsewhere instead of a
// Confirm that could only fail.
func TestOrphanedQuestionOffersToRepin(t *testing.T) {
	app := quiztest.New(t)
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/crisis", quiztest.PageMD)
	q := app.AddQuestion("ops/crisis", "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "escalation", Text: "Call Morgan?", Truth: true})
	app.Edit("ops/crisis", strings.Replace(quiztest.PageMD, "## Escalation\n\nCall Morgan after 30 minutes.\n", "", 1), false)
	body := app.Login("alex").Get("/quiz/edit/ops/crisis").Body
	if strings.Contains(body, fmt.Sprintf(`action="/quiz/question/%d/confirm"`, q.ID)) || !strings.Contains(body, "Pin to a section") {
		t.Errorf("the editor offers Confirm for a question whose section is gone, or no way to re-pin it")
	}
}
