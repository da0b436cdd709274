package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// HomePath is the page shown at / when it exists.
const HomePath = "home"

type homeView struct {
	Base
	Recent []wiki.RecentEntry
	Pages  int
}

func (h *handlers) home(w http.ResponseWriter, r *http.Request) error {
	page, err := h.Store.Page(HomePath)
	if err == nil && !page.Deleted {
		data, err := h.pageData(r, page)
		if err != nil {
			return err
		}
		data.Nav = "home"
		return h.Views.Render(w, r, http.StatusOK, "page.html", data)
	}
	if err != nil && !errors.Is(err, wiki.ErrNotFound) {
		return err
	}
	recent, err := h.Store.RecentChanges(15, false)
	if err != nil {
		return err
	}
	n, err := h.Store.PageCount()
	if err != nil {
		return err
	}
	data := &homeView{Base: Base{Title: "Home", Nav: "home"}, Recent: recent, Pages: n}
	return h.Views.Render(w, r, http.StatusOK, "home.html", data)
}

type recentView struct {
	Base
	Entries []wiki.RecentEntry
}

func (h *handlers) recent(w http.ResponseWriter, r *http.Request) error {
	entries, err := h.Store.RecentChanges(100, false)
	if err != nil {
		return err
	}
	data := &recentView{Base: Base{Title: "Recent changes", Nav: "recent"}, Entries: entries}
	return h.Views.Render(w, r, http.StatusOK, "recent.html", data)
}

type pagesView struct {
	Base
	Prefix string
	Tree   []*treeNode
	Total  int
}

func (h *handlers) allPages(w http.ResponseWriter, r *http.Request) error {
	prefix := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("prefix")))
	pages, err := h.Store.ListPages(prefix)
	if err != nil {
		return err
	}
	data := &pagesView{Base: Base{Title: "All pages", Nav: "pages"}, Prefix: prefix, Total: len(pages),
		Tree: pageTree(pages).Children}
	return h.Views.Render(w, r, http.StatusOK, "pages.html", data)
}

type trashView struct {
	Base
	Pages []*wiki.Page
}

func (h *handlers) trash(w http.ResponseWriter, r *http.Request) error {
	pages, err := h.Store.DeletedPages()
	if err != nil {
		return err
	}
	data := &trashView{Base: Base{Title: "Deleted pages", Nav: "admin"}, Pages: pages}
	return h.Views.Render(w, r, http.StatusOK, "trash.html", data)
}
