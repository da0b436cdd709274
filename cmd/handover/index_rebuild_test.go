package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestServerRebuildsDamagedIndex: when the segments of the running
// server's index are damaged under it, a search answers 200 with the
// rebuilding notice instead of a 500, the API says rebuilding, and the
// index is rebuilt in the background, after which the page is found again.
func TestServerRebuildsDamagedIndex(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("ana", wiki.RoleMember)
	for i := range 20 {
		app.SavePage(fmt.Sprintf("ops/page-%d", i), fmt.Sprintf("# Page %d\n\nRestart the kettle %d.\n", i, i))
	}
	app.Sync()
	c := app.Login("ana")
	if r := c.Get("/search?q=kettle"); r.StatusCode != 200 || !strings.Contains(r.Body, "ops/page-3") {
		t.Fatalf("search before the damage: %d; want 200 finding the page", r.StatusCode)
	}
	wreckSegments(t, filepath.Join(app.Main.Config.Data, "index"))
	var r *webtest.Response
	for _, q := range []string{"kettle", "restart", "page", "ops"} { // the first failing one trips it
		if r = c.Get("/search?q=" + q); app.Main.Syncer.Rebuilding() || r.StatusCode != 200 {
			break
		}
	}
	if r.StatusCode != 200 || !strings.Contains(r.Body, "The search index is being rebuilt") {
		t.Fatalf("search on a damaged index: %d %s; want 200 with the rebuilding notice", r.StatusCode, r.Body)
	}
	waitRebuilt(t, app)
	if r := c.Get("/search?q=kettle"); r.StatusCode != 200 || !strings.Contains(r.Body, "ops/page-3") {
		t.Errorf("search after the rebuild: %d; want 200 finding the page", r.StatusCode)
	}
}

// wreckSegments changes every byte of the middle half of each segment
// file of the index in dir, in place (bleve has them mapped).
func wreckSegments(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(files) == 0 {
		t.Fatalf("no segments in %s", dir)
	}
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := f.Stat()
		buf := make([]byte, info.Size()/2)
		f.ReadAt(buf, info.Size()/4)
		for i := range buf {
			buf[i] ^= 0x5a
		}
		if _, err := f.WriteAt(buf, info.Size()/4); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

func waitRebuilt(t *testing.T, app *testApp) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); app.Main.Syncer.Rebuilding(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the index was not rebuilt within 20s")
		}
	}
}
