package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// routePattern matches a ServeMux pattern with a method.
var routePattern = regexp.MustCompile(`^(GET|HEAD|POST|PUT|PATCH|DELETE) /`)

// registeredPatterns returns every route pattern the program registers:
// the string literals that start with a method and a path and are the
// first argument of a handle, Handle or HandleFunc call in the non-test
// files of cmd/handover, wiki, quiz and their web packages. TestRoutesAreAllRegistered checks
// that each one really is registered.
func registeredPatterns(t *testing.T) []string {
	t.Helper()
	var out []string
	fset := token.NewFileSet()
	for _, dir := range []string{".", "../../wiki", "../../wiki/web", "../../quiz", "../../quiz/web"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if p, ok := handleCall(n); ok {
					out = append(out, p)
				}
				return true
			})
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// handleCall returns the pattern of a handle("GET /x", …) call.
func handleCall(n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return "", false
	}
	var fn string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		fn = f.Name
	case *ast.SelectorExpr:
		fn = f.Sel.Name
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || (fn != "handle" && fn != "Handle" && fn != "HandleFunc") {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil && routePattern.MatchString(s)
}

// patternMux serves every pattern, answering with the pattern matched:
// it tells which route a matrix row exercises.
func patternMux(patterns []string) *http.ServeMux {
	mux := http.NewServeMux()
	for _, p := range patterns {
		mux.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
	}
	return mux
}

// samplePath fills a pattern's wildcards: {name...} with a page path,
// {name} with 1, {$} with nothing.
func samplePath(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = regexp.MustCompile(`\{[a-z]+\.\.\.\}`).ReplaceAllString(path, "ops/db")
	path = strings.ReplaceAll(path, "{$}", "")
	return method, regexp.MustCompile(`\{[a-z]+\}`).ReplaceAllString(path, "1")
}

// TestRoutesAreAllRegistered: a sample request for each pattern found in
// the source reaches that pattern in the real server (read back from
// /metrics, which labels requests by the pattern that served them), so
// registeredPatterns misses nothing it claims and finds no dead strings.
func TestRoutesAreAllRegistered(t *testing.T) {
	app := newTestApp(t)
	patterns := registeredPatterns(t)
	if len(patterns) < 100 {
		t.Fatalf("found only %d route patterns in the source: %q", len(patterns), patterns)
	}
	for _, p := range patterns {
		method, path := samplePath(p)
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		app.Main.Handler.ServeHTTP(httptest.NewRecorder(), req)
	}
	metrics := app.Anonymous().Get("/metrics").Body
	for _, p := range patterns {
		if !strings.Contains(metrics, fmt.Sprintf("route=%q", p)) {
			t.Errorf("a request for %s did not reach the pattern %q", strings.Join(strings.Fields(fmt.Sprint(samplePath(p))), " "), p)
		}
	}
}

// matrixRequests lists the method and path of every row of every access
// matrix, with their placeholders filled.
func matrixRequests() [][2]string {
	var out [][2]string
	fill := strings.NewReplacer("{p}", "ops/db", "{q}", "1", "{a}", "1", "{f}", "1", "{h}", "1", "{t}", "1", "{id}", "1",
		"{tok}", "1", "{uid}", "1")
	add := func(method, path string) { out = append(out, [2]string{method, fill.Replace(path)}) }
	for _, rt := range append(append(wikiRoutes, quizRoutes...), remainingRoutes...) {
		add(rt.method, rt.path)
	}
	for _, rt := range handoverRoutes {
		add(rt.method, rt.path)
	}
	for _, rt := range dashboardRoutes {
		add(rt.method, rt.path)
	}
	return out
}

