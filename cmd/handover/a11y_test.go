package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki/web/webtest"
)

// axeSource returns the script of axe-core, the accessibility engine:
// the file named by $HANDOVER_AXE (.ci/run installs it from npm), or a
// copy npm installs into the user cache directory on first use. Without
// either the test is skipped, or fails when HANDOVER_REQUIRE_BROWSER is
// set.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("HANDOVER_AXE")
	if path == "" {
		path = cachedAxe(t)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("HANDOVER_REQUIRE_BROWSER") != "" {
			t.Fatalf("axe-core: %v (set HANDOVER_AXE to axe.min.js)", err)
		}
		t.Skipf("accessibility check skipped: no axe-core (%v); npm install axe-core@4 and set HANDOVER_AXE to its axe.min.js", err)
	}
	return string(src)
}

// cachedAxe installs axe-core 4 with npm into the user cache directory,
// once, and returns the path of axe.min.js (which may not exist).
func cachedAxe(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	dir := filepath.Join(cache, "handover-test", "axe-core")
	path := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return path
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", dir, "axe-core@4").CombinedOutput()
	if err != nil {
		t.Logf("npm install axe-core@4: %v: %s", err, out)
	}
	return path
}

// axeViolation is one rule broken on a page, with the first elements
// that break it.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeRun runs axe-core on the page and keeps the serious and critical
// violations.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({ID: v.id, Impact: v.impact, Help: v.help,
		Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary.replace(/\s+/g, " "))})))`

// checkA11y injects axe-core into the current page through DevTools
// (Runtime.evaluate is not subject to the page's Content-Security-Policy,
// which forbids inline script) and fails t for each serious or critical
// violation.
func checkA11y(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";\ntypeof axe === 'object'")); err != nil {
		t.Fatalf("%s: inject axe-core: %v", name, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", name, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s (%s): %s\n\t%s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// a11yPage is a page to check: who looks at it, and how to get there.
type a11yPage struct {
	name, user, path string
	// then, if set, runs after navigating (to reach a page behind a form).
	then chromedp.Action[chromedp.Void]
}

// TestAccessibility checks the main pages of the demo handover in
// headless Chromium with axe-core: sign-in, home, a page, the editor,
// search results, the quiz from its start through the result, the
// handover page, the readiness dashboard, progress and the account; then
// those reachable by address again in dark mode and at a phone's width.
// Any serious or critical violation fails it.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	app := newTestApp(t, func(c *Config) { c.Demo = true })
	for _, name := range []string{"admin", "alex", "sam", "morgan"} {
		if _, err := app.Main.Store.SetPassword(app.User(name).ID, webtest.Password); err != nil {
			t.Fatal(err)
		}
	}
	quizPage := a11yQuiz(t, app)
	hs, err := app.Quiz.Handovers(app.User("morgan"))
	if err != nil || len(hs) == 0 {
		t.Fatalf("demo handovers: %v, %v", hs, err)
	}
	ho := fmt.Sprintf("/handovers/%d", hs[0].ID)
	pages := []a11yPage{
		{"sign-in", "", "/login", nil},
		{"home", "sam", "/", nil},
		{"page", "sam", "/wiki/it-ops/runbooks/database-failover", nil},
		{"search results", "sam", "/search?q=failover", nil},
		{"quiz start", "sam", "/quiz/take/" + quizPage, nil},
		{"quiz taking", "sam", "/quiz/take/" + quizPage, startQuiz()},
		{"quiz result", "sam", "", submitQuiz()},
		{"progress", "sam", "/progress", nil},
		{"handover progress", "sam", ho + "/progress", nil},
		{"editor", "alex", "/edit/it-ops/runbooks/database-failover", nil},
		{"new page", "alex", "/new", nil},
		{"handover", "alex", ho, nil},
		{"handover list", "morgan", "/handovers", nil},
		{"dashboard", "morgan", ho + "/dashboard", nil},
		{"account", "morgan", "/account", nil},
	}
	base := app.Server.URL
	signedIn := visitA11y(t, ctx, axe, base, "", "", pages)
	// Dark mode has colours of its own: the pages reachable by address
	// again, with prefers-color-scheme: dark.
	must(t, ctx, "dark mode", darkMode())
	var again []a11yPage
	for _, p := range pages {
		if p.then == nil {
			again = append(again, p)
		}
	}
	signedIn = visitA11y(t, ctx, axe, base, signedIn, " (dark)", again)
	// A phone's width, where wide tables and code scroll sideways.
	must(t, ctx, "narrow viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	visitA11y(t, ctx, axe, base, signedIn, " (narrow)", again)
	t.Logf("%d page views checked with axe-core %s", len(pages)+2*len(again), axeVersion(t, ctx))
}

// darkMode makes pages see prefers-color-scheme: dark.
func darkMode() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		if err != nil {
			return chromedp.Void{}, err
		}
		dark, err := chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`)(ctx, tg)
		if err == nil && !dark {
			err = errors.New("the page does not see dark mode")
		}
		return chromedp.Void{}, err
	}
}

