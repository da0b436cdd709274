package web

import (
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// maxPreviewPages is how many resolved pages the form's preview lists.
const maxPreviewPages = 100

// scopePreview shows what a scope resolves to before it is saved.
type scopePreview struct {
	Entries []scopeEntry
	Pages   []*wiki.Page
	Total   int
	More    int
	Error   string
}

// scopeEntry is one line of the scope and how many pages it covers.
type scopeEntry struct {
	Entry  string
	Prefix bool
	Count  int
}

// previewScope resolves the scope text of the form; nil when it is empty.
func (h *handlers) previewScope(text string) (*scopePreview, error) {
	ho := &quiz.Handover{Scope: splitScopeLines(text)}
	if len(ho.Scope) == 0 {
		return nil, nil
	}
	if len(ho.Scope) > quiz.MaxScopeEntries {
		return &scopePreview{Error: wiki.ErrorMessage(wiki.Errorf(wiki.Invalid, "more than %d entries", quiz.MaxScopeEntries))}, nil
	}
	if err := ho.CleanScope(); err != nil {
		return &scopePreview{Error: wiki.ErrorMessage(err)}, nil
	}
	pv := &scopePreview{}
	for _, e := range ho.Scope {
		pages, err := h.Store.ScopePages(&quiz.Handover{Scope: []string{e}})
		if err != nil {
			return nil, err
		}
		pv.Entries = append(pv.Entries, scopeEntry{Entry: e, Prefix: e[len(e)-1] == '/', Count: len(pages)})
	}
	pages, err := h.Store.ScopePages(ho)
	if err != nil {
		return nil, err
	}
	pv.Total = len(pages)
	if len(pages) > maxPreviewPages {
		pv.More = len(pages) - maxPreviewPages
		pages = pages[:maxPreviewPages]
	}
	pv.Pages = pages
	return pv, nil
}
