package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/search"
	"github.com/handover/handover/wiki"
)

// runImport is `handover import [--prefix P] DIR`. A file that cannot be
// imported is reported on stderr and skipped; the command still succeeds
// (exit 0) as long as at least one file became a page, because one stray
// file in a large tree should not undo or block the rest. It fails (exit 1)
// when DIR holds no Markdown file or every file was skipped.
func runImport(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("import", env)
	prefix := fs.String("prefix", "", "put the pages under this path (e.g. ops/runbooks)")
	maxUpload := byteSize(wiki.DefaultMaxUpload)
	fs.Var(&maxUpload, "max-upload", "largest attachment to import from PAGE.files directories, a `size` such as 10MiB")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("import takes one directory of Markdown files")
	}
	if *prefix != "" {
		if _, err := wiki.CleanPath(*prefix); err != nil {
			return usagef("--prefix %q: %s", *prefix, wiki.ErrorMessage(err))
		}
	}
	rep, err := importDir(ctx, *dir, fs.Arg(0), *prefix, env.stderr)
	if err != nil {
		return err
	}
	for _, p := range rep.Skipped {
		fmt.Fprintf(env.stderr, "handover: skipped %s: %s\n", p.File, p.Reason)
	}
	fmt.Fprintf(env.stdout, "imported %d pages (%d created, %d updated, %d unchanged, %d skipped)\n",
		rep.Imported(), rep.Created, rep.Updated, rep.Unchanged, len(rep.Skipped))
	switch {
	case rep.Imported() == 0 && len(rep.Skipped) == 0:
		return fmt.Errorf("no .md files in %s", fs.Arg(0))
	case rep.Imported() == 0:
		return fmt.Errorf("nothing imported: all %d files were skipped", len(rep.Skipped))
	}
	return importBesidePages(ctx, *dir, fs.Arg(0), *prefix, int64(maxUpload), env)
}

// importDir imports the Markdown tree src into the data directory and
// brings the search index up to date, drawing progress bars on progress
// when it is a terminal. The bench measures this same path.
func importDir(ctx context.Context, dataDir, src, prefix string, progress io.Writer) (*wiki.ImportReport, error) {
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer root.Close()
	store, _, err := createStoreFor(dataDir, "import")
	if err != nil {
		return nil, err
	}
	defer store.Close()
	bar := tty.NewBar(tty.Only(progress), "import")
	// os.Root's FS cannot be led outside src by ".." or symbolic links.
	rep, err := store.Import(ctx, root.FS(), wiki.ImportOptions{Prefix: prefix, Progress: bar.Update})
	if err != nil {
		return nil, err
	}
	bar.Done(fmt.Sprintf("%d files read", rep.Imported()+len(rep.Skipped)))
	if err := updateIndex(ctx, store, dataDir, progress); err != nil {
		return nil, fmt.Errorf("update the search index (the pages are saved; 'handover reindex' retries): %w", err)
	}
	return rep, nil
}

// updateIndex applies the pending changes to an existing, usable index,
// or builds the index from scratch when there is none (a first import).
func updateIndex(ctx context.Context, store *wiki.Store, dataDir string, progress io.Writer) error {
	syncer := wiki.NewSyncer(store, dataDir, slog.New(slog.DiscardHandler))
	if idx, err := search.Open(filepath.Join(dataDir, "index")); err == nil {
		if err := idx.Close(); err != nil {
			return err
		}
		if err := syncer.Start(); err != nil {
			return err
		}
		return errors.Join(syncer.Sync(ctx), syncer.Close())
	}
	bar := tty.NewBar(tty.Only(progress), "index")
	err := syncer.Rebuild(ctx, bar.Update)
	if err == nil {
		bar.Done("search index built")
	}
	return errors.Join(err, syncer.Close())
}

// lockedError is what a command says when a running server holds the data
// directory: bbolt allows one process at a time.
type lockedError struct{ dir, cmd string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("cannot %s: the data directory %s is in use by a running handover server; stop the server and try again", e.cmd, e.dir)
}

func (e *lockedError) Unwrap() error { return wiki.ErrLocked }

// openStoreFor opens the store (with every package's buckets) for command
// cmd, which works on existing data: a directory without a database is
// refused, so that a mistyped --data does not quietly become a new, empty
// wiki. A locked data directory is explained in the command's terms.
func openStoreFor(dataDir, cmd string) (*wiki.Store, *quiz.Store, error) {
	if _, err := os.Stat(filepath.Join(dataDir, wiki.DBFile)); errors.Is(err, fs.ErrNotExist) {
		if err := wiki.CheckNotLost(dataDir); err != nil {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("no handover data in %s (wrong --data?)", dataDir)
	}
	return createStoreFor(dataDir, cmd)
}

// createStoreFor is openStoreFor for the commands that may start a new
// data directory: import and adding a user.
func createStoreFor(dataDir, cmd string) (*wiki.Store, *quiz.Store, error) {
	store, qs, err := openStore(dataDir)
	if errors.Is(err, wiki.ErrLocked) {
		return nil, nil, &lockedError{dir: dataDir, cmd: cmd}
	}
	return store, qs, err
}
