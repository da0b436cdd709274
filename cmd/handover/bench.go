package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handover/handover/wiki"
)

// benchConfig is what `handover bench` measures.
type benchConfig struct {
	Pages    int
	JSON     bool
	Duration time.Duration // of each load run: views, search, saves
	Seed     uint64
	Corpus   string
	Clients  int
	// CPUProfile and MemProfile name files for pprof profiles of the
	// load runs and of the heap after them.
	CPUProfile, MemProfile string
}

// benchResult is the bench's one JSON object (DESIGN.md's contract).
type benchResult struct {
	Pages       int     `json:"pages"`
	ImportS     float64 `json:"import_s"`
	StartupMS   float64 `json:"startup_ms"`
	RSSMB       float64 `json:"rss_mb"`
	ViewRPS     float64 `json:"view_rps"`
	CeilingRPS  float64 `json:"ceiling_rps"`
	ViewRatio   float64 `json:"view_ratio"`
	ViewP99MS   float64 `json:"view_p99_ms"`
	SearchP50MS float64 `json:"search_p50_ms"`
	SearchP99MS float64 `json:"search_p99_ms"`
	SaveP99MS   float64 `json:"save_p99_ms"`
}

// Bench limits: every load run stops after maxRequests requests or the
// configured duration, whichever comes first.
const (
	maxRequests  = 2_000_000
	viewPagePool = 1000 // pages viewed at random (the bare handler holds their bytes)
	saveRate     = 50   // saves a second in the save run
	benchUser    = "bench"
	benchSecret  = "timing runs only, not a secret"
)

func runBench(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlags("bench", env.stderr)
	var cfg benchConfig
	fs.IntVar(&cfg.Pages, "pages", 10000, "number of pages to generate")
	fs.BoolVar(&cfg.JSON, "json", false, "print one JSON object instead of a table")
	fs.DurationVar(&cfg.Duration, "duration", 4*time.Second, "length of each load run (views, search, saves)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated pages and of the request mix")
	fs.StringVar(&cfg.Corpus, "corpus", "", "Markdown tree for words and structure (default: the nearest shared/corpus, else built-in text)")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write a CPU profile of the load runs to this file")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile after the load runs to this file")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	switch {
	case fs.NArg() != 0:
		return usagef("bench takes no arguments")
	case cfg.Pages < 1 || cfg.Pages > 1_000_000:
		return usagef("--pages must be between 1 and 1000000")
	case cfg.Duration <= 0 || cfg.Duration > 10*time.Minute:
		return usagef("--duration must be positive and at most 10m")
	}
	if cfg.Corpus == "" {
		cfg.Corpus = findCorpus()
	}
	cfg.Clients = 16
	b := &benchRun{cfg: cfg, progress: ttyOnly(env.stderr)}
	res, err := b.run(ctx)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if cfg.JSON {
		return json.NewEncoder(env.stdout).Encode(res)
	}
	printBenchTable(env.stdout, res, b)
	return nil
}

// benchRun is one run of the bench: a temporary data directory, the
// program serving it in-process on loopback, and the load clients.
type benchRun struct {
	cfg      benchConfig
	progress io.Writer
	tmp      string
	source   string   // where the words came from
	queries  []string // the search mix
	pages    []genPage

	main    *Main
	ceiling *http.Server
	client  *http.Client
	base    string // the program's URL
	bare    string // the bare handler's URL
	cookie  string // the signed-in session
	token   string // an API token

	viewURLs []string // the pages the view run requests
	saveNote string
	mem      map[string]float64
}

