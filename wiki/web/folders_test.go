package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
	"github.com/handover/handover/wiki/web/webtest"
)

var treePages = []string{"home", "it-ops/handover", "it-ops/runbooks/disk-full",
	"it-ops/runbooks/vpn-outage", "it-ops/crisis/major-outage", "social/calendar"}

func treeApp(t *testing.T, opts webtest.Options) *webtest.App {
	t.Helper()
	app := webtest.New(t, opts)
	app.AddUser("alex", wiki.RoleMember)
	for _, p := range treePages {
		app.SavePage(p, "# "+wiki.TitleFromPath(p)+"\n")
	}
	return app
}

// TestFolders: a path with pages below it and none of its own lists
// them (200, not 404), so that no breadcrumb leads nowhere; a path with
// nothing below it is still a missing page.
func TestFolders(t *testing.T) {
	app := treeApp(t, webtest.Options{})
	alex := app.Login("alex")
	r := alex.Get("/wiki/it-ops")
	webtest.WantStatus(t, "folder it-ops", r, http.StatusOK)
	webtest.MustContain(t, "folder it-ops", r.Body, "A folder of 4 pages",
		`href="/wiki/it-ops/runbooks/disk-full"`, `href="/wiki/it-ops/crisis"`, "<details open>",
		`href="/new?parent=it-ops"`, `href="/new?parent=&amp;slug=it-ops&amp;title=It%20ops"`)
	if strings.Contains(r.Body, "social/calendar") {
		t.Error("folder it-ops lists a page outside it")
	}
	webtest.WantStatus(t, "missing page", alex.Get("/wiki/it-ops/nothing"), http.StatusNotFound)

	for _, p := range treePages {
		for _, c := range web.Breadcrumbs(p) {
			webtest.WantStatus(t, "breadcrumb "+c.URL+" of "+p, alex.Get(c.URL), http.StatusOK)
		}
	}
}

// TestFoldersPublicRead: anonymous readers see the folder, without the
// buttons that need an account.
func TestFoldersPublicRead(t *testing.T) {
	app := treeApp(t, webtest.Options{PublicRead: true})
	r := app.Anonymous().Get("/wiki/it-ops/runbooks")
	webtest.WantStatus(t, "folder, anonymous", r, http.StatusOK)
	webtest.MustContain(t, "folder, anonymous", r.Body, `href="/wiki/it-ops/runbooks/vpn-outage"`)
	if strings.Contains(r.Body, "New page in this folder") {
		t.Error("an anonymous reader is offered a new page")
	}
}

// TestAllPagesTree: All pages is the page tree, folders collapsible
// with <details> (no JavaScript), pages under their folders.
func TestAllPagesTree(t *testing.T) {
	app := treeApp(t, webtest.Options{})
	body := app.Login("alex").Get("/pages").Body
	doc := webtest.ParseHTML(t, body)
	itops := webtest.FindByAttr(doc, "href", "/wiki/it-ops")
	if itops == nil || itops.Parent.Data != "summary" {
		t.Fatalf("All pages: no folder it-ops as a <summary>:\n%s", body)
	}
	details := itops.Parent.Parent
	for _, p := range []string{"/wiki/it-ops/handover", "/wiki/it-ops/runbooks/disk-full", "/wiki/it-ops/crisis/major-outage"} {
		if webtest.FindByAttr(details, "href", p) == nil {
			t.Errorf("All pages: %s is not inside the it-ops folder", p)
		}
	}
	if webtest.FindByAttr(details, "href", "/wiki/social/calendar") != nil {
		t.Error("All pages: social/calendar is inside it-ops")
	}
	webtest.MustContain(t, "filtered", app.Login("alex").Get("/pages?prefix=social/").Body, `href="/wiki/social/calendar"`)
}