// TestEveryRouteInAMatrix fails for each registered route that no row of
// an access matrix (role × route, with the expected status per role)
// exercises. A new route needs a row in the matrix of its area.
func TestEveryRouteInAMatrix(t *testing.T) {
	patterns := registeredPatterns(t)
	mux := patternMux(patterns)
	covered := map[string]bool{}
	for _, rq := range matrixRequests() {
		_, pattern := mux.Handler(httptest.NewRequest(rq[0], rq[1], nil))
		if pattern == "" {
			t.Errorf("matrix row %s %s matches no registered route", rq[0], rq[1])
		}
		covered[pattern] = true
	}
	for _, p := range patterns {
		if !covered[p] {
			t.Errorf("route %q has no row in any access matrix", p)
		}
	}
	t.Logf("%d routes, each exercised by a row of an access matrix", len(patterns))
}

// remainingRoutes are the routes of no area's matrix: signing in and out,
// the account, user administration, the page API's PUT and static files.
// {tok} is an API token of the matrix's member, {uid} another account.
var remainingRoutes = []route{
	{"POST", "/login", url.Values{"name": {"member"}, "password": {webtest.Password}}, [4]int{seeOther, seeOther, seeOther, seeOther}},
	{"POST", "/logout", nil, [4]int{seeOther, seeOther, seeOther, seeOther}},
	{"POST", "/setup", url.Values{"token": {"wrong"}, "name": {"root"}, "password": {webtest.Password}, "password2": {webtest.Password}},
		[4]int{notFound, notFound, notFound, notFound}},
	{"POST", "/account/password", url.Values{"current": {webtest.Password}, "password": {webtest.Password}, "password2": {webtest.Password}},
		[4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/account/logout-everywhere", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/account/tokens/{tok}/revoke", nil, [4]int{unauth, seeOther, notFound, notFound}},
	{"POST", "/admin/users/{uid}", url.Values{"role": {"manager"}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"PUT", "/api/pages/{p}", url.Values{"json": {`{"markdown": "changed", "base_revision": 1}`}}, [4]int{unauth, ok, ok, ok}},
	{"GET", "/static/css/app.css", nil, [4]int{ok, ok, ok, ok}},
}

// TestRemainingAccessMatrix runs remainingRoutes. Each request gets fresh
// sessions, a fresh page, token and account, since several of them end
// sessions or change accounts.
func TestRemainingAccessMatrix(t *testing.T) {
	app := newTestApp(t)
	member := app.AddUser("member", wiki.RoleMember)
	app.AddUser("manager", wiki.RoleManager)
	app.AddUser("admin", wiki.RoleAdmin)
	for i, rt := range remainingRoutes {
		for r, role := range roles {
			page := fmt.Sprintf("rest/%d-%s", i, role)
			app.SavePage(page, "# Page\n")
			tok, _, err := app.Main.Store.CreateToken(member.ID, "ci")
			if err != nil {
				t.Fatal(err)
			}
			other := app.AddUser(fmt.Sprintf("other%d%s", i, role), wiki.RoleMember)
			c := app.Anonymous()
			if r > 0 {
				c = app.Login(role)
			}
			path := strings.NewReplacer("{p}", page, "{tok}", fmt.Sprint(tok.ID), "{uid}", fmt.Sprint(other.ID)).Replace(rt.path)
			var resp *webtest.Response
			if rt.method == http.MethodPut {
				resp = c.Send(rt.method, path, "application/json", rt.form.Get("json"), nil)
			} else {
				resp = request(c, rt.method, path, rt.form, page)
			}
			if resp.StatusCode != rt.want[r] {
				t.Errorf("%s %s as %s = %d, want %d", rt.method, rt.path, role, resp.StatusCode, rt.want[r])
			}
		}
	}
}

// TestEventRoutesAreRegistered keeps handover_events_total honest: a
// renamed route would otherwise silently stop being counted.
func TestEventRoutesAreRegistered(t *testing.T) {
	registered := registeredPatterns(t)
	for pattern := range eventRoutes {
		if !slices.Contains(registered, pattern) {
			t.Errorf("eventRoutes counts %q, which no handler registers", pattern)
		}
	}
}
