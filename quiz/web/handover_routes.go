package web

import (
	"net/http"
	"slices"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// registerHandoverRoutes adds handover, acknowledgement and thread routes.
// Every route needs an account; what a user may see or change is decided
// per handover (Handover.CanView, CanManage, CanTick) and per thread
// (Store.CanViewThread).
func (h *handlers) registerHandoverRoutes(handle func(string, wikiweb.HandlerFunc)) {
	u := wikiweb.RequireUser
	handle("GET /handovers", u(h.handoverList))
	handle("GET /handovers/new", wikiweb.RequireManager(h.newHandoverForm))
	handle("POST /handovers", wikiweb.RequireManager(h.createHandover))
	handle("GET /handovers/{id}", u(h.handoverPage))
	handle("GET /handovers/{id}/crisis-kit", u(h.crisisKit))
	handle("GET /handovers/{id}/edit", u(h.editHandoverForm))
	handle("POST /handovers/{id}/edit", u(h.saveHandover))
	handle("POST /handovers/{id}/close", u(h.closeHandover))
	handle("POST /handovers/{id}/reopen", u(h.reopenHandover))
	handle("POST /handovers/{id}/watch", u(h.watchHandover(true)))
	handle("POST /handovers/{id}/unwatch", u(h.watchHandover(false)))
	handle("POST /handovers/{id}/checklist", u(h.addChecklistItem))
	handle("POST /handovers/{id}/checklist/{item}", u(h.editChecklistItem))
	handle("POST /handovers/{id}/checklist/{item}/done", u(h.tickChecklistItem))
	handle("POST /handovers/{id}/checklist/{item}/delete", u(h.removeChecklistItem))
	handle("POST /ack/{path...}", u(h.acknowledge))
	handle("GET /ask/{path...}", u(h.askForm))
	handle("POST /ask/{path...}", u(h.ask))
	handle("GET /threads", u(h.threadList))
	handle("GET /threads/{id}", u(h.threadPage))
	handle("POST /threads/{id}/reply", u(h.replyThread))
	handle("POST /threads/{id}/resolve", u(h.resolveThread))
	handle("POST /threads/{id}/reopen", u(h.reopenThread))
}

// handoverAddons adds, on a page in scope of handovers the viewer takes
// part in, a "Handover: title" panel per handover (acknowledgement for
// incoming owners, who has acknowledged for the others) and, per section,
// badges for its questions to the owner.
func (h *handlers) handoverAddons(r *http.Request, p *wiki.Page) (wikiweb.PageAddons, error) {
	add := wikiweb.PageAddons{SectionBadges: map[string][]wikiweb.Badge{}}
	u := user(r)
	if u == nil {
		return add, nil
	}
	covering, err := h.Store.HandoversCovering(p.Path)
	if err != nil {
		return add, err
	}
	add.Locked = quiz.LockedFor(covering, u.Name, p.Owner)
	if !quiz.MayAsk(u, covering) {
		return add, nil
	}
	threads, err := h.Store.Threads(map[uint64]bool{p.ID: true})
	if err != nil {
		return add, err
	}
	threads = slices.DeleteFunc(threads, func(t *quiz.Thread) bool { return !quiz.ThreadVisible(u, t, p.Path, covering) })
	for _, ho := range covering {
		if panel, ok, err := h.ackPanel(r, u, ho, p, threads); err != nil {
			return add, err
		} else if ok {
			add.Panels = append(add.Panels, panel)
		}
	}
	threadBadges(u, covering, p, threads, add.SectionBadges)
	return add, nil
}

// viewableHandover loads the handover named by {id}. Someone who takes no
// part in it gets NotFound, so titles of other people's handovers do not
// leak.
func (h *handlers) viewableHandover(r *http.Request) (*quiz.Handover, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, err
	}
	ho, err := h.Store.Handover(id)
	if err != nil {
		return nil, err
	}
	if !ho.CanView(user(r)) {
		return nil, wiki.Errorf(wiki.NotFound, "no handover %d", id)
	}
	return ho, nil
}

// personRef is a user name with the label to show for it.
type personRef struct {
	Name, Label string
}

// userLabels maps every user name to its display label.
func (h *handlers) userLabels() (map[string]string, error) {
	users, err := h.Wiki.Users()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(users))
	for _, u := range users {
		out[u.Name] = u.Label()
	}
	return out, nil
}

// labelPeople labels names, falling back to the name for unknown users.
func labelPeople(names []string, labels map[string]string) []personRef {
	out := make([]personRef, 0, len(names))
	for _, n := range names {
		out = append(out, personRef{Name: n, Label: labelOf(labels, n)})
	}
	return out
}
