package web

import (
	"testing"
	"time"

	"github.com/handover/handover/quiz"
)

func TestChartAccessible(t *testing.T) {
	day := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	trends := []quiz.Trend{{User: "sam", Label: "Sam", Points: []quiz.TrendPoint{
		{Day: day, Score: 20, Status: quiz.NotReady, Source: "reconstructed"},
		{Day: day.AddDate(0, 0, 1), Score: 90, Status: quiz.Ready, Source: "now"},
		{Day: day.AddDate(0, 0, 2), Score: 85, Status: quiz.Ready, Source: "projected"},
	}}}
	c := newChart("Readiness", trends, 80, day.AddDate(0, 0, 2), day.AddDate(0, 0, 1))
	if c.Title == "" || c.Desc == "" || len(c.Rows) != 3 || c.Series[0].Path == "" || c.Series[0].Projected == "" {
		t.Fatalf("chart = %+v", c)
	}
	if want := "Readiness score from 0 to 100 per day; pass mark 80. Sam went from 20 on 4 May to 90 today (ready)."; c.Desc != want {
		t.Errorf("desc = %q, want %q", c.Desc, want)
	}
	if c.Series[0].Path != "M44.0 183.6 L364.0 35.2" {
		t.Errorf("path = %q", c.Series[0].Path)
	}
}
