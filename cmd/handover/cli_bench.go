package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/handover/handover/cmd/handover/internal/bench"
	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/cmd/handover/internal/tty"
)

// runBench is `handover bench`.
func runBench(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlags("bench", env.stderr)
	cfg := bench.Config{Clients: 16}
	var asJSON bool
	fs.IntVar(&cfg.Pages, "pages", 10000, "number of pages to generate")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	fs.DurationVar(&cfg.Duration, "duration", 4*time.Second, "length of each load run (views, search, saves)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated pages and of the request mix")
	fs.StringVar(&cfg.Corpus, "corpus", "", "Markdown tree for words and structure (default: the nearest shared/corpus, else built-in text)")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write a CPU profile of the load runs to this file")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile after the load runs to this file")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	switch {
	case fs.NArg() != 0:
		return usagef("bench takes no arguments")
	case cfg.Pages < 1 || cfg.Pages > 1_000_000:
		return usagef("--pages must be between 1 and 1000000")
	case cfg.Duration <= 0 || cfg.Duration > 10*time.Minute:
		return usagef("--duration must be positive and at most 10m")
	}
	if cfg.Corpus == "" {
		cfg.Corpus = pagegen.FindCorpus()
	}
	rep, err := bench.Run(ctx, cfg, benchProgram(), tty.Only(env.stderr))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if asJSON {
		return json.NewEncoder(env.stdout).Encode(rep.Result)
	}
	rep.WriteTable(env.stdout)
	return nil
}

// benchProgram is the program as the bench measures it: imported as by
// `handover import`, and opened as the server opens it, with request logs
// formatted as in production and discarded.
func benchProgram() bench.Program {
	return bench.Program{Import: importDir, OpenStore: openStore,
		Open: func(dir string) (http.Handler, io.Closer, error) {
			m := &Main{Config: Config{Data: dir, Addr: "127.0.0.1:0", ProxyHeader: "X-Forwarded-User"},
				Out: io.Discard, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
			if err := m.Open(); err != nil {
				return nil, nil, errors.Join(err, m.Close())
			}
			return m.Handler, m, nil
		}}
}
