package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/handover/handover/wiki"
)

func (h *handlers) registerFollow(handle func(string, HandlerFunc)) {
	handle("POST /watch/{path...}", RequireUser(h.watchPage(true)))
	handle("POST /unwatch/{path...}", RequireUser(h.watchPage(false)))
	handle("GET /notifications", RequireUser(h.notifications))
	handle("POST /notifications/read-all", RequireUser(h.markAllRead))
	handle("POST /notifications/{id}/read", RequireUser(h.markRead))
	handle("POST /notifications/unwatch", RequireUser(h.unwatch))
	handle("GET /feed.atom", h.recentFeed)
	handle("GET /feed/{path...}", h.pageFeed)
	handle("POST /account/email", RequireUser(h.setEmail))
	handle("POST /account/feed-token", RequireUser(h.createFeedToken))
	handle("POST /account/feed-token/revoke", RequireUser(h.revokeFeedToken))
}

// watchPage returns the handler that starts (watch) or stops watching the
// page, from the button beside it.
func (h *handlers) watchPage(watch bool) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := h.livePage(r)
		if err != nil {
			return err
		}
		uid, msg := UserFromContext(r.Context()).ID, "You stopped watching "+page.Title+"."
		if watch {
			err, msg = h.Store.Watch(uid, wiki.WatchPage, page.ID), "You are watching "+page.Title+": changes by others appear under Notifications."
		} else {
			err = h.Store.Unwatch(uid, wiki.WatchPage, page.ID)
		}
		if err != nil {
			return err
		}
		h.Views.Flash(w, r, msg)
		http.Redirect(w, r, page.URL(), http.StatusSeeOther)
		return nil
	}
}

// unwatch stops watching any kind of thing, from the notifications page.
func (h *handlers) unwatch(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	id, err := strconv.ParseUint(r.PostForm.Get("id"), 10, 64)
	if err != nil {
		return wiki.Errorf(wiki.Invalid, "say what to stop watching")
	}
	if err := h.Store.Unwatch(UserFromContext(r.Context()).ID, r.PostForm.Get("kind"), id); err != nil {
		return err
	}
	h.Views.Flash(w, r, "You stopped watching it.")
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}

// WatchLabeler names the watched things of kinds other than pages for the
// notifications page (the quiz package names handovers). ok is false when
// the thing is gone; an empty label with ok means "not my kind".
type WatchLabeler interface {
	WatchLabel(kind string, id uint64) (label, url string, ok bool)
}

// watchLabel names a watched thing: pages here, other kinds by the
// extensions that are WatchLabelers. ok is false when it is gone.
func (h *handlers) watchLabel(wt wiki.Watch) (label, url string, ok bool) {
	if wt.Kind == wiki.WatchPage {
		p, err := h.Store.PageByID(wt.ID)
		if err != nil || p.Deleted {
			return "", "", false
		}
		return p.Title, p.URL(), true
	}
	for _, ext := range h.Extensions {
		if l, isLabeler := ext.(WatchLabeler); isLabeler {
			if label, url, ok := l.WatchLabel(wt.Kind, wt.ID); !ok || label != "" {
				return label, url, ok
			}
		}
	}
	return "", "", true
}

// notificationsView is the data of notifications.html.
type notificationsView struct {
	Base
	Items   []*wiki.Notification
	Unread  int
	Keep    int
	Watched []watchedItem
}

// watchedItem is one thing the user watches, as the page lists it.
type watchedItem struct {
	Kind, Label, URL string
	ID               uint64
}

func (h *handlers) notifications(w http.ResponseWriter, r *http.Request) error {
	user := UserFromContext(r.Context())
	items, err := h.Store.Notifications(user.ID, wiki.MaxNotifications)
	if err != nil {
		return err
	}
	data := &notificationsView{Base: Base{Title: "Notifications", Nav: "notifications"}, Items: items, Keep: wiki.MaxNotifications}
	for _, n := range items {
		if !n.Read {
			data.Unread++
		}
	}
	if data.Watched, err = h.watched(user.ID); err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "notifications.html", data)
}

// watched lists what a user watches, pages by title.
func (h *handlers) watched(userID uint64) ([]watchedItem, error) {
	watches, err := h.Store.Watches(userID)
	if err != nil {
		return nil, err
	}
	var out []watchedItem
	for _, wt := range watches {
		item := watchedItem{Kind: wt.Kind, ID: wt.ID, Label: fmt.Sprintf("%s %d", wt.Kind, wt.ID)}
		switch label, url, ok := h.watchLabel(wt); {
		case !ok:
			continue
		case label != "":
			item.Label, item.URL = label, url
		}
		out = append(out, item)
	}
	return out, nil
}

func (h *handlers) markRead(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		return wiki.Errorf(wiki.NotFound, "no such notification")
	}
	if err := h.Store.MarkRead(UserFromContext(r.Context()).ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}

func (h *handlers) markAllRead(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.MarkAllRead(UserFromContext(r.Context()).ID); err != nil {
		return err
	}
	h.Views.Flash(w, r, "All notifications marked read.")
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}
