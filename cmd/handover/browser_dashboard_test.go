package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestBrowserDashboard: morgan signs in, opens the readiness dashboard,
// sees that sam is not ready and why, and exports the CSV.
func TestBrowserDashboard(t *testing.T) {
	ctx := newBrowser(t)
	app := newReadinessApp(t)
	base := app.Server.URL
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login?next="+app.URL("/handovers/%d/dashboard")),
		chromedp.WaitVisible(css(`input[name=name]`)),
		chromedp.SendKeys(css(`input[name=name]`), "morgan"),
		chromedp.SendKeys(css(`input[name=password]`), webtest.Password),
		chromedp.Submit(css(`input[name=name]`)),
		chromedp.WaitVisible(css(`tr[data-user="sam"]`)),
		screenshot(t, "10-readiness-dashboard"),
	)
	if err != nil {
		t.Fatalf("sign in and open the dashboard: %v", err)
	}
	sam := text(t, ctx, `tr[data-user="sam"]`)
	for _, want := range []string{"not ready", "critical question answered wrongly", "not acknowledged yet"} {
		if !strings.Contains(sam, want) {
			t.Errorf("sam's row lacks %q:\n%s", want, sam)
		}
	}
	if jo := text(t, ctx, `tr[data-user="jo"] [data-status]`); jo != "ready" {
		t.Errorf("jo's row = %q, want ready", jo)
	}
	csv := downloadCSV(t, ctx)
	if !strings.HasPrefix(csv, "handover,due,user,score,status") || !strings.Contains(csv, ",sam,") || !strings.Contains(csv, "not_ready") {
		t.Errorf("downloaded CSV:\n%s", csv)
	}
}

// downloadCSV clicks "Export CSV" and returns the file the browser saved.
func downloadCSV(t *testing.T, ctx context.Context) string {
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
		chromedp.Click(chromedp.CSS(`#export-csv`)),
	)
	if err != nil {
		t.Fatalf("export CSV: %v", err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the CSV download was cancelled")
		}
	}
	return ""
}
