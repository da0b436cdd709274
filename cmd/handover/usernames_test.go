package main

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// userNameFields are the fields that hold a user name.
var userNameFields = map[string]bool{"Author": true, "Owner": true, "Manager": true, "Uploader": true,
	"CreatedBy": true, "ClosedBy": true, "DoneBy": true, "UpdatedBy": true, "DeletedBy": true}

// exactNameComparisons are the comparisons of user-name fields that are
// meant to be exact: a change of spelling is a change of the record.
var exactNameComparisons = map[string]bool{
	"wiki/page_store.go: old.Owner == next.Owner": true,
	"wiki/username_migrate.go: owner != p.Owner":  true,
}

// TestUserNamesComparedByOneRule: outside the rule's own code
// (wiki/username.go), no program code compares user names with == or
// !=, or looks one up in a list with slices.Contains; they go through
// wiki.SameUser / User.Is, which match as lookups do (issue 14, item 13:
// "SAM" was measured as sam but not treated as incoming).
func TestUserNamesComparedByOneRule(t *testing.T) {
	for _, dir := range []string{"wiki", "quiz", "cmd/handover"} {
		filepath.WalkDir(filepath.Join("..", "..", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			for _, bad := range nameComparisons(t, path) {
				t.Errorf("%s: compare user names with wiki.SameUser or User.Is", bad)
			}
			return nil
		})
	}
}

// nameComparisons lists the suspect comparisons in one file.
func nameComparisons(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel := strings.TrimPrefix(filepath.ToSlash(path), "../../")
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		var suspect bool
		switch n := n.(type) {
		case *ast.BinaryExpr:
			suspect = (n.Op == token.EQL || n.Op == token.NEQ) && !isEmptyString(n.X) && !isEmptyString(n.Y) &&
				(isUserName(n.X) || isUserName(n.Y))
		case *ast.CallExpr:
			suspect = isCall(n, "slices", "Contains") && len(n.Args) == 2 && isPeopleList(n.Args[0])
		}
		if !suspect {
			return true
		}
		what := rel + ": " + exprString(fset, n)
		if !exactNameComparisons[what] {
			out = append(out, fset.Position(n.Pos()).String()+" "+exprString(fset, n))
		}
		return true
	})
	return out
}

// isUserName reports whether e is a user-name field or an account's Name.
func isUserName(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if userNameFields[sel.Sel.Name] {
		return true
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && sel.Sel.Name == "Name" && (x.Name == "u" || x.Name == "user" || x.Name == "by")
}

func isPeopleList(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	return ok && (sel.Sel.Name == "Outgoing" || sel.Sel.Name == "Incoming")
}

func isEmptyString(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Value == `""`
}

func isCall(c *ast.CallExpr, pkg, fn string) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == pkg && sel.Sel.Name == fn
}

func exprString(fset *token.FileSet, n ast.Node) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, n); err != nil {
		return "?"
	}
	return b.String()
}
