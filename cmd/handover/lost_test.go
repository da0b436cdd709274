package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestRefusesLostDatabase: a data directory that shows it had a database
// (an index, a copy a restore kept, a restore's staged file) but has no
// handover.db is refused by serve and by every command that opens one,
// naming what it found, instead of becoming a new, empty wiki with a new
// first-admin link.
func TestRefusesLostDatabase(t *testing.T) {
	for _, trace := range []string{"index", "index.before-restore", wiki.DBFile + ".before-restore-20261126T021200Z", ".handover-backup-123"} {
		t.Run(trace, func(t *testing.T) {
			dir := lostData(t, trace)
			m := &Main{Config: Config{Data: dir, Addr: "127.0.0.1:0"}, Out: io.Discard, Log: slog.New(slog.DiscardHandler)}
			err := m.Open()
			m.Close()
			if err == nil || !strings.Contains(err.Error(), "this data directory lost its database") || !strings.Contains(err.Error(), trace) {
				t.Errorf("serve on a data directory with only %s: %v; want it refused naming %s", trace, err, trace)
			}
			// Cancelled, so that a serve that starts returns at once.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			for _, args := range lostCommands(dir, t.TempDir()) {
				var stdout, stderr bytes.Buffer
				code := run(ctx, args, strings.NewReader(webtest.Password+"\n"), &stdout, &stderr)
				if code != 1 || !oneLine(stderr.String()) || !strings.Contains(stderr.String(), "lost its database") || !strings.Contains(stderr.String(), trace) {
					t.Errorf("%v: exit %d, %q; want 1 and one line saying the database is lost, naming %s", args, code, stderr.String(), trace)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, wiki.DBFile)); err == nil {
				t.Errorf("a new %s was created beside %s", wiki.DBFile, trace)
			}
		})
	}
}

// lostData returns a data directory holding only trace (a directory for
// the index, a file otherwise).
func lostData(t *testing.T, trace string) string {
	t.Helper()
	dir := t.TempDir()
	var err error
	if strings.HasPrefix(trace, "index") {
		err = os.Mkdir(filepath.Join(dir, trace), 0o700)
	} else {
		err = os.WriteFile(filepath.Join(dir, trace), []byte("x"), 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// lostCommands are the command lines that open the data directory dir.
func lostCommands(dir, out string) [][]string {
	md := filepath.Join(out, "md")
	os.MkdirAll(md, 0o700)
	os.WriteFile(filepath.Join(md, "a.md"), []byte("# A\n"), 0o600)
	return [][]string{
		{"serve", "--data", dir, "--addr", "127.0.0.1:0"},
		{"check", "--data", dir},
		{"reindex", "--data", dir},
		{"export", "--data", dir, filepath.Join(out, "export")},
		{"import", "--data", dir, md},
		{"user", "add", "--data", dir, "--role", "admin", "admin"},
		{"token", "add", "--data", dir, "admin"},
		{"backup", "--data", dir, filepath.Join(out, "b.db")},
		{"quiz", "export", "--data", dir, "--page", "a"},
	}
}
