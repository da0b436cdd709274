package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
)

// TestWatchAndNotifications walks the in-app flow: sam watches a page from
// its view, alex edits it, sam sees a notification and the unread count,
// marks it read; alex, the author, gets nothing.
func TestWatchAndNotifications(t *testing.T) {
	app := newTestApp(t)
	app.addUser("alex", wiki.RoleMember)
	app.addUser("sam", wiki.RoleMember)
	app.savePage("ops/db", "# DB")
	alex, sam := app.login("alex"), app.login("sam")

	if body := sam.get("/wiki/ops/db").Body; !strings.Contains(body, `action="/watch/ops/db"`) {
		t.Fatalf("the page view has no watch button")
	}
	for _, c := range []*client{sam, alex} {
		if resp := c.postForm("/watch/ops/db", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /watch = %d", resp.StatusCode)
		}
	}
	if body := sam.get("/wiki/ops/db").Body; !strings.Contains(body, `action="/unwatch/ops/db"`) {
		t.Errorf("after watching, the page offers no unwatch button")
	}
	if resp := alex.postForm("/edit/ops/db", url.Values{"markdown": {"# DB\n\nnew"}, "base_revision": {"1"}, "comment": {"<b>steps</b>"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("alex's save = %d", resp.StatusCode)
	}
	if err := app.Main.Notifier.Flush(); err != nil {
		t.Fatal(err)
	}
	page := sam.get("/notifications")
	for _, want := range []string{"alex edited “DB”: &lt;b&gt;steps&lt;/b&gt;", `href="/diff/ops/db?from=1&amp;to=2"`, `<span class="count">1<`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("sam's notifications page lacks %q", want)
		}
	}
	if body := alex.get("/notifications").Body; strings.Contains(body, "edited") {
		t.Errorf("the author was notified of their own edit")
	}
	id := regexp.MustCompile(`action="/notifications/(\d+)/read"`).FindStringSubmatch(page.Body)
	if id == nil {
		t.Fatal("no mark-read button")
	}
	if resp := sam.postForm("/notifications/"+id[1]+"/read", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark read = %d", resp.StatusCode)
	}
	if body := sam.get("/wiki/ops/db").Body; strings.Contains(body, `class="count"`) {
		t.Errorf("the unread count is still shown after marking read")
	}
	if resp := alex.postForm("/notifications/"+id[1]+"/read", url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("alex marks sam's notification read = %d, want 404", resp.StatusCode)
	}
}

func TestAccountEmail(t *testing.T) {
	app := newTestApp(t)
	u := app.addUser("sam", wiki.RoleMember)
	app.addUser("root", wiki.RoleAdmin)
	sam := app.login("sam")
	if resp := sam.postForm("/account/email", url.Values{"email": {"not-an-address"}}); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(resp.Body, "not an e-mail address") {
		t.Errorf("bad address = %d, want 400 with the reason", resp.StatusCode)
	}
	if resp := sam.postForm("/account/email", url.Values{"email": {"sam@example.com"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("set address = %d, want 303", resp.StatusCode)
	}
	if got, _ := app.Main.Store.User(u.ID); got.Email != "sam@example.com" {
		t.Errorf("Email = %q after setting it", got.Email)
	}
	root := app.login("root")
	form := url.Values{"email": {"s@example.org"}, "role": {"member"}, "status": {"active"}}
	if resp := root.postForm("/admin/users/"+strconv.FormatUint(u.ID, 10), form); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin sets the address = %d", resp.StatusCode)
	}
	if got, _ := app.Main.Store.User(u.ID); got.Email != "s@example.org" {
		t.Errorf("Email = %q after the admin set it", got.Email)
	}
}

func TestFollowFlags(t *testing.T) {
	t.Setenv("HANDOVER_SMTP_PASSWORD", "s3cret")
	t.Setenv("HANDOVER_MAX_UPLOAD", "5MiB")
	var cfg Config
	if err := parseFlags(serveFlags(&cfg, io.Discard), []string{"--smtp-addr", "mail.example.com:587", "--smtp-from", "wiki@example.com"}); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxUpload != 5<<20 || cfg.SMTPPassword != "s3cret" || cfg.SMTPAddr != "mail.example.com:587" {
		t.Errorf("config = max %d, password %q, addr %q", cfg.MaxUpload, cfg.SMTPPassword, cfg.SMTPAddr)
	}
	var bad Config
	if err := parseFlags(serveFlags(&bad, io.Discard), []string{"--max-upload", "lots"}); err == nil {
		t.Error("--max-upload lots was accepted")
	}
}
