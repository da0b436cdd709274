package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// progressPage is the data of progress_own.html: what is left for the
// signed-in incoming owner, in order of importance.
type progressPage struct {
	wikiweb.Base
	Progress  []quiz.Progress
	Reminders []quiz.Reminder
	Single    *quiz.Handover // set on /handovers/{id}/progress
}

// progress lists what is left in every open handover the user takes over.
func (h *handlers) progress(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	now := h.Store.Now()
	all, err := h.Store.ProgressOf(u, now)
	if err != nil {
		return err
	}
	all = progressIn(all, wikiweb.ReaderZone(r))
	data := &progressPage{Base: wikiweb.Base{Title: "My progress", Nav: "progress"}, Progress: all, Reminders: quiz.Reminders(all, now)}
	return h.Views.Render(w, r, http.StatusOK, "progress_own.html", data)
}

// handoverProgress is the same for one handover; only its incoming owners
// have progress there.
func (h *handlers) handoverProgress(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	ho, err := h.handoverFor(r, func(ho *quiz.Handover, u *wiki.User) bool { return ho.IsIncoming(u.Name) },
		"this page shows an incoming owner their own progress; the readiness dashboard shows everyone's")
	if err != nil {
		return err
	}
	now := h.Store.Now()
	pr, err := h.Store.PersonReadiness(ho, u.Name, now)
	if err != nil {
		return err
	}
	all := progressIn([]quiz.Progress{quiz.NewProgress(ho, pr)}, wikiweb.ReaderZone(r))
	data := &progressPage{Base: wikiweb.Base{Title: "My progress · " + ho.Title, Nav: "progress"}, Progress: all,
		Reminders: quiz.Reminders(all, now), Single: ho}
	return h.Views.Render(w, r, http.StatusOK, "progress_own.html", data)
}

// progressIn returns all with the moments its to-dos and reasons name told
// in z, the reader's zone. The slices are new: the domain's may be shared.
func progressIn(all []quiz.Progress, z wiki.Zone) []quiz.Progress {
	out := make([]quiz.Progress, len(all))
	for i, p := range all {
		p.Todos = slices.Clone(p.Todos)
		for j := range p.Todos {
			p.Todos[j] = p.Todos[j].In(z)
		}
		p.Result.Reasons = quiz.ReasonsIn(p.Result.Reasons, z)
		out[i] = p
	}
	return out
}

// recheck starts a re-check of the page's quiz and opens the attempt.
func (h *handlers) recheck(w http.ResponseWriter, r *http.Request) error {
	p, err := h.livePage(r)
	if err != nil {
		return err
	}
	a, err := h.Store.StartRecheck(p, user(r))
	if err != nil {
		return err
	}
	// The attempt page is the quiz package's /quiz/attempt/{id}.
	http.Redirect(w, r, fmt.Sprintf("/quiz/attempt/%d", a.ID), http.StatusSeeOther)
	return nil
}
