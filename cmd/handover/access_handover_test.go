package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// handoverRoles extends roles with two outsiders: a member who takes no
// part in the handover and the manager of another one.
var handoverRoles = append(append([]string(nil), roles...), "outsider", "othermanager")

// handoverRoute is a handover route with the expected status per role of
// handoverRoles. In {h}'s handover "owner" hands over to the matrix's
// member, managed by its manager; {p} is its page and {t} the member's
// question about it.
type handoverRoute struct {
	method, path string
	form         url.Values
	want         [6]int
}

var (
	viewerOK   = [6]int{seeOther, ok, ok, ok, notFound, notFound}
	managerGet = [6]int{seeOther, forbid, ok, ok, notFound, notFound}
	managerSet = [6]int{unauth, forbid, seeOther, seeOther, notFound, notFound}
	peopleSet  = [6]int{unauth, seeOther, seeOther, seeOther, notFound, notFound}
)

var handoverForm = url.Values{"title": {"Ops"}, "outgoing": {"owner"}, "incoming": {"member"}, "manager": {"manager"},
	"start": {"2030-01-06"}, "due": {"2030-01-31"}, "scope": {"{p}"}}

var handoverRoutes = []handoverRoute{
	{"GET", "/handovers", nil, [6]int{seeOther, ok, ok, ok, ok, ok}},
	{"GET", "/handovers/new", nil, [6]int{seeOther, forbid, ok, ok, forbid, ok}},
	{"POST", "/handovers", handoverForm, [6]int{unauth, forbid, seeOther, seeOther, forbid, seeOther}},
	{"GET", "/handovers/{h}", nil, viewerOK},
	{"GET", "/handovers/{h}/crisis-kit", nil, viewerOK},
	{"GET", "/handovers/{h}/edit", nil, managerGet},
	{"POST", "/handovers/{h}/edit", handoverForm, managerSet},
	{"POST", "/handovers/{h}/close", nil, managerSet},
	{"POST", "/handovers/{h}/reopen", nil, managerSet},
	{"POST", "/handovers/{h}/watch", nil, peopleSet},
	{"POST", "/handovers/{h}/unwatch", nil, peopleSet},
	{"POST", "/handovers/{h}/checklist", url.Values{"text": {"Hand over the keys"}}, managerSet},
	{"POST", "/handovers/{h}/checklist/1", url.Values{"text": {"Scope agreed"}, "owner": {"manager"}}, managerSet},
	{"POST", "/handovers/{h}/checklist/1/delete", nil, managerSet},
	{"POST", "/handovers/{h}/checklist/1/done", url.Values{"done": {"on"}}, managerSet},
	{"POST", "/handovers/{h}/checklist/7/done", url.Values{"done": {"on"}}, peopleSet}, // the member's own item
	{"POST", "/ack/{p}", url.Values{"rev": {"1"}}, [6]int{unauth, seeOther, forbid, forbid, forbid, forbid}},
	{"GET", "/ask/{p}", nil, [6]int{seeOther, ok, ok, ok, forbid, forbid}},
	{"POST", "/ask/{p}", url.Values{"text": {"Why?"}}, [6]int{unauth, seeOther, seeOther, seeOther, forbid, forbid}},
	{"GET", "/threads", nil, [6]int{seeOther, ok, ok, ok, ok, ok}},
	{"GET", "/threads/{t}", nil, viewerOK},
	{"POST", "/threads/{t}/reply", url.Values{"text": {"Because."}}, peopleSet},
	{"POST", "/threads/{t}/resolve", nil, peopleSet},
	{"POST", "/threads/{t}/reopen", nil, peopleSet},
}

func TestHandoverAccessMatrix(t *testing.T) {
	app := newTestApp(t)
	for name, role := range map[string]wiki.Role{"owner": wiki.RoleMember, "member": wiki.RoleMember, "manager": wiki.RoleManager,
		"admin": wiki.RoleAdmin, "outsider": wiki.RoleMember, "othermanager": wiki.RoleManager} {
		app.AddUser(name, role)
	}
	clients := []*webtest.Client{app.Anonymous()}
	for _, name := range handoverRoles[1:] {
		clients = append(clients, app.Login(name))
	}
	for i, rt := range handoverRoutes {
		for r, role := range handoverRoles {
			page := fmt.Sprintf("homatrix/%d-%s", i, role)
			vars := app.seedMatrixHandover(page)
			path, form := vars.Replace(rt.path), url.Values{}
			for k, vs := range rt.form {
				form[k] = []string{vars.Replace(vs[0])}
			}
			t.Run(rt.method+" "+rt.path+" as "+role, func(t *testing.T) {
				resp := request(clients[r], rt.method, path, form, page)
				if resp.StatusCode != rt.want[r] {
					t.Errorf("%s %s as %s = %d, want %d", rt.method, path, role, resp.StatusCode, rt.want[r])
				}
				if role == "outsider" || role == "othermanager" {
					if strings.Contains(resp.Body, "Matrix handover") || strings.Contains(resp.Body, "Which step?") {
						t.Errorf("%s %s as %s shows the handover or its question", rt.method, path, role)
					}
				}
			})
		}
	}
}

// seedMatrixHandover stores page, a handover over it and the member's
// question about it, and returns the replacer of {p}, {h} and {t}.
func (a *testApp) seedMatrixHandover(page string) *strings.Replacer {
	a.t.Helper()
	a.SavePage(page, "# Page\n\n## Steps\n\nDo it.\n")
	qs := a.Quiz
	manager, _ := a.Main.Store.UserByName("manager")
	member, _ := a.Main.Store.UserByName("member")
	now := a.Main.Store.Now()
	h := &quiz.Handover{Title: "Matrix handover", Outgoing: []string{"owner"}, Incoming: []string{"member"},
		Manager: "manager", Start: now, Due: now.AddDate(0, 0, 14), Scope: []string{page}}
	if err := qs.CreateHandover(h, manager); err != nil {
		a.t.Fatal(err)
	}
	p, _ := a.Main.Store.Page(page)
	th, err := qs.CreateThread(p, "steps", member, "Which step?")
	if err != nil {
		a.t.Fatal(err)
	}
	return strings.NewReplacer("{p}", page, "{h}", fmt.Sprint(h.ID), "{t}", fmt.Sprint(th.ID))
}
