package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki/web/webtest"
)

// demoIT returns the demo's IT operations handover and sam's readiness.
func demoIT(t *testing.T, app *testApp) (*quiz.Handover, quiz.PersonReadiness) {
	t.Helper()
	qs := app.Quiz
	admin, _ := app.Main.Store.UserByName("admin")
	hs, err := qs.Handovers(admin)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(hs, func(h *quiz.Handover) bool { return strings.HasPrefix(h.Title, "IT operations") })
	if i < 0 {
		t.Fatalf("the demo has no IT operations handover among %d", len(hs))
	}
	pr, err := qs.PersonReadiness(hs[i], "sam", app.Main.Store.Now())
	if err != nil {
		t.Fatal(err)
	}
	return hs[i], pr
}

func TestDemoHandover(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.Demo = true })
	h, pr := demoIT(t, app)
	now := app.Main.Store.Now()
	if d := h.Due.Sub(now).Hours() / 24; d < 19 || d > 22 || h.Manager != "morgan" || !h.InScope("home") || !h.InScope("it-ops/systems") {
		t.Errorf("demo handover due in %.1f days, manager %s, scope %v", d, h.Manager, h.Scope)
	}
	kinds := map[string]bool{}
	for _, r := range pr.Result.Reasons {
		kinds[r.Kind] = true
	}
	for _, want := range []string{"stale", "failed_critical", "essay_pending", "reack", "missing_ack"} {
		if !kinds[want] {
			t.Errorf("sam's readiness has no %q reason; reasons: %+v", want, pr.Result.Reasons)
		}
	}
	if pr.Result.Ready {
		t.Error("sam is ready in the demo; want part-way through")
	}
	done, overdue := 0, 0
	for i := range h.Checklist {
		if h.Checklist[i].Done {
			done++
		} else if h.Checklist[i].Overdue(now) {
			overdue++
		}
	}
	if done == 0 || overdue == 0 || done == len(h.Checklist) {
		t.Errorf("checklist: %d done, %d overdue of %d; want some of each", done, overdue, len(h.Checklist))
	}
	threads, err := app.Quiz.Threads(scopeIDs(t, app, h))
	if err != nil || len(threads) != 2 || !threads[0].Unanswered() || !threads[1].Resolved {
		t.Errorf("demo threads: %d, %v; want one unanswered and one resolved", len(threads), err)
	}
}

func scopeIDs(t *testing.T, app *testApp, h *quiz.Handover) map[uint64]bool {
	t.Helper()
	pages, err := app.Quiz.ScopePages(h)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[uint64]bool{}
	for _, p := range pages {
		ids[p.ID] = true
	}
	return ids
}

// TestDemoHandoverPages checks what the demo people see, with passwords
// set for the test.
func TestDemoHandoverPages(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.Demo = true })
	for _, name := range []string{"sam", "alex", "morgan"} {
		u, _ := app.Main.Store.UserByName(name)
		if _, err := app.Main.Store.SetPassword(u.ID, webtest.Password); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := demoIT(t, app)
	sam, alex, morgan := app.Login("sam"), app.Login("alex"), app.Login("morgan")
	webtest.MustContain(t, "sam on the contacts page", sam.Get("/wiki/it-ops/contacts").Body, "Changed since you acknowledged it")
	webtest.MustContain(t, "sam on the systems page", sam.Get("/wiki/it-ops/systems").Body, "Acknowledged revision")
	webtest.MustContain(t, "alex's overview", alex.Get("/handovers").Body, "1 question waiting for your answer")
	page := alex.Get(handoverPath(h)).Body
	webtest.MustContain(t, "alex's handover page", page, "Questions needing review", "Brightmart")
	webtest.MustContain(t, "morgan's handover page", morgan.Get(handoverPath(h)).Body, "Sam Okafor", "Not ready", "overdue")
	webtest.MustContain(t, "morgan's overview", morgan.Get("/handovers").Body, h.Title, "1 overdue")
	if err := app.Main.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	webtest.MustContain(t, "morgan's notifications", morgan.Get("/notifications").Body,
		"Handover: "+h.Title, "sam acknowledged", "sam did not pass the quiz", "alex ticked")
}

func handoverPath(h *quiz.Handover) string { return fmt.Sprintf("/handovers/%d", h.ID) }
