package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/handover/handover/quiz"
	quizweb "github.com/handover/handover/quiz/web"
	"github.com/handover/handover/static"
	"github.com/handover/handover/wiki"
)

// exportCrisisKit is `handover export --crisis-kit HANDOVER_ID FILE`: the
// same file GET /handovers/ID/crisis-kit downloads, for the day the wiki
// is down (the server must be stopped, as for every command on --data).
func exportCrisisKit(env *cmdEnv, dataDir, idArg, file string) error {
	id, err := strconv.ParseUint(idArg, 10, 64)
	if err != nil || id == 0 {
		return usagef("--crisis-kit takes a handover's number (the N of /handovers/N), not %q", idArg)
	}
	store, qs, err := openStoreFor(dataDir, "export")
	if err != nil {
		return err
	}
	defer store.Close()
	h, err := qs.Handover(id)
	if wiki.ErrorKind(err) == wiki.NotFound {
		return fmt.Errorf("there is no handover %d (the number is the N of /handovers/N)", id)
	}
	if err != nil {
		return err
	}
	kit, err := qs.CrisisKit(h)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := quizweb.WriteCrisisKit(&buf, static.FS, kit); err != nil {
		return err
	}
	if err := writeFileAtomic(file, buf.Bytes()); err != nil {
		return fmt.Errorf("write the crisis kit: %w", err)
	}
	fmt.Fprintf(env.stdout, "wrote the crisis kit of “%s” (%s) to %s\n", h.Title, kitSummary(kit), file)
	return nil
}

func kitSummary(kit *quiz.CrisisKit) string {
	sections := 0
	for _, p := range kit.Critical {
		sections += len(p.Sections)
	}
	return fmt.Sprintf("%s, %s on %s", wiki.Plural(len(kit.Contacts), "contacts page"),
		wiki.Plural(sections, "critical section"), wiki.Plural(len(kit.Critical), "page"))
}

// writeFileAtomic writes data to a temporary file beside name, syncs it
// and renames it over name, so that name is either the old file or the
// whole new one, never half of it.
func writeFileAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, ".handover-kit-*")
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the name is CreateTemp's pattern, not a file
		}
		return fmt.Errorf("create a file in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}
