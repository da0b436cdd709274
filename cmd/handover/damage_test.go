package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// damageCopies is how many damaged copies TestDamagedDatabaseStarts opens;
// every serverEvery-th of them with the whole program (templates and all,
// which costs most of the time), the others with the store and its
// background workers.
const (
	damageCopies = 200
	serverEvery  = 10
)

// TestDamagedDatabaseStarts flips a few bytes in each of damageCopies
// copies of a small real database (pages, users, watches, notifications
// and events still queued for the notifier) and starts on each: opening
// fails with one clear line, or the background workers (the indexer's
// rebuild, which reads every page, and the notifier) and a few requests
// run on the damage without a panic, which would end the test binary.
//
// It runs without the race detector (.ci/run runs it on its own): its
// 200 stores and indexes opened and closed in a row churn the heap, and
// bleve's Close leaves a goroutine behind (scorch's AddEligibleForRemoval)
// that the detector then reports against unrelated memory bbolt allocates
// later. The syncer's and notifier's concurrency is tested under the
// detector elsewhere; this test is about damage.
func TestDamagedDatabaseStarts(t *testing.T) {
	if raceEnabled() {
		t.Skip("runs without the race detector; see the comment")
	}
	base := damageData(t)
	refused, started := 0, 0
	for i := range damageCopies {
		rng := rand.New(rand.NewPCG(14, uint64(i)))
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, wiki.DBFile), flipBytes(rng, base), 0o600); err != nil {
			t.Fatal(err)
		}
		start := startWorkers
		if i%serverEvery == 0 {
			start = startServer
		}
		if err := start(t, dir); err != nil {
			refused++
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "damaged") {
				t.Errorf("copy %d: open = %q; want one line saying the database is damaged", i, msg)
			}
			continue
		}
		started++
	}
	t.Logf("%d damaged copies (%d through Main.Open): %d refused at open with a clear error, %d started",
		damageCopies, damageCopies/serverEvery, refused, started)
}

// startServer opens the program on dir and, if it opens, lets its workers
// read everything and serves a few requests before closing it.
func startServer(t *testing.T, dir string) error {
	m := &Main{Config: Config{Data: dir, Addr: "127.0.0.1:0"}, Out: io.Discard, Log: slog.New(slog.DiscardHandler)}
	defer m.Close()
	if err := m.Open(); err != nil {
		return err
	}
	// Close waits for the indexer, whose first step here is a rebuild
	// that reads every page.
	m.Notifier.Flush()
	m.Quiz.SendReminders(m.Store.Now())
	for _, path := range []string{"/", "/wiki/ops/page-1", "/search?q=page", "/login"} {
		m.Handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}
	return nil
}

// startWorkers opens the store on dir and, if it opens, runs the indexer
// and the notifier on it as the server does.
func startWorkers(t *testing.T, dir string) error {
	store, _, err := openStore(dir)
	if err != nil {
		return err
	}
	defer store.Close()
	log := slog.New(slog.DiscardHandler)
	syncer := wiki.NewSyncer(store, dir, log)
	if err := syncer.Start(); err != nil {
		return err
	}
	defer syncer.Close()
	notifier := wiki.NewNotifier(store, nil, "", log)
	notifier.Start()
	defer notifier.Close()
	return nil
}

// flipBytes returns a copy of data with one to eight bytes changed.
func flipBytes(rng *rand.Rand, data []byte) []byte {
	out := bytes.Clone(data)
	for range 1 + rng.IntN(8) {
		out[rng.IntN(len(out))] ^= byte(1 + rng.IntN(255))
	}
	return out
}

// damageData returns a database with two users, pages that one of them
// watches, delivered notifications and events still queued: a backup of
// it, which holds only the pages in use (the file itself is mostly
// preallocated zeros).
func damageData(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	store, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var bob *wiki.User
	for _, name := range []string{"alex", "bob"} {
		if bob, err = store.CreateUser(name, wiki.RoleMember, webtest.Password); err != nil {
			t.Fatal(err)
		}
	}
	for round := range 2 {
		for i := range 12 {
			p, err := store.SavePage(wiki.SaveRequest{Path: fmt.Sprintf("ops/page-%d", i), Author: "alex", BaseRevision: round,
				Markdown: fmt.Sprintf("# Page %d\n\nRound %d.\n\n## Steps\n\nRestart the service %d.\n", i, round, i)})
			if err != nil {
				t.Fatal(err)
			}
			if err := store.Watch(bob.ID, wiki.WatchPage, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if round == 0 {
			if err := wiki.NewNotifier(store, nil, "", slog.New(slog.DiscardHandler)).Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	var backup bytes.Buffer
	if _, err := store.WriteBackup(&backup); err != nil {
		t.Fatal(err)
	}
	return backup.Bytes()
}
