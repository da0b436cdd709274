package web

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
)

// Chart geometry, in SVG user units (the SVG scales to its container).
const (
	chartW, chartH        = 720, 260
	chartLeft, chartRight = 44, 36
	chartTop, chartBottom = 14, 34
	chartSeriesClasses    = 6
)

// chartView is a readiness-over-time chart drawn on the server as inline
// SVG: no script, styled by classes in dashboard.css, with a title, a
// description and a data table as its text alternative.
type chartView struct {
	W, H     int
	Title    string
	Desc     string
	Series   []chartSeries
	YTicks   []chartTick
	XTicks   []chartTick
	PassY    float64
	PassMark int
	DueX     float64
	ShowDue  bool
	TodayX   float64
	Rows     []chartRow // the data table
	Names    []string   // column heads of the data table
	PlotL    float64
	PlotR    float64
	PlotT    float64
	PlotB    float64
}

type chartSeries struct {
	Label     string
	Class     string // series-N
	Path      string // measured and reconstructed days
	Projected string // from today to the due date
	Points    []chartPoint
}

// chartPoint marks a recorded snapshot or today's value.
type chartPoint struct {
	X, Y  float64
	Label string
}

type chartTick struct {
	Pos   float64
	Label string
}

type chartRow struct {
	Day    string
	Values []string
}

// newChart lays out trends between their first and last day.
func newChart(title string, trends []quiz.Trend, passMark int, due, now time.Time) *chartView {
	c := &chartView{W: chartW, H: chartH, Title: title, PassMark: passMark,
		PlotL: chartLeft, PlotR: chartW - chartRight, PlotT: chartTop, PlotB: chartH - chartBottom}
	first, last, ok := trendRange(trends)
	if !ok {
		return nil
	}
	span := max(last.Sub(first).Hours()/24, 1)
	x := func(t time.Time) float64 { return round1(c.PlotL + (c.PlotR-c.PlotL)*dayDiff(first, t)/span) }
	y := func(score int) float64 { return round1(c.PlotB - (c.PlotB-c.PlotT)*float64(score)/100) }
	c.PassY, c.TodayX = y(passMark), x(quiz.UTCDay(now))
	if d := quiz.UTCDay(due); !due.IsZero() && !d.Before(first) && !d.After(last) {
		c.DueX, c.ShowDue = x(d), true
	}
	for i := 0; i <= 100; i += 20 {
		c.YTicks = append(c.YTicks, chartTick{Pos: y(i), Label: fmt.Sprint(i)})
	}
	c.XTicks = xTicks(first, last, x)
	for i, t := range trends {
		c.Series = append(c.Series, newSeries(i, t, x, y))
		c.Names = append(c.Names, t.Label)
	}
	c.Rows = chartRows(trends)
	c.Desc = chartDesc(trends, passMark)
	return c
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func dayDiff(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 }

func trendRange(trends []quiz.Trend) (first, last time.Time, ok bool) {
	for _, t := range trends {
		for _, p := range t.Points {
			if !ok || p.Day.Before(first) {
				first = p.Day
			}
			if !ok || p.Day.After(last) {
				last = p.Day
			}
			ok = true
		}
	}
	return first, last, ok
}

// xTicks labels about six evenly spaced days.
func xTicks(first, last time.Time, x func(time.Time) float64) []chartTick {
	days := int(dayDiff(first, last))
	step := max(1, (days+5)/6)
	var out []chartTick
	for d := 0; d <= days; d += step {
		t := first.AddDate(0, 0, d)
		out = append(out, chartTick{Pos: x(t), Label: t.Format("2 Jan")})
	}
	return out
}

func newSeries(i int, t quiz.Trend, x func(time.Time) float64, y func(int) float64) chartSeries {
	s := chartSeries{Label: t.Label, Class: fmt.Sprintf("series-%d", i%chartSeriesClasses)}
	var path, proj strings.Builder
	for _, p := range t.Points {
		px, py := x(p.Day), y(p.Score)
		switch p.Source {
		case "projected":
			proj.WriteString(fmt.Sprintf(" L%.1f %.1f", px, py))
		default:
			sep := " L"
			if path.Len() == 0 {
				sep = "M"
			}
			path.WriteString(fmt.Sprintf("%s%.1f %.1f", sep, px, py))
		}
		if p.Source == "recorded" || p.Source == "now" {
			s.Points = append(s.Points, chartPoint{X: px, Y: py,
				Label: fmt.Sprintf("%s, %s: %d (%s)", t.Label, p.Day.Format("2 Jan 2006"), p.Score, statusWords(p.Status))})
		}
		if p.Source == "now" {
			proj.WriteString(fmt.Sprintf("M%.1f %.1f", px, py))
		}
	}
	s.Path = path.String()
	if strings.Contains(proj.String(), "L") {
		s.Projected = proj.String()
	}
	return s
}

// chartRows is the chart as a table: the first and last day and every day
// on which someone's score or status changed.
func chartRows(trends []quiz.Trend) []chartRow {
	if len(trends) == 0 {
		return nil
	}
	var rows []chartRow
	n := len(trends[0].Points)
	for i := 0; i < n; i++ {
		if i > 0 && i < n-1 && !trendChanged(trends, i) {
			continue
		}
		row := chartRow{Day: trends[0].Points[i].Day.Format("Mon 2 Jan 2006")}
		for _, t := range trends {
			if i < len(t.Points) {
				p := t.Points[i]
				row.Values = append(row.Values, fmt.Sprintf("%d · %s%s", p.Score, statusWords(p.Status), sourceNote(p.Source)))
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func trendChanged(trends []quiz.Trend, i int) bool {
	for _, t := range trends {
		if i < len(t.Points) && (t.Points[i].Score != t.Points[i-1].Score || t.Points[i].Status != t.Points[i-1].Status ||
			t.Points[i].Source != t.Points[i-1].Source && t.Points[i].Source != "reconstructed") {
			return true
		}
	}
	return false
}

func sourceNote(src string) string {
	switch src {
	case "projected":
		return " (projected)"
	case "now":
		return " (today)"
	case "reconstructed":
		return " (from answers)"
	}
	return ""
}

func chartDesc(trends []quiz.Trend, passMark int) string {
	var parts []string
	for _, t := range trends {
		first, now := t.Points[0], nowPoint(t)
		parts = append(parts, fmt.Sprintf("%s went from %d on %s to %d today (%s)", t.Label, first.Score,
			first.Day.Format("2 Jan"), now.Score, statusWords(now.Status)))
	}
	return fmt.Sprintf("Readiness score from 0 to 100 per day; pass mark %d. %s.", passMark, strings.Join(parts, "; "))
}

func nowPoint(t quiz.Trend) quiz.TrendPoint {
	for _, p := range t.Points {
		if p.Source == "now" {
			return p
		}
	}
	return t.Points[len(t.Points)-1]
}

// statusWords is a status in words.
func statusWords(s quiz.Status) string { return s.Words() }
