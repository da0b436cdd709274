package wiki

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handover/handover/search"
)

// The disk-full tests put the database or the index on a small tmpfs and
// fill it: every write either succeeds or fails as DiskFull, nothing that
// succeeded is lost, nothing panics, and everything works again once the
// space is freed, with nothing reopened by hand.

// TestStoreDiskFull: commits on a full disk fail as DiskFull with the
// plain message, DiskFull() says so until space is back, and every save
// that returned without error is there afterwards.
func TestStoreDiskFull(t *testing.T) {
	dir := mountTmpfs(t, "4m")
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	filler := fillDisk(t, dir)
	var acked []string
	refused := 0
	for n := 0; refused < 5; n++ {
		if n == 2000 {
			t.Fatalf("2000 saves on a full disk and only %d refused", refused)
		}
		path := fmt.Sprintf("full/p%d", n)
		_, err := s.SavePage(SaveRequest{Path: path, Markdown: diskFullText(n), Author: "alex"})
		switch {
		case err == nil:
			acked = append(acked, path)
		case ErrorKind(err) != DiskFull || !strings.Contains(ErrorMessage(err), "disk is full"):
			t.Fatalf("save on a full disk: kind %v, message %q (%v); want DiskFull", ErrorKind(err), ErrorMessage(err), err)
		default:
			refused++
			if !s.DiskFull() {
				t.Fatalf("DiskFull() = false right after a commit failed with %v", err)
			}
		}
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "DiskFull() false after freeing space", func() bool { return !s.DiskFull() })
	for n := range 5 {
		path := fmt.Sprintf("freed/p%d", n)
		if _, err := s.SavePage(SaveRequest{Path: path, Markdown: diskFullText(n), Author: "alex"}); err != nil {
			t.Fatalf("save after freeing space: %v", err)
		}
		acked = append(acked, path)
	}
	checkSaved(t, s, acked)
	if err := s.Check(); err != nil {
		t.Errorf("Check after a full disk: %v", err)
	}
	t.Logf("%d commits refused as DiskFull; %d saves acknowledged, all there after freeing space", refused, len(acked))
}

// TestSyncerDiskFull: with the index on a full disk the syncer pauses and
// retries, never panics, keeps the old index searchable, reports its
// trouble, and catches up on its own once space is freed.
func TestSyncerDiskFull(t *testing.T) {
	store := mustOpenStore(t) // the database on the ordinary disk
	data := mountTmpfs(t, "4m")
	var log lockedBuffer
	syncer := NewSyncer(store, data, slog.New(slog.NewTextHandler(&log, nil)))
	syncer.retryDelay = 50 * time.Millisecond
	if err := syncer.Start(); err != nil {
		t.Fatal(err)
	}
	defer syncer.Close()
	var saved []int
	save := func(n int) {
		mustSave(t, store, SaveRequest{Path: fmt.Sprintf("full/p%d", n), Markdown: diskFullText(n)})
		saved = append(saved, n)
	}
	for n := range 10 {
		save(n)
	}
	waitFor(t, "the index to catch up", func() bool { return syncer.Index() != nil && syncer.Lag() == 0 })

	filler := fillDisk(t, data)
	for n := 10; n < 40; n++ {
		save(n)
	}
	waitFor(t, "Trouble() to report the full disk", func() bool { return strings.Contains(syncer.Trouble(), "disk is full") })
	time.Sleep(10 * syncer.retryDelay) // several retries on the full disk
	if syncer.Lag() == 0 {
		t.Fatalf("the index caught up on a full disk; the test did not fill it")
	}
	if got := findWord(t, syncer, diskFullWord(3)); !slices.Contains(got, "full/p3") {
		t.Errorf("search on a full disk for a page indexed before = %v, want full/p3", got)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the index to catch up after freeing space", func() bool {
		return syncer.Index() != nil && syncer.Lag() == 0 && syncer.Trouble() == ""
	})
	for _, n := range saved {
		if got := findWord(t, syncer, diskFullWord(n)); !slices.Contains(got, fmt.Sprintf("full/p%d", n)) {
			t.Errorf("search for page %d after freeing space = %v", n, got)
		}
	}
	if strings.Contains(log.String(), "panic") {
		t.Errorf("the syncer panicked on a full disk:\n%s", log.String())
	}
	t.Logf("%d pages saved (30 while the index's disk was full); all found after freeing space", len(saved))
}

