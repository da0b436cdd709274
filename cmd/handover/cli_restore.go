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
	bar := newProgressBar(progress, "reindex")
	if err := syncer.Rebuild(ctx, bar.Update); err != nil {
		return errors.Join(err, syncer.Close())
	}
	bar.Done("search index rebuilt")
	return syncer.Close()
}
