package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// Deps are what the quiz handlers need; cmd builds them.
type Deps struct {
	Store *quiz.Store
	// Wiki is the wiki store under Store, for pages and users.
	Wiki  *wiki.Store
	Views *wikiweb.Views
	Log   *slog.Logger
	// Static is the static tree (templates, CSS…), for the crisis kit's
	// template, which is not one of Views' pages.
	Static fs.FS
}

// handlers serves the quiz routes; see the package doc for its files.
type handlers struct {
	Deps
}

// Register adds the quiz package's routes to mux and returns the page
// extension that shows acknowledgement and quiz panels on wiki pages.
func Register(mux *http.ServeMux, d Deps) wikiweb.PageExtension {
	h := &handlers{Deps: d}
	handle := func(pattern string, fn wikiweb.HandlerFunc) { mux.Handle(pattern, d.Views.Handle(fn)) }
	h.registerQuizRoutes(handle)
	h.registerHandoverRoutes(handle)
	h.registerDashboardRoutes(handle)
	return h
}

// PageAddons implements wiki.PageExtension: panels from each area.
func (h *handlers) PageAddons(r *http.Request, p *wiki.Page) (wikiweb.PageAddons, error) {
	all := wikiweb.PageAddons{SectionBadges: map[string][]wikiweb.Badge{}}
	for _, part := range []func(*http.Request, *wiki.Page) (wikiweb.PageAddons, error){h.handoverAddons, h.quizAddons} {
		a, err := part(r, p)
		if err != nil {
			return all, err
		}
		all.Add(a)
	}
	return all, nil
}

// user returns the signed-in user; routes that need one are wrapped in
// wiki.RequireUser.
func user(r *http.Request) *wiki.User { return wikiweb.UserFromContext(r.Context()) }

// idParam parses a numeric path parameter, answering NotFound for garbage.
func idParam(r *http.Request, name string) (uint64, error) {
	id, err := strconv.ParseUint(r.PathValue(name), 10, 64)
	if err != nil || id == 0 {
		return 0, wiki.Errorf(wiki.NotFound, "not found")
	}
	return id, nil
}

// livePage loads the live page named by the request's {path...}.
func (h *handlers) livePage(r *http.Request) (*wiki.Page, error) {
	path, err := wiki.CleanPath(r.PathValue("path"))
	if err != nil {
		return nil, err
	}
	p, err := h.Wiki.Page(path)
	if err != nil || p.Deleted {
		return nil, wiki.Errorf(wiki.NotFound, "there is no page %q", path)
	}
	return p, nil
}
