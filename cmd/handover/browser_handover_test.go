package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// browserSignIn signs in through the login form and lands on next.
func browserSignIn(base, name, next string) chromedp.Action[chromedp.Void] {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	return chromedp.Steps(
		chromedp.Navigate(base+"/login?next="+next),
		chromedp.WaitVisible(css(`input[name=name]`)),
		chromedp.SendKeys(css(`input[name=name]`), name),
		chromedp.SendKeys(css(`input[name=password]`), webtest.Password),
		chromedp.Submit(css(`input[name=name]`)),
		chromedp.WaitVisible(css(`a[href="/account"]`)),
	)
}

// TestBrowserHandoverJourney: morgan creates a handover for sam from the
// form (previewing its scope first); sam acknowledges a page in scope from
// its handover panel.
func TestBrowserHandoverJourney(t *testing.T) {
	ctx := newBrowser(t)
	app := newHandoverApp(t)
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	app.SavePage("it-ops/contacts", "# Contacts\n\n## On call\n\nCall Priya first.\n")
	base := app.Server.URL
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		browserSignIn(base, "morgan", "/handovers"),
		chromedp.Click(css(`a[href="/handovers/new"]`)),
		chromedp.WaitVisible(css(`#title`)),
		chromedp.SendKeys(css(`#title`), "IT operations: Alex Rivera → Sam Okafor"),
		chromedp.SendKeys(css(`#outgoing`), "alex"),
		chromedp.SendKeys(css(`#incoming`), "sam"),
		chromedp.SendKeys(css(`#scope`), "it-ops/"),
		chromedp.Click(css(`button[name=action][value=preview]`)),
		chromedp.WaitVisible(css(`.scope-preview`)),
		screenshot(t, "20-handover-scope-preview"),
		chromedp.Click(css(`.form-actions button.primary`)),
		chromedp.WaitVisible(css(`#checklist`)),
		screenshot(t, "21-handover-page"),
	)
	if err != nil {
		t.Fatalf("morgan creates the handover: %v", err)
	}
	if got := text(t, ctx, ".scope-preview, #scope-title"); !strings.Contains(got, "Scope") {
		t.Errorf("handover page scope heading = %q", got)
	}
	hs, err := app.Quiz.HandoversCovering("it-ops/failover")
	if err != nil || len(hs) != 1 || hs[0].Incoming[0] != "sam" || hs[0].Manager != "morgan" {
		t.Fatalf("handovers covering the page: %d, %v", len(hs), err)
	}
	samAcknowledges(t, app)
}

func samAcknowledges(t *testing.T, app *testApp) {
	ctx := newBrowser(t) // a fresh browser: sam's own session
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		browserSignIn(app.Server.URL, "sam", "/wiki/it-ops/failover"),
		chromedp.WaitVisible(css(`form[action="/ack/it-ops/failover"] button`)),
		screenshot(t, "22-page-with-handover-panel"),
		chromedp.Click(css(`form[action="/ack/it-ops/failover"] button`)),
		chromedp.WaitVisible(css(`.flash`)),
		screenshot(t, "23-page-acknowledged"),
	)
	if err != nil {
		t.Fatalf("sam acknowledges: %v", err)
	}
	if got := text(t, ctx, ".side"); !strings.Contains(got, "Acknowledged revision 1 on") {
		t.Errorf("side panel after acknowledging:\n%s", got)
	}
	p, _ := app.Main.Store.Page("it-ops/failover")
	sam, _ := app.Main.Store.UserByName("sam")
	if a, err := app.Quiz.Ack(sam.ID, p.ID); err != nil || a == nil || a.Rev != 1 {
		t.Errorf("sam's acknowledgement = %+v, %v; want revision 1", a, err)
	}
}
