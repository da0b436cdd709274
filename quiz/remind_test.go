package quiz

import "testing"

// TestSendReminders: a re-check reminder once the critical answer's
// recency is below 0.6 and a due-date reminder for who is not ready a week
// before; each is sent once, and a new answer that ages brings a new one.
func TestSendReminders(t *testing.T) {
	f := newReadyFixture(t)
	f.ack(f.sam)
	f.answer(f.sam, f.crit, f.plain)
	send := func(want int, when string) {
		t.Helper()
		if n, err := f.s.SendReminders(f.at); err != nil || n != want {
			t.Errorf("%s: SendReminders = %d, %v; want %d", when, n, err, want)
		}
	}
	send(0, "just answered, due in 30 days")
	f.advance(days(24)) // R = 0.574; due in 6 days; jo has done nothing
	send(2, "24 days on")
	send(0, "again the same day")
	f.advance(days(1))
	f.answer(f.sam, f.crit, f.plain)
	f.advance(days(45)) // k = 1 now: h = 60, R = 2^(−45/60) = 0.59
	send(1, "the new answer aged")
	snaps, err := f.s.Snapshots(f.h.ID)
	if err != nil || len(snaps) != 0 {
		t.Errorf("Snapshots = %v, %v; the reminder log must not show as snapshots", snaps, err)
	}
}
