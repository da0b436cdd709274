package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/handover/handover"

// allowedImports is DESIGN.md's dependency graph between the project's
// packages: each may import only the ones listed (subpackages of a package
// count as part of it, and never import their parent). cmd/handover's own
// packages under internal/ (demo, bench, load and the helpers they share)
// count as part of it: they may import each other, never package main.
var allowedImports = map[string][]string{
	"cmd/handover": {"wiki", "quiz", "search", "static"},
	"quiz":         {"wiki", "search"},
	"wiki":         {"search"},
	"search":       {},
	"static":       {},
}

// TestImports checks the graph with go list -deps.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module+"/")
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if err := checkImport(pkg, strings.TrimPrefix(imp, module+"/")); err != "" {
				t.Errorf("%s imports %s: %s", pkg, imp, err)
			}
		}
	}
}

// top returns the top-level package a (sub)package belongs to.
func top(pkg string) string {
	if strings.HasPrefix(pkg, "cmd/") {
		return "cmd/handover"
	}
	first, _, _ := strings.Cut(pkg, "/")
	return first
}

func checkImport(pkg, imp string) string {
	from, to := top(pkg), top(imp)
	switch {
	case from == to && strings.HasPrefix(pkg, imp+"/"):
		return "a subpackage never imports its parent"
	case from == to:
		return ""
	case to == "cmd/handover":
		return "nothing imports cmd"
	case !slices.Contains(allowedImports[from], to):
		return "not in DESIGN.md's dependency graph"
	}
	return ""
}

func TestCheckImport(t *testing.T) {
	tests := []struct {
		pkg, imp string
		ok       bool
	}{
		{"wiki", "search", true},
		{"wiki", "quiz", false},
		{"search", "wiki", false},
		{"quiz/gift", "quiz", false},
		{"quiz", "quiz/gift", true},
		{"wiki/markup", "wiki", false},
		{"static", "wiki", false},
		{"quiz", "cmd/handover", false},
		{"cmd/handover", "cmd/handover/internal/load", true},
		{"cmd/handover/internal/load", "cmd/handover/internal/pagegen", true},
		{"cmd/handover/internal/pagegen", "wiki/markup", true},
		{"cmd/handover/internal/demo", "quiz", true},
		{"cmd/handover/internal/bench", "cmd/handover", false},
		{"wiki", "cmd/handover/internal/tty", false},
	}
	for _, tc := range tests {
		if got := checkImport(tc.pkg, tc.imp) == ""; got != tc.ok {
			t.Errorf("checkImport(%q, %q) ok = %v, want %v", tc.pkg, tc.imp, got, tc.ok)
		}
	}
}
