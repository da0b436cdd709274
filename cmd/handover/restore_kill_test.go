package main

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// restoreSteps are the steps after which restore calls its step hook, in
// order; the first ones leave the previous database in place, the rest
// the restored one.
var restoreSteps = []struct {
	name string
	page string // the page handover.db holds after a kill there
}{
	{"staged", "old"}, {"kept", "old"}, {"index-moved", "old"}, {"swapped", "new"}, {"indexed", "new"},
}

// TestRestoreKilled runs the real binary's restore and kills it with
// SIGKILL after each of its steps. After every kill handover.db is a whole
// database, the previous or the restored one; check finds it sound (the
// index may need a reindex), serve starts on it without offering a new
// first-admin link, and running the restore again succeeds.
func TestRestoreKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handover binary; skipped with -short")
	}
	bin := buildBinary(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := runCLI(t, "backup", "--data", dataWithAdmin(t, "new"), backup); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	for _, step := range restoreSteps {
		t.Run(step.name, func(t *testing.T) {
			live := dataWithAdmin(t, "old")
			cmd := exec.Command(bin, "restore", "--data", live, backup)
			cmd.Env = append(os.Environ(), restoreKillEnv+"="+step.name)
			out, err := cmd.CombinedOutput()
			if exit := (*exec.ExitError)(nil); !errors.As(err, &exit) || exit.ExitCode() != -1 {
				t.Fatalf("restore killed after %s: %v, %s; want it killed by a signal", step.name, err, out)
			}
			checkKilledRestore(t, live, step.page)
			if code, _, errOut := runCLI(t, "restore", "--data", live, backup); code != 0 {
				t.Fatalf("restore again after the kill: exit %d, %s", code, errOut)
			}
			if code, out, errOut := runCLI(t, "check", "--data", live); code != 0 {
				t.Errorf("check after restoring again: exit %d, %s%s", code, out, errOut)
			}
		})
	}
	t.Logf("restore killed after each of its %d steps", len(restoreSteps))
}

// checkKilledRestore checks the data directory a restore was killed in:
// handover.db verifies and holds page (and not the other one), check
// finds at most that the index needs rebuilding, and serve starts.
func checkKilledRestore(t *testing.T, dir, page string) {
	t.Helper()
	db := filepath.Join(dir, wiki.DBFile)
	if err := wiki.VerifyBackup(db); err != nil {
		t.Fatalf("after the kill %s is not a whole database: %v (directory: %v)", wiki.DBFile, err, dirNames(t, dir))
	}
	code, out, errOut := runCLI(t, "check", "--data", dir)
	if code != 0 && (code != 1 || !strings.Contains(errOut, "run 'handover reindex'")) {
		t.Errorf("check after the kill: exit %d, %s%s; want 0, or 1 asking for a reindex", code, out, errOut)
	}
	var log bytes.Buffer
	m := &Main{Config: Config{Data: dir, Addr: "127.0.0.1:0"}, Out: &log, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	defer m.Close()
	if err := m.Open(); err != nil {
		t.Fatalf("serve after the kill: %v", err)
	}
	if err := m.announce(); err != nil || strings.Contains(log.String(), "/setup?token=") {
		t.Errorf("serve after the kill offered a new first-admin link (%v): %s", err, log.String())
	}
	other := map[string]string{"old": "new", "new": "old"}[page]
	if _, err := m.Store.Page(page); err != nil {
		t.Errorf("after the kill handover.db lacks page %q: %v", page, err)
	}
	if _, err := m.Store.Page(other); !errors.Is(err, wiki.ErrNotFound) {
		t.Errorf("after the kill handover.db has page %q too: %v", other, err)
	}
}

// dataWithAdmin returns a data directory with an administrator, a page
// and its search index.
func dataWithAdmin(t *testing.T, page string) string {
	t.Helper()
	dir := dataWithPage(t, page, "# "+page)
	var stdout, stderr bytes.Buffer
	args := []string{"user", "add", "--data", dir, "--role", "admin", "admin"}
	if code := run(t.Context(), args, strings.NewReader(webtest.Password+"\n"), &stdout, &stderr); code != 0 {
		t.Fatalf("user add: %s", stderr.String())
	}
	if code, _, errOut := runCLI(t, "reindex", "--data", dir); code != 0 {
		t.Fatalf("reindex: %s", errOut)
	}
	return dir
}
