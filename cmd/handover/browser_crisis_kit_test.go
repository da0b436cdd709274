package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/handover/handover/quiz"
)

// TestBrowserCrisisKit: sam downloads the crisis kit from the handover
// page and opens the file with JavaScript off, as on the day the wiki is
// down: every critical section's heading and the contacts page are there.
func TestBrowserCrisisKit(t *testing.T) {
	ctx := newBrowser(t)
	app := newHandoverApp(t)
	app.SavePage("it-ops/runbook", kitRunbookMD)
	app.SavePage("it-ops/contacts", "---\ntags: [contacts]\ncritical: [on-call]\n---\n## On call\n\n| Who | Phone |\n|---|---|\n| Priya | +1 312 555 0123 |\n")
	now := time.Now()
	h := &quiz.Handover{Title: "IT operations", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "morgan",
		Start: now, Due: now.AddDate(0, 0, 21), Scope: []string{"it-ops/"}}
	if err := app.Quiz.CreateHandover(h, app.User("morgan")); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx, browserSignIn(app.Server.URL, "sam", quiz.HandoverURL(h.ID)))
	if err != nil {
		t.Fatalf("sam opens the handover: %v", err)
	}
	file := downloadKit(t, ctx)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	headings := map[string]string{"#p1": "Contacts", "#p2-fence-first": "Fence first", "#p2-promote": "Promote"}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate("file://" + file),
	}
	for sel := range headings {
		steps = append(steps, chromedp.WaitVisible(css(sel)))
	}
	steps = append(steps, screenshot(t, "40-crisis-kit-offline"), darkMode(), screenshot(t, "41-crisis-kit-offline-dark"))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("open the kit without JavaScript: %v", err)
	}
	for sel, want := range headings {
		if got := text(t, ctx, sel); !strings.Contains(got, want) {
			t.Errorf("heading %s = %q, want %q", sel, got, want)
		}
	}
	if got := text(t, ctx, "#p1 ~ .content td"); got != "Priya" {
		t.Errorf("first cell of the contacts table = %q, want Priya", got)
	}
}

// downloadKit clicks the crisis kit link of the handover page and returns
// the saved file, named .html so that the browser opens it as a page.
func downloadKit(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	events := true
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
			})
			return err
		}),
		chromedp.Click(chromedp.CSS(`a[href$="/crisis-kit"]`)),
	)
	if err != nil {
		t.Fatalf("download the crisis kit: %v", err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			file := filepath.Join(dir, "kit.html")
			if err := os.Rename(filepath.Join(dir, ev.GUID), file); err != nil {
				t.Fatal(err)
			}
			return file
		case browser.DownloadProgressStateCanceled:
			t.Fatal("the crisis kit download was cancelled")
		}
	}
	return ""
}
