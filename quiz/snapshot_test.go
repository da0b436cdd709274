package quiz

import (
	"testing"
	"time"
)

// TestTrendsRecordedAndReconstructed: the dashboard's report records a
// snapshot for the day; days without one are reconstructed from the answer
// records, and a reconstructed day equals readiness evaluated on that day.
func TestTrendsRecordedAndReconstructed(t *testing.T) {
	f := newReadyFixture(t)
	f.advance(days(2)) // start + 2 days, 09:00
	f.answer(f.sam, f.crit, f.plain)
	f.ack(f.sam)
	f.advance(days(1))
	rep, err := f.s.ReadinessReport(f.h.ID, f.morgan, f.at) // records day 3
	if err != nil {
		t.Fatal(err)
	}
	day3 := rep.People[0].Result.Score
	f.advance(days(1) + 14*time.Hour) // day 4, 23:00
	day4, err := f.s.PersonReadiness(f.h, "sam", f.at.Add(59*time.Minute+59*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	f.advance(days(2)) // day 6
	rep, err = f.s.ReadinessReport(f.h.ID, f.morgan, f.at)
	if err != nil {
		t.Fatal(err)
	}
	trends, err := f.s.Trends(rep)
	if err != nil {
		t.Fatal(err)
	}
	pts := trends[0].Points
	if trends[0].User != "sam" || len(pts) < 7 {
		t.Fatalf("trend of %s has %d points, want sam with 7 and more", trends[0].User, len(pts))
	}
	checks := []struct {
		day    int
		source string
		score  int
	}{
		{0, "reconstructed", 0}, {1, "reconstructed", 0}, {3, "recorded", day3},
		{4, "reconstructed", day4.Result.Score}, {6, "now", rep.People[0].Result.Score},
	}
	for _, c := range checks {
		p := pts[c.day]
		if !p.Day.Equal(UTCDay(readyStart).AddDate(0, 0, c.day)) || p.Source != c.source || p.Score != c.score {
			t.Errorf("day %d = %s %s %d, want %s %d", c.day, p.Day.Format(time.DateOnly), p.Source, p.Score, c.source, c.score)
		}
	}
	if last := pts[len(pts)-1]; last.Source != "projected" || !last.Day.Equal(UTCDay(f.h.Due)) {
		t.Errorf("last point = %s on %s, want projected on the due date", last.Source, last.Day.Format(time.DateOnly))
	}
	snaps, _ := f.s.Snapshots(f.h.ID)
	if len(snaps["sam"]) != 2 || len(snaps["jo"]) != 2 {
		t.Errorf("snapshots = %d for sam, %d for jo; want 2 each (days 3 and 6)", len(snaps["sam"]), len(snaps["jo"]))
	}
}

// TestChartAccessible: the chart has a title, a description and a table.
