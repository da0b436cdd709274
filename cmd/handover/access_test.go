package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// route is one request of the access matrix. {p} in path or form is
// replaced by a page created fresh for each role, so state-changing
// requests do not interfere with each other.
type route struct {
	method, path string
	form         url.Values
	// want holds the expected status for anonymous, member, manager, admin.
	want [4]int
}

const (
	ok       = http.StatusOK
	seeOther = http.StatusSeeOther
	unauth   = http.StatusUnauthorized
	forbid   = http.StatusForbidden
	notFound = http.StatusNotFound
	badReq   = http.StatusBadRequest
)

var roles = []string{"anonymous", "member", "manager", "admin"}

// wikiRoutes is every wiki route with the expected outcome per role.
var wikiRoutes = []route{
	{"GET", "/", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/wiki/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/wiki/{p}?rev=1", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/edit/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/edit/{p}", url.Values{"markdown": {"changed"}, "base_revision": {"1"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/new", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/history/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/diff/{p}?from=1&to=1", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/revert/{p}", url.Values{"rev": {"1"}, "base_revision": {"1"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/rename/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/rename/{p}", url.Values{"to": {"{p}-moved"}, "base_revision": {"1"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/delete/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/delete/{p}", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/restore/{p}", nil, [4]int{unauth, forbid, forbid, http.StatusBadRequest}},
	{"POST", "/critical/{p}", url.Values{"section": {"steps"}, "critical": {"on"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/verify/{p}", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/recent", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/pages", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/admin/trash", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"GET", "/admin/users", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"POST", "/admin/users", url.Values{"name": {"newuser"}, "role": {"member"}, "password": {webtest.Password}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/account", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/account/tokens", url.Values{"name": {"ci"}}, [4]int{unauth, ok, ok, ok}},
	{"GET", "/api/pages/{p}", nil, [4]int{unauth, ok, ok, ok}},
	{"GET", "/search?q=steps", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/api/search?q=steps", nil, [4]int{unauth, ok, ok, ok}},
	{"GET", "/api/suggest?q=pa", nil, [4]int{unauth, ok, ok, ok}},
	{"GET", "/healthz", nil, [4]int{ok, ok, ok, ok}},
	{"GET", "/metrics", nil, [4]int{ok, ok, ok, ok}},
	{"GET", "/admin/backup", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"GET", "/login", nil, [4]int{ok, ok, ok, ok}},
	{"GET", "/setup?token=wrong", nil, [4]int{notFound, notFound, notFound, notFound}},
	// Attachments ({p} has f.txt, uploaded by alex), feeds, watches and
	// notifications. Empty uploads are 400: access was granted.
	{"GET", "/files/{p}/f.txt", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/attachments/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/attachments/{p}", nil, [4]int{unauth, badReq, badReq, badReq}},
	{"POST", "/delete-file/{p}/f.txt", nil, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/api/attachments/{p}", nil, [4]int{unauth, ok, ok, ok}},
	{"POST", "/api/attachments/{p}", nil, [4]int{unauth, badReq, badReq, badReq}},
	{"GET", "/feed.atom", nil, [4]int{unauth, ok, ok, ok}},
	{"GET", "/feed/{p}", nil, [4]int{unauth, ok, ok, ok}},
	{"POST", "/watch/{p}", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/unwatch/{p}", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/notifications", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/notifications/read-all", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/notifications/1/read", nil, [4]int{unauth, notFound, notFound, notFound}},
	{"POST", "/notifications/unwatch", url.Values{"kind": {"page"}, "id": {"1"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/account/email", url.Values{"email": {"a@example.com"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/account/time-zone", url.Values{"time_zone": {"Europe/Oslo"}}, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"POST", "/account/feed-token", nil, [4]int{unauth, ok, ok, ok}},
	{"POST", "/account/feed-token/revoke", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
}

// quizRoutes is every quiz route with the expected outcome per role. The
// quiz of {p} is written by another member, "author"; the matrix's member
// took it ({a} is that attempt, with an essay answer to question {q}, and
// {f} the member's flag on it). The manager manages no handover of the
// page, so sees no one's attempts.
var quizRoutes = []route{
	{"GET", "/quiz/edit/{p}", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"POST", "/quiz/settings/{p}", url.Values{"pass_mark": {"70"}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/quiz/new/{p}?section=first-steps&type=truefalse", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"POST", "/quiz/new/{p}", url.Values{"type": {"truefalse"}, "section": {"first-steps"}, "text": {"Do it?"}, "truth": {"true"}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/quiz/question/{q}", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"POST", "/quiz/question/{q}", url.Values{"section": {"first-steps"}, "text": {"Why, really?"}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"POST", "/quiz/question/{q}/confirm", nil, [4]int{unauth, forbid, forbid, seeOther}},
	{"POST", "/quiz/question/{q}/move", url.Values{"dir": {"up"}}, [4]int{unauth, forbid, forbid, seeOther}},
	{"POST", "/quiz/question/{q}/delete", nil, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/quiz/preview/{p}", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"POST", "/quiz/import/{p}", nil, [4]int{unauth, forbid, forbid, http.StatusBadRequest}},
	{"GET", "/quiz/export/{p}", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"GET", "/quiz/mine", nil, [4]int{seeOther, ok, ok, ok}},
	{"GET", "/quiz/grading", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/quiz/flags/{f}/resolve", nil, [4]int{unauth, forbid, forbid, seeOther}},
	{"GET", "/quiz/attempts/{p}", nil, [4]int{seeOther, forbid, forbid, ok}},
	{"GET", "/quiz/take/{p}", nil, [4]int{seeOther, ok, ok, ok}},
	{"POST", "/quiz/start/{p}", nil, [4]int{unauth, seeOther, seeOther, seeOther}},
	{"GET", "/quiz/attempt/{a}", nil, [4]int{seeOther, ok, notFound, ok}},
	{"POST", "/quiz/attempt/{a}", nil, [4]int{unauth, seeOther, notFound, forbid}},
	{"POST", "/quiz/attempt/{a}/flag", url.Values{"question": {"{q}"}, "kind": {"outdated"}}, [4]int{unauth, seeOther, notFound, notFound}},
	{"POST", "/quiz/attempt/{a}/grade", url.Values{"question": {"{q}"}, "credit": {"100"}}, [4]int{unauth, forbid, notFound, seeOther}},
}

func TestQuizAccessMatrix(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("author", wiki.RoleMember)
	app.AddUser("member", wiki.RoleMember)
	app.AddUser("manager", wiki.RoleManager)
	app.AddUser("admin", wiki.RoleAdmin)
	clients := []*webtest.Client{app.Anonymous(), app.Login("member"), app.Login("manager"), app.Login("admin")}
	for i, rt := range quizRoutes {
		for r, role := range roles {
			page := fmt.Sprintf("quizmatrix/%d-%s", i, role)
			app.SavePage(page, quiztest.PageMD)
			q, a, f := app.SeedQuizFor(page, "author", "member")
			ids := strings.NewReplacer("{q}", fmt.Sprint(q), "{a}", fmt.Sprint(a), "{f}", fmt.Sprint(f))
			path := ids.Replace(strings.ReplaceAll(rt.path, "{p}", page))
			form := url.Values{}
			for k, vs := range rt.form {
				form[k] = []string{ids.Replace(vs[0])}
			}
			t.Run(rt.method+" "+rt.path+" as "+role, func(t *testing.T) {
				resp := request(clients[r], rt.method, path, form, page)
				if resp.StatusCode != rt.want[r] {
					t.Errorf("%s %s as %s = %d, want %d", rt.method, path, role, resp.StatusCode, rt.want[r])
				}
			})
		}
	}
}

func TestAccessMatrix(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("member", wiki.RoleMember)
	app.AddUser("manager", wiki.RoleManager)
	app.AddUser("admin", wiki.RoleAdmin)
	clients := []*webtest.Client{app.Anonymous(), app.Login("member"), app.Login("manager"), app.Login("admin")}
	for i, rt := range wikiRoutes {
		for r, role := range roles {
			page := fmt.Sprintf("matrix/%d-%s", i, role)
			app.SavePage(page, "# Page\n\n## Steps\n\nDo it.\n")
			if _, err := app.Main.Store.AddAttachment(page, "f.txt", "alex", []byte("file")); err != nil {
				t.Fatal(err)
			}
			path := strings.ReplaceAll(rt.path, "{p}", page)
			t.Run(rt.method+" "+rt.path+" as "+role, func(t *testing.T) {
				resp := request(clients[r], rt.method, path, rt.form, page)
				if resp.StatusCode != rt.want[r] {
					t.Errorf("%s %s as %s = %d, want %d", rt.method, path, role, resp.StatusCode, rt.want[r])
				}
			})
		}
	}
}

// request sends method to path as c, with form values ({p} replaced by
// page).
func request(c *webtest.Client, method, path string, form url.Values, page string) *webtest.Response {
	if method == http.MethodGet {
		return c.Get(path)
	}
	body := url.Values{}
	for k, vs := range form {
		for _, v := range vs {
			body.Add(k, strings.ReplaceAll(v, "{p}", page))
		}
	}
	return c.PostForm(path, body)
}

func TestCrossOriginPostRefused(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("member", wiki.RoleMember)
	app.SavePage("a", "text")
	c := app.Login("member")
	req, _ := http.NewRequest(http.MethodPost, app.Server.URL+"/delete/a", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST /delete/a = %d, want 403", resp.StatusCode)
	}
	if p, _ := app.Main.Store.Page("a"); p.Deleted {
		t.Error("the cross-site POST deleted the page")
	}
}
