package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/handover/handover/wiki"
)

// runCLI runs a command line and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestBackupDuringWrites takes an online backup while pages are being
// saved and restores it: every save acknowledged before the backup began
// must be in the restored data.
func TestBackupDuringWrites(t *testing.T) {
	app := newTestApp(t)
	u := app.AddUser("root", wiki.RoleAdmin)
	_, token, err := app.Main.Store.CreateToken(u.ID, "backup")
	if err != nil {
		t.Fatal(err)
	}
	var acked atomic.Int64 // saves acknowledged so far
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := app.Main.Store.SavePage(wiki.SaveRequest{Path: fmt.Sprintf("w/%d", i), Markdown: "text", Author: "root"}); err != nil {
				t.Error(err)
				return
			}
			acked.Store(int64(i + 1))
		}
	}()
	for acked.Load() < 20 {
	}
	before := acked.Load()
	file := filepath.Join(t.TempDir(), "backup.db")
	code, out, errOut := runCLI(t, "backup", "--url", app.Server.URL, "--token", token, file)
	close(stop)
	wg.Wait()
	if code != 0 || !strings.Contains(out, "verified") {
		t.Fatalf("backup --url: exit %d, %q %q", code, out, errOut)
	}
	restored := t.TempDir()
	if code, out, errOut := runCLI(t, "restore", "--data", restored, file); code != 0 {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	store, _, err := openStore(restored)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for i := range before {
		if _, err := store.Page(fmt.Sprintf("w/%d", i)); err != nil {
			t.Fatalf("page w/%d acknowledged before the backup is missing from the restore: %v", i, err)
		}
	}
	store.Close()
	if code, out, errOut := runCLI(t, "check", "--data", restored); code != 0 {
		t.Errorf("check after restore: exit %d: %s %s", code, out, errOut)
	}
}

func TestBackupRestoreRefusals(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("member", wiki.RoleMember)
	// A CLI backup of a data directory the server holds says so quickly.
	code, _, errOut := runCLI(t, "backup", "--data", app.Main.Config.Data, filepath.Join(t.TempDir(), "b.db"))
	if code != 1 || !oneLine(errOut) || !strings.Contains(errOut, "in use") || strings.Count(errOut, "--url") != 1 {
		t.Errorf("backup of a held directory: exit %d, %q; want 1 line naming --url once", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "corrupt.db")
	os.WriteFile(bad, bytes.Repeat([]byte("not a database "), 1000), 0o600)
	target := t.TempDir()
	code, _, errOut = runCLI(t, "restore", "--data", target, bad)
	if code != 1 || !strings.Contains(errOut, "refusing to restore") {
		t.Errorf("restore of a corrupt file: exit %d, %q; want 1 refusing", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(target, wiki.DBFile)); err == nil {
		t.Error("a refused restore left a database behind")
	}
	if code, _, _ := runCLI(t, "backup"); code != 2 {
		t.Errorf("backup without a file: exit %d, want 2", code)
	}
	// Members may not download the database.
	if r := app.Login("member").Get("/admin/backup"); r.StatusCode != 403 {
		t.Errorf("member GET /admin/backup = %d, want 403", r.StatusCode)
	}
}

func TestMetricsAfterTraffic(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("member", wiki.RoleMember)
	app.SavePage("a", "# A\n\ntext")
	c := app.Login("member")
	c.Get("/wiki/a")
	c.Get("/search?q=text")
	body := app.Anonymous().Get("/metrics").Body
	for _, want := range []string{
		`handover_http_requests_total{code="200",route="GET /wiki/{path...}"} 1`,
		`handover_events_total{event="search"} 1`,
		`handover_events_total{event="login"} 1`,
		"handover_index_lag",
		"handover_http_request_duration_seconds_bucket",
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestBackupRemoteFailures: whatever goes wrong on the way from the
// server, `backup --url` says so in one line and leaves no file.
func TestBackupRemoteFailures(t *testing.T) {
	good := readFile(t, backupOf(t, "a", "# A"))
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    []string
	}{
		{"stream broken off", func(w http.ResponseWriter, r *http.Request) {
			w.Write(good[:len(good)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}, []string{"broke off", "nothing written"}},
		{"short stream", func(w http.ResponseWriter, r *http.Request) {
			w.Write(good[:len(good)/2])
		}, []string{"did not verify", "cut short"}},
		{"wrong URL", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, "<!doctype html>\n<html>\n<title>No page admin/backup</title>\n</html>\n")
		}, []string{"404 Not Found", "base address"}},
		{"not an admin", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"error": "administrators only"}`)
		}, []string{"403 Forbidden: administrators only", "administrator's API token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			dir := t.TempDir()
			code, _, errOut := runCLI(t, "backup", "--url", srv.URL, "--token", "t", filepath.Join(dir, "b.db"))
			if code != 1 || !oneLine(errOut) || strings.Contains(errOut, "<") {
				t.Errorf("backup (%s): exit %d, %q; want 1 and one plain line", tc.name, code, errOut)
			}
			for _, want := range tc.want {
				if !strings.Contains(errOut, want) {
					t.Errorf("backup (%s) said %q, want it to say %q", tc.name, errOut, want)
				}
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("backup (%s) left %v", tc.name, names)
			}
		})
	}
}

// failingWriter is a client connection that breaks after limit bytes.
type failingWriter struct {
	header http.Header
	limit  int
}

func (w *failingWriter) Header() http.Header { return w.header }
func (w *failingWriter) WriteHeader(int)     {}
func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errors.New("connection broke")
	}
	w.limit -= len(p)
	return len(p), nil
}

// TestBackupHandlerAbortsBrokenStream: when streaming the database fails
// half-way, the handler aborts the response (net/http then cuts the
// connection) instead of ending it as if the file were complete.
func TestBackupHandlerAbortsBrokenStream(t *testing.T) {
	app := newTestApp(t)
	u := app.AddUser("root", wiki.RoleAdmin)
	_, token, err := app.Main.Store.CreateToken(u.ID, "backup")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/admin/backup", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("a broken backup stream ended with %v, want panic(http.ErrAbortHandler)", v)
		}
	}()
	app.Main.Handler.ServeHTTP(&failingWriter{header: http.Header{}, limit: 8192}, req)
}

// TestDemoBackupVerifies: the demo fills most buckets; its backup and the
// live store pass the same checks that restore and check apply, so a
// bucket holding values that are not JSON must be listed as raw.
func TestDemoBackupVerifies(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.Demo = true })
	if err := app.Main.Store.Check(); err != nil {
		t.Errorf("Check() of the demo data = %v", err)
	}
	file := filepath.Join(t.TempDir(), "demo.db")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Main.Store.WriteBackup(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := wiki.VerifyBackup(file); err != nil {
		t.Errorf("VerifyBackup(the demo's backup) = %v", err)
	}
}

// TestAdminPagesLinkTheBackup: an administrator finds the backup download
// on the administration pages, not only in the README.
func TestAdminPagesLinkTheBackup(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("root", wiki.RoleAdmin)
	if body := app.Login("root").Get("/admin/users").Body; !strings.Contains(body, `href="/admin/backup" download`) {
		t.Errorf("the administration page has no backup download link")
	}
}
