package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

func runBackup(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlags("backup", env.stderr)
	var dir string
	dataFlag(fs, &dir)
	url := fs.String("url", "", "take the backup through a running server at this base URL (needs --token)")
	token := fs.String("token", "", "an admin's API token, for --url")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("backup takes one FILE to write")
	}
	target := fs.Arg(0)
	write := func(w io.Writer) error { return backupLocal(dir, w) }
	if *url != "" {
		if *token == "" {
			return usagef("--url needs --token (or HANDOVER_TOKEN) with an admin's API token")
		}
		write = func(w io.Writer) error { return backupRemote(ctx, *url, *token, w) }
	}
	n, err := writeVerified(target, write)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backup written to %s (%s), verified\n", target, wiki.FormatBytes(n))
	return nil
}

func backupLocal(dir string, w io.Writer) error {
	store, err := openStoreFor(dir, "back up")
	if errors.Is(err, wiki.ErrLocked) {
		return fmt.Errorf("%w; back up a running server with --url URL --token TOKEN", err)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	_, err = store.WriteBackup(w)
	return err
}

func backupRemote(ctx context.Context, base, token string, w io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/admin/backup", nil)
	if err != nil {
		return usagef("--url %q: %v", base, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 30 * time.Minute}).Do(req)
	if err != nil {
		return fmt.Errorf("backup from %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("backup from %s: %s: %s", base, resp.Status, strings.TrimSpace(string(body)))
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return fmt.Errorf("backup from %s broke off after %s (%v); nothing written", base, wiki.FormatBytes(n), err)
	}
	return nil
}

// writeVerified writes through write into a temporary file beside target,
// syncs it, verifies it is a sound database, and only then renames it to
// target, so a failed backup never leaves a file that looks good.
func writeVerified(target string, write func(io.Writer) error) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".handover-backup-*")
	if err != nil {
		return 0, fmt.Errorf("create backup file: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	if err := wiki.VerifyBackup(tmp.Name()); err != nil {
		return 0, fmt.Errorf("the backup did not verify, nothing written: %w", err)
	}
	info, err := os.Stat(tmp.Name())
	if err != nil {
		return 0, err
	}
	return info.Size(), os.Rename(tmp.Name(), target)
}

func runRestore(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlags("restore", env.stderr)
	var dir string
	dataFlag(fs, &dir)
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("restore takes one backup FILE")
	}
	src := fs.Arg(0)
	if err := wiki.VerifyBackup(src); err != nil {
		return fmt.Errorf("refusing to restore: %w", err)
	}
	if err := replaceDatabase(dir, src); err != nil {
		return err
	}
	store, err := openStore(dir)
	if err != nil {
		return err
	}
	defer store.Close()
	syncer := wiki.NewSyncer(store, dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	bar := newProgressBar(env.stderr, "reindex")
	if err := syncer.Rebuild(ctx, bar.Update); err != nil {
		return err
	}
	bar.Done("search index rebuilt")
	fmt.Fprintf(env.stdout, "restored %s into %s\n", src, dir)
	return syncer.Close()
}

// replaceDatabase copies src over the data directory's database. The old
// database, if any, is kept as handover.db.before-restore; the search index
// is removed so it is rebuilt from the restored data.
func replaceDatabase(dir, src string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	dbPath := filepath.Join(dir, wiki.DBFile)
	if _, err := os.Stat(dbPath); err == nil {
		// Opening proves no server holds the file.
		s, err := openStore(dir)
		if err != nil {
			return err
		}
		s.Close()
		if err := os.Rename(dbPath, dbPath+".before-restore"); err != nil {
			return err
		}
	}
	if _, err := writeVerified(dbPath, func(w io.Writer) error { return copyFile(w, src) }); err != nil {
		return err
	}
	return os.RemoveAll(filepath.Join(dir, "index"))
}

func copyFile(w io.Writer, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
