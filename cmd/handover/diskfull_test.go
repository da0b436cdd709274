package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handover/handover/wiki/web/webtest"
)

// The disk-full test runs the real binary with its data directory on a
// small tmpfs, fills the disk while pages are being saved, and frees it
// again. While the disk is full every save is either acknowledged (bbolt
// reuses free pages of its file) or refused with 507 and a plain message,
// the server stays up, searches answer and /healthz says degraded; once
// space is back, saves work and the index catches up, with no restart.
// Every acknowledged save is then there with its text and found by search.
const (
	diskFullSize = "32m"
	// diskFullRefusals is how many 507s in a row show the disk is full for
	// every save, not only for the unlucky one.
	diskFullRefusals = 8
	diskFullPages    = 20 // saved before the disk fills, and again after
)

func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handover binary and fills a tmpfs; skipped with -short")
	}
	mnt := mountTmpfs(t, diskFullSize)
	data := filepath.Join(mnt, "data")
	bin := buildBinary(t)
	token := crashAccount(t, bin, data)
	srv := startServerProc(t, bin, data)
	browser := webtest.NewClient(t, srv.base).Login("writer")
	api := &crashWriter{t: t, base: srv.base, token: token, acked: &crashLog{},
		client: &http.Client{Timeout: 10 * time.Second}}

	for n := range diskFullPages {
		if !api.create(n) {
			t.Fatalf("save %d before the disk filled was not acknowledged", n)
		}
	}
	waitIndexed(t, srv.base)
	makeFreePages(t, browser, api.acked.creates[0].path)

	filler := fillDisk(t, mnt)
	api.cycle = 1
	refused := saveUntilRefused(t, api)
	whileFull := len(api.acked.creates) - diskFullPages
	if whileFull == 0 {
		t.Fatalf("no save was acknowledged on the full disk: bbolt had no free pages, so the index was never tried")
	}
	checkFormRefused(t, browser, api.acked.creates[0].path)
	checkDegraded(t, srv, token, api.acked.creates[0])

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitHealthz(t, srv.base, "ok")
	api.cycle = 2
	for n := range diskFullPages {
		if !api.create(n) {
			t.Fatalf("save %d after space was freed was not acknowledged", n)
		}
	}
	waitIndexed(t, srv.base)
	verifyOverHTTP(t, srv.base, token, api.acked)
	if code := srv.stop(t); code != 0 {
		t.Errorf("server after SIGTERM: exit %d, want 0", code)
	}
	verifyStopped(t, bin, data, api.acked)
	checkNoPanic(t, srv)
	if !strings.Contains(srv.log.String(), "sync search index") {
		t.Errorf("the index never failed a batch on the full disk; the test did not reach bleve's failure")
	}
	t.Logf("disk filled once: %d saves refused with 507 (plus the edit form and an upload), %d acknowledged in all (%d while full, into bbolt's free pages, while bleve could not write); all %d present and found after recovery, no restart",
		refused, len(api.acked.creates), whileFull, len(api.acked.creates))
}

// mountTmpfs mounts a tmpfs of the given size on a temporary directory.
// It needs root; as root a failed mount fails the test, so that CI (which
// runs as root) cannot skip it unseen.
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

// saveUntilRefused saves new pages until diskFullRefusals in a row are
// refused. Each answer must be 200 (then the save counts as acknowledged)
// or 507 with the plain message. It returns the number of refusals.
func saveUntilRefused(t *testing.T, api *crashWriter) int {
	t.Helper()
	refused, inRow := 0, 0
	for n := 0; inRow < diskFullRefusals; n++ {
		if n == 500 {
			t.Fatalf("500 saves on a full disk and still not %d refusals in a row", diskFullRefusals)
		}
		word := crashWord(api.cycle, 0, n)
		s := crashSave{path: fmt.Sprintf("full/p%d", n), word: word,
			markdown: fmt.Sprintf("# Saved on a full disk %d\n\nThe unique word is %s.\n", n, word)}
		status, body := putRaw(t, api, s.path, s.markdown)
		switch status {
		case http.StatusOK:
			var page struct{ Revision int }
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatalf("PUT %s: 200 with %q: %v", s.path, body, err)
			}
			s.revision = page.Revision
			api.acked.add(s, false)
			inRow = 0
		case http.StatusInsufficientStorage:
			var e struct{ Error string }
			if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error, "disk is full") {
				t.Fatalf("PUT %s: 507 with %q, want {\"error\": \"... disk is full ...\"}", s.path, body)
			}
			refused++
			inRow++
		default:
			t.Fatalf("PUT %s on a full disk = %d %s, want 200 or 507", s.path, status, body)
		}
	}
	return refused
}

