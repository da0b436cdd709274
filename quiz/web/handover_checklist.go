package web

import (
	"net/http"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxChecklistForm bounds the small forms of the handover page.
const maxChecklistForm = 4096

// checklistAnchor is where the handover page shows the checklist.
const checklistAnchor = "#checklist"

func (h *handlers) tickChecklistItem(w http.ResponseWriter, r *http.Request) error {
	ho, item, err := h.checklistTarget(w, r)
	if err != nil {
		return err
	}
	done := r.PostForm.Get("done") == "on"
	if _, err := h.Store.SetChecklistItem(ho.ID, item, user(r), done); err != nil {
		return err
	}
	http.Redirect(w, r, quiz.HandoverURL(ho.ID)+checklistAnchor, http.StatusSeeOther)
	return nil
}

func (h *handlers) addChecklistItem(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.manageableHandover(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxChecklistForm); err != nil {
		return err
	}
	f := r.PostForm
	due, err := parseFormDate(f.Get("due"), "due date")
	if err == nil {
		_, err = h.Store.AddChecklistItem(ho.ID, user(r), quiz.ChecklistItem{Text: f.Get("text"), Owner: f.Get("owner"), Due: due})
	}
	return h.checklistDone(w, r, ho, err, "Checklist item added.")
}

func (h *handlers) editChecklistItem(w http.ResponseWriter, r *http.Request) error {
	ho, item, err := h.checklistTarget(w, r)
	if err != nil {
		return err
	}
	f := r.PostForm
	due, err := parseFormDate(f.Get("due"), "due date")
	if err == nil {
		_, err = h.Store.EditChecklistItem(ho.ID, item, user(r), f.Get("text"), f.Get("owner"), due)
	}
	return h.checklistDone(w, r, ho, err, "Checklist item saved.")
}

func (h *handlers) removeChecklistItem(w http.ResponseWriter, r *http.Request) error {
	ho, item, err := h.checklistTarget(w, r)
	if err != nil {
		return err
	}
	_, err = h.Store.RemoveChecklistItem(ho.ID, item, user(r))
	return h.checklistDone(w, r, ho, err, "Checklist item removed.")
}

// checklistTarget loads the handover and parses {item} and the form.
func (h *handlers) checklistTarget(w http.ResponseWriter, r *http.Request) (*quiz.Handover, int, error) {
	ho, err := h.viewableHandover(r)
	if err != nil {
		return nil, 0, err
	}
	item, err := strconv.Atoi(r.PathValue("item"))
	if err != nil {
		return nil, 0, wiki.Errorf(wiki.NotFound, "no checklist item %q", r.PathValue("item"))
	}
	return ho, item, wikiweb.ParseForm(w, r, maxChecklistForm)
}

// checklistDone goes back to the checklist. A validation error is shown
// there as a message; the small inline forms are quick to fill again.
func (h *handlers) checklistDone(w http.ResponseWriter, r *http.Request, ho *quiz.Handover, err error, ok string) error {
	switch {
	case wikiweb.ErrorKind(err) == wiki.Invalid:
		h.Views.Flash(w, r, "Not saved: "+wikiweb.ErrorMessage(err))
	case err != nil:
		return err
	default:
		h.Views.Flash(w, r, ok)
	}
	http.Redirect(w, r, quiz.HandoverURL(ho.ID)+checklistAnchor, http.StatusSeeOther)
	return nil
}

func (h *handlers) closeHandover(w http.ResponseWriter, r *http.Request) error {
	return h.setHandoverClosed(w, r, true)
}

func (h *handlers) reopenHandover(w http.ResponseWriter, r *http.Request) error {
	return h.setHandoverClosed(w, r, false)
}

func (h *handlers) setHandoverClosed(w http.ResponseWriter, r *http.Request, closed bool) error {
	ho, err := h.manageableHandover(r)
	if err != nil {
		return err
	}
	if _, err := h.Store.SetClosed(ho.ID, user(r), closed); err != nil {
		return err
	}
	msg := "Handover reopened."
	if closed {
		msg = "Handover closed. Its pages and questions to the owner stay available."
	}
	h.Views.Flash(w, r, msg)
	http.Redirect(w, r, quiz.HandoverURL(ho.ID), http.StatusSeeOther)
	return nil
}
