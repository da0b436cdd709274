package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// threadRow is a thread in a list, with its page and asker for display.
type threadRow struct {
	*quiz.Thread
	PagePath, PageTitle string
	AuthorLabel         string
}

// threadListView is the data of thread_list.html.
type threadListView struct {
	wikiweb.Base
	// Page filters the list to one page's questions ("" for all).
	Page                       string
	Unanswered, Open, Resolved []threadRow
}

// threadList shows the questions to the owner the viewer may read: their
// own and those on pages of handovers they take part in.
func (h *handlers) threadList(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	page := strings.Trim(r.URL.Query().Get("page"), "/")
	hos, err := h.Store.Handovers(u)
	if err != nil {
		return err
	}
	threads, err := h.Store.ThreadsWhere(func(*quiz.Thread) bool { return true })
	if err != nil {
		return err
	}
	labels, err := h.userLabels()
	if err != nil {
		return err
	}
	data := &threadListView{Base: wikiweb.Base{Title: "Questions to the owner", Nav: "handovers"}, Page: page}
	for _, row := range h.threadRows(threads, labels) {
		if (page != "" && row.PagePath != page) || !threadVisible(u, row, hos) {
			continue
		}
		switch {
		case row.Unanswered():
			data.Unanswered = append(data.Unanswered, row)
		case !row.Resolved:
			data.Open = append(data.Open, row)
		default:
			data.Resolved = append(data.Resolved, row)
		}
	}
	return h.Views.Render(w, r, http.StatusOK, "thread_list.html", data)
}

// threadVisible applies CanViewThread's rule with the viewer's handovers
// loaded once.
func threadVisible(u *wiki.User, row threadRow, hos []*quiz.Handover) bool {
	return quiz.ThreadVisible(u, row.Thread, row.PagePath, hos)
}

// threadRows adds the current page path and title to each thread.
func (h *handlers) threadRows(threads []*quiz.Thread, labels map[string]string) []threadRow {
	pages := map[uint64]*wiki.Page{}
	out := make([]threadRow, 0, len(threads))
	for _, t := range threads {
		row := threadRow{Thread: t, PagePath: t.Path, PageTitle: t.Path, AuthorLabel: labelPeople([]string{t.Author}, labels)[0].Label}
		p, ok := pages[t.PageID]
		if !ok {
			p, _ = h.Wiki.PageByID(t.PageID)
			pages[t.PageID] = p
		}
		if p != nil {
			row.PagePath, row.PageTitle = p.Path, p.Title
		}
		out = append(out, row)
	}
	return out
}

// scopeThreads returns the threads on the pages a handover covers that it
// holds: those started within its lifetime.
func (h *handlers) scopeThreads(ho *quiz.Handover, pages []*wiki.Page, labels map[string]string) ([]threadRow, error) {
	ids := make(map[uint64]bool, len(pages))
	for _, p := range pages {
		ids[p.ID] = true
	}
	threads, err := h.Store.Threads(ids)
	if err != nil {
		return nil, err
	}
	rows := h.threadRows(threads, labels)
	return slices.DeleteFunc(rows, func(r threadRow) bool { return !ho.Holds(r.PagePath, r.Created) }), nil
}

// unansweredFor lists the unanswered questions on pages of the handovers
// where u is an outgoing owner.
func (h *handlers) unansweredFor(u *wiki.User, hos []*quiz.Handover, labels map[string]string) ([]threadRow, error) {
	var rows []threadRow
	seen := map[uint64]bool{}
	for _, ho := range hos {
		if !ho.IsOutgoing(u.Name) {
			continue
		}
		ps, err := h.Store.ScopePages(ho)
		if err != nil {
			return nil, err
		}
		more, err := h.scopeThreads(ho, ps, labels)
		if err != nil {
			return nil, err
		}
		for _, r := range more {
			if r.Unanswered() && !seen[r.ID] {
				seen[r.ID] = true
				rows = append(rows, r)
			}
		}
	}
	return rows, nil
}
