package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func TestEditConflictKeepsText(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/db", "# DB\n\noriginal\n")
	alex, sam := app.Login("alex"), app.Login("sam")
	if r := alex.PostForm("/edit/ops/db", url.Values{"markdown": {"# DB\n\nalex's edit\n"}, "base_revision": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("alex's save = %d, want 303", r.StatusCode)
	}
	r := sam.PostForm("/edit/ops/db", url.Values{"markdown": {"# DB\n\nsam's <b>careful</b> edit\n"}, "base_revision": {"1"}})
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("sam's stale save = %d, want 409", r.StatusCode)
	}
	for _, want := range []string{"sam&#39;s &lt;b&gt;careful&lt;/b&gt; edit", "alex&#39;s edit", `name="base_revision" value="2"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("conflict view lacks %q", want)
		}
	}
	p, _ := app.Store.Page("ops/db")
	if text, _ := app.Store.CurrentText(p); !strings.Contains(text, "alex's edit") {
		t.Errorf("the stale save overwrote the page: %q", text)
	}
}

func TestAPIPages(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	u := app.AddUser("alex", wiki.RoleMember)
	_, token, err := app.Store.CreateToken(u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	api := app.Anonymous()
	auth := map[string]string{"Authorization": "Bearer " + token}
	put := func(body string) *webtest.Response {
		return api.Send(http.MethodPut, "/api/pages/ops/db", "application/json", body, auth)
	}
	if r := put(`{"markdown": "# DB\n\nv1", "base_revision": 0, "comment": "new"}`); r.StatusCode != http.StatusOK {
		t.Fatalf("PUT new page = %d %s", r.StatusCode, r.Body)
	}
	r := api.Send(http.MethodGet, "/api/pages/ops/db", "", "", auth)
	var page struct {
		Path, Title, Markdown, Owner string
		Revision                     int
		Tags                         []string
	}
	if err := json.Unmarshal([]byte(r.Body), &page); err != nil || page.Revision != 1 || page.Title != "DB" || page.Tags == nil {
		t.Fatalf("GET = %s (%v), want revision 1 titled DB with tags []", r.Body, err)
	}
	if r := put(`{"markdown": "v2", "base_revision": 1}`); r.StatusCode != http.StatusOK {
		t.Fatalf("PUT update = %d %s", r.StatusCode, r.Body)
	}
	r = put(`{"markdown": "stale", "base_revision": 1}`)
	if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, `"revision":2`) {
		t.Errorf("stale PUT = %d %s, want 409 naming revision 2", r.StatusCode, r.Body)
	}
	for _, tc := range []struct{ body, want string }{
		{`{"markdown": 5}`, "invalid JSON"},
		{`{"nope": 1}`, "invalid JSON"},
		{`{}`, "markdown"},
	} {
		if r := put(tc.body); r.StatusCode != http.StatusBadRequest || !strings.Contains(r.Body, tc.want) {
			t.Errorf("PUT %s = %d %s, want 400 mentioning %q", tc.body, r.StatusCode, r.Body, tc.want)
		}
	}
	if r := api.Send(http.MethodGet, "/api/pages/ops/db", "", "", map[string]string{"Authorization": "Bearer hov_wrong"}); r.StatusCode != http.StatusUnauthorized || !strings.Contains(r.Body, `"error"`) {
		t.Errorf("bad token = %d %s, want 401 with a JSON error", r.StatusCode, r.Body)
	}
	if r := api.Send(http.MethodGet, "/api/pages/missing", "", "", auth); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Body, `"error"`) {
		t.Errorf("missing page = %d %s, want 404 with a JSON error", r.StatusCode, r.Body)
	}
}

// TestHTMLInjection puts script payloads everywhere a page echoes user
// input and checks none comes back as live HTML.
func TestHTMLInjection(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	c := app.Login("alex")
	payload := `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
	form := url.Values{
		"title":         {payload},
		"tags":          {payload},
		"owner":         {payload},
		"comment":       {payload},
		"base_revision": {"0"},
		"markdown": {"# " + payload + "\n\n" + payload + "\n\n[x](javascript:alert(3)) [[javascript:alert(4)]] [[a|" + payload + "]]\n\n" +
			"<iframe src=//evil></iframe>\n\n## <svg onload=alert(5)>\n"},
	}
	if r := c.PostForm("/edit/xss", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d: %s", r.StatusCode, r.Body)
	}
	app.Sync()
	pages := []string{"/wiki/xss", "/history/xss", "/recent", "/pages", "/search?q=alert", "/diff/xss",
		"/edit/xss", "/wiki/" + url.PathEscape(payload), "/search?q=" + url.QueryEscape(payload), "/new?path=" + url.QueryEscape(payload)}
	for _, p := range pages {
		body := c.Get(p).Body
		for _, bad := range []string{"<script>alert", "<img src=x onerror", `href="javascript:`, "<iframe", "<svg onload", "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s contains live %q", p, bad)
			}
		}
	}
	var res struct{ Results []struct{ Snippet string } }
	if err := json.Unmarshal([]byte(c.Get("/api/search?q=alert").Body), &res); err != nil || len(res.Results) == 0 {
		t.Fatalf("search API: %v, %d results", err, len(res.Results))
	}
	for _, hit := range res.Results {
		if strings.Contains(hit.Snippet, "<script") || strings.Contains(hit.Snippet, "<img") {
			t.Errorf("search API snippet is not escaped: %q", hit.Snippet)
		}
	}
}

