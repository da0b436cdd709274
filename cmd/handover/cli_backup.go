package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	tmp, n, err := stageVerified(filepath.Dir(target), write)
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return n, nil
}

// stageVerified writes through write into a new temporary file in dir,
// syncs and verifies it, and returns its name and size. On error the file
// is gone.
func stageVerified(dir string, write func(io.Writer) error) (name string, size int64, err error) {
	tmp, err := os.CreateTemp(dir, ".handover-backup-*")
	if err != nil {
		return "", 0, fmt.Errorf("create backup file: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	if err := wiki.VerifyBackup(tmp.Name()); err != nil {
		return "", 0, fmt.Errorf("the backup did not verify, nothing written: %w", err)
	}
	info, err := os.Stat(tmp.Name())
	if err != nil {
		return "", 0, err
	}
	return tmp.Name(), info.Size(), nil
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
	aside, err := replaceDatabase(dir, src)
	if err != nil {
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
	if aside != "" {
		fmt.Fprintf(env.stdout, "the previous database is kept as %s\n", aside)
	}
	return syncer.Close()
}

// replaceDatabase copies src into the data directory and verifies the
// copy, moves the previous database (untouched: it may be damaged) to a
// timestamped name, which it returns, puts the copy in its place, and
// removes the search index so that it is rebuilt from the restored data.
func replaceDatabase(dir, src string) (aside string, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	db := filepath.Join(dir, wiki.DBFile)
	old, err := exists(db)
	if err != nil {
		return "", err
	}
	if old && wiki.InUse(db) {
		return "", &lockedError{dir: dir, cmd: "restore"}
	}
	tmp, _, err := stageVerified(dir, func(w io.Writer) error { return copyFile(w, src) })
	if err != nil {
		return "", err
	}
	if old {
		if aside, err = setAside(db, ".before-restore-"+time.Now().UTC().Format("20060102T150405Z")); err != nil {
			os.Remove(tmp)
			return "", err
		}
	}
	if err := os.Rename(tmp, db); err != nil {
		return aside, err
	}
	return aside, os.RemoveAll(filepath.Join(dir, "index"))
}

// setAside renames path to path+suffix (with a counter if that is taken)
// and returns the new name.
func setAside(path, suffix string) (string, error) {
	name := path + suffix
	for i := 2; ; i++ {
		taken, err := exists(name)
		if err != nil {
			return "", err
		}
		if !taken {
			break
		}
		name = fmt.Sprintf("%s%s-%d", path, suffix, i)
	}
	return name, os.Rename(path, name)
}

func exists(path string) (bool, error) {
	_, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
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
