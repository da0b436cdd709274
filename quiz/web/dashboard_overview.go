package web

import (
	"net/http"
	"sort"

	"github.com/handover/handover/quiz"
	wikiweb "github.com/handover/handover/wiki/web"
)

// handoverOverviewPage is the data of dashboard_overview.html: every handover a
// manager runs (all of them for an admin), the most urgent first.
type handoverOverviewPage struct {
	wikiweb.Base
	Rows   []handoverOverviewRow
	Counts []statusTally
	Closed int
}

type handoverOverviewRow struct {
	H         *quiz.Handover
	Status    quiz.Status
	Countdown dueCountdown
	People    []quiz.PersonReadiness
	Checklist checklistState
}

// handoverOverviewOrder sorts handover statuses: overdue first, closed last.
var handoverOverviewOrder = map[quiz.Status]int{quiz.Overdue: 0, quiz.NotReady: 1, quiz.Expiring: 2, quiz.Ready: 3, quiz.Closed: 4}

func (h *handlers) overview(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	all, err := h.Store.Handovers(u)
	if err != nil {
		return err
	}
	pg := &handoverOverviewPage{Base: wikiweb.Base{Title: "Handovers overview", Nav: "handovers"}}
	now := h.Store.Now()
	for _, ho := range all {
		if !ho.CanManage(u) {
			continue
		}
		rep, err := h.Store.Report(ho, u, now)
		if err != nil {
			return err
		}
		pg.Rows = append(pg.Rows, handoverOverviewRow{H: ho, Status: rep.Status(), Countdown: newDueCountdown(ho.Due, now),
			People: rep.People, Checklist: checklistStateOf(ho, now)})
		if ho.Closed {
			pg.Closed++
		}
	}
	sort.SliceStable(pg.Rows, func(i, j int) bool {
		a, b := pg.Rows[i], pg.Rows[j]
		if handoverOverviewOrder[a.Status] != handoverOverviewOrder[b.Status] {
			return handoverOverviewOrder[a.Status] < handoverOverviewOrder[b.Status]
		}
		return a.H.Due.Before(b.H.Due)
	})
	pg.Counts = countHandovers(pg.Rows)
	return h.Views.Render(w, r, http.StatusOK, "dashboard_overview.html", pg)
}

// countHandovers counts open handovers by status.
func countHandovers(rows []handoverOverviewRow) []statusTally {
	counts := []statusTally{{quiz.Overdue, "overdue", 0}, {quiz.NotReady, "not ready", 0}, {quiz.Expiring, "expiring", 0}, {quiz.Ready, "ready", 0}}
	for _, row := range rows {
		for i := range counts {
			if counts[i].Status == row.Status {
				counts[i].N++
			}
		}
	}
	return counts
}
