package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/handover/handover/cmd/handover/internal/load"
	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

// runLoadCmd is `handover load`.
func runLoadCmd(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, asJSON, err := parseLoadFlags(env, args)
	if err != nil {
		return helpIsOK(err)
	}
	rep, err := load.Run(ctx, cfg, loadProgram(), tty.Only(env.stderr))
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if asJSON {
		// The object for tools on stdout, the summary for people on stderr.
		if err := json.NewEncoder(env.stdout).Encode(rep); err != nil {
			return err
		}
		rep.Print(env.stderr)
	} else {
		rep.Print(env.stdout)
	}
	if !rep.OK {
		return fmt.Errorf("load: failed: %s", rep.Failures[0])
	}
	return nil
}

func parseLoadFlags(env *cmdEnv, args []string) (cfg load.Config, asJSON bool, err error) {
	fs := newFlags("load", env.stderr)
	fs.IntVar(&cfg.Users, "users", 50, "number of simulated people, each signed in with their own session")
	fs.DurationVar(&cfg.Duration, "duration", time.Minute, "how long the people use the wiki")
	fs.IntVar(&cfg.Pages, "pages", 2000, "number of generated pages")
	fs.DurationVar(&cfg.Think, "think", 100*time.Millisecond, "mean pause between one person's actions (0: none)")
	fs.DurationVar(&cfg.Sample, "sample", 2*time.Second, "interval of the memory samples")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated pages and of the people's choices")
	fs.StringVar(&cfg.Corpus, "corpus", "", "Markdown tree for words and structure (default: the nearest shared/corpus, else built-in text)")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object on stdout (the summary goes to stderr)")
	fs.StringVar(&cfg.LogFile, "log", "", "also write the server's log to this file")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	if err := parseFlags(fs, args); err != nil {
		return cfg, false, err
	}
	switch {
	case fs.NArg() != 0:
		return cfg, false, usagef("load takes no arguments")
	case cfg.Users < 2 || cfg.Users > load.MaxUsers:
		return cfg, false, usagef("--users must be between 2 and %d (one manager, the rest taking over)", load.MaxUsers)
	case cfg.Duration <= 0 || cfg.Duration > 30*time.Minute:
		return cfg, false, usagef("--duration must be positive and at most 30m")
	case cfg.Pages < 20 || cfg.Pages > 200_000:
		return cfg, false, usagef("--pages must be between 20 and 200000")
	case cfg.Think < 0 || cfg.Think > time.Minute:
		return cfg, false, usagef("--think must be between 0 and 1m")
	case cfg.Sample < 10*time.Millisecond:
		return cfg, false, usagef("--sample must be at least 10ms")
	}
	if cfg.Corpus == "" {
		cfg.Corpus = pagegen.FindCorpus()
	}
	return cfg, asJSON, nil
}

// loadProgram is the program as the load test runs it: imported as by
// `handover import`, and served as by `handover serve`.
func loadProgram() load.Program {
	return load.Program{Import: importDir, OpenStore: openStore,
		Server: func(dir, addr string, log io.Writer) load.Server {
			cfg := Config{Data: dir, Addr: addr, ProxyHeader: "X-Forwarded-User", MaxUpload: wiki.DefaultMaxUpload}
			return &Main{Config: cfg, Out: io.Discard, Log: slog.New(slog.NewJSONHandler(log, nil))}
		}}
}
