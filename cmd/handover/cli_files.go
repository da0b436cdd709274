package main

import (
	"context"
	"fmt"
	"os"
	"path"

	"github.com/handover/handover/wiki"
)

// exportFiles writes every attachment of a live page into PAGE.files/
// beside the page's Markdown, where `handover import` finds it again.
func exportFiles(_ context.Context, store *wiki.Store, root *os.Root, _ wiki.Progress) (int, error) {
	n := 0
	err := store.EachAttachment(func(pagePath string, a *wiki.Attachment, data []byte) error {
		n++
		return writeExportFile(root, path.Join(pagePath+wiki.FilesDirSuffix, a.Name), data)
	})
	return n, err
}

// importFilesDir imports the attachments (PAGE.files directories) of src,
// after the pages, and says how many; a file it cannot take is reported on
// stderr and skipped.
func importFilesDir(ctx context.Context, dataDir, src, prefix string, maxSize int64, env *cmdEnv) error {
	root, err := os.OpenRoot(src)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer root.Close()
	store, err := openStoreFor(dataDir, "import")
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.ImportFiles(ctx, root.FS(), wiki.ImportOptions{Prefix: prefix}, maxSize)
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
