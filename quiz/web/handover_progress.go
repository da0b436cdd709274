package web

import (
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// personProgress summarises one incoming owner's readiness.
type personProgress struct {
	Person      personRef
	Score       int
	PassMark    int
	Status      quiz.Status
	StatusLabel string
	Tone        string
	// Reasons are the first few things that keep the person from being
	// ready; More counts the rest (the dashboard lists them all).
	Reasons []quiz.Reason
	More    int
}

// maxReasonsShown is how many reasons the summary lists.
const maxReasonsShown = 3

// visibleProgress keeps the readiness results u may see: their own, or
// everyone's for the manager and admins.
func visibleProgress(u *wiki.User, ho *quiz.Handover, ready []quiz.PersonReadiness, labels map[string]string) []personProgress {
	var out []personProgress
	for _, pr := range ready {
		if !ho.CanSeeReadiness(u, pr.User) {
			continue
		}
		row := personProgress{Person: labelPeople([]string{pr.User}, labels)[0], Score: pr.Result.Score,
			PassMark: ho.PassMark, Status: pr.Result.Status}
		row.StatusLabel, row.Tone = readinessLook(pr.Result.Status)
		row.Reasons = pr.Result.Reasons
		if len(row.Reasons) > maxReasonsShown {
			row.More = len(row.Reasons) - maxReasonsShown
			row.Reasons = row.Reasons[:maxReasonsShown]
		}
		out = append(out, row)
	}
	return out
}

// progressRowsIn returns rows with the moments their reasons name told in
// z, the reader's zone.
func progressRowsIn(rows []personProgress, z wiki.Zone) []personProgress {
	for i := range rows {
		rows[i].Reasons = quiz.ReasonsIn(rows[i].Reasons, z)
	}
	return rows
}

// readinessLook is the label and tone of a readiness status.
func readinessLook(s quiz.Status) (label, tone string) {
	switch s {
	case quiz.Ready:
		return "Ready", "ok"
	case quiz.Expiring:
		return "Expiring", "warn"
	case quiz.Overdue:
		return "Overdue", "alert"
	}
	return "Not ready", "warn"
}

// handoverDashboardURL is the readiness dashboard of a handover.
func handoverDashboardURL(id uint64) string { return quiz.HandoverURL(id) + "/dashboard" }
