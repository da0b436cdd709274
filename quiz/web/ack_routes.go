package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// acknowledge records "I have read this revision" for an incoming owner of
// an open handover covering the page, then goes back to the page. The form
// names the revision the reader was shown, so a save while they read does
// not count as read.
func (h *handlers) acknowledge(w http.ResponseWriter, r *http.Request) error {
	p, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, 1024); err != nil {
		return err
	}
	u := user(r)
	covering, err := h.Store.HandoversCovering(p.Path)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(covering, func(ho *quiz.Handover) bool { return !ho.Closed && ho.IsIncoming(u.Name) }) {
		return wiki.Errorf(wiki.Forbidden, "you are not taking this page over in an open handover, so there is nothing to acknowledge")
	}
	rev, err := strconv.Atoi(r.PostForm.Get("rev"))
	if err != nil {
		rev = p.Revision
	}
	a, err := h.Store.AcknowledgeRevision(p, u, rev)
	if err != nil {
		return err
	}
	h.Views.Flash(w, r, ackFlash(a, p))
	http.Redirect(w, r, p.URL(), http.StatusSeeOther)
	return nil
}

func ackFlash(a *quiz.Ack, p *wiki.Page) string {
	if a.Current(p) {
		return fmt.Sprintf("Acknowledged revision %d of “%s”.", a.Rev, p.Title)
	}
	return fmt.Sprintf("“%s” changed significantly while you were reading it (now revision %d): read the changes, then acknowledge again.", p.Title, p.Revision)
}
