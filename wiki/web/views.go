package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/handover/handover/wiki"
)

// Base is embedded in every page's data struct; Views.Render fills in the
// request-specific fields.
type Base struct {
	Title      string
	User       *wiki.User
	Flash      []string
	PublicRead bool
	// Query is shown in the header search box.
	Query string
	// Nav names the active top-level section ("wiki", "recent", "search", …).
	Nav string
	// Folder is the folder of the page shown, where "New page" puts a
	// page unless told otherwise ("" for the top level).
	Folder string
}

func (b *Base) base() *Base { return b }

type baser interface{ base() *Base }

// Views renders the HTML templates of static/templates. Every page template
// is parsed together with layout.html and the partials; in dev mode they are
// re-parsed on each request so edits show without a restart.
type Views struct {
	fsys     fs.FS
	dev      bool
	sessions *Sessions
	log      *slog.Logger
	funcs    template.FuncMap

	mu   sync.RWMutex
	sets *templateSet
	// assetVersion maps a static file name to a short content hash used as
	// a cache-busting query string.
	assetVersion map[string]string
}

// NewViews parses all templates in fsys (the static tree: templates/, css/,
// js/, img/), failing fast on any template error.
func NewViews(fsys fs.FS, dev bool, sessions *Sessions, log *slog.Logger, extra template.FuncMap) (*Views, error) {
	v := &Views{fsys: fsys, dev: dev, sessions: sessions, log: log}
	v.funcs = v.funcMap()
	for name, fn := range extra {
		v.funcs[name] = fn
	}
	if err := v.load(); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Views) load() error {
	versions, err := hashAssets(v.fsys)
	if err != nil {
		return err
	}
	v.mu.Lock()
	v.assetVersion = versions
	v.mu.Unlock()
	pages, err := v.parse()
	if err != nil {
		return err
	}
	v.mu.Lock()
	v.sets = newTemplateSet(pages)
	v.mu.Unlock()
	return nil
}

func (v *Views) parse() (map[string]*template.Template, error) {
	common, err := template.New("layout.html").Funcs(v.funcs).ParseFS(v.fsys, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(v.fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*template.Template, len(names))
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		t, err := template.Must(common.Clone()).ParseFS(v.fsys, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[base] = t
	}
	return pages, nil
}

func hashAssets(fsys fs.FS) (map[string]string, error) {
	versions := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "templates/") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		versions[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("hash static assets: %w", err)
	}
	return versions, nil
}

// Asset returns the URL of a static file with its content hash, so it can
// be cached for a long time.
func (v *Views) Asset(name string) string {
	v.mu.RLock()
	ver := v.assetVersion[name]
	v.mu.RUnlock()
	return "/static/" + name + "?v=" + ver
}

// Render executes page template name with data into a buffer and writes it
// with status. data must be a pointer to a struct embedding Base.
func (v *Views) Render(w http.ResponseWriter, r *http.Request, status int, name string, data baser) error {
	if v.dev {
		if err := v.load(); err != nil {
			return err
		}
	}
	v.fillBase(w, r, data.base())
	v.mu.RLock()
	sets := v.sets
	v.mu.RUnlock()
	t, err := sets.page(name, ReaderZone(r))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if data.base().User != nil {
		w.Header().Set("Cache-Control", "private, no-cache")
	}
	w.WriteHeader(status)
	_, err = buf.WriteTo(w)
	return err
}

func (v *Views) fillBase(w http.ResponseWriter, r *http.Request, b *Base) {
	b.User = UserFromContext(r.Context())
	b.PublicRead = publicRead(r)
	if v.sessions != nil && !ViaToken(r.Context()) {
		b.Flash = append(b.Flash, v.sessions.popFlash(w, r)...)
	}
}

// Flash stores a message for the next page the user sees.
func (v *Views) Flash(w http.ResponseWriter, r *http.Request, msg string) {
	if v.sessions != nil {
		v.sessions.AddFlash(w, r, msg)
	}
}

// Log returns the views' logger.
func (v *Views) Log() *slog.Logger { return v.log }