// axeVersion is the version of the axe-core injected in the current page.
func axeVersion(t *testing.T, ctx context.Context) string {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof axe === "object" ? axe.version : "?"`))
	if err != nil {
		return "?"
	}
	return v
}

// visitA11y checks each page, signing in and out as needed, starting
// signed in as signedIn; it returns who is signed in at the end.
func visitA11y(t *testing.T, ctx context.Context, axe, base, signedIn, suffix string, pages []a11yPage) string {
	t.Helper()
	for _, p := range pages {
		if p.user != signedIn {
			if signedIn != "" {
				must(t, ctx, "sign out", browserLogout())
			}
			if p.user != "" {
				must(t, ctx, "sign in as "+p.user, browserLogin(base, p.user))
			}
			signedIn = p.user
		}
		if p.path != "" {
			must(t, ctx, p.name, chromedp.Navigate(base+p.path))
		}
		if p.then != nil {
			must(t, ctx, p.name, p.then)
		}
		checkA11y(t, ctx, axe, p.name+suffix)
	}
	return signedIn
}

func must(t *testing.T, ctx context.Context, what string, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, a); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// startQuiz presses the quiz overview's start button and waits for the
// questions.
func startQuiz() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`form[action^="/quiz/start/"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action^="/quiz/attempt/"]`)),
		)
	}
}

// submitQuiz answers the open quiz form (first choices, some text) and
// submits it.
func submitQuiz() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(`form[action^="/quiz/attempt/"]`)),
			chromedp.SendKeys(chromedp.CSS(`textarea`), "Two primaries would split the data."),
			chromedp.Submit(chromedp.CSS(`textarea`)),
			chromedp.WaitVisible(chromedp.CSS(`#quiz-summary`)),
		)
	}
}

// a11yQuiz gives a demo page a knowledge check with one question of each
// type, so the taking form shows every kind of control; it returns the
// page's path.
func a11yQuiz(t *testing.T, app *testApp) string {
	t.Helper()
	path := "it-ops/runbooks/disk-full"
	p := app.Page(path)
	section := ""
	for _, s := range p.Sections {
		if s.ID != "" {
			section = s.ID
			break
		}
	}
	qs := []*quiz.Question{
		{Type: quiz.SingleChoice, Text: "Which disk fills first?", Answers: []gift.Answer{{Text: "/var", Weight: 100}, {Text: "/home"}}},
		{Type: quiz.MultipleChoice, Text: "What may you delete?", Answers: []gift.Answer{{Text: "Old logs", Weight: 50}, {Text: "Rotated logs", Weight: 50}, {Text: "The database"}}},
		{Type: quiz.TrueFalse, Text: "Is it safe to delete the WAL?", Truth: false},
		{Type: quiz.ShortAnswer, Text: "Which command shows disk usage?", Answers: []gift.Answer{{Text: "df", Weight: 100}}},
		{Type: quiz.Numerical, Text: "At what percent does the alert fire?", Numbers: []gift.NumAnswer{{Value: 90, Min: 90, Max: 90, Weight: 100}}},
		{Type: quiz.Matching, Text: "Match the path to its content.", Pairs: []gift.Pair{{Left: "/var/log", Right: "logs"}, {Left: "/var/lib", Right: "data"}}},
		{Type: quiz.Essay, Text: "Explain why we never delete the WAL."},
	}
	for _, q := range qs {
		q.Section = section
		app.AddQuestion(path, "alex", q)
	}
	if _, err := app.Quiz.SaveSettings(p.ID, app.User("alex"), quiz.Settings{PassMark: 80, Shuffle: true, AskConfidence: true}); err != nil {
		t.Fatal(err)
	}
	return path
}
