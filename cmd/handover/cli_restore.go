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
	"time"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

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
	r := newRestore(*dir)
	if err := r.swapIn(src); err != nil {
		return err
	}
	if err := restoreIndex(ctx, *dir, env.stderr); err != nil {
		if rerr := r.rollBack(); rerr != nil {
			return fmt.Errorf("restore failed (%v) and so did putting the previous data back: %w", err, rerr)
		}
		return fmt.Errorf("restore failed, the previous data is back in place: %w", err)
	}
	r.step("indexed")
	os.RemoveAll(r.oldIndex)
	fmt.Fprintf(env.stdout, "restored %s into %s\n", src, *dir)
	if r.aside != "" {
		fmt.Fprintf(env.stdout, "the previous database is kept as %s\n", r.aside)
	}
	return nil
}

// restore swaps a backup in for a data directory's database and index,
// keeping what it replaces so that a failure can put it back. At every
// moment, a kill included, DATA/handover.db is a whole database: the old
// one until a single rename puts the new one over it.
type restore struct {
	dir, db, index string
	aside          string // a copy of the previous database; "" if none
	oldIndex       string // the previous index, set aside; "" if none
	swapped        bool   // the backup is in place
	// step is called after each step with its name; tests kill the
	// process there (restoreKillEnv).
	step func(name string)
}

// restoreKillEnv names the step after which restore kills its own process
// with SIGKILL: TestRestoreKilled uses it to crash the real binary at
// every step. Nothing else sets it.
const restoreKillEnv = "HANDOVER_TEST_RESTORE_KILL"

// newRestore returns the restore of the data directory dir.
func newRestore(dir string) *restore {
	r := &restore{dir: dir, db: filepath.Join(dir, wiki.DBFile), index: filepath.Join(dir, "index"), step: func(string) {}}
	if at := os.Getenv(restoreKillEnv); at != "" {
		r.step = func(name string) {
			if name == at {
				if p, err := os.FindProcess(os.Getpid()); err == nil {
					p.Kill() // SIGKILL: no deferred call runs, as in a crash
				}
				select {} // the signal is on its way
			}
		}
	}
	return r
}

// swapIn copies src into the data directory beside the database and
// verifies the copy, keeps the previous database (untouched: it may be
// damaged) under a timestamped name by a hard link, moves the previous
// index out of the way, and renames the copy over the database.
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
	r.step("staged")
	if err := r.keepOld(old); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	if err := r.moveIndex(); err != nil {
		return errors.Join(err, os.Remove(tmp), r.rollBack())
	}
	r.step("index-moved")
	if err := os.Rename(tmp, r.db); err != nil {
		return errors.Join(err, os.Remove(tmp), r.rollBack())
	}
	r.swapped = true
	if err := syncDir(r.dir); err != nil {
		return errors.Join(err, r.rollBack())
	}
	r.step("swapped")
	return nil
}

// keepOld links the previous database, if there is one, to a timestamped
// name, so that it is kept without ever being missing from its own name.
func (r *restore) keepOld(old bool) error {
	if !old {
		return nil
	}
	aside, err := keepCopy(r.db, ".before-restore-"+time.Now().UTC().Format("20060102T150405Z"))
	if err != nil {
		return err
	}
	r.aside = aside
	if err := syncDir(r.dir); err != nil {
		return err
	}
	r.step("kept")
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

// rollBack puts the previous database and index back in place: the kept
// copy is renamed over the new database, in one step as well. Before the
// swap the database is still the previous one and the copy only goes
// (renaming one hard link over another of the same file does nothing).
func (r *restore) rollBack() error {
	errs := []error{os.RemoveAll(r.index), os.RemoveAll(r.index + ".new")}
	switch {
	case r.aside != "" && r.swapped:
		errs = append(errs, os.Rename(r.aside, r.db))
	case r.aside != "":
		errs = append(errs, os.Remove(r.aside))
	case r.swapped:
		errs = append(errs, os.Remove(r.db))
	}
	if r.oldIndex != "" {
		errs = append(errs, os.Rename(r.oldIndex, r.index))
	}
	errs = append(errs, syncDir(r.dir))
	return errors.Join(errs...)
}

// keepCopy makes path+suffix (with a counter if that is taken) a hard link
// to path, or a synced copy where the file system has no hard links, and
// returns its name.
func keepCopy(path, suffix string) (string, error) {
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
	if os.Link(path, name) == nil {
		return name, nil
	}
	return name, copyFileTo(name, path)
}

// copyFileTo copies src to a new file dst and syncs it; on error dst is
// gone.
func copyFileTo(dst, src string) (err error) {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(dst)
		}
	}()
	err = copyFile(f, src)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// syncDir makes the renames and links in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	return errors.Join(err, d.Close())
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
