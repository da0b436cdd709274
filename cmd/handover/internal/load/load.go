// Package load is `handover load`, the load test of issue 9: many
// simulated people using the wiki at once for a fixed time, on loopback,
// judged on what a person running an intranet would notice (an error page,
// an error in the log, a slow click, memory that keeps growing). `handover bench` measures the
// performance targets one kind of request at a time; load mixes them.
//
// It builds a data set like a real handover wiki in a temporary directory
// (generated pages, handovers over a part of them with knowledge checks,
// one account per simulated person), runs the real server on it in this
// process, with the production request log captured, and lets each
// simulated person sign in and browse, search, use the typeahead, edit
// (with the revision they read, retrying on a conflict), take quizzes and
// acknowledge pages until the time is up.
package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/handover/handover/cmd/handover/internal/loopback"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// Config is what the load test runs.
type Config struct {
	Users    int
	Duration time.Duration
	Pages    int
	Think    time.Duration // the mean pause between one person's actions
	Sample   time.Duration // how often memory is sampled
	Seed     uint64
	Corpus   string // a Markdown tree to learn from, or "" for built-in text
	LogFile  string // where the server's log goes besides being counted
	// MemProfile names a file for a heap profile taken at the end of the
	// run, before the server closes.
	MemProfile string
}

// Load limits: every run stops after its duration or after maxLoadActions
// actions in all, whichever comes first.
const (
	maxLoadActions = 5_000_000
	// MaxUsers is the most simulated people a run takes.
	MaxUsers = 500
)

// Program is what the load test needs of the program it runs; main
// provides it.
type Program struct {
	// Import imports the Markdown tree src into the data directory
	// dataDir under prefix and brings its search index up to date, as
	// `handover import` does, drawing progress bars on progress.
	Import func(ctx context.Context, dataDir, src, prefix string, progress io.Writer) (*wiki.ImportReport, error)
	// OpenStore opens the database of a data directory with every
	// package's buckets.
	OpenStore func(dataDir string) (*wiki.Store, *quiz.Store, error)
	// Server returns the program set up to serve the data directory
	// dataDir on addr as `handover serve` does, logging JSON to log.
	Server func(dataDir, addr string, log io.Writer) Server
}

// Server is the program, run as `handover serve` runs it.
type Server interface {
	// Run opens the data directory, listens and serves until ctx is done.
	Run(ctx context.Context) error
	// Close stops serving and closes the data directory.
	Close() error
}

// Run builds the data set, serves it, runs the people and judges the run,
// drawing progress bars on progress. An error means the run could not be
// made; a run that was made and failed returns a report with OK false.
func Run(ctx context.Context, cfg Config, prog Program, progress io.Writer) (*Report, error) {
	tmp, err := os.MkdirTemp("", "handover-load-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	data := filepath.Join(tmp, "data")
	set, err := buildLoadData(ctx, cfg, prog, tmp, data, progress)
	if err != nil {
		return nil, fmt.Errorf("data set: %w", err)
	}
	logs, err := newLogCounter(cfg.LogFile)
	if err != nil {
		return nil, err
	}
	defer logs.Close()
	srv, err := startLoadServer(prog, data, logs)
	if err != nil {
		return nil, err
	}
	rep := runPeople(ctx, cfg, set, srv.base, progress)
	rep.Pages = cfg.Pages
	if err := writeHeapProfile(cfg.MemProfile); err != nil {
		rep.fail("heap profile: %v", err)
	}
	if err := srv.stop(); err != nil {
		rep.fail("closing the server: %v", err)
	}
	rep.judgeLogs(logs)
	return rep, nil
}

func writeHeapProfile(file string) error {
	if file == "" {
		return nil
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC() // the profile shows the live heap as of the last collection
	return errors.Join(pprof.Lookup("heap").WriteTo(f, 0), f.Close())
}

// loadServer is the program serving the data set through Server.Run, as
// `handover serve` does (timeouts, error log, reminders).
type loadServer struct {
	base   string
	server Server
	cancel context.CancelFunc
	done   chan error
}

func startLoadServer(prog Program, data string, logs io.Writer) (*loadServer, error) {
	addr, err := loopback.FreeAddr()
	if err != nil {
		return nil, err
	}
	s := &loadServer{base: "http://" + addr, done: make(chan error, 1), server: prog.Server(data, addr, logs)}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { s.done <- s.server.Run(ctx) }()
	if err := loopback.WaitHealthy(s.base, s.done, 30*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// stop ends Run (which stops taking requests) and closes the program: the
// graceful shutdown of SIGTERM.
func (s *loadServer) stop() error {
	s.cancel()
	var runErr error
	select {
	case runErr = <-s.done:
	case <-time.After(30 * time.Second):
		runErr = errors.New("Run did not return within 30s of the shutdown")
	}
	return errors.Join(runErr, s.server.Close())
}
