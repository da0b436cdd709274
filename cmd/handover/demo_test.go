package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki/web/webtest"
)

// The demo's data is checked in internal/demo; these tests check what
// --demo serves.

// demoIT returns the demo's IT operations handover.
func demoIT(t *testing.T, app *testApp) *quiz.Handover {
	t.Helper()
	admin, _ := app.Main.Store.UserByName("admin")
	hs, err := app.Quiz.Handovers(admin)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(hs, func(h *quiz.Handover) bool { return strings.HasPrefix(h.Title, "IT operations") })
	if i < 0 {
		t.Fatalf("the demo has no IT operations handover among %d", len(hs))
	}
	return hs[i]
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
	h := demoIT(t, app)
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
