package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// dashboardRoles are the people of the readiness access matrix: outside
// the handover (anonymous, a member, another manager), inside it (alex
// outgoing, sam incoming, morgan its manager) and an admin.
var dashboardRoles = []string{"anonymous", "member", "alex", "sam", "morgan", "pat", "admin"}

// dashboardRoutes is every readiness route with the expected status per
// role in dashboardRoles' order. {id} is the handover. Readiness is shown to
// the person, the manager and admins; someone outside the handover is told
// it does not exist; the coverage map and question statistics are for the
// outgoing owner, the manager and admins.
var dashboardRoutes = []struct {
	method, path string
	want         [7]int
}{
	{"GET", "/handovers/overview", [7]int{seeOther, forbid, forbid, forbid, ok, ok, ok}},
	{"GET", "/handovers/{id}/dashboard", [7]int{seeOther, notFound, forbid, ok, ok, notFound, ok}},
	{"GET", "/handovers/{id}/readiness.csv", [7]int{seeOther, notFound, forbid, ok, ok, notFound, ok}},
	{"GET", "/handovers/{id}/coverage", [7]int{seeOther, notFound, ok, forbid, ok, notFound, ok}},
	{"GET", "/handovers/{id}/questions", [7]int{seeOther, notFound, ok, forbid, ok, notFound, ok}},
	{"GET", "/handovers/{id}/progress", [7]int{seeOther, notFound, forbid, ok, forbid, notFound, forbid}},
	{"GET", "/quiz/stats/ops/failover", [7]int{seeOther, forbid, ok, forbid, ok, forbid, ok}},
	{"GET", "/progress", [7]int{seeOther, ok, ok, ok, ok, ok, ok}},
	{"POST", "/progress/recheck/ops/failover", [7]int{unauth, forbid, forbid, forbid, forbid, forbid, forbid}},
	{"GET", "/api/handovers", [7]int{unauth, ok, ok, ok, ok, ok, ok}},
	{"GET", "/api/handovers/{id}/readiness", [7]int{unauth, notFound, forbid, ok, ok, notFound, ok}},
}

// readinessApp is quiztest's readiness fixture on the whole program.
type readinessApp struct {
	*testApp
	*quiztest.Readiness
}

func newReadinessApp(t *testing.T) *readinessApp {
	t.Helper()
	a := newTestApp(t)
	return &readinessApp{testApp: a, Readiness: a.SeedReadiness()}
}

func TestDashboardAccessMatrix(t *testing.T) {
	app := newReadinessApp(t)
	clients := map[string]*webtest.Client{"anonymous": app.Anonymous()}
	for _, name := range dashboardRoles[1:] {
		clients[name] = app.Login(name)
	}
	for _, rt := range dashboardRoutes {
		path := strings.ReplaceAll(rt.path, "{id}", app.URL("%d"))
		for i, role := range dashboardRoles {
			resp := request(clients[role], rt.method, path, nil, "")
			if resp.StatusCode != rt.want[i] {
				t.Errorf("%s %s as %s = %d, want %d", rt.method, path, role, resp.StatusCode, rt.want[i])
			}
			if strings.HasPrefix(path, "/api/") && resp.StatusCode >= 400 && !strings.Contains(resp.Body, `"error"`) {
				t.Errorf("%s %s as %s: body %q is not a JSON error", rt.method, path, role, resp.Body)
			}
		}
	}
}

// TestReadinessAPIShowsOnlyOwnRow: an incoming owner sees their own
// readiness (by session or token), another manager sees no handover.
func TestReadinessAPIShowsOnlyOwnRow(t *testing.T) {
	app := newReadinessApp(t)
	_, secret, err := app.Main.Store.CreateToken(app.Users["sam"].ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	bearer := map[string]string{"Authorization": "Bearer " + secret}
	resp := app.Anonymous().Send("GET", app.URL("/api/handovers/%d/readiness"), "", "", bearer)
	var doc struct {
		People []struct{ User string } `json:"people"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &doc); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("sam's token: %d %s", resp.StatusCode, resp.Body)
	}
	if len(doc.People) != 1 || doc.People[0].User != "sam" {
		t.Errorf("sam sees %+v, want only sam", doc.People)
	}
	list := func(name string) string { return app.Login(name).Get("/api/handovers").Body }
	if body := list("pat"); strings.TrimSpace(body) != `{"handovers":[]}` {
		t.Errorf("pat's list = %s, want none", body)
	}
	if body := list("morgan"); !strings.Contains(body, `"status":"not_ready"`) || !strings.Contains(body, `"title":"Database operations"`) {
		t.Errorf("morgan's list = %s, want the handover, not_ready", body)
	}
	if body := list("jo"); !strings.Contains(body, `"status":"ready"`) {
		t.Errorf("jo's list = %s, want the handover as jo sees it: ready", body)
	}
}
