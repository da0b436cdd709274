package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// exporter writes one kind of content into the export directory and says
// how many items it wrote: pages (Markdown), quizzes (GIFT) and attachments.
type exporter struct {
	name   string // plural noun for the summary: "pages"
	export func(ctx context.Context, store *wiki.Store, qs *quiz.Store, root *os.Root, progress wiki.Progress) (int, error)
}

func exporters() []exporter {
	return []exporter{{"pages", exportPages}, {"quizzes", exportQuizzes}, {"files", exportFiles}}
}

// runExport is `handover export DIR`, or with --crisis-kit the crisis kit
// of one handover (exportCrisisKit). DIR must be new or empty, so that an
// export holds exactly the wiki's content and importing it reproduces the
// pages; stale files of an earlier export would otherwise come back.
func runExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("export", env)
	kit := fs.String("crisis-kit", "", "write the crisis kit of the handover with this `ID` into one HTML file instead: export --crisis-kit ID FILE")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if *kit != "" {
		if fs.NArg() != 1 {
			return usagef("export --crisis-kit HANDOVER_ID takes one file to write")
		}
		return exportCrisisKit(env, *dir, *kit, fs.Arg(0))
	}
	if fs.NArg() != 1 {
		return usagef("export takes one directory to write into")
	}
	counts, err := exportDir(ctx, *dir, fs.Arg(0), env.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "exported %s to %s\n", strings.Join(counts, ", "), fs.Arg(0))
	return nil
}

// exportDir runs every exporter into dst and returns "N things" per
// exporter.
func exportDir(ctx context.Context, dataDir, dst string, progress io.Writer) ([]string, error) {
	store, qs, err := openStoreFor(dataDir, "export")
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if err := emptyDir(dst); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dst)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer root.Close()
	var counts []string
	for _, e := range exporters() {
		bar := tty.NewBar(tty.Only(progress), "export "+e.name)
		n, err := e.export(ctx, store, qs, root, bar.Update)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", e.name, err)
		}
		bar.Done(fmt.Sprintf("%d %s", n, e.name))
		counts = append(counts, fmt.Sprintf("%d %s", n, e.name))
	}
	return counts, nil
}

// emptyDir creates dir, or checks that it exists and is empty.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("export: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("export: %s is not empty; export into a new or empty directory", dir)
	}
	return nil
}

// exportPages writes every live page as <path>.md with its metadata as
// front matter, paging through the store in short read transactions.
func exportPages(ctx context.Context, store *wiki.Store, _ *quiz.Store, root *os.Root, progress wiki.Progress) (int, error) {
	total, err := store.PageCount()
	if err != nil {
		return 0, err
	}
	n, seen := 0, 0
	for after := uint64(0); ; {
		last, err := store.EachPage(after, 200, func(p *wiki.Page, text string) error {
			seen++
			if p.Deleted {
				return nil
			}
			n++
			return writeExportFile(root, p.Path+".md", wiki.ExportMarkdown(p, text))
		})
		if err == nil {
			err = ctx.Err()
		}
		if err != nil || last == 0 {
			return n, err
		}
		progress(seen, total)
		after = last
	}
}

// writeExportFile writes data at the slash-separated name inside root.
// Page paths cannot climb out (CleanPath refuses ".." segments) and
// os.Root refuses anything that would, symbolic links included; the check
// here says so in plain words should either ever change.
func writeExportFile(root *os.Root, name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to write %q outside %s", name, root.Name())
	}
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	return root.WriteFile(name, data, 0o644)
}
