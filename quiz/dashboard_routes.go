package quiz

import "github.com/handover/handover/wiki"

// registerDashboardRoutes adds readiness, coverage and statistics routes.
func (h *handlers) registerDashboardRoutes(handle func(string, wiki.HandlerFunc)) {
}
