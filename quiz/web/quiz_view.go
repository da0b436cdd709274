package web

import "github.com/handover/handover/wiki"

// quizNav is the argument of the "quiz-crumbs" partial: the wiki page and
// the name of the quiz page within it.
type quizNav struct {
	Page *wiki.Page
	Here string
}

// historyTable is the argument of the "quiz-history" partial.
type historyTable struct {
	Rows     []historyRow
	ShowUser bool
}

// Crumbs is the breadcrumb trail of the quiz editor.
func (d *editorPage) Crumbs() quizNav { return quizNav{d.Page, "Knowledge check"} }

// Crumbs is the breadcrumb trail of the question editor.
func (d *questionPage) Crumbs() quizNav { return quizNav{d.Page, "Question"} }

// Crumbs is the breadcrumb trail of the quiz overview.
func (d *overviewPage) Crumbs() quizNav { return quizNav{d.Page, "Knowledge check"} }

// Crumbs is the breadcrumb trail of the quiz form.
func (d *takePage) Crumbs() quizNav { return quizNav{d.Page, "Knowledge check"} }

// Crumbs is the breadcrumb trail of an attempt's results.
func (d *resultPage) Crumbs() quizNav { return quizNav{d.Page, "Result"} }

// Crumbs is the breadcrumb trail of the attempts list.
func (d *attemptsPage) Crumbs() quizNav { return quizNav{d.Page, "Attempts"} }

// HistoryTable is the person's own attempts.
func (d *overviewPage) HistoryTable() historyTable { return historyTable{Rows: d.History} }

// HistoryTable is the person's own attempts.
func (d *resultPage) HistoryTable() historyTable { return historyTable{Rows: d.History} }

// HistoryTable is everyone's attempts.
func (d *attemptsPage) HistoryTable() historyTable { return historyTable{Rows: d.Rows, ShowUser: true} }
