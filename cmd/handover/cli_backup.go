package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

func runBackup(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("backup", env)
	baseURL := fs.String("url", "", "take the backup through a running server at this base URL (needs --token)")
	token := fs.String("token", "", "an admin's API token, for --url")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("backup takes one FILE to write")
	}
	target := fs.Arg(0)
	write := func(w io.Writer) error { return backupLocal(*dir, w) }
	if *baseURL != "" {
		if *token == "" {
			return usagef("--url needs --token (or HANDOVER_TOKEN) with an admin's API token")
		}
		write = func(w io.Writer) error { return backupRemote(ctx, *baseURL, *token, w) }
	}
	n, err := writeVerified(target, write)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backup written to %s (%s), verified\n", target, wiki.FormatBytes(n))
	return nil
}

func backupLocal(dir string, w io.Writer) error {
	store, _, err := openStoreFor(dir, "back up")
	if errors.Is(err, wiki.ErrLocked) {
		return fmt.Errorf("the data directory %s is in use by a running handover server; back it up through the server with --url URL --token TOKEN", dir)
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
	if urlErr := (*url.Error)(nil); errors.As(err, &urlErr) {
		err = urlErr.Err // it repeats the method and the URL
	}
	if err != nil {
		return fmt.Errorf("backup from %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return remoteError(base, resp)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return fmt.Errorf("backup from %s broke off after %s (%v); nothing written", base, wiki.FormatBytes(n), err)
	}
	return nil
}

// remoteError describes a refused backup request in one line: the status,
// the server's own message if it sent one as JSON (never an HTML page), and
// what to check.
func remoteError(base string, resp *http.Response) error {
	msg := resp.Status
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "application/json" {
		var body struct{ Error string }
		if json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&body) == nil && body.Error != "" {
			msg += ": " + body.Error
		}
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		msg += " (is --url the wiki's base address, such as http://127.0.0.1:8080?)"
	case http.StatusUnauthorized, http.StatusForbidden:
		msg += " (--token must be an administrator's API token)"
	}
	return fmt.Errorf("backup from %s: %s", base, msg)
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
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the name is CreateTemp's pattern, not a file
		}
		return "", 0, fmt.Errorf("create a file in %s: %w", dir, err)
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
	fs, dir := dataFlags("restore", env)
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
	r := &restore{dir: *dir, db: filepath.Join(*dir, wiki.DBFile), index: filepath.Join(*dir, "index")}
	if err := r.swapIn(src); err != nil {
		return err
	}
	if err := restoreIndex(ctx, *dir, env.stderr); err != nil {
		if rerr := r.rollBack(); rerr != nil {
			return fmt.Errorf("restore failed (%v) and so did putting the previous data back: %w", err, rerr)
		}
		return fmt.Errorf("restore failed, the previous data is back in place: %w", err)
	}
	os.RemoveAll(r.oldIndex)
	fmt.Fprintf(env.stdout, "restored %s into %s\n", src, *dir)
	if r.aside != "" {
		fmt.Fprintf(env.stdout, "the previous database is kept as %s\n", r.aside)
	}
	return nil
}

// restore swaps a backup in for a data directory's database and index,
// keeping what it replaces so that a failure can put it back.
type restore struct {
	dir, db, index string
	aside          string // the previous database, set aside; "" if none
	oldIndex       string // the previous index, set aside; "" if none
}

// swapIn copies src into the data directory and verifies the copy, then
// moves the previous database (untouched: it may be damaged) to a
// timestamped name and the previous index out of the way, and puts the
// copy in place.
func (r *restore) swapIn(src string) error {
	if err := os.MkdirAll(r.dir, 0o750); err != nil {
		return err
	}
	old, err := exists(r.db)
	if err != nil {
		return err
	}
	if old && wiki.InUse(r.db) {
		return &lockedError{dir: r.dir, cmd: "restore"}
	}
	tmp, _, err := stageVerified(r.dir, func(w io.Writer) error { return copyFile(w, src) })
	if err != nil {
		return err
	}
	if old {
		if r.aside, err = setAside(r.db, ".before-restore-"+time.Now().UTC().Format("20060102T150405Z")); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	if err := r.moveIndex(); err != nil {
		return errors.Join(err, os.Remove(tmp), r.rollBack())
	}
	if err := os.Rename(tmp, r.db); err != nil {
		return errors.Join(err, os.Remove(tmp), r.rollBack())
	}
	return nil
}

func (r *restore) moveIndex() error {
	if ok, err := exists(r.index); err != nil || !ok {
		return err
	}
	r.oldIndex = r.index + ".before-restore"
	if err := os.RemoveAll(r.oldIndex); err != nil {
		return err
	}
	return os.Rename(r.index, r.oldIndex)
}

// rollBack puts the previous database and index back in place.
func (r *restore) rollBack() error {
	errs := []error{os.RemoveAll(r.index), os.RemoveAll(r.index + ".new")}
	if r.aside != "" {
		errs = append(errs, os.Rename(r.aside, r.db))
	} else if err := os.Remove(r.db); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	if r.oldIndex != "" {
		errs = append(errs, os.Rename(r.oldIndex, r.index))
	}
	return errors.Join(errs...)
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

// restoreIndex builds the search index of a freshly restored database.
func restoreIndex(ctx context.Context, dir string, progress io.Writer) error {
	store, _, err := openStore(dir)
	if err != nil {
		return err
	}
	defer store.Close()
	syncer := wiki.NewSyncer(store, dir, slog.New(slog.DiscardHandler))
	bar := tty.NewBar(progress, "reindex")
	if err := syncer.Rebuild(ctx, bar.Update); err != nil {
		return errors.Join(err, syncer.Close())
	}
	bar.Done("search index rebuilt")
	return syncer.Close()
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
