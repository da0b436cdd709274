package quiz

import (
	"net/http"

	"github.com/handover/handover/wiki"
)

// registerHandoverRoutes adds handover, acknowledgement and thread routes.
func (h *handlers) registerHandoverRoutes(handle func(string, wiki.HandlerFunc)) {
}

// handoverAddons adds the acknowledgement panel of the page's handovers.
func (h *handlers) handoverAddons(r *http.Request, p *wiki.Page) (wiki.PageAddons, error) {
	return wiki.PageAddons{}, nil
}
