package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/handover/handover/quiz/web/quiztest"
)

// TestBrowserNobodyMovesTheirOwnReadiness: sam, who takes over, is offered
// no Delete on a page in his handover's scope, and typing its address
// gets a refusal saying who may; the page stays. alex, the outgoing owner,
// unmarks its critical section, and morgan, the manager, sees that under
// "What changed" on the handover and in the page's history.
func TestBrowserNobodyMovesTheirOwnReadiness(t *testing.T) {
	app := newHandoverApp(t)
	h := app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	base := app.Server.URL
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	sam := newBrowser(t)
	err := chromedp.Do(sam,
		browserSignIn(base, "sam", "/wiki/it-ops/failover"),
		chromedp.WaitVisible(css(`.page-locked`)),
		screenshot(t, "30-incoming-owner-page-locked"),
	)
	if err != nil {
		t.Fatalf("sam opens a page in scope: %v", err)
	}
	deleteLinks, err := chromedp.Run(sam, chromedp.Evaluate[int](
		`document.querySelectorAll('a[href="/delete/it-ops/failover"], form[action="/critical/it-ops/failover"]').length`))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(sam,
		chromedp.Navigate(base+"/delete/it-ops/failover"),
		chromedp.WaitVisible(css(`main`)),
		screenshot(t, "31-incoming-owner-delete-refused"),
	)
	if err != nil {
		t.Fatalf("sam tries to delete: %v", err)
	}
	if deleteLinks != 0 {
		t.Errorf("sam is offered %d delete or critical-mark controls; want none", deleteLinks)
	}
	if got := text(t, sam, "main"); !strings.Contains(got, "the outgoing owner (alex)") {
		t.Errorf("the refusal sam sees does not say who may:\n%s", got)
	}
	if p, err := app.Main.Store.Page("it-ops/failover"); err != nil || p.Deleted {
		t.Fatalf("after sam's refused delete the page is %+v, %v", p, err)
	}

	alex := newBrowser(t)
	err = chromedp.Do(alex,
		browserSignIn(base, "alex", "/wiki/it-ops/failover"),
		chromedp.Click(css(`form[action="/critical/it-ops/failover"] button.is-on`)),
		chromedp.WaitVisible(css(`form[action="/critical/it-ops/failover"] button:not(.is-on)`)),
	)
	if err != nil {
		t.Fatalf("alex unmarks the critical section: %v", err)
	}

	morgan := newBrowser(t)
	hURL := fmt.Sprintf("/handovers/%d", h.ID)
	err = chromedp.Do(morgan,
		browserSignIn(base, "morgan", hURL),
		chromedp.WaitVisible(css(`#changes table`)),
		chromedp.ScrollIntoView(css(`#changes`)),
		screenshot(t, "32-what-changed"),
	)
	if err != nil {
		t.Fatalf("morgan opens the handover: %v", err)
	}
	if got := text(t, morgan, "#changes"); !strings.Contains(got, "unmarked “Steps” as critical on “Failover”") {
		t.Errorf("What changed, as morgan sees it:\n%s", got)
	}
	if err := chromedp.Do(morgan, chromedp.Navigate(base+"/history/it-ops/failover"), chromedp.WaitVisible(css(`main`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, morgan, "main"); !strings.Contains(got, "Unmarked “Steps” as critical") || !strings.Contains(got, "alex") {
		t.Errorf("the page's history, as morgan sees it:\n%s", got)
	}
}