func (b *benchRun) run(ctx context.Context) (*benchResult, error) {
	var err error
	if b.tmp, err = os.MkdirTemp("", "handover-bench-"); err != nil {
		return nil, err
	}
	defer os.RemoveAll(b.tmp)
	defer b.stop()
	res := &benchResult{Pages: b.cfg.Pages}
	steps := []func(context.Context, *benchResult) error{
		b.generate, b.importPages, b.startServer, b.signIn,
		b.startProfile, b.measureViews, b.measureSearch, b.measureSaves, b.stopProfile,
	}
	for _, step := range steps {
		if err := step(ctx, res); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	b.mem = memStatus()
	res.RSSMB = round(b.mem["VmRSS"]/(1<<20), 1)
	return res, nil
}

func (b *benchRun) startProfile(ctx context.Context, res *benchResult) error {
	if b.cfg.CPUProfile == "" {
		return nil
	}
	f, err := os.Create(b.cfg.CPUProfile)
	if err != nil {
		return err
	}
	return pprof.StartCPUProfile(f)
}

func (b *benchRun) stopProfile(ctx context.Context, res *benchResult) error {
	if b.cfg.CPUProfile != "" {
		pprof.StopCPUProfile()
	}
	if b.cfg.MemProfile == "" {
		return nil
	}
	f, err := os.Create(b.cfg.MemProfile)
	if err != nil {
		return err
	}
	return errors.Join(pprof.Lookup("heap").WriteTo(f, 0), f.Close())
}

func (b *benchRun) dataDir() string { return filepath.Join(b.tmp, "data") }

// generate writes the pages as Markdown files and builds the query mix;
// the generator's memory is garbage afterwards, not part of the server.
func (b *benchRun) generate(ctx context.Context, res *benchResult) error {
	g, err := newPageGen(b.cfg.Seed, b.cfg.Corpus)
	if err != nil {
		return err
	}
	b.source = g.source
	bar := newProgressBar(b.progress, "generate")
	if b.pages, err = g.writeTree(filepath.Join(b.tmp, "src"), b.cfg.Pages, bar.Update); err != nil {
		return err
	}
	bar.Done(fmt.Sprintf("%d pages from %s", b.cfg.Pages, g.source))
	b.queries = g.queries(b.pages, 1000)
	runtime.GC()
	return nil
}

// importPages runs the real import (store and index) and adds the bench's
// account and API token.
func (b *benchRun) importPages(ctx context.Context, res *benchResult) error {
	start := time.Now()
	rep, err := importDir(ctx, b.dataDir(), filepath.Join(b.tmp, "src"), "", b.progress)
	if err != nil {
		return err
	}
	res.ImportS = round(time.Since(start).Seconds(), 2)
	if rep.Imported() != b.cfg.Pages {
		return fmt.Errorf("imported %d of %d generated pages (%v)", rep.Imported(), b.cfg.Pages, rep.Skipped)
	}
	store, _, err := openStore(b.dataDir())
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.CreateUser(benchUser, wiki.RoleMember, benchSecret)
	if err != nil {
		return err
	}
	_, b.token, err = store.CreateToken(u.ID, "bench")
	return err
}

// startServer opens the program on the imported data directory (the index
// exists) and serves it; start-up is the time to the first healthy answer.
// Request logs are formatted as in production and discarded.
func (b *benchRun) startServer(ctx context.Context, res *benchResult) error {
	b.client = &http.Client{Timeout: 30 * time.Second,
		Transport:     &http.Transport{MaxIdleConns: 4 * b.cfg.Clients, MaxIdleConnsPerHost: 4 * b.cfg.Clients, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	start := time.Now()
	b.main = &Main{Config: Config{Data: b.dataDir(), Addr: "127.0.0.1:0", ProxyHeader: "X-Forwarded-User"},
		Out: io.Discard, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	if err := b.main.Open(); err != nil {
		return err
	}
	var err error
	b.base, b.main.Server, err = serveLoopback(b.main.Handler)
	if err != nil {
		return err
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if st, _, err := b.get(b.base+"/healthz", false); err == nil && st == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server did not answer /healthz within 10s")
		}
	}
	res.StartupMS = round(float64(time.Since(start).Microseconds())/1000, 1)
	return nil
}

// serveLoopback serves h on a fresh 127.0.0.1 port.
func serveLoopback(h http.Handler) (string, *http.Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), srv, nil
}

func (b *benchRun) stop() {
	if b.ceiling != nil {
		b.ceiling.Close()
	}
	if b.main != nil {
		b.main.Close()
	}
}

// signIn logs in through the login form like a browser.
func (b *benchRun) signIn(ctx context.Context, res *benchResult) error {
	form := "name=" + benchUser + "&password=" + strings.ReplaceAll(benchSecret, " ", "+") + "&next=/"
	req, _ := http.NewRequest(http.MethodPost, b.base+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Value != "" {
			b.cookie = c.Name + "=" + c.Value
		}
	}
	if resp.StatusCode != http.StatusSeeOther || b.cookie == "" {
		return fmt.Errorf("sign in: status %d", resp.StatusCode)
	}
	return nil
}

// get fetches url (signed in when auth), returning the status and, with
// keep, the body.
func (b *benchRun) get(url string, auth bool) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	if auth {
		req.Header.Set("Cookie", b.cookie)
	}
	return b.do(req, true)
}

func (b *benchRun) do(req *http.Request, keep bool) (int, []byte, error) {
	resp, err := b.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	if keep {
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, body, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil, err
}

// measureViews compares signed-in page views with a bare handler serving
// the same bytes, in alternating rounds so both see the same machine.
func (b *benchRun) measureViews(ctx context.Context, res *benchResult) error {
	urls, bodies, err := b.viewPool()
	if err != nil {
		return err
	}
	b.viewURLs = urls
	var bareURL string
	bareURL, b.ceiling, err = serveLoopback(bareHandler(bodies))
	if err != nil {
		return err
	}
	view := func(base string) func(int, uint64) error {
		return func(c int, i uint64) error {
			return b.expect(http.StatusOK, base+urls[(i*7919)%uint64(len(urls))], true)
		}
	}
	bar := newProgressBar(b.progress, "page views")
	var bare, real loadResult
	for round := range 2 {
		d := b.cfg.Duration / 4
		bare.add(runLoad(ctx, b.cfg.Clients, maxRequests, d, view(bareURL), nil))
		real.add(runLoad(ctx, b.cfg.Clients, maxRequests, d, view(b.base), bar.tick(round, 2, d)))
	}
	if err := errorsOf(bare, real); err != nil {
		return err
	}
	res.CeilingRPS, res.ViewRPS = round(bare.rps(), 0), round(real.rps(), 0)
	res.ViewRatio = round(real.rps()/bare.rps(), 3)
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

// bareHandler is the ceiling: net/http writing prepared bytes.
func bareHandler(bodies map[string][]byte) http.Handler {
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

func (b *benchRun) expect(status int, url string, auth bool) error {
	st, _, err := b.getDiscard(url, auth)
	if err == nil && st != status {
		err = fmt.Errorf("GET %s: status %d, want %d", url, st, status)
	}
	return err
}

func (b *benchRun) getDiscard(url string, auth bool) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	if auth {
		req.Header.Set("Cookie", b.cookie)
	}
	return b.do(req, false)
}

// measureSearch runs the query mix through the search page.
func (b *benchRun) measureSearch(ctx context.Context, res *benchResult) error {
	bar := newProgressBar(b.progress, "search")
	r := runLoad(ctx, b.cfg.Clients, maxRequests, b.cfg.Duration, func(c int, i uint64) error {
		q := b.queries[(i*7919+uint64(c))%uint64(len(b.queries))]
		return b.expect(http.StatusOK, b.base+"/search?q="+urlQuery(q), true)
	}, bar.tick(0, 1, b.cfg.Duration))
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
func (b *benchRun) measureSaves(ctx context.Context, res *benchResult) error {
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
	bar := newProgressBar(b.progress, "saves")
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

// runOpenLoop starts do(0) … do(n-1) one every interval, each on its own
// goroutine whether or not the earlier ones have finished, and waits for
// them all.
func runOpenLoop(ctx context.Context, interval time.Duration, n int, do func(i int) error) loadResult {
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	start := time.Now()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var wg sync.WaitGroup
	for i := 0; i < n && ctx.Err() == nil; i++ {
		wg.Go(func() {
			t := time.Now()
			errs[i] = do(i)
			lat[i] = time.Since(t)
		})
		<-tick.C
	}
	wg.Wait()
	return loadResult{elapsed: time.Since(start), lat: lat, err: errors.Join(errs...)}
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

// loadResult is what a load run measured.
type loadResult struct {
	lat     []time.Duration
	elapsed time.Duration
	err     error
}

func (r *loadResult) add(o loadResult) {
	r.lat = append(r.lat, o.lat...)
	r.elapsed += o.elapsed
	if r.err == nil {
		r.err = o.err
	}
}

func (r *loadResult) rps() float64 { return float64(len(r.lat)) / r.elapsed.Seconds() }

// percentile returns the q-quantile latency in milliseconds.
func (r *loadResult) percentile(q float64) float64 {
	if len(r.lat) == 0 {
		return 0
	}
	s := slices.Clone(r.lat)
	slices.Sort(s)
	i := max(int(math.Ceil(q*float64(len(s))))-1, 0)
	return round(float64(s[i].Microseconds())/1000, 2)
}

func errorsOf(rs ...loadResult) error {
	for _, r := range rs {
		if r.err != nil {
			return r.err
		}
		if len(r.lat) == 0 {
			return fmt.Errorf("no request finished")
		}
	}
	return nil
}

// runLoad calls do from clients goroutines until n calls were made, d has
// passed, ctx is done or a call fails. tick, if set, is told the elapsed
// time now and then.
func runLoad(ctx context.Context, clients, n int, d time.Duration, do func(client int, i uint64) error, tick func(time.Duration)) loadResult {
	var next atomic.Uint64
	var failed atomic.Pointer[error]
	lats := make([][]time.Duration, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for failed.Load() == nil && ctx.Err() == nil && time.Since(start) < d {
				i := next.Add(1)
				if i > uint64(n) {
					return
				}
				t := time.Now()
				if err := do(c, i); err != nil {
					failed.CompareAndSwap(nil, &err)
					return
				}
				lats[c] = append(lats[c], time.Since(t))
				if c == 0 && tick != nil {
					tick(time.Since(start))
				}
			}
		})
	}
	wg.Wait()
	r := loadResult{elapsed: time.Since(start), lat: slices.Concat(lats...)}
	if e := failed.Load(); e != nil {
		r.err = *e
	}
	return r
}

// tick adapts the bar to a timed run that is part of of a series of runs
// of length d each.
func (p *progressBar) tick(part, parts int, d time.Duration) func(time.Duration) {
	return func(elapsed time.Duration) {
		p.Update(int((time.Duration(part)*d+elapsed)/time.Millisecond), int(time.Duration(parts)*d/time.Millisecond))
	}
}

// memStatus returns fields of /proc/self/status in bytes (Linux; empty
// elsewhere): VmRSS, and its parts RssAnon (the Go heap and other private
// memory) and RssFile (pages of mapped files: bbolt and bleve segments).
func memStatus() map[string]float64 {
	out := map[string]float64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || !strings.HasSuffix(v, "kB") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "kB")), 64)
		if err == nil {
			out[name] = kb * 1024
		}
	}
	return out
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func urlQuery(q string) string { return url.QueryEscape(q) }

// benchTargets are DESIGN.md's performance targets, which apply at 10,000
// pages on 2 cores.
var benchTargets = []struct {
	name, unit, target string
	value              func(*benchResult) float64
	ok                 func(float64) bool
}{
	{"import", "s", "< 60 s", func(r *benchResult) float64 { return r.ImportS }, func(v float64) bool { return v < 60 }},
	{"start-up", "ms", "< 1000 ms", func(r *benchResult) float64 { return r.StartupMS }, func(v float64) bool { return v < 1000 }},
	{"RSS", "MB", "< 150 MB", func(r *benchResult) float64 { return r.RSSMB }, func(v float64) bool { return v < 150 }},
	{"page view / bare handler", "", "≥ 0.5", func(r *benchResult) float64 { return r.ViewRatio }, func(v float64) bool { return v >= 0.5 }},
	{"search p99", "ms", "< 20 ms", func(r *benchResult) float64 { return r.SearchP99MS }, func(v float64) bool { return v < 20 }},
	{"save p99", "ms", "< 50 ms", func(r *benchResult) float64 { return r.SaveP99MS }, func(v float64) bool { return v < 50 }},
}

func printBenchTable(w io.Writer, r *benchResult, b *benchRun) {
	fmt.Fprintf(w, "handover bench: %d pages from %s, %d clients, %d cores\n\n", r.Pages, b.source, b.cfg.Clients, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "%-26s %12s   %-10s %s\n", "measure", "value", "target", "")
	for _, t := range benchTargets {
		v := t.value(r)
		verdict := "FAIL"
		if t.ok(v) {
			verdict = "ok"
		}
		fmt.Fprintf(w, "%-26s %9.2f %-2s   %-10s %s\n", t.name, v, t.unit, t.target, verdict)
	}
	fmt.Fprintf(w, "\n%-26s %9.0f req/s (bare handler %.0f req/s, p99 %.2f ms)\n", "page views", r.ViewRPS, r.CeilingRPS, r.ViewP99MS)
	fmt.Fprintf(w, "%-26s %9.2f ms\n", "search p50", r.SearchP50MS)
	fmt.Fprintf(w, "%-26s %s\n", "saves", b.saveNote)
	fmt.Fprintf(w, "%-26s %9.1f MB anonymous (Go heap…), %.1f MB mapped files (bbolt, bleve)\n", "RSS parts",
		b.mem["RssAnon"]/(1<<20), b.mem["RssFile"]/(1<<20))
	if r.Pages != 10000 {
		fmt.Fprintln(w, "\nThe targets are set for 10,000 pages on 2 cores (DESIGN.md).")
	}
}
