package web

import (
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/handover/handover/wiki"
)

// newForm is "New page": a title, where the page goes (Parent, "" for the
// top level) and its address there (Slug; empty means derived from the
// title with wiki.PathFromTitle, "-2" added when taken).
type newForm struct {
	Title, Parent, Slug, Template string
}

type newView struct {
	Base
	Form      newForm
	Error     string
	Folders   []string // the parent picker's choices, sorted
	Templates []*wiki.PageTemplate
}

// newPage shows the form, or with create=1 checks it and opens the
// editor at the page's address. ?path= (older links and scripts) goes
// straight to the editor, as before.
func (h *handlers) newPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if p := q.Get("path"); p != "" {
		return h.newPageAt(w, r, p, q.Get("template"))
	}
	form := newForm{Title: strings.TrimSpace(q.Get("title")), Parent: q.Get("parent"),
		Slug: strings.TrimSpace(q.Get("slug")), Template: q.Get("template")}
	if !q.Has("parent") {
		form.Parent = q.Get("prefix") // "All pages" filters and old links
	}
	form.Parent = strings.Trim(strings.TrimSpace(form.Parent), "/")
	if q.Get("create") == "" {
		return h.renderNewForm(w, r, form, nil)
	}
	p, err := h.newPagePath(form)
	if err != nil {
		return h.renderNewForm(w, r, form, err)
	}
	target := editURL(p) + "?title=" + url.QueryEscape(form.Title)
	if form.Template != "" {
		target += "&template=" + url.QueryEscape(form.Template)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

func (h *handlers) newPageAt(w http.ResponseWriter, r *http.Request, p, template string) error {
	clean, err := wiki.CleanPath(p)
	if err != nil {
		return h.renderNewForm(w, r, newForm{Slug: p, Template: template}, err)
	}
	target := editURL(clean)
	if template != "" {
		target += "?template=" + url.QueryEscape(template)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

func editURL(p string) string {
	return "/edit/" + strings.TrimPrefix(wiki.PageURL(p), "/wiki/")
}

// newPagePath is where the form's page goes: parent/slug as typed, or
// parent/derived-from-title at the first free address.
func (h *handlers) newPagePath(f newForm) (string, error) {
	if f.Title == "" {
		return "", wiki.Errorf(wiki.Invalid, "Give the page a title.")
	}
	if f.Slug != "" {
		p, err := wiki.CleanPath(path.Join(f.Parent, f.Slug))
		if err != nil {
			return "", err
		}
		if page, err := h.Store.Page(p); err == nil && !page.Deleted {
			return "", wiki.Errorf(wiki.Conflict, "A page already exists at %s. Open it, or choose another address.", p)
		}
		return p, nil
	}
	seg := wiki.PathFromTitle(f.Title)
	if seg == "" {
		return "", wiki.Errorf(wiki.Invalid, "The title has no letters or digits to make an address from; type the address yourself.")
	}
	p, err := wiki.CleanPath(path.Join(f.Parent, seg))
	if err != nil {
		return "", err
	}
	return h.Store.FreePath(p)
}

func (h *handlers) renderNewForm(w http.ResponseWriter, r *http.Request, form newForm, problem error) error {
	data, err := h.newFormData(form)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if problem != nil {
		if ErrorKind(problem) == wiki.Internal {
			return problem
		}
		status, data.Error = ErrorStatus(problem), ErrorMessage(problem)
	}
	return h.Views.Render(w, r, status, "new.html", data)
}

func (h *handlers) newFormData(form newForm) (*newView, error) {
	templates, err := wiki.LoadTemplates(h.Static)
	if err != nil {
		return nil, err
	}
	folders, err := h.folders(form.Parent)
	if err != nil {
		return nil, err
	}
	return &newView{Base: Base{Title: "New page", Nav: "new"}, Form: form,
		Folders: folders, Templates: templates}, nil
}

// folders lists every folder of the page tree (each path that has pages
// below it), plus extra (the chosen parent, which may be new).
func (h *handlers) folders(extra string) ([]string, error) {
	pages, err := h.Store.ListPages("")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{"": true}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, p := range pages {
		for i := strings.IndexByte(p.Path, '/'); i >= 0; i = nextSlash(p.Path, i) {
			add(p.Path[:i])
		}
	}
	add(extra)
	sort.Strings(out)
	return out, nil
}

func nextSlash(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// folderOf is the folder a page is in: "it-ops/runbooks" for
// it-ops/runbooks/disk-full, "" for a top-level page.
func folderOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
