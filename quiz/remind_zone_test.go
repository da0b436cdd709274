package quiz

import (
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// TestReminderInRecipientZone: a re-check reminder tells the day of the
// answer in the recipient's zone, UTC when they chose none.
func TestReminderInRecipientZone(t *testing.T) {
	for _, tc := range []struct{ zone, want string }{
		{"", "was answered on 4 May"},
		{"Asia/Tokyo", "was answered on 5 May"}, // 21:00 UTC is 06:00 the next day
	} {
		f := newReadyFixture(t)
		if _, err := f.s.w.UpdateUser(f.sam.ID, func(u *wiki.User) error { u.TimeZone = tc.zone; return nil }); err != nil {
			t.Fatal(err)
		}
		f.ack(f.sam)
		f.advance(12 * time.Hour)
		f.answer(f.sam, f.crit, f.plain)
		f.advance(days(24))
		pr, err := f.s.PersonReadiness(f.h, "sam", f.at)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := f.s.remindersFor(f.h, pr)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, r := range rs {
			texts = append(texts, r.text)
		}
		if got := strings.Join(texts, "\n"); !strings.Contains(got, tc.want) {
			t.Errorf("reminders in zone %q = %q, want %q", tc.zone, got, tc.want)
		}
	}
}
