package main

import (
	"context"
	"time"

	"github.com/handover/handover/wiki"
)

// reminderInterval is how often the server looks for re-checks that
// became due and due dates that came close.
const reminderInterval = time.Hour

// startReminders queues readiness reminders now and then every
// reminderInterval: notifications in the app, and e-mails when
// --smtp-addr is set (the notifier sends them). It returns a function that
// stops it and waits for a run in progress.
func (m *Main) startReminders() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		wiki.KeepAlive(ctx, m.Log, "readiness reminders", wiki.RestartDelay, m.remindEvery)
	}()
	return func() { cancel(); <-done }
}

// remindEvery queues reminders every reminderInterval until ctx ends.
func (m *Main) remindEvery(ctx context.Context) {
	tick := time.NewTicker(reminderInterval)
	defer tick.Stop()
	for {
		if n, err := m.Quiz.SendReminders(m.Store.Now()); err != nil {
			m.Log.Error("readiness reminders", "err", err)
		} else if n > 0 {
			m.Log.Info("readiness reminders queued", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
