package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// handoverListView is the data of handover_list.html.
type handoverListView struct {
	wikiweb.Base
	CanCreate bool
	Rows      []handoverRow
	// Unanswered are questions to the viewer as an outgoing owner.
	Unanswered []threadRow
}

// handoverRow is one handover in the overview.
type handoverRow struct {
	H                  *quiz.Handover
	URL                string
	Outgoing, Incoming []personRef
	Manager            personRef
	State              handoverState
	Countdown          string
	Done, Total        int
	OverdueSteps       int
	// Progress holds the incoming owners whose readiness the viewer may see.
	Progress []personProgress
}

func (h *handlers) handoverList(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	hos, err := h.Store.Handovers(u)
	if err != nil {
		return err
	}
	labels, err := h.userLabels()
	if err != nil {
		return err
	}
	now := h.Store.Now()
	data := &handoverListView{Base: wikiweb.Base{Title: "Handovers", Nav: "handovers"}, CanCreate: u.IsManager()}
	for _, ho := range hos {
		row, err := h.handoverRow(u, ho, labels, now)
		if err != nil {
			return err
		}
		row.Progress = progressRowsIn(row.Progress, wikiweb.ReaderZone(r))
		data.Rows = append(data.Rows, row)
	}
	sortHandoverRows(data.Rows)
	if data.Unanswered, err = h.unansweredFor(u, hos, labels); err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "handover_list.html", data)
}

func (h *handlers) handoverRow(u *wiki.User, ho *quiz.Handover, labels map[string]string, now time.Time) (handoverRow, error) {
	row := handoverRow{H: ho, URL: quiz.HandoverURL(ho.ID), Outgoing: labelPeople(ho.Outgoing, labels),
		Incoming: labelPeople(ho.Incoming, labels), Manager: labelPeople([]string{ho.Manager}, labels)[0],
		Countdown: handoverCountdown(ho, now), Total: len(ho.Checklist)}
	for i := range ho.Checklist {
		if ho.Checklist[i].Done {
			row.Done++
		} else if ho.Checklist[i].Overdue(now) {
			row.OverdueSteps++
		}
	}
	var ready []quiz.PersonReadiness
	if !ho.Closed {
		var err error
		if ready, err = h.Store.Readiness(ho, now); err != nil {
			return row, err
		}
	}
	row.State = viewerState(u, ho, ready, now)
	row.Progress = visibleProgress(u, ho, ready, labels)
	return row, nil
}

// viewerState is the handover's state from the readiness u may see: the
// person themself, or everyone for its manager and admins.
func viewerState(u *wiki.User, ho *quiz.Handover, ready []quiz.PersonReadiness, now time.Time) handoverState {
	visible := visibleReadiness(u, ho, ready)
	return handoverStateOf(ho, visible, len(visible) < len(ready), now)
}

// visibleReadiness keeps the people whose readiness u may see.
func visibleReadiness(u *wiki.User, ho *quiz.Handover, ready []quiz.PersonReadiness) []quiz.PersonReadiness {
	var out []quiz.PersonReadiness
	for _, pr := range ready {
		if ho.CanSeeReadiness(u, pr.User) {
			out = append(out, pr)
		}
	}
	return out
}

// handoverState is where a handover stands, for badges and ordering.
type handoverState struct {
	Label, Tone string
	rank        int
}

// handoverStateOf: overdue when someone is still not ready after the due date,
// "follow-up" after it when everyone is ready (the check-ins remain). ready
// holds only the people whose readiness the viewer may see; hidden says
// some were left out, and when the viewer sees no one's, the state after
// the due date is the plain "past due", which tells nothing of anyone's
// readiness.
func handoverStateOf(ho *quiz.Handover, ready []quiz.PersonReadiness, hidden bool, now time.Time) handoverState {
	switch {
	case ho.Closed:
		return handoverState{"Closed", "", 3}
	case !now.After(ho.EndOfDue()):
		return handoverState{"Open", "info", 1}
	case hidden && len(ready) == 0:
		return handoverState{"Past due", "", 2}
	}
	for _, pr := range ready {
		if !pr.Result.Ready {
			return handoverState{"Overdue", "alert", 0}
		}
	}
	return handoverState{"Follow-up", "ok", 2}
}

// sortHandoverRows puts overdue handovers first, then open ones by due date, then
// those in follow-up, then closed ones (latest first).
func sortHandoverRows(rows []handoverRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.State.rank != b.State.rank {
			return a.State.rank < b.State.rank
		}
		if a.State.rank == 3 {
			return a.H.Due.After(b.H.Due)
		}
		return a.H.Due.Before(b.H.Due)
	})
}

// handoverCountdown describes the time to the due date in days.
func handoverCountdown(ho *quiz.Handover, now time.Time) string {
	if ho.Closed {
		return "closed " + ho.ClosedAt.Format("2 Jan 2006")
	}
	days := calendarDays(now, ho.Due)
	switch {
	case days > 1:
		return plural(days, "day") + " left"
	case days == 1:
		return "due tomorrow"
	case days == 0:
		return "due today"
	}
	return plural(-days, "day") + " past due"
}

// calendarDays counts calendar days (UTC) from a to b.
func calendarDays(a, b time.Time) int {
	day := func(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }
	return int(day(b).Sub(day(a)).Hours() / 24)
}
