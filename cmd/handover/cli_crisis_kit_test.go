package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// kitDataDir is a data directory with handover 1, alex → sam over ops/,
// whose runbook has a critical section and whose contacts page is tagged
// contacts.
func kitDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	store, qs, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for name, role := range map[string]wiki.Role{"alex": wiki.RoleMember, "sam": wiki.RoleMember, "morgan": wiki.RoleManager} {
		if _, err := store.CreateUser(name, role, "correct horse battery staple"); err != nil {
			t.Fatal(err)
		}
	}
	for path, md := range map[string]string{
		"ops/runbook":  kitRunbookMD,
		"ops/contacts": "---\ntags: [contacts]\n---\n## On call\n\nCall +1 312 555 0123.\n",
		"other/secret": "---\ncritical: [secret]\n---\n## Secret\n\nNot in scope.\n",
	} {
		if _, err := store.SavePage(wiki.SaveRequest{Path: path, Markdown: md, Author: "alex"}); err != nil {
			t.Fatal(err)
		}
	}
	morgan, err := store.UserByName("morgan")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	h := &quiz.Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "morgan",
		Start: now, Due: now.AddDate(0, 0, 21), Scope: []string{"ops/"}}
	if err := qs.CreateHandover(h, morgan); err != nil {
		t.Fatal(err)
	}
	return dir
}

// kitRunbookMD has two critical sections and one that is not.
const kitRunbookMD = `---
critical: [fence-first, promote]
---
## Fence first

Power off db-01 <script>alert("kit")</script>.

## Promote

Promote db-02, then call [[ops/contacts]].

## History

Not critical.
`

func TestExportCrisisKitCommand(t *testing.T) {
	dir := kitDataDir(t)
	file := filepath.Join(t.TempDir(), "kit.html")
	if err := os.WriteFile(file, []byte("an older kit"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "export", "--data", dir, "--crisis-kit", "1", file)
	want := "wrote the crisis kit of “Ops” (1 contacts page, 2 critical sections on 1 page) to " + file + "\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Fatalf("export --crisis-kit = %d %q %q, want 0 %q", code, stdout, stderr, want)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	kit := string(data)
	for _, w := range []string{"<!DOCTYPE html>", "Fence first", "Promote db-02", `href="#p1"`, "Call +1 312 555 0123", "<style>"} {
		if !strings.Contains(kit, w) {
			t.Errorf("the kit lacks %q", w)
		}
	}
	for _, bad := range []string{"<script", "Not critical", "Not in scope", "an older kit"} {
		if strings.Contains(kit, bad) {
			t.Errorf("the kit holds %q", bad)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".handover-kit-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestExportCrisisKitRefusals(t *testing.T) {
	dir := kitDataDir(t)
	file := filepath.Join(t.TempDir(), "kit.html")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--crisis-kit", "9", file}, 1, "there is no handover 9"},
		{[]string{"--crisis-kit", "ops", file}, 2, `--crisis-kit takes a handover's number (the N of /handovers/N), not "ops"`},
		{[]string{"--crisis-kit", "1"}, 2, "export --crisis-kit HANDOVER_ID takes one file to write"},
		{[]string{"--crisis-kit", "1", filepath.Join(t.TempDir(), "no", "such", "dir", "kit.html")}, 1, "no such file or directory"},
	} {
		code, stdout, stderr := runCLI(t, append([]string{"export", "--data", dir}, tc.args...)...)
		lines := strings.Count(stderr, "\n")
		if tc.code == 2 {
			lines-- // and "Run 'handover help' for usage."
		}
		if code != tc.code || stdout != "" || !strings.Contains(stderr, tc.want) || lines != 1 {
			t.Errorf("export %v = %d %q %q, want %d and one line with %q", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("a refused export wrote the file")
	}
}
