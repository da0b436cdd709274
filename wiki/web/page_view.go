package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/markup"
)

type pageView struct {
	Base
	Page *wiki.Page
	// Rev is set when an older revision is shown.
	Rev *wiki.Revision
	// HTML is goldmark output sanitised by bluemonday in wiki/markup, the
	// one kind of trusted HTML a page carries.
	HTML           template.HTML
	TOC            []markup.Heading
	Outline        []outlineItem
	Backlinks      []*wiki.Page
	NeedsReview    bool
	CanEdit        bool
	RedirectedFrom string
	Addons         PageAddons
}

// outlineItem is a section in the page's side outline.
type outlineItem struct {
	wiki.SectionInfo
	Critical bool
	Badges   []Badge
}

type missingPage struct {
	Base
	Path     string
	Deleted  *wiki.Page
	Children []*wiki.Page
	Valid    bool
	Problem  string
	// New is the new-page form for this address, for signed-in users:
	// a red link leads here, with the title it was written with.
	New *newView
}

func (h *handlers) viewPage(w http.ResponseWriter, r *http.Request) error {
	return h.cachedView(w, r, h.renderPageView)
}

func (h *handlers) renderPageView(w http.ResponseWriter, r *http.Request) error {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return h.titleAddress(w, r, r.PathValue("path"), err)
	}
	page, err := h.Store.Page(path)
	if errors.Is(err, wiki.ErrNotFound) || (err == nil && page.Deleted) {
		if to, rerr := h.Store.Redirect(path); rerr == nil {
			http.Redirect(w, r, wiki.PageURL(to)+"?from="+path, http.StatusMovedPermanently)
			return nil
		}
		return h.renderMissing(w, r, path, nil)
	}
	if err != nil {
		return err
	}
	data, err := h.pageData(r, page)
	if err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "page.html", data)
}

// titleAddress answers /wiki/Database Failover, an address typed as a
// title or linked from a render without the wiki's resolver (quiz
// questions): it redirects to the page the title names by the rule of
// [[Title]] links, else explains why the address is not one.
func (h *handlers) titleAddress(w http.ResponseWriter, r *http.Request, raw string, problem error) error {
	path, err := wiki.LinkPath(raw)
	if err != nil {
		return h.renderMissing(w, r, raw, problem)
	}
	to := wiki.PageURL(path)
	if _, err := h.Store.Page(path); err != nil {
		to += "?title=" + url.QueryEscape(strings.TrimSpace(raw[strings.LastIndexByte(raw, '/')+1:]))
	}
	http.Redirect(w, r, to, http.StatusFound)
	return nil
}

func (h *handlers) pageData(r *http.Request, page *wiki.Page) (*pageView, error) {
	rev, err := h.requestedRevision(r, page)
	if err != nil {
		return nil, err
	}
	res, err := h.renderer.render(page, rev.N, rev.Markdown)
	if err != nil {
		return nil, err
	}
	user := UserFromContext(r.Context())
	data := &pageView{
		Base: Base{Title: page.Title, Nav: "wiki", Folder: folderOf(page.Path)}, Page: page,
		HTML: template.HTML(res.HTML), TOC: res.TOC,
		NeedsReview: page.NeedsReview(h.Store.Now()), CanEdit: user != nil,
		RedirectedFrom: r.URL.Query().Get("from"),
	}
	if rev.N != page.Revision {
		data.Rev = rev
	}
	if data.Backlinks, err = h.Store.Backlinks(page.Path); err != nil {
		return nil, err
	}
	if data.Addons, err = h.addons(r, page); err != nil {
		return nil, err
	}
	data.Outline = outline(page, data.Addons)
	return data, nil
}

// requestedRevision returns the revision asked for with ?rev=N, or the
// current one.
func (h *handlers) requestedRevision(r *http.Request, page *wiki.Page) (*wiki.Revision, error) {
	n := page.Revision
	if s := r.URL.Query().Get("rev"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > page.Revision {
			return nil, wiki.Errorf(wiki.NotFound, "revision %q of this page does not exist (it has %d)", s, page.Revision)
		}
		n = v
	}
	return h.Store.PageRevision(page.ID, n)
}

func (h *handlers) addons(r *http.Request, page *wiki.Page) (PageAddons, error) {
	all := PageAddons{SectionBadges: map[string][]Badge{}}
	for _, ext := range h.Extensions {
		a, err := ext.PageAddons(r, page)
		if err != nil {
			return all, err
		}
		all.Add(a)
	}
	return all, nil
}

func outline(page *wiki.Page, addons PageAddons) []outlineItem {
	var items []outlineItem
	for _, s := range page.Sections {
		if s.ID == "" {
			continue
		}
		items = append(items, outlineItem{SectionInfo: s, Critical: page.IsCritical(s.ID), Badges: addons.SectionBadges[s.ID]})
	}
	return items
}

func (h *handlers) renderMissing(w http.ResponseWriter, r *http.Request, path string, problem error) error {
	data := &missingPage{Base: Base{Title: "No page " + path, Nav: "wiki", Folder: folderOf(path)}, Path: path, Valid: problem == nil}
	if problem != nil {
		data.Problem = ErrorMessage(problem)
		return h.Views.Render(w, r, http.StatusNotFound, "missing.html", data)
	}
	if p, err := h.Store.Page(path); err == nil && p.Deleted {
		data.Deleted = p
	}
	children, err := h.Store.ListPages(path + "/")
	if err != nil {
		return err
	}
	data.Children = children
	if data.Deleted == nil && len(children) > 0 {
		return h.renderFolder(w, r, path, children)
	}
	if UserFromContext(r.Context()) != nil && data.Deleted == nil {
		if data.New, err = h.newFormData(missingForm(r, path)); err != nil {
			return err
		}
	}
	return h.Views.Render(w, r, http.StatusNotFound, "missing.html", data)
}

// missingForm fills the new-page form for a missing page: its folder, its
// last segment as the address, and the title from the link
// ([[Database Failover]] passes ?title=) or from the address.
func missingForm(r *http.Request, path string) newForm {
	title := strings.TrimSpace(r.URL.Query().Get("title"))
	if title == "" {
		title = wiki.TitleFromPath(path)
	}
	return newForm{Title: title, Parent: folderOf(path), Slug: path[strings.LastIndexByte(path, '/')+1:]}
}