func putRaw(t *testing.T, api *crashWriter, path, markdown string) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"markdown": markdown, "base_revision": 0})
	resp := webtest.NewClient(t, api.base).Send(http.MethodPut, "/api/pages/"+path, "application/json",
		string(body), map[string]string{"Authorization": "Bearer " + api.token})
	return resp.StatusCode, []byte(resp.Body)
}

// makeFreePages uploads and deletes an attachment of page, which leaves
// bbolt free pages inside its file: on the full disk some saves then
// commit while bleve can write nothing, which is how the index used to
// break (and, on the next batch, panic).
func makeFreePages(t *testing.T, browser *webtest.Client, page string) {
	t.Helper()
	ballast := bytes.Repeat([]byte("ballast "), 64<<10) // 512 KiB
	webtest.WantStatus(t, "upload the ballast", browser.Upload("/attachments/"+page, "ballast.bin", ballast, ""), http.StatusSeeOther)
	webtest.WantStatus(t, "delete the ballast", browser.PostForm("/delete-file/"+page+"/ballast.bin", nil), http.StatusSeeOther)
}

// checkFormRefused saves through the edit form and uploads a file: the
// answers are 507 with the message, and the form keeps the user's text.
func checkFormRefused(t *testing.T, browser *webtest.Client, page string) {
	t.Helper()
	text := "# Typed on a full disk\n\nKeep this text.\n"
	resp := browser.PostForm("/edit/full/form", url.Values{"markdown": {text}, "base_revision": {"0"}})
	webtest.WantStatus(t, "edit form on a full disk", resp, http.StatusInsufficientStorage)
	webtest.MustContain(t, "edit form on a full disk", resp.Body, "disk is full", "Keep this text.")
	file := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{}).Read(file)
	resp = browser.Upload("/attachments/"+page, "full.bin", file, "")
	webtest.WantStatus(t, "upload on a full disk", resp, http.StatusInsufficientStorage)
	webtest.MustContain(t, "upload on a full disk", resp.Body, "disk is full")
}

// checkDegraded checks that, while the disk is full, the server is up,
// /healthz says degraded, and search still finds what was indexed before.
func checkDegraded(t *testing.T, srv *serverProc, token string, before crashSave) {
	t.Helper()
	select {
	case <-srv.exited:
		t.Fatalf("the server exited on a full disk:\n%s", srv.log.String())
	default:
	}
	waitHealthz(t, srv.base, "degraded")
	checkFound(t, &http.Client{Timeout: 10 * time.Second}, srv.base, token, before)
}

// waitHealthz polls /healthz until its answer starts with want.
func waitHealthz(t *testing.T, base, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		resp := webtest.NewClient(t, base).Get("/healthz")
		last = fmt.Sprintf("%d %s", resp.StatusCode, resp.Body)
		if resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Body, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("/healthz did not say %q within 30s; last answer %s", want, last)
}

// checkNoPanic fails on a panic in the server's log: a background worker
// recovers and restarts, but on a full disk nothing should panic at all.
func checkNoPanic(t *testing.T, srv *serverProc) {
	t.Helper()
	for line := range strings.Lines(srv.log.String()) {
		if strings.Contains(line, "panic") {
			t.Errorf("the server logged a panic: %s", strings.TrimSpace(line))
		}
	}
}
