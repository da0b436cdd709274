package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// TestRemindersBecomeNotifications: a re-check reminder reaches the
// incoming owner's notifications, once.
func TestRemindersBecomeNotifications(t *testing.T) {
	app := newReadinessApp(t)
	if _, err := app.Quiz.Acknowledge(app.Runbook, app.Users["sam"]); err != nil {
		t.Fatal(err)
	}
	app.Main.Store.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	app.Answer("sam", true)
	later := time.Now().AddDate(0, 0, 25) // R = 2^(−25/30) = 0.56
	for range 2 {
		if _, err := app.Quiz.SendReminders(later); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.Main.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	ns, err := app.Main.Store.Notifications(app.Users["sam"].ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	ns = slices.DeleteFunc(ns, func(n *wiki.Notification) bool { return strings.Contains(n.Text, "named you") })
	for _, n := range ns {
		texts = append(texts, n.Text)
	}
	if len(ns) != 1 || !strings.HasPrefix(ns[0].Text, "Re-check due") || ns[0].URL != app.URL("/handovers/%d/progress") {
		t.Errorf("sam's notifications = %q, want one re-check reminder", texts)
	}
	// morgan manages and so watches the handover, and hears of sam's
	// acknowledgement and answers, but not of sam's reminders.
	morgan, _ := app.Main.Store.Notifications(app.Users["morgan"].ID, 10)
	for _, n := range morgan {
		if strings.Contains(n.Text, "Re-check") {
			t.Errorf("morgan got %q: reminders are personal", n.Text)
		}
	}
}
