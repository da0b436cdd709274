// Package bench is `handover bench`: it generates pages, imports them,
// serves them in-process on loopback and measures import, start-up, page
// views (against a bare handler serving the same bytes), search and saves
// against DESIGN.md's performance targets.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/handover/handover/cmd/handover/internal/loopback"
	"github.com/handover/handover/cmd/handover/internal/measure"
	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// Config is what the bench measures.
type Config struct {
	Pages    int
	Duration time.Duration // of each load run: views, search, saves
	Seed     uint64
	Corpus   string // a Markdown tree to learn from, or "" for built-in text
	Clients  int    // concurrent clients of the load runs
	// CPUProfile and MemProfile name files for pprof profiles of the
	// load runs and of the heap after them.
	CPUProfile, MemProfile string
}

// Result is the bench's one JSON object (DESIGN.md's contract).
type Result struct {
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

// Program is what the bench needs of the program it measures; main
// provides it.
type Program struct {
	// Import imports the Markdown tree src into the data directory
	// dataDir under prefix and brings its search index up to date, as
	// `handover import` does, drawing progress bars on progress.
	Import func(ctx context.Context, dataDir, src, prefix string, progress io.Writer) (*wiki.ImportReport, error)
	// OpenStore opens the database of a data directory with every
	// package's buckets.
	OpenStore func(dataDir string) (*wiki.Store, *quiz.Store, error)
	// Open opens the program on a data directory whose index exists, as
	// the server does but without listening: its handler, and what closes
	// it once the handler is no longer served.
	Open func(dataDir string) (http.Handler, io.Closer, error)
}

// Run runs the bench, drawing progress bars on progress. An error means
// the run could not be made or a request failed.
func Run(ctx context.Context, cfg Config, prog Program, progress io.Writer) (*Report, error) {
	b := &benchRun{cfg: cfg, prog: prog, progress: progress}
	res, err := b.run(ctx)
	if err != nil {
		return nil, err
	}
	return &Report{Result: *res, source: b.source, clients: cfg.Clients, saveNote: b.saveNote, mem: b.mem}, nil
}

// benchRun is one run of the bench: a temporary data directory, the
// program serving it in-process on loopback, and the load clients.
type benchRun struct {
	cfg      Config
	prog     Program
	progress io.Writer
	tmp      string
	source   string   // where the words came from
	queries  []string // the search mix
	pages    []pagegen.Page

	app     io.Closer    // the program
	server  *http.Server // serving it
	ceiling *http.Server
	client  *http.Client
	base    string // the program's URL
	cookie  string // the signed-in session
	token   string // an API token

	viewURLs []string // the pages the view run requests
	saveNote string
	mem      map[string]float64
}

func (b *benchRun) run(ctx context.Context) (*Result, error) {
	var err error
	if b.tmp, err = os.MkdirTemp("", "handover-bench-"); err != nil {
		return nil, err
	}
	defer os.RemoveAll(b.tmp)
	defer b.stop()
	res := &Result{Pages: b.cfg.Pages}
	steps := []func(context.Context, *Result) error{
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
	b.mem = measure.MemStatus()
	res.RSSMB = measure.Round(b.mem["VmRSS"]/(1<<20), 1)
	return res, nil
}

func (b *benchRun) startProfile(ctx context.Context, res *Result) error {
	if b.cfg.CPUProfile == "" {
		return nil
	}
	f, err := os.Create(b.cfg.CPUProfile)
	if err != nil {
		return err
	}
	return pprof.StartCPUProfile(f)
}

func (b *benchRun) stopProfile(ctx context.Context, res *Result) error {
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
func (b *benchRun) generate(ctx context.Context, res *Result) error {
	g, err := pagegen.New(b.cfg.Seed, b.cfg.Corpus)
	if err != nil {
		return err
	}
	b.source = g.Source()
	bar := tty.NewBar(b.progress, "generate")
	if b.pages, err = g.WriteTree(filepath.Join(b.tmp, "src"), b.cfg.Pages, bar.Update); err != nil {
		return err
	}
	bar.Done(fmt.Sprintf("%d pages from %s", b.cfg.Pages, g.Source()))
	b.queries = g.Queries(b.pages, 1000)
	runtime.GC()
	return nil
}

// importPages runs the real import (store and index) and adds the bench's
// account and API token.
func (b *benchRun) importPages(ctx context.Context, res *Result) error {
	start := time.Now()
	rep, err := b.prog.Import(ctx, b.dataDir(), filepath.Join(b.tmp, "src"), "", b.progress)
	if err != nil {
		return err
	}
	res.ImportS = measure.Round(time.Since(start).Seconds(), 2)
	if rep.Imported() != b.cfg.Pages {
		return fmt.Errorf("imported %d of %d generated pages (%v)", rep.Imported(), b.cfg.Pages, rep.Skipped)
	}
	store, _, err := b.prog.OpenStore(b.dataDir())
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
func (b *benchRun) startServer(ctx context.Context, res *Result) error {
	b.client = &http.Client{Timeout: 30 * time.Second,
		Transport:     &http.Transport{MaxIdleConns: 4 * b.cfg.Clients, MaxIdleConnsPerHost: 4 * b.cfg.Clients, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	start := time.Now()
	h, app, err := b.prog.Open(b.dataDir())
	if err != nil {
		return err
	}
	b.app = app
	if b.base, b.server, err = loopback.Serve(h); err != nil {
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
	res.StartupMS = measure.Round(float64(time.Since(start).Microseconds())/1000, 1)
	return nil
}

// stop closes the ceiling, then the program as a graceful shutdown does:
// the server first, finishing requests.
func (b *benchRun) stop() {
	if b.ceiling != nil {
		b.ceiling.Close()
	}
	if b.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		b.server.Shutdown(ctx)
		cancel()
	}
	if b.app != nil {
		b.app.Close()
	}
}

// signIn logs in through the login form like a browser.
func (b *benchRun) signIn(ctx context.Context, res *Result) error {
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
