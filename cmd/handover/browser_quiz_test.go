package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// browserLogin signs in through the login form.
func browserLogin(base, name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx,
			chromedp.Navigate(base+"/login"),
			chromedp.SendKeys(chromedp.CSS(`input[name=name]`), name),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), webtest.Password),
			chromedp.Submit(chromedp.CSS(`input[name=password]`)),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/account"]`)),
		)
	}
}

func browserLogout() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
			chromedp.WaitNotPresent(chromedp.CSS(`a[href="/account"]`)),
		)
	}
}

// clickLabel clicks the label (and so the choice) whose text contains s.
func clickLabel(s string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.Search(`//label[contains(., "` + s + `")]`))
}

// TestBrowserQuizJourney: alex writes a knowledge check on the crisis
// protocol with a critical question; sam, who takes over from alex, finds
// the page by searching, reads and acknowledges it, takes the check,
// fails the critical question, re-reads the section, waits out the
// cooldown and passes.
func TestBrowserQuizJourney(t *testing.T) {
	ctx := newBrowser(t)
	app := newTestApp(t)
	clk := app.SetClock()
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	morgan := app.AddUser("morgan", wiki.RoleManager)
	app.SavePage("ops/crisis", quiztest.PageMD)
	app.Sync()
	now := app.Main.Store.Now()
	if err := app.Quiz.CreateHandover(&quiz.Handover{Title: "Operations", Outgoing: []string{"alex"}, Incoming: []string{"sam"},
		Manager: "morgan", Start: now, Due: now.AddDate(0, 0, 14), Scope: []string{"ops/"}}, morgan); err != nil {
		t.Fatal(err)
	}
	base := app.Server.URL

	alexWritesTheQuiz(t, ctx, base)
	samFailsTheCriticalQuestion(t, ctx, base)
	clk.Advance(11 * time.Minute)
	samPassesAfterTheCooldown(t, ctx, base)

	if a, err := app.Quiz.Acks([]*wiki.User{app.User("sam")}, []*wiki.Page{app.Page("ops/crisis")}); err != nil || len(a) != 1 {
		t.Errorf("sam's acknowledgements = %v, %v; want the crisis page", a, err)
	}
	st, err := app.Quiz.TakeState(app.Page("ops/crisis"), app.User("sam"))
	if err != nil || len(st.Submitted) != 2 || !st.Submitted[0].Passed || st.Submitted[1].Passed {
		t.Errorf("sam's attempts = %+v, %v; want a failed one, then a passed one", st, err)
	}
}

func alexWritesTheQuiz(t *testing.T, ctx context.Context, base string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		browserLogin(base, "alex"),
		chromedp.Navigate(base+"/wiki/ops/crisis"),
		chromedp.WaitVisible(css(`a[href="/quiz/new/ops/crisis?section=first-steps"]`)),
		screenshot(t, "quiz-01-page-before-quiz"),
		chromedp.Click(css(`a[href="/quiz/new/ops/crisis?section=first-steps"]`)),
		chromedp.WaitVisible(css(`textarea#text`)),
		chromedp.SetValue(css(`#text`), "07:10, the WMS is down at Eastfield. What do you do first?"),
		chromedp.SetValue(css(`#answer-0`), "Acknowledge the page"),
		chromedp.SetValue(css(`#weight-0`), "100"),
		chromedp.SetValue(css(`#feedback-0`), "Right: the secondary is not woken for nothing."),
		chromedp.SetValue(css(`#answer-1`), "Restart the database to see"),
		chromedp.SetValue(css(`#feedback-1`), "Never in the first 15 minutes."),
		chromedp.SetValue(css(`#answer-2`), "Call Morgan"),
		chromedp.SetValue(css(`#explanation`), "Acknowledge first, then check it is real, then call the shift lead."),
		screenshot(t, "quiz-02-question-form"),
		chromedp.Click(css(`button[name=action][value=another]`)),
		chromedp.WaitVisible(css(`.flash`)), // "Question added", on the next blank form
		chromedp.Navigate(base+"/quiz/new/ops/crisis?section=escalation&type=truefalse"),
		chromedp.WaitVisible(css(`textarea#text`)),
		chromedp.SetValue(css(`#text`), "An unresolved SEV-1 is escalated to Morgan after 30 minutes."),
		chromedp.Click(css(`button[name=action][value=save]`)),
		chromedp.WaitVisible(css(`#questions`)),
		screenshot(t, "quiz-03-editor"),
		chromedp.Navigate(base+"/quiz/preview/ops/crisis"),
		chromedp.WaitVisible(css(`#quiz-form`)),
		screenshot(t, "quiz-04-preview"),
		browserLogout(),
	)
	if err != nil {
		t.Fatalf("alex writes the quiz: %v", err)
	}
}

