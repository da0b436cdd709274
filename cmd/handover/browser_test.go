package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/handover/handover/wiki/web/webtest"
)

// browserPath finds a Chromium to drive; the tests skip without one unless
// HANDOVER_REQUIRE_BROWSER is set (as .ci/run does), when they fail.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("HANDOVER_REQUIRE_BROWSER") != "" {
		t.Fatal("no Chromium found; install it with apt-get install chromium")
	}
	t.Skip("browser tests skipped: no Chromium installed (apt-get install chromium)")
	return ""
}

// newBrowser starts headless Chromium and returns a context for driving one
// tab, cancelled when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(actx)
	// The deadline is generous: CI runs the other packages' race-enabled
	// tests beside this one on two cores, and a journey that takes 11 s
	// alone has taken over 120 s there. A hung step still ends the test,
	// and the page it hung on is kept for the report.
	ctx, cancelTimeout := context.WithTimeout(tab, 6*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		if t.Failed() {
			keepFailedPage(t, tab)
		}
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start browser: %v", err)
	}
	return ctx
}

// keepFailedPage logs the address of the page a failed test ended on and
// saves a screenshot of it, so a CI failure shows where a journey stopped.
func keepFailedPage(t *testing.T, tab context.Context) {
	ctx, cancel := context.WithTimeout(tab, 15*time.Second)
	defer cancel()
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Logf("the failed page could not be read: %v", err)
		return
	}
	t.Logf("the test failed on %s", url)
	name := "FAILED-" + strings.ReplaceAll(t.Name(), "/", "-")
	if err := chromedp.Do(ctx, screenshot(t, name)); err != nil {
		t.Logf("screenshot of the failed page: %v", err)
	}
}

// artifactDir is where screenshots go: $HANDOVER_ARTIFACTS or a temp dir.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HANDOVER_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves the full page as name.png in the artifact directory.
func screenshot(t *testing.T, name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		png, err := chromedp.FullScreenshot(100)(ctx, tg) // quality 100 is lossless PNG
		if err != nil {
			return chromedp.Void{}, err
		}
		path := filepath.Join(artifactDir(t), name+".png")
		t.Logf("screenshot: %s", path)
		return chromedp.Void{}, os.WriteFile(path, png, 0o644)
	}
}

// acceptConfirms makes window.confirm answer OK on the current page, as a
// user clicking through the progressive-enhancement prompts would.
func acceptConfirms() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool]("window.confirm = () => true; true")(ctx, tg)
		return chromedp.Void{}, err
	}
}

// text returns the text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

// TestBrowserFirstAdminToRevert walks the first journey of a new install:
// the setup link creates the admin, who writes a page from a template,
// edits it, reads the history, compares revisions and reverts.
func TestBrowserFirstAdminToRevert(t *testing.T) {
	ctx := newBrowser(t)
	app := newTestApp(t)
	token, err := app.Main.Store.NewSetupToken()
	if err != nil {
		t.Fatal(err)
	}
	base := app.Server.URL
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	save := css(`button[name=action][value=save]`)
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/setup?token="+token),
		chromedp.SendKeys(css(`input[name=name]`), "root"),
		chromedp.SendKeys(css(`input[name=password]`), webtest.Password),
		chromedp.SendKeys(css(`input[name=password2]`), webtest.Password),
		chromedp.Submit(css(`input[name=name]`)),
		chromedp.WaitVisible(css(`a[href="/account"]`)),

		chromedp.Navigate(base+"/new?path=ops/runbooks/db-failover&template=runbook"),
		chromedp.WaitVisible(css(`textarea[name=markdown]`)),
		chromedp.SetValue(css(`input[name=title]`), "Database failover"),
		chromedp.SetValue(css(`input[name=comment]`), "first draft"),
		chromedp.Click(save),
		// The editor has a #page-title too: wait for the page view's
		// actions, or the next step races the save (and loses on loaded
		// cores: revision 2 never lands).
		chromedp.WaitVisible(css(`nav.page-actions`)),
		screenshot(t, "01-page-from-template"),
	)
	if err != nil {
		t.Fatalf("setup and create: %v", err)
	}
	if got := text(t, ctx, "#page-title"); got != "Database failover" {
		t.Errorf("page title = %q, want Database failover", got)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/ops/runbooks/db-failover"),
		chromedp.WaitVisible(css(`textarea[name=markdown]`)),
		chromedp.SetValue(css(`textarea[name=markdown]`), "# Database failover\n\n## Steps\n\n1. Fence the old primary.\n2. Promote db-02.\n"),
		chromedp.SetValue(css(`input[name=comment]`), "rewrite"),
		chromedp.Click(save),
		// The editor has a #page-title too: wait for the page view's
		// actions, or the next step races the save (and loses on loaded
		// cores: revision 2 never lands).
		chromedp.WaitVisible(css(`nav.page-actions`)),
		chromedp.Navigate(base+"/history/ops/runbooks/db-failover"),
		chromedp.WaitVisible(css(`table`)),
		screenshot(t, "02-history"),
		chromedp.Navigate(base+"/diff/ops/runbooks/db-failover?from=1&to=2"),
		chromedp.WaitVisible(css(`main`)),
		screenshot(t, "03-diff"),
	)
	if err != nil {
		t.Fatalf("edit, history, diff: %v", err)
	}
	if body := text(t, ctx, "main"); !strings.Contains(body, "Promote db-02.") {
		t.Errorf("diff page does not show the added line; text:\n%s", body)
	}
	revertTo1(t, ctx, app)
}

func revertTo1(t *testing.T, ctx context.Context, app *testApp) {
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.Server.URL+"/history/ops/runbooks/db-failover"),
		chromedp.WaitVisible(chromedp.CSS(`form[action^="/revert/"] button`)),
		acceptConfirms(),
		chromedp.Click(chromedp.CSS(`form[action^="/revert/"]:has(input[name=rev][value="1"]) button`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.page-actions`)), // history has a #page-title too
		screenshot(t, "04-reverted"),
	)
	if err != nil {
		t.Fatalf("revert: %v", err)
	}
	p, err := app.Main.Store.Page("ops/runbooks/db-failover")
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := app.Main.Store.PageRevision(p.ID, 1)
	cur, _ := app.Main.Store.CurrentText(p)
	if p.Revision != 3 || cur != r1.Markdown {
		t.Errorf("after revert: revision %d, text equal to rev 1: %v; want revision 3 with rev 1's text", p.Revision, cur == r1.Markdown)
	}
}
