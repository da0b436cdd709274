package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/handover/handover/cmd/handover/internal/loopback"
	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

// `handover load` is the load test of issue 9: many simulated people using
// the wiki at once for a fixed time, on loopback, judged on what a person
// running an intranet would notice (an error page, an error in the log,
// a slow click, memory that keeps growing). `handover bench` measures the
// performance targets one kind of request at a time; load mixes them.
//
// It builds a data set like a real handover wiki in a temporary directory
// (generated pages, handovers over a part of them with knowledge checks,
// one account per simulated person), runs the real server on it in this
// process, with the production request log captured, and lets each
// simulated person sign in and browse, search, use the typeahead, edit
// (with the revision they read, retrying on a conflict), take quizzes and
// acknowledge pages until the time is up.

// loadConfig is what `handover load` runs.
type loadConfig struct {
	Users    int
	Duration time.Duration
	Pages    int
	Think    time.Duration // the mean pause between one person's actions
	Sample   time.Duration // how often memory is sampled
	Seed     uint64
	Corpus   string
	JSON     bool
	LogFile  string // where the server's log goes besides being counted
	// MemProfile names a file for a heap profile taken at the end of the
	// run, before the server closes.
	MemProfile string
}

// Load limits: every run stops after its duration or after maxLoadActions
// actions in all, whichever comes first.
const (
	maxLoadActions = 5_000_000
	maxLoadUsers   = 500
)

func runLoadCmd(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, err := parseLoadFlags(env, args)
	if err != nil {
		return helpIsOK(err)
	}
	rep, err := runLoadTest(ctx, cfg, tty.Only(env.stderr))
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if cfg.JSON {
		// The object for tools on stdout, the summary for people on stderr.
		if err := json.NewEncoder(env.stdout).Encode(rep); err != nil {
			return err
		}
		rep.print(env.stderr)
	} else {
		rep.print(env.stdout)
	}
	if !rep.OK {
		return fmt.Errorf("load: failed: %s", rep.Failures[0])
	}
	return nil
}

func parseLoadFlags(env *cmdEnv, args []string) (loadConfig, error) {
	fs := newFlags("load", env.stderr)
	var cfg loadConfig
	fs.IntVar(&cfg.Users, "users", 50, "number of simulated people, each signed in with their own session")
	fs.DurationVar(&cfg.Duration, "duration", time.Minute, "how long the people use the wiki")
	fs.IntVar(&cfg.Pages, "pages", 2000, "number of generated pages")
	fs.DurationVar(&cfg.Think, "think", 100*time.Millisecond, "mean pause between one person's actions (0: none)")
	fs.DurationVar(&cfg.Sample, "sample", 2*time.Second, "interval of the memory samples")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated pages and of the people's choices")
	fs.StringVar(&cfg.Corpus, "corpus", "", "Markdown tree for words and structure (default: the nearest shared/corpus, else built-in text)")
	fs.BoolVar(&cfg.JSON, "json", false, "print one JSON object on stdout (the summary goes to stderr)")
	fs.StringVar(&cfg.LogFile, "log", "", "also write the server's log to this file")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	if err := parseFlags(fs, args); err != nil {
		return cfg, err
	}
	switch {
	case fs.NArg() != 0:
		return cfg, usagef("load takes no arguments")
	case cfg.Users < 2 || cfg.Users > maxLoadUsers:
		return cfg, usagef("--users must be between 2 and %d (one manager, the rest taking over)", maxLoadUsers)
	case cfg.Duration <= 0 || cfg.Duration > 30*time.Minute:
		return cfg, usagef("--duration must be positive and at most 30m")
	case cfg.Pages < 20 || cfg.Pages > 200_000:
		return cfg, usagef("--pages must be between 20 and 200000")
	case cfg.Think < 0 || cfg.Think > time.Minute:
		return cfg, usagef("--think must be between 0 and 1m")
	case cfg.Sample < 10*time.Millisecond:
		return cfg, usagef("--sample must be at least 10ms")
	}
	if cfg.Corpus == "" {
		cfg.Corpus = pagegen.FindCorpus()
	}
	return cfg, nil
}

// runLoadTest builds the data set, serves it, runs the people and judges
// the run. An error means the run could not be made; a run that was made
// and failed returns a report with OK false.
func runLoadTest(ctx context.Context, cfg loadConfig, progress io.Writer) (*loadReport, error) {
	tmp, err := os.MkdirTemp("", "handover-load-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	data := filepath.Join(tmp, "data")
	set, err := buildLoadData(ctx, cfg, tmp, data, progress)
	if err != nil {
		return nil, fmt.Errorf("data set: %w", err)
	}
	logs, err := newLogCounter(cfg.LogFile)
	if err != nil {
		return nil, err
	}
	defer logs.Close()
	srv, err := startLoadServer(data, logs)
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

// loadServer is the program serving the data set through Main.Run, as
// `handover serve` does (timeouts, error log, reminders).
type loadServer struct {
	base   string
	main   *Main
	cancel context.CancelFunc
	done   chan error
}

func startLoadServer(data string, logs io.Writer) (*loadServer, error) {
	addr, err := loopback.FreeAddr()
	if err != nil {
		return nil, err
	}
	cfg := Config{Data: data, Addr: addr, ProxyHeader: "X-Forwarded-User", MaxUpload: wiki.DefaultMaxUpload}
	s := &loadServer{base: "http://" + addr, done: make(chan error, 1),
		main: &Main{Config: cfg, Out: io.Discard, Log: slog.New(slog.NewJSONHandler(logs, nil))}}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { s.done <- s.main.Run(ctx) }()
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
	return errors.Join(runErr, s.main.Close())
}
