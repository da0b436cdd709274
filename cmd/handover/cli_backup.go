package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

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

func copyFile(w io.Writer, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
