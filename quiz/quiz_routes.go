package quiz

import (
	"net/http"

	"github.com/handover/handover/wiki"
)

// registerQuizRoutes adds authoring, taking and GIFT routes.
func (h *handlers) registerQuizRoutes(handle func(string, wiki.HandlerFunc)) {
}

// quizAddons adds the quiz panel and per-section question badges.
func (h *handlers) quizAddons(r *http.Request, p *wiki.Page) (wiki.PageAddons, error) {
	return wiki.PageAddons{}, nil
}
