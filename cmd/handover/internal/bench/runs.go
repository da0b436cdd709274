package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/handover/handover/cmd/handover/internal/loopback"
	"github.com/handover/handover/cmd/handover/internal/measure"
	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

// measureViews compares signed-in page views with a bare handler serving
// the same bytes, in alternating rounds so both see the same machine.
func (b *benchRun) measureViews(ctx context.Context, res *Result) error {
	urls, bodies, err := b.viewPool()
	if err != nil {
		return err
	}
	b.viewURLs = urls
	var bareURL string
	bareURL, b.ceiling, err = loopback.Serve(BareHandler(bodies))
	if err != nil {
		return err
	}
	view := func(base string) func(int, uint64) error {
		return func(c int, i uint64) error {
			return b.expect(http.StatusOK, base+urls[(i*7919)%uint64(len(urls))], true)
		}
	}
	bar := tty.NewBar(b.progress, "page views")
	var bare, real loadResult
	for round := range 2 {
		d := b.cfg.Duration / 4
		bare.add(runLoad(ctx, b.cfg.Clients, maxRequests, d, view(bareURL), nil))
		real.add(runLoad(ctx, b.cfg.Clients, maxRequests, d, view(b.base), bar.Tick(round, 2, d)))
	}
	if err := errorsOf(bare, real); err != nil {
		return err
	}
	res.CeilingRPS, res.ViewRPS = measure.Round(bare.rps(), 0), measure.Round(real.rps(), 0)
	res.ViewRatio = measure.Round(real.rps()/bare.rps(), 3)
	res.ViewP99MS = real.percentile(0.99)
	bar.Done(fmt.Sprintf("%.0f req/s, %.0f%% of the bare handler", res.ViewRPS, 100*res.ViewRatio))
	return nil
}

// viewPool fetches the pages the view run requests: their URLs and, by
// URL path, the bytes the bare handler serves.
func (b *benchRun) viewPool() ([]string, map[string][]byte, error) {
	n := min(viewPagePool, len(b.pages))
	urls := make([]string, n)
	bodies := make(map[string][]byte, n)
	for i := range n {
		p := b.pages[(i*104729)%len(b.pages)]
		urls[i] = wiki.PageURL(p.Path)
		st, body, err := b.get(b.base+urls[i], true)
		if err == nil && st != http.StatusOK {
			err = fmt.Errorf("GET %s: status %d", urls[i], st)
		}
		if err != nil {
			return nil, nil, err
		}
		bodies[urls[i]] = body
	}
	return urls, bodies, nil
}

// BareHandler is the ceiling of page views: net/http writing the prepared
// bytes of bodies, by URL path.
func BareHandler(bodies map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	})
}

// measureSearch runs the query mix through the search page.
func (b *benchRun) measureSearch(ctx context.Context, res *Result) error {
	bar := tty.NewBar(b.progress, "search")
	r := runLoad(ctx, b.cfg.Clients, maxRequests, b.cfg.Duration, func(c int, i uint64) error {
		q := b.queries[(i*7919+uint64(c))%uint64(len(b.queries))]
		return b.expect(http.StatusOK, b.base+"/search?q="+urlQuery(q), true)
	}, bar.Tick(0, 1, b.cfg.Duration))
	if err := errorsOf(r); err != nil {
		return err
	}
	res.SearchP50MS, res.SearchP99MS = r.percentile(0.50), r.percentile(0.99)
	bar.Done(fmt.Sprintf("%d searches, p50 %.1f ms, p99 %.1f ms", len(r.lat), res.SearchP50MS, res.SearchP99MS))
	return nil
}

// measureSaves edits pages through the JSON API with an API token while
// the server is busy. Saves arrive at a fixed rate, saveRate a second
// (thousands a minute: far more than any wiki sees), each on its own
// page, whatever the earlier ones are doing (an open loop: a latency
// target is about one save while others work, not about how many saves
// fit back to back); meanwhile the other clients view and search as fast
// as they can.
func (b *benchRun) measureSaves(ctx context.Context, res *Result) error {
	n := max(int(b.cfg.Duration.Seconds()*saveRate), 20)
	edits, err := b.savePool(n)
	if err != nil {
		return err
	}
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	reads := make(chan loadResult, 1)
	go func() {
		reads <- runLoad(readCtx, b.cfg.Clients-1, maxRequests, 10*time.Minute, b.read, nil)
	}()
	bar := tty.NewBar(b.progress, "saves")
	r := runOpenLoop(ctx, time.Second/saveRate, len(edits), func(i int) error {
		bar.Update(i, len(edits))
		return edits[i].save(b, uint64(i))
	})
	stopReading()
	rr := <-reads
	if err := errorsOf(r); err != nil {
		return err
	}
	if rr.err != nil {
		return rr.err
	}
	res.SaveP99MS = r.percentile(0.99)
	b.saveNote = fmt.Sprintf("%d saves, %d a second, while %d clients read (%d requests)", len(r.lat), saveRate, b.cfg.Clients-1, len(rr.lat))
	bar.Done(fmt.Sprintf("%d saves, p99 %.1f ms", len(r.lat), res.SaveP99MS))
	return nil
}

// read is a reader's request while others save: a page view or a search.
func (b *benchRun) read(c int, i uint64) error {
	if i%2 == 0 {
		return b.expect(http.StatusOK, b.base+b.viewURLs[(i*7919)%uint64(len(b.viewURLs))], true)
	}
	q := b.queries[(i*7919)%uint64(len(b.queries))]
	return b.expect(http.StatusOK, b.base+"/search?q="+urlQuery(q), true)
}

// pageEdit is a page the save run edits: its text and revision.
type pageEdit struct {
	path     string
	markdown string
	revision int
}

// savePool returns n pages to save once each, with their current text
// and revision (the last pages: not the ones viewed first).
func (b *benchRun) savePool(n int) ([]*pageEdit, error) {
	var pool []*pageEdit
	for j := range min(n, len(b.pages)) {
		p := b.pages[len(b.pages)-1-j]
		st, body, err := b.apiGet(p.Path)
		if err != nil || st != http.StatusOK {
			return nil, fmt.Errorf("GET /api/pages/%s: status %d, %v", p.Path, st, err)
		}
		var page struct {
			Markdown string `json:"markdown"`
			Revision int    `json:"revision"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, err
		}
		pool = append(pool, &pageEdit{path: p.Path, markdown: page.Markdown, revision: page.Revision})
	}
	return pool, nil
}

func (b *benchRun) apiGet(path string) (int, []byte, error) {
	req, _ := http.NewRequest(http.MethodGet, b.base+"/api/pages/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.do(req, true)
}

// save puts a new revision of the page with a line appended.
func (e *pageEdit) save(b *benchRun, i uint64) error {
	body, _ := json.Marshal(map[string]any{"markdown": e.markdown + "\nEdit " + strconv.FormatUint(i, 10) + ".\n",
		"base_revision": e.revision, "comment": "bench edit"})
	req, _ := http.NewRequest(http.MethodPut, b.base+"/api/pages/"+e.path, strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+b.token)
	req.Header.Set("Content-Type", "application/json")
	st, resp, err := b.do(req, true)
	if err == nil && st != http.StatusOK {
		err = fmt.Errorf("PUT /api/pages/%s: status %d: %s", e.path, st, resp)
	}
	if err == nil {
		e.revision++
	}
	return err
}

func urlQuery(q string) string { return url.QueryEscape(q) }
