package web

import wikiweb "github.com/handover/handover/wiki/web"

// registerDashboardRoutes adds readiness, coverage, statistics and progress
// routes. Access beyond "signed in" is checked per handover in the
// handlers: the manager and admins see everyone's readiness, an incoming
// owner only their own, anyone outside the handover gets 404.
func (h *handlers) registerDashboardRoutes(handle func(string, wikiweb.HandlerFunc)) {
	u := wikiweb.RequireUser
	handle("GET /handovers/overview", wikiweb.RequireManager(h.overview))
	handle("GET /handovers/{id}/dashboard", u(h.dashboard))
	handle("GET /handovers/{id}/readiness.csv", u(h.readinessCSV))
	handle("GET /handovers/{id}/coverage", u(h.coverage))
	handle("GET /handovers/{id}/questions", u(h.handoverStats))
	handle("GET /handovers/{id}/progress", u(h.handoverProgress))
	handle("GET /quiz/stats/{path...}", u(h.pageStats))
	handle("GET /progress", u(h.progress))
	handle("POST /progress/recheck/{path...}", u(h.recheck))
	handle("GET /api/handovers", u(h.apiHandovers))
	handle("GET /api/handovers/{id}/readiness", u(h.apiReadiness))
}
