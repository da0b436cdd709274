package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/markup"
)

// editForm is the editor's fields, as typed by the user.
type editForm struct {
	Title        string
	Tags         string
	Owner        string
	ReviewDays   int
	Markdown     string
	Comment      string
	Significant  bool
	BaseRevision int
}

type editView struct {
	Base
	Path   string
	Exists bool
	Form   editForm
	Error  string
	// Preview is sanitised goldmark output (see wiki/markup).
	Preview  template.HTML
	Conflict *conflictView
	Template string
}

// conflictView shows what changed under the user while they edited.
type conflictView struct {
	Current *wiki.Page
	Text    string
	Diff    []wiki.DiffLine
}

func (h *handlers) editPage(w http.ResponseWriter, r *http.Request) error {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return err
	}
	data := &editView{Base: Base{Title: "Edit " + path, Nav: "wiki"}, Path: path}
	page, err := h.Store.Page(path)
	switch {
	case err == nil && !page.Deleted:
		text, err := h.Store.CurrentText(page)
		if err != nil {
			return err
		}
		data.Exists, data.Form = true, formFromPage(page, text)
	case err == nil || errors.Is(err, wiki.ErrNotFound):
		if err := h.fillFromTemplate(data, r); err != nil {
			return err
		}
	default:
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "edit.html", data)
}

func formFromPage(p *wiki.Page, text string) editForm {
	return editForm{Title: p.Title, Tags: strings.Join(p.Tags, ", "), Owner: p.Owner,
		ReviewDays: p.ReviewDays, Markdown: text, BaseRevision: p.Revision}
}

// fillFromTemplate starts a new page, from ?template=name when given.
func (h *handlers) fillFromTemplate(data *editView, r *http.Request) error {
	data.Title = "New page " + data.Path
	data.Form.Title = wiki.TitleFromPath(data.Path)
	if t := strings.TrimSpace(r.URL.Query().Get("title")); t != "" {
		data.Form.Title = t // typed on "New page"
	}
	data.Form.Owner = UserFromContext(r.Context()).Name
	name := r.URL.Query().Get("template")
	if name == "" {
		return nil
	}
	t, err := wiki.LoadTemplate(h.Static, name)
	if err != nil {
		return err
	}
	data.Template = t.Name
	data.Form.Markdown = string(markup.JoinFrontMatter(markup.FrontMatter{Critical: t.Critical}, t.Body))
	data.Form.Tags = strings.Join(t.Tags, ", ")
	data.Form.ReviewDays = t.ReviewDays
	return nil
}

func (h *handlers) savePage(w http.ResponseWriter, r *http.Request) error {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return err
	}
	if err := ParseForm(w, r, maxFormBytes); err != nil {
		return err
	}
	form := readEditForm(r)
	data := &editView{Base: Base{Title: "Edit " + path, Nav: "wiki"}, Path: path, Form: form, Exists: form.BaseRevision > 0}
	if r.PostForm.Get("action") == "preview" {
		return h.renderPreview(w, r, data)
	}
	page, err := h.Store.SavePage(wiki.SaveRequest{
		Path: path, Markdown: form.Markdown, BaseRevision: form.BaseRevision,
		Comment: form.Comment, Author: UserFromContext(r.Context()).Name,
		Title: form.Title, Tags: wiki.SplitTags(form.Tags), Owner: form.Owner,
		ReviewDays: form.ReviewDays, Significant: form.Significant,
	})
	var conflict *wiki.ConflictError
	switch {
	case errors.As(err, &conflict):
		return h.renderConflict(w, r, data, conflict.Current)
	case err != nil && ErrorKind(err) != wiki.Internal:
		data.Error = ErrorMessage(err)
		return h.Views.Render(w, r, ErrorStatus(err), "edit.html", data)
	case err != nil:
		return err
	}
	http.Redirect(w, r, page.URL(), http.StatusSeeOther)
	return nil
}

func readEditForm(r *http.Request) editForm {
	f := r.PostForm
	days, _ := strconv.Atoi(strings.TrimSpace(f.Get("review_days")))
	base, _ := strconv.Atoi(f.Get("base_revision"))
	return editForm{Title: f.Get("title"), Tags: f.Get("tags"), Owner: f.Get("owner"),
		ReviewDays: days, Markdown: f.Get("markdown"), Comment: f.Get("comment"),
		Significant: f.Get("significant") != "", BaseRevision: base}
}

func (h *handlers) renderPreview(w http.ResponseWriter, r *http.Request, data *editView) error {
	_, body, err := markup.SplitFrontMatter([]byte(data.Form.Markdown))
	if err != nil {
		data.Error = "The front matter is not valid YAML: " + err.Error()
		body = []byte(data.Form.Markdown)
	}
	var res *markup.Result
	err = h.Store.View(func(tx *wiki.Tx) error {
		res, err = markup.Render(body, markup.Options{Resolve: tx.ResolveLink})
		return err
	})
	if err != nil {
		return err
	}
	data.Preview = template.HTML(res.HTML) // sanitised by wiki/markup
	return h.Views.Render(w, r, http.StatusOK, "edit.html", data)
}

// renderConflict shows the editor again with the user's text kept, the
// current text beside it, and the difference; saving again applies the
// user's version on top of the current revision.
func (h *handlers) renderConflict(w http.ResponseWriter, r *http.Request, data *editView, cur *wiki.Page) error {
	text, err := h.Store.CurrentText(cur)
	if err != nil {
		return err
	}
	data.Conflict = &conflictView{Current: cur, Text: text, Diff: wiki.Diff(text, data.Form.Markdown)}
	data.Error = "Someone else saved this page while you were editing. Your text is kept below; compare it with the current version, merge, and save again."
	data.Form.BaseRevision = cur.Revision
	return h.Views.Render(w, r, http.StatusConflict, "edit.html", data)
}
