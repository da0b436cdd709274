package web

import (
	"net/http"
	"strconv"

	"github.com/handover/handover/wiki"
)

type renameView struct {
	Base
	Page  *wiki.Page
	To    string
	Error string
}

func (h *handlers) renameForm(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := h.refuseLocked(r, page); err != nil {
		return err
	}
	data := &renameView{Base: Base{Title: "Rename " + page.Title, Nav: "wiki"}, Page: page, To: page.Path}
	return h.Views.Render(w, r, http.StatusOK, "rename.html", data)
}

func (h *handlers) rename(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	to := r.PostForm.Get("to")
	base, _ := strconv.Atoi(r.PostForm.Get("base_revision"))
	moved, err := h.Store.RenamePage(page.Path, to, UserFromContext(r.Context()).Name, base)
	if err != nil {
		if ErrorKind(err) == wiki.Internal {
			return err
		}
		data := &renameView{Base: Base{Title: "Rename " + page.Title, Nav: "wiki"}, Page: page, To: to, Error: ErrorMessage(err)}
		return h.Views.Render(w, r, ErrorStatus(err), "rename.html", data)
	}
	h.Views.Flash(w, r, "Renamed from "+page.Path+"; the old address redirects here.")
	http.Redirect(w, r, moved.URL(), http.StatusSeeOther)
	return nil
}

type deleteView struct {
	Base
	Page      *wiki.Page
	Backlinks []*wiki.Page
}

func (h *handlers) deleteForm(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := h.refuseLocked(r, page); err != nil {
		return err
	}
	links, err := h.Store.Backlinks(page.Path)
	if err != nil {
		return err
	}
	data := &deleteView{Base: Base{Title: "Delete " + page.Title, Nav: "wiki"}, Page: page, Backlinks: links}
	return h.Views.Render(w, r, http.StatusOK, "delete.html", data)
}

func (h *handlers) delete(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if _, err := h.Store.DeletePage(page.Path, UserFromContext(r.Context()).Name); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Deleted "+page.Title+". An administrator can restore it from the trash.")
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (h *handlers) restore(w http.ResponseWriter, r *http.Request) error {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return err
	}
	page, err := h.Store.RestorePage(path, UserFromContext(r.Context()).Name)
	if err != nil {
		return err
	}
	h.Views.Flash(w, r, "Restored "+page.Title+".")
	http.Redirect(w, r, page.URL(), http.StatusSeeOther)
	return nil
}

func (h *handlers) setCritical(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	section, critical := r.PostForm.Get("section"), r.PostForm.Get("critical") == "on"
	if _, err := h.Store.SetCritical(page.Path, section, critical, UserFromContext(r.Context()).Name); err != nil {
		return err
	}
	http.Redirect(w, r, page.URL()+"#"+section, http.StatusSeeOther)
	return nil
}

func (h *handlers) verify(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	if _, err := h.Store.MarkVerified(page.Path, UserFromContext(r.Context()).Name); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Marked as reviewed today.")
	http.Redirect(w, r, page.URL(), http.StatusSeeOther)
	return nil
}

// refuseLocked refuses the rename and delete forms to a viewer for whom
// the page is locked (PageAddons.Locked): the change would be refused on
// submit, so the form says why at once instead.
func (h *handlers) refuseLocked(r *http.Request, page *wiki.Page) error {
	addons, err := h.addons(r, page)
	if err != nil {
		return err
	}
	if addons.Locked != "" {
		return wiki.Errorf(wiki.Forbidden, "%s", addons.Locked)
	}
	return nil
}
