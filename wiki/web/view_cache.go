package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"github.com/handover/handover/wiki"
)

// viewCache keeps rendered page views. A page view is a function of the
// database (pages, links, users, quiz state: all of it in bbolt), the
// reader and the reader's time zone, the URL and the clock (relative
// times, review badges). So a view is kept per (reader, zone, URL) within
// a generation of (bbolt transaction ID, minute): any commit, or the next
// minute, starts an empty cache, and a kept view is exactly what rendering it again would give. Views that set
// a cookie or show flash messages are never kept. Rendering a page walks
// html/template over its outline, header and side panels, which costs
// several times what serving the bytes does; most views repeat.
type viewCache struct {
	mu      sync.Mutex
	gen     viewGen
	size    int
	entries map[viewKey]*cachedView
}

// viewGen is a state of the database and the minute, on the store's clock
// (review badges) and the wall clock (relative times).
type viewGen struct {
	txid          uint64
	minute, clock int64
}

type viewKey struct {
	user uint64
	// zone is the reader's time zone: one reader's browsers may differ
	// (ZoneCookie).
	zone string
	uri  string
}

type cachedView struct {
	contentType, cacheControl string
	body                      []byte
}

// maxViewCacheBytes bounds the kept views; when full, random ones go.
const maxViewCacheBytes = 24 << 20

func newViewCache() *viewCache {
	return &viewCache{entries: map[viewKey]*cachedView{}}
}

// viewGeneration is the database's state and the minute. Read it before
// anything the view shows, so that a view is never kept under a newer
// state than the one it shows.
func viewGeneration(s *wiki.Store) viewGen {
	return viewGen{txid: s.LastTxID(), minute: s.Now().Unix() / 60, clock: time.Now().Unix() / 60}
}

// newer reports whether g is a later state than o.
func (g viewGen) newer(o viewGen) bool {
	if g.txid != o.txid {
		return g.txid > o.txid
	}
	return g.minute > o.minute || (g.minute == o.minute && g.clock > o.clock)
}

func (c *viewCache) get(gen viewGen, key viewKey) *cachedView {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return nil
	}
	return c.entries[key]
}

func (c *viewCache) put(gen viewGen, key viewKey, v *cachedView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		if !gen.newer(c.gen) {
			return // rendered from an older state than the cache holds
		}
		c.gen, c.size = gen, 0
		clear(c.entries)
	}
	c.size = evictUntil(c.entries, c.size, maxViewCacheBytes-len(v.body), func(v *cachedView) int { return len(v.body) })
	c.entries[key] = v
	c.size += len(v.body)
}

func (v *cachedView) write(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", v.contentType)
	if v.cacheControl != "" {
		h.Set("Cache-Control", v.cacheControl)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(v.body)
}

// keepable returns the recorded response as a cachedView, or nil when it
// must not be kept: not a 200, or it sets a cookie.
func keepable(rec *Recorder) *cachedView {
	h := rec.Header()
	if rec.Status != http.StatusOK || h.Get("Set-Cookie") != "" {
		return nil
	}
	return &cachedView{contentType: h.Get("Content-Type"), cacheControl: h.Get("Cache-Control"),
		body: bytes.Clone(rec.Body.Bytes())}
}

// cachedView serves r from the view cache, or renders it with render and
// keeps the result when it may.
func (h *handlers) cachedView(w http.ResponseWriter, r *http.Request, render HandlerFunc) error {
	if h.Views.dev || r.Method != http.MethodGet || h.Sessions.hasFlash(r) {
		return render(w, r)
	}
	gen := viewGeneration(h.Store)
	key := viewKey{zone: ReaderZone(r).Name(), uri: r.URL.RequestURI()}
	if u := UserFromContext(r.Context()); u != nil {
		key.user = u.ID
	}
	if v := h.renderer.views.get(gen, key); v != nil {
		v.write(w)
		return nil
	}
	rec := &Recorder{ResponseWriter: w, Keep: true}
	if err := render(rec, r); err != nil {
		return err
	}
	if v := keepable(rec); v != nil {
		h.renderer.views.put(gen, key, v)
	}
	return nil
}