func samFailsTheCriticalQuestion(t *testing.T, ctx context.Context, base string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		browserLogin(base, "sam"),
		chromedp.SendKeys(css(`#site-q`), "wms down first steps\n"),
		chromedp.WaitVisible(css(`ol.results a[href^="/wiki/ops/crisis#first-steps"]`)),
		screenshot(t, "quiz-04b-search"),
		chromedp.Click(css(`ol.results a[href^="/wiki/ops/crisis#first-steps"]`)),
		chromedp.WaitVisible(css(`form[action="/ack/ops/crisis"] button`)),
		chromedp.Click(css(`form[action="/ack/ops/crisis"] button`)),
		chromedp.WaitNotPresent(css(`form[action="/ack/ops/crisis"] button`)),
		screenshot(t, "quiz-04c-acknowledged"),
		chromedp.WaitVisible(css(`a[href="/quiz/take/ops/crisis"]`)),
		chromedp.Click(css(`a[href="/quiz/take/ops/crisis"]`)),
		chromedp.WaitVisible(css(`form.quiz-start button`)),
		chromedp.Click(css(`form.quiz-start button`)),
		chromedp.WaitVisible(css(`#quiz-form`)),
		clickLabel("Restart the database"),
		clickLabel("True"),
		screenshot(t, "quiz-05-taking"),
		chromedp.Click(css(`#quiz-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#quiz-summary`)),
		screenshot(t, "quiz-06-failed"),
	)
	if err != nil {
		t.Fatalf("sam takes the quiz: %v", err)
	}
	summary := text(t, ctx, "#quiz-summary")
	if !strings.Contains(summary, "not passed") {
		t.Errorf("summary = %q, want not passed", summary)
	}
	if body := text(t, ctx, "main"); !strings.Contains(body, "Never in the first 15 minutes.") || !strings.Contains(body, "Acknowledge first") {
		t.Errorf("the result lacks the feedback or the explanation:\n%s", body)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "Re-read “First steps”")]`)),
		chromedp.WaitVisible(css(`#first-steps`)),
		screenshot(t, "quiz-07-reread"),
		chromedp.Navigate(base+"/quiz/take/ops/crisis"),
		chromedp.WaitVisible(css(`#quiz-wait`)),
		screenshot(t, "quiz-08-cooldown"),
	)
	if err != nil {
		t.Fatalf("sam re-reads and waits: %v", err)
	}
	if wait := text(t, ctx, "#quiz-wait"); !strings.Contains(wait, "try again at") {
		t.Errorf("cooldown notice = %q", wait)
	}
}

func samPassesAfterTheCooldown(t *testing.T, ctx context.Context, base string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/quiz/take/ops/crisis"),
		chromedp.WaitVisible(css(`form.quiz-start button`)),
		chromedp.Click(css(`form.quiz-start button`)),
		chromedp.WaitVisible(css(`#quiz-form`)),
		clickLabel("Acknowledge the page"),
		clickLabel("True"),
		chromedp.Click(css(`#quiz-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#quiz-summary`)),
		screenshot(t, "quiz-09-passed"),
	)
	if err != nil {
		t.Fatalf("sam passes: %v", err)
	}
	if summary := text(t, ctx, "#quiz-summary"); !strings.Contains(summary, "100%") || !strings.Contains(summary, "passed") || strings.Contains(summary, "not passed") {
		t.Errorf("summary = %q, want 100%% passed", summary)
	}
}

// TestBrowserQuizCountdownUsesServerTime: the server's clock is months
// behind the browser's here, yet the countdown shows the time the server
// gives, and submits the answers on time when it runs out.
func TestBrowserQuizCountdownUsesServerTime(t *testing.T) {
	ctx := newBrowser(t)
	app := newTestApp(t)
	clk := app.SetClock() // 2 March 2026, whatever the browser thinks
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/crisis", quiztest.PageMD)
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	app.Settings("ops/crisis", "alex", quiz.Settings{PassMark: 100, TimeLimitMinutes: 5})
	base := app.Server.URL
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	err := chromedp.Do(ctx,
		browserLogin(base, "sam"),
		chromedp.Navigate(base+"/quiz/take/ops/crisis"),
		chromedp.Click(css(`form.quiz-start button`)),
		chromedp.WaitVisible(css(`#quiz-form`)),
		chromedp.Sleep(1500*time.Millisecond), // the countdown runs, and must not submit
	)
	if err != nil {
		t.Fatalf("sam starts the quiz: %v", err)
	}
	if left := text(t, ctx, "[data-countdown]"); !strings.HasPrefix(left, "Time left: 4:5") {
		t.Fatalf("countdown = %q, want about 4:58 left", left)
	}
	attempt, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}

	clk.Advance(5*time.Minute - 2*time.Second)
	err = chromedp.Do(ctx,
		chromedp.Navigate(attempt),
		chromedp.WaitVisible(css(`#quiz-form`)),
		clickLabel("Acknowledge the page"),
		chromedp.WaitVisible(css(`#quiz-summary`)), // submitted by the countdown
	)
	if err != nil {
		t.Fatalf("the countdown does not submit: %v", err)
	}
	if summary := text(t, ctx, "#quiz-summary"); !strings.Contains(summary, "passed") || strings.Contains(summary, "not passed") {
		t.Errorf("auto-submitted result = %q, want passed on time", summary)
	}
}
