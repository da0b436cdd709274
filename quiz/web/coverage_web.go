package web

import (
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// coveragePageData is the data of coverage_map.html.
type coveragePageData struct {
	wikiweb.Base
	Coverage  *quiz.Coverage
	CanManage bool
}

// coverage shows the coverage map to the outgoing owners, the manager and
// admins; an incoming owner is refused, anyone else gets 404.
func (h *handlers) coverage(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.handoverFor(r, managerOrOutgoing,
		"the coverage map is for the outgoing owners, the manager and administrators")
	if err != nil {
		return err
	}
	cov, err := h.Store.Coverage(ho, h.Store.Now())
	if err != nil {
		return err
	}
	data := &coveragePageData{Base: wikiweb.Base{Title: "Coverage · " + ho.Title, Nav: "handovers"}, Coverage: cov,
		CanManage: ho.CanManage(user(r))}
	return h.Views.Render(w, r, http.StatusOK, "coverage_map.html", data)
}

// managerOrOutgoing: the coverage map and question statistics are for
// the people who can act on them.
func managerOrOutgoing(ho *quiz.Handover, u *wiki.User) bool {
	return ho.CanManage(u) || ho.IsOutgoing(u.Name)
}

// handoverFor loads the handover named by {id} for a page that only some
// of its people may open: NotFound for outsiders (viewableHandover),
// Forbidden with msg for people of the handover that allowed refuses.
func (h *handlers) handoverFor(r *http.Request, allowed func(*quiz.Handover, *wiki.User) bool, msg string) (*quiz.Handover, error) {
	ho, err := h.viewableHandover(r)
	if err != nil {
		return nil, err
	}
	if !allowed(ho, user(r)) {
		return nil, wiki.Errorf(wiki.Forbidden, "%s", msg)
	}
	return ho, nil
}
