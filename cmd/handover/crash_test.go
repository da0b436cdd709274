package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handover/handover/cmd/handover/internal/loopback"
	"github.com/handover/handover/wiki/web/webtest"
)

// The crash test runs the real binary, saves pages through the JSON API
// from several clients at once, and kills the server with SIGKILL at
// random moments. After the last restart every save that was answered
// with 200 must be there with its exact text, be found by search, and
// `handover check` must pass on the stopped data directory.
const (
	crashKills   = 5
	crashWriters = 4
	// Each kill comes a random 100–800 ms after the saves begin.
	crashMinLoad = 100 * time.Millisecond
	crashMaxLoad = 800 * time.Millisecond
	// A writer stops after this many saves in one cycle whatever happens.
	crashMaxSaves = 5000
)

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handover binary and kills it several times; skipped with -short")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	token := crashAccount(t, bin, data)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	acked := &crashLog{}
	var logs []*serverProc
	for cycle := range crashKills {
		srv := startServerProc(t, bin, data)
		logs = append(logs, srv)
		load := crashMinLoad + time.Duration(rng.Int64N(int64(crashMaxLoad-crashMinLoad)))
		runCrashCycle(t, srv, token, cycle, load, acked)
	}
	srv := startServerProc(t, bin, data)
	logs = append(logs, srv)
	waitIndexed(t, srv.base)
	verifyOverHTTP(t, srv.base, token, acked)
	if code := srv.stop(t); code != 0 {
		t.Errorf("server after SIGTERM: exit %d, want 0", code)
	}
	verifyStopped(t, bin, data, acked)
	checkServerLogs(t, logs)
	t.Logf("%d kills survived; %d saves acknowledged (%d new pages, %d updates), all present with their text and found by search",
		crashKills, len(acked.creates)+len(acked.updates), len(acked.creates), len(acked.updates))
}

// buildBinary builds cmd/handover into a temporary directory, with the
// race detector when this test binary has it (so the build reuses the
// packages `go test -race` compiled).
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is not on PATH, so the binary cannot be built: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "handover")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	start := time.Now()
	out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built %s in %v (race detector: %v)", bin, time.Since(start).Round(time.Millisecond), raceEnabled())
	return bin
}

