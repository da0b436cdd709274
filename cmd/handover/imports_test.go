package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/handover/handover"

// allowedImports is DESIGN.md's dependency graph between the project's
// packages, test imports included: each package may import only the ones
// listed. A package missing from the list may import nothing of the
// project, so a new package has to be given its place here. cmd/handover's
// own packages under internal/ (demo, bench, load and the helpers they
// share) may import each other, never package main.
var allowedImports = map[string][]string{
	"cmd/handover": {"wiki", "wiki/web", "wiki/web/webtest", "wiki/markup", "quiz", "quiz/web", "quiz/web/quiztest", "quiz/gift", "search", "static",
		"cmd/handover/internal/..."},
	"cmd/handover/internal/...": {"wiki", "wiki/web", "wiki/markup", "quiz", "quiz/web", "quiz/gift", "search",
		"static", "cmd/handover/internal/..."},
	"quiz/web":          {"quiz", "quiz/gift", "wiki", "wiki/web", "wiki/markup", "static", "wiki/web/webtest", "quiz/web/quiztest"},
	"quiz/web/quiztest": {"quiz", "quiz/gift", "quiz/web", "wiki", "wiki/web", "wiki/web/webtest"},
	"wiki/web":          {"wiki", "wiki/markup", "search", "static", "wiki/web/webtest"},
	"wiki/web/webtest":  {"wiki", "wiki/web", "static"},
	"quiz":              {"wiki", "quiz/gift"},
	"wiki":              {"wiki/markup", "search"},
	"wiki/markup":       {},
	"quiz/gift":         {},
	"search":            {},
	"static":            {},
}

// TestImports checks every package's imports, test imports included,
// against allowedImports.
func TestImports(t *testing.T) {
	for pkg, imports := range projectImports(t) {
		for _, imp := range imports {
			if err := checkImport(pkg, imp); err != "" {
				t.Errorf("%s imports %s: %s", pkg, imp, err)
			}
		}
	}
}

// projectImports lists, per package of the module, the packages of the
// module it imports in its code and tests.
func projectImports(t *testing.T) map[string][]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	format := `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}`
	out, err := exec.Command("go", "list", "-f", format, module+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	all := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module+"/")
		all[pkg] = nil
		for _, imp := range fields[1:] {
			if rest, ok := strings.CutPrefix(imp, module+"/"); ok && rest != pkg {
				all[pkg] = append(all[pkg], rest)
			}
		}
	}
	return all
}

// rule returns the allowedImports key that governs pkg.
func rule(pkg string) string {
	if strings.HasPrefix(pkg, "cmd/handover/internal/") {
		return "cmd/handover/internal/..."
	}
	return pkg
}

func checkImport(pkg, imp string) string {
	allowed, ok := allowedImports[rule(pkg)]
	switch {
	case !ok:
		return "the package has no entry in allowedImports"
	case imp == "cmd/handover":
		return "nothing imports package main"
	case !slices.Contains(allowed, rule(imp)):
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
		{"wiki", "wiki/web", false},
		{"wiki/web", "wiki", true},
		{"wiki/web", "quiz", false},
		{"quiz/web", "wiki/web", true},
		{"search", "wiki", false},
		{"quiz/gift", "quiz", false},
		{"quiz", "quiz/gift", true},
		{"quiz", "quiz/web", false},
		{"wiki/markup", "wiki", false},
		{"static", "wiki", false},
		{"quiz", "cmd/handover", false},
		{"cmd/handover/internal/demo", "quiz", true},
		{"cmd/handover/internal/demo", "cmd/handover", false},
		{"wiki/unlisted", "wiki", false},
		{"cmd/handover", "cmd/handover/internal/load", true},
		{"cmd/handover/internal/load", "cmd/handover/internal/pagegen", true},
		{"cmd/handover/internal/pagegen", "wiki/markup", true},
		{"cmd/handover/internal/bench", "cmd/handover", false},
		{"wiki", "cmd/handover/internal/tty", false},
	}
	for _, tc := range tests {
		if got := checkImport(tc.pkg, tc.imp) == ""; got != tc.ok {
			t.Errorf("checkImport(%q, %q) ok = %v, want %v", tc.pkg, tc.imp, got, tc.ok)
		}
	}
}

// TestHTTPStaysInWeb fails on any function outside */web and cmd that
// takes an http.ResponseWriter, on quiz code that uses net/http or
// html/template, and on wiki code that uses net/http for anything but
// sniffing content types.
func TestHTTPStaysInWeb(t *testing.T) {
	err := filepath.WalkDir("../..", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".go") || strings.HasSuffix(file, "_test.go") {
			return err
		}
		rel := strings.TrimPrefix(filepath.ToSlash(file), "../../")
		if !strings.HasPrefix(rel, "cmd/") && !strings.Contains(rel, "/web/") {
			checkHTTPUse(t, rel, file)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkHTTPUse(t *testing.T, rel, file string) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	httpName := ""
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if top, _, _ := strings.Cut(rel, "/"); top == "quiz" && (path == "net/http" || path == "html/template") {
			t.Errorf("%s imports %s: quiz is a domain package", rel, path)
		}
		if path == "net/http" {
			httpName = "http"
			if imp.Name != nil {
				httpName = imp.Name.Name
			}
		}
	}
	if httpName == "" {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == httpName {
			switch {
			case sel.Sel.Name == "ResponseWriter":
				t.Errorf("%s uses http.ResponseWriter: only */web and cmd handle HTTP", rel)
			case strings.HasPrefix(rel, "wiki/") && sel.Sel.Name != "DetectContentType":
				t.Errorf("%s uses http.%s: wiki uses net/http only to sniff content types", rel, sel.Sel.Name)
			}
		}
		return true
	})
}