func TestPageFeatures(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB\n\nSee [[ops/missing]] and [[ops/other|the other page]].\n\n## Steps\n\nDo it.\n")
	app.SavePage("ops/other", "# Other\n\nBack to [[ops/db]].\n")
	c := app.Login("alex")
	body := c.Get("/wiki/ops/db").Body
	for _, want := range []string{`class="wikilink missing"`, `>the other page</a>`, `href="/wiki/ops/other"`, `id="steps"`, "Linked from", "/wiki/ops"} {
		if !strings.Contains(body, want) {
			t.Errorf("page view lacks %q", want)
		}
	}
	if r := c.PostForm("/critical/ops/db", url.Values{"section": {"steps"}, "critical": {"on"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark critical = %d", r.StatusCode)
	}
	if body := c.Get("/wiki/ops/db").Body; !strings.Contains(body, `class="critical"`) {
		t.Error("critical section not shown as critical")
	}
	if r := c.PostForm("/rename/ops/other", url.Values{"to": {"ops/renamed"}, "base_revision": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename = %d", r.StatusCode)
	}
	if r := c.Get("/wiki/ops/other"); r.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(r.Header.Get("Location"), "/wiki/ops/renamed") {
		t.Errorf("old path = %d → %q, want 301 to /wiki/ops/renamed", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.Get("/wiki/nowhere"); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Body, `name="slug" type="text" value="nowhere"`) {
		t.Errorf("missing page = %d, want 404 offering to create it", r.StatusCode)
	}
	if r := c.Get("/wiki/a//b"); r.StatusCode != http.StatusNotFound && r.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("bad path = %d", r.StatusCode)
	}
	if r := c.Get("/wiki/ops/db?rev=9"); r.StatusCode != http.StatusNotFound {
		t.Errorf("missing revision = %d, want 404", r.StatusCode)
	}
}

func TestLoginRateLimitAndLogoutEverywhere(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	first, second := app.Login("alex"), app.Login("alex")
	if r := first.PostForm("/account/logout-everywhere", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout everywhere = %d", r.StatusCode)
	}
	if r := second.Get("/account"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("other session after logout everywhere = %d, want redirect to login", r.StatusCode)
	}
	attacker := app.Anonymous()
	var last *webtest.Response
	for range 11 {
		last = attacker.PostForm("/login", url.Values{"name": {"alex"}, "password": {"wrong password!"}})
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("11th failed login = %d (Retry-After %q), want 429 with Retry-After", last.StatusCode, last.Header.Get("Retry-After"))
	}
}

// TestSearchSaysAboutForEstimatedTotals: past a few thousand hits the
// index extrapolates the count, and the page must not pretend it is exact.
func TestSearchSaysAboutForEstimatedTotals(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("sam", wiki.RoleMember)
	var reqs []wiki.SaveRequest
	for i := range 2500 {
		reqs = append(reqs, wiki.SaveRequest{Path: fmt.Sprintf("ops/restart-%d", i), Author: "alex",
			Markdown: fmt.Sprintf("# Restart service %d\n\nRestart it.\n", i)})
	}
	if _, err := app.Store.SavePages(reqs); err != nil {
		t.Fatal(err)
	}
	app.Sync()
	sam := app.Login("sam")
	if body := sam.Get("/search?q=restart").Body; !strings.Contains(body, "About ") {
		t.Errorf("search with an estimated total does not say “About”:\n%s", body)
	}
	if body := sam.Get("/search?q=2499").Body; !strings.Contains(body, "<p>2 results ") {
		t.Errorf("search with an exact total of 2 (page and section) does not say “2 results”:\n%s", body)
	}
}

// TestAPIErrorsAreJSON: a wrong method or an unknown path under /api/ is
// answered with {"error"} like every API error, not ServeMux's plain text.
func TestAPIErrorsAreJSON(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("sam", wiki.RoleMember)
	sam := app.Login("sam")
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"POST", "/api/search", http.StatusMethodNotAllowed, "GET"},
		{"DELETE", "/api/pages/home", http.StatusMethodNotAllowed, "GET, PUT"},
		{"GET", "/api/nothing-here", http.StatusNotFound, ""},
	} {
		resp := sam.Send(tc.method, tc.path, "", "", nil)
		if resp.StatusCode != tc.status || resp.Header.Get("Allow") != tc.allow ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(resp.Body, `"error":`) {
			t.Errorf("%s %s = %d, Allow %q, %q %s; want %d, Allow %q, JSON error", tc.method, tc.path, resp.StatusCode,
				resp.Header.Get("Allow"), resp.Header.Get("Content-Type"), resp.Body, tc.status, tc.allow)
		}
	}
}

// TestCreateOverDeletedPageRefused: a member who "creates" a page at the
// path of a deleted one, by the form or PUT /api/pages, is refused with
// a Conflict that says an admin can restore it, on the form or in the
// JSON error; the page stays deleted with its history, and the admin's
// restore still works.
func TestCreateOverDeletedPageRefused(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	alex := app.AddUser("alex", wiki.RoleMember)
	app.AddUser("admin", wiki.RoleAdmin)
	app.SavePage("ops/secret", "# Secret\n\nold text")
	if _, err := app.Store.DeletePage("ops/secret", "admin"); err != nil {
		t.Fatal(err)
	}
	_, token, _ := app.Store.CreateToken(alex.ID, "ci")
	c := app.Login("alex")
	form := c.PostForm("/edit/ops/secret", url.Values{"markdown": {"# Mine\n"}, "base_revision": {"0"}})
	webtest.WantStatus(t, "create by form over a deleted page", form, http.StatusConflict)
	webtest.MustContain(t, "the form", form.Body, "this page was deleted; an admin can restore it", "# Mine")
	api := app.Anonymous().Send(http.MethodPut, "/api/pages/ops/secret", "application/json",
		`{"markdown": "# Mine", "base_revision": 0}`, map[string]string{"Authorization": "Bearer " + token})
	webtest.WantStatus(t, "PUT over a deleted page", api, http.StatusConflict)
	webtest.MustContain(t, "the API error", api.Body, `"error":"this page was deleted; an admin can restore it"`)
	if p, err := app.Store.Page("ops/secret"); err == nil && !p.Deleted {
		t.Errorf("the deleted page was revived at revision %d", p.Revision)
	}
	webtest.WantStatus(t, "admin restores", app.Login("admin").PostForm("/restore/ops/secret", nil), http.StatusSeeOther)
	if p, err := app.Store.Page("ops/secret"); err != nil || p.Deleted || p.Revision != 1 {
		t.Errorf("after restore: %v, %v; want the page live at revision 1", p, err)
	}
}
