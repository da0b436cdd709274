package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/handover/handover/quiz"
)

// dashboard shows a handover's readiness: everyone's to the manager and
// admins, their own to an incoming owner.
func (h *handlers) dashboard(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.report(r)
	if err != nil {
		return err
	}
	trends, err := h.Store.Trends(rep)
	if err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "dashboard_handover.html", newDashboardPage(rep, trends, user(r)))
}

// report computes the readiness the signed-in user may see in the
// handover named by {id}.
func (h *handlers) report(r *http.Request) (*quiz.ReadinessReport, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.ReadinessReport(id, user(r), h.Store.Now())
}

// readinessCSV exports the dashboard's numbers.
func (h *handlers) readinessCSV(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.report(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		return err
	}
	name := fmt.Sprintf("handover-%d-readiness-%s.csv", rep.Handover.ID, rep.At.Format("2006-01-02"))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-cache")
	_, err = buf.WriteTo(w)
	return err
}
