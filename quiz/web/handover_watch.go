package web

import (
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// Watching a handover: anyone who may view one can watch it from its page.
// Watchers are told, in the app and by e-mail like watchers of pages, when
// it is edited, closed or reopened, when its checklist changes, and when an
// incoming owner acknowledges a page in its scope or submits a quiz on one.
// Only people who may still view the handover hear of it (handoverAudience).

// watchHandover returns the handler that starts (watch) or stops watching
// the handover, from the button on its page.
func (h *handlers) watchHandover(watch bool) wikiweb.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ho, err := h.viewableHandover(r)
		if err != nil {
			return err
		}
		uid, msg := user(r).ID, "You stopped watching this handover."
		if watch {
			err, msg = h.Wiki.Watch(uid, wiki.WatchHandover, ho.ID), "You are watching this handover: its changes and its incoming owners’ progress appear under Notifications."
		} else {
			err = h.Wiki.Unwatch(uid, wiki.WatchHandover, ho.ID)
		}
		if err != nil {
			return err
		}
		h.Views.Flash(w, r, msg)
		http.Redirect(w, r, quiz.HandoverURL(ho.ID), http.StatusSeeOther)
		return nil
	}
}

// WatchLabel implements wiki.WatchLabeler: it names watched handovers, and
// those one was named in, on the notifications page.
func (h *handlers) WatchLabel(kind string, id uint64) (label, url string, ok bool) {
	if kind != wiki.WatchHandover && kind != quiz.NotifyNamed {
		return "", "", true
	}
	ho, err := h.Store.Handover(id)
	if err != nil {
		return "", "", false
	}
	return "Handover: " + ho.Title, quiz.HandoverURL(ho.ID), true
}
