package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/handover/handover/search"
	"github.com/handover/handover/wiki"
)

const searchPageSize = 20

type searchView struct {
	Base
	Q          string
	Results    *search.Results
	Page       int
	PrevURL    string
	NextURL    string
	Rebuilding bool
}

// runSearch answers q for the request's user. Hits on pages that are gone
// from bbolt (deleted, not yet removed from the index) are dropped: the
// index is a cache and bbolt decides what exists. Every signed-in user may
// read every live page, so that is the whole access check.
func (h *handlers) runSearch(r *http.Request, q string, limit, offset int) (*search.Results, bool, error) {
	rebuilding := h.Search.Rebuilding()
	idx := h.Search.Index()
	if idx == nil {
		return &search.Results{Hits: []search.Hit{}}, true, nil
	}
	res, err := idx.Search(r.Context(), search.Query{Text: q, Limit: limit, Offset: offset, Filter: h.pageIsLive})
	if err != nil && h.Search.IndexFailed(idx, err) {
		return &search.Results{Hits: []search.Hit{}}, true, nil // being rebuilt now
	}
	if err != nil {
		return nil, rebuilding, err
	}
	return res, rebuilding, nil
}

func (h *handlers) pageIsLive(path string) bool { return h.renderer.live.isLive(path) }

func (h *handlers) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	data := &searchView{Base: Base{Title: "Search", Nav: "search", Query: q}, Q: q, Page: page}
	if q != "" {
		res, rebuilding, err := h.runSearch(r, q, searchPageSize, (page-1)*searchPageSize)
		if err != nil {
			return err
		}
		data.Results, data.Rebuilding = res, rebuilding
		data.Title = q + " · Search"
		if page > 1 {
			data.PrevURL = searchURL(q, page-1)
		}
		if page*searchPageSize < res.Total && page*searchPageSize < 1000 {
			data.NextURL = searchURL(q, page+1)
		}
	}
	return h.Views.Render(w, r, http.StatusOK, "search.html", data)
}

func searchURL(q string, page int) string {
	return "/search?q=" + url.QueryEscape(q) + "&page=" + strconv.Itoa(page)
}

// apiSearchResult is one hit in the JSON API (DESIGN.md contract).
type apiSearchResult struct {
	Path    string  `json:"path"`
	Title   string  `json:"title"`
	Section string  `json:"section"`
	Heading string  `json:"heading,omitempty"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

func (h *handlers) apiSearch(w http.ResponseWriter, r *http.Request) error {
	qs := r.URL.Query()
	limit, err1 := intParam(qs, "limit", 20)
	offset, err2 := intParam(qs, "offset", 0)
	if err1 != nil || err2 != nil || limit < 0 || offset < 0 {
		return wiki.Errorf(wiki.Invalid, "limit and offset must be whole numbers ≥ 0")
	}
	res, rebuilding, err := h.runSearch(r, qs.Get("q"), limit, offset)
	if err != nil {
		return err
	}
	out := struct {
		Total      int               `json:"total"`
		Results    []apiSearchResult `json:"results"`
		DidYouMean string            `json:"did_you_mean,omitempty"`
		Rebuilding bool              `json:"rebuilding,omitempty"`
	}{Total: res.Total, Results: []apiSearchResult{}, DidYouMean: res.DidYouMean, Rebuilding: rebuilding}
	for _, hit := range res.Hits {
		out.Results = append(out.Results, apiSearchResult{Path: hit.Path, Title: hit.Title,
			Section: hit.Section, Heading: hit.Heading, Snippet: string(hit.Snippet), Score: hit.Score})
	}
	return WriteJSON(w, http.StatusOK, out)
}

func intParam(qs url.Values, name string, def int) (int, error) {
	s := qs.Get(name)
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

// apiSuggest serves the header's typeahead: page titles matching what was
// typed so far.
func (h *handlers) apiSuggest(w http.ResponseWriter, r *http.Request) error {
	type suggestion struct {
		Path  string `json:"path"`
		Title string `json:"title"`
	}
	out := struct {
		Suggestions []suggestion `json:"suggestions"`
	}{Suggestions: []suggestion{}}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if idx := h.Search.Index(); idx != nil && len(q) >= 1 {
		found, err := idx.Suggest(r.Context(), q, 8)
		if err != nil && !h.Search.IndexFailed(idx, err) {
			return err
		}
		for _, s := range found {
			if h.pageIsLive(s.Path) {
				out.Suggestions = append(out.Suggestions, suggestion{Path: s.Path, Title: s.Title})
			}
		}
	}
	w.Header().Set("Cache-Control", "private, max-age=30")
	return WriteJSON(w, http.StatusOK, out)
}
