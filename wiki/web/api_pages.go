package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/handover/handover/wiki"
)

// apiPage is the JSON shape of a page in the API (DESIGN.md contract).
type apiPage struct {
	Path     string    `json:"path"`
	Title    string    `json:"title"`
	Markdown string    `json:"markdown"`
	Revision int       `json:"revision"`
	Tags     []string  `json:"tags"`
	Owner    string    `json:"owner"`
	Updated  time.Time `json:"updated"`
}

// apiSave is the body of PUT /api/pages/{path}. Title, tags and owner are
// optional extensions of the contract.
type apiSave struct {
	Markdown     *string  `json:"markdown"`
	BaseRevision int      `json:"base_revision"`
	Comment      string   `json:"comment"`
	Title        string   `json:"title,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Owner        string   `json:"owner,omitempty"`
	Significant  bool     `json:"significant,omitempty"`
}

func (h *handlers) apiGetPage(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	return h.writeAPIPage(w, http.StatusOK, page)
}

func (h *handlers) writeAPIPage(w http.ResponseWriter, status int, p *wiki.Page) error {
	text, err := h.Store.CurrentText(p)
	if err != nil {
		return err
	}
	tags := p.Tags
	if tags == nil {
		tags = []string{}
	}
	return WriteJSON(w, status, apiPage{Path: p.Path, Title: p.Title, Markdown: text,
		Revision: p.Revision, Tags: tags, Owner: p.Owner, Updated: p.Updated})
}

func (h *handlers) apiPutPage(w http.ResponseWriter, r *http.Request) error {
	var req apiSave
	if err := DecodeJSON(w, r, maxJSONBytes, &req); err != nil {
		return err
	}
	if req.Markdown == nil {
		return wiki.Errorf(wiki.Invalid, `the body needs "markdown" (and "base_revision" for an existing page)`)
	}
	page, err := h.Store.SavePage(wiki.SaveRequest{Path: r.PathValue("path"), Markdown: *req.Markdown,
		BaseRevision: req.BaseRevision, Comment: req.Comment, Author: UserFromContext(r.Context()).Name,
		Title: req.Title, Tags: req.Tags, Owner: req.Owner, Significant: req.Significant})
	var conflict *wiki.ConflictError
	if errors.As(err, &conflict) {
		return WriteJSON(w, http.StatusConflict, map[string]any{
			"error": ErrorMessage(err), "revision": conflict.Current.Revision})
	}
	if err != nil {
		return err
	}
	return h.writeAPIPage(w, http.StatusOK, page)
}
