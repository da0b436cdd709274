package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestWatchAndNotifications walks the in-app flow: sam watches a page from
// its view, alex edits it, sam sees a notification and the unread count,
// marks it read; alex, the author, gets nothing.
func TestWatchAndNotifications(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	alex, sam := app.Login("alex"), app.Login("sam")

	if body := sam.Get("/wiki/ops/db").Body; !strings.Contains(body, `action="/watch/ops/db"`) {
		t.Fatalf("the page view has no watch button")
	}
	for _, c := range []*webtest.Client{sam, alex} {
		if resp := c.PostForm("/watch/ops/db", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /watch = %d", resp.StatusCode)
		}
	}
	if body := sam.Get("/wiki/ops/db").Body; !strings.Contains(body, `action="/unwatch/ops/db"`) {
		t.Errorf("after watching, the page offers no unwatch button")
	}
	if resp := alex.PostForm("/edit/ops/db", url.Values{"markdown": {"# DB\n\nnew"}, "base_revision": {"1"}, "comment": {"<b>steps</b>"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("alex's save = %d", resp.StatusCode)
	}
	if err := app.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	page := sam.Get("/notifications")
	for _, want := range []string{"alex edited “DB”: &lt;b&gt;steps&lt;/b&gt;", `href="/diff/ops/db?from=1&amp;to=2"`, `<span class="count">1<`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("sam's notifications page lacks %q", want)
		}
	}
	if body := alex.Get("/notifications").Body; strings.Contains(body, "edited") {
		t.Errorf("the author was notified of their own edit")
	}
	id := regexp.MustCompile(`action="/notifications/(\d+)/read"`).FindStringSubmatch(page.Body)
	if id == nil {
		t.Fatal("no mark-read button")
	}
	if resp := sam.PostForm("/notifications/"+id[1]+"/read", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark read = %d", resp.StatusCode)
	}
	if body := sam.Get("/wiki/ops/db").Body; strings.Contains(body, `class="count"`) {
		t.Errorf("the unread count is still shown after marking read")
	}
	if resp := alex.PostForm("/notifications/"+id[1]+"/read", url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("alex marks sam's notification read = %d, want 404", resp.StatusCode)
	}
}

func TestAccountEmail(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	u := app.AddUser("sam", wiki.RoleMember)
	app.AddUser("root", wiki.RoleAdmin)
	sam := app.Login("sam")
	if resp := sam.PostForm("/account/email", url.Values{"email": {"not-an-address"}}); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(resp.Body, "not an e-mail address") {
		t.Errorf("bad address = %d, want 400 with the reason", resp.StatusCode)
	}
	if resp := sam.PostForm("/account/email", url.Values{"email": {"sam@example.com"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("set address = %d, want 303", resp.StatusCode)
	}
	if got, _ := app.Store.User(u.ID); got.Email != "sam@example.com" {
		t.Errorf("Email = %q after setting it", got.Email)
	}
	root := app.Login("root")
	form := url.Values{"email": {"s@example.org"}, "role": {"member"}, "status": {"active"}}
	if resp := root.PostForm("/admin/users/"+strconv.FormatUint(u.ID, 10), form); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin sets the address = %d", resp.StatusCode)
	}
	if got, _ := app.Store.User(u.ID); got.Email != "s@example.org" {
		t.Errorf("Email = %q after the admin set it", got.Email)
	}
}
