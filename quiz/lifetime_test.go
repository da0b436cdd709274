package quiz

import (
	"testing"
	"time"
)

// TestHandoverSince: a handover's record begins on its start date, never
// before the day it was created, whatever start date its manager sets.
func TestHandoverSince(t *testing.T) {
	created := time.Date(2026, 3, 12, 15, 4, 0, 0, time.UTC)
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		start time.Time
		want  time.Time
	}{
		{"start before creation (backdated)", day.AddDate(0, -1, 0), day},
		{"start on the day of creation", day, day},
		{"start after creation", day.AddDate(0, 0, 7), day},
	} {
		h := &Handover{Start: tc.start, Created: created, Scope: []string{"it-ops/"}}
		if got := h.Since(); !got.Equal(tc.want) {
			t.Errorf("%s: Since() = %v, want %v", tc.name, got, tc.want)
		}
		since := h.Since()
		if !h.Holds("it-ops/a", since) || h.Holds("it-ops/a", since.Add(-time.Nanosecond)) || h.Holds("other", since) {
			t.Errorf("%s: Holds does not start exactly at %v within the scope", tc.name, since)
		}
		history := []*AnswerRecord{{Time: since.Add(-time.Hour)}, {Time: since}, {Time: since.Add(time.Hour)}}
		if got := h.answersFrom(history); len(got) != 2 || got[0] != history[1] {
			t.Errorf("%s: answersFrom kept %d answers, want the 2 from %v on", tc.name, len(got), since)
		}
		if h.AckFor(&Ack{Time: since.Add(-time.Second)}) != nil || h.AckFor(&Ack{Time: since}) == nil {
			t.Errorf("%s: AckFor does not start exactly at %v", tc.name, since)
		}
	}
}
