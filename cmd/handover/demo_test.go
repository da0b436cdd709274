package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
)

// The demo's data is checked in internal/demo; these tests check what
// --demo serves.

// demoIT returns the demo's IT operations handover.
func demoIT(t *testing.T, app *testApp) *quiz.Handover {
	t.Helper()
	admin, _ := app.Main.Store.UserByName("admin")
	hs, err := quiz.NewStore(app.Main.Store).Handovers(admin)
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
		if _, err := app.Main.Store.SetPassword(u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	h := demoIT(t, app)
	sam, alex, morgan := app.login("sam"), app.login("alex"), app.login("morgan")
	mustContain(t, "sam on the contacts page", sam.get("/wiki/it-ops/contacts").Body, "Changed since you acknowledged it")
	mustContain(t, "sam on the systems page", sam.get("/wiki/it-ops/systems").Body, "Acknowledged revision")
	mustContain(t, "alex's overview", alex.get("/handovers").Body, "1 question waiting for your answer")
	page := alex.get(handoverPath(h)).Body
	mustContain(t, "alex's handover page", page, "Questions needing review", "Brightmart")
	mustContain(t, "morgan's handover page", morgan.get(handoverPath(h)).Body, "Sam Okafor", "Not ready", "overdue")
	mustContain(t, "morgan's overview", morgan.get("/handovers").Body, h.Title, "1 overdue")
	if err := app.Main.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "morgan's notifications", morgan.get("/notifications").Body,
		"Handover: "+h.Title, "sam acknowledged", "sam did not pass the quiz", "alex ticked")
}

func handoverPath(h *quiz.Handover) string { return fmt.Sprintf("/handovers/%d", h.ID) }
