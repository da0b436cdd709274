package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func newPageApp(t *testing.T) (*webtest.App, *webtest.Client) {
	t.Helper()
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("it-ops/runbooks/disk-full", "# Disk full\n")
	app.SavePage("it-ops/handover", "# IT operations handover\n")
	return app, app.Login("alex")
}

// TestNewPageByTitle: "New page" takes a title and a folder and opens
// the editor at the address made from the title, without JavaScript.
func TestNewPageByTitle(t *testing.T) {
	_, alex := newPageApp(t)
	form := alex.Get("/new?parent=it-ops/runbooks")
	webtest.WantStatus(t, "new page form", form, http.StatusOK)
	webtest.MustContain(t, "new page form", form.Body, `name="title"`, `name="slug"`,
		`<option value="it-ops/runbooks" selected>it-ops/runbooks/</option>`, `<option value="it-ops">it-ops/</option>`)

	r := alex.Get("/new?create=1&parent=it-ops/runbooks&slug=&template=runbook&title=" + url.QueryEscape("Redis Restart"))
	webtest.WantStatus(t, "create by title", r, http.StatusSeeOther)
	want := "/edit/it-ops/runbooks/redis-restart?title=Redis+Restart&template=runbook"
	if got := r.Header.Get("Location"); got != want {
		t.Fatalf("create by title → %q, want %q", got, want)
	}
	edit := alex.Get(want)
	webtest.MustContain(t, "editor of the new page", edit.Body, `value="Redis Restart"`)
}

// TestNewPageAddress: a derived address that is taken gets "-2"; a typed
// one that is taken, no title or a title without letters re-show the
// form with what was typed and a plain reason.
func TestNewPageAddress(t *testing.T) {
	_, alex := newPageApp(t)
	tests := []struct {
		name, query string
		status      int
		want        string // Location, or a snippet of the form
	}{
		{"derived, free", "title=Disk+usage&parent=it-ops/runbooks", http.StatusSeeOther, "/edit/it-ops/runbooks/disk-usage?"},
		{"derived, taken", "title=Disk+Full&parent=it-ops/runbooks", http.StatusSeeOther, "/edit/it-ops/runbooks/disk-full-2?"},
		{"typed address", "title=Disk+Full&parent=it-ops&slug=Runbooks/Disks", http.StatusSeeOther, "/edit/it-ops/runbooks/disks?"},
		{"top level", "title=Key+contacts&parent=", http.StatusSeeOther, "/edit/key-contacts?"},
		{"unicode title", "title=" + url.QueryEscape("Über uns") + "&parent=", http.StatusSeeOther, "/edit/%C3%BCber-uns?"},
		{"typed, taken", "title=Disk+Full&parent=it-ops/runbooks&slug=disk-full", http.StatusConflict, "A page already exists at it-ops/runbooks/disk-full"},
		{"no title", "title=&parent=it-ops", http.StatusBadRequest, "Give the page a title."},
		{"no letters", "title=%21%21%21&parent=it-ops", http.StatusBadRequest, "type the address yourself"},
		{"bad address", "title=X&parent=it-ops&slug=a+b", http.StatusBadRequest, "may only contain letters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := alex.Get("/new?create=1&" + tc.query)
			webtest.WantStatus(t, tc.name, r, tc.status)
			if tc.status == http.StatusSeeOther {
				if got := r.Header.Get("Location"); !strings.HasPrefix(got, tc.want) {
					t.Errorf("%s → %q, want %q…", tc.query, got, tc.want)
				}
				return
			}
			webtest.MustContain(t, tc.name, r.Body, tc.want, `name="create" value="1"`)
		})
	}
}

// TestTitleLinks: [[Database Failover]] links to database-failover; while
// the page is missing the link opens the new-page form with the title
// filled in (it answered 400 before), and once written it is a
// backlink like any other.
func TestTitleLinks(t *testing.T) {
	app, alex := newPageApp(t)
	app.SavePage("it-ops/risks", "# Risks\n\nSee [[Database Failover]] and [[it-ops/Redis Restart|restarts]].\n")
	page := alex.Get("/wiki/it-ops/risks")
	webtest.MustContain(t, "page with title links", page.Body,
		`<a href="/wiki/database-failover?title=Database+Failover" class="wikilink missing" title="Page does not exist yet">Database Failover</a>`,
		`href="/wiki/it-ops/redis-restart?title=Redis+Restart" class="wikilink missing"`,
		`href="/new?parent=it-ops"`)

	missing := alex.Get("/wiki/database-failover?title=Database+Failover")
	webtest.WantStatus(t, "missing page of a title link", missing, http.StatusNotFound)
	webtest.MustContain(t, "missing page of a title link", missing.Body,
		`name="title" type="text" value="Database Failover"`, `name="slug" type="text" value="database-failover"`,
		`<option value="" selected>Top level</option>`)
	nested := alex.Get("/wiki/it-ops/redis-restart?title=Redis+Restart")
	webtest.MustContain(t, "missing page under a folder", nested.Body,
		`value="Redis Restart"`, `<option value="it-ops" selected>`)

	r := alex.Get("/new?create=1&title=Database+Failover&parent=&slug=database-failover")
	if got := r.Header.Get("Location"); got != "/edit/database-failover?title=Database+Failover" {
		t.Fatalf("create from the link's form → %d %q", r.StatusCode, got)
	}
	app.SavePage("database-failover", "# Database Failover\n")
	webtest.MustContain(t, "page after the target exists", alex.Get("/wiki/it-ops/risks").Body,
		`<a href="/wiki/database-failover" class="wikilink">Database Failover</a>`)
	back, err := app.Store.Backlinks("database-failover")
	if err != nil || len(back) != 1 || back[0].Path != "it-ops/risks" {
		t.Errorf("Backlinks(database-failover) = %v, %v; want it-ops/risks", back, err)
	}
}

// TestTitleAddresses: /wiki/Database Failover (typed, or a link rendered
// without the wiki's resolver, as in quiz questions) goes to the page the
// title names, or to its new-page form; what makes no address still says
// why.
func TestTitleAddresses(t *testing.T) {
	_, alex := newPageApp(t)
	tests := []struct{ path, location string }{
		{"/wiki/Database%20Failover", "/wiki/database-failover?title=Database+Failover"},
		{"/wiki/it-ops/runbooks/Disk%20Full", "/wiki/it-ops/runbooks/disk-full"},
	}
	for _, tc := range tests {
		r := alex.Get(tc.path)
		webtest.WantStatus(t, tc.path, r, http.StatusFound)
		if got := r.Header.Get("Location"); got != tc.location {
			t.Errorf("GET %s → %q, want %q", tc.path, got, tc.location)
		}
	}
	r := alex.Get("/wiki/%21%21%21")
	webtest.WantStatus(t, "no letters", r, http.StatusNotFound)
	webtest.MustContain(t, "no letters", r.Body, "That is not a page address")
}
