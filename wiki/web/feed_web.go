package web

import (
	"net/http"
)

// feedReader lets through a signed-in user (session or Bearer API token),
// the bearer of a feed token in ?token=, or anyone when the wiki is
// public-read. Otherwise it answers 401 itself, in plain text: a feed reader
// cannot follow the login redirect that pages get.
func (h *handlers) feedReader(w http.ResponseWriter, r *http.Request) bool {
	if UserFromContext(r.Context()) != nil {
		return true
	}
	if secret := r.URL.Query().Get("token"); secret != "" {
		if _, err := h.Store.UserByFeedToken(secret); err == nil {
			return true
		}
	} else if publicRead(r) {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="handover"`)
	http.Error(w, "Sign in, send an API token (Authorization: Bearer …), or add ?token= with the feed token from your account page.", http.StatusUnauthorized)
	return false
}

// recentFeed is /feed.atom: the newest edits of the whole wiki.
func (h *handlers) recentFeed(w http.ResponseWriter, r *http.Request) error {
	if !h.feedReader(w, r) {
		return nil
	}
	entries, err := h.Store.RecentChanges(feedLimit, false)
	if err != nil {
		return err
	}
	f := newFeed(h.siteURL(r), r, "Recent changes · handover", "/recent")
	for _, e := range entries {
		f.addRevision(e.Page, e.Revision)
	}
	return writeAtom(w, f)
}

// pageFeed is /feed/{path}: the newest revisions of one page.
func (h *handlers) pageFeed(w http.ResponseWriter, r *http.Request) error {
	if !h.feedReader(w, r) {
		return nil
	}
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	revs, err := h.Store.Revisions(page.ID)
	if err != nil {
		return err
	}
	f := newFeed(h.siteURL(r), r, page.Title+" · handover", page.URL())
	for _, rev := range revs[:min(len(revs), feedLimit)] {
		f.addRevision(page, rev)
	}
	return writeAtom(w, f)
}

// createFeedToken makes (or replaces) the user's feed token and shows it
// once on the account page.
func (h *handlers) createFeedToken(w http.ResponseWriter, r *http.Request) error {
	secret, err := h.Store.CreateFeedToken(UserFromContext(r.Context()))
	if err != nil {
		return err
	}
	return h.renderAccount(w, r, http.StatusOK, &accountView{NewFeedURL: h.siteURL(r) + "/feed.atom?token=" + secret})
}

func (h *handlers) revokeFeedToken(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.RevokeFeedToken(UserFromContext(r.Context()).ID); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Feed token revoked: feed readers using it get no more updates.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}
