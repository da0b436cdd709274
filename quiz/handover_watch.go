package quiz

import (
	"fmt"
	"net/http"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
)

// Watching a handover: anyone who may view one can watch it from its page.
// Watchers are told, in the app and by e-mail like watchers of pages, when
// it is edited, closed or reopened, when its checklist changes, and when an
// incoming owner acknowledges a page in its scope or submits a quiz on one.
// Only people who may still view the handover hear of it (handoverAudience).

// watchHandover returns the handler that starts (watch) or stops watching
// the handover, from the button on its page.
func (h *handlers) watchHandover(watch bool) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ho, err := h.viewableHandover(r)
		if err != nil {
			return err
		}
		uid, msg := user(r).ID, "You stopped watching this handover."
		if watch {
			err, msg = h.Store.w.Watch(uid, wiki.WatchHandover, ho.ID), "You are watching this handover: its changes and its incoming owners’ progress appear under Notifications."
		} else {
			err = h.Store.w.Unwatch(uid, wiki.WatchHandover, ho.ID)
		}
		if err != nil {
			return err
		}
		h.Views.Flash(w, r, msg)
		http.Redirect(w, r, handoverURL(ho.ID), http.StatusSeeOther)
		return nil
	}
}

// WatchLabel implements wiki.WatchLabeler: it names watched handovers on
// the notifications page.
func (h *handlers) WatchLabel(kind string, id uint64) (label, url string, ok bool) {
	if kind != wiki.WatchHandover {
		return "", "", true
	}
	ho, err := h.Store.Handover(id)
	if err != nil {
		return "", "", false
	}
	return "Handover: " + ho.Title, handoverURL(ho.ID), true
}

// handoverAudience lets only those who may view a handover hear of it.
func handoverAudience(tx *wiki.Tx, id uint64, u *wiki.User) bool {
	ho, err := handoverTx(tx, id)
	return err == nil && ho.CanView(u)
}

// notifyHandover tells the handover's watchers that actor did what ("closed
// the handover “IT operations”"), if it has any.
func notifyHandover(tx *wiki.Tx, ho *Handover, actor, what string) error {
	if !tx.HasWatchers(wiki.WatchHandover, ho.ID) {
		return nil
	}
	return tx.Notify(wiki.Event{Kind: wiki.WatchHandover, ID: ho.ID, Action: "changed", Actor: actor,
		Text: actor + " " + what, URL: handoverURL(ho.ID)})
}

// notifyProgress tells the watchers of every open handover in which u
// takes over the page at path that u did what ("acknowledged “Backups”").
func notifyProgress(tx *wiki.Tx, path string, u *wiki.User, what string) error {
	covering, err := coveringTx(tx, path)
	if err != nil {
		return err
	}
	for _, ho := range covering {
		if ho.Closed || !ho.IsIncoming(u.Name) {
			continue
		}
		if err := notifyHandover(tx, ho, u.Name, fmt.Sprintf("%s (handover “%s”)", what, ho.Title)); err != nil {
			return err
		}
	}
	return nil
}

// attemptNews is what a submitted attempt says to a handover's watchers.
func attemptNews(a *Attempt, p *wiki.Page) string {
	switch {
	case a.Pending():
		return fmt.Sprintf("submitted the quiz on “%s”; a teach-back answer waits for grading", p.Title)
	case a.Passed:
		return fmt.Sprintf("passed the quiz on “%s”: %.0f%%", p.Title, a.Score)
	}
	return fmt.Sprintf("did not pass the quiz on “%s”: %.0f%%", p.Title, a.Score)
}