func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// execCLI runs the binary with args and stdin, failing the test unless it
// exits 0; it returns stdout.
func execCLI(t *testing.T, bin, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("handover %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// crashAccount adds a member and an API token with the CLI on the stopped
// data directory, and returns the token.
func crashAccount(t *testing.T, bin, data string) string {
	t.Helper()
	execCLI(t, bin, webtest.Password+"\n", "user", "add", "--data", data, "--role", "member", "writer")
	token := strings.TrimSpace(execCLI(t, bin, "", "token", "add", "--data", data, "writer"))
	if token == "" || strings.ContainsAny(token, " \n") {
		t.Fatalf("token add printed %q, want one token", token)
	}
	return token
}

// serverProc is a running `handover serve` process.
type serverProc struct {
	cmd    *exec.Cmd
	base   string
	log    *procLog
	exited chan struct{}
}

// startServerProc starts the server on a free loopback port (port 0; the
// address comes from its "listening" log line) and waits until it is
// healthy.
func startServerProc(t *testing.T, bin, data string) *serverProc {
	t.Helper()
	s := &serverProc{log: &procLog{listening: make(chan string, 1)}, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start server: %v", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() { s.kill() })
	select {
	case s.base = <-s.log.listening:
	case <-s.exited:
		t.Fatalf("the server exited before listening:\n%s", s.log.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not log \"listening\" within 30s:\n%s", s.log.String())
	}
	if err := loopback.WaitHealthy(s.base, make(chan error, 1), 30*time.Second); err != nil {
		t.Fatal(err)
	}
	return s
}

// kill ends the process with SIGKILL (a crash) and waits for it.
func (s *serverProc) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// stop ends the process with SIGTERM and returns its exit code.
func (s *serverProc) stop(t *testing.T) int {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		t.Errorf("the server did not stop within 30s of SIGTERM")
		s.kill()
	}
	return s.cmd.ProcessState.ExitCode()
}

// procLog collects a process's stderr (its JSON log) and reports the
// URL of the first "listening" line.
type procLog struct {
	mu        sync.Mutex
	buf       bytes.Buffer
	partial   []byte
	listening chan string
}

func (l *procLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		var rec struct{ Msg, URL string }
		if json.Unmarshal(l.partial[:i], &rec) == nil && rec.Msg == "listening" {
			select {
			case l.listening <- rec.URL:
			default:
			}
		}
		l.partial = l.partial[i+1:]
	}
}

func (l *procLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// crashLog records the saves the server acknowledged.
type crashLog struct {
	mu      sync.Mutex
	creates []crashSave
	updates []crashSave
}

// crashSave is one acknowledged save: the page, the revision it became,
// its text, and the unique word in that text.
type crashSave struct {
	path, markdown, word string
	revision             int
}

func (l *crashLog) add(s crashSave, update bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if update {
		l.updates = append(l.updates, s)
	} else {
		l.creates = append(l.creates, s)
	}
}

// runCrashCycle saves from crashWriters clients until SIGKILL, load after
// the start.
func runCrashCycle(t *testing.T, srv *serverProc, token string, cycle int, load time.Duration, acked *crashLog) {
	t.Helper()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range crashWriters {
		cw := &crashWriter{t: t, base: srv.base, token: token, cycle: cycle, writer: w, acked: acked,
			client: &http.Client{Timeout: 10 * time.Second}}
		wg.Go(func() { cw.run(stop) })
	}
	time.Sleep(load) // the moment of the crash is the point of the test
	srv.kill()
	close(stop)
	wg.Wait()
}

// crashWriter is one client saving pages: mostly new pages, and every
// fourth save a new revision of its own log page.
type crashWriter struct {
	t             *testing.T
	base, token   string
	cycle, writer int
	acked         *crashLog
	client        *http.Client
	logRevision   int
}

func (w *crashWriter) logPath() string { return fmt.Sprintf("crash/writer-%d/log", w.writer) }

func (w *crashWriter) run(stop <-chan struct{}) {
	// The log page may be at a revision this writer never heard of: a
	// save can commit just before a kill that cuts off its answer.
	if !w.readLogRevision() {
		return
	}
	for n := range crashMaxSaves {
		select {
		case <-stop:
			return
		default:
		}
		var ok bool
		if n%4 == 3 {
			ok = w.updateLog(n)
		} else {
			ok = w.create(n)
		}
		if !ok {
			return // the server is gone
		}
	}
}

// crashWord is a word that appears in one save only: letters, so that
// the analyser keeps it whole.
func crashWord(cycle, writer, n int) string {
	id := (cycle*crashWriters+writer)*crashMaxSaves + n
	var b strings.Builder
	b.WriteString("crashword")
	for range 6 {
		b.WriteByte(byte('a' + id%26))
		id /= 26
	}
	return b.String()
}

func (w *crashWriter) create(n int) bool {
	word := crashWord(w.cycle, w.writer, n)
	s := crashSave{path: fmt.Sprintf("crash/c%d/w%d/p%d", w.cycle, w.writer, n), word: word,
		markdown: fmt.Sprintf("# Save %d of writer %d in cycle %d\n\nThe unique word is %s.\n\n## Details\n\nNothing else.\n", n, w.writer, w.cycle, word)}
	status, rev, ok := w.put(s.path, s.markdown, 0)
	if ok && status == http.StatusOK {
		s.revision = rev
		w.acked.add(s, false)
	} else if ok {
		w.t.Errorf("PUT %s (new page) = %d, want 200", s.path, status)
	}
	return ok && status == http.StatusOK
}

func (w *crashWriter) updateLog(n int) bool {
	word := crashWord(w.cycle, w.writer, n)
	s := crashSave{path: w.logPath(), word: word,
		markdown: fmt.Sprintf("# Log of writer %d\n\nEntry %d of cycle %d: %s.\n", w.writer, n, w.cycle, word)}
	status, rev, ok := w.put(s.path, s.markdown, w.logRevision)
	if ok && status == http.StatusOK {
		w.logRevision, s.revision = rev, rev
		w.acked.add(s, true)
	} else if ok {
		w.t.Errorf("PUT %s at base revision %d = %d, want 200", s.path, w.logRevision, status)
	}
	return ok && status == http.StatusOK
}

// put saves a page; ok is false when no answer came (the server died).
func (w *crashWriter) put(path, markdown string, base int) (status, revision int, ok bool) {
	body, _ := json.Marshal(map[string]any{"markdown": markdown, "base_revision": base, "comment": "crash test"})
	req, _ := http.NewRequest(http.MethodPut, w.base+"/api/pages/"+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+w.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.client.Do(req)
	if err != nil {
		return 0, 0, false
	}
	defer resp.Body.Close()
	var page struct{ Revision int }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		return 0, 0, false // cut off mid-answer: not acknowledged
	}
	return resp.StatusCode, page.Revision, true
}

func (w *crashWriter) readLogRevision() bool {
	status, page, err := getAPIPage(w.client, w.base, w.token, w.logPath())
	switch {
	case err != nil:
		return false
	case status == http.StatusNotFound:
		w.logRevision = 0
	case status == http.StatusOK:
		w.logRevision = page.Revision
	default:
		w.t.Errorf("GET %s = %d, want 200 or 404", w.logPath(), status)
		return false
	}
	return true
}

// apiPageBody is what the tests read of GET /api/pages.
type apiPageBody struct {
	Markdown string `json:"markdown"`
	Revision int    `json:"revision"`
}

func getAPIPage(c *http.Client, base, token, path string) (int, *apiPageBody, error) {
	req, _ := http.NewRequest(http.MethodGet, base+"/api/pages/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var page apiPageBody
	if resp.StatusCode == http.StatusOK {
		err = json.NewDecoder(resp.Body).Decode(&page)
	}
	return resp.StatusCode, &page, err
}

// waitIndexed polls /metrics until the index has applied every change
// and is not being rebuilt.
func waitIndexed(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		lag, rebuilding, err := indexMetrics(base)
		if err == nil && lag == 0 && rebuilding == 0 {
			return
		}
		last = fmt.Sprintf("lag %d, rebuilding %d, err %v", lag, rebuilding, err)
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the index did not catch up within 60s: %s", last)
}

func indexMetrics(base string) (lag, rebuilding int, err error) {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return -1, -1, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	lag, rebuilding = -1, -1
	for line := range strings.Lines(string(body)) {
		name, value, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch name {
		case "handover_index_lag":
			lag, _ = strconv.Atoi(value)
		case "handover_index_rebuilding":
			rebuilding, _ = strconv.Atoi(value)
		}
	}
	if err == nil && (lag < 0 || rebuilding < 0) {
		err = fmt.Errorf("/metrics lacks handover_index_lag or handover_index_rebuilding")
	}
	return lag, rebuilding, err
}

// verifyOverHTTP checks every acknowledged new page's text and that search
// finds it, and the log pages' latest revisions.
func verifyOverHTTP(t *testing.T, base, token string, acked *crashLog) {
	t.Helper()
	if len(acked.creates) < crashKills {
		t.Fatalf("only %d new pages were acknowledged in %d cycles; the load did not run", len(acked.creates), crashKills)
	}
	c := &http.Client{Timeout: 10 * time.Second}
	for _, s := range acked.creates {
		checkPageText(t, c, base, token, s)
		checkFound(t, c, base, token, s)
	}
	for _, s := range lastUpdates(acked.updates) {
		status, page, err := getAPIPage(c, base, token, s.path)
		switch {
		case err != nil || status != http.StatusOK:
			t.Errorf("GET %s = %d, %v; want 200", s.path, status, err)
		case page.Revision < s.revision:
			t.Errorf("GET %s: revision %d, want at least the acknowledged %d", s.path, page.Revision, s.revision)
		case page.Revision == s.revision:
			checkPageText(t, c, base, token, s)
			checkFound(t, c, base, token, s)
		}
	}
}

// lastUpdates returns the last acknowledged update of each page.
func lastUpdates(updates []crashSave) []crashSave {
	last := map[string]crashSave{}
	for _, s := range updates {
		if s.revision > last[s.path].revision {
			last[s.path] = s
		}
	}
	out := make([]crashSave, 0, len(last))
	for _, s := range last {
		out = append(out, s)
	}
	return out
}

func checkPageText(t *testing.T, c *http.Client, base, token string, s crashSave) {
	t.Helper()
	status, page, err := getAPIPage(c, base, token, s.path)
	if err != nil || status != http.StatusOK {
		t.Errorf("GET /api/pages/%s = %d, %v; want 200 (the save was acknowledged)", s.path, status, err)
		return
	}
	if page.Markdown != s.markdown {
		t.Errorf("GET /api/pages/%s: markdown = %q, want %q", s.path, page.Markdown, s.markdown)
	}
}

func checkFound(t *testing.T, c *http.Client, base, token string, s crashSave) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/search?limit=20&q="+url.QueryEscape(s.word), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		t.Errorf("search %q: %v", s.word, err)
		return
	}
	defer resp.Body.Close()
	var res struct {
		Results []struct{ Path string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("search %q: status %d, %v", s.word, resp.StatusCode, err)
		return
	}
	if !slices.ContainsFunc(res.Results, func(r struct{ Path string }) bool { return r.Path == s.path }) {
		t.Errorf("search(%q) = %v, want %s among the results", s.word, res.Results, s.path)
	}
}

// verifyStopped runs `handover check` on the stopped data directory, opens
// the database and checks every acknowledged revision's text.
func verifyStopped(t *testing.T, bin, data string, acked *crashLog) {
	t.Helper()
	cmd := exec.Command(bin, "check", "--data", data)
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); err != nil || code != 0 {
		t.Errorf("handover check = exit %d, %v, want 0:\n%s", code, err, out)
	}
	store, _, err := openStore(data)
	if err != nil {
		t.Fatalf("open the database after the crashes: %v", err)
	}
	defer store.Close()
	if err := store.Check(); err != nil {
		t.Errorf("bbolt check: %v", err)
	}
	for _, s := range acked.updates {
		p, err := store.Page(s.path)
		if err != nil {
			t.Errorf("Page(%q) = %v, want the page", s.path, err)
			continue
		}
		rev, err := store.PageRevision(p.ID, s.revision)
		if err != nil {
			t.Errorf("PageRevision(%q, %d) = %v, want the acknowledged revision", s.path, s.revision, err)
		} else if rev.Markdown != s.markdown {
			t.Errorf("PageRevision(%q, %d).Markdown = %q, want %q", s.path, s.revision, rev.Markdown, s.markdown)
		}
	}
}

// checkServerLogs fails on any error the servers logged; a crash may
// leave warnings (an index rebuilt after a torn write), which are logged.
func checkServerLogs(t *testing.T, procs []*serverProc) {
	t.Helper()
	warnings := 0
	for i, p := range procs {
		for line := range strings.Lines(p.log.String()) {
			switch {
			case strings.Contains(line, `"level":"ERROR"`):
				t.Errorf("server run %d logged an error: %s", i+1, strings.TrimSpace(line))
			case strings.Contains(line, `"level":"WARN"`):
				warnings++
				t.Logf("server run %d: %s", i+1, strings.TrimSpace(line))
			}
		}
	}
	if warnings > 0 {
		t.Logf("%d warnings in the server logs", warnings)
	}
}
