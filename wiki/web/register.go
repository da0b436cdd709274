package web

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// Form and body size limits.
const (
	maxFormBytes = 2 << 20 // a page of MaxMarkdownLen plus its fields
	maxJSONBytes = 2 << 20
)

// Deps are what the wiki's handlers need; cmd builds them.
type Deps struct {
	Store    *wiki.Store
	Views    *Views
	Sessions *Sessions
	// Static is the static tree, for the page templates.
	Static fs.FS
	// Search answers search requests; nil until the index is open.
	Search *wiki.Syncer
	Log    *slog.Logger
	// Extensions add panels and section badges to the page view (the quiz
	// package adds acknowledgements and quizzes this way).
	Extensions []PageExtension
	// MaxUpload is the size limit of one attachment (DefaultMaxUpload if 0).
	MaxUpload int64
	// BaseURL is the address users reach the wiki at (--base-url), for the
	// absolute links of feeds; empty means the address each request came
	// to.
	BaseURL string
}

type handlers struct {
	Deps
	limiter  *loginLimiter
	renderer *pageRenderer
}

// Register adds the wiki's routes to mux.
func Register(mux *http.ServeMux, d Deps) {
	d.Extensions = append(d.Extensions, filesPanel{d.Store}, followPanel{d.Store})
	h := &handlers{Deps: d, limiter: newLoginLimiter(), renderer: newPageRenderer(d.Store)}
	handle := func(pattern string, fn HandlerFunc) { mux.Handle(pattern, d.Views.Handle(fn)) }

	handle("GET /{$}", RequireReader(h.home))
	handle("GET /wiki/{path...}", RequireReader(h.viewPage))
	handle("GET /edit/{path...}", RequireUser(h.editPage))
	handle("POST /edit/{path...}", RequireUser(h.savePage))
	handle("GET /new", RequireUser(h.newPage))
	handle("GET /history/{path...}", RequireReader(h.history))
	handle("GET /diff/{path...}", RequireReader(h.diff))
	handle("POST /revert/{path...}", RequireUser(h.revert))
	handle("GET /rename/{path...}", RequireUser(h.renameForm))
	handle("POST /rename/{path...}", RequireUser(h.rename))
	handle("GET /delete/{path...}", RequireUser(h.deleteForm))
	handle("POST /delete/{path...}", RequireUser(h.delete))
	handle("POST /restore/{path...}", RequireAdmin(h.restore))
	handle("POST /critical/{path...}", RequireUser(h.setCritical))
	handle("POST /verify/{path...}", RequireUser(h.verify))
	handle("GET /search", RequireReader(h.searchPage))
	handle("GET /recent", RequireReader(h.recent))
	handle("GET /pages", RequireReader(h.allPages))
	handle("GET /admin/trash", RequireAdmin(h.trash))
	handle("GET /admin/backup", RequireAdmin(h.backup))

	h.registerAuth(handle)
	h.registerAPI(handle)
	mux.Handle("/api/", apiUnknown(mux))
	h.registerFiles(handle)
	h.registerFollow(handle)
}

func (h *handlers) registerAuth(handle func(string, HandlerFunc)) {
	handle("GET /login", h.loginForm)
	handle("POST /login", h.login)
	handle("POST /logout", h.logout)
	handle("GET /setup", h.setupForm)
	handle("POST /setup", h.setup)
	handle("GET /account", RequireUser(h.account))
	handle("POST /account/password", RequireUser(h.changePassword))
	handle("POST /account/logout-everywhere", RequireUser(h.logoutEverywhere))
	handle("POST /account/time-zone", RequireUser(h.setTimeZone))
	handle("POST /account/tokens", RequireUser(h.createToken))
	handle("POST /account/tokens/{id}/revoke", RequireUser(h.revokeToken))
	handle("GET /admin/users", RequireAdmin(h.users))
	handle("POST /admin/users", RequireAdmin(h.addUser))
	handle("POST /admin/users/{id}", RequireAdmin(h.updateUser))
}

// apiUnknown answers what no API route takes with JSON, like every API
// error: 405 with Allow when the path exists for other methods, else 404.
// ServeMux would answer in plain text.
func apiUnknown(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "/api/" && pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			_ = WriteJSON(w, http.StatusMethodNotAllowed, map[string]string{
				"error": fmt.Sprintf("%s %s is not supported; use %s", r.Method, r.URL.Path, strings.Join(allow, " or "))})
			return
		}
		_ = WriteJSON(w, http.StatusNotFound, map[string]string{"error": "no API endpoint " + r.URL.Path})
	})
}

func (h *handlers) registerAPI(handle func(string, HandlerFunc)) {
	handle("GET /api/pages/{path...}", RequireReader(h.apiGetPage))
	handle("PUT /api/pages/{path...}", RequireUser(h.apiPutPage))
	handle("GET /api/search", RequireReader(h.apiSearch))
	handle("GET /api/suggest", RequireReader(h.apiSuggest))
}

// PageExtension adds to the page view; see PageAddons.
type PageExtension interface {
	PageAddons(r *http.Request, p *wiki.Page) (PageAddons, error)
}

// PageAddons are panels shown beside a page and badges shown next to its
// sections in the outline.
type PageAddons struct {
	Panels        []Panel
	SectionBadges map[string][]Badge
	// Locked, when set, says why the viewer may not rename or delete the
	// page or change its critical marks: the page hides those controls
	// (the store refuses them anyway) and shows this instead.
	Locked string
}

// Add adds b's panels and badges to a; a's Locked, when set, stays.
func (a *PageAddons) Add(b PageAddons) {
	a.Panels = append(a.Panels, b.Panels...)
	if a.SectionBadges == nil {
		a.SectionBadges = map[string][]Badge{}
	}
	for id, badges := range b.SectionBadges {
		a.SectionBadges[id] = append(a.SectionBadges[id], badges...)
	}
	if a.Locked == "" {
		a.Locked = b.Locked
	}
}

// Panel is a box beside the page: a title, lines of text or links, and
// buttons that POST (with hidden fields) or link.
type Panel struct {
	Title   string
	Tone    string // "", "ok", "warn" or "alert"
	Items   []PanelItem
	Actions []Action
}

// PanelItem is a line of a panel, linked when URL is set.
type PanelItem struct {
	Text, URL, Note string
}

// Action is a button: a POST form to URL with Fields when Post is set,
// otherwise a link.
type Action struct {
	Label, URL string
	Post       bool
	Primary    bool
	Fields     map[string]string
}

// Badge is a small label next to a section.
type Badge struct {
	Label, URL, Tone string
}
