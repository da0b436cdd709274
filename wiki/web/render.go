package web

import (
	"strings"
	"sync"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/markup"
)

// pageRenderer renders page revisions to HTML and caches the result. Whether
// a [[link]] target exists is part of the output, so the cache is keyed by
// the store's path generation, which changes whenever a page appears,
// disappears or moves.
type pageRenderer struct {
	store *wiki.Store
	// views keeps whole rendered page views; see viewCache.
	views *viewCache
	// live remembers which paths hold live pages; see liveSet.
	live  *liveSet
	mu    sync.Mutex
	gen   uint64
	size  int
	cache map[renderKey]*markup.Result
}

type renderKey struct {
	page     uint64
	rev      int
	critical string
}

// maxRenderCacheBytes bounds the cache's HTML so memory stays flat at any
// wiki size. Whole views (viewCache) hold the rendered HTML again; this
// cache serves their misses (other readers, the next minute).
const maxRenderCacheBytes = 16 << 20

func newPageRenderer(s *wiki.Store) *pageRenderer {
	return &pageRenderer{store: s, views: newViewCache(), live: newLiveSet(s), cache: map[renderKey]*markup.Result{}}
}

// render returns the rendered revision rev (with text md) of page p.
func (pr *pageRenderer) render(p *wiki.Page, rev int, md string) (*markup.Result, error) {
	key := renderKey{page: p.ID, rev: rev, critical: strings.Join(p.Critical, "\x00")}
	gen := pr.store.PathGeneration()
	pr.mu.Lock()
	if pr.gen != gen {
		pr.gen, pr.size = gen, 0
		clear(pr.cache)
	}
	res, ok := pr.cache[key]
	pr.mu.Unlock()
	if ok {
		return res, nil
	}
	res, err := pr.renderNow(p, md)
	if err != nil {
		return nil, err
	}
	pr.mu.Lock()
	if pr.gen == gen {
		pr.size = evictUntil(pr.cache, pr.size, maxRenderCacheBytes-len(res.HTML), func(r *markup.Result) int { return len(r.HTML) })
		pr.cache[key] = res
		pr.size += len(res.HTML)
	}
	pr.mu.Unlock()
	return res, nil
}

func (pr *pageRenderer) renderNow(p *wiki.Page, md string) (*markup.Result, error) {
	critical := map[string]bool{}
	for _, c := range p.Critical {
		critical[c] = true
	}
	var res *markup.Result
	err := pr.store.View(func(tx *wiki.Tx) error {
		var err error
		res, err = markup.Render([]byte(md), markup.Options{Resolve: tx.ResolveLink, Critical: critical})
		return err
	})
	return res, err
}

// evictUntil removes entries of m, in Go's random map order, until the
// sizes of those left total at most limit, and returns that total. Random
// eviction keeps most of a working set that is a little too large, where
// starting over would throw all of it away at once.
func evictUntil[K comparable, V any](m map[K]V, total, limit int, size func(V) int) int {
	for k, v := range m {
		if total <= limit {
			break
		}
		total -= size(v)
		delete(m, k)
	}
	return total
}
