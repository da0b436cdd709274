package web

import (
	"net/http"
	"strconv"

	"github.com/handover/handover/wiki"
)

type historyView struct {
	Base
	Page      *wiki.Page
	Revisions []*wiki.Revision
}

type diffView struct {
	Base
	Page     *wiki.Page
	From, To *wiki.Revision
	Lines    []wiki.DiffLine
	Same     bool
}

// livePage loads the live page named by the {path} of the request.
func (h *handlers) livePage(r *http.Request) (*wiki.Page, error) {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return nil, err
	}
	p, err := h.Store.Page(path)
	if err != nil || p.Deleted {
		return nil, h.movedMeanwhile(r, path)
	}
	return p, nil
}

// movedMeanwhile is the error for a page missing at path: NotFound, or,
// for a change sent to the old address of a page renamed meanwhile (two
// people renaming it at once, a form left open), a Conflict that says
// where the page went, so the loser of the race learns what happened
// rather than that the page is gone.
func (h *handlers) movedMeanwhile(r *http.Request, path string) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if to, err := h.Store.Redirect(path); err == nil && to != "" {
			if p, err := h.Store.Page(to); err == nil && !p.Deleted {
				return wiki.Errorf(wiki.Conflict, "the page %q was renamed to %q in the meantime: open it there and try again", path, to)
			}
		}
	}
	return wiki.Errorf(wiki.NotFound, "there is no page %q", path)
}

func (h *handlers) history(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	revs, err := h.Store.Revisions(page.ID)
	if err != nil {
		return err
	}
	data := &historyView{Base: Base{Title: "History of " + page.Title, Nav: "wiki"}, Page: page, Revisions: revs}
	return h.Views.Render(w, r, http.StatusOK, "history.html", data)
}

// diff compares ?from=N with ?to=M (default: the revision before M, and the
// current revision).
func (h *handlers) diff(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	to, err := revParam(r, "to", page.Revision, page.Revision)
	if err != nil {
		return err
	}
	from, err := revParam(r, "from", max(to-1, 1), page.Revision)
	if err != nil {
		return err
	}
	if from > to {
		from, to = to, from
	}
	a, err := h.Store.PageRevision(page.ID, from)
	if err != nil {
		return err
	}
	b, err := h.Store.PageRevision(page.ID, to)
	if err != nil {
		return err
	}
	data := &diffView{Base: Base{Title: "Changes to " + page.Title, Nav: "wiki"}, Page: page, From: a, To: b}
	data.Lines = wiki.Diff(a.Markdown, b.Markdown)
	data.Same = a.Markdown == b.Markdown
	return h.Views.Render(w, r, http.StatusOK, "diff.html", data)
}

func revParam(r *http.Request, name string, def, max int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, wiki.Errorf(wiki.NotFound, "revision %q does not exist (the page has %d)", s, max)
	}
	return n, nil
}

func (h *handlers) revert(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PostForm.Get("rev"))
	if err != nil {
		return wiki.Errorf(wiki.Invalid, "choose the revision to revert to")
	}
	base, _ := strconv.Atoi(r.PostForm.Get("base_revision"))
	page, err = h.Store.RevertPage(page, n, UserFromContext(r.Context()).Name, base)
	if err != nil {
		return err
	}
	h.Views.Flash(w, r, "Reverted to revision "+strconv.Itoa(n)+".")
	http.Redirect(w, r, page.URL(), http.StatusSeeOther)
	return nil
}
