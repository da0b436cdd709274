package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// exportFiles writes every attachment of a live page into PAGE.files/
// beside the page's Markdown, where `handover import` finds it again.
func exportFiles(_ context.Context, store *wiki.Store, _ *quiz.Store, root *os.Root, _ wiki.Progress) (int, error) {
	n := 0
	err := store.EachAttachment(func(pagePath string, a *wiki.Attachment, data []byte) error {
		n++
		return writeExportFile(root, path.Join(pagePath+wiki.FilesDirSuffix, a.Name), data)
	})
	return n, err
}

// importBesidePages imports what an export puts beside the pages of src,
// once `handover import` made the pages: quizzes (PATH.gift) and
// attachments (PATH.files/), and says how many of each.
func importBesidePages(ctx context.Context, dataDir, src, prefix string, maxSize int64, env *cmdEnv) error {
	root, err := os.OpenRoot(src)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer root.Close()
	store, qs, err := openStoreFor(dataDir, "import")
	if err != nil {
		return err
	}
	defer store.Close()
	quizzes, questions, err := importQuizTree(store, qs, root.FS(), prefix, env.stderr)
	if quizzes > 0 {
		fmt.Fprintf(env.stdout, "imported %d quizzes (%d questions)\n", quizzes, questions)
	}
	if err != nil {
		return err
	}
	return importFiles(ctx, store, root.FS(), prefix, maxSize, env)
}

// importFiles stores the attachments of fsys; a file it cannot take is
// reported on stderr and skipped.
func importFiles(ctx context.Context, store *wiki.Store, fsys fs.FS, prefix string, maxSize int64, env *cmdEnv) error {
	rep, err := store.ImportFiles(ctx, fsys, wiki.ImportOptions{Prefix: prefix}, maxSize)
	if rep != nil {
		for _, p := range rep.Skipped {
			fmt.Fprintf(env.stderr, "handover: skipped %s: %s\n", p.File, p.Reason)
		}
		if total := rep.Stored + rep.Unchanged; total > 0 {
			fmt.Fprintf(env.stdout, "imported %d files (%d stored, %d unchanged, %d skipped)\n",
				total, rep.Stored, rep.Unchanged, len(rep.Skipped))
		}
	}
	return err
}
