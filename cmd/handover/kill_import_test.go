package main

import (
	"errors"
	"io"
	"log/slog"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// killFractions are the moments of the kills, as fractions of how long the
// command takes when left alone.
var killFractions = []float64{0.2, 0.5, 0.8}

// killPages is how many pages the killed import brings in.
const killPages = 600

// TestImportReindexKilled runs the real binary's import and reindex and
// kills each with SIGKILL at spread-out moments of its run (the restore's
// kills are TestRestoreKilled). After every kill the database is whole,
// every imported page there has its whole text, check finds at most that
// the index needs a reindex, serve starts, and running the command again
// completes it.
func TestImportReindexKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handover binary and kills it; skipped with -short")
	}
	bin := buildBinary(t)
	src := markdownDir(t, "bulk", killPages)
	for _, command := range []string{"import", "reindex"} {
		args := func(data string) []string {
			if command == "import" {
				return []string{"import", "--data", data, src}
			}
			return []string{"reindex", "--data", data}
		}
		prepare := func() string {
			data := dataWithAdmin(t, "old")
			if command == "reindex" {
				cliOK(t, "import", "--data", data, src)
			}
			return data
		}
		whole := timeRun(t, bin, args(prepare()))
		killed, wholePages := 0, 0
		for _, f := range killFractions {
			data := prepare()
			if killAfter(t, bin, args(data), time.Duration(f*float64(whole))) {
				killed++
			}
			wholePages += checkKilledCommand(t, data)
			cliOK(t, args(data)...)
			if command == "import" {
				cliOK(t, "reindex", "--data", data) // a kill before import's own reindex leaves the index behind
			}
			cliOK(t, "check", "--data", data)
			if n := pageCount(t, data); n != killPages+1 {
				t.Errorf("%s killed at %.0f%% then run again: %d pages, want %d", command, 100*f, n, killPages+1)
			}
		}
		if killed < len(killFractions)/2 {
			t.Errorf("only %d of %d %s runs were still running when killed", killed, len(killFractions), command)
		}
		t.Logf("%s (%v when left alone) killed %d times at %v of its run; %d imported pages found whole after the kills; complete when run again",
			command, whole.Round(time.Millisecond), killed, killFractions, wholePages)
	}
}

// timeRun runs the binary to the end and returns how long it took.
func timeRun(t *testing.T, bin string, args []string) time.Duration {
	t.Helper()
	start := time.Now()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("handover %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// killAfter starts the binary and kills it with SIGKILL after d; it
// reports whether it was still running then.
func killAfter(t *testing.T, bin string, args []string, d time.Duration) bool {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == -1
}

// checkKilledCommand checks a data directory after a kill: a whole
// database with the page from before and only whole imported pages, check
// asking at most for a reindex, and serve starting.
func checkKilledCommand(t *testing.T, data string) (imported int) {
	t.Helper()
	if err := wiki.VerifyBackup(filepath.Join(data, wiki.DBFile)); err != nil {
		t.Fatalf("after the kill the database is not whole: %v", err)
	}
	code, out, errOut := runCLI(t, "check", "--data", data)
	if code != 0 && (code != 1 || !strings.Contains(errOut, "run 'handover reindex'")) {
		t.Errorf("check after the kill: exit %d, %s%s; want 0, or 1 asking for a reindex", code, out, errOut)
	}
	m := &Main{Config: Config{Data: data, Addr: "127.0.0.1:0"}, Out: io.Discard, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	defer m.Close()
	if err := m.Open(); err != nil {
		t.Fatalf("serve after the kill: %v", err)
	}
	if _, err := m.Store.Page("old"); err != nil {
		t.Errorf("after the kill the page from before is gone: %v", err)
	}
	body := strings.Repeat("Some words to index. ", 100)
	_, err := m.Store.EachPage(0, 1<<62, func(p *wiki.Page, text string) error {
		if p.Path == "old" {
			return nil
		}
		imported++
		if !strings.Contains(text, body) {
			t.Errorf("after the kill page %s is not whole: %q", p.Path, text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return imported
}