// TestParallelPanic: a panic in a parallel worker reaches the caller's
// goroutine, where its recover can handle it, and does not kill the
// process.
func TestParallelPanic(t *testing.T) {
	var done sync.Map
	v := func() (v any) {
		defer func() { v = recover() }()
		parallel(50, func(i int) {
			if i == 7 {
				panic("bad input 7")
			}
			done.Store(i, true)
		})
		return nil
	}()
	if v == nil || !strings.Contains(fmt.Sprint(v), "bad input 7") || !strings.Contains(fmt.Sprint(v), "worker stack") {
		t.Fatalf("parallel's caller recovered %v, want the worker's panic with its stack", v)
	}
	if _, ok := done.Load(6); !ok {
		t.Errorf("item 6 was not processed")
	}
}

func diskFullWord(n int) string {
	var b strings.Builder
	b.WriteString("fullword")
	for range 4 {
		b.WriteByte(byte('a' + n%26))
		n /= 26
	}
	return b.String()
}

func diskFullText(n int) string {
	return fmt.Sprintf("# Page %d\n\nThe word is %s.\n\n%s\n", n, diskFullWord(n), strings.Repeat("Some filler text. ", 40))
}

func findWord(t *testing.T, syncer *Syncer, word string) []string {
	t.Helper()
	idx := syncer.Index()
	if idx == nil {
		t.Fatalf("search for %s: no index", word)
	}
	res, err := idx.Search(context.Background(), search.Query{Text: word})
	if err != nil {
		t.Fatalf("search for %s: %v", word, err)
	}
	var paths []string
	for _, h := range res.Hits {
		paths = append(paths, h.Path)
	}
	return paths
}

func checkSaved(t *testing.T, s *Store, paths []string) {
	t.Helper()
	for _, path := range paths {
		p, err := s.Page(path)
		if err != nil {
			t.Errorf("acknowledged page %s: %v", path, err)
			continue
		}
		var n int
		fmt.Sscanf(path[strings.LastIndexByte(path, 'p')+1:], "%d", &n)
		if text, err := s.CurrentText(p); err != nil || text != diskFullText(n) {
			t.Errorf("acknowledged page %s: text %q, %v", path, text, err)
		}
	}
}

// mountTmpfs mounts a tmpfs of the given size on a temporary directory.
// It needs root; as root (as in CI) a failed mount fails the test.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Getuid() != 0 || os.Getenv("HANDOVER_NO_TMPFS") != "" {
		t.Skip("mounting a small tmpfs needs root (and the right to mount: HANDOVER_NO_TMPFS=1 skips it where root may not); run as root, as CI does, to fill a real disk")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount a %s tmpfs on %s: %v\n%s", size, dir, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v\n%s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file in dir until the disk is full and returns its
// name.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill the disk: %v", err)
			}
			return name
		}
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20s for %s", what)
		}
	}
}

// lockedBuffer is a log sink safe for the syncer's goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestWriteBackupFaults injects ENOSPC and EIO into the backup's writer at
// several points: the error keeps its cause (bbolt words it with %s), so
// a full disk is told as such and an I/O error stays internal.
func TestWriteBackupFaults(t *testing.T) {
	s := mustOpenStore(t)
	for n := range 50 {
		mustSave(t, s, SaveRequest{Path: fmt.Sprintf("b/p%d", n), Markdown: diskFullText(n)})
	}
	var whole bytes.Buffer
	size, err := s.WriteBackup(&whole)
	if err != nil {
		t.Fatal(err)
	}
	faults := 0
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EIO} {
		for _, at := range []int64{0, 1, 4096, size / 2, size - 1} {
			w := &faultWriter{left: at, err: &os.PathError{Op: "write", Path: "backup.db", Err: errno}}
			_, err := s.WriteBackup(w)
			faults++
			want := Internal
			if errno == syscall.ENOSPC {
				want = DiskFull
			}
			if !errors.Is(err, errno) || ErrorKind(err) != want {
				t.Errorf("WriteBackup with %v after %d of %d bytes = %v (kind %v), want it to wrap %v (kind %v)",
					errno, at, size, err, ErrorKind(err), errno, want)
			}
		}
	}
	t.Logf("%d faults injected into a %d-byte backup, each reported with its cause", faults, size)
}

// faultWriter accepts left bytes, then fails with err.
type faultWriter struct {
	left int64
	err  error
}

func (w *faultWriter) Write(p []byte) (int, error) {
	if int64(len(p)) <= w.left {
		w.left -= int64(len(p))
		return len(p), nil
	}
	n := int(w.left)
	w.left = 0
	return n, w.err
}
