package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestImportStaysInItsDirectory: symbolic links in an import directory that
// lead out of it (relative, absolute, to a file or a directory) are not
// followed, and prefixes that would climb are refused.
func TestImportStaysInItsDirectory(t *testing.T) {
	base := t.TempDir()
	outside, src := filepath.Join(base, "outside"), filepath.Join(base, "src")
	for name, text := range map[string]string{
		"outside/secret.md": "# Secret\n\nTOPSECRET\n", "outside/sub/other.md": "# Other\n\nTOPSECRET\n",
		"src/ok.md": "# OK\n\nFine.\n", "src/sub/inner.md": "# Inner\n",
	} {
		path := filepath.Join(base, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"leak.md": "../outside/secret.md", "abs.md": filepath.Join(outside, "secret.md"),
		"linkdir": "../outside", "abslinkdir": outside, "sub/up.md": "../../outside/secret.md",
	} {
		if err := os.Symlink(target, filepath.Join(src, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	data := t.TempDir()
	got := cli(t, "import", "--data", data, src)
	if got.code != 0 {
		t.Fatalf("import = %d: %s", got.code, got.stderr)
	}
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var paths []string
	_, err = store.EachPage(0, 100, func(p *wiki.Page, text string) error {
		paths = append(paths, p.Path)
		if strings.Contains(text, "TOPSECRET") {
			t.Errorf("page %q holds a file from outside the import directory", p.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(paths, " ") != "ok sub/inner" {
		t.Errorf("imported pages %q, want only ok and sub/inner", paths)
	}
	for _, prefix := range []string{"../up", "/abs/../..", "a/../../b", "a\x00b", `..\..\x`, "a/./b"} {
		if got := cli(t, "import", "--data", t.TempDir(), "--prefix", prefix, src); got.code != 2 {
			t.Errorf("import --prefix %q = exit %d, want 2 (refused)", prefix, got.code)
		}
	}
}

// TestExportStaysInItsDirectory: even a page path that climbs (which
// CleanPath never lets in, so it is planted in the database here) is not
// written outside the export directory, and an export directory holding
// anything (such as a link out) is refused.
func TestExportStaysInItsDirectory(t *testing.T) {
	data, base := t.TempDir(), t.TempDir()
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.SavePage(wiki.SaveRequest{Path: "ops/db", Markdown: "# DB\n", Author: "alex"})
	if err != nil {
		t.Fatal(err)
	}
	p.Path = "../../escaped"
	if err := store.Update(func(tx *wiki.Tx) error { return tx.PutJSON("pages", wiki.Itob(p.ID), p) }); err != nil {
		t.Fatal(err)
	}
	store.Close()
	dst := filepath.Join(base, "a", "b", "export")
	if got := cli(t, "export", "--data", data, dst); got.code == 0 || !strings.Contains(got.stderr, "refusing") {
		t.Errorf("export of a climbing page path = exit %d, %q; want a refusal", got.code, got.stderr)
	}
	if _, err := os.Stat(filepath.Join(base, "escaped.md")); err == nil {
		t.Error("export wrote outside its directory")
	}
	linked := filepath.Join(base, "linked")
	os.Mkdir(linked, 0o755)
	os.Symlink(base, filepath.Join(linked, "out"))
	if got := cli(t, "export", "--data", dataWithPage(t, "a", "# A"), linked); got.code == 0 || !strings.Contains(got.stderr, "not empty") {
		t.Errorf("export into a directory holding a link = exit %d, %q; want it refused as not empty", got.code, got.stderr)
	}
}

// TestBackupReplacesALinkNotItsTarget: backing up to a path that is a
// symbolic link replaces the link; the file it pointed at is untouched.
func TestBackupReplacesALinkNotItsTarget(t *testing.T) {
	data := t.TempDir()
	store, _, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SavePage(wiki.SaveRequest{Path: "a", Markdown: "# A\n", Author: "alex"}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	dir := t.TempDir()
	victim := filepath.Join(dir, "important.txt")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	target := filepath.Join(dir, "backup.db")
	if err := os.Symlink(victim, target); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if code, _, errOut := runCLI(t, "backup", "--data", data, target); code != 0 {
		t.Fatalf("backup = %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the link's target now holds %d bytes, want it untouched", len(b))
	}
	if fi, err := os.Lstat(target); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("backup target: %v, %v; want a regular file in place of the link", fi, err)
	}
}

// TestAttachmentAndStaticPathsStayInside: upload names with paths, drive
// letters and NULs are cut to a plain name; file, delete and static
// addresses that climb, encoded or not, reach nothing outside.
func TestAttachmentAndStaticPathsStayInside(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB\n")
	app.SavePage("ops/db2", "# DB 2\n")
	c := app.Login("alex")
	for name, want := range map[string]string{
		"../../etc/passwd": "passwd", "/etc/shadow": "shadow", `..\..\boot.ini`: "boot.ini", `C:\Windows\win.ini`: "win.ini",
		"a\x00b.txt": "ab.txt", "..%2F..%2Fx.txt": "_2F.._2Fx.txt", "...": "", "./.hidden": "hidden",
	} {
		// As the file's own name (which cannot carry a NUL) on one page,
		// and as the name field that renames it on another.
		for page, r := range map[string]*webtest.Response{
			"ops/db":  c.Upload("/api/attachments/ops/db", strings.ReplaceAll(name, "\x00", ""), []byte("data"), ""),
			"ops/db2": c.Upload("/api/attachments/ops/db2", "x.txt", []byte("data"), name),
		} {
			switch {
			case want == "" && r.StatusCode != http.StatusBadRequest:
				t.Errorf("upload to %s named %q = %d, want 400", page, name, r.StatusCode)
			case want != "" && (r.StatusCode != http.StatusCreated || !strings.Contains(r.Body, fmt.Sprintf(`"name":%q`, want))):
				t.Errorf("upload to %s named %q = %d %s, want 201 named %q", page, name, r.StatusCode, r.Body, want)
			}
		}
	}
	for _, path := range []string{
		"/files/ops/db/..%2F..%2Fhandover.db", "/files/ops/db/%2e%2e/%2e%2e/handover.db", "/files/..%2F..%2Fetc/passwd",
		"/files/ops/db/passwd%00.png", "/files/ops/%2e%2e/db/passwd", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/static/../../go.mod", "/static/css/..%2f..%2f..%2fgo.mod", "/admin/backup/../../go.mod",
	} {
		r := c.Get(path)
		if r.StatusCode == http.StatusOK || strings.Contains(r.Body, "module github.com") || strings.Contains(r.Body, "bolt") {
			t.Errorf("GET %s = %d %.100q, want nothing served", path, r.StatusCode, r.Body)
		}
	}
	for _, path := range []string{"/delete-file/ops/db/..%2Fpasswd", "/delete-file/ops/%2e%2e/db/passwd", "/delete-file/ops/db/passwd%00"} {
		if r := c.PostForm(path, nil); r.StatusCode == http.StatusSeeOther {
			t.Errorf("POST %s = 303, want it to name no file", path)
		}
	}
}
