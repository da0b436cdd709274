package web

import (
	"fmt"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// dashboardPage is the data of dashboard_handover.html: the manager's view
// of one handover.
type dashboardPage struct {
	wikiweb.Base
	H         *quiz.Handover
	Report    *quiz.ReadinessReport
	Status    quiz.Status
	Counts    []statusTally
	Rows      []readinessRow
	Columns   []matrixColumn
	Checklist checklistState
	Countdown dueCountdown
	Chart     *chartView
	PassMark  int
	CanManage bool
}

// readinessRow is one incoming owner on the dashboard.
type readinessRow struct {
	quiz.PersonReadiness
	Cells    []matrixCell // aligned with dashboardPage.Columns
	Explain  quiz.ScoreExplanation
	Forecast []quiz.ForecastStep
	Gates    []quiz.ItemDeadline
}

// matrixColumn is one critical question of the person × item matrix.
type matrixColumn struct {
	QuestionID              uint64
	Label, PageTitle, Where string
	URL                     string
}

// matrixCell is one person's state on one critical question.
type matrixCell struct {
	State, Label, Note string
	URL                string
}

type statusTally struct {
	Status quiz.Status
	Label  string
	N      int
}

// newDashboardPage lays a report out for the page.
func newDashboardPage(rep *quiz.ReadinessReport, trends []quiz.Trend, u *wiki.User) *dashboardPage {
	h := rep.Handover
	pg := &dashboardPage{Base: wikiweb.Base{Title: "Readiness · " + h.Title, Nav: "handovers"}, H: h, Report: rep,
		Status: rep.Status(), PassMark: h.PassMark, CanManage: h.CanManage(u),
		Checklist: checklistStateOf(h, rep.At), Countdown: newDueCountdown(h.Due, rep.At)}
	pg.Columns = matrixColumns(rep.People)
	for _, p := range rep.People {
		pg.Rows = append(pg.Rows, newReadinessRow(h, p, pg.Columns))
	}
	pg.Counts = tallyPeople(rep.People)
	pg.Chart = newChart("Readiness of "+h.Title+" over time", trends, h.PassMark, h.Due, rep.At)
	return pg
}

func newReadinessRow(h *quiz.Handover, p quiz.PersonReadiness, cols []matrixColumn) readinessRow {
	row := readinessRow{PersonReadiness: p, Explain: quiz.ExplainScore(p.Result, h.PassMark)}
	byID := map[uint64]quiz.ItemResult{}
	for _, it := range p.Result.Items {
		byID[it.QuestionID] = it
	}
	for _, c := range cols {
		row.Cells = append(row.Cells, newCell(byID[c.QuestionID], c.URL))
	}
	row.Forecast = quiz.ForecastSteps(h, p)
	row.Gates = quiz.ItemDeadlines(p.Result)
	return row
}

// matrixColumns are the critical questions of the scope, in page and quiz
// order.
func matrixColumns(people []quiz.PersonReadiness) []matrixColumn {
	if len(people) == 0 {
		return nil
	}
	var cols []matrixColumn
	for _, it := range people[0].Result.Items {
		if !it.Critical {
			continue
		}
		where := it.PageTitle
		if it.Heading != "" {
			where += " › " + it.Heading
		}
		cols = append(cols, matrixColumn{QuestionID: it.QuestionID, Label: it.Label, PageTitle: it.PageTitle,
			Where: where, URL: quiz.SectionLink(it.PagePath, it.Section)})
	}
	return cols
}

func newCell(it quiz.ItemResult, url string) matrixCell {
	state := it.State
	if state == "expiring" && it.Recency < quiz.GateRecency {
		state = "expired"
	}
	c := matrixCell{State: state, Label: quiz.MatrixStateWords[state], URL: url}
	switch state {
	case "expiring", "expired", "correct":
		c.Note = fmt.Sprintf("R = %.3f, answered %s", it.Recency, it.Answered.Format("2 Jan"))
	case "wrong", "partial":
		c.Note = fmt.Sprintf("credit %.2f", it.Credit)
	}
	return c
}

func tallyPeople(people []quiz.PersonReadiness) []statusTally {
	counts := []statusTally{{quiz.Overdue, "overdue", 0}, {quiz.NotReady, "not ready", 0}, {quiz.Expiring, "expiring", 0}, {quiz.Ready, "ready", 0}}
	for _, p := range people {
		for i := range counts {
			if counts[i].Status == p.Result.Status {
				counts[i].N++
			}
		}
	}
	return counts
}

// checklistState is the state of a handover's checklist.
type checklistState struct {
	Done, Total int
	Overdue     []quiz.ChecklistItem
	Next        *quiz.ChecklistItem
}

func checklistStateOf(h *quiz.Handover, now time.Time) checklistState {
	sum := checklistState{Total: len(h.Checklist)}
	for i, c := range h.Checklist {
		switch {
		case c.Done:
			sum.Done++
		case c.Overdue(now):
			sum.Overdue = append(sum.Overdue, c)
		case sum.Next == nil || c.Due.Before(sum.Next.Due):
			sum.Next = &h.Checklist[i]
		}
	}
	return sum
}

// dueCountdown is the time left until the due date, in days.
type dueCountdown struct {
	Due  time.Time
	Days int // negative once past
	Text string
	Tone string
}

func newDueCountdown(due, now time.Time) dueCountdown {
	days := int(quiz.UTCDay(due).Sub(quiz.UTCDay(now)).Hours() / 24)
	c := dueCountdown{Due: due, Days: days, Tone: "info"}
	switch {
	case due.IsZero():
		c.Text, c.Tone = "no due date", "info"
	case days > 1:
		c.Text = fmt.Sprintf("%d days left", days)
	case days == 1:
		c.Text, c.Tone = "due tomorrow", "warn"
	case days == 0:
		c.Text, c.Tone = "due today", "warn"
	case days == -1:
		c.Text, c.Tone = "1 day past the due date", "alert"
	default:
		c.Text, c.Tone = fmt.Sprintf("%d days past the due date", -days), "alert"
	}
	if days > 1 && days <= 7 {
		c.Tone = "warn"
	}
	return c
}
