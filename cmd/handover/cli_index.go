package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/search"
	"github.com/handover/handover/wiki"
)

func runReindex(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("reindex", env)
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	store, _, err := openStoreFor(*dir, "reindex")
	if err != nil {
		return err
	}
	defer store.Close()
	syncer := wiki.NewSyncer(store, *dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	bar := tty.NewBar(env.stderr, "reindex")
	if err := syncer.Rebuild(ctx, bar.Update); err != nil {
		return err
	}
	n, err := store.PageCount()
	if err != nil {
		return err
	}
	bar.Done(fmt.Sprintf("indexed %d pages", n))
	return syncer.Close()
}

func runCheck(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("check", env)
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	store, _, err := openStoreFor(*dir, "check")
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Check(); err != nil {
		fmt.Fprintln(env.stdout, "database:", err)
		return fmt.Errorf("the database %s is damaged: restore it from a backup with 'handover restore FILE' (reindex only rebuilds the search index)", store.Path())
	}
	problems, err := checkIndex(ctx, store, *dir)
	if errors.Is(err, search.ErrDamaged) {
		fmt.Fprintln(env.stdout, "search index:", firstLine(err.Error()))
		return errors.New("index damaged: run 'handover reindex' to rebuild it")
	}
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(env.stdout, p)
	}
	switch len(problems) {
	case 0:
		fmt.Fprintln(env.stdout, "ok: database and search index are consistent")
		return nil
	case 1:
		return errors.New("1 problem found in the search index (run 'handover reindex' to rebuild it)")
	}
	return fmt.Errorf("%d problems found in the search index (run 'handover reindex' to rebuild it)", len(problems))
}

// checkIndex compares the index with the pages: documents missing from
// the index, stale (older revision) or left over.
func checkIndex(ctx context.Context, store *wiki.Store, dir string) ([]string, error) {
	idx, err := search.Open(dir + "/index")
	if errors.Is(err, search.ErrDamaged) {
		return nil, err
	}
	if err != nil {
		return []string{"search index: " + firstLine(err.Error())}, nil
	}
	defer idx.Close()
	have, err := idx.Versions(ctx)
	if err != nil {
		return nil, err
	}
	var problems []string
	_, err = store.EachPage(0, 1<<62, func(p *wiki.Page, text string) error {
		if p.Deleted {
			return nil
		}
		for _, d := range wiki.PageDocs(p, text) {
			v, ok := have[d.ID]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("missing from index: %s (%s)", p.Path, d.ID))
			case v != strconv.Itoa(p.Revision):
				problems = append(problems, fmt.Sprintf("stale in index: %s (index has revision %s, page is at %d)", p.Path, v, p.Revision))
			}
			delete(have, d.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for id := range have {
		problems = append(problems, "in index but not in database: "+id)
	}
	sort.Strings(problems)
	return problems, nil
}

// firstLine is s up to its first line break: bleve's errors may go on to
// quote a damaged file.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
